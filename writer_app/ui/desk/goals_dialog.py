"""The Goals dialog: manuscript target, deadline and writing days, daily and session goals, progress on/off."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from writer_app.core.goals import Goals
from writer_app.ui.i18n import translator

tr = translator("GoalsDialog")

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _words(maximum: int = 10_000_000, step: int = 500) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSingleStep(step)
    box.setGroupSeparatorShown(True)
    box.setSpecialValueText(tr("none"))
    return box


class GoalsDialog(QDialog):
    """Edits a copy of the goals; ``goals()`` returns the result after OK."""

    def __init__(self, goals: Goals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Goals"))
        self._original = goals
        self.manuscript = _words()
        self.manuscript.setSuffix(tr(" words"))
        self.manuscript.setValue(goals.manuscript_words)
        self.has_deadline = QCheckBox(tr("Finish by"), self)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        when = goals.deadline or date.today().replace(year=date.today().year + 1, day=1)
        self.deadline.setDate(QDate(when.year, when.month, when.day))
        self.has_deadline.setChecked(goals.deadline is not None)
        self.deadline.setEnabled(goals.deadline is not None)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline, 1)
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for number, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(tr(name), self)
            box.setChecked(number in goals.writing_days)
            self.days.append(box)
            days_row.addWidget(box)
        self.daily = _words(100_000, 100)
        self.daily.setSuffix(tr(" words"))
        self.daily.setValue(goals.daily_words)
        self.session_words = _words(100_000, 100)
        self.session_words.setSuffix(tr(" words"))
        self.session_words.setValue(goals.session_words)
        self.session_minutes = _words(24 * 60, 5)
        self.session_minutes.setSuffix(tr(" min"))
        self.session_minutes.setValue(goals.session_minutes)
        self.show_progress = QCheckBox(tr("Show progress in the status bar and the chapter list"), self)
        self.show_progress.setChecked(goals.show_progress)
        self.cap = QSpinBox(self)
        self.cap.setRange(1, 100_000)
        self.cap.setSuffix(tr(" MB"))
        self.cap.setValue(max(1, goals.snapshot_cap_mb))
        form = QFormLayout(self)
        explanation = QLabel(tr("With a target and a deadline, today's target is worked out every day from the "
                                "words still to write and the writing days left; without a deadline it is the daily "
                                "goal. Pasted text does not count as writing."), self)
        explanation.setWordWrap(True)
        form.addRow(explanation)
        form.addRow(tr("Manuscript target"), self.manuscript)
        form.addRow(tr("Deadline"), deadline_row)
        form.addRow(tr("Writing days"), days_row)
        form.addRow(tr("Daily goal"), self.daily)
        form.addRow(tr("Session goal"), self.session_words)
        form.addRow(tr("Session time"), self.session_minutes)
        form.addRow("", self.show_progress)
        form.addRow(tr("Snapshots cap"), self.cap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def goals(self) -> Goals:
        """The goals as edited (unknown keys of the original kept)."""
        picked = self.deadline.date()
        days = tuple(n for n, box in enumerate(self.days) if box.isChecked()) or tuple(range(7))
        return Goals(
            manuscript_words=self.manuscript.value(),
            deadline=date(picked.year(), picked.month(), picked.day()) if self.has_deadline.isChecked() else None,
            writing_days=days,
            daily_words=self.daily.value(),
            session_words=self.session_words.value(),
            session_minutes=self.session_minutes.value(),
            show_progress=self.show_progress.isChecked(),
            snapshot_cap_mb=self.cap.value(),
            extra=dict(self._original.extra),
        )
