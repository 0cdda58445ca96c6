"""Chapter changes asked from the GUI (add, rename, delete/restore, move, split, merge) on the open session."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QObject

from writer_app.core.text import utf16_to_cp, word_count
from writer_app.errors import WriterAppError
from writer_app.ui.i18n import translator
from writer_app.ui.session import Session

log = logging.getLogger(__name__)


tr = translator("ChapterCommands")

_CONTINUED = re.compile(r" \(continued(?: \d+)?\)$")


def continued_title(title: str, taken: set[str]) -> str:
    """A title for a split-off part that no chapter has yet: "T (continued)", "T (continued 2)", ..."""
    base = _CONTINUED.sub("", title)
    candidate = tr("{0} (continued)").format(base)
    number = 2
    while candidate in taken:
        candidate = tr("{0} (continued {1})").format(base, number)
        number += 1
    return candidate


class ChapterCommands(QObject):
    """Structural chapter operations; each saves pending text first and reports failures in one sentence."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Called with the ids of the chapters a merge rewrites, before it does; False cancels the merge (the desk
        # takes snapshots here).
        self.before_merge: Callable[[list[str]], bool] | None = None

    def _ready(self) -> bool:
        project = self.session.project
        if project is None:
            return False
        if project.read_only:
            self.session.message.emit(tr("This project is open read-only; chapters cannot be changed."))
            return False
        if project.is_loose_file:
            self.session.message.emit(tr("A single text file has one chapter; import it as a project for more."))
            return False
        if not self.session.manifest_write_pending() and project.manifest_changed_on_disk():
            # (While a manifest write is queued the disk thread checks: a conflict comes back by signal.)
            # Reloading changes what the command was aimed at: the writer repeats it on the fresh list.
            return self.session.resolve_manifest_change() and self.session.project is project
        return True

    def _settle(self) -> None:
        """Save the open chapter and wait for queued writes, so files and manifest agree before the change."""
        self.session.save_now()
        self.session.flush()

    def _fail(self, error: WriterAppError) -> None:
        self.session._report(str(error))  # noqa: SLF001 - same package helper

    def add(self, title: str | None = None) -> str | None:
        """Add an empty chapter after the open one and open it; returns its id."""
        if not self._ready():
            return None
        project = self.session.project
        assert project is not None
        index = len(project.chapters)
        if self.session.current is not None:
            index = project.chapter_index(self.session.current) + 1
        title = title or tr("Chapter {0}").format(len(project.chapters) + 1)
        try:
            chapter = self.session.add_chapter_later(title, index)  # file and manifest written off this thread
        except WriterAppError as error:
            self._fail(error)
            return None
        self.session.chapters_changed.emit()
        self.session.open_chapter(chapter.id)
        return chapter.id

    def rename(self, chapter_id: str, title: str) -> bool:
        """Give a chapter a new title."""
        title = title.strip()
        project = self.session.project
        if not title or project is None or project.read_only:
            return False
        try:
            project.rename_chapter(project.chapter_by_id(chapter_id), title)
        except WriterAppError as error:
            self._fail(error)
            self.session.chapters_changed.emit()  # show the title that is really stored
            return False
        self.session.chapters_changed.emit()
        return True

    def delete(self, chapter_id: str) -> bool:
        """Move a chapter to the trash (restorable); opens a neighbour if it was open."""
        if not self._ready():
            return False
        project = self.session.project
        assert project is not None
        if len(project.chapters) <= 1:
            self.session.message.emit(tr("The last chapter cannot be deleted."))
            return False
        self._settle()
        chapter = project.chapter_by_id(chapter_id)
        index = project.chapter_index(chapter)
        was_current = self.session.current is not None and self.session.current.id == chapter_id
        if chapter_id in self.session._unsaved:  # noqa: SLF001
            self.session.message.emit(tr("“{0}” has unsaved text; save it before deleting.").format(chapter.title))
            return False
        try:
            project.delete_chapter(chapter)
        except WriterAppError as error:
            self._fail(error)
            return False
        self.session.words.pop(chapter_id, None)
        if was_current:
            self.session.forget_current()
            neighbour = project.chapters[min(index, len(project.chapters) - 1)]
            self.session.open_chapter(neighbour.id)
        self.session.chapters_changed.emit()
        self.session.word_counts_changed.emit()
        self.session.message.emit(tr("Moved “{0}” to the trash.").format(chapter.title))
        return True

    def restore(self, chapter_id: str) -> bool:
        """Bring a chapter back from the trash to its old place."""
        if not self._ready():
            return False
        project = self.session.project
        assert project is not None
        try:
            chapter = project.restore_chapter(chapter_id)
            self.session.words[chapter.id] = None
            self.session.count_words_later([chapter])
        except (WriterAppError, KeyError) as error:
            self._fail(error if isinstance(error, WriterAppError) else WriterAppError(str(error)))
            return False
        self.session.chapters_changed.emit()
        self.session.word_counts_changed.emit()
        return True

    def move(self, chapter_id: str, index: int) -> bool:
        """Move a chapter to ``index`` in reading order (persisted)."""
        if not self._ready():
            return False
        project = self.session.project
        assert project is not None
        try:
            project.move_chapter(project.chapter_by_id(chapter_id), index)
        except WriterAppError as error:
            self._fail(error)
            self.session.chapters_changed.emit()
            return False
        self.session.chapters_changed.emit()
        return True

    def split_at_cursor(self, new_title: str | None = None) -> str | None:
        """Split the open chapter at the cursor; the tail becomes a new chapter right after it."""
        if not self._ready() or self.session.current is None:
            return None
        project = self.session.project
        assert project is not None
        editor = self.session.editor
        text = editor.text()
        offset = utf16_to_cp(text, editor.textCursor().position())
        chapter = self.session.current
        if not text[:offset].strip() or not text[offset:].strip():
            self.session.message.emit(tr("Place the cursor where the new chapter should begin: splitting at the "
                                         "start or the end would make an empty chapter."))
            return None
        title = new_title or continued_title(chapter.title, {c.title for c in project.chapters})
        self._settle()
        try:
            new_chapter = project.split_chapter(chapter, offset, title, text=text)
        except WriterAppError as error:
            self._fail(error)
            return None
        finally:
            self.session.forget_disk_text([chapter.id])
        self.session.reload_current()
        self.session.words[new_chapter.id] = word_count(text[offset:])
        self.session.chapters_changed.emit()
        self.session.word_counts_changed.emit()
        return new_chapter.id

    def merge_with_next(self, chapter_id: str | None = None) -> bool:
        """Append the next chapter to this one (the next goes to the trash, restorable)."""
        if not self._ready():
            return False
        project = self.session.project
        assert project is not None
        chapter_id = chapter_id or (self.session.current.id if self.session.current else "")
        if not chapter_id:
            return False
        chapter = project.chapter_by_id(chapter_id)
        index = project.chapter_index(chapter)
        if index + 1 >= len(project.chapters):
            self.session.message.emit(tr("“{0}” is the last chapter; there is nothing to merge.").format(chapter.title))
            return False
        following = project.chapters[index + 1]
        self._settle()
        if self.session._unsaved:  # noqa: SLF001
            self.session.message.emit(tr("Some text is not saved yet; merge again once it is."))
            return False
        if self.before_merge is not None and not self.before_merge([chapter.id, following.id]):
            return False
        try:
            text = self.session.chapter_text(chapter.id)
            next_text = self.session.chapter_text(following.id)
            if self.session.current is not None and self.session.current.id == following.id:
                self.session.forget_current()
                self.session.open_chapter(chapter.id)
            project.merge_with_next(chapter, text, next_text)
        except WriterAppError as error:
            self._fail(error)
            return False
        finally:
            self.session.forget_disk_text([chapter.id, following.id])  # rewritten (or maybe half-written)
        self.session.words.pop(following.id, None)
        if self.session.current is not None and self.session.current.id == chapter.id:
            self.session.reload_current()
        else:
            self.session.words[chapter.id] = word_count(text) + word_count(next_text)
        self.session.chapters_changed.emit()
        self.session.word_counts_changed.emit()
        return True

    def empty_trash(self) -> int:
        """Delete the trashed chapters' files for good (after the writer confirmed); returns how many."""
        if not self._ready():
            return 0
        project = self.session.project
        assert project is not None
        try:
            count = project.empty_trash()
        except WriterAppError as error:
            self._fail(error)
            return 0
        self.session.chapters_changed.emit()
        return count
