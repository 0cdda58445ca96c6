"""The app's real checker through the installed feature: emoji offsets, the cast's names, the engine process."""

from __future__ import annotations

import pytest

from tests.ui.checking.fakes import FakeWindow
from writer_app.core.project import Project
from writer_app.ui.checking.install import CheckingFeature, default_factory
from writer_app.ui.editor import ChapterEditor

TEXT = "😀 teh cat met zorblax by the quay."


@pytest.fixture
def project(tmp_path):
    """A one-chapter project whose cast has a character nicknamed "zorblax"."""
    project = Project.create(tmp_path / "novel", "Novel")
    project.cast.append({"name": "Captain Zorblax", "aliases": ["zorblax"], "color": "", "notes": ""})
    project.write_chapter(project.chapters[0], TEXT)
    yield project
    project.close()


def open_in_window(qtbot, project, factory):
    """A fake window with the real editor and checking installed, showing the project's chapter."""
    window = FakeWindow(ChapterEditor())
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    feature = CheckingFeature(window, factory)
    window.open_project(project, {project.chapters[0].id: TEXT})
    return window, feature


@pytest.mark.parametrize("factory", [default_factory, None], ids=["worker-thread", "engine-process"])
def test_real_checker_underlines_exactly_teh_and_never_the_cast(qtbot, project, factory):
    window, feature = open_in_window(qtbot, project, factory)
    try:
        qtbot.waitUntil(feature.controller.idle, timeout=30_000)
        feature.underlines.refresh()
        assert [s.cursor.selectedText() for s in window.editor.extra_selection_layer("issues")] == ["teh"]
        assert set(feature.controller.engines) >= {"builtin", "spelling"}
    finally:
        feature.shutdown()
