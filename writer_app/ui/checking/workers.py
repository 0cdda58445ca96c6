"""Background checking: a dispatcher QObject and one-shot QRunnables with immutable payloads.

The GUI thread never runs a checker. It hands a :class:`CheckBatch` (a frozen snapshot of paragraph texts) to
:class:`CheckDispatcher`, which starts a one-shot runnable on its own pool of ``maxThreadCount() - 1`` threads;
results come back by a queued signal. Each pool thread keeps one checker per configuration, because
building one (dictionaries, rule indexes) is costly. Workers pause between paragraphs while the writer types,
so the GUI thread gets the interpreter lock at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from writer_app.grammar.engine import CheckConfig, Checker, CheckerError
from writer_app.grammar.model import Issue
from writer_app.ui.checking.spans import IssueSpan, text_key, to_spans

log = logging.getLogger(__name__)

CheckerFactory = Callable[[CheckConfig], Checker]

# A paragraph longer than this is checked in slices cut at whitespace, pausing and honouring cancel between.
CHUNK_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class ParagraphJob:
    """One paragraph to check: its identity, the revision it had when snapshotted, its text."""

    key: int
    revision: int
    text: str


@dataclass(frozen=True, slots=True)
class CheckBatch:
    """Paragraphs of one chapter checked together; ``live`` means the chapter open in the editor."""

    chapter_id: str
    epoch: int
    config: CheckConfig
    jobs: tuple[ParagraphJob, ...]
    live: bool = True


@dataclass(frozen=True, slots=True)
class ParagraphResult:
    """The issues of one paragraph revision (UTF-16 spans), or ``failed`` when the checker raised."""

    key: int
    revision: int
    text_key: tuple[int, int]
    spans: tuple[IssueSpan, ...]
    failed: bool = False


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a runnable sends back: results for the paragraphs it finished, engine names, failures."""

    batch: CheckBatch
    results: tuple[ParagraphResult, ...]
    engines: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    cancelled: bool = False


def engine_names(checker: Checker) -> tuple[str, ...]:
    """The names of the engines inside ``checker`` (a composite lists its parts)."""
    parts = getattr(checker, "checkers", None)
    if parts:
        return tuple(str(getattr(part, "name", type(part).__name__)) for part in parts)
    return (str(getattr(checker, "name", type(checker).__name__)),)


def find_suggester(checker: Checker) -> Callable[[str], list[str]] | None:
    """The ``suggest`` method of the spelling engine inside ``checker``, if any."""
    for part in (checker, *getattr(checker, "checkers", ())):
        suggest = getattr(part, "suggest", None)
        if callable(suggest):
            return suggest
    return None


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into slices of about ``size`` characters, ending after whitespace (never inside a word)."""
    bounds: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length:
        end = min(length, start + size)
        if end < length:
            cut = max(text.rfind(". ", start + size // 2, end), text.rfind(" ", start + size // 2, end))
            if cut > start:
                end = cut + 1
        bounds.append((start, end))
        start = end
    return bounds


class _Shared:
    """State shared by the dispatcher and its runnables; every field is thread-safe to read."""

    def __init__(self, factory: CheckerFactory) -> None:
        self.factory = factory
        self.closing = threading.Event()
        self.go = threading.Event()  # cleared while the writer types
        self.go.set()
        self.warmed = threading.Event()
        self.warmed.set()
        self.min_epoch = 0  # batches older than this are abandoned (plain int: atomic to read and write)
        self._lock = threading.Lock()
        self._checkers: dict[int, tuple[CheckConfig, Checker]] = {}

    def checker_for(self, config: CheckConfig) -> Checker:
        """This thread's checker for ``config``, built on first use (or after the config changed)."""
        ident = threading.get_ident()
        with self._lock:
            cached = self._checkers.get(ident)
        if cached is not None and (cached[0] is config or cached[0] == config):
            return cached[1]
        checker = self.factory(config)
        with self._lock:
            self._checkers[ident] = (config, checker)
        return checker

    def drop_checkers(self) -> None:
        """Forget every cached checker (on shutdown or when the word lists changed)."""
        with self._lock:
            self._checkers.clear()

    def wait_turn(self, batch: CheckBatch | None = None) -> bool:
        """Block while typing pauses work; False when the work should stop (closing or stale)."""
        while True:
            if self.closing.is_set() or (batch is not None and batch.epoch < self.min_epoch):
                return False
            if self.go.is_set():
                return True
            self.go.wait(0.05)


