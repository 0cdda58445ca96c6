"""The Statistics view: figures, the chart's days, chapters with targets, pastes kept apart and reclassified."""

from __future__ import annotations

from datetime import date, timedelta

from writer_app.core.goals import Goals
from writer_app.core.history import PASTED, WRITTEN, HistoryEntry, append_entries, load_history
from writer_app.ui.desk.statistics_dialog import StatisticsDialog


def test_statistics_show_history_streak_chapters_and_pastes(window, sample_project, qtbot):
    today = date.today()
    append_entries(sample_project, [
        HistoryEntry(today - timedelta(days=2), "ch-0001", 600, 0, WRITTEN),
        HistoryEntry(today - timedelta(days=1), "ch-0002", 550, 20, WRITTEN),
        HistoryEntry(today - timedelta(days=1), "ch-0003", 1200, 0, PASTED),
    ])
    desk = window.desk.controller
    desk.set_goals(Goals(daily_words=500))
    desk.set_target("ch-0001", 100_000)
    dialog = StatisticsDialog(desk, window)
    qtbot.addWidget(dialog)
    assert dialog.figures["streak"].text() == "2 days"
    assert dialog.figures["today"].text() == "0 of 500"
    assert dialog.chapters.rowCount() == 5
    assert dialog.chapters.item(0, 3).text() == "100,000"
    assert dialog.pasted.rowCount() == 1 and dialog.pasted.item(0, 2).text() == "1,200"
    assert dialog.chart._written[-2:] == [530, 0] and dialog.chart._pasted[-2] == 1200
    dialog.pasted.selectRow(0)
    dialog.count_as_written.click()
    assert dialog.pasted.rowCount() == 0
    assert {e.kind for e in load_history(sample_project).entries} == {WRITTEN}


def test_a_damaged_history_shows_one_sentence_and_the_rest(window, sample_project, qtbot):
    append_entries(sample_project, [HistoryEntry(date.today(), "ch-0001", 42, 0)])
    month = next((sample_project / "history").glob("*.jsonl"))
    with open(month, "a", encoding="utf-8") as handle:
        handle.write("garbage\n")
    dialog = StatisticsDialog(window.desk.controller, window)
    qtbot.addWidget(dialog)
    assert "could not be read; they were skipped" in dialog.problems.text()
    assert dialog.figures["today"].text() == "42"
