"""Breaking a paragraph too long for the editor: line ends first, then sentence ends, and nothing is lost."""

from __future__ import annotations

from writer_app.core.paragraph_split import (
    HUGE_PARAGRAPH_CHARS,
    break_paragraph,
    has_huge_paragraph,
    join_pieces,
)

PROSE = ("The tide came in over the flats before noon. “Are you coming?” she called, and he said nothing! "
         "Gulls wheeled above the boats… Nobody on the pier looked up (not even the boy). ")


def test_pieces_join_back_to_exactly_the_paragraph():
    for text in (PROSE * 40, "\u2028".join([PROSE * 5] * 4), "x" * 5000, "a  b\t " * 900, "Done.\r\n" * 700, ""):
        assert join_pieces(break_paragraph(text, size=300)) == text


def test_a_long_line_breaks_after_a_sentence_within_the_size():
    pieces = break_paragraph(PROSE * 40, size=300)
    assert len(pieces) > 10
    for piece in pieces[:-1]:
        assert 0 < len(piece.text) <= 300
        assert piece.text.rstrip("”’\")").endswith((".", "!", "?", "…"))
    assert all(piece.joiner == " " for piece in pieces[1:])


def test_line_ends_inside_a_paragraph_always_break():
    pieces = break_paragraph("first line\u2028second line\rthird", size=300)
    assert [(p.joiner, p.text) for p in pieces] == [("", "first line"), ("\u2028", "second line"), ("\r", "third")]


def test_without_sentence_ends_a_piece_ends_at_a_space_or_at_the_size():
    words = break_paragraph("word " * 400, size=100)
    assert all(len(p.text) <= 100 and p.text.endswith("word") for p in words[:-1])
    solid = break_paragraph("y" * 250, size=100)
    assert [len(p.text) for p in solid] == [100, 100, 50]


def test_only_a_paragraph_over_the_limit_counts_as_huge():
    assert not has_huge_paragraph("short\n" * 10)
    assert not has_huge_paragraph(("a" * 1000 + "\n") * 2000)  # long text, ordinary paragraphs
    assert has_huge_paragraph("intro\n" + "b" * (HUGE_PARAGRAPH_CHARS + 1) + "\nend")
    assert has_huge_paragraph("c" * 11, limit=10) and not has_huge_paragraph("c" * 10, limit=10)
