"""Issues of the chapters that are not open, checked in the background paragraph by paragraph."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from writer_app.core.text import paragraphs
from writer_app.ui.checking.spans import IssueSpan


class ChapterIssues:
    """Background check state of one closed chapter: per-paragraph spans and what is still pending."""

    __slots__ = ("chapter_id", "token", "texts", "next", "pending", "retry", "spans", "done", "failed")

    def __init__(self, chapter_id: str, token: int) -> None:
        self.chapter_id = chapter_id
        self.token = token  # results carry it as their revision; bumped when the chapter must be re-read
        self.texts: list[str] | None = None  # loaded when its turn comes, dropped once checked
        self.next = 0
        self.pending: set[int] = set()
        self.retry: list[int] = []
        self.spans: dict[int, tuple[IssueSpan, ...]] = {}
        self.done = False
        self.failed = False

    def restart(self) -> None:
        """Forget results and read the chapter again when its turn comes."""
        self.token += 1
        self.texts = None
        self.next = 0
        self.pending.clear()
        self.retry.clear()
        self.spans.clear()
        self.done = False

    def load(self, text_of: Callable[[str], str]) -> None:
        """Read the chapter's current text."""
        try:
            self.texts = paragraphs(text_of(self.chapter_id))
        except Exception:  # noqa: BLE001 - an unreadable chapter is reported by the window, not here
            self.texts = []
            self.failed = True

    def finish_if_complete(self) -> bool:
        """Mark the chapter done when every paragraph has a result; True when it just became done."""
        if self.done or self.texts is None or self.next < len(self.texts) or self.pending or self.retry:
            return False
        self.done = True
        self.texts = None
        return True

    def issues(self) -> Iterator[tuple[int, IssueSpan]]:
        """``(paragraph index, span)`` in text order."""
        for index in sorted(self.spans):
            for span in self.spans[index]:
                yield index, span


class ManuscriptStore:
    """Every chapter's background state, in manuscript order."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.chapters: dict[str, ChapterIssues] = {}
        self._token = 0

    def set_chapters(self, chapter_ids: list[str]) -> None:
        """Follow a new chapter list (keeps results of chapters that stayed)."""
        self.order = list(chapter_ids)
        self.chapters = {cid: self.chapters.get(cid) or self._new(cid) for cid in self.order}

    def _new(self, chapter_id: str) -> ChapterIssues:
        self._token += 1
        return ChapterIssues(chapter_id, self._token * 1000)

    def restart(self, chapter_id: str | None = None) -> None:
        """Re-check one chapter (or all) from its current text."""
        for cid, chapter in self.chapters.items():
            if chapter_id is None or cid == chapter_id:
                chapter.restart()

    def done_count(self, skip: str | None = None) -> int:
        """How many chapters (other than ``skip``) are fully checked."""
        return sum(1 for cid, c in self.chapters.items() if c.done and cid != skip)
