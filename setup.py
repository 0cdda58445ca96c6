"""setuptools' package list: the code packages, and every folder of ``resources/`` as a data package.

Everything else lives in ``pyproject.toml``. The resource folders are listed here, computed, because
setuptools treats any folder inside a package as an importable namespace package and warns ("Package would
be ignored") about each one it was not told of; listing them by hand would break whenever a folder is added.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).resolve().parent


def resource_packages() -> list[str]:
    """``writer_app_resources`` and one dotted name per sub-folder of ``resources/``."""
    base = ROOT / "resources"
    folders = (path for path in base.rglob("*") if path.is_dir() and "__pycache__" not in path.parts)
    return ["writer_app_resources", *sorted("writer_app_resources." + ".".join(p.relative_to(base).parts) for p in folders)]


def code_packages() -> list[str]:
    """Every package under ``writer_app/``."""
    return sorted(find_packages(where=str(ROOT), include=["writer_app", "writer_app.*"]))


if __name__ == "__main__":
    setup(packages=code_packages() + resource_packages())
