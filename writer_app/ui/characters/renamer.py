"""Rename a character everywhere from the Characters tab: plan, preview, apply, and undo in one step.

The prose changes through the rename core the command line uses (``writer_app.characters.rename``). The open
chapter is changed in the editor as one undo step; every other changed chapter is snapshotted (reason "before
rename everywhere") and then written. "Undo rename" puts back the texts, the cast and the word list as they were,
leaving alone a chapter edited since (its snapshot still holds the text from before).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor

from writer_app.characters.cast import Cast
from writer_app.characters.rename import ChapterChanges, ManuscriptRename, RenameError, plan_manuscript_rename
from writer_app.core.snapshots import BEFORE_RENAME
from writer_app.core.text import cp_to_utf16
from writer_app.errors import WriterAppError
from writer_app.ui.characters.rename_dialog import RenameDialog

log = logging.getLogger(__name__)


@dataclass
class RenameRecord:
    """What one rename changed, to undo it: chapter texts before and after, the cast and the word list before."""

    old: str
    new: str
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # chapter id -> (before, after)
    in_editor: str | None = None  # the chapter renamed in the editor (one undo step there)
    cast_before: list[dict[str, Any]] = field(default_factory=list)
    cast_after: list[dict[str, Any]] = field(default_factory=list)
    words_before: list[str] = field(default_factory=list)
    words_after: list[str] = field(default_factory=list)


class CharacterRenamer(QObject):
    """Drives "Rename everywhere" and "Undo rename" for the Characters controller."""

    undo_changed = Signal(str)  # the "Undo rename" label, "" when there is nothing to undo

    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.editor = controller.editor
        self.last: RenameRecord | None = None

    # ------------------------------------------------------------------------------------------------ helpers
    def _tell(self, text: str) -> None:
        self.controller._message(text)  # noqa: SLF001 - the controller's status line helper

    def _writable_project(self) -> Any:
        project = self.controller.project
        if project is None:
            return None
        if getattr(project, "read_only", False):
            self._tell(self.tr("This project is open read-only; nothing was renamed."))
            return None
        return project

    def _settle(self) -> bool:
        """Save the open chapter and wait for queued writes; False (told) while other text is still unsaved."""
        session = getattr(self.window, "session", None)
        if session is not None:
            session.save_now()
            session.flush()
        unsaved = getattr(self.window, "unsaved_chapter_texts", None)
        if callable(unsaved) and unsaved():
            self._tell(self.tr("Some text is not saved yet; rename again once it is."))
            return False
        return True

    def _current_id(self) -> str | None:
        return getattr(getattr(self.window, "current_chapter", None), "id", None)

    def _chapter_texts(self, project: Any) -> list[tuple[str, str, str]]:
        return [(chapter.id, chapter.title, self.window.chapter_text(chapter.id)) for chapter in project.chapters]

    def plan(self, old: str, new: str) -> ManuscriptRename:
        """The rename of ``old`` to ``new`` in the open project as it is now; raises RenameError."""
        project = self.controller.project
        if project is None:
            raise RenameError("Open a project first.")
        return plan_manuscript_rename(self._chapter_texts(project), self.controller.cast,
                                      list(getattr(project, "word_list", []) or []), old, new)

    # ------------------------------------------------------------------------------------------------ rename
    def rename(self, name: str) -> bool:
        """Ask for the new name of ``name`` (or one of its aliases) with a preview, then rename everywhere."""
        character = self.controller.cast.find(name)
        if character is None or self._writable_project() is None or not self._settle():
            return False
        dialog = RenameDialog(character.forms(), self.plan, self.controller.panel.window(), chosen=name)
        try:
            accepted = dialog.exec() == RenameDialog.DialogCode.Accepted
            plan = dialog.plan
        finally:
            dialog.deleteLater()
        return self.apply(plan) if accepted and plan is not None else False

    def apply(self, plan: ManuscriptRename) -> bool:
        """Make ``plan``: the open chapter in the editor (one undo step), the others on disk, then cast and words."""
        project = self._writable_project()
        if project is None:
            return False
        current = self._current_id()
        on_disk = [chapter_id for chapter_id, _changes in plan.chapters if chapter_id != current]
        before = getattr(self.window, "snapshot_before", None)
        if on_disk and callable(before) and not before(BEFORE_RENAME, on_disk):
            return False
        record = RenameRecord(plan.old, plan.new, cast_before=self.controller.cast.to_dicts(),
                              cast_after=plan.cast.to_dicts(), words_before=list(project.word_list),
                              words_after=list(plan.word_list))
        failure = ""
        written = []
        for chapter_id, changes in plan.chapters:
            renamed = changes.renamed()
            if chapter_id == current:
                self._edit_in_editor(changes)
                record.in_editor = chapter_id
                record.texts[chapter_id] = (changes.text, self.editor.text())
                continue
            try:
                project.write_chapter(project.chapter_by_id(chapter_id), renamed)
            except WriterAppError as error:
                failure = self.tr("“{title}” was not renamed: {error}").format(title=changes.chapter, error=error)
                break
            record.texts[chapter_id] = (changes.text, renamed)
            written.append(chapter_id)
        self._chapters_written(project, written)
        project.word_list[:] = list(plan.word_list)
        self.controller.replace_cast(Cast.from_dicts(record.cast_after), [plan.new] if plan.cast_changed else [])
        self.last = record
        self.undo_changed.emit(self.tr("Undo rename ({old} → {new})").format(old=plan.old, new=plan.new))
        done = self.tr("Renamed {old} to {new}: {total} changes in {chapters} chapters.").format(
            old=plan.old, new=plan.new, total=plan.total, chapters=len(plan.chapters))
        self._tell(f"{done} {failure}" if failure else done)
        return not failure

    def _edit_in_editor(self, changes: ChapterChanges) -> None:
        """Replace every change in the editor as one undo step (positions in UTF-16 units, last first)."""
        text = changes.text
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        for change in reversed(changes.changes):
            cursor.setPosition(cp_to_utf16(text, change.start))
            cursor.setPosition(cp_to_utf16(text, change.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(change.replacement)
        cursor.endEditBlock()

    def _chapters_written(self, project: Any, chapter_ids: list[str]) -> None:
        """Tell the window these chapters' files changed (re-read, re-counted)."""
        session = getattr(self.window, "session", None)
        if session is not None and chapter_ids:
            session.count_words_later([project.chapter_by_id(chapter_id) for chapter_id in chapter_ids])

    # ------------------------------------------------------------------------------------------------ undo
    def undo(self) -> bool:
        """Put back what the last rename changed; a chapter edited since is left (and named) for its snapshot."""
        record = self.last
        project = self._writable_project()
        if record is None or project is None or not self._settle():
            return False
        current = self._current_id()
        kept, written = [], []
        for chapter_id, (before, after) in record.texts.items():
            chapter = project.chapter_by_id(chapter_id)
            if chapter_id == current:
                if self.editor.text() != after:
                    kept.append(chapter.title)
                elif chapter_id == record.in_editor and self.editor.document().isUndoAvailable():
                    self.editor.undo()  # the rename was one step of the editor's undo
                    if self.editor.text() != before:
                        self.editor.redo()
                        self._replace_editor_text(before)
                else:
                    self._replace_editor_text(before)
                continue
            try:
                if self.window.chapter_text(chapter_id) != after:
                    kept.append(chapter.title)
                    continue
                project.write_chapter(chapter, before)
            except WriterAppError as error:
                log.warning("could not undo the rename in %s: %s", chapter_id, error)
                kept.append(chapter.title)
                continue
            written.append(chapter_id)
        self._chapters_written(project, written)
        if list(project.word_list) == record.words_after:
            project.word_list[:] = record.words_before
        if self.controller.cast.to_dicts() == record.cast_after:
            self.controller.replace_cast(Cast.from_dicts(record.cast_before), [record.old])
        self.last = None
        self.undo_changed.emit("")
        message = self.tr("Undid renaming {old} to {new}.").format(old=record.old, new=record.new)
        if kept:
            message += " " + self.tr("Edited since, so left as they are (their snapshots hold the text from "
                                     "before): {titles}.").format(titles=", ".join(kept))
        self._tell(message)
        return True

    def _replace_editor_text(self, text: str) -> None:
        """Set the editor's whole text as one undoable edit."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def forget(self) -> None:
        """Another project opened (or none): there is nothing to undo."""
        if self.last is not None:
            self.last = None
            self.undo_changed.emit("")
