"""The manuscript search results: hits grouped by chapter with their surrounding words; only visible rows are built.

The model keeps each chapter's text and the spans of its hits; a row's words are cut from the text when the
view asks for that row (it asks only for the rows on screen), so 34,000 hits cost two integers each.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from writer_app.core.search import ChapterHits, SearchQuery, replacement_at, surrounding_words
from writer_app.ui.i18n import translator

tr = translator("SearchResults")

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (before, match, after, replacement or None) for a hit row
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class HitPlace:
    """Where one hit is: its chapter, its code-point span, and the text it was found in."""

    chapter_id: str
    start: int
    end: int
    text: str


class SearchResultsModel(QAbstractItemModel):
    """Chapters (top rows) and their hits (child rows); rows are appended as the search finds them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chapters: list[ChapterHits] = []
        self.total = 0
        self.query: SearchQuery | None = None
        self.replacement: str | None = None

    def clear(self, query: SearchQuery | None = None) -> None:
        """Forget every hit (a new search begins)."""
        self.beginResetModel()
        self.chapters = []
        self.total = 0
        self.query = query
        self.endResetModel()

    def add(self, batch: list[ChapterHits]) -> None:
        """Append chapters with their hits, in reading order."""
        if not batch:
            return
        first = len(self.chapters)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self.chapters.extend(batch)
        self.total += sum(len(hits.spans) for hits in batch)
        self.endInsertRows()

    def set_replacement(self, replacement: str | None) -> None:
        """Show each hit as it would read after replacing (None: no preview)."""
        if replacement == self.replacement:
            return
        self.replacement = replacement
        if self.chapters:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.chapters) - 1, 0))
            for row in range(len(self.chapters)):
                parent = self.index(row, 0)
                count = len(self.chapters[row].spans)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))

    def place(self, index: Index) -> HitPlace | None:
        """The hit a row stands for (None for a chapter row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        hits = self.chapters[index.internalId() - 1]
        start, end = hits.spans[index.row()]
        return HitPlace(hits.chapter_id, start, end, hits.text)

    # ---------------------------------------------------------------------------------------- model API
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Chapter rows carry id 0; a hit row carries its chapter's row + 1."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.chapters) else QModelIndex()
        if parent.internalId() != 0 or row >= len(self.chapters[parent.row()].spans):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A hit's chapter row; nothing for a chapter row."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        """Chapters at the top, hits under a chapter."""
        if not parent.isValid():
            return len(self.chapters)
        if parent.internalId() == 0:
            return len(self.chapters[parent.row()].spans)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        """One column."""
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A chapter's title and count, or a hit's surrounding words (built when asked)."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            hits = self.chapters[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("{0} ({1})").format(hits.title, len(hits.spans))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, HIT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        hits = self.chapters[index.internalId() - 1]
        start, end = hits.spans[index.row()]
        before, match, after = surrounding_words(hits.text, start, end)
        new = None
        if self.replacement is not None and self.query is not None:
            new = replacement_at(self.query, hits.text, start, self.replacement)
        if role == HIT_ROLE:
            return before, match, after, new
        shown = match if new is None else f"{match} → {new}"
        return f"{before}{shown}{after}"


class HitDelegate(QStyledItemDelegate):
    """Paints a hit row as its words before, the match (highlighted; struck out beside its replacement), after."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Three runs of text on one line, the words before cut from the left to keep the match in view."""
        parts = index.data(HIT_ROLE)
        if parts is None:
            super().paint(painter, option, index)
            return
        before, match, after, new = parts
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(group))
        rect = option.rect.adjusted(4, 0, -4, 0)
        plain = QFontMetrics(option.font)
        bold_font = QFont(option.font)
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        struck_font = QFont(option.font)
        struck_font.setStrikeOut(new is not None)
        match_width = (QFontMetrics(struck_font).horizontalAdvance(match)
                       + (bold.horizontalAdvance(" " + new) if new is not None else 0))
        room = max(0, rect.width() // 3 if rect.width() > 3 * match_width else (rect.width() - match_width) // 2)
        before = plain.elidedText(before, Qt.TextElideMode.ElideLeft, room) if before else ""
        x = rect.left()
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for text, font in ((before, option.font), (match, struck_font if new is not None else bold_font),
                           (f" {new}" if new is not None else "", bold_font), (after, option.font)):
            if not text or x >= rect.right():
                continue
            painter.setFont(font)
            metrics = QFontMetrics(font)
            width = rect.right() - x
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(x, rect.top(), width, rect.height()), flags, shown)
            x += metrics.horizontalAdvance(shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt override)
        """One line of text."""
        return QSize(200, QFontMetrics(option.font).height() + 6)


class SearchResultsView(QTreeView):
    """The result list: chapters expanded as they arrive; clicking a hit asks to jump to it."""

    hit_activated = Signal(object)  # HitPlace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.results = SearchResultsModel(self)
        self.setModel(self.results)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # the view then asks only for the rows it shows
        self.setItemDelegate(HitDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.rowsInserted.connect(self._expand_new)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def _expand_new(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.setExpanded(self.results.index(row, 0), True)

    def _on_activated(self, index: QModelIndex) -> None:
        place = self.results.place(index)
        if place is not None:
            self.hit_activated.emit(place)

    def step(self, forward: bool) -> HitPlace | None:
        """Select the next (or previous) hit, wrapping around, and return it."""
        model = self.results
        if model.total == 0:
            return None
        current = self.currentIndex()
        flat = self._flat_position(current)
        if flat is None:
            target = 0 if forward else model.total - 1
        else:
            target = (flat + (1 if forward else -1)) % model.total
        index = self._index_at(target)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return model.place(index)

    def _flat_position(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:  # a chapter row: just before its first hit
            chapter, row = index.row(), -1
        else:
            chapter, row = index.internalId() - 1, index.row()
        before = sum(len(hits.spans) for hits in self.results.chapters[:chapter])
        return before + row if row >= 0 else max(-1, before - 1)

    def _index_at(self, flat: int) -> QModelIndex:
        for row, hits in enumerate(self.results.chapters):
            if flat < len(hits.spans):
                return self.results.index(flat, 0, self.results.index(row, 0))
            flat -= len(hits.spans)
        return QModelIndex()
