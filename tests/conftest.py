"""Suite-wide test setup: headless Qt, the real user's folders out of reach, private per-test folders.

At import time, before any writer_app module is imported, every per-user folder writer-app takes from appdirs
(config, data, cache, logs) is pointed at a temporary tree for the whole session. The redirection is written
straight into ``os.environ`` (and, where appdirs ignores the XDG variables, into ``settings.user_folder``), so
no test's ``monkeypatch.undo()`` can bring the real folders back. The real folders are fingerprinted first
and compared when the session ends: any change fails the run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support.app_folders import XDG_VARIABLES, differences, real_user_folders, snapshot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
EVAL = SHARED / "eval"

# The real user's folders, computed from the environment the suite was started with.
REAL_FOLDERS = real_user_folders()
REAL_BEFORE = snapshot(REAL_FOLDERS)
SESSION_HOME = Path(tempfile.mkdtemp(prefix="writer-app-tests-"))
for _kind, _variable in XDG_VARIABLES.items():
    (SESSION_HOME / _kind).mkdir()
    os.environ[_variable] = str(SESSION_HOME / _kind)


def _isolated_user_folder(kind: str) -> Path:
    """``settings.user_folder`` for systems whose appdirs ignores XDG: the same layout under the XDG variables."""
    variable = XDG_VARIABLES["cache" if kind == "log" else kind]
    base = Path(os.environ.get(variable) or SESSION_HOME / ("cache" if kind == "log" else kind)) / "writer-app"
    return base / "log" if kind == "log" else base


if sys.platform.startswith(("win", "darwin")):  # appdirs reads XDG only on Linux and other Unix systems
    from writer_app import settings as _settings

    _settings.user_folder = _isolated_user_folder


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if the real user's writer-app folders changed while it ran."""
    changes = differences(REAL_FOLDERS, REAL_BEFORE, snapshot(REAL_FOLDERS))
    if changes:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["The test run changed the real user's writer-app folders (a test escaped its private folders, "
                 "or another writer-app or test run used them meanwhile):", *changes[:20]]
        for line in lines:
            if reporter is not None:
                reporter.write_line(line, red=True)
            else:
                sys.stderr.write(line + "\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's temporary home."""
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_app_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point appdirs' config, data and cache folders at a fresh temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    for name, variable in XDG_VARIABLES.items():
        folder = home / name
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    return home


@pytest.fixture
def corpus_dir() -> Path:
    """The shared public-domain novels; tests that need them skip with a reason when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS
