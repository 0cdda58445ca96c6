"""DOCX export with python-docx; the standard-manuscript-format preset sets fonts, spacing and the header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from writer_app.export.model import Manuscript, inline_runs, rounded_word_count
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

SERIF = "Times New Roman"


def _add_page_field(paragraph: Any) -> None:
    """Append a PAGE field (the current page number) to ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _set_font(style: Any, family: str, size_pt: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = family
    style.font.size = Pt(size_pt)
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), family)


def _drop_decoration(style: Any) -> None:
    """Remove the template's border and letter spacing from a style (a manuscript title is plain text)."""
    from docx.oxml.ns import qn

    for parent in (style.element.pPr, style.element.rPr):
        if parent is None:
            continue
        for tag in ("w:pBdr", "w:spacing"):
            for child in parent.findall(qn(tag)):
                if parent is style.element.rPr or tag == "w:pBdr":
                    parent.remove(child)


def _configure(document: Any, manuscript: Manuscript) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Inches, Pt

    manuscript_format = manuscript.options.manuscript_format
    section = document.sections[0]
    section.page_height, section.page_width = Inches(11), Inches(8.5)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1) if manuscript_format else Inches(1.1))
    normal = document.styles["Normal"]
    _set_font(normal, SERIF, 12)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Inches(0.5 if manuscript_format else 0.3)
    fmt.widow_control = True
    if manuscript_format:
        fmt.line_spacing_rule = WD_LINE_SPACING.DOUBLE
    else:
        fmt.line_spacing = 1.15
    heading = document.styles["Heading 1"]
    _set_font(heading, SERIF, 12 if manuscript_format else 18)
    heading.font.bold = False
    heading.font.italic = False
    hfmt = heading.paragraph_format
    hfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hfmt.first_line_indent = Inches(0)
    hfmt.space_before = Inches(2) if manuscript_format else Pt(72)
    hfmt.space_after = Pt(24)
    title = document.styles["Title"]
    _set_font(title, SERIF, 12 if manuscript_format else 28)
    _drop_decoration(title)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Inches(0)
    core = document.core_properties
    core.title = manuscript.title
    core.author = manuscript.author
    if manuscript_format:
        section.different_first_page_header_footer = manuscript.options.title_page
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header.paragraph_format.first_line_indent = Inches(0)
        header.paragraph_format.line_spacing = 1.0
        header.add_run(f"{manuscript.surname} / {manuscript.title} / ")
        _add_page_field(header)


def _title_page(document: Any, manuscript: Manuscript) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Inches

    if manuscript.options.manuscript_format:
        lines = [manuscript.author or "Anonymous", *manuscript.options.contact]
        first = document.add_paragraph()
        first.paragraph_format.first_line_indent = Inches(0)
        first.paragraph_format.line_spacing = 1.0
        first.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
        first.add_run(f"{lines[0]}\t{rounded_word_count(manuscript.word_count)}")
        for line in lines[1:]:
            extra = document.add_paragraph(line)
            extra.paragraph_format.first_line_indent = Inches(0)
            extra.paragraph_format.line_spacing = 1.0
        title = document.add_paragraph(manuscript.title, style="Title")
        title.paragraph_format.space_before = Inches(2.5)
    else:
        title = document.add_paragraph(manuscript.title, style="Title")
        title.paragraph_format.space_before = Inches(2.5)
    if manuscript.author:
        byline = document.add_paragraph(f"by {manuscript.author}")
        byline.alignment = WD_ALIGN_PARAGRAPH.CENTER
        byline.paragraph_format.first_line_indent = Inches(0)


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as a Word document."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    document = docx.Document()
    _configure(document, manuscript)
    has_content = False
    if manuscript.options.title_page:
        _title_page(document, manuscript)
        has_content = True
    total = manuscript.paragraph_count or 1
    done = 0
    for chapter in manuscript.chapters:
        progress.step(done, total, "Writing chapters…")
        new_page = has_content
        if chapter.heading:
            heading = document.add_paragraph(chapter.heading, style="Heading 1")
            heading.paragraph_format.page_break_before = new_page
            new_page = False
        indent_next = not chapter.heading
        for block in chapter.blocks:
            paragraph = document.add_paragraph()
            if new_page:
                paragraph.paragraph_format.page_break_before = True
                new_page = False
            if block.kind == "scene_break":
                paragraph.add_run(block.text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.first_line_indent = Inches(0)
                indent_next = False
                continue
            for text, italic, bold in inline_runs(block.text):
                run = paragraph.add_run(text)
                if italic:
                    run.italic = True
                if bold:
                    run.bold = True
            if not indent_next:
                paragraph.paragraph_format.first_line_indent = Inches(0)
                indent_next = True
        done += len(chapter.blocks)
        has_content = True
    progress.report(0.95, "Saving…")
    document.save(str(target))
    progress.report(1.0)


FORMAT = ExportFormat(
    key="docx", label="Word document (DOCX)", extension=".docx", write=write, order=40, supports_manuscript_format=True
)
