"""The open project and chapter: opening, saving off the GUI thread, autosave, recovery, lock; outside changes
(reload or ask) live in :mod:`session_outside`.

Rules that keep text safe:
* The editor's text is the truth for the open chapter; a chapter left with unsaved text keeps it in
  ``_unsaved`` until the disk confirms the write, so a failed save never loses words.
* Writes go to the ``DiskWorker`` with a snapshot; "saved" is shown only when the write of the newest
  revision succeeded.
* While text is unsaved it is recorded in the crash-recovery journal every few seconds (also off the GUI
  thread); the next start offers it back.
* The GUI thread never waits on the disk for bulk work: opening a project reads only the first chapter here;
  the other chapters are counted on the disk thread and their counts fill in when they arrive (dropped if
  another project opened meanwhile). ``project.json`` is snapshotted here and written there
  (``save_manifest_later``), in order with the chapter writes.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QFileSystemWatcher, QObject, QTimer, Signal

from writer_app.core.errors import EncodingError, ProjectLockedError
from writer_app.core.lock import LockInfo, open_anyway_explanation, remove_lock
from writer_app.core.manifest import MANIFEST_NAME
from writer_app.core.project import Chapter, Project
from writer_app.core.text import word_count
from writer_app.errors import WriterAppError
from writer_app.settings import Settings, absolute_path
from writer_app.ui.disk_worker import (
    BACKUP,
    COUNT,
    JOURNAL,
    MANIFEST,
    SCAN,
    WRITE,
    DiskJob,
    DiskResult,
    DiskWorker,
    WordCounts,
)
from writer_app.ui.editor import ChapterEditor
from writer_app.ui.i18n import translator
from writer_app.ui.prompts import Prompts, RecoveredText
from writer_app.ui.reading_places import ReadingPlaces
from writer_app.ui.session_outside import OutsideChangesMixin

log = logging.getLogger(__name__)

JOURNAL_SECONDS = 3.0
# Copying a chapter this long (for the journal) takes the GUI thread a tenth of a second or more at 50 MB, so its
# journal waits for a pause of JOURNAL_QUIET_S in typing instead of landing between two keystrokes.
LARGE_CHAPTER_CHARS = 1_000_000
JOURNAL_QUIET_S = 1.0
MAX_UNSAVED_SECONDS = 20.0
COUNT_DELAY_MS = 150

Preread = tuple[str, str, int] | None  # the first chapter of a project being opened: id, text, words


tr = translator("Session")


class Session(OutsideChangesMixin, QObject):
    """Controller between the editor, one open Project and the disk worker."""

    project_opened = Signal(object)
    project_closed = Signal()
    chapter_opened = Signal(str)
    chapter_about_to_close = Signal(str)
    chapter_saved = Signal(str)
    chapters_changed = Signal()
    word_counts_changed = Signal()
    # The writer's editing brought the open chapter to this many words (chapter id, words): the word accounting
    # listens here. Opening, reloading or switching chapters does not emit it.
    words_edited = Signal(str, int)
    state_changed = Signal(str)
    message = Signal(str)

    def __init__(self, editor: ChapterEditor, settings: Settings, prompts: Prompts,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.settings = settings
        self.prompts = prompts
        self.project: Project | None = None
        self.current: Chapter | None = None
        self.words: dict[str, int | None] = {}
        self.last_error = ""
        self._saved_revision = 0
        self._journaled_revision = 0
        self._unsaved: dict[str, str] = {}
        self._failed: set[str] = set()
        self._dirty_since: float | None = None
        self._last_edit = 0.0  # monotonic time of the latest edit (the autosave timer looks at it when due)
        self._armed = False  # timers armed and "unsaved" announced since the last save: keystrokes do no more
        self._preread: tuple[str, str, int] | None = None  # the first chapter, read while counting at open
        # The text of each chapter file as the disk thread last read or wrote it, so opening a chapter, the
        # background checks and export need not read files on the GUI thread. An entry is dropped as soon as
        # its file may have changed (an outside change, a merge) and comes back with the next read.
        self._disk_texts: dict[str, str] = {}
        self._changed = False  # something was saved since the project opened (a closing backup is worth it)
        self._last_state: str | None = None
        self._manifest_writes = 0  # queued project.json writes not answered yet
        self._scanning = False
        self._counting: set[str] = set()  # chapters whose background word count has not arrived
        self._generation = 0  # bumped whenever a project opens or closes: late disk answers of the old one drop
        self.places = ReadingPlaces()  # where the cursor was left in each chapter (the user's data folder)
        self.worker = DiskWorker(self)
        self.worker.done.connect(self._on_disk_result)
        self._autosave = QTimer(self, singleShot=True)
        self._autosave.timeout.connect(self._on_autosave_due)
        self._journal = QTimer(self, singleShot=True)
        self._journal.timeout.connect(self._journal_now)
        self._count = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count.timeout.connect(self._count_current)
        self._watcher = QFileSystemWatcher(self)
        self._watch_timer = QTimer(self, singleShot=True, interval=300)
        self._watcher.directoryChanged.connect(lambda _path: self._watch_timer.start())
        self._watch_timer.timeout.connect(self.check_external_changes)
        editor.text_edited.connect(self._on_text_edited)
        editor.word_count_changed.connect(lambda _words: self._count.start())
        self.chapters_changed.connect(self._note_change)
        self._update_editor_access()

    def _note_change(self) -> None:
        self._changed = True

    def _update_editor_access(self) -> None:
        """Typing is only possible into an open chapter of a writable project; otherwise say why."""
        project = self.project
        if project is None:
            hint = tr("Open or create a project to start writing (File menu).")
        elif self.current is None:
            hint = tr("Add a chapter to start writing.") if not project.read_only else ""
        else:
            hint = ""
        self.editor.setReadOnly(project is None or self.current is None or project.read_only)
        self.editor.setPlaceholderText(hint)

    # ------------------------------------------------------------------------------------------------ state
    def is_unsaved(self) -> bool:
        """True when some text (open chapter or others) is not yet confirmed on disk."""
        return bool(self._unsaved) or self._current_unsaved()

    def _current_unsaved(self) -> bool:
        return self.current is not None and self.editor.revision != self._saved_revision

    def state(self) -> str:
        """One word for the status bar: "saved", "unsaved", "saving", "failed" or "read-only"."""
        if self.project is None:
            return ""
        if self.project.read_only:
            return "read-only"
        if self._failed:
            return "failed"
        if not self.is_unsaved():
            return "saved"
        return "unsaved" if self.worker.is_idle() else "saving"

    def _emit_state(self) -> None:
        state = self.state()
        if state != self._last_state:  # every keystroke asks; the window only needs to hear about changes
            self._last_state = state
            self.state_changed.emit(state)

    def chapter_text(self, chapter_id: str) -> str:
        """The current in-memory text of a chapter (the editor's for the open one, else unsaved or disk text)."""
        if self.current is not None and chapter_id == self.current.id:
            return self.editor.text()
        if chapter_id in self._unsaved:
            return self._unsaved[chapter_id]
        return self._saved_text(chapter_id)

    def _saved_text(self, chapter_id: str) -> str:
        """A chapter's text on disk: known from the disk thread, else read now (only until its count arrives)."""
        text = self._disk_texts.get(chapter_id)
        if text is None:
            assert self.project is not None
            text = self.project.read_chapter(self.project.chapter_by_id(chapter_id))
            self._disk_texts[chapter_id] = text
        return text

    def _saved_text_or_none(self, chapter_id: str) -> str | None:
        """A chapter's saved text if it can be read (for comparing with recovered text), else None."""
        try:
            return self._saved_text(chapter_id)
        except (KeyError, WriterAppError):
            return None

    def forget_disk_text(self, chapter_ids: list[str]) -> None:
        """These chapters' files changed (or may have): read them again when next needed."""
        for chapter_id in chapter_ids:
            self._disk_texts.pop(chapter_id, None)

    def known_text(self, chapter_id: str) -> str | None:
        """A chapter's text if known without reading the disk (the editor's, unsaved or last read), else None."""
        if self.current is not None and chapter_id == self.current.id:
            return self.editor.text()
        if chapter_id in self._unsaved:
            return self._unsaved[chapter_id]
        return self._disk_texts.get(chapter_id)

    def write_chapters_later(self, texts: dict[str, str]) -> None:
        """Give chapters that are not open new text (replace in the whole manuscript): kept, then written."""
        assert self.project is not None
        for chapter_id, text in texts.items():
            assert self.current is None or self.current.id != chapter_id
            self._unsaved[chapter_id] = text
            self.words[chapter_id] = word_count(text)
            self._submit_write(self.project.chapter_by_id(chapter_id), text, 0)
        self._changed = True
        self.word_counts_changed.emit()
        self._emit_state()

    def unsaved_texts(self) -> dict[str, str]:
        """A copy of the texts of chapters that are not open and not yet confirmed on disk."""
        return dict(self._unsaved)

    def counts_pending(self) -> bool:
        """True while a background word count has not arrived (the manuscript total is not known yet)."""
        return bool(self._counting)

    def total_words(self) -> int:
        """Words in the whole manuscript (live for the open chapter)."""
        return sum(count or 0 for count in self.words.values())

    # ------------------------------------------------------------------------------------------------ projects
    def open_project(self, path: str | Path, *, read_only: bool = False, encoding: str | None = None) -> bool:
        """Open a project folder or loose file; the open project is closed only once the new one has opened.

        False if it did not open (one sentence said why) or the writer kept the open project: it stays open.
        """
        current = self.project
        target = Path(path).parent if Path(path).name == MANIFEST_NAME else Path(path)
        if current is not None and absolute_path(current.path) == absolute_path(target):
            if current.read_only == read_only and encoding in (None, current.encoding):
                return True  # already open as asked
            if not self.close_project():  # its own lock: the new mode can only be taken once it is released
                return False
        opened = self._load(path, read_only=read_only, encoding=encoding)
        if opened is None:
            return False
        project, preread = opened
        if self.project is not None and not self.close_project():
            project.close()
            return False
        return self._adopt(project, preread)

    def _load(self, path: str | Path, *, read_only: bool, encoding: str | None) -> tuple[Project, Preread] | None:
        """Open a project and read its first chapter, asking what the writer wants on a lock or an encoding."""
        try:
            project = Project.open(path, read_only=read_only, encoding=encoding)
        except ProjectLockedError as error:
            info = error.info
            if isinstance(info, LockInfo) and info.may_open_anyway:  # another computer's, or not checkable here
                choice = self.prompts.ask_open_anyway(str(error), open_anyway_explanation(info))
                if choice == "anyway":
                    remove_lock(info)  # unless it changed meanwhile: then the new holder is asked about
                    return self._load(path, read_only=False, encoding=encoding)
                if choice == "read_only":
                    return self._load(path, read_only=True, encoding=encoding)
                return None
            if not read_only and self.prompts.ask_open_read_only(str(error)):
                return self._load(path, read_only=True, encoding=encoding)
            return None
        except EncodingError as error:
            if encoding is None and self.prompts.ask_open_as_cp1252(str(error)):
                return self._load(path, read_only=read_only, encoding="cp1252")
            return None
        except WriterAppError as error:
            self._report(str(error))
            return None
        except OSError as error:
            self._report(tr("{0} could not be opened ({1}).").format(Path(path).name, error.strerror or error))
            return None
        preread: Preread = None
        if project.chapters:
            # The first chapter is shown at once (one file); every other one is counted on the disk thread.
            first = project.chapters[0]
            try:
                text = project.read_chapter(first)
                preread = (first.id, text, word_count(text))
            except EncodingError as error:
                if project.encoding is None and self.prompts.ask_open_as_cp1252(str(error)):
                    project.close()
                    return self._load(project.path, read_only=project.read_only, encoding="cp1252")
            except WriterAppError as error:
                log.warning("cannot count %s: %s", first.file, error)
        return project, preread

    def _adopt(self, project: Project, preread: Preread) -> bool:
        self.project = project
        self.current = None
        self._generation += 1
        self._counting.clear()
        self._scanning = False
        self._unsaved.clear()
        self._disk_texts.clear()
        self._failed.clear()
        self.last_error = ""
        self.words = {chapter.id: None for chapter in project.chapters}
        if not project.read_only:
            project.manifest_saver = self.save_manifest_later
        self._preread = preread
        if preread is not None:
            self._disk_texts[preread[0]] = preread[1]
            self.words[preread[0]] = preread[2]
        if project.chapters:
            self.count_words_later(project.chapters[1:])
        self._update_editor_access()
        self.settings.add_recent_project(project.path)
        self._save_settings()
        if project.read_only and project.read_only_reason:
            self.message.emit(project.read_only_reason)
        self._offer_recovery()
        if not project.read_only:
            self.worker.submit(DiskJob(BACKUP, project))
            if not project.is_loose_file:
                self._watcher.addPath(str(project.folder / "chapters"))
            self._watcher.addPath(str(project.folder))
        self.project_opened.emit(project)
        self.chapters_changed.emit()
        self.word_counts_changed.emit()
        if project.chapters:
            self.open_chapter(project.chapters[0].id)
        self._changed = bool(self._unsaved)  # recovered text is a change; opening itself is not
        self._emit_state()
        return True

    def count_words_later(self, chapters: list[Chapter]) -> None:
        """Queue a word count of these chapters on the disk thread (answered in ``_on_counts``)."""
        if chapters and self.project is not None:
            self.forget_disk_text([chapter.id for chapter in chapters])  # re-read: the file may have changed
            self._counting.update(chapter.id for chapter in chapters)
            self.worker.submit(DiskJob(COUNT, self.project, revision=self._generation, payload=list(chapters)))

    def _on_counts(self, result: DiskResult) -> None:
        counts = result.value
        project = self.project
        if result.job.revision != self._generation or project is None:
            return  # another project opened meanwhile
        self._counting.difference_update(chapter.id for chapter in result.job.payload)  # type: ignore[attr-defined]
        if not isinstance(counts, WordCounts):
            log.warning("word count failed: %s", result.error)
            self.word_counts_changed.emit()
            return
        known = {chapter.id for chapter in project.chapters}
        current = self.current.id if self.current is not None else None
        for chapter_id, words in counts.words.items():
            # The editor's and unsaved texts are newer than the files the count read.
            if chapter_id in known and chapter_id != current and chapter_id not in self._unsaved:
                self.words[chapter_id] = words
        for chapter_id, text in counts.texts.items():
            if chapter_id in known:
                self._disk_texts[chapter_id] = text  # what the file held when read (later writes answer later)
        self.word_counts_changed.emit()
        bad = [message for cid, message in counts.bad_encoding.items() if cid in known]
        if bad and project.encoding is None:
            if self.prompts.ask_open_as_cp1252(bad[0]):
                path, read_only = project.path, project.read_only
                if self.close_project():
                    self.open_project(path, read_only=read_only, encoding="cp1252")

    def add_chapter_later(self, title: str, index: int | None = None) -> Chapter:
        """Add an empty chapter to the list now; its file and then project.json are written on the disk thread.

        Until the file is confirmed the chapter counts as unsaved (its text is kept in memory), so opening it
        reads nothing. Raises ``WriterAppError`` if the project cannot have more chapters.
        """
        project = self.project
        assert project is not None
        chapter = project.new_chapter(title, index)
        self._unsaved[chapter.id] = ""
        self.words[chapter.id] = 0
        self.worker.submit(DiskJob(WRITE, project, chapter, ""))
        self.save_manifest_later()
        self._changed = True
        return chapter

    # ------------------------------------------------------------------------------------------------ manifest
    def save_manifest_later(self, *, force: bool = False) -> None:
        """Snapshot project.json now and queue its write on the disk thread (after the queued chapter writes).

        A failure comes back as one sentence; a change made by another program goes to
        ``resolve_manifest_change``. ``force`` overwrites such a change (the writer chose to keep theirs).
        """
        project = self.project
        if project is None or project.read_only:
            return
        data = project.manifest_bytes()
        self._manifest_writes += 1
        self.worker.submit(DiskJob(MANIFEST, project, revision=project.manifest_serial, force=force,
                                   payload=data))
        self._emit_state()

    def manifest_write_pending(self) -> bool:
        """True while a queued project.json write has not been answered (it checks for outside changes itself)."""
        return self._manifest_writes > 0

    def _on_manifest_result(self, result: DiskResult) -> None:
        if result.ok:
            self._changed = True
            return
        if result.external_change:
            self.resolve_manifest_change()
            return
        self._report(result.error, dialog=result.error != self.last_error)

    def _offer_recovery(self) -> None:
        project = self.project
        assert project is not None
        if project.read_only:
            return
        journal = project.recovery_journal()
        pending = journal.pending()
        if not pending:
            return
        items = []
        for chapter_id, text in pending.items():
            try:
                title = project.chapter_by_id(chapter_id).title
            except KeyError:
                title = tr("Recovered text ({0})").format(chapter_id)
            items.append(RecoveredText(chapter_id, title, text, self.words.get(chapter_id),
                                       self._saved_text_or_none(chapter_id)))
        if not self.prompts.ask_recover(items):
            journal.clear_all()
            self.message.emit(tr("Discarded the recovered text."))
            return
        for item in items:
            try:
                chapter = project.chapter_by_id(item.chapter_id)
            except KeyError:
                try:
                    chapter = project.add_chapter(item.title, "")
                except WriterAppError as error:
                    self._report(str(error))
                    continue
                journal.clear(item.chapter_id)
            self._unsaved[chapter.id] = item.text
            self.words[chapter.id] = word_count(item.text)
            self.worker.submit(DiskJob(WRITE, project, chapter, item.text))
        self.message.emit(tr("Restored the unsaved text of one chapter.") if len(items) == 1 else
                          tr("Restored the unsaved text of {0} chapters.").format(len(items)))

    def close_project(self) -> bool:
        """Save everything (waiting for the disk), back up and release the project; False if the writer cancels."""
        project = self.project
        if project is None:
            return True
        if self.current is not None:
            self.count_now()
            self._remember_place()
            self.chapter_about_to_close.emit(self.current.id)
        self.places.save()
        self.save_now()
        self.flush()  # the final save: done (or failed and asked about) before anything is closed
        if self.is_unsaved() and not project.read_only:
            titles = [self._title(cid) for cid in self._unsaved] + (
                [self.current.title] if self._current_unsaved() and self.current else [])
            if not self.prompts.ask_close_unsaved(titles):
                return False
        if not project.read_only and self._changed:
            # The closing backup only reads the saved files: it runs on after the window is gone (shutdown() or
            # the next project's open waits for it), so quitting a big manuscript does not wait on a zip.
            self.worker.submit(DiskJob(BACKUP, project))
        self._drop_project()
        self.project_closed.emit()
        self._emit_state()
        return True

    def _drop_project(self) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        if self.project is not None:
            self.project.close()
        self.project = None
        self.current = None
        self._generation += 1
        self._counting.clear()
        self._scanning = False
        self._manifest_writes = 0
        self._unsaved.clear()
        self._disk_texts.clear()
        self._failed.clear()
        self.words = {}
        self._autosave.stop()
        self._journal.stop()
        self._armed = False
        self.editor.set_chapter_text("")
        self._saved_revision = self.editor.revision
        self._update_editor_access()

    def flush(self) -> None:
        """Wait for every queued disk job and handle its result (for closing and quitting only)."""
        self.worker.wait_idle()
        QCoreApplication.sendPostedEvents(self.worker, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def shutdown(self) -> None:
        """Stop the writer thread after its queue (the closing backup included) is done."""
        # Quitting: background analysis threads would hold the GIL for 5 ms slices between every step of the
        # zip (hundreds of chapter files): hand it over faster so the disk thread is not starved.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, 0.0005))
        try:
            self.flush()
            self.worker.stop()
        finally:
            sys.setswitchinterval(interval)

    # ------------------------------------------------------------------------------------------------ chapters
    def open_chapter(self, chapter_id: str) -> bool:
        """Show a chapter in the editor (the previous one is saved first); False if it cannot be read."""
        project = self.project
        if project is None:
            return False
        if self.current is not None and self.current.id == chapter_id:
            return True
        chapter = project.chapter_by_id(chapter_id)
        pending = chapter_id in self._unsaved
        preread, self._preread = self._preread, None
        words: int | None = None
        if pending:
            text = self._unsaved[chapter_id]
        elif preread is not None and preread[0] == chapter_id:
            _id, text, words = preread
        else:
            try:
                text = self._saved_text(chapter_id)
            except WriterAppError as error:
                self._report(str(error))
                return False
        self._leave_current()
        self.current = chapter
        if words is None:
            words = word_count(text)
        self.editor.set_chapter_text(text, words)
        self._restore_place(chapter)
        self._saved_revision = self.editor.revision
        if pending:
            # The editor holds the unconfirmed text now; it stays "unsaved" until a write of it succeeds.
            del self._unsaved[chapter_id]
            self._saved_revision -= 1
        self._journaled_revision = self.editor.revision
        self.words[chapter_id] = words
        self._update_editor_access()
        self.chapter_opened.emit(chapter_id)
        self.word_counts_changed.emit()
        self._emit_state()
        return True

    def _leave_current(self) -> None:
        if self.current is None:
            return
        self.count_now()
        self._remember_place()
        self.chapter_about_to_close.emit(self.current.id)
        if self._current_unsaved():
            text = self.editor.text()
            self._unsaved[self.current.id] = text
            self._submit_write(self.current, text, self.editor.revision)
        self._autosave.stop()
        self._journal.stop()
        self._armed = False
        self.current = None

    def _remember_place(self) -> None:
        """Note where the cursor is in the open chapter, to come back there next time."""
        if self.project is not None and self.current is not None:
            self.places.remember(self.project.path, self.current.file, self.editor.textCursor().position())

    def _restore_place(self, chapter: Chapter) -> None:
        """Put the cursor back where the writer left this chapter (clamped to its text), centred in the view."""
        assert self.project is not None
        position = self.places.get(self.project.path, chapter.file)
        if not position:
            return
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, max(0, self.editor.document().characterCount() - 1)))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def forget_current(self) -> None:
        """Close the open chapter without saving it (it was just saved, merged away or trashed)."""
        if self.current is not None:
            self.chapter_about_to_close.emit(self.current.id)
        self._autosave.stop()
        self._journal.stop()
        self._armed = False
        self.current = None
        self._update_editor_access()

    def reload_current(self) -> None:
        """Replace the open chapter's text with the file on disk."""
        if self.project is None or self.current is None:
            return
        chapter = self.current
        try:
            text = self.project.read_chapter(chapter)
        except WriterAppError as error:
            self._report(str(error))
            return
        self._disk_texts[chapter.id] = text
        self._unsaved.pop(chapter.id, None)
        self._failed.discard(chapter.id)
        self.project.recovery_journal().clear(chapter.id)
        words = word_count(text)
        self.editor.set_chapter_text(text, words, keep_place=True)
        self._saved_revision = self._journaled_revision = self.editor.revision
        self.words[chapter.id] = words
        self.chapter_opened.emit(chapter.id)
        self.word_counts_changed.emit()
        self._emit_state()

    def _title(self, chapter_id: str) -> str:
        try:
            return self.project.chapter_by_id(chapter_id).title if self.project else chapter_id
        except KeyError:
            return chapter_id

    # ------------------------------------------------------------------------------------------------ saving
    def _on_text_edited(self) -> None:
        """Runs on every keystroke: only notes the time once the timers are armed (no text copies, no restarts)."""
        if self.project is None or self.current is None:
            return
        now = time.monotonic()
        self._last_edit = now
        if self._armed and self._last_state != "saved":
            # Typing without a pause would postpone the pause-based save forever: save at least every
            # MAX_UNSAVED_SECONDS, from the event loop right after this keystroke (never inside it).
            if self._dirty_since is not None and now - self._dirty_since >= self._max_unsaved():
                self._autosave.start(0)
            return
        self._armed = True
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= self._max_unsaved():
            self._autosave.start(0)
        else:
            self._autosave.start(int(self.settings.autosave_seconds * 1000))
        if not self._journal.isActive():
            self._journal.start(int(JOURNAL_SECONDS * 1000))
        self._emit_state()

    def _max_unsaved(self) -> float:
        return max(MAX_UNSAVED_SECONDS, self.settings.autosave_seconds)

    def _on_autosave_due(self) -> None:
        """Save after ``autosave_seconds`` without typing (or when unsaved too long); else wait the rest."""
        now = time.monotonic()
        delay = self.settings.autosave_seconds
        if self._dirty_since is not None and now - self._dirty_since < self._max_unsaved():
            remaining = delay - (now - self._last_edit)
            if remaining > 0.005:
                self._autosave.start(int(remaining * 1000) + 1)
                return
        self.save_now()

    def save_now(self) -> None:
        """Queue a save of the open chapter if it has unsaved edits (never blocks)."""
        self._autosave.stop()
        self._dirty_since = None
        self._armed = False
        if self.project is None or self.current is None or self.project.read_only:
            return
        if self._current_unsaved():
            self._submit_write(self.current, self.editor.text(), self.editor.revision)
        self._emit_state()

    def _submit_write(self, chapter: Chapter, text: str, revision: int, force: bool = False) -> None:
        assert self.project is not None
        if self.project.read_only:
            return
        self.worker.submit(DiskJob(WRITE, self.project, chapter, text, revision, force))

    def _journal_now(self) -> None:
        if self.project is None or self.current is None or self.project.read_only:
            return
        if (self._current_unsaved() and self.editor.revision != self._journaled_revision
                and time.monotonic() - self._last_edit < JOURNAL_QUIET_S
                and self.editor.document().characterCount() > LARGE_CHAPTER_CHARS):
            self._journal.start(int(JOURNAL_QUIET_S * 1000))  # a long chapter is copied in a pause in typing
            return
        if self._current_unsaved() and self.editor.revision != self._journaled_revision:
            self._journaled_revision = self.editor.revision
            self.worker.submit(DiskJob(JOURNAL, self.project, self.current, self.editor.text(),
                                       self.editor.revision))
        if self._current_unsaved():
            self._journal.start(int(JOURNAL_SECONDS * 1000))

    def _on_disk_result(self, result: DiskResult) -> None:
        job = result.job
        if job.kind == MANIFEST:
            self._manifest_writes = max(0, self._manifest_writes - 1)
        if job.project is not self.project or result.skipped:
            self._emit_state()
            return
        if job.kind == WRITE:
            self._on_write_result(result)
        elif job.kind == COUNT:
            self._on_counts(result)
        elif job.kind == SCAN:
            self._on_outside_changes(result)
        elif job.kind == MANIFEST:
            self._on_manifest_result(result)
        elif not result.ok:
            log.warning("%s failed: %s", job.kind, result.error)
            if job.kind == JOURNAL:
                self.message.emit(tr("The recovery journal could not be written: {0}").format(result.error))
        self._emit_state()

    def _on_write_result(self, result: DiskResult) -> None:
        job = result.job
        chapter: Chapter = job.chapter  # type: ignore[assignment]
        is_current = self.current is not None and self.current.id == chapter.id
        if result.ok:
            self._changed = True
            self._disk_texts[chapter.id] = job.text
            self._failed.discard(chapter.id)
            if self._unsaved.get(chapter.id) is job.text:
                del self._unsaved[chapter.id]
            if is_current and job.revision == self.editor.revision:
                self._saved_revision = job.revision
            elif is_current and chapter.id not in self._unsaved and self.editor.text() == job.text:
                self._saved_revision = self.editor.revision
            if self.last_error:
                self.last_error = ""
                self.message.emit(tr("Saved."))
            self.chapter_saved.emit(chapter.id)
            return
        self._failed.add(chapter.id)
        if result.external_change:
            self._resolve_external_change(chapter, job.text)
            return
        if chapter.id not in self._unsaved and not is_current:
            self._unsaved[chapter.id] = job.text
        self._report(result.error, dialog=result.error != self.last_error)

    def _report(self, text: str, dialog: bool = True) -> None:
        self.last_error = text
        self.message.emit(text)
        if dialog:
            self.prompts.error(text)

    # ------------------------------------------------------------------------------------------------ counts
    def _count_current(self) -> None:
        if self.current is None:
            return
        self._count.stop()
        words = self.editor.word_count()
        self.words[self.current.id] = words
        self.words_edited.emit(self.current.id, words)
        self.word_counts_changed.emit()

    def count_now(self) -> None:
        """Count the open chapter now if a count after typing is still waiting (before it closes)."""
        if self._count.isActive():
            self._count_current()

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except WriterAppError as error:
            log.warning("settings not saved: %s", error)
