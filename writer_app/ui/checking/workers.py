"""Background checking: a dispatcher QObject and one-shot QRunnables with immutable payloads.

The GUI thread never runs a checker. It hands a :class:`CheckBatch` (a frozen snapshot of paragraph texts) to
:class:`CheckDispatcher`, which starts a one-shot runnable on its own pool of ``maxThreadCount() - 1`` threads;
results come back by a queued signal. Each pool thread keeps one backend: a checker built per configuration
(building one is costly), or an engine process holding that checker (the app's default: CPU-bound Python
checks in a thread would fight the GUI for the interpreter lock and delay keystrokes). Workers pause between
groups of paragraphs while the writer types.

In-process extra engines (LanguageTool, which waits on a server) never hold back the built-in results: a
batch's built-in result is sent first, then a separate runnable on a one-thread pool of its own runs the extra
engines over the same paragraph revisions and sends a ``late`` result with the merged issues, which the
controller takes only while the paragraph is still at that revision.

Spelling first: while the engine process still loads its rules, a live batch (the visible paragraphs) is first
checked for spelling alone and sent as a ``partial`` result, then (once the rule engine's rules are in) for
spelling and those rules, sent as a second ``partial``; the full result for the same revisions follows and
replaces them. The controller shows a partial result only until that paragraph's full result arrives.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from writer_app import qt_compat  # noqa: F401 - before any signal is emitted
from writer_app.core.text import utf16_len
from writer_app.grammar.engine import CheckConfig, Checker, CheckerError, merge_issues
from writer_app.grammar.model import Issue
from writer_app.ui.checking.engine_process import (
    NameBook,
    ProcessBackend,
    TextResult,
    check_texts,
    engine_names,
    load_factory,
    suggestions,
)
from writer_app.ui.checking.spans import IssueSpan, text_key, to_spans
from writer_app.ui.workers import OneShot

log = logging.getLogger(__name__)

CheckerFactory = Callable[[CheckConfig], Checker]

# A paragraph longer than this is checked in slices cut at whitespace, pausing and honouring cancel between.
CHUNK_CHARS = 20_000
# Paragraphs sent to the engine at once inside a batch (pause and cancel are honoured between groups).
SUB_PARAGRAPHS = 256
SUB_CHARS = 32_000
# Paragraphs handled between two looks at whether the writer is typing, in the worker's own Python loops.
PAUSE_EVERY = 64
SLICE_CACHE_LIMIT = 2_000  # slices of long paragraphs whose issues are kept (about 40 MB of text checked)
# An extra engine's merged results are sent back at least this often while it works through a batch.
LATE_REPORT_S = 0.5
# A live batch up to this many characters gets a spelling-only pass first while the engine loads its rules.
SPELL_FIRST_CHARS = 64_000


class Backend(Protocol):
    """Where checks run: in the worker thread, or in an engine process owned by the worker thread."""

    engines: tuple[str, ...]

    def check(self, config: CheckConfig, texts: list[str]) -> list[TextResult]: ...
    def suggest(self, config: CheckConfig, word: str) -> list[str]: ...
    def warm(self, config: CheckConfig) -> None: ...
    def learn(self, config: CheckConfig, key: str, text: str) -> int: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ParagraphJob:
    """One paragraph to check: its identity, the revision it had when snapshotted, its text."""

    key: int
    revision: int
    text: str


@dataclass(frozen=True, slots=True)
class CheckBatch:
    """Paragraphs of one chapter checked together; ``live`` means the chapter open in the editor, ``visible`` the
    paragraphs on screen (their results are applied as soon as they arrive, not in the next coalesced burst)."""

    chapter_id: str
    epoch: int
    config: CheckConfig
    jobs: tuple[ParagraphJob, ...]
    live: bool = True
    visible: bool = False


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
    """What a runnable sends back: results for the paragraphs it finished, engine names, failures.

    ``late`` results come from the extra engines after the batch's built-in result: each paragraph's spans are
    the built-in ones merged with the extra engines' issues, for the same revision.
    """

    batch: CheckBatch
    results: tuple[ParagraphResult, ...]
    engines: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    cancelled: bool = False
    late: bool = False
    partial: bool = False  # spelling alone, sent while the rules load; the full result follows


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


class ThreadBackend:
    """Checks in the calling worker thread, with one checker per configuration (tests, fallback)."""

    def __init__(self, factory: CheckerFactory) -> None:
        self._factory = factory
        self.engines: tuple[str, ...] = ()
        self._config: CheckConfig | None = None
        self._checker: Checker | None = None
        self._names = NameBook()

    def _checker_for(self, config: CheckConfig) -> Checker:
        if self._checker is None or not (config is self._config or config == self._config):
            self._checker = None
            self._checker = self._names.build(self._factory, config)
            self._config = config
            self.engines = engine_names(self._checker)
        return self._checker

    def check(self, config: CheckConfig, texts: list[str]) -> list[TextResult]:
        """Check texts here."""
        return check_texts(self._checker_for(config), texts)

    def suggest(self, config: CheckConfig, word: str) -> list[str]:
        """Spelling suggestions."""
        return suggestions(self._checker_for(config), word)

    def warm(self, config: CheckConfig) -> None:
        """Build the checker now."""
        self._checker_for(config)

    def learn(self, config: CheckConfig, key: str, text: str) -> int:
        """Teach the speller one chapter's names (kept for checkers built later)."""
        return self._names.learn(self._checker_for(config), key, text)

    def close(self) -> None:
        """Forget the checker."""
        self._checker = None


