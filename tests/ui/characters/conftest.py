"""A stand-in main window with the contract's signals and methods, and a small project, for panel tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.fake_window import FakeMainWindow
from writer_app.core.project import Project
from writer_app.ui.editor import ChapterEditor

CHAPTERS = [
    ("Arrival", "Elena stepped off the ferry. Damon waved.\nElena's bag was heavy, and Lena smiled at him."),
    ("Storm", "The storm came. Nobody went out.\nKat wrote a letter to Marguerite. Marguerite never answered."),
    ("Return", "Damon fixed the roof while Elena watched.\nLater Elena and Damon ate. Marguerite called."),
]


class FakeWindow(FakeMainWindow):
    """Implements the parts of ``MainWindow`` the Characters feature uses."""

    def __init__(self) -> None:
        super().__init__()
        self.editor = ChapterEditor()
        self.setCentralWidget(self.editor)
        self.project: Project | None = None
        self.unsaved: dict[str, str] = {}  # texts of chapters left before their save was confirmed
        self.resize(1100, 700)

    def open_project(self, project: Project) -> None:
        self.project = project
        self.project_opened.emit(project)
        self.open_chapter(project.chapters[0].id)

    def open_chapter(self, chapter_id: str) -> None:
        assert self.project is not None
        self.current_chapter = self.project.chapter_by_id(chapter_id)
        self.editor.set_chapter_text(self.project.read_chapter(self.current_chapter))
        self.chapter_opened.emit(chapter_id)

    def unsaved_chapter_texts(self) -> dict[str, str]:
        return dict(self.unsaved)

    def chapter_text(self, chapter_id: str) -> str:
        assert self.project is not None
        if self.current_chapter is not None and self.current_chapter.id == chapter_id:
            return self.editor.text()
        return self.project.read_chapter(self.project.chapter_by_id(chapter_id))


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "novel", "Novel", first_chapter=None)
    for title, text in CHAPTERS:
        project.add_chapter(title, text)
    project.cast = [
        {"name": "Elena", "aliases": ["Lena"], "color": "#3b82f6", "notes": ""},
        {"name": "Damon", "aliases": [], "color": "#ef4444", "notes": ""},
        {"name": "Kat", "aliases": [], "color": "#a855f7", "notes": ""},
    ]
    project.save_manifest()
    yield project
    project.close()


@pytest.fixture
def fake_window(qtbot) -> FakeWindow:
    win = FakeWindow()
    qtbot.addWidget(win)
    return win
