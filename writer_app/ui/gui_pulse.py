"""A pulse of the GUI thread's event loop, so background Python work can step aside while the GUI is busy.

A Python worker thread in the app's process competes with the GUI thread for the interpreter lock. While the GUI
thread is busy (building the window, laying out a long chapter) every hand-over of the lock costs it up to the
switch interval, and a long background pass can stretch a second of GUI work to several. A :class:`GuiPulse` is
beaten by a timer on the GUI thread while background work runs; the work calls :meth:`GuiPulse.wait_turn` between
slices and waits while the pulse is stale (the event loop is not turning) or the writer is typing
(:meth:`GuiPulse.note_typing`), for at most a short while each time.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer

BEAT_MS = 20  # the GUI thread marks that its event loop turns this often while background work runs
STALE_S = 0.06  # no beat for this long: the GUI thread is busy, background work waits
WAIT_CAP_S = 0.5  # ... but never longer than this at one time (the work finishes even under a long freeze)
TYPING_QUIET_S = 0.3  # after a keystroke, background work waits this long for the next one


class GuiPulse(QObject):
    """Beats on the GUI thread while :meth:`start` is in effect; worker threads wait on it between slices."""

    def __init__(self, parent: QObject | None = None, stale_s: float = STALE_S,
                 typing_quiet_s: float = TYPING_QUIET_S) -> None:
        super().__init__(parent)
        self._last = time.monotonic()
        self._stale = stale_s
        self._typing_quiet = typing_quiet_s
        self._typing_until = 0.0
        self._turned = threading.Event()
        self._turned.set()
        self.closed = False  # set on shutdown: waiting ends, and work may stop early
        self._timer = QTimer(self)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        """Beat from now on (background work is about to run); until the first beat, the GUI counts as busy.

        Work is often queued while the GUI thread is in the middle of something long (building the window,
        opening a project): it should wait for the event loop to turn, not start at once.
        """
        if not self._timer.isActive():
            self._last = float("-inf")
            self._timer.start()

    def stop(self) -> None:
        """Stop beating (no background work left); waiting work is let go."""
        self._timer.stop()
        self._last = float("inf")  # never stale while nothing beats (typing still holds work back)
        self._turned.set()

    def close(self) -> None:
        """Let every waiting worker go for good."""
        self.closed = True
        self.stop()

    def beat(self) -> None:
        """Mark that the GUI thread's event loop turned (runs on the GUI thread)."""
        self._last = time.monotonic()
        self._turned.set()

    def note_typing(self) -> None:
        """The writer pressed a key (GUI thread): background work waits until typing pauses."""
        self._typing_until = time.monotonic() + self._typing_quiet

    def typing(self) -> bool:
        """True for a moment after each keystroke."""
        return not self.closed and time.monotonic() < self._typing_until

    def busy(self) -> bool:
        """True while the writer types or the GUI thread has not turned its event loop for a while."""
        return not self.closed and (time.monotonic() - self._last > self._stale or self.typing())

    def wait_turn(self, cap_s: float = WAIT_CAP_S) -> None:
        """Return at once while the GUI is free; otherwise wait for the event loop's next beat, and while the writer
        types for the pause in typing (at most ``cap_s`` in all)."""
        deadline = time.monotonic() + cap_s
        while self.busy():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._turned.clear()
            if not self.busy():  # a beat between the look and the clear: look again
                return
            if self._turned.wait(min(left, 0.05)) and not self.typing():
                return  # the event loop turned: one more slice of work
