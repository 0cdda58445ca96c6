"""Probe of grammar families on sentences written for this project: recall per family and flags on correct ones.

Run: ``/work/main/.venv/bin/python tests/benchmarks/bench_probe.py [--misses] [--family NAME]``.
Reads ``tests/benchmarks/data/probe_families.jsonl`` (one JSON object a line: ``family``, ``kind``
``incorrect``/``correct``, ``text``; an incorrect row also has ``wrong``, the slip as written, and ``corrected``,
the sentence put right). A slip is detected when an issue overlaps ``wrong``; fixed when an overlapping issue's
first replacement turns ``text`` into ``corrected``. Every sentence is our own (never from the eval sets or the
novels). Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = Path(__file__).resolve().parent / "data" / "probe_families.jsonl"


def load(path: Path = DATA) -> list[dict]:
    """The probe rows."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Print recall and right fixes per family, and the flags on the family's correct sentences."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="print the missed and wrongly flagged sentences")
    parser.add_argument("--family", action="append", help="only these families")
    args = parser.parse_args(argv)

    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker

    checker = build_checker(CheckConfig(dialect="en-US"))
    rows = [r for r in load() if not args.family or r["family"] in args.family]
    stats: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # bad, found, fixed, good, flagged
    notes: dict[str, list[str]] = collections.defaultdict(list)
    for row in rows:
        text = row["text"]
        issues = checker.check(text)  # one paragraph, as the editor checks it (a line break inside is a wrap)
        entry = stats[row["family"]]
        if row["kind"] == "correct":
            entry[3] += 1
            entry[4] += bool(issues)
            for issue in issues:
                notes[row["family"]].append(f"    ALARM {issue.rule} <{issue.text}> in {text!r}")
            continue
        found = re.search(rf"(?<!\w){re.escape(row['wrong'])}(?!\w)", text)
        start, end = found.span() if found else (text.index(row["wrong"]), text.index(row["wrong"]) + len(row["wrong"]))
        hit = [i for i in issues if i.start < end and start < i.end]
        fixed = any(i.replacements and text[: i.start] + i.replacements[0] + text[i.end :] == row["corrected"] for i in hit)
        entry[0] += 1
        entry[1] += bool(hit)
        entry[2] += fixed
        if not hit:
            notes[row["family"]].append(f"    MISS  {text!r}")
        elif not fixed:
            notes[row["family"]].append(f"    FIX?  {text!r}: {[(i.rule, i.replacements[:2]) for i in hit]}")
    total = [0, 0, 0, 0, 0]
    print(f"{'family':24s} {'recall':>14s} {'right fix':>14s} {'flags on correct':>18s}")
    for family, (bad, found, fixed, good, flagged) in stats.items():
        total = [a + b for a, b in zip(total, (bad, found, fixed, good, flagged), strict=True)]
        print(f"{family:24s} {found:3d}/{bad:<3d} {found / max(bad, 1):5.0%} {fixed:3d}/{bad:<3d} {fixed / max(bad, 1):5.0%}"
              f"    {flagged:3d}/{good:<3d}")
        if args.misses:
            print("\n".join(notes[family]))
    bad, found, fixed, good, flagged = total
    print(f"{'all':24s} {found:3d}/{bad:<3d} {found / max(bad, 1):5.0%} {fixed:3d}/{bad:<3d} {fixed / max(bad, 1):5.0%}"
          f"    {flagged:3d}/{good:<3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
