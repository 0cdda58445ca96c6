"""Own the one LanguageTool checker of the app and connect it on a worker thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from writer_app.grammar.languagetool import (
    LanguageToolChecker,
    LanguageToolOptions,
    LanguageToolUnavailable,
    Mode,
    State,
)

log = logging.getLogger(__name__)


class _Dispatcher(QObject):
    """Carries a worker's status reports back to the GUI thread."""

    status = Signal(str, str)


class _ConnectRunnable(QRunnable):
    """One-shot: start or reach LanguageTool for one checker."""

    def __init__(self, checker: LanguageToolChecker) -> None:
        super().__init__()
        self._checker = checker

    def run(self) -> None:
        try:
            self._checker.connect()
        except LanguageToolUnavailable:
            pass  # the checker reported its state through its status callback
        except Exception:  # never let a worker exception vanish silently
            log.exception("connecting to LanguageTool failed unexpectedly")


class _CloseRunnable(QRunnable):
    """One-shot: stop a local server without blocking the GUI."""

    def __init__(self, checker: LanguageToolChecker) -> None:
        super().__init__()
        self._checker = checker

    def run(self) -> None:
        self._checker.close()


class LanguageToolService(QObject):
    """Holds the current LanguageTool checker; ``checker`` is None while LanguageTool is off."""

    status_changed = Signal(str, str)  # State value, message
    checker_changed = Signal(object)  # LanguageToolChecker | None

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._dispatcher = _Dispatcher(self)
        self._dispatcher.status.connect(self._on_status)
        self.options = LanguageToolOptions()
        self.checker: LanguageToolChecker | None = None
        self.state = State.OFF
        self.message = "LanguageTool is off."

    def apply_options(self, options: LanguageToolOptions) -> None:
        """Switch to new options: drop the old checker and connect the new one in the background."""
        if options == self.options and self.checker is not None:
            return
        self.shutdown()
        self.options = options
        if options.mode is Mode.OFF:
            self._on_status(State.OFF.value, "LanguageTool is off.")
            self.checker_changed.emit(None)
            return
        self.checker = LanguageToolChecker(options, on_status=self._report)
        self._on_status(State.CONNECTING.value, "Connecting to LanguageTool…")
        self._pool.start(_ConnectRunnable(self.checker))
        self.checker_changed.emit(self.checker)

    def reconnect(self) -> None:
        """Try again now (after a download or when the writer asks)."""
        if self.checker is not None:
            self._pool.start(_ConnectRunnable(self.checker))

    def shutdown(self) -> None:
        """Stop the current checker on a worker; the GUI never waits for Java to exit."""
        old, self.checker = self.checker, None
        if old is not None:
            self._pool.start(_CloseRunnable(old))

    def _report(self, state: State, message: str) -> None:
        """Called on whatever thread the checker runs; hops to the GUI thread by signal."""
        self._dispatcher.status.emit(state.value, message)

    def _on_status(self, state: str, message: str) -> None:
        self.state, self.message = State(state), message
        self.status_changed.emit(state, message)
