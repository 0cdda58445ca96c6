"""A heat map of mentions per chapter, one row per character, drawn with QPainter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ROW_HEIGHT = 20
MIN_ROW_HEIGHT = 8
MAX_FULL_ROWS = 10  # with more rows the chart keeps its height and the rows get thinner
AXIS_HEIGHT = 18
MARGIN = 6
LABEL_MAX = 110


@dataclass(frozen=True)
class ChartRow:
    """One character's mentions per chapter, in chapter order."""

    name: str
    color: str
    counts: tuple[int, ...]


class MentionChart(QWidget):
    """Rows of cells, one per chapter: the stronger the colour, the more mentions; grey cells mean absent."""

    chapter_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._rows: list[ChartRow] = []
        self._current = -1
        self._empty_text = self.tr("Select characters to see where they appear.")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Mentions per chapter"))

    # -- data ------------------------------------------------------------------------------------------------
    def set_data(self, titles: list[str], rows: list[ChartRow], current: int = -1) -> None:
        """Show ``rows`` over the chapters named ``titles``; ``current`` marks the open chapter."""
        self._titles = list(titles)
        self._rows = list(rows)
        self._current = current
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def set_current(self, index: int) -> None:
        """Outline the column of the chapter open in the editor."""
        if index != self._current:
            self._current = index
            self.update()

    def rows(self) -> list[ChartRow]:
        """The rows shown."""
        return list(self._rows)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = min(MAX_FULL_ROWS, max(2, len(self._rows)))
        return QSize(280, MARGIN * 2 + AXIS_HEIGHT + ROW_HEIGHT * rows)

    def row_height(self) -> float:
        """The height of one row: full size, or thinner when many characters are compared."""
        if not self._rows:
            return ROW_HEIGHT
        room = self.height() - MARGIN * 2 - AXIS_HEIGHT
        return max(MIN_ROW_HEIGHT, min(ROW_HEIGHT, room / len(self._rows)))

    # -- geometry --------------------------------------------------------------------------------------------
    def _label_width(self) -> int:
        """The label column: the widest name, and never narrower than the axis title ("Chapter") measured."""
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(row.name) for row in self._rows), default=0)
        axis = metrics.horizontalAdvance(self._axis_title())
        return max(min(LABEL_MAX, widest + 8), axis + 8)

    def _axis_title(self) -> str:
        return self.tr("Chapter")

    def _grid(self) -> QRectF:
        left = MARGIN + self._label_width()
        return QRectF(left, MARGIN, max(1.0, self.width() - left - MARGIN), self.row_height() * len(self._rows))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, chapter index) under a point, or None."""
        grid = self._grid()
        if not self._titles or not self._rows or not grid.contains(QPointF(x, y)):
            return None
        column = int((x - grid.left()) / grid.width() * len(self._titles))
        row = int((y - grid.top()) / self.row_height())
        return min(row, len(self._rows) - 1), min(column, len(self._titles) - 1)

    # -- painting --------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_color = palette.color(QPalette.ColorRole.Text)
        if not self._rows or not self._titles:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text)
            painter.end()
            return
        grid = self._grid()
        columns = len(self._titles)
        width = grid.width() / columns
        empty = palette.color(QPalette.ColorRole.AlternateBase)
        if empty == palette.color(QPalette.ColorRole.Base):
            empty = empty.darker(106)
        metrics = QFontMetrics(self.font())
        gap = 1.0 if width >= 4 else 0.0
        row_height = self.row_height()
        inset = 2.0 if row_height >= 14 else 0.5
        for r, row in enumerate(self._rows):
            top = grid.top() + r * row_height
            painter.setPen(text_color)
            if row_height >= metrics.height() - 2:
                label = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, self._label_width() - 6)
                painter.drawText(QRectF(MARGIN, top, self._label_width() - 6, row_height - 2),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            peak = max(row.counts, default=0) or 1
            base = QColor(row.color or "#3b82f6")
            for c, count in enumerate(row.counts[:columns]):
                cell = QRectF(grid.left() + c * width, top + inset, max(1.0, width - gap), row_height - 2 * inset - 1)
                if count <= 0:
                    painter.fillRect(cell, empty)
                    continue
                color = QColor(base)
                strength = 0.25 + 0.75 * (count / peak)
                color.setAlphaF(strength)
                painter.fillRect(cell, color)
                label = str(count)
                if metrics.horizontalAdvance(label) + 4 <= cell.width() and cell.height() >= metrics.height() - 2:
                    painter.setPen(QColor("white") if strength > 0.6 else text_color)
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, label)
        if 0 <= self._current < columns:
            pen = QPen(text_color)
            pen.setWidthF(1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(grid.left() + self._current * width, grid.top(), max(2.0, width),
                                    grid.height()).adjusted(0, 0, -1, -1))
        self._paint_axis(painter, grid, columns, width, metrics)
        painter.end()

    def _paint_axis(self, painter: QPainter, grid: QRectF, columns: int, width: float,
                    metrics: QFontMetrics) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        top = grid.bottom() + 2
        painter.drawText(QRectF(MARGIN, top, self._label_width() - 6, AXIS_HEIGHT), Qt.AlignmentFlag.AlignLeft,
                         self._axis_title())
        step = max(1, _nice_step(columns, grid.width() / max(1, metrics.horizontalAdvance("0000"))))
        marks = [1, *range(step, columns + 1, step)]
        if marks[-1] != columns:
            marks.append(columns)
        last_right = -1e9
        for number in marks:
            x = grid.left() + (number - 0.5) * width
            text = str(number)
            w = metrics.horizontalAdvance(text)
            left = min(max(grid.left(), x - w / 2), grid.right() - w)
            if left < last_right + 4:
                continue
            painter.drawText(QRectF(left, top, w + 2, AXIS_HEIGHT), Qt.AlignmentFlag.AlignLeft, text)
            last_right = left + w

    # -- interaction -----------------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is None:
            QToolTip.hideText()
            return
        row, column = hit
        count = self._rows[row].counts[column] if column < len(self._rows[row].counts) else 0
        tip = (self.tr("{chapter} ({number}): {name}, one mention") if count == 1 else
               self.tr("{chapter} ({number}): {name}, {count} mentions")).format(
            chapter=self._titles[column], number=column + 1, name=self._rows[row].name, count=count)
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.chapter_clicked.emit(hit[1])


def _nice_step(columns: int, room: float) -> int:
    """A round tick spacing (1, 2, 5, 10, 20, 50...) that fits about ``room`` labels."""
    if room <= 0:
        return columns
    raw = columns / max(1.0, room)
    step = 1
    while step < raw:
        for factor in (2, 5, 10):
            candidate = step * factor
            if candidate >= raw:
                return candidate
        step *= 10
    return step
