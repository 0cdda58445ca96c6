"""The About box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from writer_app import __version__


def show_about(parent: QWidget) -> None:
    """Show the app's name, version and licence."""
    QMessageBox.about(
        parent,
        QCoreApplication.translate("About", "About writer-app"),
        QCoreApplication.translate(
            "About",
            "<h3>writer-app {0}</h3><p>A writing assistant for novelists: chapters, inline grammar and "
            "spelling, characters, export.</p><p>Licensed under the GPL 3.0 or later.</p>",
        ).format(__version__),
    )
