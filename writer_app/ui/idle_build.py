"""Build what the first frame does not show a moment after it: one piece per event-loop turn.

Start-up shows the window, the open chapter and its first underlines first; widgets that only appear on request
(the find bar, the chapter notes pane, ...) are built afterwards, each in its own turn of the event loop so that
check results and keystrokes arriving meanwhile wait for one piece at most. A piece asked for before its turn is
built on the spot by its owner (see ``MainWindow.find_bar``); its turn then finds it built and does nothing.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# After the window is shown: long enough for the first check results to be applied first.
START_DELAY_MS = 400


class IdleBuilder(QObject):
    """A queue of builders run one per event-loop turn, starting ``START_DELAY_MS`` after :meth:`start`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_one)

    def add(self, build: Callable[[], object]) -> None:
        """Queue ``build`` (called with no arguments; its result is ignored)."""
        self._queue.append(build)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Begin running the queue ``delay_ms`` from now (again after :meth:`add`, if it had run dry)."""
        if self._queue and not self._timer.isActive():
            self._timer.start(delay_ms)

    def pending(self) -> int:
        """How many builders have not run yet."""
        return len(self._queue)

    def run_all(self) -> None:
        """Run every queued builder now (tests; a window closing before its turn)."""
        self._timer.stop()
        while self._queue:
            self._run_one(rearm=False)

    def _run_one(self, rearm: bool = True) -> None:
        if not self._queue:
            return
        build = self._queue.popleft()
        try:
            build()
        except Exception:  # noqa: BLE001 - a failed warm-up must not stop the others; first use retries it
            log.exception("building %r ahead of use failed", build)
        if rearm and self._queue:
            self._timer.start(0)
