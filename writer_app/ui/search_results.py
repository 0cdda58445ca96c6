"""The manuscript search results: hits grouped by chapter with their surrounding words; only visible rows are built.

The model keeps each chapter's text and the spans of its hits; a row's words are cut from the text when the
view asks for that row (it asks only for the rows on screen), so 34,000 hits cost two integers each.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
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


class SearchResultsModel(QAbstractListModel):
    """One flat list: each chapter's row (title and count) followed by its hits; appended as they are found.

    Flat, so the view never walks the hits to lay them out; it asks only for the rows on screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chapters: list[ChapterHits] = []
        self._firsts: list[int] = []  # the row of each chapter's title row
        self._rows = 0
        self.total = 0
        self.query: SearchQuery | None = None
        self.replacement: str | None = None

    def clear(self, query: SearchQuery | None = None) -> None:
        """Forget every hit (a new search begins)."""
        self.beginResetModel()
        self.chapters, self._firsts = [], []
        self._rows = self.total = 0
        self.query = query
        self.endResetModel()

    def add(self, batch: list[ChapterHits]) -> None:
        """Append chapters with their hits, in reading order."""
        if not batch:
            return
        added = sum(len(hits.spans) + 1 for hits in batch)
        self.beginInsertRows(QModelIndex(), self._rows, self._rows + added - 1)
        for hits in batch:
            self.chapters.append(hits)
            self._firsts.append(self._rows)
            self._rows += len(hits.spans) + 1
            self.total += len(hits.spans)
        self.endInsertRows()

    def set_replacement(self, replacement: str | None) -> None:
        """Show each hit as it would read after replacing (None: no preview)."""
        if replacement == self.replacement:
            return
        self.replacement = replacement
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, 0))

    def locate(self, row: int) -> tuple[int, int]:
        """(chapter number, hit number) of a row; the hit number is -1 for a chapter's title row."""
        chapter = bisect.bisect_right(self._firsts, row) - 1
        return chapter, row - self._firsts[chapter] - 1

    def row_of(self, chapter: int, hit: int) -> int:
        """The row of a chapter's hit (-1: its title row)."""
        return self._firsts[chapter] + hit + 1

    def place(self, index: Index) -> HitPlace | None:
        """The hit a row stands for (None for a chapter's title row)."""
        if not index.isValid() or not 0 <= index.row() < self._rows:
            return None
        chapter, hit = self.locate(index.row())
        if hit < 0:
            return None
        hits = self.chapters[chapter]
        start, end = hits.spans[hit]
        return HitPlace(hits.chapter_id, start, end, hits.text)

    def hit_number(self, index: Index) -> int | None:
        """Position of a row's hit among all hits (a title row: just before its chapter's first hit)."""
        if not index.isValid():
            return None
        chapter, _hit = self.locate(index.row())
        return index.row() - chapter - 1

    def index_of_hit(self, number: int) -> QModelIndex:
        """The row of the ``number``-th hit of the whole list."""
        for chapter, hits in enumerate(self.chapters):
            if number < len(hits.spans):
                return self.index(self.row_of(chapter, number), 0)
            number -= len(hits.spans)
        return QModelIndex()

    # ---------------------------------------------------------------------------------------- model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        """Title rows and hit rows."""
        return 0 if parent.isValid() else self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A chapter's title and count, or a hit's surrounding words (built when asked)."""
        if not index.isValid() or not 0 <= index.row() < self._rows:
            return None
        chapter, hit = self.locate(index.row())
        hits = self.chapters[chapter]
        if hit < 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("{0} ({1})").format(hits.title, len(hits.spans))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, HIT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        start, end = hits.spans[hit]
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


class SearchResultsView(QTableView):
    """The result list: chapter title rows, each followed by its hits; clicking a hit asks to jump to it.

    A one-column table with fixed row heights: its row header keeps the rows as spans, so adding 47,000 hits
    costs no per-row layout (a list view walks every row) and only the rows on screen are asked for.
    """

    hit_activated = Signal(object)  # HitPlace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.results = SearchResultsModel(self)
        self.setModel(self.results)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QFontMetrics(self.font()).height() + 6)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setItemDelegate(HitDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

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
        number = model.hit_number(current)
        if number is None:
            target = 0 if forward else model.total - 1
        elif model.place(current) is None:  # a title row: its first hit, or the one before it
            target = number + 1 if forward else number
        else:
            target = number + 1 if forward else number - 1
        index = model.index_of_hit(target % model.total)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return model.place(index)
