"""The main window's menus and actions with the shortcuts a writer expects."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from writer_app.ui.i18n import translator

if TYPE_CHECKING:
    from writer_app.ui.main_window import MainWindow


tr = translator("MainWindow")


class WindowActions:
    """Creates the menu bar of a MainWindow; menus are reachable by key ("file", "edit", ...)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        for key, title in (("file", tr("&File")), ("edit", tr("&Edit")), ("view", tr("&View")),
                           ("chapter", tr("&Chapter")), ("tools", tr("&Tools")), ("help", tr("&Help"))):
            self.menus[key] = bar.addMenu(title)
        self._file(window)
        self._edit(window)
        self._view(window)
        self._chapter(window)
        self.menus["help"].addAction(self._make(tr("&About writer-app"), window.show_about))

    def _make(self, text: str, slot: object, shortcut: object = None, *, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts keep working when the menu bar is hidden (focus mode)
        return action

    def _file(self, w: MainWindow) -> None:
        menu = self.menus["file"]
        self.new_project = self._make(tr("&New Project…"), w.new_project_dialog, QKeySequence.StandardKey.New)
        self.open_project = self._make(tr("&Open Project…"), w.open_project_dialog, QKeySequence.StandardKey.Open)
        self.open_file = self._make(tr("Open Text &File…"), w.open_file_dialog)
        self.recent = QMenu(tr("Open &Recent"), menu)
        self.recent.setToolTipsVisible(True)
        self.recent.aboutToShow.connect(self.fill_recent)
        self.import_manuscript = self._make(tr("&Import Manuscript…"), w.import_dialog)
        self.save = self._make(tr("&Save"), w.save_now, QKeySequence.StandardKey.Save)
        self.close_project = self._make(tr("&Close Project"), w.close_project, QKeySequence.StandardKey.Close)
        self.preferences = self._make(tr("Pre&ferences…"), w.show_preferences, "Ctrl+,")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = self._make(tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        for item in (self.new_project, self.open_project, self.open_file, self.recent, None, self.import_manuscript,
                     None, self.save, self.close_project, None, self.preferences, None, self.quit):
            if item is None:
                menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            else:
                menu.addAction(item)

    def fill_recent(self) -> None:
        """List the recent projects, most recent first: name and folder, the full path as the tooltip."""
        self.recent.clear()
        for number, path in enumerate(self.window.settings.recent_projects, start=1):
            action = self.recent.addAction(recent_label(path, number))
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_recent(p))
        if not self.window.settings.recent_projects:
            self.recent.addAction(tr("No recent projects")).setEnabled(False)

    def _edit(self, w: MainWindow) -> None:
        menu = self.menus["edit"]
        editor = w.editor
        self.undo = self._make(tr("&Undo"), editor.undo, QKeySequence.StandardKey.Undo)
        self.redo = self._make(tr("&Redo"), editor.redo, QKeySequence.StandardKey.Redo)
        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        for action in (self.undo, self.redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.removeAction(action)
            editor.addAction(action)
        menu.addActions([self.undo, self.redo])
        menu.addSeparator()
        menu.addAction(self._make(tr("Cu&t"), editor.cut))
        menu.addAction(self._make(tr("&Copy"), editor.copy))
        menu.addAction(self._make(tr("&Paste"), editor.paste))
        menu.addAction(self._make(tr("Select &All"), editor.selectAll))
        menu.addSeparator()
        self.find = self._make(tr("&Find…"), lambda: w.find_bar.open_bar(False), QKeySequence.StandardKey.Find)
        self.find_next = self._make(tr("Find &Next"), lambda: w.find_bar.find_next(), QKeySequence.StandardKey.FindNext)
        self.find_previous = self._make(tr("Find Pre&vious"), lambda: w.find_bar.find_previous(),
                                        QKeySequence.StandardKey.FindPrevious)
        self.replace = self._make(tr("&Replace…"), lambda: w.find_bar.open_bar(True), "Ctrl+H")
        menu.addActions([self.find, self.find_next, self.find_previous, self.replace])

    def _view(self, w: MainWindow) -> None:
        menu = self.menus["view"]
        self.focus_mode = self._make(tr("&Focus Mode"), w.toggle_focus_mode, "F11", checkable=True)
        self.leave_focus = self._make(tr("Leave Focus Mode"), w.leave_focus_mode, "Esc")
        self.leave_focus.setEnabled(False)
        self.toggle_sidebar = self._make(tr("Show &Sidebar"), w.set_sidebar_visible, "Ctrl+\\", checkable=True)
        self.toggle_sidebar.setChecked(True)
        menu.addAction(self.focus_mode)
        menu.addAction(self.toggle_sidebar)
        theme_menu = menu.addMenu(tr("&Theme"))
        self.theme_group = QActionGroup(w)
        self.theme_actions: dict[str, QAction] = {}
        for value, label in (("system", tr("Follow the System")), ("light", tr("Light")), ("dark", tr("Dark"))):
            action = self._make(label, lambda _checked=False, v=value: w.set_theme(v), checkable=True)
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[value] = action
        menu.addSeparator()
        self.zoom_in = self._make(tr("Zoom &In"), w.editor.zoom_in, [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = self._make(tr("Zoom &Out"), w.editor.zoom_out, QKeySequence("Ctrl+-"))
        self.zoom_reset = self._make(tr("&Reset Zoom"), w.editor.zoom_reset, QKeySequence("Ctrl+0"))
        menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])

    def _chapter(self, w: MainWindow) -> None:
        menu = self.menus["chapter"]
        self.add_chapter = self._make(tr("&New Chapter"), lambda: w.commands.add(), "Ctrl+Shift+N")
        self.rename_chapter = self._make(tr("&Rename…"), w.rename_current_chapter)
        self.split_chapter = self._make(tr("&Split at Cursor"), lambda: w.commands.split_at_cursor(),
                                        "Ctrl+Shift+Return")
        self.merge_chapter = self._make(tr("&Merge with Next"), lambda: w.commands.merge_with_next())
        self.delete_chapter = self._make(tr("Move to &Trash"), w.delete_current_chapter)
        menu.addActions([self.add_chapter, self.rename_chapter, self.split_chapter, self.merge_chapter])
        menu.addSeparator()
        menu.addAction(self.delete_chapter)

    def sync(self, has_project: bool, theme: str, focus: bool) -> None:
        """Enable what makes sense now and tick the current choices."""
        for action in (self.save, self.close_project, self.add_chapter, self.rename_chapter, self.split_chapter,
                       self.merge_chapter, self.delete_chapter, self.find, self.replace):
            action.setEnabled(has_project)
        self.theme_actions.get(theme, self.theme_actions["system"]).setChecked(True)
        self.focus_mode.setChecked(focus)
        self.leave_focus.setEnabled(focus)


def recent_label(path: str, number: int = 0) -> str:
    """A menu label for a recent project: "&1  Name — ~/folder" (the home folder shortened, ``&`` kept literal)."""
    target = Path(path)
    folder = str(target.parent)
    home = str(Path.home())
    if home != os.sep and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home):]
    text = tr("{0} — {1}").format(target.name or path, folder).replace("&", "&&")
    if 1 <= number <= 9:
        return f"&{number}  {text}"
    return text
