"""A plain-text document layout that spaces lines (QPlainTextDocumentLayout ignores block line height)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from writer_app.ui import qt_compat  # noqa: F401  (QTextLine.setPosition is a void call)


class SpacedPlainTextLayout(QPlainTextDocumentLayout):
    """QPlainTextDocumentLayout whose lines are ``spacing`` times their natural height apart."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spacing = 1.0

    def spacing(self) -> float:
        """The line spacing factor (1.0 = single)."""
        return self._spacing

    def set_spacing(self, spacing: float) -> None:
        """Set the line spacing factor and lay the document out again."""
        spacing = max(1.0, min(3.0, float(spacing)))
        if spacing == self._spacing:
            return
        self._spacing = spacing
        self.requestUpdate()
        doc = self.document()
        # Re-running the base layout resets line positions; blockBoundingRect re-spaces them lazily.
        self.documentChanged(0, 0, doc.characterCount())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt override)
        """The block's rectangle with its lines re-spaced (half the extra leading above each line)."""
        rect = super().blockBoundingRect(block)
        if self._spacing == 1.0 or not block.isVisible():
            return rect
        layout = block.layout()
        count = layout.lineCount()
        if count == 0:
            return rect
        factor = self._spacing - 1.0
        margin = self.document().documentMargin() if not block.next().isValid() else 0.0
        # Fast path (one font, every line the same height): already spaced if the last line sits right.
        first_height = layout.lineAt(0).height()
        last = layout.lineAt(count - 1)
        expected = (count - 1) * first_height * self._spacing + first_height * factor / 2.0
        if count > 1 and abs(last.y() - expected) < 0.01 and abs(last.height() - first_height) < 0.01:
            return QRectF(rect.x(), rect.y(), rect.width(), count * first_height * self._spacing + margin)
        y = 0.0
        for index in range(count):
            line = layout.lineAt(index)
            height = line.height()
            target = y + height * factor / 2.0
            if abs(line.y() - target) > 0.01:
                line.setPosition(QPointF(line.x(), target))
            y += height * self._spacing
        return QRectF(rect.x(), rect.y(), rect.width(), y + margin)
