"""File > Export… (Ctrl+E): opens the export dialog for the open project."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from writer_app.ui.dialogs.export_workers import ExportDispatcher

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    """Translate a user-visible string."""
    return QCoreApplication.translate("ExportFeature", text)


def checker_factory(window: Any) -> Callable[[], Any]:
    """Return a function that builds the writer's checker (config taken now, on the GUI thread)."""
    from writer_app.grammar.factory import build_checker, cast_words_of, config_from

    config = config_from(window.settings, window.project, cast_words_of(window.project))
    return lambda: build_checker(config)


class ExportFeature(QObject):
    """Owns the Export… action and the background dispatcher shared by export dialogs."""

    def __init__(self, window: Any, count_issues: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.count_issues = count_issues
        self.dispatcher = ExportDispatcher(self)
        self.dialog: Any = None
        self.action = QAction(tr("&Export…"), window)
        self.action.setObjectName("exportAction")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip(tr("Export the manuscript as text, Markdown, HTML, DOCX, ODT, PDF or EPUB"))
        self.action.triggered.connect(self.open_dialog)
        window.addAction(self.action)  # the shortcut works when the menu bar is hidden
        self._add_to_menu(window.menu("file"))
        window.project_opened.connect(lambda _project: self._sync())
        window.project_closed.connect(self._sync)
        self._sync()

    def _add_to_menu(self, menu: Any) -> None:
        """Put Export… right after Import Manuscript… (or at the top of the File menu)."""
        actions = menu.actions()
        for index, action in enumerate(actions):
            if "import" in action.text().lower() and index + 1 < len(actions):
                menu.insertAction(actions[index + 1], self.action)
                return
        if actions:
            menu.insertAction(actions[0], self.action)
        else:
            menu.addAction(self.action)

    def _sync(self) -> None:
        self.action.setEnabled(self.window.project is not None)

    def open_dialog(self) -> Any:
        """Open the export dialog (window-modal) and start counting unresolved issues."""
        from writer_app.ui.dialogs.export_dialog import ExportDialog

        if self.window.project is None:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        dialog = ExportDialog(self.window, self.dispatcher)
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        if self.count_issues:
            try:
                dialog.start_issue_count(checker_factory(self.window))
            except Exception:  # noqa: BLE001 - the warning is optional; exporting is not
                log.exception("could not start counting unresolved issues")
                dialog.warning.dismiss()
        else:
            dialog.warning.dismiss()
        dialog.setModal(True)
        dialog.open()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


def install(window: Any) -> ExportFeature:
    """Add File > Export… to ``window``."""
    return ExportFeature(window)