class _Shared:
    """State shared by the dispatcher and its runnables; every field is thread-safe to read."""

    def __init__(self, make_backend: Callable[[], Backend],
                 fallback: Callable[[], Backend] | None = None) -> None:
        self.make_backend = make_backend
        self.fallback = fallback  # used instead once the engine process keeps dying
        self.engine_deaths = 0
        self.closing = threading.Event()
        self.go = threading.Event()  # cleared while the writer types
        self.go.set()
        self.warmed = threading.Event()
        self.warmed.set()
        self.min_epoch = 0  # batches older than this are abandoned (plain int: atomic to read and write)
        self.engines: tuple[str, ...] = ()
        self.full_ready = False  # a backend answered with its full rule set: no more spelling-first passes
        self.extra: tuple[Checker, ...] = ()  # in-process engines (e.g. LanguageTool), run after the backend
        self._lock = threading.Lock()
        self._backends: dict[int, Backend] = {}
        # Chapters whose names the engines should learn: key -> (serial, text or its paragraphs). Replaced as a
        # whole by the GUI thread (copy on write), so a worker can read it without a lock.
        self.names: dict[str, tuple[int, str | list[str]]] = {}
        self._taught: dict[int, dict[str, int]] = {}  # per backend (id): key -> serial it has learned
        # Issues of the slices of long paragraphs, by slice text, for one config: after an edit only the slices
        # around it are checked again. Emptied when the config changes or the engines learn names.
        self._slices: tuple[CheckConfig | None, dict[tuple[int, int], tuple[IssueSpan, ...]]] = (None, {})

    def slice_cache(self, config: CheckConfig) -> dict[tuple[int, int], tuple[IssueSpan, ...]]:
        """The slice results checked with ``config`` (a fresh cache for another config)."""
        owner, cache = self._slices
        if owner is not config or len(cache) > SLICE_CACHE_LIMIT:
            cache = {}
            self._slices = (config, cache)
        return cache

    def teach_names(self, backend: Backend, config: CheckConfig) -> None:
        """Give ``backend`` the chapters it has not learned names from yet (runs on the worker thread)."""
        wanted = self.names
        if not wanted:
            return
        taught = self._taught.setdefault(id(backend), {})
        for key, (serial, text) in wanted.items():
            if taught.get(key) == serial:
                continue
            taught[key] = serial
            self._slices = (None, {})  # names change what the speller flags: slices are checked afresh
            try:
                backend.learn(config, key, text if isinstance(text, str) else "\n".join(text))
            except Exception:  # noqa: BLE001 - names are a nicety; the check itself reports engine failures
                log.exception("could not teach the checking engine the names of %s", key)

    def backend(self) -> Backend:
        """This thread's backend (one checker, or one engine process, per worker thread)."""
        ident = threading.get_ident()
        with self._lock:
            backend = self._backends.get(ident)
        if backend is None or not getattr(backend, "alive", True):
            if backend is not None:
                backend.close()
                self.engine_deaths += 1
                if self.engine_deaths >= 3 and self.fallback is not None:
                    log.warning("the checking process keeps stopping; checking in the app from now on")
                    self.make_backend, self.fallback = self.fallback, None
            backend = self.make_backend()
            with self._lock:
                self._backends[ident] = backend
                self._taught.pop(id(backend), None)
        return backend

    def drop_backends(self) -> None:
        """Close every backend (on shutdown)."""
        with self._lock:
            backends, self._backends = list(self._backends.values()), {}
        for backend in backends:
            try:
                backend.close()
            except Exception:  # noqa: BLE001 - closing must not raise
                log.exception("closing a checking backend failed")

    def pause_point(self, batch: CheckBatch | None = None) -> bool:
        """Call often inside long Python loops: returns at once unless the writer is typing (then waits).

        A worker running Python while a keystroke runs takes the interpreter lock from the GUI thread for up
        to the switch interval at every handover; stopping at these points keeps typing free of that.
        False when the work should stop (closing or stale).
        """
        return self.go.is_set() and not self.closing.is_set() or self.wait_turn(batch)

    def wait_turn(self, batch: CheckBatch | None = None) -> bool:
        """Block while typing pauses work; False when the work should stop (closing or stale)."""
        while True:
            if self.closing.is_set() or (batch is not None and batch.epoch < self.min_epoch):
                return False
            if self.go.is_set():
                return True
            self.go.wait(0.05)


