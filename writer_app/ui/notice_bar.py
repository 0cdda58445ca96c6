"""A bar across the top of the editor's page: a message, one action button and a close button.

Shared by the editor's notices that offer one undoable fix for the whole chapter (a paragraph too long to edit,
hard-wrapped lines). The bar floats over the viewport's top edge; its owner places it with :meth:`place_over`
whenever the editor is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class EditorNoticeBar(QFrame):
    """A message with one action (``action_requested``) and a close button (``dismissed``, after hiding)."""

    action_requested = Signal()
    dismissed = Signal()

    def __init__(self, object_name: str, action_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.action_button = QPushButton(action_text, self)
        self.action_button.clicked.connect(self.action_requested.emit)
        close = QToolButton(self)
        close.setText("\u00d7")
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show the bar with ``text``, above the editor's page."""
        self.label.setText(text)
        self.show()
        self.raise_()

    def place_over(self, rect: QRect) -> None:
        """Lay the bar across the top of ``rect`` (the editor's viewport), as tall as its wrapped message needs."""
        height = max(self.heightForWidth(rect.width()), self.sizeHint().height())
        self.setGeometry(rect.left(), rect.top(), rect.width(), height)

    def dismiss(self) -> None:
        """Hide the bar because the writer closed it."""
        self.hide()
        self.dismissed.emit()
