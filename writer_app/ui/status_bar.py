"""The status bar: chapter words, manuscript words, saved/unsaved state, and room for feature widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from writer_app.ui.i18n import translator

STATE_TEXT = {
    "saved": "Saved",
    "unsaved": "Unsaved changes",
    "saving": "Saving…",
    "failed": "Not saved",
    "read-only": "Read-only",
    "": "",
}


tr = translator("StatusBar")


class WriterStatusBar(QStatusBar):
    """Permanent labels on the right; transient messages on the left, given room to be read in full.

    A message wider than the space left of the permanent labels makes the feature widgets (issue counts,
    LanguageTool state) step aside until it clears; one wider than the whole bar is elided, full in the tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.chapter_words = QLabel(self)
        self.total_words = QLabel(self)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        for label in (self.chapter_words, self.total_words, self.save_state):
            self.addPermanentWidget(label)
        self.state = ""
        self._features: list[QWidget] = []
        self._stepped_aside: list[QWidget] = []  # feature widgets hidden to make room for the current message
        self.full_message = ""
        self.messageChanged.connect(self._on_message_changed)
        self._fit_state_label()

    def _fit_state_label(self) -> None:
        """Make the state label as wide as its widest text (bold), so "Saved" <-> "Unsaved" never shifts the bar."""
        font = QFont(self.save_state.font())
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(tr(text)) for text in STATE_TEXT.values())
        self.save_state.setMinimumWidth(widest + 16)  # plus the label's own margins
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-measure the state label when the font or style changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_state_label()

    def set_counts(self, chapter: int | None, total: int | None) -> None:
        """Show the open chapter's and the manuscript's word counts."""
        self.chapter_words.setText("" if chapter is None else tr("Chapter: {0} words").format(f"{chapter:,}"))
        self.total_words.setText("" if total is None else tr("Manuscript: {0} words").format(f"{total:,}"))

    def set_state(self, state: str) -> None:
        """Show "saved", "unsaved", "saving", "failed" or "read-only"."""
        if state == self.state and self.save_state.text():
            return
        self.state = state
        self.save_state.setText(tr(STATE_TEXT.get(state, state)))
        color = {"failed": "#d0453a", "unsaved": "", "saving": ""}.get(state, "")
        self.save_state.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")

    def add_feature_widget(self, widget: QWidget) -> None:
        """Add a feature's widget before the counts."""
        self.insertPermanentWidget(0, widget)
        self._features.append(widget)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt override)
        """Show a transient message, making room for it (see the class) so it is not clipped."""
        self._restore_features()
        self.full_message = text
        shown = text
        if text and self.isVisible():
            needed = self.fontMetrics().horizontalAdvance(text)
            if needed > self.message_room():
                for widget in self._features:
                    if widget.isVisible():
                        widget.hide()
                        self._stepped_aside.append(widget)
                room = self.message_room()
                if needed > room:
                    shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.setToolTip(text if shown != text else "")
        super().showMessage(shown, timeout)

    def message_room(self) -> int:
        """Pixels a transient message has: from the left edge to the first visible permanent widget."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        right = self.width() - 12
        for widget in (*self._features, self.chapter_words, self.total_words, self.save_state):
            if widget.isVisible():
                right = min(right, widget.x() - 2)
        return max(0, right - 6)  # the same margins QStatusBar paints the message with

    def _on_message_changed(self, text: str) -> None:
        if not text:
            self.full_message = ""
            self.setToolTip("")
            self._restore_features()

    def _restore_features(self) -> None:
        stepped, self._stepped_aside = self._stepped_aside, []
        for widget in stepped:
            widget.show()
