"""Words typed, deleted and pasted in the window reach the project's history and the status-bar progress."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from tests.ui.conftest import type_text
from writer_app.core.history import PASTED, WRITTEN, load_history


def _wait_counted(qtbot, window, words: int) -> None:
    chapter = window.session.current.id
    qtbot.waitUntil(lambda: window.session.words.get(chapter) == words, timeout=5000)


def test_typing_is_logged_as_written_when_the_chapter_is_left(window, sample_project, qtbot):
    before = window.session.words["ch-0001"]
    type_text(qtbot, window, " one two three four")
    _wait_counted(qtbot, window, before + 4)
    assert load_history(sample_project).entries == []  # not yet: a few lines a day, not one per keystroke
    window.open_chapter("ch-0002")
    (entry,) = load_history(sample_project).entries
    assert (entry.chapter, entry.added, entry.removed, entry.kind) == ("ch-0001", 4, 0, WRITTEN)


def test_opening_chapters_and_projects_counts_nothing(window, sample_project):
    for chapter_id in ("ch-0002", "ch-0003", "ch-0001"):
        window.open_chapter(chapter_id)
    window.close_project()
    assert load_history(sample_project).entries == []


def test_a_big_paste_is_logged_as_pasted_and_not_shown_as_todays_writing(window, sample_project, qtbot):
    before = window.session.words["ch-0001"]
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n" + "pasted " * 400)
    _wait_counted(qtbot, window, before + 400)
    assert window.desk.progress.text.startswith("Today 0 words")
    window.close_project()
    (entry,) = load_history(sample_project).entries
    assert (entry.added, entry.kind) == (400, PASTED)


def test_deleting_counts_as_removed_and_today_is_net(window, sample_project, qtbot):
    before = window.session.words["ch-0001"]
    type_text(qtbot, window, " alpha beta gamma delta epsilon")
    _wait_counted(qtbot, window, before + 5)
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    for _ in range(len(" delta epsilon")):
        editor.textCursor().deletePreviousChar()
    _wait_counted(qtbot, window, before + 3)
    assert window.desk.progress.text.startswith("Today 3 words")
    window.close_project()
    entries = load_history(sample_project).entries
    assert sum(e.added for e in entries) == 5 and sum(e.removed for e in entries) == 2


def test_progress_shows_once_a_goal_is_set_and_can_be_turned_off(window, qtbot):
    from writer_app.core.goals import Goals

    assert not window.desk.progress.isVisible()  # quiet until the writer asks for a goal
    window.desk.controller.set_goals(Goals(daily_words=500))
    assert window.desk.progress.isVisible()
    assert window.desk.progress.text == "Today 0 / 500"
    window.desk.controller.set_goals(Goals(daily_words=500, show_progress=False))
    assert not window.desk.progress.isVisible()


def test_progress_text_shows_only_the_goals_that_are_set():
    from writer_app.ui.desk.progress import progress_text

    assert progress_text(450, 0, 0, 0, 0, 0) == "Today 450 words"
    assert progress_text(450, 1000, 120, 500, 12, 25) == "Today 450 / 1,000 · Session 120 / 500, 12 / 25 min"
    assert progress_text(0, 0, 0, 0, 3, 30) == "Today 0 words · Session 3 / 30 min"


def test_an_imported_manuscript_is_logged_as_pasted_not_written(make_window, tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text("Chapter 1\n\n" + "sea " * 500 + "\n\nChapter 2\n\n" + "salt " * 40 + "\n", encoding="utf-8")
    window = make_window()
    assert window.import_manuscript(source, tmp_path / "Imported")
    entries = load_history(tmp_path / "Imported").entries
    assert {e.kind for e in entries} == {PASTED}  # 540 words at once: more than 300, so all of it is pasted
    assert sorted(e.added for e in entries) == [40, 500]
    assert window.desk.progress.text.startswith("Today 0 words")
