"""Fixtures for the GUI tests: a copy of the sample project, a main window on it, recorded prompts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import writer_app.qt_compat  # noqa: F401  (before any Qt-heavy test)
from writer_app.core.sample import sample_source
from writer_app.settings import Settings


class PromptLog:
    """Stands in for the window's modal prompts: records each question and answers as configured."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.asked: list[tuple[str, object]] = []
        self.read_only = True
        self.anyway = ""  # answer to "Open Anyway / Open Read-Only / Cancel": "anyway", "read_only" or ""
        self.cp1252 = True
        self.external = "keep"
        self.recover = True
        self.close_unsaved = True
        self.manifest = "reload"

    def install(self, prompts: object) -> None:
        prompts.error = self.errors.append  # type: ignore[attr-defined]
        prompts.ask_open_read_only = self._answer("read_only")  # type: ignore[attr-defined]
        prompts.ask_open_anyway = lambda *texts: self._answer("anyway")(texts)  # type: ignore[attr-defined]
        prompts.ask_open_as_cp1252 = self._answer("cp1252")  # type: ignore[attr-defined]
        prompts.ask_external_change = self._answer("external")  # type: ignore[attr-defined]
        prompts.ask_recover = self._answer("recover")  # type: ignore[attr-defined]
        prompts.ask_close_unsaved = self._answer("close_unsaved")  # type: ignore[attr-defined]
        prompts.ask_manifest_change = self._answer("manifest")  # type: ignore[attr-defined]

    def _answer(self, name: str) -> Callable[[object], object]:
        def answer(arg: object) -> object:
            self.asked.append((name, arg))
            return getattr(self, name)

        return answer

    def names(self) -> list[str]:
        return [name for name, _arg in self.asked]


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A fresh writable copy of the bundled sample project."""
    target = tmp_path / "The Porch Light"
    shutil.copytree(sample_source(), target, ignore=shutil.ignore_patterns(".writer-app.lock", "backups"))
    return target


@pytest.fixture
def prompt_log() -> PromptLog:
    return PromptLog()


@pytest.fixture
def make_window(qtbot, prompt_log: PromptLog):
    """Build MainWindows (fast autosave) whose prompts are recorded instead of shown."""
    from writer_app.ui.main_window import MainWindow

    def make(path: Path | None = None, settings: Settings | None = None, show: bool = True) -> MainWindow:
        if settings is None:
            settings = Settings.load()
            settings.autosave_seconds = 0.5
        window = MainWindow(settings)
        qtbot.addWidget(window)
        prompt_log.install(window.prompts)
        if show:
            window.resize(1100, 700)
            window.show()
        if path is not None:
            window.open_project(path)
        return window

    return make


@pytest.fixture
def window(make_window, sample_project: Path):
    """A shown main window with the sample project open."""
    return make_window(sample_project)


def chapter_file(project_dir: Path, chapter_id: str) -> Path:
    """The file of a chapter in a project folder (ids map to chapters/<id>.md in the sample)."""
    return project_dir / "chapters" / f"{chapter_id}.md"


def type_text(qtbot, window, text: str) -> None:
    """Type at the end of the editor like a writer."""
    from PySide6.QtGui import QTextCursor

    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)


@pytest.fixture
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home folder with a Documents folder (Qt and pathlib both read $HOME)."""
    home = tmp_path_factory.mktemp("user-home")
    (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home
