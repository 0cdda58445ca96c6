"""Shared pieces of the packaging tests: the build script (loaded by path) and the wheel/sdist, built once."""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLIP = "She could of gone home before the rain.\n"  # a known slip: COULD_OF
# pytest-timeout counts fixture set-up: the first test to use the wheel's venv or the standalone build pays for
# installing PySide6 from the index or for a PyInstaller run, which on a busy 2-core machine can pass 300 s.
BUILD_TIMEOUT_S = 1200


def _load_build_script() -> ModuleType:
    """packaging/build.py as a module (``packaging`` is not a Python package, and must not shadow the PyPI one)."""
    spec = importlib.util.spec_from_file_location("writer_app_packaging_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_script = _load_build_script()


@pytest.fixture(scope="session")
def scratch() -> Iterator[Callable[[str], Path]]:
    """Make fresh folders for the whole run, outside pytest's numbered temp folders (a parallel pytest run
    prunes those, which would delete a build or a venv while these long tests use it); removed at the end."""
    root = Path(tempfile.mkdtemp(prefix="writer-app-packaging-"))
    root.chmod(0o755)  # the standalone tests run the build as an unprivileged user
    counter = itertools.count()

    def make(name: str) -> Path:
        folder = root / f"{name}-{next(counter)}"
        folder.mkdir()
        return folder

    yield make
    for path in root.rglob("*"):  # the standalone tests leave read-only folders behind
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def wheel_and_sdist(scratch: Callable[[str], Path]) -> tuple[Path, Path, str]:
    """The wheel and the sdist, built once per run with ``python -m build``, and the build's output."""
    return build_script.build_wheel_and_sdist(scratch("dist"))


def required_tool(name: str) -> str:
    """The path of a command-line tool; skip when it is absent, except in CI (WRITER_APP_CI=1), where it fails."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("WRITER_APP_CI") == "1":
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed (Debian: apt-get install desktop-file-utils appstream)")
    return path
