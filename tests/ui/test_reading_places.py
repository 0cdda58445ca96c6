"""Reopening a chapter puts the cursor where the writer left it; the places live in the data folder only."""

from __future__ import annotations

import json
import os

from PySide6.QtGui import QTextCursor

from writer_app.ui import reading_places
from writer_app.ui.reading_places import ReadingPlaces, places_path


def put_cursor(window, position: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)


def cursor_shown(window) -> bool:
    editor = window.editor
    return editor.viewport().rect().contains(editor.cursorRect())


def test_reopening_a_project_returns_to_where_the_writer_left_off(make_window, sample_project, qtbot):
    manifest = (sample_project / "project.json").read_bytes()
    first = make_window(sample_project)
    first.resize(700, 300)  # small enough that the place is out of sight from the top
    end = len(first.editor.text()) - 20
    put_cursor(first, end)
    first.close()
    assert (sample_project / "project.json").read_bytes() == manifest  # nothing for git to see
    again = make_window(sample_project)
    again.resize(700, 300)
    assert again.editor.textCursor().position() == end
    qtbot.waitUntil(lambda: again.editor.firstVisibleBlock().blockNumber() > 0 and cursor_shown(again))
    saved = json.loads(places_path().read_text(encoding="utf-8"))
    assert [os.path.realpath(sample_project), "chapters/ch-0001.md", end] in saved


def test_each_chapter_keeps_its_own_place(window):
    put_cursor(window, 120)
    window.open_chapter("ch-0002")
    assert window.editor.textCursor().position() == 0  # never visited: from the top
    put_cursor(window, 40)
    window.open_chapter("ch-0001")
    assert window.editor.textCursor().position() == 120
    window.open_chapter("ch-0002")
    assert window.editor.textCursor().position() == 40


def test_a_place_beyond_a_chapter_shortened_elsewhere_lands_at_its_end(make_window, sample_project):
    first = make_window(sample_project)
    put_cursor(first, 3000)
    remembered = first.editor.textCursor().position()
    first.close()
    (sample_project / "chapters" / "ch-0001.md").write_text("Short now.\n", encoding="utf-8")
    again = make_window(sample_project)
    assert remembered > 100 and again.editor.textCursor().position() == len("Short now.\n")


def test_a_corrupt_places_file_is_ignored_and_replaced(make_window, sample_project):
    places_path().write_text('[["/x", "y", 1], {"broken": ' * 3, encoding="utf-8")
    window = make_window(sample_project)
    assert window.project is not None and window.editor.textCursor().position() == 0
    put_cursor(window, 10)
    window.close()
    assert json.loads(places_path().read_text(encoding="utf-8"))[-1][2] == 10


def test_bad_entries_are_skipped_and_the_list_is_bounded(tmp_path, monkeypatch):
    path = tmp_path / "places.json"
    path.write_text(json.dumps([["/p", "a.md", 5], ["/p", "b.md", "x"], ["/p", "c.md", True], "junk",
                                ["/p", "d.md", -1]]), encoding="utf-8")
    places = ReadingPlaces(path)
    assert places.get("/p", "a.md") == 5 and places.get("/p", "b.md") is None and places.get("/p", "d.md") is None
    monkeypatch.setattr(reading_places, "MAX_PLACES", 3)
    for n in range(5):
        places.remember("/p", f"ch{n}.md", n)
    places.save()
    assert [entry[1] for entry in json.loads(path.read_text(encoding="utf-8"))] == ["ch2.md", "ch3.md", "ch4.md"]


def test_places_are_keyed_by_the_resolved_project_path(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    places = ReadingPlaces(tmp_path / "places.json")
    places.remember("link", "chapters/one.md", 77)
    assert places.get(tmp_path / "real", "chapters/one.md") == 77
    assert places.get(tmp_path / "real", "chapters/two.md") is None


def test_moving_the_cursor_does_not_write_anything(window, qtbot):
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.open_chapter("ch-0002")
    assert not places_path().exists()  # written once, when the project closes
