"""Snapshots in the window: take, compare word by word, restore (undoable), automatic before merge and fix all."""

from __future__ import annotations

from writer_app.core.snapshots import BEFORE_MERGE, BEFORE_RESTORE, snapshot_store
from writer_app.ui.desk.snapshots_dialog import SnapshotsDialog


def _store(window):
    return snapshot_store(window.session.project)


def test_take_snapshot_action_stores_the_editors_unsaved_text(window):
    window.settings.autosave_seconds = 600
    window.editor.setPlainText("Unsaved words only the editor has.")
    window.desk.take_snapshot.trigger()
    (snapshot,) = _store(window).list("ch-0001")
    assert _store(window).text(snapshot) == "Unsaved words only the editor has."


def test_the_dialog_compares_word_by_word_and_restores_as_one_undo_step(window, qtbot):
    editor = window.editor
    editor.setPlainText("The ferry came in late.")
    window.desk.controller.take_snapshot("ch-0001", "first")
    editor.setPlainText("The ferry came in early.")
    dialog = SnapshotsDialog(window.desk.controller, "ch-0001", window)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("Since this snapshot: 1 word removed (struck through), 1 word added")
    html = dialog.view.toHtml()
    assert "late." in html and "early." in html
    dialog.restore()
    assert editor.toPlainText() == "The ferry came in late."
    newest = _store(window).list("ch-0001")[0]
    assert newest.reason == BEFORE_RESTORE and _store(window).text(newest) == "The ferry came in early."
    editor.undo()
    assert editor.toPlainText() == "The ferry came in early."


def test_restoring_is_not_counted_as_writing(window, sample_project, qtbot):
    from writer_app.core.history import load_history

    editor = window.editor
    original = editor.toPlainText()
    window.desk.controller.take_snapshot("ch-0001")
    editor.setPlainText("Short.")
    qtbot.waitUntil(lambda: window.session.words["ch-0001"] == 1, timeout=5000)
    window.desk.controller.restore(_store(window).list("ch-0001")[-1])
    qtbot.waitUntil(lambda: window.session.words["ch-0001"] == len(original.split()), timeout=5000)
    window.close_project()
    added = sum(e.added for e in load_history(sample_project).entries)
    assert added <= 1  # the one word typed, not the restored chapter


def test_merge_takes_a_snapshot_of_both_chapters_first(window):
    first, second = window.editor.toPlainText(), window.chapter_text("ch-0002")
    window.actions_.merge_chapter.trigger()
    store = _store(window)
    (one,) = store.list("ch-0001")
    (two,) = store.list("ch-0002")
    assert one.reason == two.reason == BEFORE_MERGE
    assert store.text(one) == first and store.text(two) == second


def test_going_over_the_cap_asks_and_keeps_everything_when_the_writer_says_no(window):
    from writer_app.core.goals import Goals

    desk = window.desk.controller
    asked = []
    desk.confirm = lambda title, text: asked.append(text) or False
    desk.set_goals(Goals(snapshot_cap_mb=1))
    for number in range(3):
        window.editor.setPlainText(f"{number} " + "filler words here " * 30_000)
        desk.take_snapshot("ch-0001", reason=BEFORE_MERGE)
    assert asked and asked[-1].startswith("Snapshots take")
    assert len(_store(window).list("ch-0001")) == 3
    desk.confirm = lambda title, text: True
    assert desk.offer_prune() >= 1
    assert not _store(window).over_cap()


def test_fix_all_like_this_takes_a_snapshot_first(qtbot, feature, project):
    from tests.ui.checking.test_feature import test_fix_all_like_this_fixes_every_copy_in_one_step as fix_all

    taken = []
    feature.window.snapshot_before = lambda reason, ids=None: taken.append(reason) or True
    feature.panel.window = lambda: feature.window  # the fake window's sidebar is not inside it
    fix_all(qtbot, feature)
    assert taken == ["before fix all"]


def test_fix_all_is_not_applied_when_the_writer_stops_it(qtbot, feature):
    editor = feature.editor
    editor.setPlainText("teh one\nteh two")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 2, timeout=3000)
    feature.window.snapshot_before = lambda reason, ids=None: False
    panel = feature.panel
    panel.window = lambda: feature.window
    panel.refresh()
    panel.tree.setCurrentIndex(panel.model.item(0).child(0).index())
    assert panel.fix_all_selected() == 0
    assert editor.toPlainText() == "teh one\nteh two"


def test_a_sidebar_tab_finds_the_main_window_and_its_snapshot_api(window):
    from PySide6.QtWidgets import QLabel

    tab = QLabel("a feature's panel")
    window.add_sidebar_tab(tab, "Feature")
    assert tab.window() is window
    assert tab.window().snapshot_before("before fix all") is True
    assert _store(window).list("ch-0001")[0].reason == "before fix all"
