"""Where the Characters feature gets chapter texts without the GUI thread waiting on the disk.

The open chapter's text comes from the editor and a chapter left with unsaved edits from the window's memory;
every other chapter is read by the index worker from its file. The latest text seen of each chapter is cached
here for discovery, so looking for new names after a save reads nothing again.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from writer_app.ui.characters.workers import ChapterSnapshot


class ChapterTexts:
    """The window's in-memory chapter texts, file snapshots for the worker, and a cache of the latest texts."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self._latest: dict[str, str] = {}
        self._snapshots: dict[str, int] = {}  # chapter id -> snapshot number of its cached text

    def clear(self) -> None:
        """Forget every cached text (another project, or nothing is cached)."""
        self._latest = {}
        self._snapshots = {}

    def cached(self, chapter_id: str) -> str | None:
        """The latest text seen of a chapter, if any."""
        return self._latest.get(chapter_id)

    def remember(self, chapter_id: str, snapshot: int, text: str) -> None:
        """Cache a chapter's text unless the text of a newer snapshot is cached already."""
        if snapshot >= self._snapshots.get(chapter_id, 0):
            self._latest[chapter_id] = text
            self._snapshots[chapter_id] = snapshot

    def in_memory(self) -> dict[str, str]:
        """Chapter texts the GUI holds: the editor's of the open chapter, and unsaved texts of the others."""
        texts = self.unsaved()
        current = getattr(getattr(self.window, "current_chapter", None), "id", None)
        if current is not None:
            texts[current] = self.window.editor.text()
        return texts

    def unsaved(self) -> dict[str, str]:
        """Texts the window holds for chapters that are not open and not yet on disk (a copy).

        The window keeps a chapter's text in memory after switching away until its save is confirmed, and
        after restoring text from the crash journal.
        """
        accessor = getattr(self.window, "unsaved_chapter_texts", None)
        return dict(accessor()) if callable(accessor) else {}

    @staticmethod
    def file_snapshot(project: Any, chapter: Any, snapshot: int) -> ChapterSnapshot:
        """A snapshot the worker reads from the chapter's file (located there too: resolving it touches the disk)."""
        return ChapterSnapshot(chapter.id, snapshot, locate=partial(project.chapter_path, chapter),
                               encoding=getattr(project, "encoding", None))
