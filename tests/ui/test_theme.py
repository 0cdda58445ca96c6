"""Themes: selected rows read well (WCAG 4.5:1) in the light and the dark theme, wherever Qt takes the colour from."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QPalette

from writer_app.ui import theme
from writer_app.ui.theme import (
    MIN_SELECTION_CONTRAST,
    contrast_ratio,
    palette_for,
    readable_selection,
    resolve,
)

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_selection_colours_of_both_themes_reach_4_5_to_1(qapp, name: str) -> None:
    colors = resolve(name)
    palette = palette_for(colors)
    for group in GROUPS:
        highlight = palette.color(group, QPalette.ColorRole.Highlight)
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        assert contrast_ratio(highlight, text) >= MIN_SELECTION_CONTRAST, (name, group, highlight.name(), text.name())
    if hasattr(QPalette.ColorRole, "Accent"):  # Qt 6.6+ styles paint some selections with Accent
        accent = palette.color(QPalette.ColorRole.Accent)
        assert contrast_ratio(accent, palette.color(QPalette.ColorRole.HighlightedText)) >= MIN_SELECTION_CONTRAST
    sheet = theme.stylesheet(colors)
    assert f"background: {colors.accent}; color: {colors.highlight_text};" in sheet


def test_white_text_on_the_light_blue_accent_is_replaced_by_a_readable_pair() -> None:
    low = replace(theme.DARK, accent="#6f9ee8", highlight_text="#ffffff")
    assert contrast_ratio(QColor("#6f9ee8"), QColor("#ffffff")) < MIN_SELECTION_CONTRAST  # the reported pair
    fixed = readable_selection(low)
    assert contrast_ratio(QColor(fixed.accent), QColor(fixed.highlight_text)) >= MIN_SELECTION_CONTRAST
    # Only light text on a pale accent: the accent darkens until the pair reads.
    pale = readable_selection(replace(theme.DARK, accent="#9fc4ff", highlight_text="#ffffff"))
    assert contrast_ratio(QColor(pale.accent), QColor(pale.highlight_text)) >= MIN_SELECTION_CONTRAST


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_selected_chapter_row_is_drawn_in_readable_colours(window, qtbot, name: str) -> None:
    window.set_theme(name)
    chapters = window.chapters_panel.list
    rect = chapters.visualItemRect(chapters.item(0))
    image = chapters.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    pixels = Counter(image.pixelColor(int(x * ratio), int(y * ratio)).name()
                     for x in range(rect.left() + 2, rect.right() - 2) for y in range(rect.top() + 2, rect.bottom() - 2))
    background = QColor(pixels.most_common(1)[0][0])
    ink = max((QColor(c) for c in pixels), key=lambda c: contrast_ratio(c, background))  # the text's solid core
    assert contrast_ratio(ink, background) >= MIN_SELECTION_CONTRAST, (background.name(), ink.name())
    assert background.name() == window.colors.accent
