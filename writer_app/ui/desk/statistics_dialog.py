"""The Statistics view: words per day, streak, pace, projected finish, chapters and targets, reading time, pastes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.history import WRITTEN
from writer_app.core.stats import Statistics
from writer_app.ui.desk.chart import DailyChart
from writer_app.ui.desk.controller import DeskController
from writer_app.ui.i18n import translator

tr = translator("StatisticsDialog")

RANGES = ((30, "Last 30 days"), (91, "Last 3 months"), (365, "Last year"), (0, "All"))
ENTRY_ROLE = Qt.ItemDataRole.UserRole


def reading_time(minutes: int) -> str:
    """"3 h 20 min" or "45 min"."""
    return tr("{0} min").format(minutes) if minutes < 60 else tr("{0} h {1:02d} min").format(minutes // 60,
                                                                                             minutes % 60)


def _cell(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class StatisticsDialog(QDialog):
    """Figures at the top, the chart in the middle, chapters and pasted text in tabs below."""

    def __init__(self, desk: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDialog")
        self.setWindowTitle(tr("Statistics"))
        self.desk = desk
        self.stats: Statistics | None = None
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = (("words", tr("Manuscript")), ("today", tr("Today")), ("streak", tr("Streak")),
                 ("pace", tr("Average pace")), ("finish", tr("Projected finish")), ("reading", tr("Reading time")))
        for n, (key, caption) in enumerate(names):
            label = QLabel(caption, self)
            label.setObjectName("sectionLabel")
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            value.setFont(font)
            self.figures[key] = value
            grid.addWidget(label, 0, n)
            grid.addWidget(value, 1, n)
        self.range = QComboBox(self)
        for days, label in RANGES:
            self.range.addItem(tr(label), days)
        self.range.currentIndexChanged.connect(lambda _index: self._fill_chart())
        self.chart = DailyChart(self)
        chart_header = QHBoxLayout()
        chart_header.addWidget(QLabel(tr("Words written per day (pasted text lighter, the daily goal dashed)"), self),
                               1)
        chart_header.addWidget(self.range)
        self.chapters = QTableWidget(0, 5, self)
        self.chapters.setHorizontalHeaderLabels([tr("Chapter"), tr("Status"), tr("Words"), tr("Target"), tr("Done")])
        self.chapters.verticalHeader().setVisible(False)
        self.chapters.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pasted = QTableWidget(0, 3, self)
        self.pasted.setHorizontalHeaderLabels([tr("Day"), tr("Chapter"), tr("Words pasted")])
        self.pasted.verticalHeader().setVisible(False)
        self.pasted.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pasted.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count_as_written = QPushButton(tr("Count as Written"), self)
        self.count_as_written.setToolTip(tr("This was your own writing (e.g. drafted elsewhere): count it towards "
                                            "your goals"))
        self.count_as_written.clicked.connect(self._reclassify_selected)
        pasted_page = QWidget(self)
        pasted_layout = QVBoxLayout(pasted_page)
        pasted_layout.addWidget(QLabel(tr("Pastes and imports of more than 300 words are kept apart from writing."),
                                       pasted_page))
        pasted_layout.addWidget(self.pasted, 1)
        pasted_layout.addWidget(self.count_as_written, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.chapters, tr("Chapters"))
        self.tabs.addTab(pasted_page, tr("Pasted"))
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.goals_button = QPushButton(tr("Goals…"), self)
        self.goals_button.clicked.connect(self._edit_goals)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.goals_button)
        footer.addStretch(1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(chart_header)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.tabs, 2)
        layout.addWidget(self.problems)
        layout.addLayout(footer)
        self.resize(900, 680)
        self.refresh()

    def refresh(self) -> None:
        """Recompute everything from the project and its history."""
        project = self.desk.project
        if project is None:
            return
        stats = self.stats = self.desk.statistics()
        goals = stats.goals
        words = f"{stats.total_words:,}"
        if goals.manuscript_words:
            percent = min(100, round(100 * stats.total_words / goals.manuscript_words))
            words = tr("{0} of {1} ({2}%)").format(words, f"{goals.manuscript_words:,}", percent)
        self.figures["words"].setText(words)
        self.figures["today"].setText(tr("{0} of {1}").format(f"{stats.today_net:,}", f"{stats.today_target:,}")
                                      if stats.today_target else f"{stats.today_net:,}")
        self.figures["streak"].setText(tr("{0} days").format(stats.streak) if stats.streak != 1 else tr("1 day"))
        self.figures["pace"].setText(tr("{0} words/day").format(f"{round(stats.pace):,}"))
        self.figures["finish"].setText(stats.projected.isoformat() if stats.projected else "—")
        self.figures["reading"].setText(reading_time(stats.reading_minutes))
        self._fill_chart()
        self._fill_chapters()
        self._fill_pasted()
        self.problems.setText(" ".join(stats.problems))
        self.problems.setVisible(bool(stats.problems))
        self.goals_button.setEnabled(not project.read_only)

    def _fill_chart(self) -> None:
        stats = self.stats
        if stats is None:
            return
        days = self.range.currentData() or 0
        first = stats.today - timedelta(days=days - 1) if days else (stats.days[0].day if stats.days else stats.today)
        goal = stats.goals.daily_words or stats.today_target
        self.chart.set_days(stats.days, min(first, stats.today), stats.today, goal)

    def _fill_chapters(self) -> None:
        stats = self.stats
        assert stats is not None
        table = self.chapters
        table.setUpdatesEnabled(False)
        table.setRowCount(len(stats.chapters))
        for row, chapter in enumerate(stats.chapters):
            done = f"{min(999, round(100 * chapter.words / chapter.target))}%" if chapter.target else ""
            for column, (text, number) in enumerate(((chapter.title, False), (chapter.status, False),
                                                     (f"{chapter.words:,}", True),
                                                     (f"{chapter.target:,}" if chapter.target else "", True),
                                                     (done, True))):
                table.setItem(row, column, _cell(text, number))
        table.setUpdatesEnabled(True)

    def _fill_pasted(self) -> None:
        stats = self.stats
        assert stats is not None
        titles = {c.id: c.title for c in stats.chapters}
        entries = sorted(stats.pasted_entries, key=lambda e: e.day, reverse=True)
        self.pasted.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            day = _cell(entry.day.isoformat())
            day.setData(ENTRY_ROLE, entry)
            self.pasted.setItem(row, 0, day)
            self.pasted.setItem(row, 1, _cell(titles.get(entry.chapter, entry.chapter)))
            self.pasted.setItem(row, 2, _cell(f"{entry.added:,}", True))
        self.tabs.setTabText(1, tr("Pasted ({0})").format(len(entries)))
        self.count_as_written.setEnabled(bool(entries) and not self.desk.project.read_only)

    def _reclassify_selected(self) -> None:
        rows = sorted({index.row() for index in self.pasted.selectedIndexes()})
        changed = False
        for row in rows:
            entry = self.pasted.item(row, 0).data(ENTRY_ROLE)
            changed = self.desk.reclassify(entry, WRITTEN) or changed
        if changed:
            self.refresh()

    def _edit_goals(self) -> None:
        from writer_app.ui.desk.goals_dialog import GoalsDialog

        dialog = GoalsDialog(self.desk.goals(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.desk.set_goals(dialog.goals())
            self.refresh()
