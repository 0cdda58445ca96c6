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


NAMED = "Colline opened the door and sat down.\nThe maid looked at Colline and laughed."


@pytest.mark.parametrize("factory", [default_factory, None], ids=["worker-thread", "engine-process"])
def test_a_name_that_first_opens_a_sentence_is_learned_from_the_chapter(qtbot, tmp_path, factory):
    project = Project.create(tmp_path / "names", "Names")
    project.write_chapter(project.chapters[0], NAMED)
    window = FakeWindow(ChapterEditor())
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    feature = CheckingFeature(window, factory)
    try:
        window.open_project(project, {project.chapters[0].id: NAMED})
        qtbot.waitUntil(feature.controller.idle, timeout=30_000)
        assert [live.issue.text for live in feature.controller.live_issues()] == []
    finally:
        feature.shutdown()
        project.close()


def test_names_are_taught_on_the_worker_not_the_gui_thread(qtbot):
    import threading

    from writer_app.grammar.engine import CheckConfig
    from writer_app.ui.checking.workers import CheckBatch, CheckDispatcher, ParagraphJob

    seen: list[str] = []

    class Speller:
        name = "spelling"

        def learn_names(self, text: str) -> int:
            seen.append(threading.current_thread().name)
            return text.count("Colline")

        def check(self, text: str) -> list:
            return []

    dispatcher = CheckDispatcher(lambda config: Speller(), max_workers=1)
    try:
        dispatcher.learn_names("ch", NAMED.split("\n"))
        with qtbot.waitSignal(dispatcher.batch_finished, timeout=5000):
            dispatcher.submit(CheckBatch("ch", 1, CheckConfig(), (ParagraphJob(0, 1, "Colline sat."),)))
        assert len(seen) == 1 and seen[0] != threading.main_thread().name
    finally:
        dispatcher.shutdown()


@pytest.mark.parametrize("factory", [default_factory, None], ids=["worker-thread", "engine-process"])
def test_ignore_here_still_holds_when_the_project_is_opened_again(qtbot, project, factory):
    window, feature = open_in_window(qtbot, project, factory)
    try:
        qtbot.waitUntil(lambda: feature.controller.idle() and feature.controller.live_issue_count() == 1,
                        timeout=30_000)
        feature.ignore_here(feature.controller.live_issues()[0])
        assert feature.controller.live_issue_count() == 0
    finally:
        feature.shutdown()
    project.close()
    again = Project.open(project.path)
    try:
        assert len(again.ignored_spots) == 1
        window, feature = open_in_window(qtbot, again, factory)
        try:
            qtbot.waitUntil(feature.controller.idle, timeout=30_000)
            feature.underlines.refresh()
            assert window.editor.extra_selection_layer("issues") == []
            assert feature.controller.config.ignored_spots  # read from the project
        finally:
            feature.shutdown()
    finally:
        again.close()
