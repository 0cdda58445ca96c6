"""Attach LanguageTool to the main window: status, preferences page, download, engine for the checker."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel

from writer_app.grammar.languagetool import LanguageToolOptions, Mode, State, server_host
from writer_app.ui.checking.install import CheckingFeature
from writer_app.ui.languagetool.service import LanguageToolService

if TYPE_CHECKING:  # imported when first opened, not at start-up
    from writer_app.ui.languagetool.download_dialog import DownloadDialog
    from writer_app.ui.languagetool.preferences_page import LanguageToolPage

log = logging.getLogger(__name__)

RETRY_MILLISECONDS = 60_000

_STATE_LABELS = {
    State.OFF: "LanguageTool off",
    State.CONNECTING: "LanguageTool starting…",
    State.READY: "LanguageTool on",
    State.NOT_INSTALLED: "LanguageTool not downloaded",
    State.UNAVAILABLE: "LanguageTool unavailable",
}


class LanguageToolFeature(QObject):
    """Keeps the LanguageTool service in step with the settings and the open project."""

    def __init__(self, window: object) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.service = LanguageToolService(parent=self)
        self.status_label = QLabel()
        self.status_label.setObjectName("languageToolStatus")
        self._language = "en-US"
        self._last_warning = ""
        self._warned_http = ""  # the plain-http server address the writer was warned about
        self.download_action = QAction(self.tr("Download LanguageTool…"), self)
        self.download_action.triggered.connect(self.start_download)
        self._engine_in_checks: object | None = None
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_MILLISECONDS)
        self._retry_timer.timeout.connect(self.service.reconnect)
        self.service.status_changed.connect(self._on_status)
        self._on_status(self.service.state.value, self.service.message)

    def install(self) -> LanguageToolFeature:
        """Connect to the window's public signals and add the status widget, menu action and page."""
        window = self.window
        window.add_status_widget(self.status_label)  # type: ignore[attr-defined]
        window.menu("tools").addAction(self.download_action)  # type: ignore[attr-defined]
        window.add_preferences_page(self.tr("LanguageTool"), self._make_page)  # type: ignore[attr-defined]
        window.settings_changed.connect(self.apply_settings)  # type: ignore[attr-defined]
        window.project_opened.connect(self._on_project_opened)  # type: ignore[attr-defined]
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.service.shutdown)
        self.apply_settings(window.settings)  # type: ignore[attr-defined]
        return self

    def apply_settings(self, settings: object) -> None:
        """Reconnect when the LanguageTool settings or the dialect changed."""
        self.service.apply_options(LanguageToolOptions.from_settings(settings, language=self._language))

    def start_download(self) -> DownloadDialog:
        """Download LanguageTool with a progress dialog, then connect."""
        from writer_app.ui.languagetool.download_dialog import DownloadDialog

        dialog = DownloadDialog(parent=self.window)  # type: ignore[arg-type]
        dialog.done.connect(self._on_download_done)
        dialog.start()
        return dialog

    def _make_page(self) -> LanguageToolPage:
        from writer_app.ui.languagetool.preferences_page import LanguageToolPage

        page = LanguageToolPage()
        page.download_requested.connect(self.start_download)
        return page

    def _on_project_opened(self, project: object) -> None:
        self._language = str(getattr(project, "language", "") or "en-US")
        self.apply_settings(self.window.settings)  # type: ignore[attr-defined]

    def _on_download_done(self, ok: bool, message: str) -> None:
        self.window.show_message(message)  # type: ignore[attr-defined]
        if ok:
            self.service.reconnect()

    def _checking_feature(self) -> CheckingFeature | None:
        """The window's inline-checking feature (found as the characters and export features find it)."""
        return self.window.findChild(CheckingFeature)  # type: ignore[attr-defined]

    def _sync_checks(self, current: State) -> None:
        """LanguageTool joins the inline checks only while it answers, so no check waits on a server start."""
        wanted = self.service.checker if current is State.READY else None
        if wanted is self._engine_in_checks:
            return
        checking = self._checking_feature()
        if checking is None:
            return
        self._engine_in_checks = wanted
        checking.set_extra_checkers(() if wanted is None else (wanted,))

    def _on_status(self, state: str, message: str) -> None:
        current = State(state)
        self._sync_checks(current)
        if current is State.UNAVAILABLE and self.service.options.mode is not Mode.OFF:
            self._retry_timer.start()
        elif current in (State.READY, State.OFF):
            self._retry_timer.stop()
        self.status_label.setText(self.tr(_STATE_LABELS[current]))
        self.status_label.setToolTip(message)
        self.download_action.setVisible(self.service.options.mode is Mode.LOCAL or current is State.NOT_INSTALLED)
        if current in (State.UNAVAILABLE, State.NOT_INSTALLED) and message != self._last_warning:
            self._last_warning = message
            hint = self.tr(" Use Tools > Download LanguageTool….") if current is State.NOT_INSTALLED else ""
            self.window.show_message(message + hint)  # type: ignore[attr-defined]
        options = self.service.options
        if current is State.READY and options.unencrypted_remote and self._warned_http != options.url:
            self._warned_http = options.url
            self.window.show_message(self.tr(  # type: ignore[attr-defined]
                "LanguageTool at {0} is reached over plain http: your text travels unencrypted."
            ).replace("{0}", server_host(options.url)))


def install(window: object) -> LanguageToolFeature:
    """Feature entry point used by :mod:`writer_app.ui.features`."""
    return LanguageToolFeature(window).install()
