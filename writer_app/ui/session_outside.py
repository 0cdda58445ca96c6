"""What the session does when another program changes the project's files: reload quietly, or let the writer choose.

A mixin of :class:`~writer_app.ui.session.Session` (it uses the session's state: the project, the open chapter,
unsaved texts, the disk worker); never overwrites text the writer has not saved.
"""

from __future__ import annotations

import logging

from writer_app.core.project import Chapter
from writer_app.ui.disk_worker import FORGET, SCAN, DiskJob, DiskResult, OutsideChanges
from writer_app.ui.i18n import translator

log = logging.getLogger(__name__)

tr = translator("Session")


class OutsideChangesMixin:
    """Look for outside changes on the disk thread and answer them (a part of the session)."""

    def check_external_changes(self) -> None:
        """Look (on the disk thread) for files another program changed; answered in ``_on_outside_changes``."""
        project = self.project
        if project is None:
            self._scanning = False
            return
        self._scanning = True  # pending until answered, also while a busy disk thread defers the look
        if not self.worker.is_idle():
            self._watch_timer.start()
            return
        self.worker.submit(DiskJob(SCAN, project, revision=self._generation, payload=list(project.chapters)))

    def scan_pending(self) -> bool:
        """True while a look for outside changes (asked or deferred) has not been answered."""
        return self._scanning

    def _on_outside_changes(self, result: DiskResult) -> None:
        """Reload quietly what nobody edited here, or let the writer choose (never overwrite)."""
        found = result.value
        project = self.project
        if result.job.revision != self._generation or project is None:
            return  # a look at a project that was closed since
        if not isinstance(found, OutsideChanges):
            self._scanning = False  # the look failed; the next change in the folder looks again
            log.warning("looking for outside changes failed: %s", result.error)
            return
        if self.worker.last_sequence() != result.job.sequence:
            self._watch_timer.start()  # something was written after the look: look again when it is done
            return  # still pending: the look is answered by the next one
        self._scanning = False
        if found.manifest:
            if not self.resolve_manifest_change():
                return
            if self.project is not project:
                return  # reloaded: everything is fresh from disk
        for chapter in found.chapters:
            if chapter not in project.chapters:
                continue
            if chapter.id in self._unsaved:
                self._resolve_external_change(chapter, self._unsaved[chapter.id])
            elif self.current is not None and chapter.id == self.current.id:
                if not project.chapter_path(chapter).exists():
                    # Deleted or moved away: the open text is the only copy, so put it back.
                    self._submit_write(chapter, self.editor.text(), self.editor.revision, force=True)
                    self.message.emit(tr("“{0}” was removed by another program; saved it again from the open text.")
                                      .format(chapter.title))
                elif self._current_unsaved():
                    self._resolve_external_change(chapter, self.editor.text())
                else:
                    self.reload_current()
                    self.message.emit(tr("“{0}” was changed by another program; reloaded.").format(chapter.title))
            else:
                self.count_words_later([chapter])

    def resolve_manifest_change(self) -> bool:
        """project.json changed elsewhere: reload the project, or write ours over it; False if nothing is open."""
        project = self.project
        if project is None:
            return False
        if self.prompts.ask_manifest_change(project.title or project.path.name) == "keep":
            self.save_manifest_later(force=True)
            self.message.emit(tr("Kept your chapter list of “{0}”.").format(project.title or project.path.name))
            return True
        return self.reload_project()

    def reload_project(self) -> bool:
        """Close (saving everything) and open the project again from disk, on the same chapter if it is still there."""
        project = self.project
        if project is None:
            return False
        path, read_only = project.path, project.read_only
        chapter_id = self.current.id if self.current is not None else None
        if not self.close_project() or not self.open_project(path, read_only=read_only):
            return False
        if chapter_id is not None and self.project is not None:
            if any(c.id == chapter_id for c in self.project.chapters):
                self.open_chapter(chapter_id)
        self.message.emit(tr("Reloaded the project from disk."))
        return True

    def _resolve_external_change(self, chapter: Chapter, mine: str) -> None:
        if self.project is None:
            return
        if self.prompts.ask_external_change(chapter.title) == "reload":
            if self.current is not None and self.current.id == chapter.id:
                self.reload_current()
            else:
                self._unsaved.pop(chapter.id, None)
                self._failed.discard(chapter.id)
                self.worker.submit(DiskJob(FORGET, self.project, chapter))
                self.count_words_later([chapter])
            self.message.emit(tr("Reloaded “{0}” from disk.").format(chapter.title))
        else:
            revision = self.editor.revision if self.current is not None and self.current.id == chapter.id else 0
            if revision == 0:
                self._unsaved[chapter.id] = mine
            self._submit_write(chapter, mine, revision, force=True)
            self.message.emit(tr("Kept your version of “{0}”.").format(chapter.title))
        self._emit_state()

