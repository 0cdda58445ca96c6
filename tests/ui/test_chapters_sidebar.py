"""Chapters sidebar: add, rename, delete + restore, reorder by drag and drop, split, merge, live counts."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import type_text


def _manifest_ids(project_dir) -> list[str]:
    data = json.loads((project_dir / "project.json").read_text(encoding="utf-8"))
    return [c["id"] for c in data["chapters"]]


def test_add_chapter_opens_it_after_the_current(window, sample_project):
    window.panel = window.chapters_panel
    window.chapters_panel.add_button.click()
    ids = window.chapters_panel.chapter_ids()
    assert len(ids) == 6 and ids[1] == window.current_chapter.id
    assert window.editor.text() == ""
    window.session.flush()
    assert _manifest_ids(sample_project)[1] == window.current_chapter.id
    assert (sample_project / window.project.chapter_by_id(ids[1]).file).exists()


def test_rename_in_place_is_saved(window, sample_project):
    item = window.chapters_panel.list.item(1)
    item.setText("Rain Gutters")
    assert window.project.chapter_by_id("ch-0002").title == "Rain Gutters"
    window.session.flush()
    data = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert data["chapters"][1]["title"] == "Rain Gutters"


def test_delete_goes_to_trash_and_restores(window, sample_project, qtbot):
    window.chapters_panel.list.setCurrentRow(2)
    assert window.current_chapter.id == "ch-0003"
    window.actions_.delete_chapter.trigger()
    assert "ch-0003" not in window.chapters_panel.chapter_ids()
    assert window.current_chapter.id == "ch-0004"
    assert window.chapters_panel.trash.count() == 1 and window.chapters_panel.trash_label.isVisibleTo(window)
    window.session.flush()
    assert "ch-0003" not in _manifest_ids(sample_project)
    total_after_delete = window.session.total_words()
    window.chapters_panel.restore_requested.emit("ch-0003")
    assert window.chapters_panel.chapter_ids()[2] == "ch-0003"
    assert window.chapters_panel.trash.count() == 0
    qtbot.waitUntil(lambda: window.session.total_words() > total_after_delete)
    window.session.flush()
    assert _manifest_ids(sample_project)[2] == "ch-0003"


def test_reorder_by_drag_is_persisted(window, sample_project, qtbot):
    model = window.chapters_panel.list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)  # what an internal drag and drop does
    assert window.chapters_panel.chapter_ids()[:3] == ["ch-0002", "ch-0003", "ch-0001"]
    qtbot.waitUntil(lambda: [c.id for c in window.project.chapters][:3] == ["ch-0002", "ch-0003", "ch-0001"])
    assert [c.id for c in window.project.chapters][:3] == ["ch-0002", "ch-0003", "ch-0001"]
    window.session.flush()
    assert _manifest_ids(sample_project)[:3] == ["ch-0002", "ch-0003", "ch-0001"]


def test_split_at_cursor_makes_a_new_chapter_with_the_tail(window, sample_project):
    text = window.editor.text()
    cut = text.index("Six years.")
    cursor = window.editor.textCursor()
    cursor.setPosition(cut)
    window.editor.setTextCursor(cursor)
    window.actions_.split_chapter.trigger()
    ids = window.chapters_panel.chapter_ids()
    assert len(ids) == 6
    new_id = ids[1]
    assert window.editor.text() == text[:cut].rstrip("\n") + "\n"
    assert window.chapter_text(new_id).startswith("Six years.")
    assert (sample_project / "chapters" / "ch-0001.md").read_text(encoding="utf-8") == window.editor.text()
    assert window.session.state() == "saved"


def test_merge_with_next_appends_and_trashes_the_next(window, sample_project):
    first = window.editor.text()
    second = window.chapter_text("ch-0002")
    window.actions_.merge_chapter.trigger()
    assert window.chapters_panel.chapter_ids()[:2] == ["ch-0001", "ch-0003"]
    assert window.editor.text().startswith(first.rstrip("\n"))
    assert window.editor.text().rstrip().endswith(second.rstrip())
    assert window.chapters_panel.trash.count() == 1


def test_unsaved_text_survives_merge(window, qtbot, sample_project):
    window.settings.autosave_seconds = 600
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText("\nUnsaved ending.")
    window.commands.merge_with_next("ch-0001")
    assert "Unsaved ending." in (sample_project / "chapters" / "ch-0001.md").read_text(encoding="utf-8")


def test_counts_update_live_while_typing(window, qtbot):
    before = window.chapters_panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1)
    type_text(qtbot, window, " one two three")
    qtbot.waitUntil(
        lambda: window.chapters_panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1) == before + 3, timeout=10000)
    assert f"{before + 3:,} words" in window.status.chapter_words.text()


def test_selecting_a_chapter_opens_it(window, qtbot):
    with qtbot.waitSignal(window.chapter_opened) as opened:
        window.chapters_panel.list.setCurrentRow(4)
    assert opened.args == ["ch-0005"]
    assert window.current_chapter.title == "No Flats"


def test_count_formatting():
    from writer_app.ui.sidebar.chapters import format_count

    assert [format_count(n) for n in (None, 0, 999, 4321, 121561)] == ["?", "0", "999", "4.3k", "122k"]


def test_unreadable_chapter_keeps_the_selection_on_the_open_one(window, sample_project, prompt_log, qtbot):
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    (sample_project / "chapters" / "ch-0003.md").write_bytes(b"\0\0binary\0")
    window.session.check_external_changes()  # what the folder watcher does once the file changed
    qtbot.waitUntil(lambda: not window.session.scan_pending())
    window.chapters_panel.list.setCurrentRow(2)
    assert len(prompt_log.errors) == 1 and "ch-0003.md" in prompt_log.errors[0]
    assert window.current_chapter.id == "ch-0001"
    assert window.chapters_panel.current_id() == "ch-0001"


def test_reorder_arriving_as_remove_and_insert_is_persisted(window, sample_project, qtbot):
    panel = window.chapters_panel
    item = panel.list.takeItem(4)
    panel.list.insertItem(0, item)
    qtbot.waitUntil(lambda: window.project.chapters[0].id == "ch-0005")
    window.session.flush()
    assert _manifest_ids(sample_project)[0] == "ch-0005"


def test_empty_trash_asks_then_deletes_for_good(window, sample_project):
    window.commands.delete("ch-0002")
    answers = []
    window.prompts.confirm = lambda title, message: answers.append(message) or False
    window.chapters_panel.empty_trash_requested.emit()
    assert window.chapters_panel.trash.count() == 1 and (sample_project / "chapters" / "ch-0002.md").exists()
    window.prompts.confirm = lambda title, message: True
    window.chapters_panel.empty_trash_requested.emit()
    assert window.chapters_panel.trash.count() == 0
    assert not (sample_project / "chapters" / "ch-0002.md").exists()
    assert answers and "the chapter in the trash" in answers[0] and "(s)" not in answers[0]


def test_f2_starts_renaming_the_selected_chapter(window, qtbot):
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    panel = window.chapters_panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert panel.list.state() == QAbstractItemView.State.EditingState
    editor = panel.list.findChild(QLineEdit)
    editor.setText("The Crossing")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: window.project.chapter_by_id("ch-0001").title == "The Crossing")
    assert "The Crossing" in window.windowTitle()


def test_empty_title_is_not_a_rename(window):
    item = window.chapters_panel.list.item(0)
    item.setText("   ")
    assert item.text() == "The Ferry"
    assert window.project.chapter_by_id("ch-0001").title == "The Ferry"


def test_failed_manifest_save_after_rename_is_one_sentence_and_keeps_the_title(window, monkeypatch, prompt_log,
                                                                               qtbot):
    from writer_app.core.errors import SaveError

    def refuse(*_args, **_kwargs):
        raise SaveError("project.json could not be saved because the folder is read-only.")

    monkeypatch.setattr(window.project, "write_manifest_bytes", refuse)
    window.chapters_panel.list.item(1).setText("New Name")
    qtbot.waitUntil(lambda: bool(prompt_log.errors))
    assert len(prompt_log.errors) == 1 and "project.json" in prompt_log.errors[0]
    assert window.project.chapter_by_id("ch-0002").title == "New Name"  # kept, saved with the next change


def test_split_at_the_start_or_end_is_refused_with_a_message(window, qtbot):
    editor = window.editor
    for move in (QTextCursor.MoveOperation.Start, QTextCursor.MoveOperation.End):
        editor.moveCursor(move)
        with qtbot.waitSignal(window.session.message) as signal:
            window.actions_.split_chapter.trigger()
        assert "empty chapter" in signal.args[0]
        assert len(window.chapters_panel.chapter_ids()) == 5


def test_splitting_twice_gives_unique_titles(window):
    editor = window.editor
    for _ in range(2):
        window.open_chapter("ch-0001")
        text = editor.text()
        cursor = editor.textCursor()
        cursor.setPosition(len(text) // 2)
        editor.setTextCursor(cursor)
        window.actions_.split_chapter.trigger()
    titles = [c.title for c in window.project.chapters]
    assert len(titles) == len(set(titles)) == 7
    first = window.project.chapters[0].title
    assert f"{first} (continued)" in titles and f"{first} (continued 2)" in titles


def test_a_long_title_is_elided_within_the_sidebar_and_keeps_its_count_in_view(window, qtbot):
    panel = window.chapters_panel
    panel.list.item(0).setText("The night the harbour froze over and nobody in the village would speak of it again")
    qtbot.wait(10)
    viewport = panel.list.viewport().width()
    assert not panel.list.horizontalScrollBar().isVisible()
    for row in range(panel.list.count()):
        assert panel.list.visualItemRect(panel.list.item(row)).right() < viewport  # the count's right edge shows
