"""Benchmark: show the main window; open imported Pride and Prejudice / War and Peace; War and Peace as one file;
keystroke latency of the ChapterEditor against a bare QPlainTextEdit holding the same text (same run, same column).

Run: /work/venv/bin/python tests/benchmarks/bench_window.py   (prints figures and target ratios; no asserts)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

TARGETS = {"show window": 0.5, "open P&P project": 1.0, "open W&P project": 1.0, "open W&P loose file": 2.0}


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _open_timed(app, path: Path, features: bool = False) -> tuple[float, object]:
    """Seconds the GUI thread is blocked opening ``path`` (first chapter shown); also prints when counts arrive."""
    from writer_app.settings import Settings
    from writer_app.ui.features import install_features
    from writer_app.ui.main_window import MainWindow

    window = MainWindow(Settings())
    if features:
        install_features(window)
    window.resize(1300, 850)
    window.show()
    _settle(app)
    start = time.perf_counter()
    window.open_project(path)
    window.editor.viewport().repaint()
    _settle(app)
    elapsed = time.perf_counter() - start
    assert window.current_chapter is not None
    longest = 0.0
    while any(v is None for v in window.session.words.values()) or not window.session.worker.is_idle():
        tick = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - tick)
        time.sleep(0.001)
    counted = time.perf_counter() - start
    print(f"    (word counts of all chapters in after {counted:.3f} s, counted off the GUI thread; "
          f"longest GUI event-loop step meanwhile {longest * 1000:.1f} ms)")
    return elapsed, window


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="bench-window-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(home / variable.lower())
    t0 = time.perf_counter()
    from writer_app.app import create_application

    app = create_application()
    from writer_app.core.importer import import_manuscript
    from writer_app.settings import Settings
    from writer_app.ui.main_window import MainWindow

    imports = time.perf_counter() - t0
    figures: dict[str, float] = {}
    start = time.perf_counter()
    window = MainWindow(Settings())
    window.resize(1300, 850)
    window.show()
    window.repaint()
    _settle(app)
    figures["show window"] = time.perf_counter() - start
    window.close()
    print(f"(imports + QApplication: {imports:.3f} s, not counted)")

    pride = CORPUS / "pride-and-prejudice.txt"
    war = CORPUS / "war-and-peace.txt"
    latency = [_editor_vs_bare(app, pride.read_text(encoding="utf-8"), spacing) for spacing in (1.0, 1.4)] \
        if pride.exists() else []
    if not pride.exists() or not war.exists():
        print(f"corpus not found in {CORPUS}; only the window figure is available")
    else:
        start = time.perf_counter()
        import_manuscript(pride, home / "Pride").close()
        pride_import = time.perf_counter() - start
        start = time.perf_counter()
        import_manuscript(war, home / "War").close()
        war_import = time.perf_counter() - start
        print(f"(imports into a temp dir: P&P {pride_import:.2f} s, W&P {war_import:.2f} s, not counted)")
        loose = home / "war-and-peace.txt"
        shutil.copyfile(war, loose)
        for label, path in (("open P&P project", home / "Pride"), ("open W&P project", home / "War"),
                            ("open W&P loose file", loose)):
            elapsed, opened = _open_timed(app, path)
            figures[label] = elapsed
            words = opened.session.total_words()
            chapters = len(opened.project.chapters)
            print(f"    {label}: {chapters} chapter{'s' if chapters != 1 else ''}, {words:,} words, first chapter "
                  f"shown; GUI thread blocked {elapsed:.3f} s")
            if label == "open W&P loose file":
                typing = _typing_latency(app, opened)
            opened.close()
        # Then with the feature modules installed (their start-up work is theirs; background threads linger).
        for label, path in (("open P&P project", home / "Pride"), ("open W&P project", home / "War"),
                            ("open W&P loose file", loose)):
            with_features, opened = _open_timed(app, path, features=True)
            print(f"    {label} with checking/characters installed: {with_features:.3f} s")
            opened.close()
        figures_typing = typing
    print()
    print(f"{'measure':<24}{'seconds':>9}{'target':>9}{'ratio':>8}")
    for label, value in figures.items():
        target = TARGETS[label]
        print(f"{label:<24}{value:>9.3f}{target:>9.1f}{value / target:>8.2f}")
    if pride.exists() and war.exists():
        print(f"typing in the 560k-word file: {figures_typing * 1000:.2f} ms per keystroke (median)")
        print("reference: novelWriter needs 8.3 s to open a 122k-word document")
    if latency:
        print()
        print("keystroke latency, Pride and Prejudice as one chapter, editor alone vs bare QPlainTextEdit"
              " (measured first, before any feature threads exist; target p99 ratio <= 1.2)")
        for line in latency:
            print(line)
    shutil.rmtree(home, ignore_errors=True)
    return 0


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _editor_vs_bare(app, text: str, spacing: float, keys: int = 400) -> str:
    """Type ``keys`` keys alternately into a ChapterEditor and a bare QPlainTextEdit; p50/p99 and ratios."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from writer_app.ui.editor import ChapterEditor, default_font_family

    editor = ChapterEditor()
    editor.set_editor_font(default_font_family(), 13)
    editor.set_line_spacing(spacing)
    bare = QPlainTextEdit()
    bare.setFont(editor.font())
    bare.document().setDocumentMargin(editor.document().documentMargin())
    for widget in (editor, bare):
        widget.resize(1000, 800)
        widget.show()
    margins = editor.viewportMargins()
    bare.setViewportMargins(margins.left(), 0, margins.right(), 0)  # the same column, so lines wrap alike
    editor.set_chapter_text(text)
    bare.setPlainText(text)
    for widget in (editor, bare):
        cursor = widget.textCursor()
        cursor.setPosition(len(text) // 2)
        widget.setTextCursor(cursor)
        widget.centerCursor()
        widget.setFocus()
        _settle(app)
    timings: dict[str, list[float]] = {"editor": [], "bare": []}
    for index in range(keys):
        key = Qt.Key.Key_A if index % 6 else Qt.Key.Key_Space
        for name, widget in (("editor", editor), ("bare", bare)):  # alternate, so machine load hits both alike
            start = time.perf_counter()
            QTest.keyClick(widget, key)
            app.processEvents()
            timings[name].append((time.perf_counter() - start) * 1000)
    (e50, e99), (b50, b99) = _percentiles(timings["editor"]), _percentiles(timings["bare"])
    line = (f"  spacing {spacing:.1f}: editor p50 {e50:.3f} ms p99 {e99:.3f} ms | bare p50 {b50:.3f} ms p99 {b99:.3f} ms"
            f" | ratio p50 {e50 / b50:.2f} p99 {e99 / b99:.2f} (target 1.2)")
    editor.close()
    bare.close()
    editor.deleteLater()
    bare.deleteLater()
    _settle(app)
    return line


def _typing_latency(app, window) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    _settle(app)
    samples = []
    for _ in range(40):
        start = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_A)
        editor.viewport().repaint()
        samples.append(time.perf_counter() - start)
    window.session.save_now()
    samples.sort()
    return samples[len(samples) // 2]


if __name__ == "__main__":
    raise SystemExit(main())
