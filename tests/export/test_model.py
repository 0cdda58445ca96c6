"""The Manuscript built from a project: chapter choice, headings, paragraphs, scene breaks, polish."""

from __future__ import annotations

import pytest

from tests.export.conftest import ProjectFactory
from writer_app.export.errors import ExportError
from writer_app.export.model import (
    ExportOptions,
    build_manuscript,
    chapter_blocks,
    chapter_heading,
    inline_runs,
    plain,
    rounded_word_count,
)


def test_manuscript_takes_title_author_and_every_chapter_in_order(sample_project) -> None:
    manuscript = build_manuscript(sample_project, ExportOptions())
    assert (manuscript.title, manuscript.author) == ("The Sample", "Ada Quill")
    assert [c.heading for c in manuscript.chapters] == ["The Letter", "Rock ’n’ Roll", "Coda"]
    assert manuscript.surname == "Quill"
    assert manuscript.language == "en-US"


def test_chapter_selection_keeps_project_order_and_rejects_unknown_ids(sample_project) -> None:
    ids = [c.id for c in sample_project.chapters]
    manuscript = build_manuscript(sample_project, ExportOptions(chapter_ids=(ids[2], ids[0])))
    assert [c.id for c in manuscript.chapters] == [ids[0], ids[2]]
    with pytest.raises(ExportError, match="no chapter"):
        build_manuscript(sample_project, ExportOptions(chapter_ids=("nope",)))
    with pytest.raises(ExportError, match="no chapters"):
        build_manuscript(sample_project, ExportOptions(chapter_ids=()))


def test_title_and_author_options_override_the_project(sample_project) -> None:
    manuscript = build_manuscript(sample_project, ExportOptions(title="Other", author="Jo March"))
    assert (manuscript.title, manuscript.author, manuscript.surname) == ("Other", "Jo March", "March")


@pytest.mark.parametrize(
    ("title", "number", "style", "expected"),
    [
        ("The Letter", 3, "titles", "The Letter"),
        ("The Letter", 3, "numbered", "Chapter 3: The Letter"),
        ("Chapter 12", 3, "numbered", "Chapter 3"),
        ("", 2, "titles", "Chapter 2"),
        ("The Letter", 3, "none", ""),
    ],
)
def test_chapter_heading_styles(title: str, number: int, style: str, expected: str) -> None:
    assert chapter_heading(title, number, style) == expected


def test_blocks_are_non_empty_lines_with_scene_breaks_between_paragraphs() -> None:
    text = "***\n\nOne  line.\n\n\n\n* * *\n#\nTwo.\n\n***\n"
    blocks = chapter_blocks(text, ExportOptions(scene_break="~ ~"))
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "One line."),
        ("scene_break", "~ ~"),
        ("paragraph", "Two."),
    ]


def test_a_first_line_repeating_the_chapter_title_is_not_printed_twice() -> None:
    blocks = chapter_blocks("# The Letter\n\nBody.", ExportOptions(), title="The Letter")
    assert [b.text for b in blocks] == ["Body."]
    kept = chapter_blocks("# The Letter\n\nBody.", ExportOptions(headings="none"), title="The Letter")
    assert [b.text for b in kept] == ["The Letter", "Body."]


def test_without_polish_paragraph_text_is_kept_verbatim() -> None:
    blocks = chapter_blocks('"Hi--there"  ...', ExportOptions(polish=False))
    assert blocks[0].text == '"Hi--there"  ...'


def test_word_count_counts_prose_only(make_project: ProjectFactory) -> None:
    project = make_project([("One", "a b c\n\n***\n\nd e")])
    assert build_manuscript(project, ExportOptions()).word_count == 5


@pytest.mark.parametrize(
    ("words", "text"),
    [(0, "about 0 words"), (7, "about 7 words"), (449, "about 450 words"), (3_449, "about 3,400 words"),
     (121_561, "about 122,000 words")],
)
def test_rounded_word_count(words: int, text: str) -> None:
    assert rounded_word_count(words) == text


def test_inline_emphasis_runs() -> None:
    assert inline_runs("It was *very* loud, **really** _loud_.") == [
        ("It was ", False, False),
        ("very", True, False),
        (" loud, ", False, False),
        ("really", False, True),
        (" ", False, False),
        ("loud", True, False),
        (".", False, False),
    ]
    assert plain("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"


def test_characters_xml_cannot_hold_are_dropped_but_words_kept() -> None:
    blocks = chapter_blocks("Page\x0cbreak and a bell\x07 here.", ExportOptions())
    assert blocks[0].text == "Page break and a bell here."
