"""The Snapshots dialog: a chapter's snapshots, a word-level comparison with the current text, take and restore."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.snapshots import Snapshot, snapshot_store
from writer_app.core.worddiff import DELETED, EQUAL, INSERTED, DiffPart, diff_counts, word_diff
from writer_app.errors import WriterAppError
from writer_app.ui.desk.controller import DeskController
from writer_app.ui.i18n import translator

SNAPSHOT_ROLE = Qt.ItemDataRole.UserRole
CONTEXT_CHARS = 240  # unchanged text longer than twice this is shortened to its ends

tr = translator("SnapshotsDialog")


def diff_html(parts: list[DiffPart]) -> str:
    """The comparison as HTML: removed words struck through in red, added words in green, long sameness cut."""
    out = []
    for part in parts:
        text = part.text
        if part.kind == EQUAL and len(text) > 2 * CONTEXT_CHARS + 20:
            head = text[:CONTEXT_CHARS].rsplit(" ", 1)[0]  # cut between words
            tail = text[-CONTEXT_CHARS:].split(" ", 1)[-1]
            out.append(html.escape(head).replace("\n", "<br>") + ' <span style="color:#888">[…]</span> '
                       + html.escape(tail).replace("\n", "<br>"))
            continue
        body = html.escape(text).replace("\n", "<br>")
        if part.kind == DELETED:
            out.append(f'<span style="background:#f8d7da; color:#8a1c24; text-decoration:line-through">{body}</span>')
        elif part.kind == INSERTED:
            out.append(f'<span style="background:#d4edda; color:#155724">{body}</span>')
        else:
            out.append(body)
    return "<div style='line-height:140%'>" + "".join(out) + "</div>"


def format_size(size: int) -> str:
    """"820 KB", "12.4 MB"."""
    return tr("{0} KB").format(max(1, round(size / 1024))) if size < 1024 * 1024 else \
        tr("{0:.1f} MB").format(size / 1024 / 1024)


def words(count: int) -> str:
    """"1 word", "1,204 words"."""
    return tr("1 word") if count == 1 else tr("{0} words").format(f"{count:,}")


class SnapshotsDialog(QDialog):
    """Lists the snapshots of one chapter, newest first; compares the selected one with the current text."""

    def __init__(self, desk: DeskController, chapter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snapshotsDialog")
        self.desk = desk
        self.chapter_id = chapter_id
        project = desk.project
        assert project is not None
        title = project.chapter_by_id(chapter_id).title
        self.setWindowTitle(tr("Snapshots of “{0}”").format(title))
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(lambda *_args: self._show_selected())
        self.summary = QLabel(self)
        self.view = QTextBrowser(self)
        self.view.setObjectName("snapshotDiff")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([260, 640])
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("Name (optional)"))
        self.take_button = QPushButton(tr("Take Snapshot"), self)
        self.take_button.clicked.connect(self.take)
        self.restore_button = QPushButton(tr("Restore This Snapshot"), self)
        self.restore_button.setToolTip(tr("Put this text back; the current text is kept as a snapshot first, and "
                                          "Edit > Undo also takes it back"))
        self.restore_button.clicked.connect(self.restore)
        self.delete_button = QPushButton(tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete)
        self.size_label = QLabel(self)
        self.prune_button = QPushButton(tr("Remove Old…"), self)
        self.prune_button.clicked.connect(self.prune)
        actions = QHBoxLayout()
        actions.addWidget(self.name, 1)
        actions.addWidget(self.take_button)
        actions.addSpacing(12)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.delete_button)
        footer = QHBoxLayout()
        footer.addWidget(self.size_label, 1)
        footer.addWidget(self.prune_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addLayout(footer)
        writable = not project.read_only
        for button in (self.take_button, self.restore_button, self.delete_button, self.prune_button):
            button.setEnabled(writable)
        self.resize(960, 600)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Reload the list and the size figure."""
        project = self.desk.project
        if project is None:
            return
        store = snapshot_store(project)
        self.list.clear()
        try:
            snapshots = store.list(self.chapter_id)
        except WriterAppError as error:
            snapshots = []
            self.summary.setText(str(error))
        for snapshot in snapshots:
            item = QListWidgetItem(snapshot.label())
            item.setData(SNAPSHOT_ROLE, snapshot)
            item.setToolTip(words(snapshot.words))
            self.list.addItem(item)
            if snapshot.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        size = format_size(store.size_bytes())
        cap = store.cap_bytes // 1024 // 1024
        self.size_label.setText(tr("All snapshots of this project take {0} of their {1} MB cap.").format(size, cap)
                                if cap else tr("All snapshots of this project take {0}.").format(size))
        self.prune_button.setVisible(store.over_cap())
        self._show_selected()

    def selected(self) -> Snapshot | None:
        """The selected snapshot."""
        item = self.list.currentItem()
        return item.data(SNAPSHOT_ROLE) if item is not None else None

    def _show_selected(self) -> None:
        snapshot = self.selected()
        is_open = self.desk.session.current is not None and self.desk.session.current.id == self.chapter_id
        self.restore_button.setEnabled(snapshot is not None and is_open and not self.desk.project.read_only)
        self.delete_button.setEnabled(snapshot is not None and not self.desk.project.read_only)
        if snapshot is None:
            self.summary.setText(tr("No snapshots of this chapter yet: take one below."))
            self.view.clear()
            return
        project = self.desk.project
        try:
            old = snapshot_store(project).text(snapshot)
        except WriterAppError as error:
            self.summary.setText(str(error))
            self.view.clear()
            return
        parts = word_diff(old, self.desk.session.chapter_text(self.chapter_id))
        removed, added = diff_counts(parts)
        if removed == added == 0 and all(p.kind == EQUAL for p in parts):
            self.summary.setText(tr("The current text is the same as this snapshot."))
        else:
            self.summary.setText(tr("Since this snapshot: {0} removed (struck through), {1} added (green).")
                                 .format(words(removed), words(added)))
        self.view.setHtml(diff_html(parts))

    def take(self) -> None:
        """Snapshot the chapter's current text under the typed name."""
        result = self.desk.take_snapshot(self.chapter_id, self.name.text())
        if result is not None:
            self.name.clear()
            if not result.created:
                self.desk.session.message.emit(tr("The text is the same as the newest snapshot; nothing new was "
                                                  "stored."))
            self.refresh(result.snapshot.id)

    def restore(self) -> None:
        """Put the selected snapshot's text back into the open chapter."""
        snapshot = self.selected()
        if snapshot is not None and self.desk.restore(snapshot):
            self.refresh(snapshot.id)

    def delete(self) -> None:
        """Delete the selected snapshot after asking."""
        snapshot = self.selected()
        project = self.desk.project
        if snapshot is None or project is None:
            return
        if not self.desk.confirm(tr("Delete Snapshot"), tr("Delete the snapshot {0}? This cannot be undone.")
                                 .format(snapshot.label())):
            return
        try:
            snapshot_store(project).delete([snapshot])
        except WriterAppError as error:
            self.desk.session.message.emit(str(error))
        self.refresh()

    def prune(self) -> None:
        """Ask, then remove old snapshots to get under the cap."""
        self.desk.offer_prune()
        self.refresh()
