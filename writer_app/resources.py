"""Locate the bundled resources folder in a source checkout or an installed wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def resources_dir() -> Path:
    """Return the folder that holds rules, the sample project, icons and word lists."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    spec = importlib.util.find_spec("writer_app_resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise FileNotFoundError("writer-app's resources folder is missing; reinstall the application.")


def resource_path(*parts: str) -> Path:
    """Return the path of one bundled resource, e.g. ``resource_path("rules", "confusables.toml")``."""
    return resources_dir().joinpath(*parts)
