"""Background work for the export dialog: the export itself and the count of unresolved checker issues.

Both are one-shot QRunnables with immutable payloads (a frozen project snapshot and the chapter texts taken
on the GUI thread); results come back through a relay QObject by queued signals, so the window never waits.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

import writer_app.qt_compat  # noqa: F401  (before any signal is emitted)
from writer_app.errors import WriterAppError
from writer_app.export.errors import ExportCancelled
from writer_app.export.model import ExportOptions
from writer_app.export.preferences import ExportPreferences, save_preferences
from writer_app.export.writer import export_project
from writer_app.ui.workers import OneShot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChapterSnapshot:
    """A chapter's identity at the moment the dialog opened."""

    id: str
    title: str
    file: str
    path: Path


@dataclass(frozen=True)
class ProjectSnapshot:
    """What an export needs from a project, frozen so a worker thread can use it safely."""

    path: Path
    title: str
    author: str
    language: str
    is_loose_file: bool
    chapters: tuple[ChapterSnapshot, ...]

    @classmethod
    def of(cls, project: Any) -> ProjectSnapshot:
        """Snapshot an open Project."""
        chapters = tuple(
            ChapterSnapshot(c.id, c.title, c.file, Path(project.chapter_path(c))) for c in project.chapters
        )
        return cls(Path(project.path), project.title, project.author, getattr(project, "language", "en-US"),
                   bool(getattr(project, "is_loose_file", False)), chapters)

    def chapter_path(self, chapter: ChapterSnapshot) -> Path:
        """The chapter's file (used to refuse exporting over it)."""
        return chapter.path


def _emit(signal: Any, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the relay was deleted (dialog closed): nobody is listening any more
        log.debug("export worker result dropped: receiver is gone")


class ExportRelay(QObject):
    """Lives on the GUI thread; workers emit through it."""

    progress = Signal(float, str)
    finished = Signal(object)  # ExportResult
    failed = Signal(str)
    cancelled = Signal()
    chapter_counted = Signal(str, object)  # chapter id, {category value: count}
    counting_done = Signal()


class ExportRunnable(OneShot):
    """Run one export on a pool thread."""

    def __init__(self, snapshot: ProjectSnapshot, texts: dict[str, str], options: ExportOptions, target: Path,
                 cancel: threading.Event, relay: ExportRelay, preferences: ExportPreferences | None = None) -> None:
        super().__init__()
        self._snapshot, self._texts, self._options = snapshot, texts, options
        self._target, self._cancel, self._relay = target, cancel, relay
        self._preferences = preferences

    def _remember(self, result: Any) -> None:
        """Save the choices of a successful export (config_dir()/export.json) here, off the GUI thread."""
        if self._preferences is None:
            return
        self._preferences.last_folder = str(Path(result.path).parent)
        try:
            save_preferences(self._preferences)
        except Exception:  # noqa: BLE001 - forgetting the choices must never fail an export
            log.exception("could not save the export preferences")

    def work(self) -> None:  # noqa: D102 - see OneShot
        relay = self._relay
        try:
            result = export_project(
                self._snapshot, self._options, self._target,
                read=lambda chapter: self._texts[chapter.id],
                on_progress=lambda fraction, message: _emit(relay.progress, fraction, message),
                cancel=self._cancel,
            )
        except ExportCancelled:
            _emit(relay.cancelled)
        except WriterAppError as error:
            _emit(relay.failed, str(error))
        except Exception as error:  # noqa: BLE001 - reported to the writer as one sentence
            log.exception("export to %s failed", self._target)
            _emit(relay.failed, f"The export failed: {error}.")
        else:
            self._remember(result)
            _emit(relay.finished, result)


CheckerFactory = Callable[[], Any]


class IssueCountRunnable(OneShot):
    """Check every chapter once and report its unresolved issues counted by category."""

    def __init__(self, texts: list[tuple[str, str]], factory: CheckerFactory, cancel: threading.Event,
                 relay: ExportRelay, idle: threading.Event | None = None) -> None:
        super().__init__()
        self._texts, self._factory, self._cancel, self._relay = texts, factory, cancel, relay
        self._idle = idle  # cleared while an export runs: counting waits so the export gets the CPU

    def _wait_for_idle(self) -> bool:
        while self._idle is not None and not self._idle.wait(0.1):
            if self._cancel.is_set():
                return False
        return not self._cancel.is_set()

    def work(self) -> None:  # noqa: D102 - see OneShot
        try:
            from writer_app.grammar.factory import check_text

            checker = self._factory()
            for chapter_id, text in self._texts:
                if not self._wait_for_idle():
                    return
                counts = Counter(issue.category.value for issue in check_text(checker, text))
                _emit(self._relay.chapter_counted, chapter_id, dict(counts))
        except Exception:  # noqa: BLE001 - the warning is a courtesy; never break the export for it
            log.exception("counting unresolved issues failed")
        finally:
            _emit(self._relay.counting_done)


class ExportDispatcher(QObject):
    """Starts export and issue-count jobs on a private pool and cancels them on request."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relay = ExportRelay(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._export_cancel: threading.Event | None = None
        self._count_cancel: threading.Event | None = None
        self._idle = threading.Event()  # set when no export runs
        self._idle.set()
        self.relay.finished.connect(self._export_over)
        self.relay.failed.connect(self._export_over)
        self.relay.cancelled.connect(self._export_over)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def exporting(self) -> bool:
        """True while an export runs."""
        return self._export_cancel is not None

    def start_export(self, snapshot: ProjectSnapshot, texts: dict[str, str], options: ExportOptions,
                     target: Path, preferences: ExportPreferences | None = None) -> None:
        """Export in the background (saving ``preferences`` once it succeeded); results arrive on ``relay``."""
        self._export_cancel = threading.Event()
        self._idle.clear()
        ExportRunnable(snapshot, texts, options, target, self._export_cancel, self.relay,
                       preferences).start_on(self.pool)

    def cancel_export(self) -> None:
        """Ask the running export to stop (it reports ``cancelled``)."""
        if self._export_cancel is not None:
            self._export_cancel.set()

    def _export_over(self, *_args: object) -> None:
        self._export_cancel = None
        self._idle.set()

    def start_count(self, texts: list[tuple[str, str]], factory: CheckerFactory) -> None:
        """Count unresolved issues chapter by chapter in the background."""
        self.cancel_count()
        self._count_cancel = threading.Event()
        IssueCountRunnable(texts, factory, self._count_cancel, self.relay, self._idle).start_on(self.pool)

    def cancel_count(self) -> None:
        """Stop counting issues."""
        if self._count_cancel is not None:
            self._count_cancel.set()

    def shutdown(self) -> None:
        """Cancel everything and wait for the workers to stop (the application is quitting)."""
        self.cancel_export()
        self.cancel_count()
        self.pool.waitForDone(10_000)
