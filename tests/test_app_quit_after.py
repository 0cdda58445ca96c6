"""app.py: WRITER_APP_QUIT_AFTER_MS makes the editor quit by itself (smoke tests of the built artifacts)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer_app.app import QUIT_AFTER_VARIABLE, quit_after_ms

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("value", "expected"), [("", None), ("0", 0), ("1500", 1500), (" 250 ", 250)])
def test_quit_after_reads_whole_milliseconds(value: str, expected: int | None) -> None:
    assert quit_after_ms({QUIT_AFTER_VARIABLE: value}) == expected


def test_quit_after_is_off_without_the_variable() -> None:
    assert quit_after_ms({}) is None


@pytest.mark.parametrize("value", ["soon", "-5", "1.5"])
def test_a_bad_quit_after_value_is_ignored_with_a_warning(value: str, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="writer_app.app"):
        assert quit_after_ms({QUIT_AFTER_VARIABLE: value}) is None
    assert QUIT_AFTER_VARIABLE in caplog.text


def test_the_editor_quits_by_itself_and_saves_the_sample_copy(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **{QUIT_AFTER_VARIABLE: "0"})
    run = subprocess.run([sys.executable, "-m", "writer_app"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=90)
    assert run.returncode == 0, run.stderr[-2000:]
    sample_copy = list(Path(os.environ["XDG_DATA_HOME"]).rglob("project.json"))
    assert sample_copy, "the editor did not open the sample project before quitting"