class _Relay(QObject):
    """Lives on the GUI thread; runnables emit through it, so results arrive by queued connection."""

    batch_done = Signal(object)
    partial_done = Signal(object)  # a spelling-only BatchResult sent ahead of the batch's full one
    late_done = Signal(object, bool)  # a late BatchResult, and whether it is the runnable's last
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
        errors: list[str] = []
        found: dict[int, list[IssueSpan]] = {}
        failed: set[int] = set()
        finished = 0  # jobs fully done (in order)
        cancelled = False
        try:
            backend = shared.backend()
        except Exception as error:  # noqa: BLE001 - e.g. the engine process cannot start
            log.exception("could not start the checking engine")
            backend, errors = None, [str(error) or type(error).__name__]
        if backend is not None and batch.live and not shared.full_ready:
            self._spell_first(backend)  # before the names: a novel's take a fifth of a second to learn
        if backend is not None and shared.names and shared.wait_turn(batch):
            shared.teach_names(backend, batch.config)
        pieces: list[_Piece] = []
        slices = shared.slice_cache(batch.config)
        for piece in _pieces(batch.jobs):
            if len(pieces) % PAUSE_EVERY == 0 and not shared.pause_point(batch):
                cancelled = True  # stale or closing before any check ran: nothing is reported done
                break
            known = slices.get(text_key(piece.text)) if piece.sliced else None
            if known is not None:  # a slice of a long paragraph the edit did not touch
                _collect(found, piece, known)
                continue
            pieces.append(piece)
        index = 0
        while not cancelled and index < len(pieces) and backend is not None:
            if not shared.wait_turn(batch):
                cancelled = True
                break
            group = pieces[index:index + 1]
            size = len(group[0].text)
            while index + len(group) < len(pieces) and len(group) < SUB_PARAGRAPHS and size < SUB_CHARS:
                group.append(pieces[index + len(group)])
                size += len(group[-1].text)
            try:
                answers = backend.check(batch.config, [piece.text for piece in group])
                shared.engines = backend.engines
                shared.full_ready = True  # a full check waits for the rules: they are loaded now
            except Exception as error:  # noqa: BLE001 - the engine failed as a whole: these pieces fail
                log.exception("checking engine failed on %d paragraphs of chapter %s", len(group), batch.chapter_id)
                answers = [((), True, str(error) or type(error).__name__)] * len(group)
                if isinstance(error, CheckerError) or not errors:
                    errors.append(str(error) or type(error).__name__)
            for piece, (spans, bad, message) in zip(group, answers, strict=True):
                if bad:
                    failed.add(piece.job)
                    if message and not errors:
                        errors.append(message)
                    continue
                if piece.sliced:
                    slices[text_key(piece.text)] = tuple(spans)
                _collect(found, piece, spans)
            index += len(group)
            finished = pieces[index].job if index < len(pieces) else len(batch.jobs)
        if backend is None:
            failed.update(range(len(batch.jobs)))
            finished = len(batch.jobs)
        results_list: list[ParagraphResult] = []
        for number, job in enumerate(batch.jobs[:finished]):
            if number % PAUSE_EVERY == 0:
                shared.pause_point()  # results are built even when cancelled: finished work is kept
            results_list.append(ParagraphResult(job.key, job.revision, text_key(job.text),
                                                () if number in failed else _in_order(found.get(number, ())),
                                                number in failed))
        results = tuple(results_list)
        engines = shared.engines + tuple(str(getattr(c, "name", "extra")) for c in shared.extra)
        _emit(self._relay.batch_done, BatchResult(batch, results, engines, tuple(errors), cancelled))

    def _spell_first(self, backend: Backend) -> None:
        """Send the batch's spelling issues now if the engine still loads its rules (small batches only), then what
        the engine finds before the chapter's names are learned (see ``ProcessBackend.rules_first``)."""
        batch, shared = self._batch, self._shared
        spell = getattr(backend, "spell_first", None)
        if spell is None:
            shared.full_ready = True  # checks in this process: nothing loads behind the scenes
            return
        if sum(len(job.text) for job in batch.jobs) > SPELL_FIRST_CHARS:
            return
        try:
            answers = spell(batch.config, [job.text for job in batch.jobs])
        except Exception:  # noqa: BLE001 - the full check that follows reports engine failures
            log.exception("the spelling-first pass failed")
            return
        if answers is not None:
            self._send_partial(answers)
        rules = getattr(backend, "rules_first", None)  # then the rule engine's issues, once its rules are in
        if rules is None:
            if answers is None:
                shared.full_ready = True
            return
        try:
            answers = rules(batch.config, [job.text for job in batch.jobs])
        except Exception:  # noqa: BLE001 - the full check that follows reports engine failures
            log.exception("the rules-first pass failed")
            return
        if answers is not None:
            self._send_partial(answers)

    def _send_partial(self, answers: list[TextResult]) -> None:
        """Emit a partial result (shown until each paragraph's full result arrives)."""
        batch = self._batch
        results = tuple(ParagraphResult(job.key, job.revision, text_key(job.text), _in_order(list(spans)))
                        for job, (spans, bad, _message) in zip(batch.jobs, answers, strict=True) if not bad)
        _emit(self._relay.partial_done, BatchResult(batch, results, partial=True))


