"""A 50 MB paragraph is checked in slices in the background: the GUI thread keeps running, closing is quick."""

from __future__ import annotations

import gc
import sys
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from writer_app.app import freeze_startup_objects, tune_interpreter
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.workers import CHUNK_CHARS, CheckBatch, ParagraphJob

FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(autouse=True)
def as_the_app_runs():
    """Run under the app's own interpreter policy: start-up objects frozen, a 1 ms lock switch interval.

    The app freezes what start-up leaves alive (``app.freeze_startup_objects``) so a full collection never walks
    it. Without that here, a full collection would walk everything the earlier tests of a whole-suite run left
    alive, and the pause (over a second late in a CI run) would measure the test session, not the app.
    """
    interval = sys.getswitchinterval()
    freeze_startup_objects()
    tune_interpreter()
    yield
    sys.setswitchinterval(interval)
    gc.unfreeze()


class LongestGap:
    """Measures the longest gap between 5 ms timer ticks (how long the event loop was blocked).

    A gap counts only as long as this process was running during it (its CPU time, all threads): a
    neighbour hogging the machine's cores is not the app freezing, while the GUI thread's own work, a
    garbage collection or a worker holding the interpreter lock all keep the process running and count.
    A blocking wait with the whole process idle would not count here; the wall-clock gap is kept beside it
    for the failure message, and bench_inline measures wall-clock stalls.
    """

    def __init__(self) -> None:
        self.longest = 0.0
        self.longest_wall = 0.0
        self.ticks = 0
        self.started = self._last = time.perf_counter()
        self._last_cpu = time.process_time()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.longest_collection = 0.0
        self._collection_started = 0.0
        gc.callbacks.append(self._collection)

    def _collection(self, phase: str, info: dict[str, int]) -> None:
        """Keep the longest garbage collection (any thread) for the failure message."""
        if phase == "start":
            self._collection_started = time.perf_counter()
        else:
            self.longest_collection = max(self.longest_collection, time.perf_counter() - self._collection_started)

    def stop(self) -> None:
        """Stop ticking and stop timing collections."""
        self.timer.stop()
        if self._collection in gc.callbacks:
            gc.callbacks.remove(self._collection)

    def report(self) -> tuple[int, float, float, float]:
        """Ticks, longest gap (process time), longest wall-clock gap and longest collection, for a failure."""
        return self.ticks, self.longest, self.longest_wall, self.longest_collection

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.ticks += 1
        wall = now - self._last
        self.longest_wall = max(self.longest_wall, wall)
        self.longest = max(self.longest, min(wall, cpu - self._last_cpu))
        self._last, self._last_cpu = now, cpu

    def kept_turning(self) -> bool:
        """The window never froze: many ticks, and the loop never stopped for a whole second.

        A second without events is what a writer perceives as "not responding"; the GUI-thread stall
        figures themselves are measured in tests/benchmarks/bench_inline.py, not asserted here.
        """
        return self.ticks >= 10 and self.longest < 1.0


def huge_text() -> str:
    """About 50 MB of prose in one paragraph, with a slip near the end."""
    unit = "The rain fell on the quiet town and nobody minded it. "
    return unit * (FIFTY_MB // len(unit)) + "Then teh end."


def test_a_50_mb_paragraph_is_checked_in_slices_without_blocking_the_event_loop(qtbot, rig):
    text = huge_text()
    seen: list[int] = []
    rig.factory.built.clear()
    gap = LongestGap()
    dispatcher = rig.dispatcher
    with qtbot.waitSignal(dispatcher.batch_finished, timeout=120_000) as done:
        dispatcher.submit(CheckBatch("big", rig.controller.epoch, CheckConfig(), (ParagraphJob(1, 1, text),)))
    gap.stop()
    result = done.args[0].results[0]
    assert [(s.issue.text, s.start) for s in result.spans] == [("teh", len(text) - 8)]
    seen = [c.calls for c in rig.factory.built]
    assert sum(seen) >= len(text) // CHUNK_CHARS  # checked slice by slice, never in one piece
    assert gap.kept_turning(), gap.report()


def test_closing_while_a_50_mb_paragraph_is_checked_returns_quickly(qtbot, rig):
    text = huge_text()
    dispatcher = rig.dispatcher
    dispatcher.submit(CheckBatch("big", rig.controller.epoch, CheckConfig(), (ParagraphJob(1, 1, text),)))
    qtbot.waitUntil(lambda: rig.factory.calls > 10, timeout=10_000)
    assert dispatcher.shutdown(timeout_ms=5000)  # stopped between slices: joined within its own timeout


def test_a_pasted_megabyte_paragraph_gets_underlines_while_typing_elsewhere_stays_live(qtbot, rig):
    rig.load("first line\nlast line")
    qtbot.waitUntil(rig.controller.idle, timeout=5000)
    cursor = QTextCursor(rig.editor.document())
    cursor.setPosition(len("first line"))
    cursor.insertText("\n" + "word teh " * 120_000)  # ~1 MB in one paragraph
    rig.editor.hide()  # measure checking's share of the GUI thread, not Qt painting a megabyte-long line
    gap = LongestGap()
    qtbot.waitUntil(rig.controller.idle, timeout=60_000)
    gap.stop()
    assert rig.controller.live_issue_count() == 120_000
    rig.editor.show()
    rig.layer.refresh()
    assert 0 < len(rig.editor.underlined()) <= 120 and set(rig.editor.underlined()) == {"teh"}
    assert gap.kept_turning(), gap.report()
