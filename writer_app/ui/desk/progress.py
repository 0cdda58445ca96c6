"""The quiet progress display in the status bar: today's words against today's target, and the session goal."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from writer_app.ui.desk.controller import DeskController
from writer_app.ui.i18n import translator

tr = translator("Desk")


def progress_text(today: int, target: int, session_words: int, session_goal: int, minutes: int,
                  minutes_goal: int) -> str:
    """"Today 450 / 1,000 · Session 320 / 500, 12 / 25 min": only the parts with a goal, today's words always."""
    parts = [tr("Today {0} / {1}").format(f"{today:,}", f"{target:,}") if target else
             tr("Today {0} words").format(f"{today:,}")]
    session = []
    if session_goal:
        session.append(tr("{0} / {1}").format(f"{session_words:,}", f"{session_goal:,}"))
    if minutes_goal:
        session.append(tr("{0} / {1} min").format(minutes, minutes_goal))
    if session:
        parts.append(tr("Session {0}").format(", ".join(session)))
    return " · ".join(parts)


class ProgressLabel(QWidget):
    """Text with a thin bar under it; shown once the writer set a goal, unless they turned progress off."""

    def __init__(self, desk: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskProgress")
        self.desk = desk
        self.text = ""
        self.fraction = 0.0
        desk.progress_changed.connect(self.refresh)
        desk.desk_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Recompute from the desk (cheap: a few additions); shown once the writer has set a goal."""
        project = self.desk.project
        goals = self.desk.goals()
        if project is None:
            self.setVisible(False)
            return
        today, target = self.desk.today_numbers()
        session = self.desk.tracker.session()
        minutes = int(session.seconds // 60)
        text = progress_text(today, target, session.net, goals.session_words, minutes, goals.session_minutes)
        fraction = min(1.0, today / target) if target else 0.0
        if text != self.text or fraction != self.fraction:
            self.text, self.fraction = text, fraction
            self.setToolTip(tr("Words written today (pasted text not counted), against today's target"))
            self.updateGeometry()
            self.update()
        has_goal = bool(target or goals.daily_words or goals.manuscript_words or goals.session_words
                        or goals.session_minutes)
        self.setVisible(goals.show_progress and has_goal)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As wide as the text."""
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text) + 12, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Narrow: in a crowded status bar the text is elided rather than widening the window."""
        return QSize(40, self.fontMetrics().height() + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """The text, and under it a 2-pixel bar when there is a target."""
        painter = QPainter(self)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        rect = self.rect().adjusted(6, 0, -6, -3)
        text = self.fontMetrics().elidedText(self.text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        if self.fraction > 0:
            bar = QRectF(6, self.height() - 3, (self.width() - 12) * self.fraction, 2)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
        painter.end()
