"""Runs manuscript searches and replace-all plans off the GUI thread, one at a time, newest wins."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal

from writer_app.core.search import (
    ChapterHits,
    ChapterSource,
    Deadline,
    SearchCancelled,
    SearchQuery,
    replace_spans,
    search_chapters,
)
from writer_app.errors import WriterAppError
from writer_app.ui.workers import OneShot

log = logging.getLogger(__name__)

BATCH_SECONDS = 0.05  # hits found are handed to the GUI at most this often (the first chapter at once)


@dataclass(frozen=True, slots=True)
class ChapterPlan:
    """What replace-all will do to one chapter: the text it read and the edits ``(start, end, new)``."""

    chapter_id: str
    text: str
    edits: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class ReplacePlan:
    """Replace-all worked out: the chapters to change, and how taking their snapshots went."""

    chapters: tuple[ChapterPlan, ...]
    snapshot_errors: tuple[str, ...] = ()
    over_cap: bool = False


Snapshotter = Callable[[str, str], bool]  # (chapter id, text) -> store over its cap; raises WriterAppError


class _Job(OneShot):
    def __init__(self, runner: SearchRunner, generation: int, query: SearchQuery,
                 sources: list[ChapterSource], replacement: str | None, stop: threading.Event,
                 snapshot: Snapshotter | None = None, skip: str | None = None) -> None:
        super().__init__()
        self.runner, self.generation, self.query = runner, generation, query
        self.sources, self.replacement, self.stop = sources, replacement, stop
        self.snapshot, self.skip = snapshot, skip

    def work(self) -> None:
        started = time.monotonic()
        deadline = Deadline(self.runner.timeout, self.stop.is_set)
        try:
            if self.replacement is None:
                self._search(deadline)
            else:
                self._plan(deadline)
        except SearchCancelled:
            return
        except (WriterAppError, OSError) as error:
            self.runner._failed.emit(self.generation, str(error))  # noqa: SLF001
            return
        except Exception as error:  # a worker must always answer, or the bar waits forever
            log.exception("search failed")
            self.runner._failed.emit(self.generation, str(error))  # noqa: SLF001
            return
        self.runner._finished.emit(self.generation, time.monotonic() - started)  # noqa: SLF001

    def _search(self, deadline: Deadline) -> None:
        batch: list[ChapterHits] = []
        last = 0.0
        for hits in search_chapters(self.query, self.sources, deadline):
            batch.append(hits)
            now = time.monotonic()
            if now - last >= BATCH_SECONDS:
                self.runner._found.emit(self.generation, batch)  # noqa: SLF001
                batch, last = [], now
        if batch:
            self.runner._found.emit(self.generation, batch)  # noqa: SLF001

    def _plan(self, deadline: Deadline) -> None:
        assert self.replacement is not None
        plans: list[ChapterPlan] = []
        for source in self.sources:
            text = source.read()
            edits = replace_spans(self.query, text, self.replacement, deadline)
            if edits:
                plans.append(ChapterPlan(source.chapter_id, text, tuple(edits)))
        errors: list[str] = []
        over_cap = False
        for plan in plans:  # only once every replacement is known: a failed search changes nothing
            if self.snapshot is None or plan.chapter_id == self.skip or self.stop.is_set():
                continue
            try:
                over_cap = self.snapshot(plan.chapter_id, plan.text) or over_cap
            except (WriterAppError, OSError, KeyError) as error:
                errors.append(str(error))
        if self.stop.is_set():
            raise SearchCancelled("The search was stopped.")
        self.runner._planned.emit(self.generation, ReplacePlan(tuple(plans), tuple(errors), over_cap))  # noqa: SLF001


class SearchRunner(QObject):
    """Dispatcher for search jobs: ``search`` and ``plan_replace_all`` answer with signals tagged by generation.

    Starting a job stops the one before (between chapters; a runaway pattern stops at the time limit).
    """

    found = Signal(int, list)  # generation, [ChapterHits]
    finished = Signal(int, float)  # generation, seconds
    failed = Signal(int, str)  # generation, one sentence
    planned = Signal(int, object)  # generation, ReplacePlan

    _found = Signal(int, list)
    _finished = Signal(int, float)
    _failed = Signal(int, str)
    _planned = Signal(int, object)

    def __init__(self, parent: QObject | None = None, timeout: float = 5.0) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self.generation = 0
        self.busy = False
        self._stop = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._found.connect(self._relay_found)
        self._finished.connect(self._relay_finished)
        self._failed.connect(self._relay_failed)
        self._planned.connect(self._relay_planned)

    def search(self, query: SearchQuery, sources: list[ChapterSource]) -> int:
        """Start finding ``query`` in ``sources``; returns the generation its signals carry."""
        return self._start(query, sources, None)

    def plan_replace_all(self, query: SearchQuery, sources: list[ChapterSource], replacement: str,
                         snapshot: Snapshotter | None = None, skip: str | None = None) -> int:
        """Work out every replacement, then snapshot each chapter to change (but ``skip``) with ``snapshot``;
        no text is changed. Answered by ``planned``."""
        return self._start(query, sources, replacement, snapshot, skip)

    def cancel(self) -> None:
        """Stop the running job; its signals are ignored from now on."""
        self._stop.set()
        self.generation += 1
        self.busy = False

    def wait(self, msecs: int = 10000) -> bool:
        """Wait for the pool to be idle (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _start(self, query: SearchQuery, sources: list[ChapterSource], replacement: str | None,
               snapshot: Snapshotter | None = None, skip: str | None = None) -> int:
        self.cancel()
        self._stop = threading.Event()
        self.busy = True
        _Job(self, self.generation, query, sources, replacement, self._stop, snapshot, skip).start_on(self._pool)
        return self.generation

    def _relay_found(self, generation: int, hits: list) -> None:
        if generation == self.generation:
            self.found.emit(generation, hits)

    def _relay_finished(self, generation: int, seconds: float) -> None:
        if generation == self.generation:
            self.busy = False
            self.finished.emit(generation, seconds)

    def _relay_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.busy = False
            self.failed.emit(generation, message)

    def _relay_planned(self, generation: int, plan: object) -> None:
        if generation == self.generation:
            self.planned.emit(generation, plan)
