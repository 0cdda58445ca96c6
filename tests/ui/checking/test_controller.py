"""Background checking of the open chapter: offsets, debounce, staleness, failures, closing."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QTextCursor

from tests.support.fake_languagetool import FakeLanguageTool
from writer_app.grammar.languagetool import (
    REQUEST_TIMEOUT_SECONDS,
    LanguageToolChecker,
    LanguageToolOptions,
    Mode,
)
from writer_app.grammar.model import Issue
from writer_app.ui.checking.spans import text_key, to_spans
from writer_app.ui.checking.workers import BatchResult, CheckBatch, ParagraphJob, ParagraphResult


def wait_idle(qtbot, rig, timeout: int = 5000) -> None:
    """Wait until the controller has nothing queued or running and underlines are rebuilt."""
    qtbot.waitUntil(rig.controller.idle, timeout=timeout)
    rig.layer.refresh()


def test_emoji_before_an_issue_does_not_shift_its_underline(qtbot, rig):
    rig.load("😀 teh cat\n𝔘𝔫𝔦 teh 😀 teh end")
    wait_idle(qtbot, rig)
    assert rig.editor.underlined() == ["teh", "teh", "teh"]


def test_visible_paragraphs_get_underlines_then_the_whole_chapter_is_checked(qtbot, rig):
    rig.load("\n".join(f"line {i} teh" for i in range(3000)))
    qtbot.waitUntil(lambda: rig.editor.underlined()[:1] == ["teh"], timeout=3000)
    wait_idle(qtbot, rig)
    assert rig.controller.live_issue_count() == 3000
    assert rig.factory.calls == 3000


def test_only_the_edited_paragraph_is_rechecked_after_a_pause(qtbot, rig):
    rig.load("\n".join(f"paragraph {i} is fine" for i in range(200)))
    wait_idle(qtbot, rig)
    before = rig.factory.calls
    cursor = rig.editor.textCursor()
    cursor.setPosition(rig.editor.document().findBlockByNumber(3).position())
    rig.editor.setTextCursor(cursor)
    for key in "teh ":
        qtbot.keyClick(rig.editor, key)
    assert rig.factory.calls == before  # nothing runs while the writer types
    wait_idle(qtbot, rig)
    assert rig.factory.calls == before + 1
    assert rig.editor.underlined() == ["teh"]


def test_a_result_for_an_old_revision_is_dropped(qtbot, rig):
    gate = threading.Event()
    rig.factory.gate = gate
    rig.load("one teh two")
    qtbot.waitUntil(lambda: rig.dispatcher.in_flight == 1)
    cursor = QTextCursor(rig.editor.document())
    cursor.setPosition(0)
    cursor.insertText("xx ")  # the paragraph changes while its old text is being checked
    with qtbot.waitSignal(rig.dispatcher.batch_finished) as first:
        gate.set()
    stale: BatchResult = first.args[0]
    assert stale.results[0].revision != rig.controller.tracker.records[stale.results[0].key].revision
    wait_idle(qtbot, rig)
    spans = rig.controller.live_issues()
    assert [(s.position, s.length) for s in spans] == [(7, 3)]


def test_underlines_follow_an_edit_before_the_recheck(qtbot, rig):
    rig.load("alpha teh beta")
    wait_idle(qtbot, rig)
    cursor = QTextCursor(rig.editor.document())
    cursor.insertText("more ")
    rig.layer.refresh()
    assert rig.editor.underlined() == ["teh"]


def test_the_word_being_typed_is_not_underlined_until_the_writer_moves_on(qtbot, rig):
    rig.load("start ")
    wait_idle(qtbot, rig)
    rig.editor.moveCursor(QTextCursor.MoveOperation.End)
    for key in "teh":
        qtbot.keyClick(rig.editor, key)
    wait_idle(qtbot, rig)
    assert rig.controller.live_issue_count() == 1
    assert rig.editor.underlined() == []
    qtbot.keyClick(rig.editor, Qt.Key.Key_Home)
    rig.layer.refresh()
    assert rig.editor.underlined() == ["teh"]


def test_a_checker_that_raises_skips_that_paragraph_and_tells_the_writer_once(qtbot, rig):
    rig.factory.fail_on = "poison"
    told: list[str] = []
    rig.controller.failure.connect(told.append)
    rig.load("teh one\npoison teh\nteh two\npoison again\nteh three")
    wait_idle(qtbot, rig)
    assert rig.controller.live_issue_count() == 3
    assert len(told) == 1 and "skipped" in told[0]


def test_replacing_an_issue_is_one_undoable_edit(qtbot, rig):
    rig.load("say teh word and teh end")
    wait_idle(qtbot, rig)
    issues = rig.controller.live_issues()
    assert rig.controller.apply_fixes([(i, "the") for i in issues]) == 2
    assert rig.editor.toPlainText() == "say the word and the end"
    rig.editor.undo()
    assert rig.editor.toPlainText() == "say teh word and teh end"


def test_closing_the_chapter_while_checks_run_leaves_no_threads(qtbot, rig):
    gate = threading.Event()
    rig.factory.gate = gate
    rig.load("\n".join(f"teh {i}" for i in range(500)))
    qtbot.waitUntil(lambda: rig.dispatcher.in_flight >= 1)
    rig.controller.close_chapter()
    gate.set()
    rig.controller.shutdown()
    assert rig.dispatcher.closed
    assert rig.dispatcher._pool.activeThreadCount() == 0
    assert QThreadPool.globalInstance().activeThreadCount() == 0


def test_other_chapters_are_checked_in_the_background_and_reused_on_open(qtbot, rig):
    texts = {"a": "teh a\nfine", "b": "b teh teh", "c": "nothing"}
    rig.controller.set_manuscript(list(texts), texts.__getitem__)
    rig.load(texts["a"], "a")
    qtbot.waitUntil(lambda: rig.controller.progress() == (3, 3), timeout=5000)
    assert [s.issue.text for _, s in rig.controller.chapter_issues("b")] == ["teh", "teh teh", "teh"]
    calls = rig.factory.calls
    rig.controller.close_chapter()
    rig.load(texts["b"], "b")
    wait_idle(qtbot, rig)
    assert rig.factory.calls == calls  # cached by text: no new check
    assert rig.editor.underlined() == ["teh", "teh teh", "teh"]


def test_a_closed_chapter_keeps_its_unsaved_edits_in_the_manuscript_view(qtbot, rig):
    on_disk = {"a": "clean text", "b": "other"}
    rig.controller.set_manuscript(list(on_disk), on_disk.__getitem__)
    rig.load(on_disk["a"], "a")
    wait_idle(qtbot, rig)
    QTextCursor(rig.editor.document()).insertText("teh ")  # not saved: the disk still says "clean text"
    rig.controller.close_chapter()
    qtbot.waitUntil(lambda: rig.controller.progress() == (2, 2), timeout=5000)
    assert [s.issue.text for _, s in rig.controller.chapter_issues("a")] == ["teh"]


def test_results_of_many_batches_reach_the_gui_in_a_few_bursts(qtbot, rig):
    batches: list[object] = []
    updates: list[object] = []
    rig.dispatcher.batch_finished.connect(batches.append)
    rig.controller.issues_changed.connect(lambda: updates.append(1))
    rig.load("\n".join(f"line {i} teh" for i in range(6000)))
    wait_idle(qtbot, rig, timeout=15000)
    assert rig.controller.live_issue_count() == 6000
    assert len(batches) >= 8
    assert len(updates) <= len(batches) // 2 + 2


def test_the_visible_paragraphs_results_are_applied_at_once_not_with_the_next_burst(qtbot, rig):
    rig.load("\n".join(f"line {i} is clean" for i in range(300)))
    wait_idle(qtbot, rig)
    controller = rig.controller
    timer = controller._apply_timer  # noqa: SLF001
    controller._last_edit = 0.0  # noqa: SLF001 - no keystroke for long
    controller._last_apply = time.perf_counter() + 10  # noqa: SLF001 - the next burst is seconds away
    on_screen = CheckBatch("ch-1", controller.epoch, controller.config, (), visible=True)
    controller._on_batch_finished(BatchResult(on_screen, ()))  # noqa: SLF001
    assert timer.isActive() and timer.remainingTime() <= 1  # the next turn of the event loop
    timer.stop()
    controller._arrived.clear()  # noqa: SLF001
    controller._last_apply = time.perf_counter() + 10  # noqa: SLF001
    elsewhere = CheckBatch("ch-1", controller.epoch, controller.config, ())
    controller._on_batch_finished(BatchResult(elsewhere, ()))  # noqa: SLF001
    assert timer.isActive() and timer.remainingTime() > 1  # coalesced into the next burst
    controller._on_batch_finished(BatchResult(on_screen, ()))  # noqa: SLF001 - brings the burst forward
    assert timer.remainingTime() <= 1
    wait_idle(qtbot, rig)


def test_underlines_are_not_rebuilt_for_results_off_screen(qtbot, rig):
    rig.load("\n".join(f"line {i} is clean" for i in range(3000)))
    wait_idle(qtbot, rig)
    rebuilds: list[object] = []
    rig.controller.underlines_stale.connect(lambda: rebuilds.append(1))
    cursor = rig.editor.textCursor()
    cursor.setPosition(rig.editor.document().findBlockByNumber(2500).position())
    cursor.insertText("teh ")  # an edit far below the visible area: checked, listed, not underlined on screen
    qtbot.waitUntil(lambda: rig.controller.live_issue_count() == 1 and rig.controller.idle(), timeout=5000)
    assert rig.controller.visible_range()[1] < 2000
    assert rebuilds == []


def _issue_texts(rig) -> list[str]:
    return [live.issue.text for live in rig.controller.live_issues()]


def test_a_hanging_languagetool_does_not_hold_back_builtin_underlines_and_its_issues_merge_in_later(qtbot, rig):
    with FakeLanguageTool(hang=True) as fake:
        checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.SERVER, url=fake.url))
        rig.dispatcher.set_extra_checkers((checker,))
        # Far shorter than one LanguageTool request may take: the built-in result must not wait for it.
        with qtbot.waitSignal(rig.controller.issues_changed, timeout=REQUEST_TIMEOUT_SECONDS * 1000 // 8,
                              check_params_cb=lambda *args: _issue_texts(rig) == ["teh"]):
            rig.load("She should of seen teh cat.")
        qtbot.waitUntil(lambda: bool(fake.requests), timeout=3000)  # LanguageTool was asked, and is thinking
        assert _issue_texts(rig) == ["teh"]
        fake.release()
        qtbot.waitUntil(lambda: _issue_texts(rig) == ["should of", "teh"], timeout=5000)
        assert {live.issue.source for live in rig.controller.live_issues()} == {"languagetool", "fake"}
        wait_idle(qtbot, rig)
        assert rig.editor.underlined() == ["should of", "teh"]


def test_a_late_engines_result_merges_only_into_the_revision_it_was_computed_for(qtbot, rig):
    rig.load("one teh slip")
    wait_idle(qtbot, rig)
    (record,) = rig.controller.tracker.records.values()
    text = "one teh slip"
    issues = [live.issue for live in rig.controller.live_issues()]
    merged = to_spans(text, [*issues, Issue(8, 12, "slip", "A slip.", ("slide",), "SLIP", source="extra")])

    def late(revision: int) -> BatchResult:
        batch = CheckBatch("ch-1", rig.controller.epoch, rig.controller.config, (ParagraphJob(record.id, revision, text),))
        return BatchResult(batch, (ParagraphResult(record.id, revision, text_key(text), merged),), late=True)

    rig.controller._apply_result(late(record.revision - 1))  # computed on an older text: dropped
    assert _issue_texts(rig) == ["teh"]
    rig.controller._apply_result(late(record.revision))
    assert _issue_texts(rig) == ["teh", "slip"]
    assert rig.controller.idle() and record.in_flight == -1  # a late result never counts as a check finishing


def test_the_status_says_checking_until_the_first_result_then_the_count(qtbot, rig):
    from writer_app.ui.checking.status import CheckingStatus

    status = CheckingStatus(rig.controller)
    qtbot.addWidget(status)
    gate = threading.Event()
    rig.factory.gate = gate  # the worker holds the first check
    rig.load("one teh two\nthree teh")
    qtbot.waitUntil(lambda: rig.dispatcher.in_flight == 1)
    assert status.summary() == "Checking…"  # not "0 issues": nothing has been checked yet
    with qtbot.waitSignal(rig.controller.progress_changed, timeout=3000,
                          check_params_cb=lambda *args: rig.controller.chapter_has_results()):
        gate.set()
    wait_idle(qtbot, rig)
    assert status.summary() == "2 issues · fake"


def test_a_blank_line_or_a_title_checked_first_does_not_end_checking_in_the_status(qtbot, rig):
    from writer_app.ui.checking.status import CheckingStatus

    status = CheckingStatus(rig.controller)
    qtbot.addWidget(status)
    gate = threading.Event()
    rig.factory.gate = gate  # the worker holds the check of the text; the blank line needs none
    rig.load("The Lighthouse\n\nShe had teh letter.")
    qtbot.waitUntil(lambda: rig.dispatcher.in_flight == 1)
    assert status.summary() == "Checking…"  # a blank paragraph's empty result is not the chapter's count
    gate.set()
    wait_idle(qtbot, rig)
    assert status.summary() == "1 issue · fake"


def test_the_status_of_an_empty_chapter_is_a_count_not_checking(qtbot, rig):
    from writer_app.ui.checking.status import CheckingStatus

    status = CheckingStatus(rig.controller)
    qtbot.addWidget(status)
    rig.load("")
    wait_idle(qtbot, rig)
    assert status.summary() == "0 issues"


def test_every_engine_the_builtin_check_runs_has_a_readable_status_label() -> None:
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker
    from writer_app.ui.checking.status import ENGINE_LABELS

    checker = build_checker(CheckConfig(cast_names=frozenset({"Marcus"})))
    names = {engine.name for engine in checker.checkers}
    assert {"builtin", "spelling", "confusables", "names"} <= names
    assert names <= set(ENGINE_LABELS), names - set(ENGINE_LABELS)
    assert all(label[:1].isupper() for label in ENGINE_LABELS.values())
