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


class _Body:
    """Appends paragraphs straight before the body's section properties.

    python-docx's ``add_paragraph`` searches the whole body for that anchor and sets run text character by
    character, which is quadratic-ish on a novel; this keeps python-docx objects but adds them in O(1).
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        body = document.element.body
        self.anchor = body.sectPr if body.sectPr is not None else None
        self.body = body
        self.heading_style = document.styles["Heading 1"].style_id

    def paragraph(self, style_id: str | None = None) -> Any:
        """Append an empty paragraph (optionally with a paragraph style id) and return it."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if self.anchor is not None:
            self.anchor.addprevious(element)
        else:
            self.body.append(element)
        if style_id:
            element.get_or_add_pPr().style = style_id
        return Paragraph(element, self.document._body)

    @staticmethod
    def run(paragraph: Any, text: str, italic: bool = False, bold: bool = False) -> None:
        """Append one run of text (tabs and line breaks go through python-docx's slower path)."""
        if "\t" in text or "\n" in text:
            run = paragraph.add_run(text)
            run.italic, run.bold = italic or None, bold or None
            return
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        if italic or bold:
            properties = OxmlElement("w:rPr")
            if bold:
                properties.append(OxmlElement("w:b"))
            if italic:
                properties.append(OxmlElement("w:i"))
            run.append(properties)
        content = OxmlElement("w:t")
        content.text = text
        content.set(qn("xml:space"), "preserve")
        run.append(content)
        paragraph._p.append(run)


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
    body = _Body(document)
    total = manuscript.paragraph_count or 1
    done = 0
    writing = progress.stage(0.0, 0.95)  # the rest is saving: the bar never jumps back when it starts
    for chapter in manuscript.chapters:
        writing.step(done, total, "Writing chapters…")
        new_page = has_content
        if chapter.heading:
            heading = body.paragraph(body.heading_style)
            body.run(heading, chapter.heading)
            heading.paragraph_format.page_break_before = new_page
            new_page = False
        indent_next = not chapter.heading
        for block in chapter.blocks:
            paragraph = body.paragraph()
            if new_page:
                paragraph.paragraph_format.page_break_before = True
                new_page = False
            if block.kind == "scene_break":
                body.run(paragraph, block.text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.first_line_indent = Inches(0)
                indent_next = False
                continue
            for text, italic, bold in inline_runs(block.text):
                body.run(paragraph, text, italic, bold)
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