class _LateRunnable(OneShot):
    """Run the extra engines over the paragraphs of a finished batch; emit their merged results as ``late``."""

    def __init__(self, done: BatchResult, extra: tuple[Checker, ...], shared: _Shared, relay: _Relay) -> None:
        super().__init__()
        self._done, self._extra = done, extra
        self._shared, self._relay = shared, relay

    def work(self) -> None:  # noqa: D102 - see OneShot
        done, shared = self._done, self._shared
        batch = done.batch
        texts = {(job.key, job.revision): job.text for job in batch.jobs}
        engines = done.engines
        errors: list[str] = []
        ready: list[ParagraphResult] = []
        reported = time.monotonic()
        for item in done.results:
            if item.failed:
                continue
            if not shared.wait_turn(batch):
                break  # stale or closing: what is ready is still sent, the controller drops what is stale
            text = texts.get((item.key, item.revision), "")
            if not text.strip():
                continue
            found = self._extra_issues(text, errors)
            if found:
                merged = merge_issues([span.issue for span in item.spans] + found, batch.config, text)
                ready.append(ParagraphResult(item.key, item.revision, item.text_key, to_spans(text, merged)))
            if ready and time.monotonic() - reported > LATE_REPORT_S:
                _emit(self._relay.late_done, BatchResult(batch, tuple(ready), engines, tuple(errors), late=True),
                      False)
                ready, errors, reported = [], [], time.monotonic()
        _emit(self._relay.late_done, BatchResult(batch, tuple(ready), engines, tuple(errors), late=True), True)

    def _extra_issues(self, text: str, errors: list[str]) -> list[Issue]:
        """The extra engines' issues of one paragraph (very long ones in slices, as the built-in engines)."""
        found: list[Issue] = []
        for checker in self._extra:
            for start, end in chunk_bounds(text) if len(text) > CHUNK_CHARS else ((0, len(text)),):
                try:
                    issues = checker.check(text[start:end])
                except Exception as error:  # noqa: BLE001 - a failing engine must not stop the others
                    log.warning("engine %s failed: %s", getattr(checker, "name", "?"), error)
                    if not errors:
                        errors.append(str(error) or type(error).__name__)
                    break
                found.extend(issue.shifted(start) if start else issue for issue in issues)
        return found


