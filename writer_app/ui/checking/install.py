"""Wire inline checking into the main window through its public signals and methods only."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from writer_app.grammar.engine import CheckConfig, Checker
from writer_app.grammar.model import Issue
from writer_app.ui.checking.context_menu import IssueContextMenu
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.engine_process import DEFAULT_FACTORY
from writer_app.ui.checking.issues_panel import IssuesPanel, PanelEntry
from writer_app.ui.checking.live import LiveIssue
from writer_app.ui.checking.spans import single_shot_timer
from writer_app.ui.checking.status import CheckingStatus
from writer_app.ui.checking.tooltips import IssueTooltips
from writer_app.ui.checking.underlines import UnderlineLayer
from writer_app.ui.checking.workers import CheckDispatcher, CheckerFactory
from writer_app.ui.workers import OneShot

if TYPE_CHECKING:  # imported when the preferences first open, not at start-up
    from writer_app.ui.checking.preferences_page import CheckingPreferencesPage

log = logging.getLogger(__name__)

CHECKING = object()  # "not known yet": a chapter on the way to the next issue is still being checked


def default_factory(config: CheckConfig) -> Checker:
    """The app's composite checker (built-in rules + spelling)."""
    from writer_app.grammar.factory import build_checker

    return build_checker(config)


def make_config(settings: object, project: object) -> CheckConfig:
    """The check configuration for the writer's settings, the project and its cast."""
    from writer_app.grammar.factory import cast_words_of, config_from

    return config_from(settings, project, cast_words_of(project))


class _TaskRelay(QObject):
    failed = Signal(str)


class _Task(OneShot):
    """A one-shot background job (saving a word list or the manifest); failures come back as a sentence."""

    def __init__(self, job: Callable[[], object], relay: _TaskRelay) -> None:
        super().__init__()
        self._job, self._relay = job, relay

    def work(self) -> None:  # noqa: D102 - see OneShot
        try:
            self._job()
        except Exception as error:  # noqa: BLE001 - reported to the writer
            log.exception("saving checking choices failed")
            try:
                self._relay.failed.emit(str(error))
            except RuntimeError:
                pass


