"""Score the built-in checker on Harper's sentence pairs: detection, right fix and alarms on correct sentences.

Run: ``/work/venv/bin/python tests/benchmarks/bench_eval.py [--rules-only] [--misses N] [--rule NAME]``.
Targets: detection >= 40 %, right fix >= 30 %, alarms <= 5 % (aim: 50 % / 40 % / 3 %).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.grammar.eval_scoring import EVAL_FILE, load_pairs, score  # noqa: E402
from writer_app.grammar.engine import CheckConfig  # noqa: E402

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "harper-pairs.jsonl"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NOVELS = (("pride-and-prejudice.txt", "en-GB"), ("war-and-peace.txt", "en-US"))
# The rule files the eval work added; ``--novels`` shows what they alone flag in published fiction.
EVAL_RULE_FILES = ("agreement.toml", "expressions.toml", "usage.toml", "word_forms.toml", "x_numbers_names.toml")


def build(rules_only: bool):
    """Return the checker to score: the full built-in check, or the rule engine alone."""
    config = CheckConfig()
    if rules_only:
        from writer_app.grammar.rules import RuleChecker

        return RuleChecker(config)
    from writer_app.grammar.factory import build_checker

    return build_checker(config)


def novel_flags(top: int) -> None:
    """Print flags per 1,000 words that the eval rule files add on each corpus novel, with examples."""
    from collections import Counter

    from writer_app.grammar.engine import check_document
    from writer_app.grammar.rules import RuleChecker, parse_rule_file
    from writer_app.resources import resource_path

    rules = [rule for name in EVAL_RULE_FILES for rule in parse_rule_file(resource_path("rules", name))]
    for name, dialect in NOVELS:
        path = CORPUS / name
        if not path.exists():
            print(f"\n{name}: not found in {CORPUS}")
            continue
        text = path.read_text(encoding="utf-8")
        checker = RuleChecker(CheckConfig(dialect=dialect), rules=rules)
        started = time.perf_counter()
        issues = check_document(checker, text)
        elapsed = time.perf_counter() - started
        words = len(text.split())
        print(f"\n{name} ({dialect}): {len(issues)} flags from {len(rules)} eval rules, "
              f"{1000 * len(issues) / words:.3f} per 1,000 words (target <= 1 for the whole check), "
              f"{words / elapsed:,.0f} words/s")
        # The editor checks whole paragraphs: join the novel's hard-wrapped lines the same way.
        joined = re.sub(r"(?<=\S)\n(?=\S)", " ", text)
        started = time.perf_counter()
        paragraph_issues = check_document(checker, joined)
        elapsed = time.perf_counter() - started
        print(f"  as paragraphs: {len(paragraph_issues)} flags, "
              f"{1000 * len(paragraph_issues) / words:.3f} per 1,000 words, {words / elapsed:,.0f} words/s")
        counts = Counter(issue.rule for issue in issues)
        for rule, count in counts.most_common(top):
            example = next(i for i in issues if i.rule == rule)
            context = text[max(0, example.start - 40) : example.end + 30].replace("\n", " ")
            print(f"  {rule:34s} {count:4d}  e.g. ...{context}...")


def main(argv: list[str] | None = None) -> int:
    """Print the overall figures, the Harper rules we miss most, and our rules that fire on correct text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="score the rule engine without the speller")
    parser.add_argument("--misses", type=int, default=0, help="print up to N missed sentences per Harper rule")
    parser.add_argument("--rule", action="append", default=[], help="only score these Harper rules")
    parser.add_argument("--top", type=int, default=25, help="how many Harper rules to list")
    parser.add_argument("--novels", action="store_true", help="also run the eval rule files over the corpus novels")
    args = parser.parse_args(argv)

    path = EVAL if EVAL.exists() else EVAL_FILE
    if not path.exists():
        print(f"eval file not found at {path}")
        return 1
    pairs = load_pairs(path)
    if args.rule:
        pairs = [p for p in pairs if p.rule in args.rule]
    started = time.perf_counter()
    checker = build(args.rules_only)
    loaded = time.perf_counter()
    result = score(checker, pairs, keep_misses=args.misses)
    finished = time.perf_counter()

    total = result.total
    label = "rules only" if args.rules_only else "rules + spelling"
    print(f"Harper pairs ({label}): {total.incorrect} incorrect, {total.correct} correct sentences")
    print(f"  detection   {result.detection:6.1%}  ({total.detected}/{total.incorrect})   target >= 40%, aim 50%")
    print(f"  right fix   {result.right_fix:6.1%}  ({total.fixed}/{total.incorrect})   target >= 30%, aim 40%")
    print(f"  alarms      {result.alarm_rate:6.1%}  ({total.alarms}/{total.correct})   target <= 5%, aim 3%"
          "  (for the sentence's rule: spelling flags count only on spell-check sentences)")
    print(f"  any issue   {result.strict_alarm_rate:6.1%}  ({total.strict_alarms}/{total.correct})"
          "   (strict: any flag at all, incl. real typos and jargon in the 'correct' sentences)")
    print(f"  load {loaded - started:.2f} s, check {finished - loaded:.2f} s")

    rows = sorted(result.by_rule.items(), key=lambda item: item[1].incorrect - item[1].detected, reverse=True)
    print(f"\nHarper rules with the most misses (top {args.top}): missed/total, detected, fixed")
    for name, counts in rows[: args.top]:
        if counts.incorrect == counts.detected:
            continue
        print(
            f"  {name:40s} {counts.incorrect - counts.detected:4d}/{counts.incorrect:<4d}"
            f" det {counts.detected:4d}  fix {counts.fixed:4d}"
        )
    covered = sorted(
        ((n, c) for n, c in result.by_rule.items() if c.detected), key=lambda item: item[1].detected, reverse=True
    )
    print(f"\nHarper rules we catch (top {args.top}): detected/total, fixed")
    for name, counts in covered[: args.top]:
        print(f"  {name:40s} {counts.detected:4d}/{counts.incorrect:<4d} fix {counts.fixed:4d}")

    print("\nOur rules firing on correct sentences:")
    for rule, count in result.alarm_rules.most_common(args.top):
        print(f"  {rule:40s} {count:4d}  e.g. {result.alarm_examples[rule][0]}")
    if args.novels:
        novel_flags(args.top)
    if args.misses:
        print("\nMissed sentences:")
        for name, misses in sorted(result.misses.items()):
            for pair in misses:
                print(f"  [{name}] {pair.text[:140]!r} -> {pair.corrected[:140]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
