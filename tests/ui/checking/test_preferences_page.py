"""The Checking preferences page: optional rules grouped by category under a correct heading, readable, saved."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QCheckBox, QLabel

from writer_app.grammar.model import Category
from writer_app.ui.checking.preferences_page import CheckingPreferencesPage, OptionalRule


def page_shown(qtbot, width: int = 520, height: int = 640) -> CheckingPreferencesPage:
    page = CheckingPreferencesPage()
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


def groups_of(page: CheckingPreferencesPage) -> dict[str, list[str]]:
    """Rule ids under each category heading, in display order."""
    groups: dict[str, list[str]] = {}
    current = ""
    layout = page.rules.widget().layout()
    for index in range(layout.count()):
        widget = layout.itemAt(index).widget()
        if isinstance(widget, QLabel) and widget.objectName() == "ruleGroup":
            current = widget.text()
            groups[current] = []
        elif isinstance(widget, QCheckBox):
            groups[current].append(widget.property("rule_id"))
    return groups


def test_optional_rules_are_grouped_by_their_category_under_an_honest_heading(qtbot):
    page = page_shown(qtbot)
    labels = [label.text() for label in page.findChildren(QLabel)]
    assert "Optional rules (off by default)" in labels
    assert not any(text.startswith("Style rules") for text in labels)
    groups = groups_of(page)
    assert {"Grammar", "Style"} <= set(groups)
    assert "AGR_SINGULAR_DONT" in groups["Grammar"] and "AGR_SINGULAR_DONT" not in groups["Style"]
    assert "STYLE_PASSIVE_VOICE" in groups["Style"]
    assert "EXPR_WHOLE_ENTIRE" not in sum(groups.values(), [])  # on by default: not an optional rule


def test_rule_list_has_room_wraps_text_and_never_scrolls_sideways(qtbot):
    page = page_shown(qtbot)
    area = page.rules
    spacing = area.fontMetrics().lineSpacing()
    assert area.height() >= 10 * spacing
    assert not area.horizontalScrollBar().isVisible()
    longest = max(page.rule_labels, key=lambda label: len(label.text()))
    assert longest.height() >= 2 * spacing  # wrapped onto several lines, not clipped
    assert longest.geometry().right() <= area.viewport().width()
    assert all(box.sizeHint().width() <= area.viewport().width() for box in page.rule_boxes)


def test_rule_rows_read_as_words_not_ids():
    rule = OptionalRule("STYLE_ADVERB_DIALOGUE_TAG", "", Category.STYLE)
    assert rule.title == "Adverb dialogue tag"
    assert rule.description == "Adverb dialogue tag"


def test_ticked_rules_round_trip_through_settings(qtbot):
    page = page_shown(qtbot)
    settings = SimpleNamespace(enabled_categories=["spelling"], dialect="en-GB",
                               enabled_style_rules=["STYLE_SUDDENLY", "GONE_RULE"])
    page.load(settings)
    assert page.rule_ids(ticked_only=True) == ["STYLE_SUDDENLY"]
    next(b for b in page.rule_boxes if b.property("rule_id") == "AGR_SINGULAR_DONT").setChecked(True)
    page.apply(settings)
    assert settings.enabled_style_rules == ["GONE_RULE", "AGR_SINGULAR_DONT", "STYLE_SUDDENLY"]
    assert settings.dialect == "en-GB" and settings.enabled_categories == ["spelling"]


def test_grammar_inside_dialogue_is_chosen_on_the_page_and_reaches_the_check(qtbot):
    from writer_app.grammar.factory import config_from
    from writer_app.settings import Settings

    page = page_shown(qtbot)
    settings = Settings()
    page.load(settings)
    assert page.dialogue.currentData() == "relaxed"
    page.dialogue.setCurrentIndex(page.dialogue.findData("strict"))
    page.apply(settings)
    assert settings.dialogue_grammar == "strict"
    assert config_from(settings, None).strict_dialogue is True
    page.load(Settings(dialogue_grammar="relaxed"))
    assert page.dialogue.currentData() == "relaxed"
