"""A plain-text document layout that spaces lines (QPlainTextDocumentLayout ignores block line height).

Speed matters here: Qt asks a layout for ``blockBoundingRect`` a hundred or more times per keystroke, so a
Python override of it costs several milliseconds per key on a long chapter. This layout overrides nothing that
Qt calls often. Lines are spaced by moving them down inside their block's QTextLayout, all the extra leading
above each line, so Qt's own ``blockBoundingRect`` (last line's bottom) already returns the spaced height:

- ``documentChanged`` (once per edit) re-lays out and re-spaces the edited block itself;
- blocks Qt lays out lazily (after a resize, a multi-block edit, scrolling) are spaced by
  ``space_visible_blocks``, which the editor calls before each paint; it does nothing unless the set of visible
  blocks or the layout generation changed, so painting while typing costs no Python work.

Blocks outside the viewport may stay unspaced until they scroll in; their height only feeds Qt's pixel
estimates for far-away blocks (QPlainTextEdit scrolls by lines), never what is painted.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from writer_app import qt_compat  # noqa: F401  (QTextLine.setPosition is a void call)

_EPSILON = 0.001


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
        """Lay out an edit; a single-block edit (typing) is re-laid out and re-spaced here, like Qt does."""
        if self._spacing == 1.0:
            super().documentChanged(position, removed, added)
            return
        doc = self.document()
        block = doc.findBlock(position)
        count = doc.blockCount()
        if (count == self._block_count and block.isValid() and block.length()
                and block.contains(max(0, position + removed + added - 1))):
            old_height = self.blockBoundingRect(block).height()
            block.clearLayout()
            self.ensureBlockLayout(block)
            self.space_block(block)
            if abs(self.blockBoundingRect(block).height() - old_height) < _EPSILON:
                self.updateBlock.emit(block)
                return
            # The block gained or lost a line: let Qt lay it out and repaint as usual, then space it again.
            super().documentChanged(position, removed, added)
            self.ensureBlockLayout(block)
            self.space_block(block)
            return
        super().documentChanged(position, removed, added)
        self._block_count = count
        self._generation += 1

    def space_block(self, block: QTextBlock) -> None:
        """Move a laid-out block's lines apart (no-op when single-spaced or already spaced)."""
        layout = block.layout()
        count = layout.lineCount()
        if self._spacing == 1.0 or count == 0 or layout.lineAt(0).y() > _EPSILON:
            return
        spacing = self._spacing
        line = layout.lineAt(0)
        x = line.x()  # the document margin, the same for every line of a plain-text block
        y = 0.0
        for index in range(count):
            if index:
                line = layout.lineAt(index)
            height = line.height()  # per line: a fallback font (emoji) can make one line taller
            advance = height * spacing
            line.setPosition(QPointF(x, y + advance - height))
            y += advance

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
                self.ensureBlockLayout(block)
                self.space_block(block)
                top += self.blockBoundingRect(block).height()
            block = block.next()
        self._visible_key = key