@dataclass(frozen=True, slots=True)
class _Piece:
    """A paragraph, or a slice of a very long one, with the offsets of the slice inside its paragraph."""

    job: int
    text: str
    cp_offset: int = 0
    u16_offset: int = 0
    sliced: bool = False


def _in_order(spans: list[IssueSpan] | tuple[()]) -> tuple[IssueSpan, ...]:
    """Spans sorted by position (slices known from the cache were collected before the checked ones)."""
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


def _collect(found: dict[int, list[IssueSpan]], piece: _Piece, spans: tuple[IssueSpan, ...] | list[IssueSpan]) -> None:
    """Add a piece's spans (relative to the piece) to its paragraph's, moved to where the piece starts."""
    bucket = found.setdefault(piece.job, [])
    if piece.cp_offset:
        bucket.extend(IssueSpan(s.start + piece.u16_offset, s.end + piece.u16_offset,
                                s.issue.shifted(piece.cp_offset), s.spot, s.context) for s in spans)
    else:
        bucket.extend(spans)


def _pieces(jobs: tuple[ParagraphJob, ...]) -> Iterator[_Piece]:
    for number, job in enumerate(jobs):
        if len(job.text) <= CHUNK_CHARS:
            yield _Piece(number, job.text)
            continue
        u16 = 0
        for start, end in chunk_bounds(job.text):
            piece = job.text[start:end]
            yield _Piece(number, piece, start, u16, sliced=True)
            u16 += utf16_len(piece)


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
                words = list(self._shared.backend().suggest(self._config, self._word))
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
            backend = self._shared.backend()
            backend.warm(self._config)
            self._shared.engines = backend.engines
        except Exception:  # noqa: BLE001 - the first real batch reports the failure
            log.exception("could not build the checker ahead of time")
        finally:
            self._shared.warmed.set()


@dataclass
class _Counters:
    in_flight: int = 0
    late_in_flight: int = 0
    submitted: int = 0
    finished: int = 0
    history: list[int] = field(default_factory=list)


