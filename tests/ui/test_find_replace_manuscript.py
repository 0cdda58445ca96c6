"""The find bar "In the whole manuscript": grouped results, jumping, replace with preview, snapshot and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from writer_app.core.project import Project
from writer_app.core.snapshots import BEFORE_REPLACE_ALL, SnapshotError, snapshot_store

CHAPTERS = {
    "Harbour": "The keeper rowed out at dawn.\n\nNobody waved from the pier.",
    "Storm": "Rain hid the lamp.\n\nThe keeper counted the waves slowly, then quietly.",
    "Quiet": "Nothing about boats here.",
    "Return": "At last the keeper came home, and the keeper slept.",
}


@pytest.fixture
def novel(tmp_path: Path) -> Path:
    """A four-chapter project written to disk."""
    folder = tmp_path / "Lighthouse"
    project = Project.create(folder, "Lighthouse", first_chapter=None)
    for title, text in CHAPTERS.items():
        project.add_chapter(title, text)
    project.close()
    return folder


@pytest.fixture
def bar_on(make_window, novel):
    """The window on the novel with the bar open in whole-manuscript mode, replace row shown."""
    window = make_window(novel)
    window.actions_.replace.trigger()
    bar = window.find_bar
    bar.everywhere.setChecked(True)
    return window, bar


def _search(qtbot, bar, text: str) -> int:
    with qtbot.waitSignal(bar.search_finished, timeout=10_000) as blocker:
        bar.find_edit.setText(text)
        bar.search_manuscript()
    return blocker.args[0]


def _titles(bar) -> list[str]:
    model = bar.results.results
    return [model.index(row, 0).data() for row in range(model.rowCount()) if model.place(model.index(row, 0)) is None]


def _hit(bar, chapter: int, number: int):
    model = bar.results.results
    return model.index(model.row_of(chapter, number), 0)


def test_whole_manuscript_hits_are_grouped_by_chapter_with_their_words(qtbot, bar_on):
    _window, bar = bar_on
    assert _search(qtbot, bar, "keeper") == 4
    assert _titles(bar) == ["Harbour (1)", "Storm (1)", "Return (2)"]
    assert bar.results.results.rowCount() == 3 + 4
    assert _hit(bar, 0, 0).data() == "The keeper rowed out at dawn. Nobody waved from the pier."
    assert bar.count_label.text() == "4 in 3 chapters"


def test_whole_manuscript_search_includes_the_open_chapters_unsaved_text(qtbot, bar_on):
    window, bar = bar_on
    assert window.current_chapter.title == "Harbour"
    window.editor.setPlainText("A heron stood where the keeper had been.")
    assert window.session.is_unsaved()
    assert _search(qtbot, bar, "heron") == 1
    assert _titles(bar) == ["Harbour (1)"]


def test_clicking_a_hit_opens_its_chapter_and_selects_it(qtbot, bar_on):
    window, bar = bar_on
    _search(qtbot, bar, "keeper")
    hit = _hit(bar, 2, 1)  # the second "keeper" of "Return"
    rect = bar.results.visualRect(hit)
    qtbot.mouseClick(bar.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_chapter.title == "Return"
    cursor = window.editor.textCursor()
    assert cursor.selectedText() == "keeper"
    assert cursor.selectionStart() == CHAPTERS["Return"].rindex("keeper")


def test_next_walks_through_the_hits_across_chapters(qtbot, bar_on):
    window, bar = bar_on
    _search(qtbot, bar, "keeper")
    seen = []
    for _ in range(5):
        assert bar.find_next()
        seen.append((window.current_chapter.title, window.editor.textCursor().selectionStart()))
    assert [title for title, _ in seen] == ["Harbour", "Storm", "Return", "Return", "Harbour"]
    assert bar.find_previous() and window.current_chapter.title == "Return"


def test_options_whole_word_match_case_and_regular_expression(qtbot, bar_on):
    _window, bar = bar_on
    bar.case.setChecked(True)
    assert _search(qtbot, bar, "the") == 6  # "The" starting a sentence is left out, "then" counts
    bar.whole.setChecked(True)
    assert _search(qtbot, bar, "the") == 5  # "then" is another word
    bar.case.setChecked(False)
    bar.whole.setChecked(False)
    bar.regex.setChecked(True)
    assert _search(qtbot, bar, r"\b\w+ly\b") == 2
    assert _titles(bar) == ["Storm (2)"]


def test_invalid_regular_expression_says_so_and_lists_nothing(qtbot, bar_on):
    window, bar = bar_on
    bar.regex.setChecked(True)
    messages: list[str] = []
    bar.message.connect(messages.append)
    bar.find_edit.setText("(keeper")
    assert bar.search_manuscript() is None
    assert bar.results.results.rowCount() == 0
    assert bar.count_label.text() == "Not valid"
    assert messages and "regular expression is not valid" in messages[-1]


def test_runaway_regular_expression_is_stopped_with_a_message(qtbot, bar_on):
    window, bar = bar_on
    bar.runner.timeout = 0.3
    window.editor.setPlainText("a" * 60 + "b")
    bar.regex.setChecked(True)
    failed = []
    bar.runner.failed.connect(lambda _g, text: failed.append(text))
    with qtbot.waitSignal(bar.search_finished, timeout=10_000):
        bar.find_edit.setText(r"(a|aa)+$")
        bar.search_manuscript()
    assert failed and "took longer than" in failed[0]
    assert bar.count_label.text() == "Stopped"


def test_replacement_preview_shows_old_and_new_words(qtbot, bar_on):
    _window, bar = bar_on
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    assert _hit(bar, 0, 0).data() == (
        "The keeper → warden rowed out at dawn. Nobody waved from the pier.")


def test_replace_all_in_the_manuscript_snapshots_counts_and_undoes_in_the_open_chapter(qtbot, bar_on, novel,
                                                                                         monkeypatch):
    window, bar = bar_on
    asked: list[str] = []
    monkeypatch.setattr(window.prompts, "confirm", lambda _title, question: asked.append(question) or True)
    messages: list[str] = []
    bar.message.connect(messages.append)
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    with qtbot.waitSignal(bar.search_finished, timeout=10_000) as blocker:
        bar.replace_all()
    assert blocker.args[0] == 0  # the search that follows finds none left
    assert asked and "4 matches" in asked[0] and "3 chapters" in asked[0]
    project = window.project
    ids = [c.id for c in project.chapters]
    store = snapshot_store(project)
    for number, (title, text) in enumerate(CHAPTERS.items()):  # each changed chapter kept as it was
        kept = store.list(ids[number])
        if "keeper" in text:
            assert [s.reason for s in kept] == [BEFORE_REPLACE_ALL] and store.text(kept[0]) == text, title
        else:
            assert kept == []
    assert messages[-1] == "Replaced 4 occurrences in 3 chapters."
    assert window.editor.text() == CHAPTERS["Harbour"].replace("keeper", "warden")
    assert window.chapter_text(ids[3]) == CHAPTERS["Return"].replace("keeper", "warden")
    window.session.flush()
    qtbot.waitUntil(lambda: not window.session.unsaved_texts(), timeout=10_000)
    assert (novel / "chapters").is_dir()
    assert project.read_chapter(project.chapters[1]) == CHAPTERS["Storm"].replace("keeper", "warden")
    window.editor.undo()  # the open chapter went through the editor's undo
    assert window.editor.text() == CHAPTERS["Harbour"]


def test_replace_all_is_not_done_when_the_writer_says_no(qtbot, bar_on, monkeypatch):
    window, bar = bar_on
    monkeypatch.setattr(window.prompts, "confirm", lambda _title, _question: False)
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    bar.replace_all()
    assert not bar.runner.busy
    assert "keeper" in window.editor.text()
    assert window.chapter_text(window.project.chapters[3].id) == CHAPTERS["Return"]


def test_regular_expression_replace_all_expands_groups_across_chapters(qtbot, bar_on, monkeypatch):
    window, bar = bar_on
    monkeypatch.setattr(window.prompts, "confirm", lambda _title, _question: True)
    bar.regex.setChecked(True)
    bar.replace_edit.setText(r"in a \1 way")
    _search(qtbot, bar, r"\b(\w+)ly\b")
    with qtbot.waitSignal(bar.search_finished, timeout=10_000):
        bar.replace_all()
    assert window.chapter_text(window.project.chapters[1].id).endswith(
        "counted the waves in a slow way, then in a quiet way.")


def test_replace_one_in_the_manuscript_shows_the_hit_then_replaces_it_through_undo(qtbot, bar_on):
    window, bar = bar_on
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    bar.find_next()
    bar.find_next()  # "Storm", not the open chapter when the search ran
    assert window.current_chapter.title == "Storm"
    assert bar.replace()
    text = window.editor.text()
    assert text == CHAPTERS["Storm"].replace("keeper", "warden")
    window.editor.undo()
    assert window.editor.text() == CHAPTERS["Storm"]


def test_read_only_project_replaces_nothing(qtbot, make_window, novel, monkeypatch):
    window = make_window()
    window.open_project(novel, read_only=True)
    window.actions_.replace.trigger()
    bar = window.find_bar
    bar.everywhere.setChecked(True)
    messages: list[str] = []
    bar.message.connect(messages.append)
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    bar.replace_all()
    assert messages[-1] == "This project is read-only; nothing was replaced."


def test_regular_expression_in_the_open_chapter_finds_and_replaces(qtbot, make_window, novel):
    window = make_window(novel)
    window.actions_.replace.trigger()
    bar = window.find_bar
    bar.regex.setChecked(True)
    bar.find_edit.setText(r"\bw\w+")
    assert bar.refresh_highlights() == 1
    bar.replace_edit.setText("[\\g<0>]")
    assert bar.replace_all() == 1
    assert window.editor.text() == "The keeper rowed out at dawn.\n\nNobody [waved] from the pier."


def test_replace_all_stops_when_snapshots_fail_and_the_writer_says_stop(qtbot, bar_on, monkeypatch):
    window, bar = bar_on
    questions: list[str] = []
    monkeypatch.setattr(window.prompts, "confirm", lambda title, _q: questions.append(title) or title != "No Snapshot")

    def broken(_chapter_id: str, _text: str) -> bool:
        raise SnapshotError("The snapshot could not be written: the disk is full.")

    monkeypatch.setattr(bar.manuscript, "snapshotter", lambda: broken)
    messages: list[str] = []
    bar.message.connect(messages.append)
    bar.replace_edit.setText("warden")
    _search(qtbot, bar, "keeper")
    with qtbot.waitSignal(bar.search_finished, timeout=10_000) as blocker:
        bar.replace_all()
    assert questions == ["Replace All", "No Snapshot"]
    assert "disk is full" in messages[-1]
    assert blocker.args[0] == 4  # nothing was replaced
    assert window.chapter_text(window.project.chapters[3].id) == CHAPTERS["Return"]


def test_next_pressed_before_the_results_arrive_goes_to_the_first_hit(qtbot, bar_on):
    window, bar = bar_on
    _search(qtbot, bar, "keeper")
    with qtbot.waitSignal(bar.search_finished, timeout=10_000):
        bar.find_edit.setText("pier")  # Enter at once, before the pause that starts the search
        assert not bar.find_next()
    assert window.editor.textCursor().selectedText() == "pier"
    assert window.current_chapter.title == "Harbour"
