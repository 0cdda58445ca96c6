"""Status bar: transient messages are readable in full at a normal window width, beside the feature widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

MESSAGE = "Imported 61 chapters from the-long-manuscript-draft.txt."


def message_room(status) -> int:
    """Where QStatusBar paints a message: from x=6 to 2 px left of the first visible permanent widget."""
    status.layout().activate()
    permanent = [w for w in status.findChildren(QLabel) if w.isVisible() and w.parent() is status and w.x() > 0]
    return min([w.x() - 2 for w in permanent] + [status.width() - 12]) - 6


def with_feature_widgets(window) -> QLabel:
    issues = QLabel("0 issues in this chapter · 6 in the manuscript · Rules + Spelling")
    window.add_status_widget(issues)
    window.add_status_widget(QLabel("LanguageTool: off"))
    return issues


def test_a_message_has_room_to_be_read_in_full_at_a_normal_width(window, qtbot):
    issues = with_feature_widgets(window)
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.status.width() == 1100)
    window.show_message(MESSAGE)
    assert window.status.currentMessage() == MESSAGE
    assert message_room(window.status) >= window.status.fontMetrics().horizontalAdvance(MESSAGE)
    window.status.clearMessage()
    assert issues.isVisible()  # the feature widgets come back once the message is gone


def test_a_short_message_leaves_the_feature_widgets_in_place(window):
    issues = with_feature_widgets(window)
    window.show_message("Saved.")
    assert issues.isVisible() and window.status.currentMessage() == "Saved."


def test_a_message_wider_than_the_window_is_elided_with_the_full_text_in_the_tooltip(window):
    long = "The chapter file could not be written because " + "the disk is full " * 40
    window.show_message(long)
    shown = window.status.currentMessage()
    assert shown.endswith("…") and len(shown) < len(long)
    assert window.status.fontMetrics().horizontalAdvance(shown) <= message_room(window.status)
    assert window.status.toolTip() == long and window.status.full_message == long
