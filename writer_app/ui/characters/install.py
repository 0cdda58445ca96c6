"""Install the Characters feature into the main window: the sidebar tab and its controller."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from writer_app.ui.characters.controller import CharactersController

log = logging.getLogger(__name__)


def install(window: Any) -> CharactersController:
    """Add the Characters tab to ``window``'s sidebar; returns the controller (``cast_changed`` signal)."""
    controller = CharactersController(window)
    window.add_sidebar_tab(controller.panel, controller.tr("Characters"))
    controller.cast_changed.connect(lambda _cast: refresh_speller(window))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.shutdown)
    return controller


def refresh_speller(window: Any) -> None:
    """Let inline checking know the cast's names changed, so they are never flagged as misspellings."""
    try:
        from writer_app.ui.checking.install import CheckingFeature, make_config
    except ImportError:  # checking is not part of this build
        return
    feature = window.findChild(CheckingFeature) if hasattr(window, "findChild") else None
    if feature is None or getattr(window, "project", None) is None:
        return
    try:
        config = make_config(getattr(window, "settings", None), window.project)
    except Exception:  # noqa: BLE001 - a broken word list must not break cast editing
        log.exception("could not rebuild the check configuration after a cast change")
        return
    if config != feature.controller.config:
        feature.controller.set_config(config)
