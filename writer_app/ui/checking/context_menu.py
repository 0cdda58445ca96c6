"""Right-click on a flagged word: replacements (one undoable edit), ignore choices, dictionary additions."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu

from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.live import LiveIssue

MAX_REPLACEMENTS = 6


class IssueActions(Protocol):
    """What the menu asks the feature to do."""

    def ignore_here(self, live: LiveIssue) -> None: ...
    def ignore_everywhere(self, issue: Issue) -> None: ...
    def ignore_rule(self, issue: Issue) -> None: ...
    def add_to_project_dictionary(self, word: str) -> None: ...
    def add_to_personal_dictionary(self, word: str) -> None: ...


class IssueContextMenu(QObject):
    """Fills the editor's context menu when it opens over an issue."""

    def __init__(self, editor: object, controller: CheckingController, actions: IssueActions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.controller = controller
        self.actions = actions
        self._pending: dict[int, tuple[QMenu, QAction, LiveIssue]] = {}
        editor.context_menu_about_to_show.connect(self.on_menu)  # type: ignore[attr-defined]
        controller.dispatcher.suggestions_ready.connect(self._on_suggestions)

    @Slot(QMenu, QTextCursor)
    def on_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Insert the issue's actions at the top of ``menu``."""
        live = self.controller.issue_at(cursor.position())
        if live is None:
            return
        issue = live.issue
        top = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []
        title = QAction(issue.message, menu)
        title.setEnabled(False)
        added.append(title)
        bold = QFont(menu.font())
        bold.setBold(True)
        for replacement in issue.replacements[:MAX_REPLACEMENTS]:
            added.append(self._replacement_action(menu, live, replacement, bold))
        if issue.category is Category.SPELLING and not issue.replacements:
            waiting = QAction(self.tr("Finding suggestions…"), menu)
            waiting.setEnabled(False)
            added.append(waiting)
            request = self.controller.dispatcher.request_suggestions(issue.text, self.controller.config)
            self._pending[request] = (menu, waiting, live)
            menu.destroyed.connect(lambda *_: self._pending.pop(request, None))
        added.append(self._separator(menu))
        added.append(self._action(menu, self.tr("Ignore here"), lambda: self.actions.ignore_here(live)))
        spelling = issue.category is Category.SPELLING
        if not spelling:  # for a misspelling the dictionaries say it better (and "ignore rule" would end spelling)
            added.append(self._action(menu, self.tr("Ignore “{0}” everywhere").replace("{0}", issue.text),
                                      lambda: self.actions.ignore_everywhere(issue)))
            if issue.rule:
                added.append(self._action(menu, self.tr("Ignore rule ({0})").replace("{0}", issue.rule),
                                          lambda: self.actions.ignore_rule(issue)))
        if spelling:
            word = issue.text
            added.append(self._action(menu, self.tr("Add “{0}” to project dictionary").replace("{0}", word),
                                      lambda: self.actions.add_to_project_dictionary(word)))
            added.append(self._action(menu, self.tr("Add “{0}” to personal dictionary").replace("{0}", word),
                                      lambda: self.actions.add_to_personal_dictionary(word)))
        added.append(self._separator(menu))
        if top is None:
            menu.addActions(added)
        else:
            menu.insertActions(top, added)

    def _replacement_action(self, menu: QMenu, live: LiveIssue, replacement: str, font: QFont) -> QAction:
        label = replacement if replacement else self.tr("(delete “{0}”)").replace("{0}", live.issue.text)
        action = QAction(label.replace("&", "&&"), menu)
        action.setFont(font)
        action.triggered.connect(lambda *_: self.controller.apply_fix(live, replacement))
        return action

    @staticmethod
    def _action(menu: QMenu, text: str, slot: object) -> QAction:
        action = QAction(text.replace("&", "&&"), menu)
        action.triggered.connect(lambda *_: slot())  # type: ignore[operator]
        return action

    @staticmethod
    def _separator(menu: QMenu) -> QAction:
        separator = QAction(menu)
        separator.setSeparator(True)
        return separator

    @Slot(int, object)
    def _on_suggestions(self, request: int, words: object) -> None:
        entry = self._pending.pop(request, None)
        if entry is None:
            return
        menu, waiting, live = entry
        try:
            bold = QFont(menu.font())
            bold.setBold(True)
            suggestions = list(words)[:MAX_REPLACEMENTS]  # type: ignore[call-overload]
            if not suggestions:
                waiting.setText(self.tr("No suggestions"))
                return
            menu.insertActions(waiting, [self._replacement_action(menu, live, w, bold) for w in suggestions])
            menu.removeAction(waiting)
        except RuntimeError:  # the menu closed and was deleted meanwhile
            pass
