"""Core-level timings: import and open of Pride and Prejudice / War and Peace, and War and Peace as a loose file.

Run: ``/work/venv/bin/python tests/benchmarks/bench_core.py``. Prints figures and target ratios; asserts nothing.
Targets (issue 2): either project open <= 1 s, the 560k-word loose file <= 2 s (the GUI adds its own time).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def _best_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    """Run ``action`` several times; return the median seconds and the last result."""
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    """Print the timings."""
    with tempfile.TemporaryDirectory(prefix="bench-core-") as scratch:
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(scratch, variable.lower()))
        from writer_app.core.importer import import_manuscript
        from writer_app.core.project import Project
        from writer_app.core.text import word_count

        print(f"{'measure':72} {'seconds':>8} {'target':>7} {'ratio':>6}")

        def report(label: str, seconds: float, target: float | None = None) -> None:
            if target:
                print(f"{label:72} {seconds:8.3f} {target:7.1f} {seconds / target:6.2f}")
            else:
                print(f"{label:72} {seconds:8.3f}")

        for name, label in (("pride-and-prejudice.txt", "Pride and Prejudice"),
                            ("war-and-peace.txt", "War and Peace")):
            source = CORPUS / name
            if not source.exists():
                print(f"{source} is missing; skipped")
                continue
            counter = iter(range(1000))

            def do_import(source: Path = source, counter: Iterator[int] = counter) -> Project:
                project = import_manuscript(source, Path(scratch, f"{source.stem}-{next(counter)}"))
                project.close()
                return project

            seconds, project = _best_of(3, do_import)
            report(f"import {label} ({len(project.chapters)} chapters)", seconds)
            folder = project.path

            def open_only(folder: Path = folder) -> Project:
                opened = Project.open(folder)
                opened.close()
                return opened

            def open_and_read(folder: Path = folder) -> int:
                with Project.open(folder) as opened:
                    return sum(word_count(text) for _chapter, text in opened.iter_chapter_texts())

            seconds, _ = _best_of(5, open_only)
            report(f"open {label} project (manifest, lock)", seconds, 1.0)
            seconds, words = _best_of(5, open_and_read)
            report(f"open {label} project + read all chapters ({words:,} words)", seconds, 1.0)

            with Project.open(folder) as opened:
                for chapter in opened.chapters:
                    opened.read_chapter(chapter)
                seconds, _ = _best_of(5, opened.changed_on_disk)
                report(f"poll {label} for external changes ({len(opened.chapters)} files)", seconds)
                seconds, _ = _best_of(1, opened.backup_manager().snapshot)
                report(f"zip backup snapshot of {label}", seconds)

        loose_source = CORPUS / "war-and-peace.txt"
        if loose_source.exists():
            loose = Path(scratch, "war-and-peace.txt")
            loose.write_bytes(loose_source.read_bytes())

            def open_loose() -> int:
                with Project.open(loose) as opened:
                    return word_count(opened.read_chapter(opened.chapters[0]))

            seconds, words = _best_of(5, open_loose)
            report(f"open War and Peace as one loose file ({words:,} words)", seconds, 2.0)

            def save_loose() -> None:
                with Project.open(loose) as opened:
                    chapter = opened.chapters[0]
                    opened.write_chapter(chapter, opened.read_chapter(chapter))

            seconds, _ = _best_of(3, save_loose)
            report("open + atomic save of the loose file (fsync included)", seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
