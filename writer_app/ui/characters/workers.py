"""Background mention indexing and discovery: a dispatcher QObject and one-shot QRunnables.

Every request carries the cast epoch it was built for and a snapshot number per chapter; results of an old
epoch, or older than what a chapter already shows, are dropped on the GUI thread. Chapters that are neither
open in the editor nor held unsaved in memory are read from disk here, in the worker, never on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from writer_app.characters.mentions import ChapterMentions, Mention, MentionMatcher
from writer_app.core import textfile
from writer_app.errors import WriterAppError
from writer_app.ui.gui_pulse import GuiPulse

if TYPE_CHECKING:  # discovery's module builds a large pattern when imported: imported by the worker when needed
    from writer_app.characters.discover import Candidate

log = logging.getLogger(__name__)

# Discovery reads a chapter in slices of about this many characters, cut at paragraph ends: each whole-text step it
# takes (lowercasing, splitting, counting) holds the interpreter lock for its whole length, and over a long chapter
# (a 700 KB novel in one file, a 50 MB paragraph) that kept the GUI thread from running for 20 ms to seconds.
DISCOVER_SLICE = 64_000


@dataclass(frozen=True, slots=True)
class ChapterSnapshot:
    """One chapter as it was when the request was made, numbered so newer snapshots win.

    ``text`` is the chapter's text when the GUI holds it (the editor's, or unsaved text). Otherwise it is
    ``None`` and the worker calls ``locate`` (``Project.chapter_path`` of the chapter, which resolves and checks
    the path on disk, so it is not called on the GUI thread) and reads that file with ``encoding`` (``None`` =
    UTF-8) through ``textfile.read_text``, as ``Project.read_chapter`` does.
    """

    chapter_id: str
    snapshot: int
    text: str | None = None
    locate: Callable[[], Path] | None = None
    encoding: str | None = None

    def __post_init__(self) -> None:
        if self.text is None and self.locate is None:
            raise ValueError(f"snapshot of chapter {self.chapter_id} has neither text nor a file to read")


@dataclass(frozen=True, slots=True)
class UnreadableChapter:
    """A chapter file the worker could not read, and the one-sentence reason."""

    chapter_id: str
    message: str


@dataclass(frozen=True)
class IndexRequest:
    """Chapters to index with a matcher, and optionally the chapters to scan for new names."""

    epoch: int
    matcher: MentionMatcher
    chapters: tuple[ChapterSnapshot, ...]
    discover: tuple[ChapterSnapshot, ...] | None = None
    exclude: frozenset[str] = field(default_factory=frozenset)
    dismissed: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class IndexResult:
    """Mentions per chapter snapshot, texts read from disk, unreadable chapters, and suggestions if asked."""

    request: IndexRequest
    chapters: tuple[tuple[ChapterSnapshot, ChapterMentions], ...]
    suggestions: tuple[Candidate, ...] | None = None
    error: str = ""
    texts_read: tuple[tuple[ChapterSnapshot, str], ...] = ()
    unreadable: tuple[UnreadableChapter, ...] = ()


class _TextLoader:
    """Reads each on-disk snapshot of one request once, remembering the texts read and the failures."""

    def __init__(self) -> None:
        self._texts: dict[int, str | None] = {}
        self.read: list[tuple[ChapterSnapshot, str]] = []
        self.unreadable: list[UnreadableChapter] = []

    def text(self, snap: ChapterSnapshot) -> str | None:
        """The snapshot's text, read from its file if needed; ``None`` if the file cannot be read."""
        if snap.text is not None:
            return snap.text
        if snap.snapshot not in self._texts:
            self._texts[snap.snapshot] = self._read(snap)
        return self._texts[snap.snapshot]

    def _read(self, snap: ChapterSnapshot) -> str | None:
        assert snap.locate is not None  # a snapshot without text always has a file (checked when made)
        try:
            text = textfile.read_text(snap.locate(), snap.encoding)[0]
        except (WriterAppError, OSError) as error:
            log.warning("cannot read chapter %s for character counts: %s", snap.chapter_id, error)
            self.unreadable.append(UnreadableChapter(snap.chapter_id, str(error)))
            return None
        self.read.append((snap, text))
        return text


def run_request(request: IndexRequest, pulse: GuiPulse | None = None) -> IndexResult:
    """Read, index (and discover) synchronously; what a worker thread runs (``pulse``: step aside while the GUI is
    busy, between slices of discovery)."""
    loader = _TextLoader()
    try:
        chapters = tuple(_index(request.matcher, snap, loader, pulse) for snap in request.chapters)
        suggestions = None
        if request.discover is not None:
            if pulse is not None:
                pulse.wait_turn()  # the first discovery imports its module: not while the window is being built
            from writer_app.characters.discover import discover_candidates

            texts = (piece for snap in request.discover for piece in discovery_slices(loader.text(snap), pulse=pulse))
            suggestions = tuple(discover_candidates(texts, exclude=request.exclude, dismissed=request.dismissed))
        return IndexResult(request, tuple(c for c in chapters if c is not None), suggestions,
                           texts_read=tuple(loader.read), unreadable=tuple(loader.unreadable))
    except Exception as error:  # noqa: BLE001 - a bad text must not kill the worker thread
        log.exception("character indexing failed")
        return IndexResult(request, (), None, str(error) or type(error).__name__)


