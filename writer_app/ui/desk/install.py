"""Put the desk into a main window: the notes pane, the progress label, the chapter list's status, the actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from writer_app.core.snapshots import BEFORE_MERGE
from writer_app.ui.desk.controller import DeskController
from writer_app.ui.desk.notes_pane import NotesPane
from writer_app.ui.desk.progress import ProgressLabel
from writer_app.ui.i18n import translator

if TYPE_CHECKING:
    from writer_app.ui.main_window import MainWindow

NOTES_VISIBLE_KEY = "desk_notes_visible"

tr = translator("Desk")


class Desk:
    """The desk's parts in one window: controller, notes pane, progress label and menu actions."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = DeskController(window)
        self.notes = NotesPane(self.controller, window)
        window.splitter.addWidget(self.notes)
        window.splitter.setStretchFactor(2, 0)
        self.notes.setVisible(bool(window.settings.unknown.get(NOTES_VISIBLE_KEY, False)))
        self.progress = ProgressLabel(self.controller, window)
        window.add_status_widget(self.progress)
        self._actions(window)
        self.controller.desk_changed.connect(self.refresh_chapter_list)
        window.session.chapters_changed.connect(self.refresh_chapter_list)
        window.session.project_opened.connect(lambda _p: self._sync())
        window.session.project_closed.connect(self._sync)
        window.chapters_panel.status_requested.connect(self.controller.set_status)
        # Merging rewrites two chapters: snapshot both first.
        window.commands.before_merge = lambda ids: self.controller.snapshot_before(BEFORE_MERGE, ids)
        self._sync()

    def _make(self, text: str, slot: object, shortcut: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _actions(self, window: MainWindow) -> None:
        self.take_snapshot = self._make(tr("Take &Snapshot"), self.take_snapshot_of_current, "Ctrl+Alt+S")
        self.snapshots = self._make(tr("Snaps&hots…"), self.show_snapshots)
        chapter_menu = window.menu("chapter")
        chapter_menu.addSeparator()
        chapter_menu.addActions([self.take_snapshot, self.snapshots])
        self.toggle_notes = self._make(tr("Chapter &Notes"), self.set_notes_visible, "Ctrl+Alt+N", checkable=True)
        self.toggle_notes.setChecked(self.notes.isVisibleTo(window))
        window.menu("view").insertAction(window.menu("view").actions()[2], self.toggle_notes)
        self.statistics = self._make(tr("&Statistics…"), self.show_statistics)
        self.goals = self._make(tr("&Goals…"), self.show_goals)
        tools = window.menu("tools")
        tools.addActions([self.statistics, self.goals])

    def _sync(self) -> None:
        project = self.controller.project
        has = project is not None
        writable = has and not project.read_only
        for action in (self.snapshots, self.statistics):
            action.setEnabled(has)
        for action in (self.take_snapshot, self.goals):
            action.setEnabled(writable)
        self.refresh_chapter_list()

    def refresh_chapter_list(self) -> None:
        """Give the chapter list each chapter's status and (if progress is shown) its target."""
        project = self.controller.project
        panel = self.window.chapters_panel
        if project is None:
            panel.set_desk({}, [])
            return
        show = self.controller.goals().show_progress
        panel.set_desk({c.id: (c.status, c.target if show else 0) for c in project.chapters},
                       project.status_labels if not project.read_only else [])

    # ------------------------------------------------------------------------------------------------ commands
    def set_notes_visible(self, visible: bool) -> None:
        """Show or hide the chapter notes pane (remembered)."""
        self.notes.setVisible(visible)
        self.toggle_notes.setChecked(visible)
        self.window.settings.unknown[NOTES_VISIBLE_KEY] = visible

    def take_snapshot_of_current(self) -> None:
        """Snapshot the open chapter (no name) and say so."""
        current = self.window.session.current
        if current is None:
            return
        result = self.controller.take_snapshot(current.id)
        if result is not None:
            self.window.show_message(tr("Took a snapshot of “{0}”.").format(current.title) if result.created else
                                     tr("“{0}” is unchanged since its newest snapshot.").format(current.title))

    def show_snapshots(self) -> None:
        """Open the Snapshots dialog for the open chapter."""
        from writer_app.ui.desk.snapshots_dialog import SnapshotsDialog

        current = self.window.session.current
        if current is None:
            return
        self.controller.flush()
        SnapshotsDialog(self.controller, current.id, self.window).exec()

    def show_statistics(self) -> None:
        """Open the Statistics view."""
        from writer_app.ui.desk.statistics_dialog import StatisticsDialog

        if self.controller.project is not None:
            StatisticsDialog(self.controller, self.window).exec()

    def show_goals(self) -> None:
        """Open the Goals dialog."""
        from writer_app.ui.desk.goals_dialog import GoalsDialog

        if self.controller.project is None:
            return
        dialog = GoalsDialog(self.controller.goals(), self.window)
        if dialog.exec() == GoalsDialog.DialogCode.Accepted:
            self.controller.set_goals(dialog.goals())


def install(window: MainWindow) -> Desk:
    """Install the desk into ``window``."""
    return Desk(window)
