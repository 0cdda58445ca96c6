"""Background mention indexing and discovery: a dispatcher QObject and one-shot QRunnables.

Every request carries the cast epoch it was built for and a snapshot number per chapter; results of an old
epoch, or older than what a chapter already shows, are dropped on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from writer_app.characters.discover import Candidate, discover_candidates
from writer_app.characters.mentions import ChapterMentions, MentionMatcher

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChapterSnapshot:
    """One chapter's text as it was when the request was made, numbered so newer snapshots win."""

    chapter_id: str
    snapshot: int
    text: str


@dataclass(frozen=True)
class IndexRequest:
    """Chapters to index with a matcher, and optionally the manuscript's texts to scan for new names."""

    epoch: int
    matcher: MentionMatcher
    chapters: tuple[ChapterSnapshot, ...]
    discover_texts: tuple[str, ...] | None = None
    exclude: frozenset[str] = field(default_factory=frozenset)
    dismissed: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class IndexResult:
    """Mentions per chapter snapshot, and suggestions when discovery was asked for."""

    request: IndexRequest
    chapters: tuple[tuple[ChapterSnapshot, ChapterMentions], ...]
    suggestions: tuple[Candidate, ...] | None = None
    error: str = ""


def run_request(request: IndexRequest) -> IndexResult:
    """Index (and discover) synchronously; what a worker thread runs."""
    try:
        chapters = tuple((snap, ChapterMentions.scan(request.matcher, snap.text)) for snap in request.chapters)
        suggestions = None
        if request.discover_texts is not None:
            suggestions = tuple(discover_candidates(
                request.discover_texts, exclude=request.exclude, dismissed=request.dismissed,
            ))
        return IndexResult(request, chapters, suggestions)
    except Exception as error:  # noqa: BLE001 - a bad text must not kill the worker thread
        log.exception("character indexing failed")
        return IndexResult(request, (), None, str(error) or type(error).__name__)


class _Relay(QObject):
    """Lives on the GUI thread; runnables emit through it so results arrive by queued connection."""

    done = Signal(object)


class _IndexRunnable(QRunnable):
    """Run one request, then emit its result."""

    def __init__(self, request: IndexRequest, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._request = request
        self._relay = relay

    def run(self) -> None:  # noqa: D102 - QRunnable entry point
        result = run_request(self._request)
        try:
            self._relay.done.emit(result)
        except RuntimeError:  # the relay is gone (window closed): nobody is listening
            log.debug("indexing result dropped: receiver is gone")


class IndexDispatcher(QObject):
    """Queues index requests on one background thread and hands back only results that are still current."""

    chapter_indexed = Signal(str, int, object)  # chapter id, snapshot number, ChapterMentions
    suggestions_ready = Signal(object)  # tuple[Candidate, ...]
    failed = Signal(str)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # requests run in order; one core stays free for the editor
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._snapshots = itertools.count(1)
        self._applied: dict[str, int] = {}
        self._pending = 0
        self._discover_pending = 0
        self.epoch = 0

    def next_snapshot(self) -> int:
        """A number larger than every earlier snapshot's."""
        return next(self._snapshots)

    def mark_applied(self, chapter_id: str, snapshot: int) -> None:
        """Record a chapter result computed on the GUI thread, so older background results are dropped."""
        self._applied[chapter_id] = max(snapshot, self._applied.get(chapter_id, 0))

    def new_epoch(self) -> int:
        """Start over (new project or changed cast): results of earlier requests will be dropped."""
        self.epoch += 1
        self._applied.clear()
        return self.epoch

    @property
    def busy(self) -> bool:
        """Whether requests are still running or queued."""
        return self._pending > 0

    def submit(self, request: IndexRequest) -> None:
        """Run ``request`` in the background."""
        self._pending += 1
        self._discover_pending += request.discover_texts is not None
        self._pool.start(_IndexRunnable(request, self._relay))

    @Slot(object)
    def _on_done(self, result: IndexResult) -> None:
        self._pending -= 1
        self._discover_pending -= result.request.discover_texts is not None
        if result.request.epoch == self.epoch:
            if result.error:
                self.failed.emit(result.error)
            for snap, mentions in result.chapters:
                if snap.snapshot > self._applied.get(snap.chapter_id, 0):
                    self._applied[snap.chapter_id] = snap.snapshot
                    self.chapter_indexed.emit(snap.chapter_id, snap.snapshot, mentions)
            if result.suggestions is not None and self._discover_pending == 0:
                self.suggestions_ready.emit(result.suggestions)
        else:
            log.debug("dropping stale indexing result of epoch %d", result.request.epoch)
        if self._pending == 0:
            self.idle.emit()

    def shutdown(self) -> None:
        """Stop accepting results and wait for the running request to finish."""
        self.epoch += 1
        self._pool.clear()
        self._pool.waitForDone(5000)
