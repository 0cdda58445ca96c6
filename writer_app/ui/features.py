"""Attach the app's feature modules (checking, characters, export, LanguageTool) to a main window.

Each feature module defines ``install(window) -> object``; the main window stays ignorant of them and
features talk to it only through its public signals and methods.
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

FEATURE_MODULES = (
    "writer_app.ui.checking.install",
    "writer_app.ui.characters.install",
    "writer_app.ui.export_feature",
    "writer_app.ui.languagetool.install",
    "writer_app.ui.wrapped_lines",
)


def install_features(window: object) -> dict[str, object]:
    """Install every available feature into ``window``; returns them by module name."""
    installed: dict[str, object] = {}
    for module_name in FEATURE_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is None or not module_name.startswith(error.name):
                raise
            log.debug("feature %s is not available", module_name)
            continue
        installed[module_name] = module.install(window)
    return installed
