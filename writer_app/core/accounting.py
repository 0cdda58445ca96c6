"""Word accounting for one writing session: turns successive word counts of chapters into history entries.

The editor reports a chapter's word count a moment after each burst of typing. The change since the last
count is words added (or removed); more than ``PASTE_WORDS`` arriving at once is a paste or an import, kept
apart as "pasted". Opening, reloading or restoring a chapter sets a new baseline and counts nothing.

Clocks: time spent writing comes from a monotonic clock (never negative, whatever the wall clock does); the
day comes from the wall clock but never goes back within a session, so a clock set back cannot move words
to a day already counted. Words typed after midnight belong to the new day.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from writer_app.core.history import PASTE_WORDS, PASTED, WRITTEN, HistoryEntry

IDLE_SECONDS = 120.0  # a longer pause between two edits is not counted as writing time


@dataclass
class _Pending:
    added: int = 0
    removed: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class SessionTotals:
    """What this session has done so far: written (net of removals), pasted, and minutes at the keyboard."""

    written: int
    pasted: int
    removed: int
    seconds: float

    @property
    def net(self) -> int:
        """Written words minus removed ones (never below zero)."""
        return max(0, self.written - self.removed)


class WordTracker:
    """Accumulates added/removed words per (day, chapter, kind) until ``take_entries`` hands them out."""

    def __init__(self, today: Callable[[], date] = date.today, clock: Callable[[], float] = time.monotonic,
                 paste_words: int = PASTE_WORDS) -> None:
        self._today = today
        self._clock = clock
        self.paste_words = paste_words
        self._baseline: dict[str, int] = {}
        self._pending: dict[tuple[date, str, str], _Pending] = {}
        self._day: date | None = None
        self._last_edit: float | None = None
        self._written = self._pasted = self._removed = 0
        self._seconds = 0.0

    def day(self) -> date:
        """Today for the purpose of counting: the wall-clock date, but never earlier than one already used."""
        today = self._today()
        if self._day is None or today > self._day:
            self._day = today
        return self._day

    def set_baseline(self, chapter_id: str, words: int) -> None:
        """The chapter now holds ``words`` without the writer typing them (opened, reloaded, restored)."""
        self._baseline[chapter_id] = max(0, words)

    def forget(self, chapter_id: str) -> None:
        """Stop following a chapter (closed, merged away)."""
        self._baseline.pop(chapter_id, None)

    def observe(self, chapter_id: str, words: int) -> int:
        """The writer's editing brought the chapter to ``words``; returns the change that was counted."""
        words = max(0, words)
        before = self._baseline.get(chapter_id)
        self._baseline[chapter_id] = words
        if before is None:
            return 0  # first sight of this chapter: a baseline, not an edit
        delta = words - before
        if delta == 0:
            return 0
        day = self.day()
        now = self._clock()
        kind = PASTED if delta > self.paste_words else WRITTEN
        pending = self._pending.setdefault((day, chapter_id, kind), _Pending())
        if delta > 0:
            pending.added += delta
            if kind == PASTED:
                self._pasted += delta
            else:
                self._written += delta
        else:
            pending.removed += -delta
            self._removed += -delta
        if self._last_edit is not None:
            gap = now - self._last_edit
            if 0 < gap <= IDLE_SECONDS:
                self._pending.setdefault((day, chapter_id, WRITTEN), _Pending()).seconds += gap
                self._seconds += gap
        self._last_edit = now
        return delta

    def has_pending(self) -> bool:
        """True when some counted words are not handed out yet."""
        return any(p.added or p.removed or int(p.seconds) for p in self._pending.values())

    def pending_for(self, day: date) -> tuple[int, int, int]:
        """(written, pasted, removed) counted for ``day`` and not handed out yet."""
        written = pasted = removed = 0
        for (pending_day, _chapter, kind), pending in self._pending.items():
            if pending_day == day:
                if kind == PASTED:
                    pasted += pending.added
                else:
                    written += pending.added
                removed += pending.removed
        return written, pasted, removed

    def pending_entries(self) -> list[HistoryEntry]:
        """The counted words not handed out yet, as entries (a look: nothing is cleared)."""
        return [HistoryEntry(day, chapter, p.added, p.removed, kind, int(round(p.seconds)))
                for (day, chapter, kind), p in self._pending.items()
                if p.added or p.removed or int(round(p.seconds))]

    def take_entries(self) -> list[HistoryEntry]:
        """The counted words as history entries (each counted once: they are cleared here)."""
        entries = self.pending_entries()
        self._pending.clear()
        return entries

    def restore_entries(self, entries: list[HistoryEntry]) -> None:
        """Put entries back that could not be written, so the next attempt writes them."""
        for entry in entries:
            pending = self._pending.setdefault((entry.day, entry.chapter, entry.kind), _Pending())
            pending.added += entry.added
            pending.removed += entry.removed
            pending.seconds += entry.seconds

    def session(self) -> SessionTotals:
        """Totals since the tracker was made."""
        return SessionTotals(self._written, self._pasted, self._removed, self._seconds)
