"""Import never drops a word: every word of the source lands in a chapter, a heading or the title block."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from writer_app.core.importer import import_manuscript, split_chapters, split_manuscript

_PROSE = ("the storm came at midnight and nobody slept while rain kept falling on roofs of houses near "
          "harbour where boats rocked against old stones she said he wanted quiet morning light").split()
_HEADINGS = ("Chapter {n}", "CHAPTER {r}", "Chapter {n}: The {w}", "# {W} {w}", "## {W}", "Prologue",
             "BOOK {R}", "Part {n}", "Epilogue", "CHAPTER {r}.\n{W} and {w}")
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def words(text: str) -> Counter[str]:
    """Words compared without case or edge punctuation (headings are title-cased, markers like # go)."""
    found = (re.sub(r"^[^\w]+|[^\w]+$", "", token).casefold() for token in text.split())
    return Counter(word for word in found if word)


def _sentence(rng: random.Random) -> str:
    body = " ".join(rng.choice(_PROSE) for _ in range(rng.randint(1, 9)))
    return body[:1].upper() + body[1:] + rng.choice((".", ".", "!", "?", ""))


def _paragraph(rng: random.Random) -> str:
    lines = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
    return "\n".join(lines)


def _heading(rng: random.Random, number: int) -> str:
    pattern = rng.choice(_HEADINGS)
    return pattern.format(n=number, r=_ROMANS[number % 10].lower().upper(), R=_ROMANS[number % 10],
                          w=rng.choice(_PROSE), W=rng.choice(_PROSE).capitalize())


def generate(rng: random.Random) -> tuple[str, list[str]]:
    """A manuscript (opening of 0-4 paragraphs, then headings and prose) and the heading lines in it."""
    parts: list[str] = []
    headings: list[str] = []
    opening = rng.choice((0, 1, 1, 2, 2, 3, 4))
    if opening and rng.random() < 0.3:
        parts.append(" ".join(rng.choice(_PROSE) for _ in range(rng.randint(1, 5))).upper())  # a title line
        opening -= 1
        if rng.random() < 0.5:
            parts.append("by " + rng.choice(_PROSE).capitalize() + " " + rng.choice(_PROSE).capitalize())
    parts.extend(_paragraph(rng) for _ in range(opening))
    for number in range(1, rng.randint(0, 6) + 1):
        heading = _heading(rng, number)
        headings.append(heading)
        parts.append(heading)
        parts.extend(_paragraph(rng) for _ in range(rng.randint(0, 3)))
    separator = rng.choice(("\n\n", "\n\n\n", "\n\n"))
    return separator.join(parts) + rng.choice(("", "\n")), headings


def test_a_short_opening_of_sentences_is_kept_as_prose(tmp_path: Path) -> None:
    source = tmp_path / "storm.txt"
    source.write_text("The storm came at midnight.\n\nNobody slept.\n\nChapter 1\n\nMorning came.\n", encoding="utf-8")
    with import_manuscript(source, tmp_path / "Storm") as project:
        texts = [(c.title, project.read_chapter(c)) for c in project.chapters]
    assert texts == [("Opening", "The storm came at midnight.\n\nNobody slept.\n"), ("Chapter 1", "Morning came.\n")]


def test_a_title_line_with_a_byline_gives_title_and_author(tmp_path: Path) -> None:
    source = tmp_path / "book.txt"
    source.write_text("THE PORCH LIGHT\n\nby A. Writer\n\nChapter 1\n\nStory.\n", encoding="utf-8")
    with import_manuscript(source, tmp_path / "Book") as project:
        assert (project.title, project.author) == ("The Porch Light", "A. Writer")
        assert [c.title for c in project.chapters] == ["Chapter 1"]


def test_a_title_block_unlike_the_chosen_title_stays_as_an_opening(tmp_path: Path) -> None:
    source = tmp_path / "book.txt"
    source.write_text("WORKING TITLE\n\nChapter 1\n\nStory.\n", encoding="utf-8")
    with import_manuscript(source, tmp_path / "Book", title="The Final Name") as project:
        assert project.title == "The Final Name"
        assert [(c.title, project.read_chapter(c)) for c in project.chapters] == [
            ("Opening", "WORKING TITLE\n"), ("Chapter 1", "Story.\n")]


@pytest.mark.parametrize("seed", range(400))
def test_every_word_of_a_generated_manuscript_is_imported(seed: int) -> None:
    rng = random.Random(seed)
    text, heading_lines = generate(rng)
    split = split_manuscript(text)
    found = Counter[str]()
    for _title, body in split.chapters:
        found += words(body)
    block = split.title_block
    if block is not None:
        found += words(block.title) + words(block.author) + (Counter({"by": 1}) if block.author else Counter())
    for heading in heading_lines:
        found += words(heading)
    assert found == words(text), f"seed {seed}:\n{text}"
    assert split_chapters(text) == split.chapters
