"""The Characters tab's look: counts follow the theme, labels wrap, help is a button, new colours are free."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QToolButton, QToolTip

from tests.ui.characters.conftest import FakeWindow
from writer_app.characters.cast import PALETTE
from writer_app.core.project import Project
from writer_app.ui.characters import controller as controller_module
from writer_app.ui.characters.install import install
from writer_app.ui.characters.panel import CastRow, CharactersPanel


def _dark() -> QPalette:
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Base, "#2a2d33"), (QPalette.ColorRole.Text, "#dddad4"),
                        (QPalette.ColorRole.Window, "#1f2125"), (QPalette.ColorRole.PlaceholderText, "#8a8780")):
        palette.setColor(role, QColor(color))
    return palette


def test_all_column_uses_the_current_theme_text_colour(qtbot) -> None:
    panel = CharactersPanel()
    qtbot.addWidget(panel)
    panel.set_cast([CastRow("Elena", "#3b82f6", 2, 49), CastRow("Ghost", "#ef4444", 0, 0)])
    panel.setPalette(_dark())
    present, absent = panel.cast_list.topLevelItem(0), panel.cast_list.topLevelItem(1)
    # No colour is stored for a mentioned character: the view paints it in the dark palette's text colour.
    assert present.data(2, 9) is None  # Qt.ForegroundRole
    assert absent.foreground(2).color().name() == "#8a8780"


def test_long_labels_never_widen_the_sidebar(qtbot) -> None:
    panel = CharactersPanel()
    qtbot.addWidget(panel)
    panel.set_cast([CastRow("Elena Marsh", "#3b82f6", 11, 49)])
    panel.chart_title.setText("Mentions per chapter")
    panel.set_navigation("11 in this chapter", True)
    narrow = panel.minimumSizeHint().width()
    panel.chart_title.setText("Mentions per chapter (select characters to compare, or several at once)")
    panel.set_navigation("Select a character to step through mentions, one after another.", False)
    assert panel.minimumSizeHint().width() == narrow
    assert narrow < 290


def test_mention_position_is_one_elided_line_with_the_full_text_as_tooltip(qtbot) -> None:
    panel = CharactersPanel()
    qtbot.addWidget(panel)
    panel.resize(270, 700)
    panel.show()
    panel.set_navigation("11 in this chapter", True)
    height = panel.navigation_label.sizeHint().height()
    long_text = "Select a character to step through mentions, one after another, in every chapter."
    panel.set_navigation(long_text, False)
    assert panel.navigation_label.sizeHint().height() == height  # the cast list above does not jump
    assert panel.navigation_label.shown_text().endswith("…")
    assert panel.navigation_label.toolTip() == long_text


def test_counting_help_is_a_clickable_button_that_explains(qtbot) -> None:
    panel = CharactersPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert isinstance(panel.policy_button, QToolButton)
    assert "link" not in panel.policy_button.styleSheet()
    panel.policy_button.click()
    qtbot.waitUntil(QToolTip.isVisible)
    assert "capital" in QToolTip.text()


def test_add_character_starts_with_a_colour_nobody_has(
    qtbot, fake_window: FakeWindow, small_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = install(fake_window)
    fake_window.open_project(small_project)
    offered: list[str] = []

    class Dialog(controller_module.CharacterDialog):
        def exec(self) -> int:
            offered.append(self._color)
            return self.DialogCode.Rejected

    monkeypatch.setattr(controller_module, "CharacterDialog", Dialog)
    controller.add_character()
    used = {c.color for c in controller.cast}
    assert offered and offered[0] in PALETTE and offered[0] not in used
