"""The "Rename everywhere" dialog: which name, the new one, and a preview of every change grouped by chapter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.characters.rename import ManuscriptRename, RenameError

PREVIEW_DELAY_MS = 250  # the preview follows typing after this pause
MAX_PREVIEW_ROWS = 2000  # rows listed in the preview; the summary line always counts every change

Planner = Callable[[str, str], ManuscriptRename]  # (old, new) -> the plan; raises RenameError


class RenameDialog(QDialog):
    """Choose a name of the character and its new spelling; "Rename everywhere" stays off until the plan is valid."""

    def __init__(self, forms: Sequence[str], planner: Planner, parent: QWidget | None = None,
                 chosen: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rename everywhere"))
        self._planner = planner
        self.plan: ManuscriptRename | None = None
        self.old_combo = QComboBox()
        self.old_combo.addItems(list(forms))
        if chosen in forms:
            self.old_combo.setCurrentText(chosen)
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(self.tr("The new name"))
        self.summary = QLabel()
        self.summary.setObjectName("renameSummary")
        self.summary.setWordWrap(True)
        self.preview = QTreeWidget()
        self.preview.setObjectName("renamePreview")
        self.preview.setColumnCount(2)
        self.preview.setHeaderLabels([self.tr("Before"), self.tr("After")])
        self.preview.setUniformRowHeights(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Rename everywhere"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Rename:"), self.old_combo)
        form.addRow(self.tr("&To:"), self.new_edit)
        note = QLabel(self.tr("Possessives and capitals are kept. The open chapter can be undone with Edit ▸ Undo; "
                              "every other chapter is snapshotted first, and “Undo rename” reverses it all."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.new_edit.textChanged.connect(self._timer.start)
        self.old_combo.currentTextChanged.connect(self._timer.start)
        self.update_preview()
        self.new_edit.setFocus()

    def update_preview(self) -> None:
        """Plan the rename as it stands and show every change, or the one sentence why it cannot be done."""
        self._timer.stop()
        self.preview.clear()
        self.plan = None
        old, new = self.old_combo.currentText(), self.new_edit.text()
        if not new.strip():
            self.summary.setText(self.tr("Type the new name."))
            self.ok_button.setEnabled(False)
            return
        try:
            plan = self._planner(old, new)
        except RenameError as error:
            self.summary.setText(str(error))
            self.ok_button.setEnabled(False)
            return
        self.plan = plan
        chapters = len(plan.chapters)
        text = self.tr("{total} changes in {chapters} chapters.").format(total=plan.total, chapters=chapters)
        if plan.total == 1:
            text = self.tr("One change, in one chapter.")
        elif chapters == 1:
            text = self.tr("{total} changes in one chapter.").format(total=plan.total)
        if plan.cast_changed:
            text += " " + self.tr("Cast: {names}.").format(names=", ".join(plan.cast_changed))
        self.summary.setText(text)
        self.ok_button.setEnabled(True)
        shown = 0
        for _chapter_id, changes in plan.chapters:
            count = len(changes.changes)
            head = QTreeWidgetItem(self.preview, [
                self.tr("{title} — {count} changes").format(title=changes.chapter, count=count) if count != 1
                else self.tr("{title} — one change").format(title=changes.chapter)])
            head.setFirstColumnSpanned(True)
            for change in changes.changes:
                if shown >= MAX_PREVIEW_ROWS:
                    break
                before, after = change.preview(changes.text)
                QTreeWidgetItem(head, [before.replace("\n", " "), after.replace("\n", " ")])
                shown += 1
            head.setExpanded(True)
        self.preview.resizeColumnToContents(0)

    def accept(self) -> None:
        """Close with the plan of what is typed now (not of a preview still waiting for the pause)."""
        if self._timer.isActive():
            self.update_preview()
        if self.plan is not None:
            super().accept()
