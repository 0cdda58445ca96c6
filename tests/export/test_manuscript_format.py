"""The standard manuscript format preset in DOCX, ODT and PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.export.readers import pdf_pages, words_of
from writer_app.core.project import Project
from writer_app.export.model import ExportOptions
from writer_app.export.writer import export_project

OPTIONS = ExportOptions(manuscript_format=True, contact=("12 Quill Lane", "ada@example.com"))


def export(project: Project, tmp_path: Path, key: str) -> Path:
    target = tmp_path / f"manuscript.{key}"
    export_project(project, ExportOptions(**{**OPTIONS.__dict__, "format": key}), target)
    return target


def test_docx_manuscript_has_serif_double_spacing_margins_header_and_title_page(sample_project: Project,
                                                                               tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Inches, Pt

    document = docx.Document(str(export(sample_project, tmp_path, "docx")))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(12))
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.DOUBLE
    section = document.sections[0]
    assert [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin] == [Inches(1)] * 4
    header_xml = section.header._element.xml
    assert "Quill / The Sample / " in section.header.paragraphs[0].text and " PAGE " in header_xml
    assert section.different_first_page_header_footer  # no header on the title page
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Ada Quill\tabout 58 words"
    assert texts[1:3] == ["12 Quill Lane", "ada@example.com"]
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == ["The Letter", "Rock ’n’ Roll", "Coda"]
    assert all(h.paragraph_format.page_break_before for h in headings)


def test_odt_manuscript_styles_and_header_with_page_number(sample_project: Project, tmp_path: Path) -> None:
    from odf.opendocument import load
    from odf.style import MasterPage

    path = export(sample_project, tmp_path, "odt")
    styles = zipfile.ZipFile(path).read("styles.xml").decode("utf-8")
    assert 'fo:line-height="200%"' in styles and 'fo:font-size="12pt"' in styles
    assert 'style:font-name="Times New Roman"' in styles
    assert 'fo:margin-left="1in"' in styles and 'fo:margin-right="1in"' in styles
    assert 'fo:break-before="page"' in styles
    document = load(str(path))
    masters = {m.getAttribute("name"): m for m in document.masterstyles.getElementsByType(MasterPage)}
    header = _xml(masters["Standard"])
    assert "Quill / The Sample /" in header and "text:page-number" in header
    assert "Quill" not in _xml(masters["TitlePage"])
    assert "about 58 words" in _xml(document.text)


def test_pdf_manuscript_is_letter_with_running_header_from_page_two(sample_project: Project, tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = export(sample_project, tmp_path, "pdf")
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    pages = [" ".join(page.split()) for page in pdf_pages(path)]
    assert "Quill / The Sample" not in pages[0]
    assert words_of(pages[0])[:2] == ["Ada", "Quill"] and "about 58 words" in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Quill / The Sample / {number}" in page
    assert len(pages) == 4


def _xml(element: object) -> str:
    import io

    stream = io.StringIO()
    element.toXml(0, stream)  # type: ignore[attr-defined]
    return stream.getvalue()
