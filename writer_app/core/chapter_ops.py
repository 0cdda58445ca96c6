"""Chapter operations on a project: add, rename, delete/restore, reorder, split, merge.

Each operation writes files first and the manifest last, in an order where a crash at any moment can at
worst duplicate text, never lose it; if the manifest cannot be saved, the in-memory state is rolled back.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from writer_app.core.errors import ProjectError
from writer_app.core.manifest import Chapter, TrashEntry

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

_ID_NUMBER = re.compile(r"^ch-(\d+)$")


class ChapterOperations:
    """Mixin for ``Project``: chapter changes that keep ``project.json`` and the files consistent."""

    # Provided by Project.
    chapters: list[Chapter]
    trash: list[TrashEntry]
    is_loose_file: bool
    path: Path

    def _new_chapter_id(self) -> str:
        used = {c.id for c in self.chapters} | {t.chapter.id for t in self.trash}
        numbers = [int(m.group(1)) for i in used if (m := _ID_NUMBER.match(i))]
        number = max(numbers, default=0) + 1
        while True:
            chapter_id = f"ch-{number:04d}"
            file = f"chapters/{chapter_id}.md"
            if chapter_id not in used and not (self.path / file).exists():  # type: ignore[attr-defined]
                return chapter_id
            number += 1

    def _refuse_loose(self, what: str) -> None:
        if self.is_loose_file:
            raise ProjectError(
                f"{self.path.name} is a single text file, so it cannot {what}; "
                "import it as a project to work with chapters."
            )

    @contextmanager
    def _manifest_change(self) -> Iterator[None]:
        """Apply in-memory changes and save the manifest; roll the changes back if saving fails."""
        saved_chapters = list(self.chapters)
        saved_trash = list(self.trash)
        saved_titles = [(c, c.title) for c in self.chapters]
        try:
            yield
            self._persist_manifest()  # type: ignore[attr-defined]
        except BaseException:
            self.chapters[:] = saved_chapters
            self.trash[:] = saved_trash
            for chapter, title in saved_titles:
                chapter.title = title
            raise

    def add_chapter(self, title: str, text: str = "", index: int | None = None) -> Chapter:
        """Create a chapter file with ``text`` and insert it at ``index`` (default: at the end)."""
        self._refuse_loose("have more chapters")
        self._check_writable()  # type: ignore[attr-defined]
        chapter_id = self._new_chapter_id()
        chapter = Chapter(chapter_id, title, f"chapters/{chapter_id}.md")
        path = self.chapter_path(chapter)  # type: ignore[attr-defined]
        path.parent.mkdir(parents=True, exist_ok=True)
        self.write_chapter(chapter, text)  # type: ignore[attr-defined]
        position = len(self.chapters) if index is None else max(0, min(index, len(self.chapters)))
        try:
            with self._manifest_change():
                self.chapters.insert(position, chapter)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return chapter

    def new_chapter(self, title: str, index: int | None = None) -> Chapter:
        """Insert a new chapter into the list only: no file, no manifest (for callers that queue both writes).

        The caller must write the chapter's file first and the manifest after it (the GUI's disk thread does,
        in that order), so a crash never leaves a manifest naming a file that was never written.
        """
        self._refuse_loose("have more chapters")
        self._check_writable()  # type: ignore[attr-defined]
        chapter_id = self._new_chapter_id()
        chapter = Chapter(chapter_id, title, f"chapters/{chapter_id}.md")
        self.chapter_path(chapter)  # type: ignore[attr-defined]  # refuses an unsafe path now
        position = len(self.chapters) if index is None else max(0, min(index, len(self.chapters)))
        self.chapters.insert(position, chapter)
        return chapter

    def rename_chapter(self, chapter: Chapter, title: str) -> None:
        """Change a chapter's title."""
        with self._manifest_change():
            chapter.title = title

    def delete_chapter(self, chapter: Chapter) -> TrashEntry:
        """Move a chapter to the trash (its file is kept; ``restore_chapter`` brings it back)."""
        self._refuse_loose("delete its only chapter")
        index = self.chapter_index(chapter)  # type: ignore[attr-defined]
        entry = TrashEntry(
            self.chapters[index], datetime.now(UTC).isoformat(timespec="seconds"), index
        )
        with self._manifest_change():
            del self.chapters[index]
            self.trash.append(entry)
        return entry

    def restore_chapter(self, chapter_id: str, index: int | None = None) -> Chapter:
        """Bring a deleted chapter back from the trash (to its old place unless ``index`` is given)."""
        for position, entry in enumerate(self.trash):  # noqa: B007 - position is used after the loop
            if entry.chapter.id == chapter_id:
                break
        else:
            raise KeyError(chapter_id)
        path = self.chapter_path(entry.chapter)  # type: ignore[attr-defined]
        if not path.exists():
            raise ProjectError(f"The file of the deleted chapter {entry.chapter.title!r} ({path.name}) is gone.")
        target = entry.index if index is None else index
        target = max(0, min(target, len(self.chapters)))
        with self._manifest_change():
            del self.trash[position]
            self.chapters.insert(target, entry.chapter)
        return entry.chapter

    def empty_trash(self) -> int:
        """Delete the files of trashed chapters for good; returns how many were removed."""
        entries = list(self.trash)
        with self._manifest_change():
            self.trash.clear()
        for entry in entries:
            self.chapter_path(entry.chapter).unlink(missing_ok=True)  # type: ignore[attr-defined]
        return len(entries)

    def move_chapter(self, chapter: Chapter, index: int) -> None:
        """Move a chapter to position ``index`` in reading order."""
        current = self.chapter_index(chapter)  # type: ignore[attr-defined]
        index = max(0, min(index, len(self.chapters) - 1))
        if index == current:
            return
        with self._manifest_change():
            moved = self.chapters.pop(current)
            self.chapters.insert(index, moved)

    def split_chapter(self, chapter: Chapter, offset: int, new_title: str, text: str | None = None) -> Chapter:
        """Split a chapter at a code-point ``offset``; the tail becomes a new chapter right after it.

        ``text`` is the chapter's current text (the editor's, possibly unsaved); by default it is read from
        disk. Whitespace at the cut is trimmed: the first part ends with one newline, the second starts with
        text. The tail is saved (and listed) before the head is shortened, so a crash cannot lose words.
        """
        self._refuse_loose("be split")
        if text is None:
            text = self.read_chapter(chapter)  # type: ignore[attr-defined]
        offset = max(0, min(offset, len(text)))
        head = text[:offset].rstrip()
        head = head + "\n" if head else ""
        tail = text[offset:].lstrip(" \t\n")
        if not head.strip() or not tail.strip():
            where = "start" if not head.strip() else "end"
            raise ProjectError(f"The cursor is at the {where} of {chapter.title!r}: splitting there would make an "
                               "empty chapter; place it where the new chapter should begin.")
        index = self.chapter_index(chapter)  # type: ignore[attr-defined]
        self._check_unchanged(self.chapter_path(chapter))  # type: ignore[attr-defined]
        new_chapter = self.add_chapter(new_title, tail, index + 1)
        self.write_chapter(chapter, head)  # type: ignore[attr-defined]
        return new_chapter

    def merge_with_next(self, chapter: Chapter, text: str | None = None,
                        next_text: str | None = None) -> Chapter:
        """Append the next chapter's text to this one (a blank line between) and move the next to the trash.

        Returns the merged-away chapter (restorable from the trash). ``text``/``next_text`` are the current
        texts when the editor holds unsaved changes; by default they are read from disk.
        """
        self._refuse_loose("merge chapters")
        index = self.chapter_index(chapter)  # type: ignore[attr-defined]
        if index + 1 >= len(self.chapters):
            raise ProjectError(f"{chapter.title!r} is the last chapter; there is no next chapter to merge.")
        following = self.chapters[index + 1]
        if text is None:
            text = self.read_chapter(chapter)  # type: ignore[attr-defined]
        if next_text is None:
            next_text = self.read_chapter(following)  # type: ignore[attr-defined]
        body = text.rstrip("\n")
        merged = f"{body}\n\n{next_text.lstrip(chr(10))}" if body else next_text
        self.write_chapter(chapter, merged)  # type: ignore[attr-defined]
        self.delete_chapter(following)
        return following
