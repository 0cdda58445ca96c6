"""Results coming back from the workers: received at once, applied to the views in coalesced bursts.

A mixin of :class:`~writer_app.ui.checking.controller.CheckingController` (it uses the controller's state):
results are applied at most every ``APPLY_INTERVAL_S``, never within ``APPLY_QUIET_S`` of a keystroke, each
burst within ``APPLY_BUDGET_S``, with one change signal of each kind per burst; underlines are rebuilt only
when a paragraph on screen changed. Stale results (other chapter, epoch or revision) are dropped.

A batch's built-in result comes first; a ``late`` result (extra engines such as LanguageTool, merged with the
built-in issues) follows and replaces a paragraph's issues only while the paragraph still has the built-in
result of that same revision. A ``partial`` result (spelling alone, sent while the engine still loads its rules)
is shown only while the paragraph has no full result of that revision; it is never cached.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Slot

from writer_app.ui.checking.live import passes
from writer_app.ui.checking.revisions import ParagraphRecord
from writer_app.ui.checking.spans import IssueSpan
from writer_app.ui.checking.workers import BatchResult

CACHE_LIMIT = 200_000
APPLY_INTERVAL_S = 0.1  # results are applied in bursts at most this often (one GUI update for many batches)
APPLY_QUIET_S = 0.06  # ... and not until the writer's last keystroke is this old
APPLY_BUDGET_S = 0.004  # GUI time one burst may spend applying results before yielding


class ResultIntake:
    """Receive batch results and apply them to the open chapter and the manuscript store."""

    @Slot(object)
    def _on_batch_finished(self, result: BatchResult) -> None:
        """Keep the workers fed now; apply the results in a burst later (see :meth:`_apply_arrived`)."""
        self._arrived.append(result)
        self._schedule_apply(urgent=result.batch.visible)
        self.schedule_pump()

    def _schedule_apply(self, urgent: bool = False) -> None:
        """Apply soon: after ``APPLY_INTERVAL_S`` since the last burst, or (``urgent``: results for the paragraphs on
        screen, such as the first underlines after opening) at once; either way not within ``APPLY_QUIET_S`` of a
        keystroke."""
        now = time.perf_counter()
        quiet = self._last_edit + APPLY_QUIET_S - now
        wait = max(quiet, 0.0) if urgent else max(self._last_apply + APPLY_INTERVAL_S - now, quiet, 0.0)
        milliseconds = int(wait * 1000) + (1 if wait else 0)
        if self._apply_timer.isActive() and self._apply_timer.remainingTime() <= milliseconds:
            return
        self._apply_timer.start(milliseconds)

    @Slot()
    def _apply_arrived(self) -> None:
        """Apply received results: at most every APPLY_INTERVAL_S, never right after a keystroke, within a budget."""
        now = time.perf_counter()
        if now - self._last_edit < APPLY_QUIET_S:
            self._schedule_apply()  # the writer is typing: their keystrokes come first
            return
        self._last_apply = now
        deadline = now + APPLY_BUDGET_S
        signals = self._batch_signals = {"underlines": False, "issues": False, "progress": False}
        try:
            while self._arrived:
                self._apply_result(self._arrived.pop(0))
                if time.perf_counter() > deadline:
                    break
        finally:
            self._batch_signals = None
        if signals["underlines"]:
            self.underlines_stale.emit()
        if signals["issues"]:
            self.issues_changed.emit()
        if signals["progress"]:
            self.progress_changed.emit()
        if self._arrived:
            self._schedule_apply()
        self.schedule_pump()

    def _note(self, what: str) -> None:
        """Emit a change signal now, or once at the end of the burst being applied."""
        signals = self._batch_signals
        if signals is not None:
            signals[what] = True
            return
        {"underlines": self.underlines_stale, "issues": self.issues_changed,
         "progress": self.progress_changed}[what].emit()

    def _visible_record(self, record: ParagraphRecord) -> bool:
        """Whether the paragraph is (probably) on screen: its last known block number is in the visible range."""
        first, last = self.visible_range()
        return first - 2 <= record.hint <= last + 2

    def _apply_result(self, result: BatchResult) -> None:
        batch = result.batch
        if result.engines and result.engines != self.engines:
            self.engines = result.engines
            self.engines_changed.emit(self.engines)
        if result.errors:
            self._tell_failure(result.errors[0])
        kept = [self._filtered(item.spans) for item in result.results]  # one pass: the cache and the views
        if batch.config is self.config and not result.partial:
            for item, spans in zip(result.results, kept, strict=True):
                if len(self._cache) >= CACHE_LIMIT:
                    self._cache.clear()
                self._cache[item.text_key] = spans
        if result.partial:
            self._accept_partial(result, kept)
        elif result.late:
            self._accept_late(result, kept)
        elif batch.live:
            self._accept_live(result, kept)
        else:
            self._accept_background(result, kept)

    def _filtered(self, spans: tuple[IssueSpan, ...]) -> tuple[IssueSpan, ...]:
        """The spans the writer's ignores and dictionaries let through.

        Engines filter with the configuration they were given, but a result may have been computed before the
        writer's latest ignore, and an engine may not filter at all: a few set lookups per issue keep every
        result honest.
        """
        if not spans:
            return spans
        config = self.config
        kept = tuple(s for s in spans if passes(s, config))
        return spans if len(kept) == len(spans) else kept

    def _accept_live(self, result: BatchResult, kept: list[tuple[IssueSpan, ...]]) -> None:
        batch = result.batch
        if batch.epoch != self.epoch or batch.chapter_id != self.chapter_id:
            return  # another chapter, or the document changed wholesale since: stale
        self._live_in_flight = max(0, self._live_in_flight - 1)
        first = not self._live_seen
        records = self.tracker.records
        changed = False
        visible = False
        done_keys = set()
        for item, spans in zip(result.results, kept, strict=True):
            done_keys.add(item.key)
            record = records.get(item.key)
            if record is None:
                continue
            if record.in_flight == item.revision:
                record.in_flight = -1
            if record.revision != item.revision:
                continue  # edited since the snapshot: a fresher check follows
            if spans or record.spans:
                changed = True
                visible = visible or self._visible_record(record)
            record.checked, record.spans, record.key = item.revision, spans, item.text_key
            self._live_seen = True
        if result.cancelled:
            for job in batch.jobs:
                if job.key not in done_keys:
                    record = records.get(job.key)
                    if record is not None and record.in_flight == job.revision:
                        record.in_flight = -1
                        self._dirty[record.id] = record
        if visible:
            self._note("underlines")  # only a change on screen needs new underlines
        if changed:
            self._note("issues")
        if self._live_in_flight == 0 and not self._live_done or first and self._live_seen:
            self._note("progress")

    def _accept_partial(self, result: BatchResult, kept: list[tuple[IssueSpan, ...]]) -> None:
        """Show spelling-only issues of paragraphs never fully checked yet (their full result replaces them)."""
        batch = result.batch
        if not batch.live or batch.epoch != self.epoch or batch.chapter_id != self.chapter_id:
            return
        records = self.tracker.records
        changed = visible = False
        for item, spans in zip(result.results, kept, strict=True):
            record = records.get(item.key)
            if record is None or record.revision != item.revision or record.checked != -1:
                continue  # edited since, or it has a full result (of this or an older text): keep that one
            if spans != record.spans:
                record.spans, changed = spans, True
                visible = visible or self._visible_record(record)
        if visible:
            self._note("underlines")
        if changed:
            self._note("issues")

    def _accept_background(self, result: BatchResult, kept: list[tuple[IssueSpan, ...]]) -> None:
        batch = result.batch
        chapter = self.store.chapters.get(batch.chapter_id)
        if chapter is None or batch.chapter_id == self.chapter_id:
            return
        done: set[int] = set()
        for item, spans in zip(result.results, kept, strict=True):
            if item.revision != chapter.token:
                continue
            done.add(item.key)
            chapter.pending.discard(item.key)
            if spans:
                chapter.spans[item.key] = spans
            else:
                chapter.spans.pop(item.key, None)
        for job in batch.jobs:
            if job.revision == chapter.token and job.key not in done and job.key in chapter.pending:
                chapter.pending.discard(job.key)
                chapter.retry.append(job.key)
        if chapter.finish_if_complete():
            self._note("progress")
        if done:
            self._note("issues")

    def _accept_late(self, result: BatchResult, kept: list[tuple[IssueSpan, ...]]) -> None:
        """Merge in the extra engines' issues where the paragraph still has that revision's built-in result."""
        batch = result.batch
        changed = visible = False
        if self.dispatcher.in_flight == 0:
            self._note("progress")  # the extra engines are done: "Checking…" in the views can go
        if batch.live:
            if batch.epoch != self.epoch or batch.chapter_id != self.chapter_id:
                return
            records = self.tracker.records
            for item, spans in zip(result.results, kept, strict=True):
                record = records.get(item.key)
                if record is None or record.revision != item.revision or not record.up_to_date:
                    continue  # edited since (a fresher check follows) or not checked yet
                if spans != record.spans:
                    record.spans, changed = spans, True
                    visible = visible or self._visible_record(record)
        else:
            chapter = self.store.chapters.get(batch.chapter_id)
            if chapter is None or batch.chapter_id == self.chapter_id:
                return
            for item, spans in zip(result.results, kept, strict=True):
                if item.revision == chapter.token and item.key not in chapter.pending:
                    if spans:
                        chapter.spans[item.key] = spans
                    else:
                        chapter.spans.pop(item.key, None)
                    changed = True
        if visible:
            self._note("underlines")
        if changed:
            self._note("issues")

    def _tell_failure(self, message: str) -> None:
        if self._told_failure:
            return
        self._told_failure = True
        self.failure.emit(self.tr("Checking skipped a paragraph it could not check ({0}); see the log.")
                          .replace("{0}", message))
