"""Word accounting: net words through deletes and pastes, midnight, and a clock that jumps back."""

from __future__ import annotations

from datetime import date

from writer_app.core.accounting import WordTracker
from writer_app.core.history import PASTED, WRITTEN


class Clocks:
    """A wall-clock date and a monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.day = date(2026, 12, 7)
        self.mono = 1000.0

    def tracker(self) -> WordTracker:
        return WordTracker(today=lambda: self.day, clock=lambda: self.mono)


def test_typing_and_deleting_count_added_and_removed_words() -> None:
    clocks = Clocks()
    tracker = clocks.tracker()
    tracker.set_baseline("a", 100)
    tracker.observe("a", 130)
    clocks.mono += 10
    tracker.observe("a", 120)
    (entry,) = tracker.take_entries()
    assert (entry.added, entry.removed, entry.kind, entry.seconds) == (30, 10, WRITTEN, 10)
    assert tracker.session().net == 20


def test_a_paste_of_more_than_300_words_is_recorded_as_pasted_not_written() -> None:
    tracker = Clocks().tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 301)
    tracker.observe("a", 305)
    kinds = {e.kind: e.added for e in tracker.take_entries()}
    assert kinds == {PASTED: 301, WRITTEN: 4}


def test_a_paste_of_300_words_or_fewer_counts_as_written() -> None:
    tracker = Clocks().tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 300)
    assert [e.kind for e in tracker.take_entries()] == [WRITTEN]


def test_opening_a_chapter_counts_nothing() -> None:
    tracker = Clocks().tracker()
    tracker.observe("a", 5000)  # first sight: a baseline
    tracker.set_baseline("b", 9000)
    assert tracker.take_entries() == []


def test_a_session_across_midnight_splits_the_words_between_the_days() -> None:
    clocks = Clocks()
    tracker = clocks.tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 50)
    clocks.day = date(2026, 12, 8)
    tracker.observe("a", 80)
    by_day = {e.day: e.added for e in tracker.take_entries()}
    assert by_day == {date(2026, 12, 7): 50, date(2026, 12, 8): 30}


def test_the_clock_jumping_back_never_moves_words_back_or_counts_negative_time() -> None:
    clocks = Clocks()
    tracker = clocks.tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 50)
    clocks.day = date(2026, 12, 1)  # the wall clock is set back a week
    clocks.mono -= 500  # a broken monotonic source, for good measure
    tracker.observe("a", 70)
    entries = tracker.take_entries()
    assert {e.day for e in entries} == {date(2026, 12, 7)}
    assert sum(e.added for e in entries) == 70
    assert all(e.seconds >= 0 and e.added >= 0 and e.removed >= 0 for e in entries)


def test_taken_entries_are_not_handed_out_twice() -> None:
    tracker = Clocks().tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 10)
    assert len(tracker.take_entries()) == 1
    assert tracker.take_entries() == []
    assert not tracker.has_pending()


def test_entries_that_could_not_be_written_come_back_next_time() -> None:
    tracker = Clocks().tracker()
    tracker.set_baseline("a", 0)
    tracker.observe("a", 10)
    entries = tracker.take_entries()
    tracker.restore_entries(entries)
    tracker.observe("a", 15)
    assert sum(e.added for e in tracker.take_entries()) == 15
