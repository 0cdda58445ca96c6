"""File > Export… (Ctrl+E): opens the export dialog for the open project."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:  # the export stack (formats, writers, importer) loads on first use, not while the window is built
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


def find_checking_controller(window: Any) -> Any:
    """The window's inline-checking controller, found like the Characters feature finds it; None without one."""
    try:
        from writer_app.ui.checking.install import CheckingFeature
    except ImportError:  # checking is not part of this build
        return None
    feature = window.findChild(CheckingFeature) if hasattr(window, "findChild") else None
    return getattr(feature, "controller", None)


class CheckingCounts(QObject):
    """Per-chapter issue counts the checking feature already has, refreshed as it checks (at most 4 times a s).

    Only fully checked chapters are counted, so "checked N of M" matches the status bar's progress.
    """

    changed = Signal()

    def __init__(self, controller: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.changed)
        controller.issues_changed.connect(self._schedule)
        controller.progress_changed.connect(self._schedule)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def chapter_ids(self) -> set[str]:
        """Every chapter the checking feature follows (the manuscript plus the open chapter)."""
        ids = set(self.controller.store.order)
        if self.controller.chapter_id is not None:
            ids.add(self.controller.chapter_id)
        return ids

    def covers(self, chapter_ids: Iterable[str]) -> bool:
        """True if the checking feature checks every one of these chapters."""
        return set(chapter_ids) <= self.chapter_ids()

    def counts(self) -> dict[str, Counter[str]]:
        """``{chapter id: {category value: issues}}`` for the chapters checked so far."""
        controller = self.controller
        store = controller.store
        open_id = controller.chapter_id
        result: dict[str, Counter[str]] = {}
        for chapter_id in store.order:
            chapter = store.chapters.get(chapter_id)
            if chapter_id != open_id and chapter is not None and chapter.done:
                result[chapter_id] = Counter(span.category.value for _i, span in controller.chapter_issues(chapter_id))
        if open_id is not None:
            done, _total = controller.progress()
            if done > store.done_count(skip=open_id):  # the open chapter is fully checked too
                result[open_id] = Counter(live.issue.category.value for live in controller.live_issues())
        return result


def issue_source(window: Any, chapter_ids: Iterable[str], parent: QObject | None = None) -> CheckingCounts | None:
    """The checking feature's counts for these chapters, or None (then the dialog counts for itself)."""
    controller = find_checking_controller(window)
    if controller is None:
        return None
    try:
        source = CheckingCounts(controller, parent)
        if source.covers(chapter_ids):
            return source
        source.deleteLater()
    except Exception:  # noqa: BLE001 - a changed checking feature must not break exporting
        log.exception("could not follow the checking feature's issue counts")
    return None


class ExportFeature(QObject):
    """Owns the Export… action and the background dispatcher shared by export dialogs."""

    def __init__(self, window: Any, count_issues: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.count_issues = count_issues
        self._dispatcher: ExportDispatcher | None = None
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

    @property
    def dispatcher(self) -> ExportDispatcher:
        """The background dispatcher shared by export dialogs (made, with the export stack, on first use)."""
        if self._dispatcher is None:
            from writer_app.ui.dialogs.export_workers import ExportDispatcher

            self._dispatcher = ExportDispatcher(self)
        return self._dispatcher

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
        source = None
        if self.count_issues:
            source = issue_source(self.window, [c.id for c in dialog.snapshot.chapters], dialog)
        if source is not None:
            dialog.use_issue_source(source)  # the manuscript-wide counts checking already has: no second check
        elif self.count_issues:
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
