"""Right-click on a flagged word: replacements (one undoable edit), ignore choices, dictionary additions."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu

from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.live import LiveIssue

log = logging.getLogger(__name__)

MAX_REPLACEMENTS = 6
AWAIT_POLL_MS = 30  # how often an open menu looks whether the paragraph under it has been checked
AWAIT_LIMIT_S = 5.0  # after this the menu stops waiting (a checker that never answers must not leave "Checking…")


@dataclass(eq=False)
class _AwaitedCheck:
    """An open menu over a paragraph still being checked: its placeholder and where the writer clicked."""

    menu: QMenu
    placeholder: QAction
    separator: QAction
    position: int
    since: float


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
        self._awaited: list[_AwaitedCheck] = []
        self.await_limit_s = AWAIT_LIMIT_S
        self._await_timer = QTimer(self, interval=AWAIT_POLL_MS)
        self._await_timer.timeout.connect(self._look_again)
        editor.context_menu_about_to_show.connect(self.on_menu)  # type: ignore[attr-defined]
        controller.dispatcher.suggestions_ready.connect(self._on_suggestions)

    @Slot(QMenu, QTextCursor)
    def on_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Insert the issue's actions at the top of ``menu``.

        Over a paragraph typed in a moment ago (still waiting for the pause in typing), the check starts at
        once and the menu says "Checking…" until the result comes in, then offers the fix in place.
        """
        position = cursor.position()
        live = self.controller.issue_at(position)
        top = menu.actions()[0] if menu.actions() else None
        if live is None:
            if self.controller.paragraph_pending(position):
                self._await_check(menu, top, position)
            return
        added = self._issue_actions(menu, live)
        if top is None:
            menu.addActions(added)
        else:
            menu.insertActions(top, added)

    def _issue_actions(self, menu: QMenu, live: LiveIssue) -> list[QAction]:
        """The message, replacements, ignore and dictionary choices for ``live``, ending with a separator."""
        issue = live.issue
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
        # Ignoring a word is for spelling, where the dictionaries say it (and "ignore rule" would end spelling);
        # a grammar rule flags a place, not a word: it is ignored here or as a whole.
        if not spelling and issue.rule:
            added.append(self._action(menu, self.tr("Ignore rule ({0})").replace("{0}", issue.rule),
                                      lambda: self.actions.ignore_rule(issue)))
        if spelling:
            word = issue.text
            added.append(self._action(menu, self.tr("Add “{0}” to project dictionary").replace("{0}", word),
                                      lambda: self.actions.add_to_project_dictionary(word)))
            added.append(self._action(menu, self.tr("Add “{0}” to personal dictionary").replace("{0}", word),
                                      lambda: self.actions.add_to_personal_dictionary(word)))
        added.append(self._separator(menu))
        return added

    # ------------------------------------------------------------------ a paragraph still being checked
    def _await_check(self, menu: QMenu, top: QAction | None, position: int) -> None:
        placeholder = QAction(self.tr("Checking…"), menu)
        placeholder.setEnabled(False)
        separator = self._separator(menu)
        if top is None:
            menu.addActions([placeholder, separator])
        else:
            menu.insertActions(top, [placeholder, separator])
        awaited = _AwaitedCheck(menu, placeholder, separator, position, time.monotonic())
        self._awaited.append(awaited)
        menu.destroyed.connect(lambda *_: self._forget(awaited))
        self.controller.check_now()
        self._await_timer.start()

    def _forget(self, awaited: _AwaitedCheck) -> None:
        if awaited in self._awaited:
            self._awaited.remove(awaited)
        if not self._awaited:
            self._await_timer.stop()

    @Slot()
    def _look_again(self) -> None:
        """Fill the waiting menus whose paragraph has been checked meanwhile."""
        for awaited in list(self._awaited):
            try:
                self._settle(awaited)
            except RuntimeError:  # the menu closed and was deleted meanwhile
                self._forget(awaited)
            except Exception:  # noqa: BLE001 - a menu that cannot be filled must not be polled for ever
                log.exception("could not fill the open menu with the check's result")
                self._forget(awaited)
                try:
                    awaited.menu.removeAction(awaited.placeholder)
                except RuntimeError:
                    pass

    def _settle(self, awaited: _AwaitedCheck) -> None:
        menu, position = awaited.menu, awaited.position
        live = self.controller.issue_at(position)
        if live is not None:
            menu.insertActions(awaited.placeholder, self._issue_actions(menu, live)[:-1])
            menu.removeAction(awaited.placeholder)
        elif self.controller.paragraph_pending(position) and time.monotonic() - awaited.since < self.await_limit_s:
            return  # not checked yet: look again on the next tick
        else:  # checked, and nothing to say about this word
            menu.removeAction(awaited.placeholder)
            menu.removeAction(awaited.separator)
        self._forget(awaited)

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
