"""Install the Characters feature into the main window: the sidebar tab and its controller."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from writer_app.ui.characters.controller import CharactersController


def install(window: Any) -> CharactersController:
    """Add the Characters tab to ``window``'s sidebar; returns the controller (``cast_changed`` signal)."""
    controller = CharactersController(window)
    window.add_sidebar_tab(controller.panel, controller.tr("Characters"))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.shutdown)
    return controller
