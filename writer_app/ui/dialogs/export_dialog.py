"""File > Export…: choose format, chapters and typography, preview the polish, export in the background."""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.text import word_count
from writer_app.export.metadata import draft_titles, is_untitled_draft
from writer_app.export.model import ExportOptions, export_chapter_heading
from writer_app.export.polish import DEFAULT_SCENE_BREAK
from writer_app.export.preferences import ExportPreferences, default_folder, load_preferences
from writer_app.export.registry import ExportFormat, formats
from writer_app.export.writer import ExportResult
from writer_app.grammar.model import Category
from writer_app.ui.dialogs.export_preview import build_preview
from writer_app.ui.dialogs.export_workers import ExportDispatcher, ProjectSnapshot

log = logging.getLogger(__name__)

SCENE_BREAK_CHOICES = (DEFAULT_SCENE_BREAK, "#", "⁂", "~", "***")
# The export worker can report progress hundreds of times a second; each shown update repaints the bar and
# re-lays out the status line, so a burst queued while the GUI was busy froze it for a third of a second.
# The pace is kept by the clock, not only by a timer: while reports stream in back to back, Qt can starve the
# timer for the whole export, and the bar would sit at 0 until it jumped to done.
PROGRESS_REFRESH_MS = 40
HEADING_CHOICES = (("titles", "Chapter titles"), ("numbered", "Numbered (Chapter 1: Title)"), ("none", "No headings"))


def tr(text: str) -> str:
    """Translate a user-visible string."""
    return QCoreApplication.translate("ExportDialog", text)


def _file_stem(title: str) -> str:
    stem = re.sub(r'[\\/:*?"<>|]+', " ", title).strip()
    return " ".join(stem.split()) or "manuscript"


