"""Writing statistics of a project: words per day, streak, pace, projected finish, chapters, reading time.

One pure function of the history, the chapters' word counts and the goals, shared by ``writer-app stats`` and
the Statistics view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from writer_app.core.goals import Goals, average_pace, projected_finish, streak, today_target
from writer_app.core.history import PASTED, HistoryEntry

READING_WORDS_PER_MINUTE = 250


@dataclass(slots=True)
class DayTotal:
    """One day of the history: words written, pasted and removed, and seconds of writing."""

    day: date
    written: int = 0
    pasted: int = 0
    removed: int = 0
    seconds: int = 0

    @property
    def net(self) -> int:
        """Written words minus removed ones (pasted words are not writing; never below zero)."""
        return max(0, self.written - self.removed)


@dataclass(frozen=True)
class ChapterRow:
    """One chapter's line in the statistics."""

    id: str
    title: str
    words: int
    target: int
    status: str


@dataclass
class Statistics:
    """Everything the Statistics view and ``writer-app stats`` show."""

    today: date
    total_words: int
    days: list[DayTotal]
    chapters: list[ChapterRow]
    goals: Goals
    today_net: int
    today_target: int
    streak: int
    pace: float
    projected: date | None
    reading_minutes: int
    pasted_entries: list[HistoryEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON document of ``writer-app stats --format json``."""
        return {
            "today": self.today.isoformat(),
            "total_words": self.total_words,
            "reading_minutes": self.reading_minutes,
            "goals": self.goals.to_json(),
            "today_words": self.today_net,
            "today_target": self.today_target,
            "streak_days": self.streak,
            "pace_words_per_day": round(self.pace, 1),
            "projected_finish": self.projected.isoformat() if self.projected else None,
            "chapters": [{"id": c.id, "title": c.title, "words": c.words, "target": c.target, "status": c.status}
                         for c in self.chapters],
            "history": [{"day": d.day.isoformat(), "written": d.written, "pasted": d.pasted, "removed": d.removed,
                         "minutes": round(d.seconds / 60)} for d in self.days],
            "problems": self.problems,
        }


def day_totals(entries: list[HistoryEntry], extra: dict[date, tuple[int, int, int]] | None = None) -> list[DayTotal]:
    """Entries summed per day, oldest first; ``extra`` adds (written, pasted, removed) not yet in the log."""
    totals: dict[date, DayTotal] = {}
    for entry in entries:
        total = totals.get(entry.day)
        if total is None:
            total = totals[entry.day] = DayTotal(entry.day)
        if entry.kind == PASTED:
            total.pasted += entry.added
        else:
            total.written += entry.added
        total.removed += entry.removed
        total.seconds += entry.seconds
    for day, (written, pasted, removed) in (extra or {}).items():
        total = totals.setdefault(day, DayTotal(day))
        total.written += written
        total.pasted += pasted
        total.removed += removed
    return [totals[day] for day in sorted(totals)]


def build_statistics(chapters: list[tuple[str, str, int, int, str]], entries: list[HistoryEntry], goals: Goals,
                     today: date, pending: dict[date, tuple[int, int, int]] | None = None,
                     problems: list[str] | None = None) -> Statistics:
    """Statistics from chapters as (id, title, words, target, status), the history entries and the goals."""
    days = day_totals(entries, pending)
    net_by_day = {d.day: d.net for d in days}
    total = sum(words for _id, _title, words, _target, _status in chapters)
    today_net = net_by_day.get(today, 0)
    pace = average_pace(net_by_day, today, goals.writing_days)
    return Statistics(
        today=today,
        total_words=total,
        days=days,
        chapters=[ChapterRow(*row) for row in chapters],
        goals=goals,
        today_net=today_net,
        today_target=today_target(goals, total, today_net, today),
        streak=streak(net_by_day, goals.daily_words, today, goals.writing_days),
        pace=pace,
        projected=projected_finish(goals, total, pace, today),
        reading_minutes=round(total / READING_WORDS_PER_MINUTE),
        pasted_entries=[e for e in entries if e.kind == PASTED],
        problems=list(problems or []) + list(goals.problems),
    )


def project_statistics(project: Any, today: date | None = None, words: dict[str, int | None] | None = None,
                       pending: dict[date, tuple[int, int, int]] | None = None) -> Statistics:
    """Statistics of an open ``Project``: ``words`` per chapter id when known (else the files are counted)."""
    from writer_app.core.history import load_history
    from writer_app.core.text import word_count

    if words is None or any(words.get(c.id) is None for c in project.chapters):
        counted = dict(words or {})
        for chapter, text in project.iter_chapter_texts():
            if counted.get(chapter.id) is None:
                counted[chapter.id] = word_count(text)
        words = counted
    rows = [(c.id, c.title, words.get(c.id) or 0, c.target, c.status) for c in project.chapters]
    history = load_history(project.desk_folder)
    goals = Goals.from_json(project.goals or {})
    return build_statistics(rows, history.entries, goals, today or date.today(), pending, history.problems)
