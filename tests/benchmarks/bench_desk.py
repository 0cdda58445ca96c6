"""Benchmark: open the Statistics view on a project with two years of writing history (730 days, 10 sessions a
day, 60 chapters); also the core pieces alone (reading the history, computing the statistics).

Run: /work/main/.venv/bin/python tests/benchmarks/bench_desk.py   (prints figures and the target; no asserts)
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DAYS = 730
SESSIONS = 10
CHAPTERS = 60
TARGET_SECONDS = 0.3
RUNS = 5


def build_project(home: Path) -> Path:
    """A 60-chapter project whose history holds 730 days x 10 sessions."""
    from writer_app.core.history import PASTED, WRITTEN, HistoryEntry, append_entries
    from writer_app.core.project import Project

    rng = random.Random(7)
    project = Project.create(home / "Two Years", "Two Years", first_chapter=None)
    for number in range(1, CHAPTERS + 1):
        project.add_chapter(f"Chapter {number}", "word " * rng.randint(1500, 4000))
    project.goals = {"manuscript_words": 300_000, "daily_words": 600,
                     "deadline": (date.today() + timedelta(days=200)).isoformat()}
    project.save_manifest()
    ids = [c.id for c in project.chapters]
    project.close()
    first = date.today() - timedelta(days=DAYS - 1)
    entries = []
    for offset in range(DAYS):
        day = first + timedelta(days=offset)
        for _session in range(SESSIONS):
            kind = PASTED if rng.random() < 0.02 else WRITTEN
            entries.append(HistoryEntry(day, rng.choice(ids), rng.randint(0, 400), rng.randint(0, 60), kind,
                                        rng.randint(60, 3600)))
    append_entries(home / "Two Years", entries)
    return home / "Two Years"


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(home / variable.lower())
    try:
        folder = build_project(home)
        lines = sum(len(p.read_text("utf-8").splitlines()) for p in (folder / "history").glob("*.jsonl"))
        size = sum(p.stat().st_size for p in (folder / "history").glob("*.jsonl"))
        print(f"history: {lines:,} entries in {len(list((folder / 'history').glob('*.jsonl')))} month files, "
              f"{size / 1024:.0f} KB")

        from writer_app.core.goals import Goals
        from writer_app.core.history import load_history
        from writer_app.core.stats import build_statistics

        start = time.perf_counter()
        history = load_history(folder)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        build_statistics([("c", "C", 1000, 0, "")], history.entries, Goals(daily_words=600), date.today())
        computed = time.perf_counter() - start
        print(f"core: read the history {loaded * 1000:.1f} ms, compute the statistics {computed * 1000:.1f} ms")

        from PySide6.QtWidgets import QApplication

        from writer_app.settings import Settings
        from writer_app.ui.desk.statistics_dialog import StatisticsDialog
        from writer_app.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        window = MainWindow(Settings())
        window.resize(1300, 850)
        window.show()
        window.open_project(folder)
        window.session.flush()  # every chapter counted, as in a session a while after opening
        app.processEvents()
        times = []
        for _run in range(RUNS):
            start = time.perf_counter()
            dialog = StatisticsDialog(window.desk.controller, window)
            dialog.show()
            dialog.chart.repaint()
            app.processEvents()
            times.append(time.perf_counter() - start)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
        times.sort()
        print(f"open the Statistics view ({DAYS} days x {SESSIONS} sessions, {CHAPTERS} chapters), {RUNS} runs: "
              f"median {times[len(times) // 2]:.3f} s, worst {times[-1]:.3f} s "
              f"(target <= {TARGET_SECONDS} s: {times[-1] / TARGET_SECONDS:.2f}x of it)")
        window.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
