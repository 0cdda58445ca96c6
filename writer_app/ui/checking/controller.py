"""Decide what to check and when: debounce, visible-first order, background manuscript, stale results.

The controller lives on the GUI thread and never runs a checker. Edits bump paragraph revisions (see
:mod:`revisions`); after a pause in typing the dirty paragraphs go to the dispatcher, visible ones first,
then the rest of the chapter (a sweep), then the other chapters of the manuscript. Results whose chapter,
epoch or revision no longer match are dropped. Results are also cached by paragraph text, so reopening a
chapter checked in the background, or undoing an edit, costs no new check.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QTextBlock, QTextDocument

from writer_app import qt_compat  # noqa: F401 - before any signal is emitted
from writer_app.core.text import paragraphs
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Issue
from writer_app.ui.checking.intake import APPLY_QUIET_S, ResultIntake
from writer_app.ui.checking.live import (
    LiveIssue,
    apply_fixes,
    collect_live_issues,
    issue_at,
    paragraph_at,
    passes,
)
from writer_app.ui.checking.manuscript import ChapterIssues, ManuscriptStore
from writer_app.ui.checking.revisions import ParagraphRecord, ParagraphTracker
from writer_app.ui.checking.spans import IssueSpan, single_shot_timer, text_key
from writer_app.ui.checking.workers import BatchResult, CheckBatch, CheckDispatcher, ParagraphJob

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
BATCH_PARAGRAPHS = 600
BATCH_CHARS = 48_000
PUMP_BUDGET_S = 0.003  # GUI time one pump may spend preparing work before yielding to the event loop
DEADLINE_EVERY = 16  # paragraphs prepared between two looks at the clock (with 64 a pump overran its budget)


class CheckingController(ResultIntake, QObject):
    """Schedule background checks for the open chapter and the manuscript, and keep their results."""

    issues_changed = Signal()  # results of the open chapter or the manuscript changed
    progress_changed = Signal()
    engines_changed = Signal(object)  # tuple[str, ...]
    underlines_stale = Signal()  # the visible underlines need rebuilding
    failure = Signal(str)  # a sentence for the writer, sent once

    def __init__(self, editor: object, dispatcher: CheckDispatcher, config: CheckConfig,
                 parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.editor = editor
        self.dispatcher = dispatcher
        self.config = config
        self.tracker = ParagraphTracker()
        self.store = ManuscriptStore()
        self.chapter_id: str | None = None
        self.engines: tuple[str, ...] = ()
        self.epoch = 1
        self.typing_record: int | None = None  # the paragraph whose word is being typed
        self._text_of: Callable[[str], str] | None = None
        self._cache: dict[tuple[int, int], tuple[IssueSpan, ...]] = {}
        self._dirty: dict[int, ParagraphRecord] = {}
        self._debouncing = False
        self._just_edited = False
        self._sweep_pos = 0
        self._live_done = False
        self._live_in_flight = 0
        self._live_seen = False  # every paragraph of the open chapter has had a result once
        self._block_count = 0
        self._orphans = False
        self._told_failure = False
        self._document: QTextDocument | None = None
        self._debounce = single_shot_timer(self, debounce_ms)
        self._debounce_s = debounce_ms / 1000
        self._last_edit = 0.0
        self._batch_signals: dict[str, bool] | None = None
        self._paused = False
        self._visible: tuple[int, int] | None = None
        self._debounce.timeout.connect(self._on_debounce)
        self._pump_timer = single_shot_timer(self, 0)
        self._pump_timer.timeout.connect(self.pump)
        self._arrived: list[BatchResult] = []  # results received, applied together by _apply_arrived
        self._last_apply = 0.0
        self._apply_timer = single_shot_timer(self, 0)
        self._apply_timer.timeout.connect(self._apply_arrived)
        dispatcher.batch_finished.connect(self._on_batch_finished)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)  # type: ignore[attr-defined]
        editor.viewport_changed.connect(self._on_viewport_changed)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ chapters and manuscript
    def open_chapter(self, chapter_id: str) -> None:
        """Start following the chapter now in the editor (its text is already there)."""
        self._detach()
        self.chapter_id = chapter_id
        document = self.editor.document()  # type: ignore[attr-defined]
        self._document = document
        self.tracker.reset(document)
        self._block_count = document.blockCount()
        document.contentsChange.connect(self._on_contents_change)
        # Learned on the worker, before checks. The editor's ``text()`` hands over the text it was given where it can
        # (no copy of a 50 MB chapter); a plain QPlainTextEdit has only ``toPlainText``.
        text_of = getattr(self.editor, "text", None)
        self.dispatcher.learn_names(chapter_id, text_of() if callable(text_of) else document.toPlainText())
        self._new_epoch()
        self._sweep_pos = 0
        self._live_done = False
        self._live_seen = False
        self._visible = None
        self.typing_record = None
        self.pump()
        self.underlines_stale.emit()
        self.issues_changed.emit()
        self.progress_changed.emit()

    def close_chapter(self) -> None:
        """Stop following the editor (the chapter is closing); its text is kept for the manuscript view.

        The text is taken now, from the editor, because the file on disk may not hold the last edits yet;
        its paragraphs are answered from the result cache, so this costs no new check.
        """
        closing = self.chapter_id
        document = self._document
        self._detach()
        self.chapter_id = None
        self.tracker.reset(None)
        self._new_epoch()
        if closing in self.store.chapters:
            self.store.restart(closing)
            if document is not None:
                self.store.chapters[closing].texts = paragraphs(document.toPlainText())
        self.underlines_stale.emit()
        self.issues_changed.emit()
        self.progress_changed.emit()
        self.schedule_pump()

    def set_manuscript(self, chapter_ids: list[str], text_of: Callable[[str], str] | None) -> None:
        """Check these chapters in the background, reading each one's text with ``text_of``."""
        self._text_of = text_of
        self.store.set_chapters(chapter_ids if text_of is not None else [])
        self.progress_changed.emit()
        self.schedule_pump()

    def shutdown(self) -> None:
        """Stop everything: detach from the editor, drop queued work, wait for the threads."""
        self._debounce.stop()
        self._pump_timer.stop()
        self._apply_timer.stop()
        self._arrived.clear()
        self._detach()
        self.chapter_id = None
        self.tracker.reset(None)
        self.store.set_chapters([])
        self.dispatcher.shutdown()

    def _detach(self) -> None:
        if self._document is not None:
            try:
                self._document.contentsChange.disconnect(self._on_contents_change)
            except (RuntimeError, TypeError):
                pass
        self._document = None
        self._dirty.clear()
        self._debouncing = False
        self._debounce.stop()
        self._paused = False
        self._visible = None
        self.dispatcher.resume()
        self._live_in_flight = 0

    def _new_epoch(self) -> None:
        self.epoch += 1
        self.dispatcher.abandon_before(self.epoch)

    # ------------------------------------------------------------------ configuration
    def set_config(self, config: CheckConfig, recheck: bool = True) -> None:
        """Use ``config`` from now on; ``recheck`` re-checks everything, else results are only filtered."""
        self.config = config
        if not recheck:
            self.filter_issues(lambda span: passes(span, config))
            return
        self._cache.clear()
        self._new_epoch()
        self.dispatcher.reset_checkers()
        for record in self.tracker.records.values():
            record.revision += 1
            record.in_flight = -1
        self._sweep_pos = 0
        self._live_done = False
        self._live_in_flight = 0
        self.store.restart()
        self.progress_changed.emit()
        self.schedule_pump()

    def filter_issues(self, keep: Callable[[IssueSpan], bool]) -> None:
        """Drop every known issue for which ``keep`` is false (after an ignore or a new dictionary word)."""

        def kept(spans: tuple[IssueSpan, ...]) -> tuple[IssueSpan, ...]:
            return tuple(s for s in spans if keep(s)) if spans else spans

        for record in self.tracker.records.values():
            record.spans = kept(record.spans)
        for key, spans in self._cache.items():
            if spans:
                self._cache[key] = kept(spans)
        for chapter in self.store.chapters.values():
            for index, spans in chapter.spans.items():
                chapter.spans[index] = kept(spans)
        self.underlines_stale.emit()
        self.issues_changed.emit()

    # ------------------------------------------------------------------ edits
    @Slot(int, int, int)
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        document = self._document
        if document is None:
            return
        edit = self.tracker.on_contents_change(position, removed, added)
        count = document.blockCount()
        if count != self._block_count:
            if edit.first_block < self._sweep_pos:
                self._sweep_pos = max(edit.first_block, self._sweep_pos + count - self._block_count)
            if removed:
                self._orphans = True  # blocks were deleted: their records go on the next query
            self._block_count = count
            self._visible = None
        self._live_done = False
        touched = edit.touched
        if touched is None:  # a huge edit: re-verify everything lazily, check right away
            self._orphans = True
            self._new_epoch()
            self._live_in_flight = 0
            self._sweep_pos = 0
            self._visible = None
            self.underlines_stale.emit()
            self.schedule_pump()
            return
        if removed and len(touched) > 1:
            self._orphans = True
        dirty = self._dirty
        for record in touched:
            dirty[record.id] = record
        self._just_edited = True
        was_typing = self.typing_record
        self.typing_record = touched[0].id if len(touched) == 1 and added <= 2 else None
        self._debouncing = True
        self._last_edit = time.perf_counter()
        if not self._paused:
            self._paused = True
            self.dispatcher.pause()
        if not self._debounce.isActive():
            self._debounce.start()
        if edit.spans_changed or was_typing != self.typing_record:
            self.underlines_stale.emit()

    @Slot()
    def _on_cursor_moved(self) -> None:
        if self._just_edited:
            self._just_edited = False
            return
        if self.typing_record is not None:  # the writer moved on: underline the word they left
            self.typing_record = None
            self.underlines_stale.emit()

    @Slot()
    def _on_debounce(self) -> None:
        remaining = self._last_edit + self._debounce_s - time.perf_counter()
        if remaining > 0.002:  # typed again meanwhile: wait for the rest of the pause
            self._debounce.start(max(1, int(remaining * 1000)))
            return
        self._debounce.setInterval(int(self._debounce_s * 1000))
        self._debouncing = False
        self._paused = False
        self.dispatcher.resume()
        self.pump()

    @Slot()
    def _on_viewport_changed(self) -> None:
        self._visible = None
        self.schedule_pump()

    def visible_range(self) -> tuple[int, int]:
        """First and last block numbers on screen (cached until the view or the block count changes).

        Counts laid-out lines from the first visible block instead of hit-testing the bottom of the view,
        which costs a tenth of a second inside a megabyte-long paragraph.
        """
        if self._visible is None:
            editor = self.editor
            try:
                block = editor.firstVisibleBlock()  # type: ignore[attr-defined]
                first = max(0, block.blockNumber())
                lines = editor.viewport().height() // max(1, editor.fontMetrics().lineSpacing()) + 1  # type: ignore[attr-defined]
                number, last = first, first
                while block.isValid() and lines > 0:
                    lines -= max(1, block.lineCount()) if block.isVisible() else 0
                    last = number
                    block = block.next()
                    number += 1
                self._visible = (first, last)
            except AttributeError:
                self._visible = editor.visible_block_range()  # type: ignore[attr-defined]
        return self._visible

    # ------------------------------------------------------------------ scheduling
    def schedule_pump(self) -> None:
        """Run :meth:`pump` on the next event-loop turn (coalesced)."""
        if not self._pump_timer.isActive():
            self._pump_timer.start()

    @Slot()
    def pump(self) -> None:
        """Hand work to free workers: visible paragraphs, then dirty ones, the chapter, the manuscript."""
        if self.dispatcher.closed:
            return
        deadline = time.perf_counter() + PUMP_BUDGET_S
        while self.dispatcher.has_capacity():
            batch = self._next_live_batch(deadline)
            if batch is None and self._live_finished():
                batch = self._next_background_batch(deadline)
            if batch is None:
                break
            if batch.live:
                self._live_in_flight += 1
            self.dispatcher.submit(batch)
            if time.perf_counter() > deadline:
                break
        if time.perf_counter() > deadline and self.dispatcher.has_capacity():
            self.schedule_pump()  # more preparation to do: continue after the event loop breathes

    def _live_finished(self) -> bool:
        """True when the open chapter has nothing left to dispatch (so background work may start)."""
        return self._document is None or (self._live_done and not self._dirty)

    def _prepare(self, block: QTextBlock, record: ParagraphRecord) -> ParagraphJob | None:
        """A job for ``block`` if it needs checking; applies cached results on the way."""
        if record.in_flight == record.revision:
            return None
        if self._debouncing and record.id in self._dirty:
            return None
        if record.up_to_date and record.verified == self.tracker.generation:
            self._dirty.pop(record.id, None)
            return None
        text = self.tracker.verify(block, record)
        self._dirty.pop(record.id, None)
        if record.up_to_date:
            return None
        key = text_key(text)
        cached = self._cache.get(key)
        if cached is None and not text.strip():
            cached = ()
        if cached is not None:
            record.checked, record.spans, record.key = record.revision, cached, key
            if cached:
                self.underlines_stale.emit()
                self.issues_changed.emit()
            return None
        record.in_flight = record.revision
        return ParagraphJob(record.id, record.revision, text)

    def _next_live_batch(self, deadline: float) -> CheckBatch | None:
        document = self._document
        if document is None or self.chapter_id is None:
            return None
        jobs: list[ParagraphJob] = []
        first, last = self.visible_range()
        block = document.findBlockByNumber(first)
        number = first
        while block.isValid() and number <= last:
            job = self._prepare(block, self.tracker.record(block, number))
            if job is not None:
                jobs.append(job)
            block = block.next()
            number += 1
        if jobs:  # the visible paragraphs go alone, so their underlines come first
            return self._batch(jobs, live=True, visible=True)
        if not self._debouncing:
            for record in list(self._dirty.values()):
                found = self.tracker.find_block(record)
                if found is None:
                    self._dirty.pop(record.id, None)
                    continue
                job = self._prepare(found, record)
                if job is not None:
                    jobs.append(job)
                if len(jobs) >= BATCH_PARAGRAPHS:
                    break
            if jobs:
                return self._batch(jobs, live=True)
        return self._sweep(document, deadline)

    def _sweep(self, document: QTextDocument, deadline: float) -> CheckBatch | None:
        """Walk the chapter from the sweep position, collecting paragraphs that need a check."""
        if self._live_done:
            return None
        jobs: list[ParagraphJob] = []
        chars = 0
        number = self._sweep_pos
        block = document.findBlockByNumber(number)
        record = self.tracker.record
        while block.isValid():
            job = self._prepare(block, record(block, number))
            number += 1
            block = block.next()
            if job is not None:
                jobs.append(job)
                chars += len(job.text)
                if len(jobs) >= BATCH_PARAGRAPHS or chars >= BATCH_CHARS:
                    break
            if number % DEADLINE_EVERY == 0 and time.perf_counter() > deadline:
                break
        self._sweep_pos = number
        if jobs:
            return self._batch(jobs, live=True)
        if block.isValid():
            self.schedule_pump()  # out of time: continue on the next turn of the event loop
        elif self._live_in_flight == 0 and not self._dirty:
            self._live_done = True  # every paragraph has a result (edits since then come back as dirty)
            self._live_seen = True  # the chapter's count means something from now on, even while re-checking
            self.progress_changed.emit()
            self.schedule_pump()
        return None

    def _next_background_batch(self, deadline: float) -> CheckBatch | None:
        if self._text_of is None:
            return None
        for chapter_id in self.store.order:
            chapter = self.store.chapters[chapter_id]
            if chapter.done or chapter_id == self.chapter_id:
                continue
            if chapter.texts is None:
                chapter.load(self._text_of)
                if chapter.texts:
                    self.dispatcher.learn_names(chapter_id, chapter.texts)
            batch = self._background_jobs(chapter, deadline)
            if batch is not None:
                return batch
            if chapter.finish_if_complete():
                self.progress_changed.emit()
                self.issues_changed.emit()
                continue
            if time.perf_counter() > deadline:
                self.schedule_pump()
                return None
            if chapter.pending:
                continue  # its last batch is still running; start the next chapter meanwhile
        return None

    def _background_jobs(self, chapter: ChapterIssues, deadline: float) -> CheckBatch | None:
        texts = chapter.texts or []
        jobs: list[ParagraphJob] = []
        chars = 0
        indexes: Iterator[int] = iter(chapter.retry[:])
        chapter.retry.clear()

        def take(index: int) -> None:
            nonlocal chars
            text = texts[index]
            cached = self._cache.get(text_key(text)) if text.strip() else ()
            if cached is not None:
                if cached:
                    chapter.spans[index] = cached
                return
            chapter.pending.add(index)
            jobs.append(ParagraphJob(index, chapter.token, text))
            chars += len(text)

        for index in indexes:
            take(index)
        while chapter.next < len(texts) and len(jobs) < BATCH_PARAGRAPHS and chars < BATCH_CHARS:
            take(chapter.next)
            chapter.next += 1
            if chapter.next % DEADLINE_EVERY == 0 and time.perf_counter() > deadline:
                break
        if not jobs:
            return None
        return CheckBatch(chapter.chapter_id, self.epoch, self.config, tuple(jobs), live=False)

    def _batch(self, jobs: list[ParagraphJob], live: bool, visible: bool = False) -> CheckBatch:
        return CheckBatch(self.chapter_id or "", self.epoch, self.config, tuple(jobs), live=live, visible=visible)

    # ------------------------------------------------------------------ queries
    def typing(self) -> bool:
        """True right after a keystroke (views then wait a moment before refreshing)."""
        return time.perf_counter() - self._last_edit < APPLY_QUIET_S

    def progress(self) -> tuple[int, int]:
        """``(chapters fully checked, chapters in the manuscript)``; the open chapter counts too."""
        total = len(self.store.order)
        live_done = self._document is not None and self._live_done and self._live_in_flight == 0
        if self.chapter_id is not None and self.chapter_id not in self.store.chapters:
            total += 1
        done = self.store.done_count(skip=self.chapter_id) + (1 if live_done else 0)
        return done, max(total, done)

    def chapter_has_results(self) -> bool:
        """True once the open chapter has any check result (until then its issue count means nothing)."""
        return self._document is not None and (self._live_seen or (self._live_done and self._live_in_flight == 0))

    def chapter_checked(self) -> bool:
        """True when every paragraph of the open chapter has a result for its current text."""
        return (self._document is not None and self._live_done and self._live_in_flight == 0 and not self._dirty
                and not self._debouncing)

    def idle(self) -> bool:
        """True when nothing is queued, in flight or waiting for a pause in typing."""
        done, total = self.progress()
        return (done >= total and self.dispatcher.in_flight == 0 and not self._arrived and not self._dirty
                and not self._debouncing)

    def _collect_orphans(self) -> None:
        if self._orphans:
            self._orphans = False
            self.tracker.collect_orphans()

    def live_issues(self) -> list[LiveIssue]:
        """Every issue of the open chapter, in text order (spans of up-to-date or shifted paragraphs)."""
        self._collect_orphans()
        return collect_live_issues(self.tracker) if self._document is not None else []

    def live_issue_count(self) -> int:
        """How many issues the open chapter has (cheap unless blocks were deleted since the last query)."""
        self._collect_orphans()
        return sum(len(r.spans) for r in self.tracker.records.values() if r.spans)

    def chapter_issues(self, chapter_id: str) -> list[tuple[int, IssueSpan]]:
        """``(paragraph index, span)`` of a closed chapter checked in the background."""
        chapter = self.store.chapters.get(chapter_id)
        return list(chapter.issues()) if chapter is not None else []

    def manuscript_issue_count(self) -> int:
        """Issues in the whole manuscript (open chapter included)."""
        closed = sum(len(spans) for cid, ch in self.store.chapters.items() if cid != self.chapter_id
                     for spans in ch.spans.values())
        return closed + self.live_issue_count()

    def issue_at(self, position: int) -> LiveIssue | None:
        """The issue under Qt position ``position`` in the open chapter (the shortest if several)."""
        return issue_at(self.tracker, position)

    def paragraph_pending(self, position: int) -> bool:
        """True while the paragraph at Qt position ``position`` has no result for its current text."""
        found = paragraph_at(self.tracker, position)
        if found is None:
            return False
        record = found[1]
        return record is None or not record.up_to_date or record.verified != self.tracker.generation

    def check_now(self) -> None:
        """End the pause in typing at once: check the edited paragraphs now and show the results without delay.

        For when the writer asks about what they just typed (a right-click on a word typed a moment ago).
        """
        if not self._debouncing:
            return
        self._debounce.stop()
        self._last_edit = time.perf_counter() - max(self._debounce_s, APPLY_QUIET_S)
        self._on_debounce()

    # ------------------------------------------------------------------ fixes
    def apply_fix(self, live: LiveIssue, replacement: str) -> bool:
        """Replace the flagged text with ``replacement`` as one undoable edit; False if the text changed."""
        return self.apply_fixes([(live, replacement)]) == 1

    def apply_fixes(self, fixes: list[tuple[LiveIssue, str]]) -> int:
        """Apply several fixes as ONE undoable edit; returns how many still matched the text."""
        return apply_fixes(self.editor, fixes) if self._document is not None else 0

    def similar_issues(self, issue: Issue) -> list[LiveIssue]:
        """Issues of the open chapter with the same rule, text and first replacement."""
        return [live for live in self.live_issues()
                if live.issue.rule == issue.rule and live.issue.text == issue.text
                and live.issue.replacements[:1] == issue.replacements[:1]]

    def replace_config_words(self, words: frozenset[str]) -> None:
        """Add known words to the configuration without a full re-check."""
        self.set_config(replace(self.config, known_words=self.config.known_words | words), recheck=False)