class OneShot(QRunnable):
    """A QRunnable that starts working only after ``start_on`` returned.

    PySide6 finishes handing a Python runnable to the pool after ``QThreadPool.start`` released the
    interpreter lock; a job quick enough to finish (and be auto-deleted) before that crashes the process.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._released = threading.Event()

    def run(self) -> None:  # noqa: D102 - QRunnable entry point
        self._released.wait()
        self.work()

    def work(self) -> None:
        """The job; runs on a pool thread."""
        raise NotImplementedError

    def start_on(self, pool: QThreadPool, priority: int = 0) -> None:
        """Queue on ``pool`` and let the job begin."""
        pool.start(self, priority)
        self._released.set()


class _Relay(QObject):
    """Lives on the GUI thread; runnables emit through it, so results arrive by queued connection."""

    batch_done = Signal(object)
    suggestions_done = Signal(int, object)


def _emit(signal: object, *args: object) -> None:
    try:
        signal.emit(*args)  # type: ignore[attr-defined]
    except RuntimeError:  # the relay was deleted while we ran: nobody is listening any more
        log.debug("checking results dropped: receiver is gone")


class _CheckRunnable(OneShot):
    """Check one batch of paragraphs, then emit a :class:`BatchResult`."""

    def __init__(self, batch: CheckBatch, shared: _Shared, relay: _Relay) -> None:
        super().__init__()
        self._batch = batch
        self._shared = shared
        self._relay = relay

    def work(self) -> None:  # noqa: D102 - see OneShot
        batch, shared = self._batch, self._shared
        results: list[ParagraphResult] = []
        errors: list[str] = []
        engines: tuple[str, ...] = ()
        cancelled = False
        try:
            checker = shared.checker_for(batch.config)
            engines = engine_names(checker)
        except Exception as error:  # noqa: BLE001 - a broken engine must not kill the worker
            log.exception("could not build the checker")
            errors.append(str(error) or type(error).__name__)
            checker = None
        for job in batch.jobs:
            if not shared.wait_turn(batch):
                cancelled = True
                break
            if checker is None:
                results.append(ParagraphResult(job.key, job.revision, text_key(job.text), (), failed=True))
                continue
            try:
                issues = self._check(checker, job.text, batch)
            except _Stop:
                cancelled = True
                break
            except Exception as error:  # noqa: BLE001 - skip the paragraph, keep checking the others
                log.exception("checker failed on paragraph %s of chapter %s (%d characters); skipped",
                              job.key, batch.chapter_id, len(job.text))
                if isinstance(error, CheckerError) or not errors:
                    errors.append(str(error) or type(error).__name__)
                results.append(ParagraphResult(job.key, job.revision, text_key(job.text), (), failed=True))
                continue
            results.append(ParagraphResult(job.key, job.revision, text_key(job.text), to_spans(job.text, issues)))
        _emit(self._relay.batch_done, BatchResult(batch, tuple(results), engines, tuple(errors), cancelled))

    def _check(self, checker: Checker, text: str, batch: CheckBatch) -> list[Issue]:
        if len(text) <= CHUNK_CHARS:
            return list(checker.check(text))
        issues: list[Issue] = []
        for start, end in chunk_bounds(text):
            if not self._shared.wait_turn(batch):
                raise _Stop
            issues.extend(issue.shifted(start) for issue in checker.check(text[start:end]))
        return issues


class _Stop(Exception):
    """Raised inside a runnable to abandon a long paragraph."""


class _SuggestRunnable(OneShot):
    """Ask the spelling engine for suggestions for one word (only ever on right-click)."""

    def __init__(self, request: int, word: str, config: CheckConfig, shared: _Shared, relay: _Relay) -> None:
        super().__init__()
        self._request, self._word, self._config = request, word, config
        self._shared, self._relay = shared, relay

    def work(self) -> None:  # noqa: D102 - see OneShot
        words: list[str] = []
        if not self._shared.closing.is_set():
            try:
                suggest = find_suggester(self._shared.checker_for(self._config))
                words = list(suggest(self._word)) if suggest else []
            except Exception:  # noqa: BLE001 - no suggestions is better than a crash
                log.exception("spelling suggestions failed for %r", self._word)
        _emit(self._relay.suggestions_done, self._request, words)


class _WarmRunnable(OneShot):
    """Build this thread's checker for a configuration, checking nothing."""

    def __init__(self, config: CheckConfig, shared: _Shared) -> None:
        super().__init__()
        self._config, self._shared = config, shared

    def work(self) -> None:  # noqa: D102 - see OneShot
        if self._shared.closing.is_set():
            return
        try:
            self._shared.checker_for(self._config)
        except Exception:  # noqa: BLE001 - the first real batch reports the failure
            log.exception("could not build the checker ahead of time")
        finally:
            self._shared.warmed.set()


