"""One disk thread that saves chapter snapshots, manifests and journal records (and counts words), in order.

The GUI thread never waits on the disk: it snapshots what to write and queues it here.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal

from writer_app.core.errors import EncodingError, ExternalChangeError
from writer_app.core.text import word_count
from writer_app.errors import WriterAppError

log = logging.getLogger(__name__)

WRITE = "write"
JOURNAL = "journal"
BACKUP = "backup"
FORGET = "forget"  # drop a chapter's journal record (after the writer discarded that text)
MANIFEST = "manifest"  # write a project.json snapshot (``payload`` = bytes, ``revision`` = its serial)
COUNT = "count"  # read chapters to count their words (``payload`` = chapters; ``value`` = WordCounts)
SCAN = "scan"  # look for files changed by other programs (``payload`` = chapters; ``value`` = OutsideChanges)


@dataclass(frozen=True)
class DiskJob:
    """An immutable unit of disk work: save a chapter snapshot, journal it, or snapshot a backup."""

    kind: str
    project: object = field(compare=False)
    chapter: object = field(default=None, compare=False)
    text: str = ""
    revision: int = 0
    force: bool = False
    sequence: int = 0
    payload: object = field(default=None, compare=False)


@dataclass(frozen=True)
class WordCounts:
    """A COUNT job's answer: words per chapter id (None = unreadable), the chapters not valid UTF-8, and the
    texts read (so the GUI thread can show a chapter without reading its file)."""

    words: dict[str, int | None]
    bad_encoding: dict[str, str] = field(default_factory=dict)  # chapter id -> the error's sentence
    texts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutsideChanges:
    """A SCAN job's answer: whether project.json changed elsewhere, and the chapters whose files did."""

    manifest: bool
    chapters: tuple[object, ...] = ()


@dataclass(frozen=True)
class DiskResult:
    """What happened to one job: ``error`` is one sentence for the writer (empty on success)."""

    job: DiskJob
    error: str = ""
    external_change: bool = False
    skipped: bool = False
    value: object = None

    @property
    def ok(self) -> bool:
        """True when the job was done (or harmlessly superseded)."""
        return not self.error


def count_words(project: object, chapters: object) -> WordCounts:
    """Read each chapter (stamping it for change detection) and count its words (on the disk thread)."""
    words: dict[str, int | None] = {}
    bad: dict[str, str] = {}
    texts: dict[str, str] = {}
    for chapter in chapters:  # type: ignore[attr-defined]
        try:
            text = texts[chapter.id] = project.read_chapter(chapter)  # type: ignore[attr-defined]
            words[chapter.id] = word_count(text)
        except EncodingError as error:
            words[chapter.id] = None
            bad[chapter.id] = str(error)
        except (WriterAppError, OSError) as error:
            log.warning("cannot count %s: %s", getattr(chapter, "file", chapter), error)
            words[chapter.id] = None
    return WordCounts(words, bad, texts)


def _run_jobs(jobs: queue.Queue[DiskJob | None], owner: DiskWorker) -> None:
    """The writer thread's loop: run jobs in order until ``None`` arrives."""
    while True:
        job = jobs.get()
        if job is None:
            return
        try:
            result = owner.perform(job)
        except Exception as error:  # noqa: BLE001 - never let the writer thread die
            log.exception("disk job %s failed unexpectedly", job.kind)
            result = DiskResult(job, error=f"Saving failed unexpectedly ({error}).")
        try:
            owner.done.emit(result)
        except RuntimeError:  # the window is gone (tests, crash); the write itself is done
            log.debug("disk result dropped: receiver deleted")
        owner._finished_one()


class DiskWorker(QObject):
    """Queue of disk jobs run one at a time on a dedicated thread; ``done(DiskResult)`` arrives on the GUI thread."""

    done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.Queue[DiskJob | None] = queue.Queue()
        self._lock = threading.Lock()
        self._latest: dict[tuple[int, str, str], int] = {}
        self._outstanding = 0
        self._idle = threading.Event()
        self._idle.set()
        self._sequence = 0
        # A daemon thread (not a QThread): it may outlive the window in tests without aborting the process;
        # quitting calls stop(), which finishes the queue first.
        self._thread = threading.Thread(target=_run_jobs, args=(self._jobs, self), name="writer-app disk",
                                        daemon=True)
        self._thread.start()

    def submit(self, job: DiskJob) -> DiskJob:
        """Queue a job; an older queued write/journal of the same chapter is skipped when its turn comes."""
        with self._lock:
            self._sequence += 1
            job = replace(job, sequence=self._sequence)
            self._latest[self._key(job)] = job.sequence
            self._outstanding += 1
            self._idle.clear()
        self._jobs.put(job)
        return job

    def last_sequence(self) -> int:
        """The sequence number of the newest job submitted."""
        with self._lock:
            return self._sequence

    def is_idle(self) -> bool:
        """True when no job is queued or running."""
        return self._idle.is_set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued job ran (only for quitting); returns False on timeout."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        """Finish the queued jobs and end the thread (blocks; for quitting)."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _finished_one(self) -> None:
        with self._lock:
            self._outstanding -= 1
            if self._outstanding == 0:
                self._idle.set()

    @staticmethod
    def _key(job: DiskJob) -> tuple[int, str, str]:
        chapter_id = getattr(job.chapter, "id", "")
        return (id(job.project), job.kind, chapter_id)

    def perform(self, job: DiskJob) -> DiskResult:
        """Run one job (on the writer thread)."""
        with self._lock:
            superseded = self._latest.get(self._key(job), job.sequence) > job.sequence
        if superseded and job.kind in (WRITE, JOURNAL, BACKUP, MANIFEST) and not job.force:
            # A newer snapshot of the same chapter (or a newer backup of the project) is queued behind this one.
            return DiskResult(job, skipped=True)
        project = job.project
        try:
            if job.kind == WRITE:
                project.write_chapter(job.chapter, job.text, force=job.force)  # type: ignore[attr-defined]
                project.recovery_journal().clear(job.chapter.id)  # type: ignore[attr-defined]
            elif job.kind == JOURNAL:
                project.recovery_journal().record(job.chapter.id, job.text)  # type: ignore[attr-defined]
            elif job.kind == FORGET:
                project.recovery_journal().clear(job.chapter.id)  # type: ignore[attr-defined]
            elif job.kind == BACKUP:
                project.backup_manager().snapshot()  # type: ignore[attr-defined]
            elif job.kind == MANIFEST:
                project.write_manifest_bytes(job.payload, force=job.force,  # type: ignore[attr-defined]
                                             serial=job.revision)
            elif job.kind == SCAN:
                manifest = not project.read_only and project.manifest_changed_on_disk()  # type: ignore[attr-defined]
                changed = project.changed_on_disk(job.payload)  # type: ignore[attr-defined]
                return DiskResult(job, value=OutsideChanges(manifest, tuple(changed)))
            elif job.kind == COUNT:
                return DiskResult(job, value=count_words(project, job.payload))  # type: ignore[arg-type]
        except ExternalChangeError as error:
            return DiskResult(job, error=str(error), external_change=True)
        except WriterAppError as error:
            return DiskResult(job, error=str(error))
        except OSError as error:
            return DiskResult(job, error=f"Saving failed ({error.strerror or error}); your text is kept open.")
        return DiskResult(job)
