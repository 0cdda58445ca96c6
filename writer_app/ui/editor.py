"""The chapter editor: a fast plain-text pane with a centred column, line spacing, zoom and selection layers."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from writer_app import qt_compat  # noqa: F401  (must run before heavy Qt use)
from writer_app.core.text import word_count
from writer_app.ui.huge_paragraph import (
    HugeParagraphBar,
    display_text,
    joined_blocks,
    joined_text,
    mark_joins,
    paste_in_pieces,
    split_for_good,
)
from writer_app.ui.line_spacing import NATIVE_LAYOUT_CHARS, SpacedPlainTextLayout

log = logging.getLogger(__name__)

MIN_FONT_SIZE = 6
MAX_FONT_SIZE = 72
DEFAULT_FONT_SIZE = 13
MIN_SIDE_MARGIN = 24
# A text this long fills any screen, so it will show the vertical scroll bar (a shorter one may or may not).
SCROLL_BAR_SURE_CHARS = 20_000
# Ordinary narrative prose (letter and punctuation mix) for measuring how wide N characters of text are.
PROSE_SAMPLE = ("It was late in the evening when she finally opened the letter, and for a long while she said "
                "nothing at all. \u201cWell,\u201d he asked, \u201cwhat does it say?\u201d She folded it twice.")


class ChapterEditor(QPlainTextEdit):
    """Plain-text chapter editor; other features decorate it through named extra-selection layers."""

    context_menu_about_to_show = Signal(QMenu, QTextCursor)
    viewport_changed = Signal()
    zoom_changed = Signal(int)
    text_edited = Signal()
    word_count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._text_width = 72
        self._base_font_size = DEFAULT_FONT_SIZE
        self._zoom = 0
        self._revision = 0
        self._loading = False
        self._read_only_wanted = False
        self._joins = 0  # blocks shown as pieces of an over-long paragraph (see huge_paragraph)
        self._saved_text: tuple[int, str] | None = None  # (revision, text as saved) while pieces are joined
        self._huge_bar = HugeParagraphBar(self)
        self._huge_bar.action_requested.connect(self.split_huge_paragraphs)
        self._layout = SpacedPlainTextLayout(self.document())
        self.document().setDocumentLayout(self._layout)
        self.setObjectName("chapterEditor")
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(False)
        self.setAutoFillBackground(True)
        self.document().setDocumentMargin(24)
        # One Python slot per edit and a cheap one per cursor move: these run on every keystroke.
        self.document().contentsChange.connect(self._on_contents_change)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self._words = 0
        self._record = (0, 0, 0, -1)  # start, length, words, block number of the cursor's block
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(400)
        self._recount_timer.timeout.connect(self._full_recount)
        self._block_count_timer = QTimer(self)  # recounts the cursor's paragraph when it is too long to do per key
        self._block_count_timer.setSingleShot(True)
        self._block_count_timer.setInterval(300)
        self._block_count_timer.timeout.connect(self._recount_block)
        self._joins_timer = QTimer(self)
        self._joins_timer.setSingleShot(True)
        self._joins_timer.setInterval(0)
        self._joins_timer.timeout.connect(self._recount_joins)
        self.verticalScrollBar().valueChanged.connect(self._emit_viewport_changed)
        self._viewport_timer = QTimer(self)
        self._viewport_timer.setSingleShot(True)
        self._viewport_timer.setInterval(0)
        self._viewport_timer.timeout.connect(self.viewport_changed.emit)
        self._margin_timer = QTimer(self)
        self._margin_timer.setSingleShot(True)
        self._margin_timer.setInterval(0)
        self._margin_timer.timeout.connect(self._update_margins)
        self._apply_font()

    # --- text --------------------------------------------------------------------------------------------------
    def set_chapter_text(self, text: str, words: int | None = None, keep_place: bool = False) -> None:
        """Replace the whole text (no undo history, not modified) and put the cursor at the start.

        ``words`` is the text's word count when the caller already knows it (saves a pass over big chapters).
        ``keep_place`` keeps the cursor and the scroll position (clamped to the new text) instead, for reloads.
        """
        place = (self.textCursor().position(), self.verticalScrollBar().value()) if keep_place else None
        shown, joins = display_text(text)
        # A text longer than any screen will show the scroll bar: show it first, so the text is wrapped once at
        # its final width (its appearing afterwards narrows the page and re-wraps the whole chapter, a stall).
        long_text = len(shown) > SCROLL_BAR_SURE_CHARS and not self.verticalScrollBar().isVisible()
        if long_text:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._loading = True
        try:
            self.setPlainText(shown)
            mark_joins(self.document(), joins)
        finally:
            self._loading = False
            if long_text:
                self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._huge_bar.was_told = bool(joins)
        self._saved_text = (self._revision, text) if joins else None
        self._set_joins(len(joins), tell=True, numbers=[number for number, _joiner in joins])
        self._recount_timer.stop()
        self._words = word_count(text) if words is None else words
        self.document().setModified(False)
        if place is None:
            self.moveCursor(QTextCursor.MoveOperation.Start)
        else:
            cursor = self.textCursor()
            cursor.setPosition(max(0, min(place[0], self.document().characterCount() - 1)))
            self.setTextCursor(cursor)
            scroll = self.verticalScrollBar()
            scroll.setValue(max(scroll.minimum(), min(place[1], scroll.maximum())))
        self._record_block()
        self._update_margins()
        self._emit_viewport_changed()

    def text(self) -> str:
        """The editor's whole text, as saved (pieces of an over-long paragraph joined back)."""
        if self._joins:
            saved = self._saved_text
            if saved is not None and saved[0] == self._revision:
                return saved[1]  # unchanged since it was loaded: the joined walk costs ~0.5 s at 50 MB
            text = joined_text(self.document())
            self._saved_text = (self._revision, text)
            return text
        return self.toPlainText()

    # --- over-long paragraphs ----------------------------------------------------------------------------------
    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt override)
        """Read-only when asked, and always while an over-long paragraph is shown in joined pieces."""
        self._read_only_wanted = bool(read_only)
        super().setReadOnly(self._read_only_wanted or self._joins > 0)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """Paste; a paste that makes a paragraph too long for the editor goes in as joined pieces, and is told."""
        if source.hasText() and not self.isReadOnly():
            cursor = self.textCursor()
            joined = paste_in_pieces(cursor, source.text())
            if joined is not None:
                self.setTextCursor(cursor)
                self._set_joins(len(joined_blocks(self.document())), tell=True)
                self._huge_bar.was_told = True
                return
        super().insertFromMimeData(source)

    def joined_pieces(self) -> int:
        """How many shown paragraphs are pieces of an over-long paragraph, joined to the one before when saved."""
        return self._joins

    def split_huge_paragraphs(self) -> int:
        """Make the pieces of over-long paragraphs real paragraphs (one undoable edit); returns how many."""
        cursor = QTextCursor(self.document())
        done = split_for_good(cursor, joined_blocks(self.document()))
        self._set_joins(0)
        return done

    def _set_joins(self, count: int, tell: bool = False, numbers: list[int] | None = None) -> None:
        """Follow ``count`` joined pieces (block ``numbers`` when known): read-only and the bar while any."""
        if count == self._joins and not tell:
            return
        self._joins = count
        super().setReadOnly(self._read_only_wanted or count > 0)
        if count == 0:
            self._huge_bar.hide()
            return
        if numbers is None:
            numbers = [block.blockNumber() for block in joined_blocks(self.document())]
        # Each run of consecutive joined blocks is one over-long paragraph (its first piece is not joined).
        paragraphs = sum(1 for index, number in enumerate(numbers) if index == 0 or number != numbers[index - 1] + 1)
        self._huge_bar.tell(paragraphs, count + paragraphs)
        self._place_huge_bar()

    def _recount_joins(self) -> None:
        """After an undo or redo of a split: follow how many pieces are joined again."""
        numbers = [block.blockNumber() for block in joined_blocks(self.document())]
        self._set_joins(len(numbers), numbers=numbers)

    def _place_huge_bar(self) -> None:
        self._huge_bar.place_over(self.viewport().geometry())

    def word_count(self) -> int:
        """Words in the editor, kept up to date incrementally while typing (``len(text.split())``)."""
        return self._words

    def _record_block(self) -> None:
        block = self.textCursor().block()
        self._record = (block.position(), block.length() - 1, len(block.text().split()), block.blockNumber())

    def _on_cursor_moved(self) -> None:
        if self.textCursor().blockNumber() != self._record[3]:
            if self._block_count_timer.isActive():
                self._block_count_timer.stop()
                self._recount_block()  # the paragraph left behind is counted before another is recorded
            self._record_block()

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        self._revision += 1
        if self._loading:
            return
        if (added > 1 or removed > 1) and (self._joins or self._huge_bar.was_told):
            self._joins_timer.start()  # the split, a paste in pieces, or the undo or redo of either: never one key
        self.text_edited.emit()
        start, length, words, number = self._record
        if number < 0 or self._recount_timer.isActive() or position < start or position + removed > start + length:
            self._record = (0, 0, 0, -1)
            self._recount_timer.start()
            return
        document = self.document()
        block = document.findBlock(position)
        if block.blockNumber() == number and block.contains(position + added):
            if block.length() > NATIVE_LAYOUT_CHARS:
                # A long paragraph: counting it costs per key what the paragraph is long; count it in a pause.
                self._record = (block.position(), block.length() - 1, words, number)
                self._block_count_timer.start()
                return
            # Typing within one paragraph (nearly every keystroke): count that paragraph once.
            now = len(block.text().split())
            self._record = (block.position(), block.length() - 1, now, number)
            if now != words:  # most keystrokes extend a word: no signal, no listener runs
                self._words += now - words
                self.word_count_changed.emit(self._words)
            return
        block = document.findBlock(start)
        last = document.findBlock(position + added).blockNumber()
        total = 0
        while block.isValid() and block.blockNumber() <= last:
            total += len(block.text().split())
            block = block.next()
        self._words += total - words
        self._record_block()
        self.word_count_changed.emit(self._words)

    def _recount_block(self) -> None:
        """Count the cursor's (long) paragraph again after typing paused in it."""
        start, _length, words, number = self._record
        block = self.document().findBlock(start)
        if number < 0 or not block.isValid() or block.blockNumber() != number:
            self._full_recount()
            return
        now = len(block.text().split())
        self._record = (block.position(), block.length() - 1, now, number)
        if now != words:
            self._words += now - words
            self.word_count_changed.emit(self._words)

    def _full_recount(self) -> None:
        self._words = word_count(self.toPlainText())
        self._record_block()
        self.word_count_changed.emit(self._words)

    @property
    def revision(self) -> int:
        """A counter bumped by every change to the text (loading a chapter included)."""
        return self._revision

    # --- layers --------------------------------------------------------------------------------------------------
    def set_extra_selection_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one named layer of extra selections ("find", "issues", "mentions", ...) and repaint."""
        if selections:
            self._layers[name] = list(selections)
        elif self._layers.pop(name, None) is None:
            return
        merged: list[QTextEdit.ExtraSelection] = []
        for layer in self._layers.values():
            merged.extend(layer)
        self.setExtraSelections(merged)

    def extra_selection_layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        """The selections currently in one named layer."""
        return list(self._layers.get(name, ()))

    # --- viewport ----------------------------------------------------------------------------------------------
    def visible_block_range(self) -> tuple[int, int]:
        """First and last block numbers (at least partly) visible in the viewport."""
        self._space_visible_blocks()
        block = self.firstVisibleBlock()
        if not block.isValid():
            return (0, 0)
        first = block.blockNumber()
        last = first
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            if block.isVisible():
                last = block.blockNumber()
            block = block.next()
        return (first, last)

    def go_to(self, position: int, length: int = 0) -> None:
        """Select the span at Qt ``position`` (UTF-16 units) of ``length`` and centre it in the view."""
        end_limit = max(0, self.document().characterCount() - 1)
        start = max(0, min(position, end_limit))
        end = max(0, min(position + max(0, length), end_limit))
        cursor = self.textCursor()
        cursor.setPosition(start)
        if end != start:
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def _emit_viewport_changed(self, *_args: object) -> None:
        self._viewport_timer.start()

    # --- appearance --------------------------------------------------------------------------------------------
    def set_editor_font(self, family: str, size: int) -> None:
        """Set the text font family and base point size (before zoom)."""
        self._font_family = family
        self._base_font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size) or DEFAULT_FONT_SIZE))
        self._apply_font()

    def editor_font(self) -> QFont:
        """The font in use, zoom included."""
        return self.font()

    def set_line_spacing(self, factor: float) -> None:
        """Space lines ``factor`` times their natural height (1.0-2.0)."""
        self._layout.set_spacing(max(1.0, min(2.0, float(factor))))
        self._space_visible_blocks()
        self.viewport().update()
        self._emit_viewport_changed()

    def line_spacing(self) -> float:
        """The current line spacing factor."""
        return self._layout.spacing()

    def set_text_width(self, characters: int) -> None:
        """Set the width of the centred text column, in average characters."""
        self._text_width = max(20, min(400, int(characters)))
        self._update_margins()

    def text_width(self) -> int:
        """The width of the text column in characters."""
        return self._text_width

    def set_colors(self, background: str, foreground: str) -> None:
        """Paint the page (column and margins) and the text in the given colours."""
        palette = self.palette()
        for role, value in ((QPalette.ColorRole.Base, background), (QPalette.ColorRole.Window, background),
                            (QPalette.ColorRole.Text, foreground)):
            palette.setColor(role, QColor(value))
        self.setPalette(palette)
        self.viewport().setPalette(palette)
        self.setStyleSheet(f"QPlainTextEdit#chapterEditor {{ background-color: {background}; color: {foreground};"
                           " border: none; }")

    # --- zoom --------------------------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        """Zoom in point-size steps relative to the chosen font size."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom to ``steps`` points bigger (or smaller) than the chosen size."""
        low = MIN_FONT_SIZE - self._base_font_size
        high = MAX_FONT_SIZE - self._base_font_size
        steps = max(low, min(high, int(steps)))
        if steps == self._zoom:
            return
        self._zoom = steps
        self._apply_font()
        self.zoom_changed.emit(steps)

    def zoom_in(self) -> None:
        """Make the text one point bigger."""
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        """Make the text one point smaller."""
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        """Back to the chosen font size."""
        self.set_zoom(0)

    def _apply_font(self) -> None:
        font = QFont(getattr(self, "_font_family", "") or self.font().family())
        font.setPointSizeF(self._base_font_size + self._zoom)
        font.setStyleHint(QFont.StyleHint.Serif, QFont.StyleStrategy.PreferAntialias)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._layout.invalidate()
        self._update_margins()
        self._emit_viewport_changed()

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        # averageCharWidth() is the font's mean over all glyphs (capitals, digits, wide symbols): real prose is
        # narrower, so "72 characters" wrapped at ~65. Measure a typical sentence instead, plus the word that
        # would not fit at the end of a line (lines break between words: ~6 characters early on average).
        per_char = metrics.horizontalAdvance(PROSE_SAMPLE) / len(PROSE_SAMPLE)
        column = per_char * (self._text_width + 6) + 2 * self.document().documentMargin() + 2
        available = self.width() - self.verticalScrollBar().sizeHint().width()
        side = max(MIN_SIDE_MARGIN, int((available - column) / 2))
        if side * 2 > available - 100:
            side = MIN_SIDE_MARGIN if available > 2 * MIN_SIDE_MARGIN + 100 else 0
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)
            # QPlainTextEdit re-wraps only on a width change of its own resize event.
            super().resizeEvent(QResizeEvent(self.size(), QSize(-1, -1)))
            self._layout.invalidate()

    # --- events ------------------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Keep the text column centred."""
        self._update_margins()
        super().resizeEvent(event)
        self._layout.invalidate()
        if self._huge_bar.isVisible():
            self._place_huge_bar()
        self._emit_viewport_changed()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Space any visible block Qt laid out lazily, then paint (no Python work while just typing)."""
        self._space_visible_blocks()
        super().paintEvent(event)

    def _space_visible_blocks(self) -> None:
        if self._layout.spacing() == 1.0:
            return
        first = self.firstVisibleBlock()
        if first.isValid():
            # Spacing the first block moves the view's offset into it (it scrolls by lines): space it before
            # measuring where it starts, or every block below is placed too high and the last may stay unspaced.
            self._layout.ensure_spaced(first)
            top = self.blockBoundingGeometry(first).translated(self.contentOffset()).top()
            self._layout.space_visible_blocks(first, top, float(self.viewport().height()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        """Show the standard menu after features had a chance to add their actions at the top."""
        menu = self.createStandardContextMenu(event.pos())
        show_shortcuts(menu)
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            cursor = self.cursorForPosition(event.pos())
        else:
            cursor = QTextCursor(self.textCursor())
        self.context_menu_about_to_show.emit(menu, cursor)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        """Ctrl+wheel zooms; plain wheel scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Typing keeps the cursor line away from the very bottom of the view."""
        super().keyPressEvent(event)
        if event.text():
            rect = self.cursorRect()
            limit = self.viewport().height() - 3 * rect.height()
            if rect.bottom() > limit > 0:
                scroll = self.verticalScrollBar()
                scroll.setValue(scroll.value() + 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Recompute the column when the style or font changes (not ``event()``: that runs for every event)."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._margin_timer.start()
        super().changeEvent(event)


_MENU_SHORTCUTS = {
    "edit-undo": QKeySequence.StandardKey.Undo, "edit-redo": QKeySequence.StandardKey.Redo,
    "edit-cut": QKeySequence.StandardKey.Cut, "edit-copy": QKeySequence.StandardKey.Copy,
    "edit-paste": QKeySequence.StandardKey.Paste, "select-all": QKeySequence.StandardKey.SelectAll,
}


def show_shortcuts(menu: QMenu) -> None:
    """Give every standard edit action its shortcut text, so Undo shows Ctrl+Z like Redo shows its own."""
    for action in menu.actions():
        key = _MENU_SHORTCUTS.get(action.objectName())
        if key is None:
            continue
        label = action.text().split("\t", 1)[0]
        sequence = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        if sequence:
            action.setText(f"{label}\t{sequence}")


def default_font_family() -> str:
    """A comfortable serif for long prose, from what is installed."""
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    families = set(QFontDatabase.families())
    for name in ("Literata", "Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif"):
        if name in families:
            return name
    return QApplication.font().family()


def make_selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """Build one ExtraSelection from a cursor span and a QTextCharFormat."""
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection

