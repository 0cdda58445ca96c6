"""Benchmark: War and Peace imported as a project, exported to every format; prints seconds per format.

Targets: at most 5 s per format, PDF at most 20 s. Run: ``python tests/benchmarks/bench_export.py [FORMAT ...]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from writer_app.core.importer import import_manuscript  # noqa: E402
from writer_app.export.model import ExportOptions  # noqa: E402
from writer_app.export.registry import format_keys  # noqa: E402
from writer_app.export.writer import export_project  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
TARGETS = {"pdf": 20.0}
DEFAULT_TARGET = 5.0


def main(argv: list[str]) -> int:
    """Import the novel once, then time each export (plain and manuscript format where supported)."""
    source = CORPUS / "war-and-peace.txt"
    if not source.exists():
        print(f"corpus not found: {source}")
        return 1
    wanted = argv or format_keys()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        started = time.perf_counter()
        project = import_manuscript(source, folder / "War and Peace", title="War and Peace")
        print(f"import: {time.perf_counter() - started:.2f} s, {len(project.chapters)} chapters")
        for key in wanted:
            for manuscript_format in (False, True) if key in {"docx", "odt", "pdf"} else (False,):
                options = ExportOptions(format=key, manuscript_format=manuscript_format)
                out = folder / f"war-and-peace{'-manuscript' if manuscript_format else ''}.{key}"
                started = time.perf_counter()
                result = export_project(project, options, out)
                seconds = time.perf_counter() - started
                target = TARGETS.get(key, DEFAULT_TARGET)
                label = f"{key}{' (manuscript)' if manuscript_format else ''}"
                print(
                    f"{label:<18} {seconds:6.2f} s  target <= {target:.0f} s  ratio {seconds / target:4.2f}  "
                    f"{result.words:,} words  {out.stat().st_size / 1e6:.1f} MB"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