class IssueWarning(QFrame):
    """A dismissable banner: how many unresolved checker issues the chosen chapters still have."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportIssueWarning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#exportIssueWarning { background: #fff4d6; border: 1px solid #e3c26b; border-radius: 4px; }"
            "#exportIssueWarning QLabel { color: #5a4410; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(tr("Checking the manuscript for unresolved issues…"), self)
        self.label.setWordWrap(True)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText(tr("Dismiss"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(tr("Hide this warning; you can export with open issues"))
        self.setToolTip(tr("Issues the checker still reports in the chosen chapters. You can still export."))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.dismissed = False
        self.dismiss_button.clicked.connect(self.dismiss)

    def dismiss(self) -> None:
        """Hide the warning for the rest of this dialog."""
        self.dismissed = True
        self.hide()

    def show_counts(self, counts: Counter[str], checked: int, total: int, paused: bool = False) -> None:
        """Show the per-category totals for the chosen chapters (``checked`` of ``total`` counted so far)."""
        if self.dismissed:
            return
        issues = sum(counts.values())
        parts = []
        for category in Category:
            if counts.get(category.value):
                parts.append(f"{counts[category.value]} {category.label.lower()}")
        if checked >= total:
            pending = ""
        elif paused:
            pending = tr(" (counted {0} of {1} chapters; counting paused during export)").format(checked, total)
        else:
            pending = tr(" (still checking: {0} of {1} chapters)").format(checked, total)
        if issues == 0:
            text = tr("No unresolved issues in the chosen chapters.") if checked >= total else (
                tr("Checking the manuscript for unresolved issues…") + pending)
        else:
            text = "⚠ " + tr("{0} unresolved issue{1}: {2}.").format(
                issues, "" if issues == 1 else "s", ", ".join(parts)) + pending
        self.label.setText(text)


class ExportDialog(QDialog):
    """The export dialog; the export and the issue count run on worker threads."""

    def __init__(self, window: Any, dispatcher: ExportDispatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export"))
        self.window_ = window
        self.dispatcher = dispatcher
        project = window.project
        self.snapshot = ProjectSnapshot.of(project)
        self.texts = {c.id: window.chapter_text(c.id) for c in self.snapshot.chapters}
        current = window.current_chapter
        self.current_id = current.id if current is not None else None
        self.chapter_counts: dict[str, Counter[str]] = {}
        self.word_counts = {chapter_id: word_count(text) for chapter_id, text in self.texts.items()}
        self._custom_selection: set[str] = {self.current_id} if self.current_id is not None else set()
        self.result: ExportResult | None = None
        self.prefs = load_preferences()  # a tiny JSON; saved by the export worker after a successful export
        # A loose draft the writer never named: its title comes from its text or the writer, never its file name.
        self.untitled_draft = is_untitled_draft(self.snapshot)
        self.documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.issue_source: Any = None  # the checking feature's counts, when the window has it
        self._formats: list[ExportFormat] = formats()
        self._preview_timer = QTimer(self, singleShot=True, interval=120)
        self._preview_timer.timeout.connect(self.update_preview)
        self._progress_pending: tuple[float, str] | None = None
        self._progress_shown_at = float("-inf")  # clock() when the bar last changed
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._build()
        self._connect()
        self._on_format_changed()
        self._update_path_note()
        self._on_chapter_mode()
        self.update_preview()
        self.resize(1060, 680)

    # ------------------------------------------------------------------------------------------------ layout
    def _build(self) -> None:
        snap = self.snapshot
        self.format_box = QComboBox(self)
        for fmt in self._formats:
            self.format_box.addItem(fmt.label, fmt.key)
        self.path_edit = QLineEdit(self)
        self.browse_button = QPushButton(tr("Browse…"), self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.path_full = QLabel(self)
        self.path_full.setObjectName("exportPathFull")
        self.path_full.setStyleSheet("color: palette(mid);")
        self.path_full.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_note = QLabel(self)
        self.path_note.setStyleSheet("color: #8a6d1f;")
        self.path_note.hide()

        self.all_radio = QRadioButton(tr("All chapters"), self)
        self.current_radio = QRadioButton(tr("Current chapter"), self)
        self.selected_radio = QRadioButton(tr("Selected chapters:"), self)
        self.chapter_mode = QButtonGroup(self)
        for index, button in enumerate((self.all_radio, self.current_radio, self.selected_radio)):
            self.chapter_mode.addButton(button, index)
        self.all_radio.setChecked(True)
        self.current_radio.setEnabled(self.current_id is not None)
        self.chapter_list = QListWidget(self)
        self.chapter_list.setMaximumHeight(120)
        for chapter in snap.chapters:
            item = QListWidgetItem(chapter.title or chapter.id, self.chapter_list)
            item.setData(Qt.ItemDataRole.UserRole, chapter.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if chapter.id == self.current_id else Qt.CheckState.Unchecked)
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("exportSelectionSummary")
        self.selection_label.setStyleSheet("color: palette(mid);")
        chapters_box = QVBoxLayout()
        chapters_box.setSpacing(2)
        for widget in (self.all_radio, self.current_radio, self.selected_radio, self.chapter_list,
                       self.selection_label):
            chapters_box.addWidget(widget)

        self.title_page_check = QCheckBox(tr("Title page"), self)
        self.title_page_check.setChecked(True)
        self.title_edit = QLineEdit(self._initial_title(), self)
        self.title_edit.setPlaceholderText(tr("The title for the title page"))
        self.author_edit = QLineEdit(snap.author, self)
        self.author_edit.setPlaceholderText(tr("Your name"))
        self.heading_box = QComboBox(self)
        for key, label in HEADING_CHOICES:
            self.heading_box.addItem(tr(label), key)
        self.scene_break_box = QComboBox(self)
        self.scene_break_box.setEditable(True)
        self.scene_break_box.addItems(list(SCENE_BREAK_CHOICES))
        self.polish_check = QCheckBox(tr("Polish typography"), self)
        self.polish_check.setToolTip(tr("Curly quotes and apostrophes, em dashes from --, ellipses, single spaces, "
                                        "no empty-paragraph runs. Words are never changed."))
        self.polish_check.setChecked(True)
        self.manuscript_check = QCheckBox(tr("Standard manuscript format"), self)
        self.manuscript_check.setToolTip(tr("12 pt serif, double spaced, 1-inch margins, surname / title / page "
                                            "header, chapters on new pages, title page with word count"))
        self.contact_edit = QPlainTextEdit(self)
        self.contact_edit.setPlaceholderText(tr("Contact lines for the title page (address, e-mail)"))
        self.contact_edit.setMaximumHeight(52)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Format:"), self.format_box)
        form.addRow(tr("Save to:"), path_row)
        form.addRow("", self.path_full)
        form.addRow(self.path_note)
        form.addRow(tr("Chapters:"), chapters_box)
        form.addRow("", self.title_page_check)
        form.addRow(tr("Title:"), self.title_edit)
        form.addRow(tr("Author:"), self.author_edit)
        form.addRow(tr("Headings:"), self.heading_box)
        form.addRow(tr("Scene breaks:"), self.scene_break_box)
        form.addRow("", self.polish_check)
        form.addRow("", self.manuscript_check)
        form.addRow(tr("Contact:"), self.contact_edit)
        options_panel = QWidget(self)
        panel_layout = QVBoxLayout(options_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addLayout(form)
        panel_layout.addStretch(1)
        options_panel.setFixedWidth(430)

        self.warning = IssueWarning(self)
        self.preview_chapter = QComboBox(self)
        for chapter in snap.chapters:
            self.preview_chapter.addItem(chapter.title or chapter.id, chapter.id)
        if self.current_id is not None:
            self.preview_chapter.setCurrentIndex(self.preview_chapter.findData(self.current_id))
        self.preview_summary = QLabel(self)
        self.preview_summary.setWordWrap(True)
        self.preview_summary.setObjectName("exportPreviewSummary")
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setOpenLinks(False)
        preview_head = QHBoxLayout()
        preview_head.addWidget(QLabel(tr("<b>Preview</b> — changes polish makes are highlighted:"), self), 1)
        preview_head.addWidget(self.preview_chapter)
        right = QVBoxLayout()
        right.addWidget(self.warning)
        right.addLayout(preview_head)
        right.addWidget(self.preview_summary)
        right.addWidget(self.preview, 1)

        columns = QHBoxLayout()
        columns.addWidget(options_panel)
        columns.addLayout(right, 1)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("exportStatus")
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(tr("Cancel Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self._apply_preferences(self.prefs)
        self._set_path_for(self.current_format())

    def _initial_title(self) -> str:
        """The project's title; for an untitled draft the one given last time, else its first heading."""
        snap = self.snapshot
        if not self.untitled_draft:
            return snap.title
        first = self.texts.get(snap.chapters[0].id, "") if snap.chapters else ""
        return self.prefs.draft_title(snap.path) or draft_titles(first).title

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.browse_button.clicked.connect(self.browse)
        self.path_edit.textChanged.connect(self._update_path_note)
        self.chapter_mode.idToggled.connect(lambda _id, _on: self._on_chapter_mode())
        self.chapter_list.itemChanged.connect(lambda _item: self._on_item_changed())
        self.title_page_check.toggled.connect(self._sync_enabled)
        self.manuscript_check.toggled.connect(self._sync_enabled)
        for signal in (self.polish_check.toggled, self.heading_box.currentIndexChanged,
                       self.scene_break_box.currentTextChanged, self.preview_chapter.currentIndexChanged):
            signal.connect(self._preview_timer.start)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        relay = self.dispatcher.relay
        relay.progress.connect(self._on_progress)
        relay.finished.connect(self._on_finished)
        relay.failed.connect(self._on_failed)
        relay.cancelled.connect(self._on_cancelled)
        relay.chapter_counted.connect(self._on_chapter_counted)

    # ------------------------------------------------------------------------------------------------ options
    def current_format(self) -> ExportFormat:
        """The format chosen in the dialog."""
        return self._formats[max(self.format_box.currentIndex(), 0)]

    def _apply_preferences(self, prefs: ExportPreferences) -> None:
        """Start from the choices of the last export (the project's author wins over a remembered one)."""
        index = self.format_box.findData(prefs.format)
        if index >= 0:
            self.format_box.setCurrentIndex(index)
        self.heading_box.setCurrentIndex(max(self.heading_box.findData(prefs.headings), 0))
        self.title_page_check.setChecked(prefs.title_page)
        self.scene_break_box.setCurrentText(prefs.scene_break)
        self.polish_check.setChecked(prefs.polish)
        self.manuscript_check.setChecked(prefs.manuscript_format)
        if not self.snapshot.author.strip() and prefs.author:
            self.author_edit.setText(prefs.author)
        self.contact_edit.setPlainText("\n".join(prefs.contact or []))

    def preferences(self) -> ExportPreferences:
        """The dialog's choices as preferences to remember (the folder is added once the export succeeds)."""
        options = self.options()
        prefs = ExportPreferences(
            format=options.format, headings=options.headings, title_page=options.title_page,
            scene_break=options.scene_break, polish=options.polish,
            manuscript_format=self.manuscript_check.isChecked(), author=options.author or "",
            contact=list(options.contact), last_folder=self.prefs.last_folder,
            draft_titles=dict(self.prefs.draft_titles or {}),
        )
        if self.untitled_draft and options.title:
            prefs.remember_draft_title(self.snapshot.path, options.title)
        return prefs

    def default_folder(self) -> Path:
        """A draft's own folder, else the last export folder, Documents, home; never a private folder."""
        return default_folder(self.prefs.last_folder, self.documents, self.snapshot.path)

    def _set_path_for(self, fmt: ExportFormat) -> None:
        text = self.path_edit.text().strip()
        if text:
            path = Path(text).with_suffix(fmt.extension)
            if path == self.snapshot.path:
                path = path.with_name(f"{path.stem} (export){fmt.extension}")
            self._show_path(path)
            return
        base = self.default_folder()
        candidate = base / f"{_file_stem(self.snapshot.title)}{fmt.extension}"
        if candidate == self.snapshot.path:  # a loose draft exported to its own format: never suggest itself
            candidate = base / f"{_file_stem(self.snapshot.title)} (export){fmt.extension}"
        self._show_path(candidate)

    def _show_path(self, path: Path) -> None:
        """Put ``path`` in the field showing its beginning (the folder), not just its tail."""
        self.path_edit.setText(str(path))
        self.path_edit.setCursorPosition(0)

    def _on_format_changed(self) -> None:
        fmt = self.current_format()
        self._set_path_for(fmt)
        self.manuscript_check.setEnabled(fmt.supports_manuscript_format)
        if not fmt.supports_manuscript_format:
            self.manuscript_check.setChecked(False)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        title_page = self.title_page_check.isChecked()
        self.title_edit.setEnabled(title_page)
        self.author_edit.setEnabled(title_page or self.manuscript_check.isChecked())
        self.contact_edit.setEnabled(self.manuscript_check.isChecked() and title_page)

    def _update_path_note(self) -> None:
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else None
        self.path_edit.setToolTip(str(path) if path else tr("The file to export to"))
        shown = self._home_short(path) if path else ""
        width = max(self.path_edit.width(), 360)
        self.path_full.setText(self.path_full.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideMiddle, width))
        self.path_full.setToolTip(str(path) if path else "")
        self.path_note.setText(tr("This file exists and will be replaced.") if path and path.is_file() else "")
        self.path_note.setVisible(bool(self.path_note.text()))

    @staticmethod
    def _home_short(path: Path) -> str:
        """``path`` with the home folder written as ``~`` (shorter, and still unambiguous)."""
        home = Path.home()
        if path == home or home in path.parents:
            return str(Path("~") / path.relative_to(home))
        return str(path)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802, D102 - Qt override: re-elide the full path
        super().resizeEvent(event)
        self._update_path_note()

    def browse(self) -> None:
        """Choose the output file with a save dialog."""
        fmt = self.current_format()
        path, _filter = QFileDialog.getSaveFileName(self, tr("Export to"), self.path_edit.text(), fmt.file_filter)
        if path:
            if not path.lower().endswith(fmt.extension):
                path += fmt.extension
            self._show_path(Path(path))

    def _on_chapter_mode(self) -> None:
        selecting = self.selected_radio.isChecked()
        self.chapter_list.setEnabled(selecting)
        if selecting:
            shown = self._custom_selection
        elif self.current_radio.isChecked() and self.current_id is not None:
            shown = {self.current_id}
        else:
            shown = {c.id for c in self.snapshot.chapters}
        self.chapter_list.blockSignals(True)  # the list mirrors the mode; only the writer's own ticks count
        for row in range(self.chapter_list.count()):
            item = self.chapter_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in shown
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.chapter_list.blockSignals(False)
        self._on_selection_changed()

    def _on_item_changed(self) -> None:
        if self.selected_radio.isChecked():
            self._custom_selection = set(self.selected_chapter_ids())
        self._on_selection_changed()

    def selected_chapter_ids(self) -> tuple[str, ...]:
        """The chapters to export, in project order."""
        if self.current_radio.isChecked() and self.current_id is not None:
            return (self.current_id,)
        if self.selected_radio.isChecked():
            chosen = []
            for row in range(self.chapter_list.count()):
                item = self.chapter_list.item(row)
                if item.checkState() == Qt.CheckState.Checked:
                    chosen.append(item.data(Qt.ItemDataRole.UserRole))
            return tuple(chosen)
        return tuple(c.id for c in self.snapshot.chapters)

    def _on_selection_changed(self) -> None:
        ids = self.selected_chapter_ids()
        words = sum(self.word_counts.get(chapter_id, 0) for chapter_id in ids)
        self.selection_label.setText(tr("{0} chapter{1}, {2:,} words").format(
            len(ids), "" if len(ids) == 1 else "s", words))
        self.export_button.setEnabled(bool(ids) and not self.dispatcher.exporting)
        if ids and self.preview_chapter.currentData() not in ids:
            self.preview_chapter.setCurrentIndex(self.preview_chapter.findData(ids[0]))
        self._refresh_warning()

    def options(self) -> ExportOptions:
        """The ExportOptions the dialog describes."""
        contact = tuple(line.strip() for line in self.contact_edit.toPlainText().splitlines() if line.strip())
        ids = self.selected_chapter_ids()
        everything = len(ids) == len(self.snapshot.chapters)
        return ExportOptions(
            format=self.current_format().key,
            chapter_ids=None if everything else ids,
            title=self.title_edit.text().strip(),
            author=self.author_edit.text().strip(),
            title_page=self.title_page_check.isChecked(),
            headings=self.heading_box.currentData(),
            scene_break=self.scene_break_box.currentText().strip() or DEFAULT_SCENE_BREAK,
            polish=self.polish_check.isChecked(),
            manuscript_format=self.manuscript_check.isChecked() and self.manuscript_check.isEnabled(),
            contact=contact,
        )

    # ------------------------------------------------------------------------------------------------ preview
    def update_preview(self) -> None:
        """Show the preview chapter as it will be exported, with polish changes highlighted."""
        chapter_id = self.preview_chapter.currentData()
        if chapter_id is None:
            return
        ids = self.selected_chapter_ids() or (chapter_id,)
        number = ids.index(chapter_id) + 1 if chapter_id in ids else 1
        chapter = next(c for c in self.snapshot.chapters if c.id == chapter_id)
        _title, heading = export_chapter_heading(self.snapshot, chapter, self.texts.get(chapter_id, ""), number,
                                                 self.heading_box.currentData())
        page = build_preview(
            self.texts.get(chapter_id, ""), polish=self.polish_check.isChecked(),
            scene_break=self.scene_break_box.currentText().strip() or DEFAULT_SCENE_BREAK, heading=heading,
            font_family=self.window_.settings.editor_font_family or "serif",
        )
        self.preview.setHtml(page.html)
        self.preview_summary.setText(page.summary)

    # ------------------------------------------------------------------------------------------------ issues
    def start_issue_count(self, factory: Any) -> None:
        """Count unresolved issues of every chapter in the background (``factory()`` builds the checker)."""
        texts = [(c.id, self.texts[c.id]) for c in self.snapshot.chapters]
        self.dispatcher.start_count(texts, factory)

    def use_issue_source(self, source: Any) -> None:
        """Show the checking feature's own manuscript-wide counts (``source.counts()``, ``source.changed``)."""
        self.issue_source = source
        source.changed.connect(self._pull_counts)
        self._pull_counts()

    def _pull_counts(self) -> None:
        if self.issue_source is not None:
            self.chapter_counts = dict(self.issue_source.counts())
            self._refresh_warning()

    def _on_chapter_counted(self, chapter_id: str, counts: object) -> None:
        self.chapter_counts[chapter_id] = Counter(counts)  # type: ignore[arg-type]
        self._refresh_warning()

    def _refresh_warning(self) -> None:
        ids = self.selected_chapter_ids()
        total: Counter[str] = Counter()
        checked = 0
        for chapter_id in ids:
            if chapter_id in self.chapter_counts:
                checked += 1
                total.update(self.chapter_counts[chapter_id])
        # The checking feature keeps checking during an export; only the dialog's own count pauses.
        paused = self.dispatcher.exporting and self.issue_source is None
        self.warning.show_counts(total, checked, len(ids), paused=paused)

    # ------------------------------------------------------------------------------------------------ export
    def start_export(self) -> None:
        """Validate the choices and start the export on a worker thread."""
        text = self.path_edit.text().strip()
        if not text:
            self._show_status(tr("Choose a file to export to."), error=True)
            return
        options = self.options()
        if options.title_page and not options.title:
            self._show_status(tr("Give the draft a title for its title page, or untick Title page.") if self.untitled_draft
                              else tr("Give the manuscript a title for its title page, or untick Title page."),
                              error=True)
            self.title_edit.setFocus()
            return
        target = Path(text).expanduser()
        self._set_busy(True)
        self._show_status(tr("Exporting…"))
        self.dispatcher.start_export(self.snapshot, dict(self.texts), options, target, self.preferences())
        self._refresh_warning()

    def cancel_export(self) -> None:
        """Stop the running export; the old file (if any) stays as it was."""
        self.dispatcher.cancel_export()
        self._show_status(tr("Cancelling…"))

    def _set_busy(self, busy: bool) -> None:
        self._progress_timer.stop()
        self._progress_pending = None
        self._progress_shown_at = float("-inf")
        self._refresh_warning()
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)
        for widget in (self.format_box, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)

    clock = staticmethod(time.monotonic)  # seconds; tests replace it to pace reports without sleeping

    def _on_progress(self, fraction: float, message: str) -> None:
        """Show the newest progress at most every PROGRESS_REFRESH_MS; a timer shows the last one of a burst."""
        earlier = self._progress_pending[1] if self._progress_pending is not None else ""
        self._progress_pending = (fraction, message or earlier)
        if self.clock() - self._progress_shown_at >= PROGRESS_REFRESH_MS / 1000:
            self._show_progress()
        elif not self._progress_timer.isActive():
            self._progress_timer.start()

    def _show_progress(self) -> None:
        if self._progress_pending is None:
            return
        fraction, message = self._progress_pending
        self._progress_pending = None
        self._progress_shown_at = self.clock()
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status_label.setText(message)

    def _on_finished(self, result: ExportResult) -> None:
        self._set_busy(False)
        self.result = result
        text = tr("Exported {0} chapter{1} ({2:,} words) to {3}.").format(
            result.chapters, "" if result.chapters == 1 else "s", result.words, result.path.name)
        self._show_status(text)
        self._update_path_note()
        try:
            self.window_.show_message(text)
        except Exception:  # noqa: BLE001 - the status bar message is a courtesy
            log.debug("could not show the export message in the window", exc_info=True)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self._show_status(message, error=True)

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self._show_status(tr("Export cancelled; nothing was written."))

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b3261e;" if error else "")
        self.status_label.setText(text)

    def done(self, result: int) -> None:  # noqa: D102 - Qt override: stop background work on close
        self.dispatcher.cancel_export()
        self.dispatcher.cancel_count()
        super().done(result)
