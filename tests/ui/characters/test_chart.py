"""The mention heat map: labels are measured with the widget's font, so none is cut short."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QPainter

from writer_app.ui.characters import chart as chart_module
from writer_app.ui.characters.chart import ChartRow, MentionChart


class RecordingPainter(QPainter):
    """A QPainter that remembers each text it draws and the rectangle it was given."""

    drawn: list[tuple[QRectF, str]] = []

    def drawText(self, *args):  # noqa: N802 (Qt override)
        if len(args) == 3 and isinstance(args[0], QRectF):
            RecordingPainter.drawn.append((QRectF(args[0]), args[2]))
        return super().drawText(*args)


@pytest.mark.parametrize("point_size", [9, 13, 18])
def test_the_axis_title_has_room_for_the_whole_word_beside_short_names(qtbot, monkeypatch, point_size):
    monkeypatch.setattr(chart_module, "QPainter", RecordingPainter)
    RecordingPainter.drawn = []
    chart = MentionChart()
    qtbot.addWidget(chart)
    font = QFont(chart.font())
    font.setPointSize(point_size)
    chart.setFont(font)
    chart.resize(320, 120)
    chart.set_data(["One", "Two", "Three"], [ChartRow("Al", "#1f77b4", (1, 0, 2)), ChartRow("Bo", "", (0, 3, 1))])
    chart.grab()  # paints
    titles = [rect for rect, text in RecordingPainter.drawn if text == "Chapter"]
    assert titles, RecordingPainter.drawn
    assert titles[0].width() >= QFontMetrics(font).horizontalAdvance("Chapter")
    if chart.row_height() >= QFontMetrics(font).height() - 2:  # rows tall enough to carry names
        assert {"Al", "Bo"} <= {text for _rect, text in RecordingPainter.drawn}
