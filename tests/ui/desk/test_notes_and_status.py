"""The notes pane saves a chapter's synopsis and notes; status and target reach the chapter list and project.json."""

from __future__ import annotations

import json

from writer_app.core.notes import notes_path
from writer_app.ui.sidebar.chapters import STATUS_ROLE, TARGET_ROLE


def test_notes_typed_in_the_pane_are_saved_to_the_chapters_notes_file(window, sample_project, qtbot):
    window.desk.set_notes_visible(True)
    pane = window.desk.notes
    pane.synopsis.setPlainText("Mara misses the ferry.")
    pane.notes.setPlainText("Check the timetable.")
    path = notes_path(sample_project, "ch-0001")
    qtbot.waitUntil(path.exists, timeout=5000)
    text = path.read_text("utf-8")
    assert "## Synopsis\n\nMara misses the ferry." in text and "## Notes\n\nCheck the timetable." in text
    window.open_chapter("ch-0002")
    assert pane.synopsis.toPlainText() == ""
    window.open_chapter("ch-0001")
    assert pane.synopsis.toPlainText() == "Mara misses the ferry."


def test_notes_are_saved_when_the_chapter_closes_before_the_delay(window, sample_project):
    pane = window.desk.notes
    pane.notes.setPlainText("Written just before switching.")
    window.open_chapter("ch-0003")
    assert "Written just before switching." in notes_path(sample_project, "ch-0001").read_text("utf-8")


def test_a_damaged_notes_file_is_shown_as_one_sentence_and_never_written_over(make_window, sample_project, qtbot):
    path = notes_path(sample_project, "ch-0001")
    path.parent.mkdir()
    path.write_bytes(b"\xff\xfebad")
    window = make_window(sample_project)
    pane = window.desk.notes
    assert pane.problem.text().startswith("The notes file notes/ch-0001.md is not UTF-8 text")
    assert pane.notes.isReadOnly()
    pane.notes.setPlainText("typed anyway")
    window.open_chapter("ch-0002")
    assert path.read_bytes() == b"\xff\xfebad"


def test_status_and_target_show_in_the_chapter_list_and_are_saved(window, sample_project, qtbot):
    desk = window.desk.controller
    desk.set_status("ch-0002", "Revised")
    desk.set_target("ch-0002", 2500)
    desk.set_status("ch-0003", "Needs a villain")  # the writer's own label
    item = window.chapters_panel.list.item(1)
    assert (item.data(STATUS_ROLE), item.data(TARGET_ROLE)) == ("Revised", 2500)
    window.session.flush()
    data = json.loads((sample_project / "project.json").read_text("utf-8"))
    assert data["format_version"] == 2
    assert {k: data["chapters"][1][k] for k in ("status", "target")} == {"status": "Revised", "target": 2500}
    assert data["status_labels"][-1] == "Needs a villain"


def test_the_chapter_list_menu_sets_a_status(window):
    seen = []
    window.chapters_panel.status_requested.connect(lambda cid, status: seen.append((cid, status)))
    window.chapters_panel.status_requested.emit("ch-0004", "Final")
    assert window.session.project.chapter_by_id("ch-0004").status == "Final"
    assert seen == [("ch-0004", "Final")]
