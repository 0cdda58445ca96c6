"""Progress reporting with cooperative cancellation, shared by the export pipeline and its formats."""

from __future__ import annotations

import threading
from collections.abc import Callable

from writer_app.export.errors import ExportCancelled

ProgressCallback = Callable[[float, str], None]


class Progress:
    """Reports a fraction in [0, 1] with a message and raises :class:`ExportCancelled` once cancelled."""

    def __init__(
        self,
        callback: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self._callback = callback
        self.cancel = cancel or threading.Event()
        self._start = start
        self._end = end
        self._last = -1.0
        self._last_message = ""

    def check(self) -> None:
        """Raise :class:`ExportCancelled` if cancellation was requested."""
        if self.cancel.is_set():
            raise ExportCancelled()

    def report(self, fraction: float, message: str = "") -> None:
        """Report progress within this stage (0..1) and honour a pending cancel."""
        self.check()
        value = self._start + (self._end - self._start) * min(max(fraction, 0.0), 1.0)
        changed = bool(message) and message != self._last_message
        if self._callback is not None and (value - self._last >= 0.005 or fraction >= 1.0 or changed):
            self._last = value
            self._last_message = message or self._last_message
            self._callback(value, message)

    def step(self, index: int, total: int, message: str = "") -> None:
        """Report that ``index`` of ``total`` units of this stage are done."""
        self.report(index / total if total else 1.0, message)

    def stage(self, start: float, end: float) -> Progress:
        """Return a child that maps its own 0..1 onto ``start..end`` of this one."""
        span = self._end - self._start
        child = Progress(self._callback, self.cancel, self._start + span * start, self._start + span * end)
        return child
