"""Paragraphs too long for the editor: shown broken into pieces (saved whole), with an offer to split them for good.

Qt lays a paragraph out whole on every keystroke and whenever it is painted, so a paragraph of a few megabytes
freezes the window. Such a paragraph is shown as pieces broken at its line or sentence ends; every piece after
the first carries, in its block format, the text that joined it to the one before (``JOINER``), so the chapter is
saved exactly as it was read. While pieces are joined the chapter is read-only and a bar tells the writer and
offers to make the pieces real paragraphs: one undoable edit that only drops the joiners. A paste that would make
such a paragraph goes in the same way (:func:`paste_in_pieces`), as one undoable edit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QWidget

from writer_app.core.paragraph_split import HUGE_PARAGRAPH_CHARS, break_paragraph, has_huge_paragraph
from writer_app.ui.notice_bar import EditorNoticeBar

log = logging.getLogger(__name__)

# Block-format property: the text that joins this block to the previous one in the saved chapter.
JOINER = int(QTextFormat.Property.UserProperty) + 0x4A1


def display_text(text: str, limit: int = HUGE_PARAGRAPH_CHARS) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with every paragraph over ``limit`` broken into pieces, and ``(block number, joiner)`` per join."""
    if not has_huge_paragraph(text, limit):
        return text, []
    lines: list[str] = []
    joins: list[tuple[int, str]] = []
    for line in text.split("\n"):
        if len(line) <= limit:
            lines.append(line)
            continue
        for index, piece in enumerate(break_paragraph(line)):
            if index:
                joins.append((len(lines), piece.joiner))
            lines.append(piece.text)
    return "\n".join(lines), joins


def joiner_runs(joins: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """``joins`` grouped into ``(first block, last block, joiner)`` runs of consecutive blocks with one joiner."""
    runs: list[tuple[int, int, str]] = []
    for number, joiner in joins:
        if runs and runs[-1][1] == number - 1 and runs[-1][2] == joiner:
            runs[-1] = (runs[-1][0], number, joiner)
        else:
            runs.append((number, number, joiner))
    return runs


def _mark_runs(document: QTextDocument, runs: list[tuple[int, int, str]]) -> None:
    """Merge each run's joiner into its blocks' formats, one format change per run (not one per block)."""
    for first, last, joiner in runs:
        first_block, last_block = document.findBlockByNumber(first), document.findBlockByNumber(last)
        if not first_block.isValid() or not last_block.isValid():
            break
        fmt = QTextBlockFormat()
        fmt.setProperty(JOINER, joiner)
        cursor = QTextCursor(first_block)
        if last > first:
            cursor.setPosition(last_block.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(fmt)


def mark_joins(document: QTextDocument, joins: list[tuple[int, str]]) -> None:
    """Store each join in its block's format (not undoable: part of loading the text).

    Pieces of one paragraph are consecutive blocks and mostly share their joiner (the space after a sentence),
    so the formats are set run by run: a 50 MB paragraph's 25,000 pieces take a handful of format changes.
    """
    if not joins:
        return
    document.setUndoRedoEnabled(False)
    blocked = document.blockSignals(True)  # part of the load: no listener needs to hear of each piece
    try:
        _mark_runs(document, joiner_runs(joins))
    finally:
        document.blockSignals(blocked)
        document.setUndoRedoEnabled(True)


def paste_in_pieces(cursor: QTextCursor, text: str, limit: int = HUGE_PARAGRAPH_CHARS) -> int | None:
    """Paste ``text`` over ``cursor``'s selection as one undoable edit, with every paragraph the paste makes longer
    than ``limit`` put in as joined pieces; returns how many pieces were joined, or None (nothing done) when the
    paste makes no such paragraph."""
    document = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first, last = document.findBlock(start), document.findBlock(end)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    whole = QTextCursor(document)
    whole.setPosition(first.position())
    whole.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
    prefix = whole.selectedText()
    whole.setPosition(end)
    whole.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    suffix = whole.selectedText()
    combined = prefix + text + suffix
    if not has_huge_paragraph(combined, limit):
        return None
    shown, joins = display_text(combined, limit)
    base = first.blockNumber()
    edit = QTextCursor(document)
    edit.beginEditBlock()
    try:
        edit.setPosition(first.position())
        edit.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(shown)
        _mark_runs(document, [(base + first, base + last, joiner) for first, last, joiner in joiner_runs(joins)])
    finally:
        edit.endEditBlock()
    cursor.setPosition(start)
    return len(joins)


def joined_blocks(document: QTextDocument) -> list[QTextBlock]:
    """The blocks that are pieces joined to the block before them."""
    found = []
    block = document.firstBlock()
    while block.isValid():
        if block.blockFormat().hasProperty(JOINER):
            found.append(block)
        block = block.next()
    return found


def joined_text(document: QTextDocument) -> str:
    """The document's text with joined pieces put back together (the text as saved)."""
    parts: list[str] = []
    block = document.firstBlock()
    first = True
    while block.isValid():
        fmt = block.blockFormat()
        if first:
            first = False
        elif fmt.hasProperty(JOINER):
            parts.append(str(fmt.property(JOINER)))
        else:
            parts.append("\n")
        parts.append(block.text())
        block = block.next()
    return "".join(parts)


def split_for_good(cursor: QTextCursor, blocks: list[QTextBlock]) -> int:
    """Make joined pieces real paragraphs, as one undoable edit; returns how many paragraphs were added."""
    if not blocks:
        return 0
    cursor.beginEditBlock()
    try:
        for block in blocks:
            fmt = QTextBlockFormat(block.blockFormat())
            fmt.clearProperty(JOINER)
            QTextCursor(block).setBlockFormat(fmt)
    finally:
        cursor.endEditBlock()
    return len(blocks)


class HugeParagraphBar(EditorNoticeBar):
    """A bar across the top of the editor: says why the chapter is read-only and offers the split."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("hugeParagraphBar", QCoreApplication.translate("HugeParagraphBar", "Split into paragraphs"),
                         parent)
        self.was_told = False  # told about the chapter open now (its split may be undone and redone)

    def tell(self, paragraphs: int, pieces: int) -> None:
        """Show the message for ``paragraphs`` over-long paragraphs shown as ``pieces`` pieces."""
        what = (self.tr("A paragraph of this chapter is") if paragraphs == 1
                else self.tr("{0} paragraphs of this chapter are").replace("{0}", str(paragraphs)))
        log.info("%d over-long paragraph(s) shown as %d pieces", paragraphs, pieces)
        self.show_message(
            self.tr("{0} too long to edit without long pauses (over {1} characters), so it is shown broken at its "
                    "line and sentence ends and the chapter is read-only. Split it into {2} paragraphs to edit "
                    "it (Undo puts it back).")
            .replace("{0}", what).replace("{1}", f"{HUGE_PARAGRAPH_CHARS:,}").replace("{2}", f"{pieces:,}"))
