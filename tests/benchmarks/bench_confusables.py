"""Benchmark of the confusable-word context check: what it adds on the eval sets, its quietness on novels, speed.

Run: ``/work/main/.venv/bin/python tests/benchmarks/bench_confusables.py [--shared DIR] [--examples N]``.
Reads ``shared/eval`` and ``shared/corpus`` at run time (nothing is copied). Targets: no new alarms on correct
sentences; almost no flags on published novels (the whole check must stay <= 0.5 per 1,000 words on Pride and
Prejudice and War and Peace, <= 1.0 on Tom Sawyer). Never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOVELS = ("pride-and-prejudice.txt", "war-and-peace.txt", "tom-sawyer.txt")


def _hit(issues, start: int, end: int):
    return [i for i in issues if i.start < max(end, start + 1) and start < i.end]


def eval_file(path: Path, checkers: dict, category: str | None) -> None:
    """Detection, right fix and alarms of the whole check with and without the context stage."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if category:
        rows = [r for r in rows if r.get("category") == category]
    for label, checker in checkers.items():
        detected = fixed = incorrect = alarms = correct = 0
        for row in rows:
            issues = checker.check(row["text"])
            if row["kind"] == "correct":
                correct += 1
                alarms += bool(issues)
                continue
            incorrect += 1
            start = row.get("span_start", row.get("marker_start", 0))
            end = row.get("span_end", row.get("marker_end", 0))
            hit = _hit(issues, start, end)
            detected += bool(hit)
            rights = set(row.get("corrections") or ())
            good = row.get("corrected_text")
            fixed += any(
                i.replacements
                and (i.replacements[0] in rights or row["text"][: i.start] + i.replacements[0] + row["text"][i.end :] == good)
                for i in hit
            )
        print(f"  {label:28s} detection {detected:4d}/{incorrect} ({detected / max(incorrect, 1):5.1%}), right fix "
              f"{fixed:4d} ({fixed / max(incorrect, 1):5.1%}), any flag on correct sentences {alarms}/{correct}")


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent.parent / "shared", help="the shared folder")
    parser.add_argument("--examples", type=int, default=5, help="flags shown per novel")
    args = parser.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        args.shared = Path("/work/shared")
    from writer_app.grammar.confusables import ConfusableChecker
    from writer_app.grammar.engine import CheckConfig, check_document
    from writer_app.grammar.factory import build_checker

    started = time.perf_counter()
    stage = ConfusableChecker(CheckConfig())
    stage.check("warm their up")
    print(f"(load average {os.getloadavg()[0]:.1f}) context check loaded in {time.perf_counter() - started:.2f} s")
    whole = build_checker(CheckConfig())
    without = build_checker(CheckConfig())
    without.checkers = [c for c in without.checkers if c.name != stage.name]
    checkers = {"whole check": whole, "without the context check": without, "context check alone": stage}

    print("\n== eval: LanguageTool dev, CONFUSED_WORDS")
    eval_file(args.shared / "eval" / "languagetool-dev.jsonl", checkers, "CONFUSED_WORDS")
    print("\n== eval: Harper pairs, all rules")
    eval_file(args.shared / "eval" / "harper-pairs.jsonl", checkers, None)

    print("\n== context-check flags on published novels (lines as in the file / paragraphs joined)")
    for name in NOVELS:
        path = args.shared / "corpus" / name
        if not path.is_file():
            print(f"  {name}: not found")
            continue
        text = path.read_text(encoding="utf-8")
        words = len(text.split())
        joined = re.sub(r"(?<=\S)\n(?=\S)", " ", text)
        figures = []
        for body in (text, joined):
            fresh = ConfusableChecker(CheckConfig())
            fresh.check("warm their up")
            begun = time.perf_counter()
            issues = check_document(fresh, body)
            seconds = time.perf_counter() - begun
            figures.append((issues, seconds))
        (lines, line_s), (paras, para_s) = figures
        print(f"  {name} ({words:,} words): {len(lines)} / {len(paras)} flags = "
              f"{1000 * len(lines) / words:.3f} / {1000 * len(paras) / words:.3f} per 1,000 words; "
              f"{words / line_s:,.0f} / {words / para_s:,.0f} words/s")
        for issue in paras[: args.examples]:
            context = joined[max(0, issue.start - 50) : issue.end + 30].replace("\n", " ")
            print(f"      {issue.text!r} -> {issue.replacements[0]!r}: …{context}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
