"""Polish: typography changes on tricky prose, and never a changed word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from writer_app.export.polish import (
    changed_spans,
    is_scene_break,
    polish_paragraph,
    polish_text,
    polish_with_changes,
)

_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": " ", "…": " "})


def words_of(text: str) -> list[str]:
    """Word sequence with quotes normalised (curly -> straight) and dashes/ellipses as separators."""
    text = text.translate(_STRAIGHTEN).replace("--", " ").replace("...", " ")
    return re.findall(r"[\w']+", text)


@pytest.mark.parametrize(
    ("raw", "polished"),
    [
        ('"I--" she began.', "“I—” she began."),
        ('"I--"', "“I—”"),
        ('He paused--"Wait."', "He paused—“Wait.”"),
        ('She said, "--and then nothing."', "She said, “—and then nothing.”"),
        ("He said, \"She told me 'go home.'\"", "He said, “She told me ‘go home.’”"),
        ("\"'Hello,' she said.\"", "“‘Hello,’ she said.”"),
        ("'Til the '90s, rock 'n' roll was 'em.", "’Til the ’90s, rock ’n’ roll was ’em."),
        ("Wait 'til morning, 'cause I said so.", "Wait ’til morning, ’cause I said so."),
        ("It's the dogs' bones and the boss's hat.", "It’s the dogs’ bones and the boss’s hat."),
        ("'Quoted' words are not elisions.", "‘Quoted’ words are not elisions."),
        ("\"'Tis true,\" he said. 'Twas so.", "“’Tis true,” he said. ’Twas so."),
        ("She sang--'Bout time!'", "She sang—‘Bout time!’"),
        ("He was 5'10\" tall.", "He was 5’10” tall."),
    ],
)
def test_quotes_and_apostrophes_are_curled(raw: str, polished: str) -> None:
    assert polish_paragraph(raw) == polished


@pytest.mark.parametrize(
    ("raw", "polished"),
    [
        ("Then--quickly--she left.", "Then—quickly—she left."),
        ("Then -- quickly -- she left.", "Then—quickly—she left."),
        ("A triple---dash.", "A triple—dash."),
        ("Wait... what?", "Wait… what?"),
        ("Wait. . . what?", "Wait… what?"),
        ("One.  Two.   Three.", "One. Two. Three."),
        ("   indented and trailing   ", "indented and trailing"),
        ("a\tb", "a b"),
        ("a well-known pre-war fact - maybe", "a well-known pre-war fact - maybe"),
    ],
)
def test_dashes_ellipses_and_spacing(raw: str, polished: str) -> None:
    assert polish_paragraph(raw) == polished


def test_existing_curly_quotes_are_left_alone() -> None:
    text = "“Already curly,” she said, ‘quite’ sure—isn’t it…"
    assert polish_paragraph(text) == text


def test_mixed_curly_and_straight_quotes_only_curl_the_straight_ones() -> None:
    assert polish_paragraph("“Curly,” then \"straight\".") == "“Curly,” then “straight”."


@pytest.mark.parametrize("line", ["***", "* * *", "#", "  *  *  *  ", "~~~", "---", "*"])
def test_scene_break_lines_are_recognised(line: str) -> None:
    assert is_scene_break(line)


@pytest.mark.parametrize("line", ["# Heading", "**bold**", "* list item", "--", "A * B"])
def test_other_lines_are_not_scene_breaks(line: str) -> None:
    assert not is_scene_break(line)


def test_polish_text_replaces_scene_breaks_and_collapses_empty_paragraph_runs() -> None:
    text = "\n\nFirst.  \n\n\n\n***\n\nSecond.\n#\nThird.\n\n\n"
    assert polish_text(text, scene_break="~") == "First.\n\n~\n\nSecond.\n~\nThird."


def test_changed_spans_mark_exactly_the_new_characters() -> None:
    original = 'She said "hi" and... left'
    polished = polish_paragraph(original)
    spans = changed_spans(original, polished)
    assert [polished[a:b] for a, b in spans] == ["“", "”", "…"]


def test_polish_with_changes_offsets_point_into_the_polished_chapter() -> None:
    text = "Plain line.\n\n\n\"Quoted\" line--done."
    polished, spans = polish_with_changes(text)
    assert polished == polish_text(text)
    assert [polished[a:b] for a, b in spans] == ["“", "”", "—"]


TRICKY = """\
"I--" she began. "I didn't think you'd come... not after '98."
He said, "She told me 'wait here,' and I did -- for hours."
'Til then, rock 'n' roll was for 'em, the kids'  lot.   \t
"Well--" "No." ' '' "" ''' ---
“Already curly,” she said, ‘quite’ sure. 'Twas "so".
"""


def test_polish_never_changes_words_on_tricky_text() -> None:
    polished = polish_text(TRICKY)
    assert polished != TRICKY
    assert words_of(polished) == words_of(TRICKY)


def test_polish_never_changes_words_in_a_whole_novel(corpus_dir: Path) -> None:
    text = (corpus_dir / "pride-and-prejudice.txt").read_text(encoding="utf-8")
    polished = polish_text(text)
    assert "“" in polished and "’" in polished
    assert words_of(polished) == words_of(text)
