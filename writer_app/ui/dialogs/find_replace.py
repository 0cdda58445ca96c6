"""Find and replace in the open chapter: a bar under the editor, matches highlighted in the "find" layer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from writer_app.core.text import utf16_len
from writer_app.ui.editor import ChapterEditor, make_selection
from writer_app.ui.i18n import translator

MAX_HIGHLIGHTS = 2000


tr = translator("FindBar")


class FindBar(QFrame):
    """Find next/previous, replace, replace all in the chapter; Esc closes it."""

    closed = Signal()
    message = Signal(str)

    def __init__(self, editor: ChapterEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.highlight = QColor("#f6d96b")
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(tr("Replace with"))
        self.case = QCheckBox(tr("Match case"), self)
        self.whole = QCheckBox(tr("Whole words"), self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        previous = QPushButton(tr("Previous"), self)
        following = QPushButton(tr("Next"), self)
        self.replace_button = QPushButton(tr("Replace"), self)
        self.replace_all_button = QPushButton(tr("Replace All"), self)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(tr("Close (Esc)"))
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setHorizontalSpacing(6)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(previous, 0, 1)
        layout.addWidget(following, 0, 2)
        layout.addWidget(self.case, 0, 3)
        layout.addWidget(self.whole, 0, 4)
        layout.addWidget(self.count_label, 0, 5)
        layout.addWidget(close, 0, 6)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 1)
        layout.addWidget(self.replace_all_button, 1, 2)
        layout.setColumnStretch(0, 1)
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh_highlights)
        self.find_edit.textChanged.connect(lambda _text: self._refresh_timer.start())
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace)
        self.case.toggled.connect(lambda _on: self.refresh_highlights())
        self.whole.toggled.connect(lambda _on: self.refresh_highlights())
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        for child in self.findChildren(QWidget):  # Esc closes the bar whichever of its widgets has the focus
            child.installEventFilter(self)
        editor.text_edited.connect(self._on_text_edited)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Esc in the bar closes it (taking precedence over the window's Esc shortcut)."""
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def open_bar(self, replace: bool = False) -> None:
        """Show the bar (with the replace row if asked), seeded with the selected text."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.refresh_highlights()

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights, and give the editor the focus back."""
        self.hide()
        self.editor.set_extra_selection_layer("find", [])
        self.editor.setFocus()
        self.closed.emit()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find_next(self) -> bool:
        """Select the next match (wrapping around); False if there is none."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous match (wrapping around)."""
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        document = self.editor.document()
        found = document.find(needle, self.editor.textCursor(), self._flags(backward))
        if found.isNull():
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.count_label.setText(tr("Not found"))
            return False
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        return True

    def _matches_selection(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if self.case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace(self) -> bool:
        """Replace the selected match and go to the next one."""
        if self.editor.isReadOnly() or not self.find_edit.text():
            return False
        if not self._matches_selection() and not self.find_next():
            return False
        cursor = self.editor.textCursor()
        cursor.insertText(self.replace_edit.text())
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match in the chapter as one undo step; returns how many."""
        needle = self.find_edit.text()
        if self.editor.isReadOnly() or not needle:
            return 0
        document = self.editor.document()
        replacement = self.replace_edit.text()
        # Edit through the editor's own cursor so undo returns the writer to where they were, not to the top.
        cursor = self.editor.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        shift_anchor = shift_position = 0
        found = QTextCursor(document)
        cursor.beginEditBlock()
        count = 0
        while True:
            found = document.find(needle, found, self._flags())
            if found.isNull():
                break
            start, end = found.selectionStart(), found.selectionEnd()
            delta = utf16_len(replacement) - (end - start)
            if end <= anchor + shift_anchor:  # matches are found in the edited text: compare mapped places
                shift_anchor += delta
            if end <= position + shift_position:
                shift_position += delta
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
            found = QTextCursor(cursor)
            count += 1
        cursor.endEditBlock()
        limit = max(0, document.characterCount() - 1)
        cursor.setPosition(max(0, min(limit, anchor + shift_anchor)))
        cursor.setPosition(max(0, min(limit, position + shift_position)), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.message.emit(tr("Replaced {0} occurrence.").format(count) if count == 1
                          else tr("Replaced {0} occurrences.").format(count))
        self.refresh_highlights()
        return count

    def refresh_highlights(self) -> int:
        """Highlight every match (up to a limit) and show how many there are."""
        needle = self.find_edit.text()
        if not self.isVisible() or not needle:
            self.editor.set_extra_selection_layer("find", [])
            self.count_label.setText("")
            return 0
        document = self.editor.document()
        fmt = QTextCharFormat()
        fmt.setBackground(self.highlight)
        selections = []
        cursor = QTextCursor(document)
        count = 0
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                break
            count += 1
            if count <= MAX_HIGHLIGHTS:
                selections.append(make_selection(QTextCursor(cursor), fmt))
        self.editor.set_extra_selection_layer("find", selections)
        self.count_label.setText(tr("{0} found").format(count) if count else tr("Not found"))
        return count

    def _on_text_edited(self) -> None:
        if self.isVisible() and self.find_edit.text():
            self._refresh_timer.start()
