"""Chapter notes: a readable Markdown file per chapter; hand edits and damage lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.notes import (
    ChapterNotes,
    NotesError,
    notes_file_name,
    notes_path,
    parse_notes,
    read_notes,
    write_notes,
)


def test_notes_round_trip_as_readable_markdown(tmp_path: Path) -> None:
    notes = ChapterNotes("Mara reaches the harbour.\nThe ferry is gone.", "Tide tables.\n\n- check March")
    write_notes(tmp_path, "ch-0001", notes)
    text = (tmp_path / "notes" / "ch-0001.md").read_text("utf-8")
    assert text.startswith("## Synopsis\n\nMara reaches the harbour.")
    assert "## Notes\n\nTide tables." in text
    assert read_notes(tmp_path, "ch-0001") == notes


def test_a_chapter_without_notes_reads_empty_and_empty_notes_remove_the_file(tmp_path: Path) -> None:
    assert read_notes(tmp_path, "ch-0002").is_empty()
    write_notes(tmp_path, "ch-0002", ChapterNotes("A line.", ""))
    write_notes(tmp_path, "ch-0002", ChapterNotes("", "  "))
    assert not notes_path(tmp_path, "ch-0002").exists()


def test_a_hand_written_file_without_headings_is_kept_whole_as_notes() -> None:
    assert parse_notes("just some thoughts\nabout the storm\n") == ChapterNotes("", "just some thoughts\nabout the storm")


def test_text_above_the_headings_and_repeated_headings_are_kept() -> None:
    parsed = parse_notes("stray line\n## Notes\nfirst\n## synopsis\nshort\n## Notes\nsecond\n")
    assert parsed.synopsis == "short"
    assert parsed.notes == "stray line\n\nfirst\n\nsecond"


def test_a_damaged_notes_file_is_one_sentence_and_left_alone(tmp_path: Path) -> None:
    path = notes_path(tmp_path, "ch-0001")
    path.parent.mkdir()
    path.write_bytes(b"\xff\xfe broken \x00")
    with pytest.raises(NotesError, match="not UTF-8 text") as caught:
        read_notes(tmp_path, "ch-0001")
    assert str(caught.value).endswith(".") and "\n" not in str(caught.value)
    assert path.read_bytes() == b"\xff\xfe broken \x00"


def test_odd_chapter_ids_get_a_safe_file_name() -> None:
    assert notes_file_name("ch-0001") == "ch-0001.md"
    odd = notes_file_name("../../etc/passwd")
    assert "/" not in odd and odd.startswith("chapter-") and odd.endswith(".md")
