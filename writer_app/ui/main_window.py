"""The main window: editor pane, sidebar tabs, status bar, menus; features plug in through its public API."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.errors import EncodingError
from writer_app.core.project import Chapter, Project
from writer_app.errors import WriterAppError
from writer_app.settings import Settings
from writer_app.ui.actions import WindowActions
from writer_app.ui.chapter_commands import ChapterCommands
from writer_app.ui.desk.install import install as install_desk
from writer_app.ui.editor import ChapterEditor, default_font_family
from writer_app.ui.feature_host import FeatureHost
from writer_app.ui.focus_mode import FocusMode
from writer_app.ui.i18n import translator
from writer_app.ui.idle_build import IdleBuilder
from writer_app.ui.prompts import Prompts
from writer_app.ui.session import Session
from writer_app.ui.sidebar.chapters import ChaptersPanel
from writer_app.ui.status_bar import WriterStatusBar
from writer_app.ui.theme import Colors, apply_theme

if TYPE_CHECKING:
    from writer_app.ui.dialogs.find_replace import FindBar

log = logging.getLogger(__name__)

SIDEBAR_WIDTH = 260


tr = translator("MainWindow")


class MainWindow(FeatureHost):
    """Editor + sidebar + status bar around one open project (see the contracts for the public API).

    Besides the contract: ``save_manifest_later()`` saves project.json without the GUI thread waiting on the
    disk (features call it after changing the project's metadata: cast, word list, ignored rules), and
    ``unsaved_chapter_texts()`` returns the texts of closed chapters whose save is not confirmed yet.
    """

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings if settings is not None else Settings.load()
        self._preference_pages: list[tuple[str, Callable[[], QWidget]]] = []
        self.colors: Colors | None = None
        self.prompts = Prompts(self)
        self._editor = ChapterEditor(self)
        self._find_bar: FindBar | None = None  # built on first use or soon after the window is shown
        self.build_later = IdleBuilder(self)  # what the first frame does not show, built just after it
        self.build_later.add(lambda: self.find_bar)
        self.session = Session(self._editor, self._settings, self.prompts, self)
        self.commands = ChapterCommands(self.session, self)
        self.chapters_panel = ChaptersPanel(self)
        self.sidebar = QTabWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setDocumentMode(True)
        self.sidebar.addTab(self.chapters_panel, tr("Chapters"))
        pane = QWidget(self)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self._editor, 1)
        self._pane_layout = pane_layout
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.setSizes([SIDEBAR_WIDTH, 900])
        self.setCentralWidget(self.splitter)
        self.status = WriterStatusBar(self)
        self.setStatusBar(self.status)
        self.actions_ = WindowActions(self)
        self.desk = install_desk(self)
        self.focus = FocusMode(self, [self.menuBar(), self.sidebar, self.status])
        self._connect()
        self._apply_settings()
        self._restore_geometry()
        self._sync()
        self.setWindowTitle("writer-app")

    # ------------------------------------------------------------------------------------------------ contract
    @property
    def project(self) -> Project | None:
        """The open project, if any."""
        return self.session.project

    @property
    def current_chapter(self) -> Chapter | None:
        """The chapter shown in the editor, if any."""
        return self.session.current

    @property
    def editor(self) -> ChapterEditor:
        """The chapter editor."""
        return self._editor

    @property
    def settings(self) -> Settings:
        """The writer's settings (saved on change and on quit)."""
        return self._settings

    def add_sidebar_tab(self, widget: QWidget, title: str) -> None:
        """Add a tab to the sidebar (after Chapters)."""
        self.sidebar.addTab(widget, title)

    def add_status_widget(self, widget: QWidget) -> None:
        """Add a permanent widget to the status bar."""
        self.status.add_feature_widget(widget)

    def menu(self, name: str) -> QMenu:
        """One of the menus: "file", "edit", "view", "chapter", "tools", "help"."""
        return self.actions_.menus[name]

    def open_chapter(self, chapter_id: str) -> bool:
        """Show a chapter in the editor (autosaving the previous one)."""
        return self.session.open_chapter(chapter_id)

    def show_message(self, text: str, timeout_ms: int = 6000) -> None:
        """Show a transient message in the status bar."""
        self.status.showMessage(text, timeout_ms)

    def chapter_text(self, chapter_id: str) -> str:
        """Current in-memory text of the open chapter; the saved (or pending) text of others."""
        return self.session.chapter_text(chapter_id)

    def save_manifest_later(self) -> None:
        """Snapshot project.json now and write it on the disk thread, in order with the chapter saves.

        Never blocks. A failure is shown as one sentence; if another program changed project.json the writer
        is asked to reload the project or keep their version. Does nothing without a writable project.
        """
        self.session.save_manifest_later()

    def unsaved_chapter_texts(self) -> dict[str, str]:
        """Texts of chapters other than the open one that are not yet confirmed on disk (a copy)."""
        return self.session.unsaved_texts()

    def snapshot_before(self, reason: str, chapter_ids: list[str] | None = None) -> bool:
        """Snapshot chapters (default: the open one) before a destructive operation (replace all, rename
        everywhere, fix all); False means do not go ahead (a snapshot failed and the writer said stop)."""
        return self.desk.controller.snapshot_before(reason, chapter_ids)

    @property
    def find_bar(self) -> FindBar:
        """The find and replace bar under the editor, hidden until Find or Replace.

        Built when first asked for (the window is shown without it; ``build_window`` builds it just after the
        first frame, so the first Find finds it ready).
        """
        if self._find_bar is None:
            from writer_app.ui.dialogs.find_replace import FindBar
            from writer_app.ui.search_access import ManuscriptAccess

            bar = FindBar(self._editor, self)
            bar.set_manuscript(ManuscriptAccess(self))
            bar.message.connect(self.show_message)
            if self.colors is not None:
                bar.highlight = QColor(self.colors.find)
            self._pane_layout.addWidget(bar)
            self._find_bar = bar
        return self._find_bar

    def _find_bar_project_changed(self) -> None:
        if self._find_bar is not None:
            self._find_bar.on_project_changed()

    def add_preferences_page(self, title: str, factory: Callable[[], QWidget]) -> None:
        """Register a preferences page: the widget has ``load(settings)`` and ``apply(settings)``."""
        self._preference_pages.append((title, factory))

    # ------------------------------------------------------------------------------------------------ wiring
    def _connect(self) -> None:
        s = self.session
        s.project_opened.connect(self.project_opened)
        s.project_closed.connect(self.project_closed)
        s.chapter_opened.connect(self.chapter_opened)
        s.chapter_about_to_close.connect(self.chapter_about_to_close)
        s.chapter_saved.connect(self.chapter_saved)
        s.project_opened.connect(lambda _p: self._sync())
        s.project_closed.connect(self._sync)
        s.chapters_changed.connect(self._refresh_chapters)
        s.word_counts_changed.connect(self._refresh_counts)
        s.chapter_opened.connect(self._on_chapter_opened)
        s.state_changed.connect(self._on_state)
        s.message.connect(self.show_message)
        s.project_opened.connect(lambda _p: self._find_bar_project_changed())
        s.project_closed.connect(self._find_bar_project_changed)
        p = self.chapters_panel
        p.chapter_selected.connect(self._on_chapter_selected)
        p.add_requested.connect(lambda: self.commands.add())
        p.rename_requested.connect(self.commands.rename)
        p.delete_requested.connect(self.commands.delete)
        p.restore_requested.connect(self.commands.restore)
        p.empty_trash_requested.connect(self.empty_trash)
        p.moved.connect(self.commands.move)
        p.split_requested.connect(lambda: self.commands.split_at_cursor())
        p.merge_requested.connect(self.commands.merge_with_next)
        self._editor.zoom_changed.connect(self._on_zoom)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_color_scheme)

    def _on_chapter_selected(self, chapter_id: str) -> None:
        if not self.open_chapter(chapter_id):
            self.chapters_panel.set_current(self.session.current.id if self.session.current else None)

    def _refresh_chapters(self) -> None:
        project = self.session.project
        self.chapters_panel.set_actions_enabled(project is not None and not project.read_only)
        if project is None:
            self.chapters_panel.set_chapters([], {}, None)
            self.chapters_panel.set_trash([])
            self.chapters_panel.set_title("")
            return
        self.chapters_panel.set_title(project.title or project.path.name)
        current = self.session.current.id if self.session.current else None
        self.chapters_panel.set_chapters([(c.id, c.title) for c in project.chapters], self.session.words, current)
        self.chapters_panel.set_trash([(t.chapter.id, t.chapter.title) for t in reversed(project.trash)])
        self._update_title()

    def _refresh_counts(self) -> None:
        self.chapters_panel.update_counts(self.session.words)
        current = self.session.current
        chapter_words = self.session.words.get(current.id) if current is not None else None
        # The total waits for the background count of the other chapters (never a misleading partial sum).
        total = self.session.total_words() if self.session.project is not None and \
            not self.session.counts_pending() else None
        self.status.set_counts(chapter_words, total)

    def _on_chapter_opened(self, chapter_id: str) -> None:
        self.chapters_panel.set_current(chapter_id)
        self._refresh_counts()
        self._update_title()
        if self._find_bar is not None:
            self._find_bar.refresh_highlights()

    def _on_state(self, state: str) -> None:
        self.status.set_state(state)
        self.setWindowModified(state in ("unsaved", "saving", "failed"))

    def _update_title(self) -> None:
        project = self.session.project
        if project is None:
            self.setWindowTitle("writer-app")
            return
        chapter = self.session.current
        parts = [project.title or project.path.name]
        if chapter is not None and not project.is_loose_file:
            parts.append(chapter.title)
        suffix = tr(" (read-only)") if project.read_only else ""
        self.setWindowTitle(" — ".join(parts) + suffix + "[*] — writer-app")

    def _sync(self) -> None:
        self.actions_.sync(self.session.project is not None, self._settings.theme, self.focus.active)
        self._refresh_chapters()
        self._refresh_counts()
        self.status.set_state(self.session.state())

    # ------------------------------------------------------------------------------------------------ settings
    def _apply_settings(self) -> None:
        s = self._settings
        self._editor.set_editor_font(s.editor_font_family or default_font_family(), s.editor_font_size)
        self._editor.set_line_spacing(s.line_spacing)
        self._editor.set_text_width(s.text_width)
        self._editor.set_zoom(s.zoom)
        self._apply_theme()

    def _apply_theme(self) -> None:
        self.colors = apply_theme(self._settings.theme)
        self._editor.set_colors(self.colors.page, self.colors.ink)
        if self._find_bar is not None:
            self._find_bar.highlight = QColor(self.colors.find)
            self._find_bar.refresh_highlights()

    def _on_color_scheme(self, _scheme: object) -> None:
        if self._settings.theme == "system":
            self._apply_theme()

    def set_theme(self, theme: str) -> None:
        """Switch to "system", "light" or "dark" and remember it."""
        self._settings.theme = theme
        self._apply_theme()
        self._sync()
        self._save_settings()
        self.settings_changed.emit(self._settings)

    def _on_zoom(self, steps: int) -> None:
        self._settings.zoom = steps

    def show_preferences(self) -> None:
        """Open the preferences dialog; OK applies, saves and announces the settings."""
        from writer_app.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._settings, self._preference_pages, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            dialog.apply()
            self.apply_changed_settings()

    def apply_changed_settings(self) -> None:
        """Re-apply the settings to the window, save them and emit ``settings_changed``."""
        self._apply_settings()
        self._sync()
        self._save_settings()
        self.settings_changed.emit(self._settings)

    def _save_settings(self) -> None:
        try:
            self._settings.save()
        except WriterAppError as error:
            log.warning("settings not saved: %s", error)

    def _restore_geometry(self) -> None:
        s = self._settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        else:
            area = self.screen().availableGeometry()
            width, height = min(1320, int(area.width() * 0.94)), min(880, int(area.height() * 0.94))
            self.setGeometry(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2,
                             width, height)
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        splitter = s.unknown.get("ui_splitter")
        if isinstance(splitter, str) and splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))

    def _store_geometry(self) -> None:
        s = self._settings
        s.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        s.unknown["ui_splitter"] = bytes(self.splitter.saveState().toBase64().data()).decode("ascii")

    # ------------------------------------------------------------------------------------------------ projects
    def open_project(self, path: str | Path, *, read_only: bool = False) -> bool:
        """Open a project folder or a loose .txt/.md file."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.session.open_project(path, read_only=read_only)
        finally:
            QApplication.restoreOverrideCursor()

    def open_recent(self, path: str) -> bool:
        """Open a project from Open Recent; one that is gone leaves the list with one sentence (nothing closes)."""
        if not os.path.exists(path):
            self._settings.remove_recent_project(path)
            self._save_settings()
            gone = Path(path)
            text = tr("“{0}” is no longer in {1}, so it was removed from Open Recent.").format(gone.name, gone.parent)
            self.show_message(text)
            self.prompts.error(text)
            return False
        return self.open_project(path)

    def close_project(self) -> bool:
        """Save and close the open project."""
        return self.session.close_project()

    def save_now(self) -> None:
        """Save the open chapter now (in the background)."""
        self.session.save_now()

    def _documents(self) -> Path:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(location) if location else Path.home()

    def open_project_dialog(self) -> None:
        """Ask for a project folder and open it."""
        folder = QFileDialog.getExistingDirectory(self, tr("Open Project Folder"), str(self._documents()))
        if folder:
            self.open_project(folder)

    def open_file_dialog(self) -> None:
        """Ask for a loose .txt/.md file and open it as a one-chapter draft."""
        path, _filter = QFileDialog.getOpenFileName(self, tr("Open Text File"), str(self._documents()),
                                                    tr("Text files (*.txt *.md *.markdown *.text)"))
        if path:
            self.open_project(path)

    def new_project_dialog(self) -> None:
        """Ask for a title and place, create the project and open it."""
        from writer_app.ui.dialogs.new_project import NewProjectDialog

        dialog = NewProjectDialog(self._documents(), self)
        if dialog.exec() != NewProjectDialog.DialogCode.Accepted:
            return
        self.create_project(dialog.target(), dialog.title.text().strip() or tr("Untitled"),
                            dialog.author.text().strip(), dialog.language.currentData())

    def create_project(self, folder: Path, title: str, author: str = "", language: str = "en-US") -> bool:
        """Create a new project folder and open it (the open project closes once the new one has opened)."""
        try:
            Project.create(folder, title, author, language).close()
        except WriterAppError as error:
            self.prompts.error(str(error))
            return False
        return self.open_project(folder)

    def import_dialog(self) -> None:
        """Ask for a manuscript and a target folder, import it and open the new project."""
        from writer_app.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self._documents(), self)
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            self.import_manuscript(dialog.source_path(), dialog.target(), dialog.project_title())

    def import_manuscript(self, source: Path, target: Path, title: str | None = None) -> bool:
        """Split a manuscript into a new project at ``target`` and open it (then the old one closes)."""
        from writer_app.core.importer import import_manuscript

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                project = import_manuscript(source, target, title)
            except EncodingError as error:
                QApplication.restoreOverrideCursor()
                if not self.prompts.ask_open_as_cp1252(str(error)):
                    return False
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                project = import_manuscript(source, target, title, encoding="cp1252")
            project.close()
        except WriterAppError as error:
            self.prompts.error(str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if not self.open_project(target):
            return False
        self.session.flush()  # the chapters' counts, so the import is logged with its words
        self.desk.controller.record_import()
        self.show_message(tr("Imported {0} chapters from {1}.").format(len(project.chapters), source.name))
        return True

    # ------------------------------------------------------------------------------------------------ chapters
    def rename_current_chapter(self) -> None:
        """Start renaming the open chapter in the sidebar."""
        self.sidebar.setCurrentWidget(self.chapters_panel)
        self.chapters_panel.edit_current_title()

    def empty_trash(self) -> None:
        """Delete the trashed chapters for good, after asking."""
        project = self.session.project
        if project is None or not project.trash:
            return
        count = len(project.trash)
        question = (tr("Delete the chapter in the trash for good? This cannot be undone.") if count == 1 else
                    tr("Delete the {0} chapters in the trash for good? This cannot be undone.").format(count))
        if self.prompts.confirm(tr("Empty Trash"), question):
            self.commands.empty_trash()

    def delete_current_chapter(self) -> None:
        """Move the open chapter to the trash."""
        if self.session.current is not None:
            self.commands.delete(self.session.current.id)

    # ------------------------------------------------------------------------------------------------ view
    def toggle_focus_mode(self) -> None:
        """Enter or leave full-screen focus mode (F11)."""
        self.focus.toggle()
        self._sync()
        self._editor.setFocus()

    def leave_focus_mode(self) -> None:
        """Leave focus mode (Esc)."""
        if self.focus.active:
            self.toggle_focus_mode()

    def set_sidebar_visible(self, visible: bool) -> None:
        """Show or hide the sidebar."""
        self.sidebar.setVisible(visible)

    def show_about(self) -> None:
        """Show the About box."""
        from writer_app.ui.dialogs.about import show_about

        show_about(self)

    # ------------------------------------------------------------------------------------------------ events
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Save when the window loses focus; look for outside changes when it gets it back."""
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self.session.check_external_changes()
            else:
                self.session.save_now()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save everything (waiting for the disk), remember the window, stop the writer thread."""
        if self.focus.active:
            self.focus.leave()
        if not self.session.close_project():
            event.ignore()
            return
        self._store_geometry()
        self._save_settings()
        self.hide()  # every chapter is saved: the window can go while the closing backup finishes
        self.session.shutdown()
        event.accept()


def window_icon() -> QIcon:
    """The application icon."""
    from writer_app.resources import resource_path

    return QIcon(str(resource_path("icons", "writer-app.svg")))
