"""Background jobs shared by the GUI features: a one-shot QRunnable that is safe to start from Python."""

from __future__ import annotations

import threading

from PySide6.QtCore import QRunnable, QThreadPool


class OneShot(QRunnable):
    """A QRunnable that starts working only after ``start_on`` returned.

    PySide6 finishes handing a Python runnable to the pool after ``QThreadPool.start`` released the
    interpreter lock; a job quick enough to finish (and be auto-deleted) before that crashes the process.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._released = threading.Event()

    def run(self) -> None:  # noqa: D102 - QRunnable entry point
        self._released.wait()
        self.work()

    def work(self) -> None:
        """The job; runs on a pool thread."""
        raise NotImplementedError

    def start_on(self, pool: QThreadPool, priority: int = 0) -> None:
        """Queue on ``pool`` and let the job begin."""
        pool.start(self, priority)
        self._released.set()