def discovery_slices(text: str | None, size: int = DISCOVER_SLICE, pulse: GuiPulse | None = None) -> Iterator[str]:
    """``text`` in slices of about ``size`` characters, cut after a line end, else after a space (nothing for None).

    With a ``pulse``, each slice waits while the GUI thread is busy, and the slices stop when it is closed.
    """
    if not text:
        return
    start, length = 0, len(text)
    while length - start > size:
        if pulse is not None:
            pulse.wait_turn()
            if pulse.closed:
                return
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(". ", start + size // 2, end - 1) + 1 or -1  # a sentence end: never inside a name
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        yield text[start:end]
        start = end
    yield text[start:]


def scan_in_slices(matcher: MentionMatcher, text: str, pulse: GuiPulse | None = None) -> ChapterMentions:
    """A chapter's mentions; a long chapter is scanned slice by slice, stepping aside between slices while the GUI
    is busy or the writer types (``pulse``)."""
    if pulse is None or len(text) <= DISCOVER_SLICE:
        return ChapterMentions.scan(matcher, text)
    mentions: list[Mention] = []
    offset = 0
    for piece in discovery_slices(text, pulse=pulse):
        found = matcher.find(piece)
        if offset:
            found = [Mention(m.character, m.start + offset, m.end + offset) for m in found]
        mentions.extend(found)
        offset += len(piece)
    counts = [0] * len(matcher.names)
    for mention in mentions:
        counts[mention.character] += 1
    return ChapterMentions(tuple(mentions), tuple(counts))


def _index(matcher: MentionMatcher, snap: ChapterSnapshot, loader: _TextLoader,
           pulse: GuiPulse | None = None) -> tuple[ChapterSnapshot, ChapterMentions] | None:
    """One chapter's mentions, or ``None`` when its file cannot be read."""
    text = loader.text(snap)
    return None if text is None else (snap, scan_in_slices(matcher, text, pulse))


class _Relay(QObject):
    """Lives on the GUI thread; runnables emit through it so results arrive by queued connection."""

    done = Signal(object)


class _IndexRunnable(QRunnable):
    """Run one request, then emit its result."""

    def __init__(self, request: IndexRequest, relay: _Relay, pulse: GuiPulse | None = None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._request = request
        self._relay = relay
        self._pulse = pulse

    def run(self) -> None:  # noqa: D102 - QRunnable entry point
        result = run_request(self._request, self._pulse)
        try:
            self._relay.done.emit(result)
        except RuntimeError:  # the relay is gone (window closed): nobody is listening
            log.debug("indexing result dropped: receiver is gone")


class IndexDispatcher(QObject):
    """Queues index requests on one background thread and hands back only results that are still current."""

    chapter_indexed = Signal(str, int, object)  # chapter id, snapshot number, ChapterMentions
    texts_read = Signal(object)  # tuple[tuple[ChapterSnapshot, str], ...]: chapter texts the worker read
    unreadable = Signal(object)  # tuple[UnreadableChapter, ...]: chapter files the worker could not read
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
        self.pulse = GuiPulse(self)  # beats while requests run: discovery steps aside while the GUI is busy

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
        self._discover_pending += request.discover is not None
        self.pulse.start()
        self._pool.start(_IndexRunnable(request, self._relay, self.pulse))

    @Slot(object)
    def _on_done(self, result: IndexResult) -> None:
        self._pending -= 1
        self._discover_pending -= result.request.discover is not None
        if result.request.epoch == self.epoch:
            if result.error:
                self.failed.emit(result.error)
            if result.texts_read:
                self.texts_read.emit(result.texts_read)
            if result.unreadable:
                self.unreadable.emit(result.unreadable)
            for snap, mentions in result.chapters:
                if snap.snapshot > self._applied.get(snap.chapter_id, 0):
                    self._applied[snap.chapter_id] = snap.snapshot
                    self.chapter_indexed.emit(snap.chapter_id, snap.snapshot, mentions)
            if result.suggestions is not None and self._discover_pending == 0:
                self.suggestions_ready.emit(result.suggestions)
        else:
            log.debug("dropping stale indexing result of epoch %d", result.request.epoch)
        if self._pending == 0:
            self.pulse.stop()
            self.idle.emit()

    def shutdown(self) -> None:
        """Stop accepting results and wait for the running request to finish."""
        self.epoch += 1
        self.pulse.close()
        self._pool.clear()
        self._pool.waitForDone(5000)
