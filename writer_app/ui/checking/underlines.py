"""Wavy underlines for the visible paragraphs, on the editor's "issues" extra-selection layer."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit
from shiboken6 import isValid

from writer_app.grammar.model import Category
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.spans import single_shot_timer

LAYER = "issues"
# Most underlines one rebuild may create (a pasted novel-sized paragraph must not build 100,000 of them).
MAX_UNDERLINES = 600
# Most underlines inside one very long paragraph: each costs Qt a scan of the paragraph's layout.
MAX_PER_LONG_BLOCK = 120

# Underline and heading colours per category, one set per page brightness; each is then nudged until it reads
# at >= MIN_CONTRAST against the actual background (a custom or system palette may differ from ours).
LIGHT_COLORS: dict[Category, str] = {
    Category.SPELLING: "#c62828",  # red
    Category.NAMES: "#8e24aa",  # purple
    Category.GRAMMAR: "#1e64c8",  # blue
    Category.WORD_CHOICE: "#1e64c8",
    Category.PUNCTUATION: "#a65400",  # amber
    Category.TYPOGRAPHY: "#a65400",
    Category.STYLE: "#2a7a4b",  # green
}
DARK_COLORS: dict[Category, str] = {
    Category.SPELLING: "#ff7a7a",
    Category.NAMES: "#d59cf0",
    Category.GRAMMAR: "#7fb0ff",
    Category.WORD_CHOICE: "#7fb0ff",
    Category.PUNCTUATION: "#f2b84b",
    Category.TYPOGRAPHY: "#f2b84b",
    Category.STYLE: "#5fcf8f",
}
CATEGORY_COLORS = LIGHT_COLORS  # the light set (kept for callers that have no background at hand)
MIN_CONTRAST = 4.5


def luminance(color: QColor) -> float:
    """WCAG relative luminance of ``color``."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: QColor) -> bool:
    """True for a dark page or panel (light text reads better on it than dark text)."""
    return contrast(background, QColor("#ffffff")) > contrast(background, QColor("#000000"))


def readable(color: QColor, background: QColor, ratio: float = MIN_CONTRAST) -> QColor:
    """``color`` made lighter (dark background) or darker (light background) until it reaches ``ratio``."""

    def nudged(lighter: bool) -> QColor:
        target = QColor("#ffffff" if lighter else "#000000")
        result = QColor(color)
        for step in range(1, 21):  # blend towards white or black, 5 % at a time
            if contrast(result, background) >= ratio:
                break
            share = step / 20
            result = QColor.fromRgbF(*(a + (b - a) * share for a, b in (
                (color.redF(), target.redF()), (color.greenF(), target.greenF()), (color.blueF(), target.blueF()))))
        return result

    first = nudged(is_dark(background))
    if contrast(first, background) >= ratio:
        return first
    second = nudged(not is_dark(background))
    return max(first, second, key=lambda c: contrast(c, background))


def category_color(category: Category, background: QColor | None = None) -> QColor:
    """The colour of a category on ``background`` (the light page when none is given), readable on it."""
    if background is None:
        return QColor(LIGHT_COLORS.get(category, "#707070"))
    table = DARK_COLORS if is_dark(background) else LIGHT_COLORS
    return readable(QColor(table.get(category, "#909090" if is_dark(background) else "#707070")), background)


def page_color(widget: object) -> QColor:
    """The background a widget paints text on (its palette's Base colour)."""
    return widget.palette().color(QPalette.ColorRole.Base)  # type: ignore[attr-defined]


class UnderlineLayer(QObject):
    """Rebuild the "issues" layer of the visible blocks when results, edits or the viewport change."""

    def __init__(self, editor: object, controller: CheckingController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.controller = controller
        self.hidden_categories: set[Category] = set()
        self._background = QColor()
        self._formats: dict[Category, QTextCharFormat] = {}
        self._update_formats()
        self._timer = single_shot_timer(self, 0)
        self._timer.timeout.connect(self.refresh)
        controller.underlines_stale.connect(self.schedule)
        editor.viewport_changed.connect(self.schedule)  # type: ignore[attr-defined]
        app = QGuiApplication.instance()
        if app is not None:  # a theme change: the window repaints the page, then the next refresh recolours
            palette_changed = getattr(app, "paletteChanged", None)
            if palette_changed is not None:
                palette_changed.connect(self.schedule)
            QGuiApplication.styleHints().colorSchemeChanged.connect(self.schedule)
        self.count = 0

    def _update_formats(self) -> bool:
        """Pick the colours for the editor's page; True when they changed."""
        background = page_color(self.editor)
        if background == self._background and self._formats:
            return False
        self._background = background
        self._formats = {category: self._format(category, background) for category in Category}
        return True

    @staticmethod
    def _format(category: Category, background: QColor) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        color = category_color(category, background)
        fmt.setUnderlineColor(color)
        tint = QColor(color)
        tint.setAlpha(48 if is_dark(background) else 28)  # a faint wash: a thin wave alone is easy to miss
        fmt.setBackground(tint)
        return fmt

    def color_of(self, category: Category) -> QColor:
        """The underline colour now used for ``category``."""
        return self._formats[category].underlineColor()

    def follow_palette(self) -> None:
        """Recolour for the editor's current page (a theme change) and rebuild soon when the colours changed."""
        if self._update_formats():
            self.schedule()

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
        if not isValid(self.editor):  # the editor is gone (a closed window): an app-wide theme signal came late
            return
        self._update_formats()  # no per-keystroke event filter: the page colour is looked at here
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
        document = block.document()  # type: ignore[attr-defined]
        made: list[QTextEdit.ExtraSelection] = []
        for span in spans[start_index:]:
            if base + span.start > bottom:
                break
            if base + span.end < top or span.issue.category in self.hidden_categories:
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
