"""The chapter notes pane beside the editor: status, word target, synopsis and free notes of the open chapter."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.notes import ChapterNotes, NotesError
from writer_app.ui.desk.controller import DeskController
from writer_app.ui.i18n import translator

SAVE_DELAY_MS = 800

tr = translator("NotesPane")


class NotesPane(QWidget):
    """Edits the open chapter's desk data; saves notes a moment after typing stops and when the chapter closes."""

    def __init__(self, desk: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPane")
        self.desk = desk
        self.chapter_id: str | None = None
        self._loading = False
        self._notes_ok = False  # the notes file was read (a damaged one is never written over)
        self._dirty = False  # edited since the last save
        self.heading = QLabel(tr("Chapter notes"), self)
        self.heading.setObjectName("sectionLabel")
        self.status = QComboBox(self)
        self.status.setEditable(True)
        self.status.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status.setToolTip(tr("The chapter's status; type a label of your own to add it"))
        self.target = QSpinBox(self)
        self.target.setRange(0, 1_000_000)
        self.target.setSingleStep(500)
        self.target.setSpecialValueText(tr("none"))
        self.target.setSuffix(tr(" words"))
        self.target.setGroupSeparatorShown(True)
        self.synopsis = QPlainTextEdit(self)
        self.synopsis.setPlaceholderText(tr("What happens in this chapter, in a few lines"))
        self.synopsis.setMaximumHeight(110)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(tr("Research, questions, things to fix"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Target"), self.target)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel(tr("Synopsis"), self))
        layout.addWidget(self.synopsis)
        layout.addWidget(QLabel(tr("Notes"), self))
        layout.addWidget(self.notes, 1)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self.synopsis.textChanged.connect(self._on_notes_edited)
        self.notes.textChanged.connect(self._on_notes_edited)
        self.status.activated.connect(lambda _index: self._on_status())
        self.status.lineEdit().editingFinished.connect(self._on_status)
        self.target.editingFinished.connect(self._on_target)
        s = desk.session
        s.chapter_opened.connect(self.show_chapter)
        s.chapter_about_to_close.connect(lambda _cid: self.save())
        s.project_closed.connect(lambda: self.show_chapter(None))
        desk.desk_changed.connect(self._refresh_fields)
        self.show_chapter(None)

    def show_chapter(self, chapter_id: str | None) -> None:
        """Show the notes of a chapter (None: nothing open)."""
        self.save()
        self.chapter_id = chapter_id
        project = self.desk.project
        self._loading = True
        try:
            notes = ChapterNotes()
            self._notes_ok = False
            self.problem.setVisible(False)
            if chapter_id is not None and project is not None:
                try:
                    notes = self.desk.read_notes(chapter_id)
                    self._notes_ok = True
                except NotesError as error:
                    self.problem.setText(str(error))
                    self.problem.setVisible(True)
                    self.desk.session.message.emit(str(error))
            self.synopsis.setPlainText(notes.synopsis)
            self.notes.setPlainText(notes.notes)
            writable = chapter_id is not None and project is not None and not project.read_only
            for widget in (self.synopsis, self.notes):
                widget.setReadOnly(not (writable and self._notes_ok))
            self.status.setEnabled(writable)
            self.target.setEnabled(writable)
            self._refresh_fields()
        finally:
            self._loading = False

    def _refresh_fields(self) -> None:
        project = self.desk.project
        was = self._loading
        self._loading = True
        try:
            self.status.clear()
            if project is None or self.chapter_id is None:
                self.target.setValue(0)
                return
            try:
                chapter = project.chapter_by_id(self.chapter_id)
            except KeyError:
                return
            self.status.addItem(tr("(no status)"), "")
            for label in project.status_labels:
                self.status.addItem(label, label)
            if chapter.status and chapter.status not in project.status_labels:
                self.status.addItem(chapter.status, chapter.status)
            self.status.setCurrentIndex(max(0, self.status.findData(chapter.status)))
            self.target.setValue(chapter.target)
        finally:
            self._loading = was

    def _on_status(self) -> None:
        if self._loading or self.chapter_id is None:
            return
        text = self.status.currentText().strip()
        index = self.status.findText(text)
        value = self.status.itemData(index) if index >= 0 else text
        self.desk.set_status(self.chapter_id, value or "")

    def _on_target(self) -> None:
        if not self._loading and self.chapter_id is not None:
            self.desk.set_target(self.chapter_id, self.target.value())

    def _on_notes_edited(self) -> None:
        if not self._loading and self._notes_ok:
            self._dirty = True
            self._save_timer.start()

    def current_notes(self) -> ChapterNotes:
        """The notes as shown."""
        return ChapterNotes(self.synopsis.toPlainText(), self.notes.toPlainText())

    def save(self) -> None:
        """Save the shown notes now if they were edited."""
        self._save_timer.stop()
        if not self._dirty:
            return
        self._dirty = False
        if self.chapter_id is not None and self._notes_ok:
            self.desk.write_notes(self.chapter_id, self.current_notes())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """A narrow pane."""
        hint = super().sizeHint()
        hint.setWidth(260)
        return hint

