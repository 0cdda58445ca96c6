"""PDF export: a QTextDocument lays the manuscript out in pages; each page is painted onto a QPdfWriter.

Plain PDFs are 6×9 in book pages with a centred page number; the manuscript preset is US Letter, 12 pt
serif, double spaced, 1 in margins, with "Surname / Title / page" at the top right of every page but the title
page. Uses QtGui only (no widgets); a QGuiApplication is created when none exists (works offscreen).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from writer_app.export.model import Manuscript, inline_runs, rounded_word_count
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

SERIF_FAMILIES = ["Times New Roman", "Liberation Serif", "Nimbus Roman", "DejaVu Serif", "serif"]
RESOLUTION = 300  # device units per inch: page size and painting
FORMAT_DPI = 96  # QTextFormat lengths (margins, indents, tabs) are 1/96 in and scaled to the device


@dataclass(frozen=True)
class PageGeometry:
    """Page size and margins in inches, body font size in points and line height in percent."""

    width: float
    height: float
    margin: float
    font_size: float
    line_height: int
    indent: float
    heading_size: float
    heading_drop: float  # space above a chapter heading, inches


BOOK = PageGeometry(6.0, 9.0, 0.75, 11.0, 135, 0.25, 16.0, 1.2)
MANUSCRIPT = PageGeometry(8.5, 11.0, 1.0, 12.0, 200, 0.5, 12.0, 2.0)


def serif_font(size_pt: float, bold: bool = False) -> Any:
    """A serif QFont (Times New Roman, else Liberation Serif, else any serif) at ``size_pt`` points."""
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class _Builder:
    """Fills a QTextDocument block by block through one QTextCursor."""

    def __init__(self, document: Any, geometry: PageGeometry) -> None:
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        self.cursor = QTextCursor(document)
        self.geometry = geometry
        self.first = True
        self.body_char = QTextCharFormat()
        self.body_char.setFont(serif_font(geometry.font_size))
        self.italic_char = QTextCharFormat(self.body_char)
        self.italic_char.setFontItalic(True)
        self.bold_char = QTextCharFormat(self.body_char)
        self.bold_char.setFontWeight(700)

    def block_format(self, *, indent: bool = True, align: str = "justify", page_break: bool = False,
                     top: float = 0.0, bottom: float = 0.0, single: bool = False) -> Any:
        """Return a QTextBlockFormat; ``top``/``bottom`` are inches."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextBlockFormat, QTextFormat

        fmt = QTextBlockFormat()
        alignment = {"justify": Qt.AlignmentFlag.AlignJustify, "center": Qt.AlignmentFlag.AlignHCenter,
                     "left": Qt.AlignmentFlag.AlignLeft}[align]
        if self.geometry is MANUSCRIPT and align == "justify":
            alignment = Qt.AlignmentFlag.AlignLeft  # manuscripts are ragged right
        fmt.setAlignment(alignment)
        fmt.setTextIndent(self.geometry.indent * FORMAT_DPI if indent else 0.0)
        height = 100 if single else self.geometry.line_height
        fmt.setLineHeight(height, 1)  # QTextBlockFormat.ProportionalHeight
        fmt.setTopMargin(top * FORMAT_DPI)
        fmt.setBottomMargin(bottom * FORMAT_DPI)
        if page_break:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        return fmt

    def add(self, block_format: Any, runs: list[tuple[str, Any]]) -> None:
        """Append one paragraph made of ``(text, char_format)`` runs."""
        if self.first:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(runs[0][1] if runs else self.body_char)
            self.first = False
        else:
            self.cursor.insertBlock(block_format, runs[0][1] if runs else self.body_char)
        for text, char_format in runs:
            self.cursor.insertText(text, char_format)

    def prose(self, block_format: Any, text: str) -> None:
        """Append one paragraph of prose with emphasis runs."""
        runs = []
        for run, italic, bold in inline_runs(text):
            runs.append((run, self.italic_char if italic else self.bold_char if bold else self.body_char))
        self.add(block_format, runs)

    def styled(self, block_format: Any, text: str, font: Any) -> None:
        """Append one paragraph in a given font (title, headings)."""
        from PySide6.QtGui import QTextCharFormat

        char_format = QTextCharFormat()
        char_format.setFont(font)
        self.add(block_format, [(text, char_format)])


