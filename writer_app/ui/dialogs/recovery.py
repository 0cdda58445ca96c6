"""Offer back the unsaved text found in the crash-recovery journal."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.text import word_count
from writer_app.ui.i18n import translator
from writer_app.ui.prompts import RecoveredText

tr = translator("RecoveryDialog")


class RecoveryDialog(QDialog):
    """Lists each chapter with recovered text and its words; Restore accepts, Discard rejects."""

    def __init__(self, items: list[RecoveredText], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Recover Unsaved Text"))
        self.items = items
        intro = QLabel(tr("writer-app found text that was not saved when it last closed. Restore it?"), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for item in items:
            words = word_count(item.text)
            before = "" if item.saved_words is None else tr(" (saved version: {0} words)").format(item.saved_words)
            self.list.addItem(tr("{0}: {1} words{2}").format(item.title, words, before))
        self.list.setMaximumHeight(min(140, 28 + 22 * len(items)))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.list.currentRowChanged.connect(lambda row: self.preview.setPlainText(items[row].text[:20000]))
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Discard"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
