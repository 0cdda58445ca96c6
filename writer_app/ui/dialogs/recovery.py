"""Offer back the unsaved text found in the crash-recovery journal."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent, QTextCursor
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

PREVIEW_CHARS = 20_000  # the preview shows this much text around the first change


def first_difference(saved: str, recovered: str) -> int:
    """The index of the first character where the recovered text differs from the saved one."""
    limit = min(len(saved), len(recovered))
    low, high = 0, limit
    while low < high:  # binary search on equal prefixes: slices compare in C, so long chapters are quick
        middle = (low + high + 1) // 2
        if saved[:middle] == recovered[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def preview_window(item: RecoveredText) -> tuple[str, int]:
    """The text to preview (at most ``PREVIEW_CHARS``) and the index in it where the recovered text differs."""
    text = item.text
    change = 0 if item.saved_text is None else first_difference(item.saved_text, text)
    start = 0
    if len(text) > PREVIEW_CHARS and change > PREVIEW_CHARS // 4:
        start = min(change - PREVIEW_CHARS // 4, len(text) - PREVIEW_CHARS)
        line = text.rfind("\n", 0, start) + 1
        if start - line < 500:  # begin at the start of that line when it is near
            start = line
    return text[start:start + PREVIEW_CHARS], change - start


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
        self.list.currentRowChanged.connect(self._show)
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

    def _show(self, row: int) -> None:
        """Preview one chapter's recovered text, scrolled to where it differs from the saved chapter."""
        if not 0 <= row < len(self.items):
            return
        text, change = preview_window(self.items[row])
        self.preview.setPlainText(text)
        cursor = QTextCursor(self.preview.document())
        cursor.setPosition(len(text[:change].encode("utf-16-le")) // 2)  # Qt counts UTF-16 units
        if change < len(text):  # mark the rest of the changed paragraph
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.preview.setTextCursor(cursor)
        self.preview.centerCursor()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Centre the change again once the preview has its real size (it had none when first filled)."""
        super().showEvent(event)
        QTimer.singleShot(0, self.preview, self.preview.centerCursor)  # dropped if the dialog is gone first
