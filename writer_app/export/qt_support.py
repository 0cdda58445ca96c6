"""QtGui support for the PDF writer: a QGuiApplication when none runs (the command line has none)."""

from __future__ import annotations

import os
from typing import Any


def ensure_gui_application() -> Any:
    """Return the running Qt application, creating an offscreen QGuiApplication if there is none."""
    # Imported here: the export registry imports every module of this package, and Qt should load only
    # when a PDF is actually written.
    from writer_app.qt_compat import ensure_singletons_are_safe

    ensure_singletons_are_safe()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app
