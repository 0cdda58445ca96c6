"""Word-level difference between a snapshot and the current text."""

from __future__ import annotations

from writer_app.core.worddiff import DELETED, EQUAL, INSERTED, DiffPart, diff_counts, word_diff


def test_a_changed_word_shows_as_deleted_then_inserted_with_the_rest_equal() -> None:
    parts = word_diff("The ferry came in late.", "The ferry came in early.")
    assert parts == [DiffPart(EQUAL, "The ferry came in "), DiffPart(DELETED, "late."), DiffPart(INSERTED, "early.")]
    assert diff_counts(parts) == (1, 1)


def test_joining_the_sides_gives_back_both_texts() -> None:
    old = "One two three.\n\nFour five six seven."
    new = "One three.\n\nFour five, six and seven!"
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.kind != INSERTED) == old
    assert "".join(p.text for p in parts if p.kind != DELETED) == new


def test_identical_texts_are_one_equal_part() -> None:
    assert word_diff("same words", "same words") == [DiffPart(EQUAL, "same words")]
