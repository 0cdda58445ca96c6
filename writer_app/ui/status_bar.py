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
    """Permanent labels on the right; transient messages on the left."""

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
