"""Huge paragraphs in the real main window: time to window, keystrokes beside a bare editor, peak memory.

Run: ``python tests/benchmarks/bench_huge.py [RUNS]``. Offscreen; prints figures, asserts nothing. Each size runs in
a fresh process (its own peak RSS) with fresh user folders. Targets (issue "Instant from the first second"):
typing in a 100 KB paragraph within 1.3x a bare QPlainTextEdit with the same font and column; a 50 MB paragraph
shows the window within 2 s, never freezes, and stays under 1 GB. The bare editor is not typed into at 50 MB:
Qt lays a paragraph out whole per key (3-4 s a key at 10 MB), so it would take hours.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SENTENCE = "She walked to the window and looked out at the rain for a long while, saying nothing at all. "
KEYS = 60


def paragraph(size: int) -> str:
    """One paragraph of ``size`` characters of prose."""
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def pump(app: object, seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p99 of ``values``, in ms."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2] * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def type_into(app: object, widgets: dict[str, object], keys: int) -> dict[str, list[float]]:
    """Type ``keys`` keys into each widget in turn (same moment, same load); seconds per key including paint."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times: dict[str, list[float]] = {name: [] for name in widgets}
    for index in range(keys):
        key = Qt.Key.Key_Space if index % 6 == 0 else Qt.Key.Key_A
        for name, widget in widgets.items():
            start = time.perf_counter()
            QTest.keyClick(widget, key)
            app.processEvents()  # type: ignore[attr-defined]
            times[name].append(time.perf_counter() - start)
    return times


def one_size(size: int) -> None:
    """Open a chapter holding one paragraph of ``size`` characters and print its figures (runs in its own process)."""
    import resource

    home = Path(tempfile.mkdtemp(prefix="bench-huge-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = str(home / variable.lower())
    path = home / "chapter.txt"
    path.write_text("A first line.\n" + paragraph(size) + "\nA last line.\n", encoding="utf-8")
    start = time.perf_counter()
    from writer_app.app import build_window, create_application

    app = create_application()
    window = build_window(str(path))
    app.processEvents()  # type: ignore[attr-defined]
    shown = time.perf_counter() - start
    editor = window.editor  # type: ignore[attr-defined]
    lag = 0.0
    last = time.perf_counter()
    end = last + 3.0
    while time.perf_counter() < end:  # the longest the event loop stops in the 3 s after the window shows
        app.processEvents()  # type: ignore[attr-defined]
        now = time.perf_counter()
        lag, last = max(lag, now - last), now
        time.sleep(0.001)
    label = f"{size / 1e6:g} MB" if size >= 1e6 else f"{size / 1e3:g} KB"
    load = os.getloadavg()[0]
    print(f"[{label}] launch -> window shown with the chapter: {shown:.2f} s; longest event-loop stop in the next 3 s:"
          f" {lag * 1000:.0f} ms (load {load:.2f})")
    pieces = editor.joined_pieces()
    if pieces:
        start = time.perf_counter()
        editor.split_huge_paragraphs()
        app.processEvents()  # type: ignore[attr-defined]
        print(f"[{label}] shown in {pieces + 1:,} pieces, read-only; the writer's split took "
              f"{time.perf_counter() - start:.2f} s")
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(1).position() + min(size, 2000) // 2)
    editor.setTextCursor(cursor)
    editor.setFocus()
    widgets = {"editor": editor}
    if size <= 1_000_000:
        from PySide6.QtWidgets import QFrame, QPlainTextEdit

        bare = QPlainTextEdit()
        bare.setFrameShape(QFrame.Shape.NoFrame)
        bare.setFont(editor.font())
        bare.document().setDocumentMargin(editor.document().documentMargin())
        bare.resize(editor.viewport().width(), editor.height())
        bare.setPlainText(editor.text())
        bare.show()
        bare_cursor = bare.textCursor()
        bare_cursor.setPosition(cursor.position())
        bare.setTextCursor(bare_cursor)
        widgets["bare"] = bare
    pump(app, 1.0)
    times = type_into(app, widgets, KEYS)
    p50, p99 = percentiles(times["editor"])
    line = f"[{label}] keystroke (incl. paint) in the paragraph: editor p50 {p50:.2f} ms p99 {p99:.2f} ms"
    if "bare" in times:
        b50, b99 = percentiles(times["bare"])
        line += f" | bare p50 {b50:.2f} ms p99 {b99:.2f} ms | ratio p50 {p50 / b50:.2f} p99 {p99 / b99:.2f} (<= 1.3)"
    print(line + f" (load {os.getloadavg()[0]:.2f})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"[{label}] peak RSS of the app process: {peak:.0f} MiB")
    editor.document().setModified(False)
    sys.stdout.flush()
    os._exit(0)  # the checker may still be busy with 50 MB: no need to wait for it


def main() -> int:
    """Measure each size in fresh processes, ``RUNS`` times."""
    if len(sys.argv) > 2 and sys.argv[1] == "--size":
        one_size(int(sys.argv[2]))
        return 0
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for size in (100_000, 50_000_000):
        for _ in range(runs):
            subprocess.run([sys.executable, __file__, "--size", str(size)], check=False, timeout=900,
                           stderr=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