def build_document(manuscript: Manuscript, geometry: PageGeometry, progress: Progress) -> Any:
    """Return a QTextDocument holding the whole manuscript, formatted for ``geometry``."""
    from PySide6.QtGui import QTextDocument, QTextOption

    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    document.setDefaultFont(serif_font(geometry.font_size))
    builder = _Builder(document, geometry)
    options = manuscript.options
    started = False
    if options.title_page:
        if options.manuscript_format:
            contact = builder.block_format(indent=False, align="left", single=True)
            contact.setTabPositions([QTextOption.Tab((geometry.width - 2 * geometry.margin) * FORMAT_DPI - 1,
                                                     QTextOption.TabType.RightTab)])
            lines = [manuscript.author or "Anonymous", *options.contact]
            builder.styled(contact, f"{lines[0]}\t{rounded_word_count(manuscript.word_count)}",
                           serif_font(geometry.font_size))
            for line in lines[1:]:
                builder.styled(contact, line, serif_font(geometry.font_size))
            title_font = serif_font(geometry.font_size)
        else:
            title_font = serif_font(geometry.heading_size * 1.6)
        top = (geometry.height - 2 * geometry.margin) * 0.35
        if builder.first:  # the first block's top margin is ignored: start with an empty line
            builder.styled(builder.block_format(indent=False, single=True), "", title_font)
        builder.styled(builder.block_format(indent=False, align="center", top=top, bottom=0.3),
                       manuscript.title, title_font)
        if manuscript.author:
            builder.styled(builder.block_format(indent=False, align="center"), f"by {manuscript.author}",
                           serif_font(geometry.font_size))
        started = True
    total = len(manuscript.chapters) or 1
    heading_font = serif_font(geometry.heading_size)
    for index, chapter in enumerate(manuscript.chapters):
        progress.step(index, total, "Building the document…")
        new_page = started
        if chapter.heading:
            fmt = builder.block_format(indent=False, align="center", page_break=new_page,
                                       top=geometry.heading_drop, bottom=0.35)
            builder.styled(fmt, chapter.heading, heading_font)
            new_page = False
        indent = not chapter.heading
        for block in chapter.blocks:
            if block.kind == "scene_break":
                builder.prose(builder.block_format(indent=False, align="center", page_break=new_page), block.text)
                indent = False
            else:
                builder.prose(builder.block_format(indent=indent or geometry is MANUSCRIPT, page_break=new_page),
                              block.text)
                indent = True
            new_page = False
        started = True
    progress.report(1.0)
    return document


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as a PDF."""
    from writer_app.export.qt_support import ensure_gui_application  # Qt loads only when a PDF is written

    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    geometry = MANUSCRIPT if manuscript.options.manuscript_format else BOOK
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    set_metadata(writer, manuscript)
    page_size = QPageSize(QSizeF(geometry.width, geometry.height), QPageSize.Unit.Inch, "", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Inch))

    document = build_document(manuscript, geometry, progress.stage(0.0, 0.25))
    layout = document.documentLayout()
    layout.setPaintDevice(writer)
    body_width = (geometry.width - 2 * geometry.margin) * RESOLUTION
    body_height = (geometry.height - 2 * geometry.margin) * RESOLUTION
    document.setPageSize(QSizeF(body_width, body_height))
    progress.report(0.3, "Laying out pages…")
    pages = document.pageCount()
    progress.report(0.5, "Writing pages…")
    painting = progress.stage(0.5, 1.0)

    margin = geometry.margin * RESOLUTION
    header_font = serif_font(geometry.font_size)
    lines_by_page = _lines_by_page(document, body_height, pages)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot open {target.name} for writing")
    try:
        for page in range(pages):
            painting.step(page, pages, "Writing pages…")
            if page:
                writer.newPage()
            painter.save()
            painter.translate(margin, margin - page * body_height)
            for text_line, origin in lines_by_page[page]:
                text_line.draw(painter, origin)
            painter.restore()
            _decorate(painter, manuscript, geometry, page, header_font, margin, body_width)
    finally:
        painter.end()
    painting.report(1.0)


def set_metadata(writer: Any, manuscript: Manuscript) -> None:
    """Put the title and author in the PDF's document information (Author needs Qt 6.9+, else XMP)."""
    writer.setTitle(manuscript.title)
    writer.setCreator("writer-app")
    if not manuscript.author:
        return
    if hasattr(writer, "setAuthor"):
        writer.setAuthor(manuscript.author)
    else:  # older Qt: the author only fits in the XMP packet
        from html import escape

        from PySide6.QtCore import QByteArray

        xmp = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
               '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
               f'{escape(manuscript.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>'
               f'{escape(manuscript.author)}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF>'
               '</x:xmpmeta><?xpacket end="w"?>')
        writer.setDocumentXmpMetadata(QByteArray(xmp.encode("utf-8")))


def _lines_by_page(document: Any, page_height: float, pages: int) -> list[list[tuple[Any, Any]]]:
    """Assign every laid-out line to the page its top falls on, with the origin to draw it at.

    Drawing line by line (rather than the whole layout clipped to each page) puts each line's text in the
    PDF exactly once, so text extraction never sees a line twice at a page boundary.
    """
    result: list[list[tuple[Any, Any]]] = [[] for _ in range(max(pages, 1))]
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        origin = text_layout.position()
        for index in range(text_layout.lineCount()):
            line = text_layout.lineAt(index)
            page = min(int((origin.y() + line.y() + 0.5) // page_height), len(result) - 1)
            result[page].append((line, origin))
        block = block.next()
    return result


def _decorate(painter: Any, manuscript: Manuscript, geometry: PageGeometry, page: int, font: Any,
              margin: float, body_width: float) -> None:
    """Draw the running header (manuscript) or the page number (book) on one page."""
    from PySide6.QtCore import QRectF, Qt

    if page == 0 and manuscript.options.title_page:
        return
    painter.setFont(font)
    line = font.pointSizeF() / 72 * RESOLUTION * 1.5
    if geometry is MANUSCRIPT:
        rect = QRectF(margin, 0.5 * RESOLUTION, body_width, line)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                         f"{manuscript.surname} / {manuscript.title} / {page + 1}")
    else:
        top = (geometry.height - geometry.margin * 0.6) * RESOLUTION
        rect = QRectF(margin, top, body_width, line)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(page + 1))


FORMAT = ExportFormat(
    key="pdf", label="PDF document", extension=".pdf", write=write, order=60, supports_manuscript_format=True
)
