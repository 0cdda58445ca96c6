"""What the find bar needs from the window to search and replace in the whole manuscript."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from writer_app.core.search import ChapterSource
from writer_app.core.snapshots import BEFORE_REPLACE_ALL, take_snapshot

if TYPE_CHECKING:
    from writer_app.ui.main_window import MainWindow


class ManuscriptAccess:
    """The open project's chapters as the find bar sees them: texts to search, chapters to open and to change."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def _session(self):  # noqa: ANN202 (the window's Session)
        return self.window.session

    def available(self) -> bool:
        """True when a project is open."""
        return self._session.project is not None

    def read_only(self) -> bool:
        """True when the project cannot be changed."""
        project = self._session.project
        return project is None or project.read_only

    def sources(self) -> list[ChapterSource]:
        """Every chapter in reading order: its text in memory (the open one's unsaved text too), else a reader."""
        project = self._session.project
        if project is None:
            return []
        sources = []
        for chapter in project.chapters:
            text = self._session.known_text(chapter.id)
            load = None if text is not None else partial(project.read_chapter, chapter)
            sources.append(ChapterSource(chapter.id, chapter.title, text, load))
        return sources

    def known_text(self, chapter_id: str) -> str | None:
        """A chapter's text if it is in memory."""
        return self._session.known_text(chapter_id)

    def current_id(self) -> str | None:
        """The chapter open in the editor."""
        current = self._session.current
        return current.id if current is not None else None

    def open_chapter(self, chapter_id: str) -> bool:
        """Show a chapter in the editor."""
        return self.window.open_chapter(chapter_id)

    def snapshot_before_replace_all(self, chapter_ids: list[str]) -> bool:
        """Snapshot these chapters now (the editor's text for the open one); False: do not go ahead."""
        return self.window.snapshot_before(BEFORE_REPLACE_ALL, chapter_ids)

    def snapshotter(self) -> Callable[[str, str], bool] | None:
        """A function the worker calls to snapshot ``(chapter id, text)`` before replace-all; True: over the cap."""
        project = self._session.project
        if project is None or project.read_only:
            return None

        def snapshot(chapter_id: str, text: str) -> bool:
            chapter = project.chapter_by_id(chapter_id)
            return take_snapshot(project, chapter, "", BEFORE_REPLACE_ALL, text).over_cap

        return snapshot

    def offer_prune(self) -> None:
        """The snapshot store went over its cap: let the desk ask the writer what to remove."""
        self.window.desk.controller.offer_prune()

    def write_later(self, texts: dict[str, str]) -> None:
        """Give chapters that are not open new text (saved on the disk thread)."""
        self._session.write_chapters_later(texts)

    def confirm(self, title: str, question: str) -> bool:
        """Ask the writer a yes/no question."""
        return self.window.prompts.confirm(title, question)