class CheckingFeature(QObject):
    """Everything inline checking adds to a window: underlines, menus, panel, status, preferences."""

    def __init__(self, window: object, factory: CheckerFactory | None = None,
                 config_maker: Callable[[object, object], CheckConfig] | None = None) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.editor = window.editor  # type: ignore[attr-defined]
        self._make_config = config_maker or make_config
        if factory is None and not getattr(sys, "frozen", False):
            self.dispatcher = CheckDispatcher(parent=self, process_factory=DEFAULT_FACTORY)
        else:  # injected checkers (tests) and frozen builds check on the worker threads
            self.dispatcher = CheckDispatcher(factory or default_factory, self)
        self.controller = CheckingController(self.editor, self.dispatcher, self._config(), self)
        self.underlines = UnderlineLayer(self.editor, self.controller, self)
        self.tooltips = IssueTooltips(self.editor, self.controller, self)
        self.context_menu = IssueContextMenu(self.editor, self.controller, self, self)
        self.panel = IssuesPanel(self.controller, self._chapter_title)
        self.status = CheckingStatus(self.controller)
        self._relay = _TaskRelay(self)
        self._tasks = QThreadPool(self)  # one thread: personal word-list saves run in order
        self._tasks.setMaxThreadCount(1)
        self._manifest_project: object | None = None
        self._manifest_timer = single_shot_timer(self, 0)  # several choices in a row: one save
        self._manifest_timer.timeout.connect(self._flush_manifest)
        self._relay.failed.connect(self._tell)
        self._closed = False
        self._dialect = getattr(getattr(window, "settings", None), "dialect", None)
        self._close_check = single_shot_timer(self, 0)  # a child: never fires once the feature is gone
        self._close_check.timeout.connect(self._shutdown_if_hidden)
        self.controller.failure.connect(self._tell)
        self.panel.jump_requested.connect(self.jump_to)
        window.add_sidebar_tab(self.panel, self.tr("Issues"))  # type: ignore[attr-defined]
        window.add_status_widget(self.status)  # type: ignore[attr-defined]
        add_page = getattr(window, "add_preferences_page", None)
        if add_page is not None:
            add_page(self.tr("Checking"), _checking_page)
        self._add_actions()
        window.project_opened.connect(self._on_project_opened)  # type: ignore[attr-defined]
        window.project_closed.connect(self._on_project_closed)  # type: ignore[attr-defined]
        window.chapter_opened.connect(self._on_chapter_opened)  # type: ignore[attr-defined]
        window.chapter_about_to_close.connect(self._on_chapter_closing)  # type: ignore[attr-defined]
        window.settings_changed.connect(self._on_settings_changed)  # type: ignore[attr-defined]
        window.installEventFilter(self)  # type: ignore[attr-defined]
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.dispatcher.warm_up(self.controller.config)
        if getattr(window, "project", None) is not None:
            self._on_project_opened(window.project)  # type: ignore[attr-defined]
            chapter = getattr(window, "current_chapter", None)
            if chapter is not None:
                self._on_chapter_opened(chapter.id)

    # ------------------------------------------------------------------ wiring
    def _config(self) -> CheckConfig:
        try:
            return self._make_config(getattr(self.window, "settings", None), getattr(self.window, "project", None))
        except Exception:  # noqa: BLE001 - a broken word list must not stop checking
            log.exception("could not build the check configuration; using defaults")
            return CheckConfig()

    def _add_actions(self) -> None:
        tools = self.window.menu("tools")  # type: ignore[attr-defined]
        self.next_action = QAction(self.tr("Next Issue"), self)
        self.next_action.setShortcut(QKeySequence("F7"))
        self.next_action.triggered.connect(lambda: self.go_to_issue(+1))
        self.previous_action = QAction(self.tr("Previous Issue"), self)
        self.previous_action.setShortcut(QKeySequence("Shift+F7"))
        self.previous_action.triggered.connect(lambda: self.go_to_issue(-1))
        tools.addSeparator()
        tools.addAction(self.next_action)
        tools.addAction(self.previous_action)

    def _chapter_title(self, chapter_id: str) -> str:
        project = getattr(self.window, "project", None)
        try:
            return project.chapter_by_id(chapter_id).title  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - a chapter removed meanwhile
            return chapter_id

    def _chapter_ids(self, project: object) -> list[str]:
        return [chapter.id for chapter in getattr(project, "chapters", ()) or ()]

    @Slot(object)
    def _on_project_opened(self, project: object) -> None:
        config = self._config()
        if config != self.controller.config:
            self.controller.set_config(config)
        self.controller.set_manuscript(self._chapter_ids(project), self.window.chapter_text)  # type: ignore[attr-defined]

    @Slot()
    def _on_project_closed(self) -> None:
        self.controller.close_chapter()
        self.controller.set_manuscript([], None)

    @Slot(str)
    def _on_chapter_opened(self, chapter_id: str) -> None:
        project = getattr(self.window, "project", None)
        if project is not None:
            self.controller.set_manuscript(self._chapter_ids(project), self.window.chapter_text)  # type: ignore[attr-defined]
        self.controller.open_chapter(chapter_id)

    @Slot(str)
    def _on_chapter_closing(self, _chapter_id: str) -> None:
        self.controller.close_chapter()

    @Slot(object)
    def _on_settings_changed(self, settings: object) -> None:
        dialect = getattr(settings, "dialect", None)
        project = getattr(self.window, "project", None)
        if dialect and dialect != self._dialect:
            self._dialect = dialect  # the writer chose a dialect: it becomes the open project's language
            if project is not None and getattr(project, "language", dialect) != dialect:
                project.language = dialect
                self._save_manifest(project)
        config = self._config()
        if config != self.controller.config:
            self.controller.set_config(config)
        self.underlines.follow_palette()  # the theme may have changed with the settings

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Stop the workers once the window has really closed."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._close_check.start()  # after the window decided whether it really closes
        return False

    @Slot()
    def _shutdown_if_hidden(self) -> None:
        try:
            hidden = not self.window.isVisible()  # type: ignore[attr-defined]
        except RuntimeError:
            hidden = True
        if hidden:
            self.shutdown()

    @Slot()
    def shutdown(self) -> None:
        """Stop checking and wait for the worker threads (window closing or app quitting)."""
        if self._closed:
            return
        self._closed = True
        if self._manifest_timer.isActive():
            self._manifest_timer.stop()
            self._flush_manifest()
        self.controller.shutdown()
        self._tasks.waitForDone(5000)

    @Slot(str)
    def _tell(self, message: str) -> None:
        try:
            self.window.show_message(message)  # type: ignore[attr-defined]
        except RuntimeError:
            pass

    def set_extra_checkers(self, checkers: object) -> None:
        """Add in-process engines (LanguageTool) to every check, or remove them with ``()``/None; re-checks all.

        Connect e.g. ``LanguageToolService.checker_changed`` here: the engines run on a thread of their own after
        each batch's built-in result has been delivered, and their issues merge in when they arrive.
        """
        extra = tuple(c for c in (checkers if isinstance(checkers, (list, tuple)) else [checkers]) if c is not None)
        self.dispatcher.set_extra_checkers(extra)
        self.controller.set_config(self.controller.config)

    # ------------------------------------------------------------------ navigation
    def go_to_issue(self, direction: int) -> bool:
        """Select the next (+1) or previous (-1) issue after/before the cursor, through the whole manuscript.

        Past the last issue of the chapter it goes on in the next chapter that has one (checked in the
        background), and after the last chapter it wraps round to the first, as a word processor's spelling
        check does through a document.
        """
        self.controller.check_now()  # what was typed a moment ago counts too
        issues = self.controller.live_issues()
        cursor = self.editor.textCursor()
        if direction > 0:
            after = max(cursor.position(), cursor.anchor())
            target = next((i for i in issues if i.position >= after), None)
        else:
            before = min(cursor.position(), cursor.anchor())
            target = next((i for i in reversed(issues) if i.position < before), None)
        if target is not None:
            self.editor.go_to(target.position, target.length)
            return True
        if self.controller.chapter_id is not None and not self.controller.chapter_checked():
            # its issues further on may not be known yet: do not skip them
            self._tell(self.tr("Still checking this chapter; press again in a moment."))
            return False
        elsewhere = self._issue_in_another_chapter(direction)
        if elsewhere is CHECKING:
            self._tell(self.tr("Still checking the manuscript; press again in a moment."))
            return False
        if isinstance(elsewhere, PanelEntry):
            self.jump_to(elsewhere)
            if self.controller.chapter_id == elsewhere.chapter_id:
                self._tell(self.tr("Went on to “{0}”.").format(self._chapter_title(elsewhere.chapter_id)))
                return True
            return False
        if issues:  # the only chapter with issues: wrap round inside it
            wrapped = issues[0] if direction > 0 else issues[-1]
            self.editor.go_to(wrapped.position, wrapped.length)
            return True
        self._tell(self.tr("No issues in the manuscript."))
        return False

    def _issue_in_another_chapter(self, direction: int) -> PanelEntry | object | None:
        """The first (+1) or last (-1) issue of the nearest other chapter that has one, going round the book.

        ``CHECKING`` when a chapter on the way has not been checked yet (its issues are not known, so going
        past it could skip them), None when every other chapter is checked and clean.
        """
        order = self.controller.store.order
        current = self.controller.chapter_id
        if current in order:
            start = order.index(current)
            others = order[start + 1:] + order[:start]  # the chapters after this one, then round from the start
        else:
            others = list(order)
        for chapter_id in others if direction > 0 else reversed(others):
            stored = self.controller.store.chapters.get(chapter_id)
            if stored is not None and not stored.done:
                return CHECKING
            found = self.controller.chapter_issues(chapter_id)
            if found:
                paragraph, span = found[0] if direction > 0 else found[-1]
                return PanelEntry(chapter_id, span.issue, paragraph=paragraph, span=span)
        return None

    @Slot(object)
    def jump_to(self, entry: PanelEntry) -> None:
        """Show an issue from the panel (opening its chapter when needed)."""
        if entry.live is not None and entry.chapter_id == self.controller.chapter_id:
            live = self.controller.issue_at(entry.live.position)
            target = live or entry.live
            self.editor.go_to(target.position, target.length)
            return
        if entry.span is None:
            return
        if entry.chapter_id != self.controller.chapter_id:
            self.window.open_chapter(entry.chapter_id)  # type: ignore[attr-defined]
        if entry.chapter_id != self.controller.chapter_id:
            return  # the window could not open it (it told the writer why)
        block = self.editor.document().findBlockByNumber(entry.paragraph)
        if block.isValid():
            self.editor.go_to(block.position() + entry.span.start, entry.span.end - entry.span.start)

    # ------------------------------------------------------------------ choices from the menu
    def ignore_here(self, live: LiveIssue) -> None:
        """Never flag this issue at this place again (stored in the project, like the other ignores)."""
        place = (live.issue.rule, live.issue.text, live.span.spot)
        project = getattr(self.window, "project", None)
        if project is not None and list(place) not in project.ignored_spots:
            project.ignored_spots.append(list(place))
            self._save_manifest(project)
        config = self.controller.config
        self.controller.set_config(replace(config, ignored_spots=config.ignored_spots | {place}), recheck=False)

    def ignore_everywhere(self, issue: Issue) -> None:
        """Never flag this text for this rule again in the project."""
        project = getattr(self.window, "project", None)
        if project is not None and [issue.rule, issue.text] not in project.ignored_texts:
            project.ignored_texts.append([issue.rule, issue.text])
            self._save_manifest(project)
        config = self.controller.config
        self.controller.set_config(replace(config, ignored_texts=config.ignored_texts | {(issue.rule, issue.text)}),
                                   recheck=False)

    def ignore_rule(self, issue: Issue) -> None:
        """Switch a rule off for the project."""
        project = getattr(self.window, "project", None)
        if project is not None and issue.rule not in project.ignored_rules:
            project.ignored_rules.append(issue.rule)
            self._save_manifest(project)
        config = self.controller.config
        self.controller.set_config(replace(config, ignored_rules=config.ignored_rules | {issue.rule}), recheck=False)

    def add_to_project_dictionary(self, word: str) -> None:
        """Accept a spelling in this project (stored in project.json)."""
        project = getattr(self.window, "project", None)
        if project is not None and word not in project.word_list:
            project.word_list.append(word)
            self._save_manifest(project)
        self.controller.replace_config_words(frozenset({word}))

    def add_to_personal_dictionary(self, word: str) -> None:
        """Accept a spelling in every project (the personal word list)."""

        def save() -> None:
            from writer_app.grammar.wordlists import add_to_word_list
            from writer_app.settings import personal_dictionary_path

            add_to_word_list(personal_dictionary_path(), word)

        _Task(save, self._relay).start_on(self._tasks)
        self.controller.replace_config_words(frozenset({word}))

    def _save_manifest(self, project: object) -> None:
        """Save project.json soon, through the window's disk writer (never on the GUI thread)."""
        if getattr(project, "read_only", False):
            self._tell(self.tr("This project is read-only; the choice lasts until you close it."))
            return
        self._manifest_project = project
        self._manifest_timer.start()

    @Slot()
    def _flush_manifest(self) -> None:
        project, self._manifest_project = self._manifest_project, None
        if project is None or project is not getattr(self.window, "project", None):
            return
        save_later = getattr(self.window, "save_manifest_later", None)
        if callable(save_later):
            save_later()  # snapshots now, writes on the session's disk thread, reports failures itself
            return
        _Task(project.save_manifest, self._relay).start_on(self._tasks)  # type: ignore[attr-defined]


def _checking_page() -> CheckingPreferencesPage:
    """The Checking preferences page (its module is imported when the preferences first open)."""
    from writer_app.ui.checking.preferences_page import CheckingPreferencesPage

    return CheckingPreferencesPage()


def install(window: object) -> CheckingFeature:
    """Attach inline checking to ``window``."""
    return CheckingFeature(window)
