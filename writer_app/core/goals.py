"""Goals: a manuscript target with an optional deadline and writing days, daily and session goals.

Stored as the ``goals`` object of ``project.json``. Values a hand-edit broke fall back to "no goal" with one
sentence; keys this version does not know are written back unchanged.

Today's target is derived, when a manuscript target and a deadline are set, from the words still to write at
the start of today spread over the writing days left (today included); it follows the actual pace because it
is recomputed every day from the words really written. Without a deadline it is the daily goal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)  # Monday = 0, as ``date.weekday()``
DEFAULT_SNAPSHOT_CAP_MB = 50
PACE_WINDOW_DAYS = 28  # the average pace looks at the last four weeks
_MAX_GOAL = 100_000_000


@dataclass
class Goals:
    """The writer's goals; 0 means "no goal" throughout."""

    manuscript_words: int = 0
    deadline: date | None = None
    writing_days: tuple[int, ...] = ALL_DAYS
    daily_words: int = 0
    session_words: int = 0
    session_minutes: int = 0
    show_progress: bool = True
    snapshot_cap_mb: int = DEFAULT_SNAPSHOT_CAP_MB
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    problems: list[str] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Goals:
        """Read the ``goals`` object; a broken value becomes "no goal" and is described in ``problems``."""
        goals = cls()
        bad: list[str] = []
        for key in ("manuscript_words", "daily_words", "session_words", "session_minutes", "snapshot_cap_mb"):
            if key in data:
                value = data[key]
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_GOAL:
                    bad.append(key)
                else:
                    setattr(goals, key, value)
        if data.get("deadline"):
            try:
                goals.deadline = date.fromisoformat(data["deadline"])
            except (TypeError, ValueError):
                bad.append("deadline")
        if "writing_days" in data:
            days = data["writing_days"]
            if isinstance(days, list) and days and all(isinstance(d, int) and not isinstance(d, bool)
                                                        and 0 <= d <= 6 for d in days):
                goals.writing_days = tuple(sorted(set(days)))
            else:
                bad.append("writing_days")
        if "show_progress" in data:
            if isinstance(data["show_progress"], bool):
                goals.show_progress = data["show_progress"]
            else:
                bad.append("show_progress")
        known = {"manuscript_words", "deadline", "writing_days", "daily_words", "session_words",
                 "session_minutes", "show_progress", "snapshot_cap_mb"}
        goals.extra = {k: v for k, v in data.items() if k not in known or k in bad}
        if bad:
            goals.problems.append("project.json has goals that could not be read (" + ", ".join(bad)
                                  + "); they count as not set until you set them again.")
        return goals

    def to_json(self) -> dict[str, Any]:
        """The ``goals`` object for ``project.json``."""
        data = dict(self.extra)
        for key in ("manuscript_words", "deadline", "writing_days", "daily_words", "session_words",
                    "session_minutes", "show_progress", "snapshot_cap_mb"):
            data.pop(key, None)  # a corrected value replaces a broken one kept in ``extra``
        data.update({
            "manuscript_words": self.manuscript_words,
            "deadline": self.deadline.isoformat() if self.deadline else "",
            "writing_days": list(self.writing_days),
            "daily_words": self.daily_words,
            "session_words": self.session_words,
            "session_minutes": self.session_minutes,
            "show_progress": self.show_progress,
            "snapshot_cap_mb": self.snapshot_cap_mb,
        })
        return data


def writing_days_between(first: date, last: date, weekdays: tuple[int, ...]) -> int:
    """How many of the days ``first``..``last`` (both included) are writing days."""
    if last < first:
        return 0
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * len(set(weekdays))
    for offset in range(rest):
        if (first + timedelta(days=weeks * 7 + offset)).weekday() in weekdays:
            count += 1
    return count


def today_target(goals: Goals, words_now: int, net_today: int, today: date) -> int:
    """Words to write today (0 = no target): from the deadline when one is set, else the daily goal."""
    if goals.manuscript_words and goals.deadline is not None:
        if today.weekday() not in goals.writing_days and today <= goals.deadline:
            return 0
        at_start = words_now - net_today
        remaining = max(0, goals.manuscript_words - at_start)
        if remaining == 0:
            return 0
        days_left = writing_days_between(today, goals.deadline, goals.writing_days)
        return remaining if days_left <= 0 else math.ceil(remaining / days_left)
    return goals.daily_words


def average_pace(net_by_day: dict[date, int], today: date, weekdays: tuple[int, ...],
                 window: int = PACE_WINDOW_DAYS) -> float:
    """Average net words per writing day over the last ``window`` days (today included)."""
    first = today - timedelta(days=window - 1)
    total = sum(words for day, words in net_by_day.items() if first <= day <= today)
    days = writing_days_between(first, today, weekdays) or window
    return max(0.0, total / days)


def projected_finish(goals: Goals, words_now: int, pace: float, today: date) -> date | None:
    """The day the manuscript target is reached at ``pace`` words per writing day (None: no target or pace)."""
    if not goals.manuscript_words:
        return None
    remaining = goals.manuscript_words - words_now
    if remaining <= 0:
        return today
    if pace <= 0:
        return None
    needed = math.ceil(remaining / pace)
    if needed > 365 * 200:
        return None
    weekdays = goals.writing_days or ALL_DAYS
    weeks, rest = divmod(needed, len(weekdays))
    day = today + timedelta(weeks=weeks)
    if rest == 0:  # the last writing day of the last whole week
        day -= timedelta(days=1)
        while day.weekday() not in weekdays:
            day -= timedelta(days=1)
        return max(day, today)
    while True:
        if day.weekday() in weekdays:
            rest -= 1
            if rest == 0:
                return day
        day += timedelta(days=1)


def streak(net_by_day: dict[date, int], goal: int, today: date, weekdays: tuple[int, ...]) -> int:
    """Writing days in a row meeting ``goal`` (any words when 0), ending today or, if today is not met yet,
    yesterday; days that are not writing days neither count nor break it."""
    needed = max(1, goal)
    day = today
    if net_by_day.get(today, 0) < needed:
        day -= timedelta(days=1)
    count = 0
    earliest = min(net_by_day, default=today)
    while day >= earliest:
        met = net_by_day.get(day, 0) >= needed
        if met:
            count += 1
        elif day.weekday() in weekdays:
            break
        day -= timedelta(days=1)
    return count
