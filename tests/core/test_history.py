"""The writing history: append-only month files, merge-friendly lines, damage skipped with one sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from writer_app.core.history import (
    PASTED,
    WRITTEN,
    HistoryEntry,
    append_entries,
    history_files,
    load_history,
    reclassify,
)


def test_entries_are_appended_to_their_month_and_read_back(tmp_path: Path) -> None:
    first = HistoryEntry(date(2026, 11, 30), "ch-0001", 400, 20, WRITTEN, 1800)
    second = HistoryEntry(date(2026, 12, 1), "ch-0002", 350, 0, PASTED)
    assert append_entries(tmp_path, [first, second]) == 2
    names = sorted(p.name for p in history_files(tmp_path))
    assert names == [".gitattributes", "2026-11.jsonl", "2026-12.jsonl"]
    assert "merge=union" in (tmp_path / "history" / ".gitattributes").read_text()
    history = load_history(tmp_path)
    assert history.entries == [first, second]
    assert history.problems == []


def test_appending_never_rewrites_earlier_lines(tmp_path: Path) -> None:
    append_entries(tmp_path, [HistoryEntry(date(2026, 12, 1), "a", 10, 0)])
    path = tmp_path / "history" / "2026-12.jsonl"
    before = path.read_bytes()
    append_entries(tmp_path, [HistoryEntry(date(2026, 12, 2), "a", 5, 0)])
    assert path.read_bytes().startswith(before)


def test_a_damaged_line_is_skipped_with_one_sentence_and_the_rest_is_kept(tmp_path: Path) -> None:
    append_entries(tmp_path, [HistoryEntry(date(2026, 12, 1), "a", 10, 0),
                              HistoryEntry(date(2026, 12, 2), "a", 7, 0)])
    path = tmp_path / "history" / "2026-12.jsonl"
    lines = path.read_text("utf-8").splitlines()
    damaged = "\n".join([lines[0], '{"id": "x", "day": "2026-12-0', '{"id": "y", "day": "2026-12-03", '
                         '"chapter": "a", "added": -40, "removed": 0}', lines[1]]) + "\n"
    path.write_text(damaged, encoding="utf-8")
    history = load_history(tmp_path)
    assert [e.added for e in history.entries] == [10, 7]
    assert history.problem_sentence() == ("The history file history/2026-12.jsonl has 2 lines (the first is line 2) "
                                          "that could not be read; they were skipped and the rest of the history "
                                          "is kept.")
    assert path.read_text("utf-8") == damaged  # reading never repairs by rewriting


def test_a_line_cut_short_by_a_crash_does_not_swallow_the_next_append(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "2026-12.jsonl").write_text('{"id": "cut", "day": "2026-12-01", "chap', encoding="utf-8")
    append_entries(tmp_path, [HistoryEntry(date(2026, 12, 2), "a", 9, 0)])
    assert [e.added for e in load_history(tmp_path).entries] == [9]


def test_lines_from_both_sides_of_a_git_union_merge_count_once(tmp_path: Path) -> None:
    entry = HistoryEntry(date(2026, 12, 1), "a", 10, 0)
    append_entries(tmp_path, [entry, entry])
    assert len(load_history(tmp_path).entries) == 1


def test_reclassifying_a_paste_appends_a_line_and_counts_it_as_written(tmp_path: Path) -> None:
    pasted = HistoryEntry(date(2026, 12, 1), "a", 900, 0, PASTED)
    append_entries(tmp_path, [pasted])
    reclassify(tmp_path, pasted, WRITTEN, today=date(2026, 12, 5))
    (entry,) = load_history(tmp_path).entries
    assert entry.kind == WRITTEN and entry.added == 900
    assert len((tmp_path / "history" / "2026-12.jsonl").read_text().splitlines()) == 2


def test_empty_entries_write_nothing(tmp_path: Path) -> None:
    assert append_entries(tmp_path, [HistoryEntry(date(2026, 12, 1), "a", 0, 0)]) == 0
    assert not (tmp_path / "history").exists()


def test_reading_since_a_day_skips_earlier_months(tmp_path: Path) -> None:
    append_entries(tmp_path, [HistoryEntry(date(2026, 10, 30), "a", 1, 0), HistoryEntry(date(2026, 12, 2), "a", 2, 0)])
    assert [e.added for e in load_history(tmp_path, since=date(2026, 12, 7)).entries] == [2]
