"""Fixtures for export tests: small projects built in tmp_path with the core Project API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from writer_app.core.project import Project

SAMPLE_CHAPTERS: tuple[tuple[str, str], ...] = (
    (
        "The Letter",
        '"I--" she began. "I didn\'t think you\'d come."\n\n'
        "He smiled...  'Til the '90s, nobody  wrote letters like that.   \n\n\n\n"
        "She said, \"He told me 'wait here.'\" Then she left -- quickly.\n",
    ),
    (
        "Rock 'n' Roll",
        "It was *very* loud; rock 'n' roll always is.\n\n***\n\n"
        "Morning came. \u201cAlready curly,\u201d she said, \u2018quite\u2019 sure.\n",
    ),
    ("Coda", "The end came at 5 o'clock -- or so they say.\n\n#\n\nAnd that was all."),
)

ProjectFactory = Callable[..., Project]


@pytest.fixture(autouse=True)
def _widgets_application(qapp: object) -> object:
    """Run export tests under pytest-qt's QApplication.

    The PDF writer creates a bare QGuiApplication when no application exists (right for the command line);
    in one pytest process that would leave later widget tests without a QApplication.
    """
    return qapp


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Build a project folder with the given ``(title, text)`` chapters and return it opened."""
    counter = iter(range(1000))

    def factory(
        chapters: Sequence[tuple[str, str]] = SAMPLE_CHAPTERS, title: str = "The Sample", author: str = "Ada Quill"
    ) -> Project:
        folder = tmp_path / f"project-{next(counter)}"
        project = Project.create(folder, title, author, first_chapter=None)
        for chapter_title, text in chapters:
            project.add_chapter(chapter_title, text)
        project.close()
        return Project.open(folder, read_only=True)

    return factory


@pytest.fixture
def sample_project(make_project: ProjectFactory) -> Project:
    """A three-chapter project with tricky typography."""
    return make_project()
