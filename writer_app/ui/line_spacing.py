"""A plain-text document layout that spaces lines (QPlainTextDocumentLayout ignores block line height).

Speed matters here: Qt asks a layout for ``blockBoundingRect`` a hundred or more times per keystroke, so a
Python override of it costs several milliseconds per key on a long chapter. This layout overrides nothing that
Qt calls often. Lines are spaced by moving them down inside their block's QTextLayout, all the extra leading
above each line, so Qt's own ``blockBoundingRect`` (last line's bottom) already returns the spaced height:

- ``documentChanged`` (once per edit) lays the edited block out itself, lines already spaced (``lay_out_block``).
  It does not go through Qt's private ``layoutBlock``: that one also tracks the widest line of the document
  for a horizontal scroll bar this editor never shows, and when the edited paragraph holds that line and it
  narrows (every time typing wraps a word onto the next line) it measures every line of every paragraph,
  1-3 ms on a novel-length chapter, plus a scroll-bar update whenever the widest line grows;
- blocks Qt lays out lazily (after a resize, a multi-block edit, scrolling) are spaced by
  ``space_visible_blocks``, which the editor calls before each paint; it does nothing unless the set of visible
  blocks or the layout generation changed, so painting while typing costs no Python work.

Blocks outside the viewport may stay unspaced until they scroll in; their height only feeds Qt's pixel
estimates for far-away blocks (QPlainTextEdit scrolls by lines), never what is painted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from writer_app import qt_compat  # noqa: F401  (QTextLine.setPosition is a void call)

_EPSILON = 0.001
# Above this many characters a paragraph is broken into lines by Qt's own layout and then spaced.
NATIVE_LAYOUT_CHARS = 4000


class SpacedPlainTextLayout(QPlainTextDocumentLayout):
    """QPlainTextDocumentLayout whose lines are ``spacing`` times their natural height apart."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spacing = 1.0
        self._generation = 0  # bumped whenever lazily laid-out (unspaced) blocks may exist
        self._visible_key: tuple[int, ...] = ()
        self._block_count = document.blockCount()

    def spacing(self) -> float:
        """The line spacing factor (1.0 = single)."""
        return self._spacing

    def set_spacing(self, spacing: float) -> None:
        """Set the line spacing factor and lay the document out again."""
        spacing = max(1.0, min(3.0, float(spacing)))
        if spacing == self._spacing:
            return
        self._spacing = spacing
        self.invalidate()
        doc = self.document()
        # Re-running the base layout clears every block's lines; they are laid out (and spaced) again on demand.
        QPlainTextDocumentLayout.documentChanged(self, 0, 0, doc.characterCount())
        self._block_count = doc.blockCount()

    def invalidate(self) -> None:
        """Note that Qt may have re-laid out blocks (resize, font change): re-check visible ones at next paint."""
        self._generation += 1

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802 (Qt override)
        """Lay out an edit; a single-block edit (typing) is laid out here, spaced, as Qt would but cheaper."""
        doc = self.document()
        block = doc.findBlock(position)
        count = doc.blockCount()
        if (count == self._block_count and block.isValid() and block.length() and block.isVisible()
                and block.contains(max(0, position + removed + added - 1))):
            layout = block.layout()
            if layout.lineCount() == 0:  # never laid out (or cleared): Qt's own way, then spaced below
                self._qt_document_changed(position, removed, added, block)
                return
            old_height = self.blockBoundingRect(block).height()
            old_lines = block.lineCount()
            if block.length() > NATIVE_LAYOUT_CHARS:
                # A long paragraph: Qt breaks its lines in C++ (a Python loop over thousands of lines costs more
                # than the breaking itself), then one light pass moves them apart.
                layout.clearLayout()
                self.ensureBlockLayout(block)
                self.space_block(block)
            else:
                self.lay_out_block(block, layout.lineAt(0).width())
            if abs(self.blockBoundingRect(block).height() - old_height) < _EPSILON:
                self.updateBlock.emit(block)
                return
            # The block gained or lost a line: the scroll range changes and the blocks below move (as Qt does).
            # A block moving into view at the bottom may never have been laid out: space it before it paints.
            self._generation += 1
            if block.lineCount() != old_lines:
                self.documentSizeChanged.emit(self.documentSize())
            self.update.emit()  # the default rectangle: everything
            return
        super().documentChanged(position, removed, added)
        self._block_count = count
        self._generation += 1

    def _qt_document_changed(self, position: int, removed: int, added: int, block: QTextBlock) -> None:
        """Let Qt lay out a single-block edit, then space the block."""
        super().documentChanged(position, removed, added)
        self._generation += 1  # its height may have changed, moving other blocks into view
        if self._spacing != 1.0:
            self.ensure_spaced(block)

    def lay_out_block(self, block: QTextBlock, available: float) -> None:
        """Break ``block`` into lines ``available`` pixels wide, each line ``spacing`` times its height apart.

        What Qt's ``QPlainTextDocumentLayout::layoutBlock`` does for a visible block, minus the bookkeeping of
        the document's widest line (only used for a horizontal scroll bar; lines wrap at the widget width here).
        ``available`` is the width Qt gave the block's lines last time (the text width less the margins). The
        editor never sets ``AddSpaceForLineAndParagraphSeparators``, the one option that would change it.
        """
        margin = self.document().documentMargin()
        layout = block.layout()  # keeps the text option Qt gave it when it first laid the block out
        spacing = self._spacing
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            line.setLineWidth(available)
            height = line.height()
            advance = height * spacing
            line.setPosition(QPointF(margin, y + advance - height))
            y += advance
            leading = line.leading()
            if leading < 0:
                y += math.ceil(leading)
        layout.endLayout()
        block.setLineCount(layout.lineCount())

    def space_block(self, block: QTextBlock) -> None:
        """Move a laid-out block's lines apart (no-op when single-spaced or already spaced)."""
        layout = block.layout()
        count = layout.lineCount()
        if self._spacing == 1.0 or count == 0 or layout.lineAt(0).y() > _EPSILON:
            return
        spacing = self._spacing
        point = QPointF(layout.lineAt(0).x(), 0.0)  # x: the document margin, the same for every line
        set_y = point.setY
        line_at = layout.lineAt
        y = 0.0
        for index in range(count):
            line = line_at(index)
            height = line.height()  # per line: a fallback font (emoji) can make one line taller
            advance = height * spacing
            set_y(y + advance - height)
            line.setPosition(point)  # copies the point: one object serves every line
            y += advance

    def ensure_spaced(self, block: QTextBlock) -> None:
        """Lay ``block`` out if Qt has not yet, and space its lines (cheap when both are done)."""
        self.ensureBlockLayout(block)
        self.space_block(block)

    def space_visible_blocks(self, first: QTextBlock, top: float, bottom: float) -> None:
        """Lay out and space the blocks from ``first`` (whose top is at ``top``) down to ``bottom`` pixels."""
        if self._spacing == 1.0 or not first.isValid():
            return
        key = (first.blockNumber(), int(top), int(bottom), self._generation, self._block_count)
        if key == self._visible_key:
            return
        block = first
        while block.isValid() and top <= bottom:
            if block.isVisible():
                self.ensure_spaced(block)
                top += self.blockBoundingRect(block).height()
            block = block.next()
        self._visible_key = key
