"""The desk's controller: word accounting into the history, goals and progress, notes, status, snapshots.

It listens to the session's signals and owns no widgets; the notes pane, the progress label and the dialogs
call it. History entries are appended when a chapter is left, when the project closes, at a day change and at
most every ``FLUSH_SECONDS`` on a save, so the log stays small (a few lines a day).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor

from writer_app.core.accounting import WordTracker
from writer_app.core.goals import Goals, today_target
from writer_app.core.history import PASTE_WORDS, PASTED, WRITTEN, HistoryEntry, append_entries, load_history
from writer_app.core.notes import ChapterNotes, read_notes, write_notes
from writer_app.core.snapshots import (
    MANUAL,
    Snapshot,
    TakeResult,
    restore_snapshot,
    snapshot_store,
    take_snapshot,
)
from writer_app.core.stats import Statistics, project_statistics
from writer_app.core.text import word_count
from writer_app.errors import WriterAppError
from writer_app.ui.i18n import translator

if TYPE_CHECKING:
    from writer_app.core.project import Project
    from writer_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FLUSH_SECONDS = 600.0

tr = translator("Desk")


class DeskController(QObject):
    """Goals, progress, history, notes, status and snapshots of the open project."""

    progress_changed = Signal()
    desk_changed = Signal()  # statuses, targets or goals changed: the chapter list and the labels redraw

    def __init__(self, window: MainWindow, today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self._today = today
        self.tracker = WordTracker(today=today)
        self._folder: Path | None = None
        self._writable = False
        self._logged: dict[date, tuple[int, int, int]] = {}  # this month's log per day: written, pasted, removed
        self._last_flush = time.monotonic()
        # Asks a yes/no question (title, sentence); the tests answer it instead of a dialog.
        self.confirm: Callable[[str, str], bool] = window.prompts.confirm
        s = self.session
        s.project_opened.connect(self._on_project_opened)
        s.project_closed.connect(self._on_project_closed)
        s.chapter_opened.connect(self._on_chapter_opened)
        s.chapter_about_to_close.connect(self._on_chapter_closing)
        s.words_edited.connect(self._on_words_edited)
        s.chapter_saved.connect(self._on_chapter_saved)

    # ------------------------------------------------------------------------------------------------ state
    @property
    def project(self) -> Project | None:
        """The open project."""
        return self.session.project

    def goals(self) -> Goals:
        """The open project's goals (defaults without a project)."""
        project = self.project
        return Goals.from_json(project.goals or {}) if project is not None else Goals()

    def set_goals(self, goals: Goals) -> None:
        """Store new goals in project.json (written off the GUI thread)."""
        project = self.project
        if project is None or project.read_only:
            return
        project.goals = goals.to_json()
        self.session.save_manifest_later()
        self.desk_changed.emit()
        self.progress_changed.emit()

    def today(self) -> date:
        """The day words are counted for now."""
        return self.tracker.day()

    def today_numbers(self) -> tuple[int, int]:
        """(net words today, today's target; 0 = none)."""
        day = self.today()
        written, _pasted, removed = self._logged.get(day, (0, 0, 0))
        pending_written, _p, pending_removed = self.tracker.pending_for(day)
        net = max(0, written + pending_written - removed - pending_removed)
        total = self.session.total_words()
        return net, today_target(self.goals(), total, net, day)

    # ------------------------------------------------------------------------------------------------ session
    def _on_project_opened(self, project: Project) -> None:
        self._folder = project.desk_folder
        self._writable = not project.read_only
        self.tracker = WordTracker(today=self._today)
        self._last_flush = time.monotonic()
        self._load_today()
        goals = self.goals()
        if goals.problems:
            self.session.message.emit(goals.problems[0])
        self.desk_changed.emit()
        self.progress_changed.emit()

    def _load_today(self) -> None:
        self._logged = {}
        if self._folder is None:
            return
        history = load_history(self._folder, since=self.today().replace(day=1))
        for entry in history.entries:
            written, pasted, removed = self._logged.get(entry.day, (0, 0, 0))
            if entry.kind == PASTED:
                pasted += entry.added
            else:
                written += entry.added
            self._logged[entry.day] = (written, pasted, removed + entry.removed)
        if history.problems:
            self.session.message.emit(history.problems[0])

    def _on_project_closed(self) -> None:
        self.flush()
        self._folder = None
        self._logged = {}
        self.progress_changed.emit()

    def _on_chapter_opened(self, chapter_id: str) -> None:
        words = self.session.words.get(chapter_id)
        if words is not None:
            self.tracker.set_baseline(chapter_id, words)
        self.progress_changed.emit()

    def _on_chapter_closing(self, chapter_id: str) -> None:
        self.tracker.forget(chapter_id)
        self.flush()

    def _on_words_edited(self, chapter_id: str, words: int) -> None:
        before = self.tracker.day()
        self.tracker.observe(chapter_id, words)
        if self.tracker.day() != before:
            self.flush()  # a new day: yesterday's words go to the log now
        self.progress_changed.emit()

    def _on_chapter_saved(self, _chapter_id: str) -> None:
        if time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Append the words counted so far to the project's history (kept for later if the disk refuses)."""
        self._last_flush = time.monotonic()
        if self._folder is None or not self._writable or not self.tracker.has_pending():
            return
        entries = self.tracker.take_entries()
        try:
            append_entries(self._folder, entries)
        except WriterAppError as error:
            self.tracker.restore_entries(entries)
            log.warning("history not written: %s", error)
            self.session.message.emit(tr("The writing history could not be saved: {0}").format(error))
            return
        for entry in entries:
            self._add_logged(entry)

    def _add_logged(self, entry: HistoryEntry) -> None:
        written, pasted, removed = self._logged.get(entry.day, (0, 0, 0))
        if entry.kind == PASTED:
            pasted += entry.added
        else:
            written += entry.added
        self._logged[entry.day] = (written, pasted, removed + entry.removed)

    def record_import(self) -> None:
        """The open project was just imported: its words arrived at once, so more than ``PASTE_WORDS`` in all are
        logged as pasted (per chapter), not as writing."""
        project = self.project
        if project is None or self._folder is None or not self._writable:
            return
        counts = {c.id: self.session.words.get(c.id) or 0 for c in project.chapters}
        kind = PASTED if sum(counts.values()) > PASTE_WORDS else WRITTEN
        day = self.today()
        entries = [HistoryEntry(day, chapter_id, words, 0, kind) for chapter_id, words in counts.items() if words]
        try:
            append_entries(self._folder, entries)
        except WriterAppError as error:
            self.session.message.emit(tr("The writing history could not be saved: {0}").format(error))
            return
        for entry in entries:
            self._add_logged(entry)
        self.progress_changed.emit()

    # ------------------------------------------------------------------------------------------------ statistics
    def statistics(self) -> Statistics:
        """Statistics of the open project, unsaved counts included (reads the whole history)."""
        project = self.project
        assert project is not None
        day = self.today()
        pending: dict[date, tuple[int, int, int]] = {}
        for entry in self.tracker.pending_entries():
            written, pasted, removed = pending.get(entry.day, (0, 0, 0))
            if entry.kind == PASTED:
                pasted += entry.added
            else:
                written += entry.added
            pending[entry.day] = (written, pasted, removed + entry.removed)
        return project_statistics(project, day, dict(self.session.words), pending)

    def reclassify(self, entry: HistoryEntry, kind: str) -> bool:
        """Count a history entry as "written" or "pasted" from now on."""
        from writer_app.core.history import reclassify

        if self._folder is None or not self._writable:
            return False
        try:
            reclassify(self._folder, entry, kind, self.today())
        except WriterAppError as error:
            self.session.message.emit(str(error))
            return False
        self._load_today()
        self.progress_changed.emit()
        return True

    # ------------------------------------------------------------------------------------------------ chapters
    def set_status(self, chapter_id: str, status: str) -> None:
        """Give a chapter a status label (a new label joins the project's list)."""
        project = self.project
        if project is None or project.read_only:
            return
        status = status.strip()
        chapter = project.chapter_by_id(chapter_id)
        if chapter.status == status:
            return
        chapter.status = status
        if status and status not in project.status_labels:
            project.status_labels.append(status)
        self.session.save_manifest_later()
        self.desk_changed.emit()

    def set_target(self, chapter_id: str, target: int) -> None:
        """Give a chapter a word target (0 = none)."""
        project = self.project
        if project is None or project.read_only:
            return
        chapter = project.chapter_by_id(chapter_id)
        if chapter.target == max(0, target):
            return
        chapter.target = max(0, target)
        self.session.save_manifest_later()
        self.desk_changed.emit()

    def read_notes(self, chapter_id: str) -> ChapterNotes:
        """A chapter's notes (``NotesError`` when its file cannot be read)."""
        assert self._folder is not None
        return read_notes(self._folder, chapter_id)

    def write_notes(self, chapter_id: str, notes: ChapterNotes) -> bool:
        """Save a chapter's notes; False (and one sentence) if they could not be saved."""
        if self._folder is None or not self._writable:
            return False
        try:
            write_notes(self._folder, chapter_id, notes)
        except (WriterAppError, OSError) as error:
            self.session.message.emit(tr("The chapter notes could not be saved: {0}").format(error))
            return False
        return True

    # ------------------------------------------------------------------------------------------------ snapshots
    def take_snapshot(self, chapter_id: str, name: str = "", reason: str = MANUAL) -> TakeResult | None:
        """Snapshot a chapter's current text (the editor's for the open one); None (and one sentence) on failure.

        When the store is over its cap afterwards, the writer is asked before anything is pruned.
        """
        project = self.project
        if project is None:
            return None
        try:
            chapter = project.chapter_by_id(chapter_id)
            result = take_snapshot(project, chapter, name, reason, self.session.chapter_text(chapter_id))
        except (WriterAppError, KeyError) as error:
            self.session.message.emit(str(error))
            return None
        if result.over_cap:
            self.offer_prune()
        return result

    def snapshot_before(self, reason: str, chapter_ids: list[str] | None = None) -> bool:
        """Snapshot chapters (default the open one) before a destructive operation; False: do not go ahead.

        If a snapshot cannot be stored the writer chooses whether to go ahead without it.
        """
        ids = chapter_ids if chapter_ids is not None else (
            [self.session.current.id] if self.session.current is not None else [])
        for chapter_id in ids:
            if self.take_snapshot(chapter_id, reason=reason) is None:
                return self.confirm(tr("No Snapshot"), tr("A snapshot could not be taken first. Go ahead anyway?"))
        return True

    def offer_prune(self) -> int:
        """The store is over its cap: ask, then remove the oldest automatic snapshots; returns how many."""
        project = self.project
        if project is None:
            return 0
        store = snapshot_store(project)
        plan = store.prune_plan([c.id for c in project.chapters] + [t.chapter.id for t in project.trash])
        if not plan:
            return 0
        question = tr("Snapshots take {0:.1f} MB, more than their cap of {1} MB. Remove the {2} oldest "
                      "(automatic ones first, never a chapter's newest)?").format(
            store.size_bytes() / 1024 / 1024, store.cap_bytes // 1024 // 1024, len(plan))
        if not self.confirm(tr("Snapshots Over Their Cap"), question):
            return 0
        try:
            store.delete(plan)
        except WriterAppError as error:
            self.session.message.emit(str(error))
            return 0
        return len(plan)

    def restore(self, snapshot: Snapshot) -> bool:
        """Put a snapshot's text into the open chapter (one undo step); the current text is snapshotted first."""
        project = self.project
        current = self.session.current
        if project is None or current is None or current.id != snapshot.chapter_id or project.read_only:
            return False
        editor = self.session.editor
        try:
            text = restore_snapshot(project, current, snapshot, editor.text())
        except WriterAppError as error:
            self.session.message.emit(str(error))
            return False
        self.session.count_now()  # words typed just before are counted before the baseline moves
        # Restoring is not writing: the words it brings back or takes away are not counted.
        self.tracker.set_baseline(current.id, word_count(text))
        cursor = QTextCursor(editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.session.message.emit(tr("Restored the snapshot {0}; the text before it is kept as a snapshot too.")
                                  .format(snapshot.label()))
        return True
