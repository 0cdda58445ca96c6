"""Wavy underlines for the visible paragraphs, on the editor's "issues" extra-selection layer."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from writer_app.grammar.model import Category
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.spans import single_shot_timer

LAYER = "issues"
# Most underlines one rebuild may create (a pasted novel-sized paragraph must not build 100,000 of them).
MAX_UNDERLINES = 600
# Most underlines inside one very long paragraph: each costs Qt a scan of the paragraph's layout.
MAX_PER_LONG_BLOCK = 120

CATEGORY_COLORS: dict[Category, str] = {
    Category.SPELLING: "#d32f2f",  # red
    Category.GRAMMAR: "#1e64c8",  # blue
    Category.WORD_CHOICE: "#1e64c8",
    Category.PUNCTUATION: "#e08a00",  # amber
    Category.TYPOGRAPHY: "#e08a00",
    Category.STYLE: "#2e8b57",  # green
}


def category_color(category: Category) -> QColor:
    """The underline colour of a category."""
    return QColor(CATEGORY_COLORS.get(category, "#808080"))


class UnderlineLayer(QObject):
    """Rebuild the "issues" layer of the visible blocks when results, edits or the viewport change."""

    def __init__(self, editor: object, controller: CheckingController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.controller = controller
        self.hidden_categories: set[Category] = set()
        self._formats = {category: self._format(category) for category in Category}
        self._timer = single_shot_timer(self, 0)
        self._timer.timeout.connect(self.refresh)
        controller.underlines_stale.connect(self.schedule)
        editor.viewport_changed.connect(self.schedule)  # type: ignore[attr-defined]
        self.count = 0

    @staticmethod
    def _format(category: Category) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        color = category_color(category)
        fmt.setUnderlineColor(color)
        tint = QColor(color)
        tint.setAlpha(28)  # a faint wash: a thin wave alone is easy to miss on a light page
        fmt.setBackground(tint)
        return fmt

    @Slot()
    def schedule(self) -> None:
        """Rebuild on the next event-loop turn (many triggers, one rebuild)."""
        if not self._timer.isActive():
            self._timer.start()

    def _visible_part(self, block: object) -> tuple[int, int]:
        """Document positions of the on-screen part of a long block (binary search over its lines)."""
        base = block.position()  # type: ignore[attr-defined]
        layout = block.layout()  # type: ignore[attr-defined]
        count = layout.lineCount() if layout is not None else 0
        if count == 0:
            return base, base + block.length()  # type: ignore[attr-defined]
        editor = self.editor
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()  # type: ignore[attr-defined]
        height = editor.viewport().height()  # type: ignore[attr-defined]

        def line_at(y: float) -> int:
            lo, hi = 0, count - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if top + layout.lineAt(mid).y() <= y:
                    lo = mid
                else:
                    hi = mid - 1
            return lo

        first, last = layout.lineAt(line_at(0)), layout.lineAt(line_at(height))
        return base + first.textStart(), base + last.textStart() + last.textLength()

    @Slot()
    def refresh(self) -> None:
        """Build underlines for the issues inside the visible area."""
        controller = self.controller
        tracker = controller.tracker
        document = tracker.document
        selections: list[QTextEdit.ExtraSelection] = []
        if document is not None:
            first, last = controller.visible_range()
            cursor_position = self.editor.textCursor().position()  # type: ignore[attr-defined]
            block = document.findBlockByNumber(max(0, first))
            while block.isValid() and block.blockNumber() <= last and len(selections) < MAX_UNDERLINES:
                record = tracker.peek(block)
                if record is not None and record.spans:
                    if record.verified != tracker.generation:
                        tracker.verify(block, record)
                    top, bottom = (self._visible_part(block) if len(record.spans) > 64
                                   else (0, 1 << 62))
                    selections.extend(self._block_selections(block, record, top, bottom, cursor_position))
                block = block.next()
        self.count = len(selections)
        self.editor.set_extra_selection_layer(LAYER, selections[:MAX_UNDERLINES])  # type: ignore[attr-defined]

    def _block_selections(self, block: object, record: object, top: int, bottom: int,
                          cursor_position: int) -> list[QTextEdit.ExtraSelection]:
        base = block.position()  # type: ignore[attr-defined]
        spans = record.spans  # type: ignore[attr-defined]
        typing = record.id == self.controller.typing_record  # type: ignore[attr-defined]
        start_index = 0
        if len(spans) > 64:  # a long paragraph: only the spans on screen
            starts = [s.start for s in spans]
            start_index = max(0, bisect.bisect_left(starts, top - base) - 1)
        ignored = record.ignored  # type: ignore[attr-defined]
        document = block.document()  # type: ignore[attr-defined]
        made: list[QTextEdit.ExtraSelection] = []
        for span in spans[start_index:]:
            if base + span.start > bottom:
                break
            if base + span.end < top or span.issue.category in self.hidden_categories:
                continue
            if ignored and (span.issue.rule, span.issue.text) in ignored:
                continue
            if typing and base + span.start <= cursor_position <= base + span.end:
                continue  # the word being typed: wait until the writer moves on
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(base + span.start)
            cursor.setPosition(base + span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = self._formats[span.issue.category]
            made.append(selection)
            if len(made) >= (MAX_PER_LONG_BLOCK if start_index or len(spans) > 64 else MAX_UNDERLINES):
                break
        return made