class CheckDispatcher(QObject):
    """Run check batches and suggestion requests on a private thread pool; results arrive as signals."""

    batch_finished = Signal(object)  # BatchResult
    suggestions_ready = Signal(int, object)  # request id, list[str]

    def __init__(self, factory: CheckerFactory | None = None, parent: QObject | None = None,
                 max_workers: int | None = None, process_factory: str | None = None) -> None:
        """Check with ``factory`` on the worker threads, or, given ``process_factory`` ("module:function"),
        in one engine process per worker thread (no contention with the GUI for the interpreter lock)."""
        super().__init__(parent)
        if process_factory is not None:
            self._shared = _Shared(lambda: ProcessBackend(process_factory, self._shared.wait_turn),
                                   lambda: ThreadBackend(load_factory(process_factory)))
        elif factory is not None:
            self._shared = _Shared(lambda: ThreadBackend(factory))
        else:
            raise ValueError("a checker factory or an engine process factory is needed")
        self._relay = _Relay(self)
        self._relay.batch_done.connect(self._on_batch_done)
        self._relay.late_done.connect(self._on_late_done)
        self._relay.partial_done.connect(self._on_partial_done)
        self._relay.suggestions_done.connect(self.suggestions_ready)
        if max_workers is None:
            max_workers = max(1, QThreadPool.globalInstance().maxThreadCount() - 1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_workers)
        self._pool.setExpiryTimeout(-1)  # keep threads (and their costly checkers) alive
        self._late_pool = QThreadPool(self)  # extra engines: one request at a time, never in the way of the above
        self._late_pool.setMaxThreadCount(1)
        self._counters = _Counters()
        self._next_request = 0
        self._closed = False

    @property
    def max_workers(self) -> int:
        """How many batches may run at once."""
        return self._pool.maxThreadCount()

    @property
    def in_flight(self) -> int:
        """Batches submitted and not yet reported back, by the built-in engines or the extra ones."""
        return self._counters.in_flight + self._counters.late_in_flight

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

    def learn_names(self, key: str, text: str | list[str]) -> None:
        """Have the engines learn the names used in a chapter (``text`` or its paragraphs) before their next check.

        The GUI thread only hands over the text; joining and learning happen on the worker (in the engine process).
        """
        self._serial = getattr(self, "_serial", 0) + 1
        self._shared.names = {**self._shared.names, key: (self._serial, text)}

    def set_extra_checkers(self, checkers: tuple[Checker, ...]) -> None:
        """Run these in-process engines (thread-safe ``check``) after the built-in ones on every paragraph."""
        self._shared.extra = tuple(checkers)

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
        """Checkers are rebuilt whenever the configuration changes; nothing else to reset."""

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop all work and wait for the threads; True when every runnable finished in time."""
        if self._closed:
            return True
        self._closed = True
        self._shared.closing.set()
        self._shared.go.set()
        self._pool.clear()  # runnables not started yet never start
        self._late_pool.clear()
        done = self._pool.waitForDone(timeout_ms)
        done = self._late_pool.waitForDone(timeout_ms if done else 0) and done
        if not done:
            log.warning("checking threads still busy after %d ms", timeout_ms)
        self._shared.drop_backends()
        return done

    @Slot(object)
    def _on_batch_done(self, result: BatchResult) -> None:
        self._counters.in_flight = max(0, self._counters.in_flight - 1)
        self._counters.finished += 1
        if self._closed:
            return
        extra = self._shared.extra
        if extra and any(not item.failed for item in result.results):
            self._counters.late_in_flight += 1
            _LateRunnable(result, extra, self._shared, self._relay).start_on(self._late_pool)
        self.batch_finished.emit(result)

    @Slot(object)
    def _on_partial_done(self, result: BatchResult) -> None:
        if not self._closed:
            self.batch_finished.emit(result)

    @Slot(object, bool)
    def _on_late_done(self, result: BatchResult, final: bool) -> None:
        if final:
            self._counters.late_in_flight = max(0, self._counters.late_in_flight - 1)
        if not self._closed and (final or result.results or result.errors):
            self.batch_finished.emit(result)  # even empty: the last one tells the views the work is done
