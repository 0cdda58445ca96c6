"""Underline and issue-panel heading colours stay readable on the light and the dark page, and follow the theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from writer_app.grammar.model import Category
from writer_app.ui.checking.issues_panel import IssuesPanel
from writer_app.ui.checking.underlines import category_color, contrast, readable

LIGHT_PAGE, DARK_PAGE, DARK_PANEL = QColor("#fdfcf9"), QColor("#1b1c20"), QColor("#2a2d33")


def paint(widget, background: str, text: str) -> None:
    """Give ``widget`` a page colour the way the window's theme does."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(background))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    widget.setPalette(palette)


@pytest.mark.parametrize("background", ["#fdfcf9", "#f6f5f2", "#1b1c20", "#2a2d33", "#000000", "#ffffff", "#777777"])
@pytest.mark.parametrize("category", list(Category))
def test_every_category_colour_reads_at_4_5_to_1_on_its_background(category, background):
    assert contrast(category_color(category, QColor(background)), QColor(background)) >= 4.5


def test_old_blue_was_unreadable_on_the_dark_page_and_is_lifted():
    assert contrast(QColor("#1e64c8"), DARK_PAGE) < 3.1
    assert contrast(readable(QColor("#1e64c8"), DARK_PAGE), DARK_PAGE) >= 4.5


def test_underlines_follow_the_editor_page_when_the_theme_changes(qtbot, rig):
    paint(rig.editor, "#fdfcf9", "#1e1d1b")
    light = rig.layer.color_of(Category.GRAMMAR)
    assert contrast(light, LIGHT_PAGE) >= 4.5
    rig.load("the the end")
    qtbot.waitUntil(lambda: rig.editor.underlined() == ["the the"], timeout=3000)
    paint(rig.editor, "#1b1c20", "#dcd8cf")
    rig.layer.follow_palette()
    dark = rig.layer.color_of(Category.GRAMMAR)
    assert contrast(dark, DARK_PAGE) >= 4.5 and dark != light

    def underline_color() -> QColor:
        selections = rig.editor.extraSelections()
        fmt = selections[0].format
        return QColor(fmt.underlineColor())

    qtbot.waitUntil(lambda: underline_color() == dark, timeout=3000)


def test_panel_headings_are_readable_on_the_dark_panel(qtbot, rig):
    panel = IssuesPanel(rig.controller)
    qtbot.addWidget(panel)
    paint(panel.tree, "#2a2d33", "#dddad4")
    rig.load("the the end\nteh")
    qtbot.waitUntil(lambda: rig.controller.idle() and rig.controller.live_issue_count() == 2, timeout=3000)
    panel.refresh()
    heads = [panel.model.item(row) for row in range(panel.model.rowCount())]
    assert len(heads) == 2
    for head in heads:
        assert contrast(head.foreground().color(), DARK_PANEL) >= 4.5, head.text()


def test_a_theme_change_in_the_settings_recolours_the_underlines(qtbot):
    from tests.ui.checking.fakes import FakeFactory, FakeWindow
    from writer_app.grammar.engine import CheckConfig
    from writer_app.ui.checking.install import CheckingFeature

    window = FakeWindow()
    qtbot.addWidget(window)
    window.show()
    feature = CheckingFeature(window, FakeFactory(), lambda settings, project: CheckConfig())
    try:
        paint(window.editor, "#fdfcf9", "#1e1d1b")
        window.settings_changed.emit(None)
        light = feature.underlines.color_of(Category.SPELLING)
        paint(window.editor, "#1b1c20", "#dcd8cf")
        window.settings_changed.emit(None)
        dark = feature.underlines.color_of(Category.SPELLING)
        assert dark != light and contrast(dark, DARK_PAGE) >= 4.5
    finally:
        feature.shutdown()
