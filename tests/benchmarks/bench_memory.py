"""Where the checker's memory goes: RSS growth after each loading step and each novel, optionally the top lines
of Python allocations (tracemalloc; slow, and its own bookkeeping inflates RSS).

Run: ``/work/venv/bin/python tests/benchmarks/bench_memory.py [--trace [N]]``. Prints figures; never asserts.
The target (<= 120 MB after both dialects checked the three novels) is measured by ``bench_check.py``'s section 4.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tracemalloc
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
sys.path.insert(0, str(ROOT))
NOVELS = (("pride-and-prejudice.txt", "en-GB"), ("war-and-peace.txt", "en-US"), ("tom-sawyer.txt", "en-US"))


def _rss() -> float:
    gc.collect()
    return psutil.Process(os.getpid()).memory_info().rss / 1e6


def main() -> int:
    """Load the checker step by step, check the novels, and print the memory each step added."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trace", type=int, nargs="?", const=25, default=0, help="print the top N allocation lines")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start()
    start = last = _rss()

    def step(name: str) -> None:
        nonlocal last
        now = _rss()
        traced = f"; traced {tracemalloc.get_traced_memory()[0] / 1e6:6.1f} MB" if args.trace else ""
        print(f"  {name:34s} +{now - last:6.1f} MB, total {now - start:6.1f} MB{traced}")
        last = now

    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker, check_text

    step("import")
    from writer_app.grammar.frequency import frequency_data

    frequency_data()
    step("word frequencies")
    from writer_app.grammar.lexicon import shipped_lexicon

    shipped_lexicon()
    step("lexicon")
    from writer_app.grammar.tagger import shipped_tagger

    shipped_tagger()
    step("tagger")
    checkers = {dialect: build_checker(CheckConfig(dialect=dialect)) for dialect in ("en-US", "en-GB")}
    checkers["en-US"].check("Warm the caches up: a sentence.")
    step("both dialects built, one sentence")
    for name, dialect in NOVELS:
        path = CORPUS / name
        if path.is_file():
            check_text(checkers[dialect], path.read_text(encoding="utf-8"))
            step(f"{name} checked ({dialect})")
    speller = checkers["en-US"].speller
    if speller is not None:
        speller.suggest("recieve")
        step("first spelling suggestion")
    if args.trace:
        snapshot = tracemalloc.take_snapshot()
        print(f"\n  top {args.trace} allocation lines:")
        for stat in snapshot.statistics("lineno")[: args.trace]:
            print(f"    {stat}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