@dataclass
class _Counters:
    in_flight: int = 0
    submitted: int = 0
    finished: int = 0
    history: list[int] = field(default_factory=list)


class CheckDispatcher(QObject):
    """Run check batches and suggestion requests on a private thread pool; results arrive as signals."""

    batch_finished = Signal(object)  # BatchResult
    suggestions_ready = Signal(int, object)  # request id, list[str]

    def __init__(self, factory: CheckerFactory, parent: QObject | None = None,
                 max_workers: int | None = None) -> None:
        super().__init__(parent)
        self._shared = _Shared(factory)
        self._relay = _Relay(self)
        self._relay.batch_done.connect(self._on_batch_done)
        self._relay.suggestions_done.connect(self.suggestions_ready)
        if max_workers is None:
            max_workers = max(1, QThreadPool.globalInstance().maxThreadCount() - 1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_workers)
        self._pool.setExpiryTimeout(-1)  # keep threads (and their costly checkers) alive
        self._counters = _Counters()
        self._next_request = 0
        self._closed = False

    @property
    def max_workers(self) -> int:
        """How many batches may run at once."""
        return self._pool.maxThreadCount()

    @property
    def in_flight(self) -> int:
        """Batches submitted and not yet reported back."""
        return self._counters.in_flight

    @property
    def closed(self) -> bool:
        """True once :meth:`shutdown` ran."""
        return self._closed

    def has_capacity(self) -> bool:
        """Whether another batch may be queued: one running plus one waiting per worker thread.

        The pool never runs more than ``max_workers`` threads; the waiting batch only keeps a worker from
        idling while the GUI thread prepares the next one.
        """
        return not self._closed and self._counters.in_flight < 2 * self._pool.maxThreadCount()

    @property
    def ready(self) -> bool:
        """True once a warm-up built a checker (or none was asked for)."""
        return self._shared.warmed.is_set()

    def submit(self, batch: CheckBatch) -> None:
        """Start checking ``batch`` in the background."""
        if self._closed:
            return
        self._counters.in_flight += 1
        self._counters.submitted += 1
        _CheckRunnable(batch, self._shared, self._relay).start_on(self._pool)

    def request_suggestions(self, word: str, config: CheckConfig) -> int:
        """Ask for spelling suggestions for ``word``; the answer comes by :attr:`suggestions_ready`."""
        self._next_request += 1
        if not self._closed:
            _SuggestRunnable(self._next_request, word, config, self._shared, self._relay).start_on(self._pool, 1)
        return self._next_request

    def warm_up(self, config: CheckConfig) -> None:
        """Build the checker on a worker ahead of the first check (dictionaries load slowly)."""
        if not self._closed:
            self._shared.warmed.clear()
            _WarmRunnable(config, self._shared).start_on(self._pool)

    def abandon_before(self, epoch: int) -> None:
        """Tell running batches older than ``epoch`` to stop at the next paragraph."""
        self._shared.min_epoch = epoch

    def pause(self) -> None:
        """Hold workers between paragraphs (the writer is typing)."""
        self._shared.go.clear()

    def resume(self) -> None:
        """Let workers continue."""
        self._shared.go.set()

    @property
    def paused(self) -> bool:
        """True while workers are held."""
        return not self._shared.go.is_set()

    def reset_checkers(self) -> None:
        """Make every thread build a fresh checker for the next batch."""
        self._shared.drop_checkers()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop all work and wait for the threads; True when every runnable finished in time."""
        if self._closed:
            return True
        self._closed = True
        self._shared.closing.set()
        self._shared.go.set()
        self._pool.clear()  # runnables not started yet never start
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            log.warning("checking threads still busy after %d ms", timeout_ms)
        self._shared.drop_checkers()
        return done

    @Slot(object)
    def _on_batch_done(self, result: BatchResult) -> None:
        self._counters.in_flight = max(0, self._counters.in_flight - 1)
        self._counters.finished += 1
        if not self._closed:
            self.batch_finished.emit(result)
