"""Statistics: per-day totals, pasted kept apart, today's figures and reading time."""

from __future__ import annotations

from datetime import date

from writer_app.core.goals import Goals
from writer_app.core.history import PASTED, WRITTEN, HistoryEntry
from writer_app.core.stats import build_statistics

TODAY = date(2026, 12, 7)


def test_statistics_sum_days_keep_pastes_apart_and_add_unsaved_words() -> None:
    entries = [
        HistoryEntry(date(2026, 12, 6), "a", 600, 100, WRITTEN, 1200),
        HistoryEntry(date(2026, 12, 6), "b", 2000, 0, PASTED),
        HistoryEntry(TODAY, "a", 200, 0, WRITTEN),
    ]
    chapters = [("a", "Arrival", 2500, 3000, "Draft"), ("b", "Storm", 2500, 0, "")]
    stats = build_statistics(chapters, entries, Goals(daily_words=250), TODAY, pending={TODAY: (100, 0, 20)})
    (sunday, monday) = stats.days
    assert (sunday.written, sunday.pasted, sunday.removed, sunday.net) == (600, 2000, 100, 500)
    assert stats.today_net == 280
    assert stats.today_target == 250
    assert stats.streak == 2
    assert stats.total_words == 5000 and stats.reading_minutes == 20
    assert [e.added for e in stats.pasted_entries] == [2000]
    document = stats.to_json()
    assert document["chapters"][0] == {"id": "a", "title": "Arrival", "words": 2500, "target": 3000,
                                       "status": "Draft"}
    assert document["history"][0] == {"day": "2026-12-06", "written": 600, "pasted": 2000, "removed": 100,
                                      "minutes": 20}
