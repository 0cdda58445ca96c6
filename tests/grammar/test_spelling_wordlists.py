"""Word-list files: reading with comments, adding and removing atomically, and the bundled lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar.spelling import fiction_words
from writer_app.grammar.wordlists import (
    add_to_word_list,
    load_word_list,
    remove_from_word_list,
    save_word_list,
)


def test_missing_word_list_is_empty(tmp_path: Path) -> None:
    assert load_word_list(tmp_path / "nothing.txt") == set()


def test_comments_blank_lines_and_bom_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("\ufeffDamon\n# a comment\n\n  grimdark  # trailing comment\n", encoding="utf-8")
    assert load_word_list(path) == {"Damon", "grimdark"}


def test_add_creates_the_file_and_keeps_it_sorted_without_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "personal-words.txt"
    assert add_to_word_list(path, "zephyrine")
    assert add_to_word_list(path, "Aldric")
    assert not add_to_word_list(path, "Aldric")
    assert path.read_text(encoding="utf-8") == "Aldric\nzephyrine\n"
    assert not list(path.parent.glob(".*tmp"))  # no temp files left behind


def test_remove_word(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    save_word_list(path, {"one", "two"})
    assert remove_from_word_list(path, "one") and not remove_from_word_list(path, "one")
    assert load_word_list(path) == {"two"}


def test_add_refuses_blank_or_multi_word_entries(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        add_to_word_list(tmp_path / "w.txt", "two words")
    with pytest.raises(ValueError):
        add_to_word_list(tmp_path / "w.txt", "  ")


def test_bundled_fiction_lists_are_loaded() -> None:
    words = fiction_words()
    assert {"y'know", "gonna", "'em", "chuse", "vicomte"} <= words
