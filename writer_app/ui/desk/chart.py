"""A bar chart of words per day, painted by hand (no web view, no QtCharts): written, pasted, the daily goal."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from writer_app.core.stats import DayTotal
from writer_app.ui.i18n import translator

tr = translator("Desk")

LEFT, RIGHT, TOP, BOTTOM = 48, 10, 10, 22


class DailyChart(QWidget):
    """Net written words per day as bars (pasted words stacked above in a muted colour), a dashed goal line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyChart")
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self._days: list[date] = []
        self._written: list[int] = []
        self._pasted: list[int] = []
        self._goal = 0
        self._top = 1

    def set_days(self, totals: list[DayTotal], first: date, last: date, goal: int) -> None:
        """Show every day from ``first`` to ``last`` (days without writing are empty)."""
        by_day = {t.day: t for t in totals}
        count = max(1, (last - first).days + 1)
        self._days = [first + timedelta(days=n) for n in range(count)]
        self._written = [by_day[d].net if d in by_day else 0 for d in self._days]
        self._pasted = [by_day[d].pasted if d in by_day else 0 for d in self._days]
        self._goal = goal
        self._top = max([w + p for w, p in zip(self._written, self._pasted, strict=True)] + [goal, 1])
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide and low."""
        return QSize(640, 220)

    def _plot(self) -> QRectF:
        return QRectF(LEFT, TOP, max(1, self.width() - LEFT - RIGHT), max(1, self.height() - TOP - BOTTOM))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Axes, bars, goal line and the first and last dates."""
        painter = QPainter(self)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        pasted = QColor(accent)
        pasted.setAlpha(90)
        plot = self._plot()
        painter.setPen(QPen(muted, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        metrics = self.fontMetrics()
        painter.drawText(QRectF(0, plot.top() - 2, LEFT - 6, metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight), f"{self._top:,}")
        painter.drawText(QRectF(0, plot.bottom() - metrics.height(), LEFT - 6, metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight), "0")
        if self._days:
            step = plot.width() / len(self._days)
            width = max(1.0, step * 0.75)
            scale = plot.height() / self._top
            for n, (written, extra) in enumerate(zip(self._written, self._pasted, strict=True)):
                x = plot.left() + n * step + (step - width) / 2
                if written:
                    painter.fillRect(QRectF(x, plot.bottom() - written * scale, width, written * scale), accent)
                if extra:
                    base = plot.bottom() - written * scale
                    painter.fillRect(QRectF(x, base - extra * scale, width, extra * scale), pasted)
            painter.setPen(QPen(muted))
            first, last = self._days[0].isoformat(), self._days[-1].isoformat()
            painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
                             int(Qt.AlignmentFlag.AlignLeft), first)
            painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight), last)
        if self._goal:
            y = plot.bottom() - self._goal * plot.height() / self._top
            pen = QPen(ink, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.end()

    def day_at(self, x: float) -> int | None:
        """The index of the day under the x coordinate."""
        plot = self._plot()
        if not self._days or not plot.left() <= x <= plot.right():
            return None
        return min(len(self._days) - 1, int((x - plot.left()) / (plot.width() / len(self._days))))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """A tooltip with the day's figures."""
        index = self.day_at(event.position().x())
        if index is None:
            QToolTip.hideText()
            return
        text = tr("{0}: {1} written, {2} pasted").format(self._days[index].strftime("%a %d %b %Y"),
                                                       f"{self._written[index]:,}", f"{self._pasted[index]:,}")
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
