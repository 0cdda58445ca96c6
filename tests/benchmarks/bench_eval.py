"""Score the built-in checker on both eval sets: detection, right fix and alarms on correct sentences.

Run: ``.venv/bin/python tests/benchmarks/bench_eval.py [--rules-only] [--misses N] [--rule NAME] [--set harper|lt]``.
Targets (issue "The checker reads sentences"):
- Harper pairs: detection >= 80 %, right fix >= 70 %, alarms for the sentence's rule <= 2 %;
- LanguageTool dev half, fiction categories (default-on rules): detection >= 45 %, right fix >= 35 %,
  alarms (any flag on a correct sentence) <= 2 %.
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

from tests.grammar.eval_scoring import (  # noqa: E402
    EVAL_FILE,
    FICTION_EXCLUDED_REASONS,
    FICTION_EXCLUDED_RULES,
    LT_FILE,
    EvalResult,
    checker_per_variant,
    load_lt_examples,
    load_pairs,
    score,
)
from writer_app.grammar.engine import CheckConfig  # noqa: E402

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "harper-pairs.jsonl"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NOVELS = (("pride-and-prejudice.txt", "en-GB"), ("war-and-peace.txt", "en-US"))
# The rule files the eval work added; ``--novels`` shows what they alone flag in published fiction.
EVAL_RULE_FILES = ("agreement.toml", "expressions.toml", "usage.toml", "word_forms.toml", "x_numbers_names.toml")


def build(rules_only: bool, dialect: str = "en-US"):
    """Return the checker to score: the full built-in check, or the rule engine alone."""
    config = CheckConfig(dialect=dialect)
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


def print_figures(title: str, result: EvalResult, targets: tuple[str, str, str], alarm_note: str) -> None:
    """Print detection, right fix and alarms of one scored set with their targets."""
    total = result.total
    print(title)
    print(f"  detection   {result.detection:6.1%}  ({total.detected}/{total.incorrect})   target {targets[0]}")
    print(f"  right fix   {result.right_fix:6.1%}  ({total.fixed}/{total.incorrect})   target {targets[1]}")
    print(f"  alarms      {result.alarm_rate:6.1%}  ({total.alarms}/{total.correct})   target {targets[2]}{alarm_note}")


def print_rule_tables(result: EvalResult, top: int, label: str) -> None:
    """Print the eval rules we miss most, those we catch, and our rules that raised alarms."""
    rows = sorted(result.by_rule.items(), key=lambda item: item[1].incorrect - item[1].detected, reverse=True)
    print(f"\n{label} rules with the most misses (top {top}): missed/total, detected, fixed")
    for name, counts in rows[:top]:
        if counts.incorrect == counts.detected:
            continue
        print(
            f"  {name:40s} {counts.incorrect - counts.detected:4d}/{counts.incorrect:<4d}"
            f" det {counts.detected:4d}  fix {counts.fixed:4d}"
        )
    covered = sorted(
        ((n, c) for n, c in result.by_rule.items() if c.detected), key=lambda item: item[1].detected, reverse=True
    )
    print(f"\n{label} rules we catch (top {top}): detected/total, fixed")
    for name, counts in covered[:top]:
        print(f"  {name:40s} {counts.detected:4d}/{counts.incorrect:<4d} fix {counts.fixed:4d}")
    print(f"\nOur rules firing on {label}'s correct sentences:")
    for rule, count in result.alarm_rules.most_common(top):
        print(f"  {rule:40s} {count:4d}  e.g. {result.alarm_examples[rule][0]}")


def print_misses(result: EvalResult) -> None:
    """Print the kept missed sentences, by eval rule."""
    print("\nMissed sentences:")
    for name, misses in sorted(result.misses.items()):
        for pair in misses:
            print(f"  [{name}] {pair.text[:140]!r} -> {pair.corrected[:140]!r}")


def run_harper(args: argparse.Namespace) -> None:
    """Score Harper's pairs (style rules that contradict fiction left out of detection) and print them."""
    path = EVAL if EVAL.exists() else EVAL_FILE
    if not path.exists():
        print(f"Harper pairs not found at {path}")
        return
    pairs = load_pairs(path)
    if args.rule:
        pairs = [p for p in pairs if p.rule in args.rule]
    excluded = sorted({p.rule for p in pairs if p.rule in FICTION_EXCLUDED_RULES})
    pairs = [p for p in pairs if p.kind == "correct" or p.rule not in FICTION_EXCLUDED_RULES]
    started = time.perf_counter()
    checker = build(args.rules_only)
    loaded = time.perf_counter()
    result = score(checker, pairs, keep_misses=args.misses)
    finished = time.perf_counter()
    label = "rules only" if args.rules_only else "rules + spelling"
    total = result.total
    print(f"Harper pairs ({label}): {total.incorrect} incorrect, {total.correct} correct sentences")
    print(f"  detection   {result.detection:6.1%}  ({total.detected}/{total.incorrect})   target >= 80%")
    print(f"  right fix   {result.right_fix:6.1%}  ({total.fixed}/{total.incorrect})   target >= 70%")
    print(f"  alarms      {result.rule_alarm_rate:6.1%}  for the sentence's rule, as Harper's README counts them "
          "(a flag from one of our rules that finds that rule's slips)   target <= 2%")
    print(f"  any flag    {result.alarm_rate:6.1%}  ({total.alarms}/{total.correct})   any grammar, punctuation or "
          "style flag (spelling on spell-check sentences only), whatever the rule")
    print(f"  strict      {result.strict_alarm_rate:6.1%}  ({total.strict_alarms}/{total.correct})"
          "   any flag at all, incl. real typos and jargon in the 'correct' sentences")
    left_out = sum(1 for p in load_pairs(path) if p.kind == "incorrect" and p.rule in FICTION_EXCLUDED_RULES)
    print(f"  left out of detection as contrary to fiction style ({left_out} incorrect sentences; their correct "
          f"sentences still count for alarms):{'' if excluded else ' none'}")
    for rule in excluded:
        print(f"    {rule:26} {FICTION_EXCLUDED_REASONS[rule]}")
    print(f"  load {loaded - started:.2f} s, check {finished - loaded:.2f} s")
    print_rule_tables(result, args.top, "Harper")
    if args.misses:
        print_misses(result)


def run_languagetool(args: argparse.Namespace) -> None:
    """Score LanguageTool's development examples over all rules and over the fiction categories."""
    if not LT_FILE.exists():
        print(f"\nLanguageTool examples not found at {LT_FILE}")
        return
    pairs = load_lt_examples(LT_FILE)
    if args.rule:
        pairs = [p for p in pairs if p.rule in args.rule]
    checker_for = checker_per_variant(lambda dialect: build(args.rules_only, dialect))

    started = time.perf_counter()
    every = score(checker_for, pairs, any_flag_is_alarm=True)
    fiction = score(checker_for, [p for p in pairs if p.fiction], keep_misses=args.misses, any_flag_is_alarm=True)
    finished = time.perf_counter()
    print()
    print_figures(
        f"LanguageTool dev half, all rules: {every.total.incorrect} incorrect, {every.total.correct} correct",
        every,
        ("-", "-", "-"),
        "  (any flag on a correct sentence)",
    )
    print_figures(
        f"LanguageTool dev half, fiction categories, default-on rules: {fiction.total.incorrect} incorrect, "
        f"{fiction.total.correct} correct",
        fiction,
        (">= 45%", ">= 35%", "<= 2%"),
        "  (any flag on a correct sentence)",
    )
    for category in sorted({p.category for p in pairs if p.fiction}):
        rules = {p.rule for p in pairs if p.fiction and p.category == category}
        detected = sum(fiction.by_rule[r].detected for r in rules)
        incorrect = sum(fiction.by_rule[r].incorrect for r in rules)
        alarms = sum(fiction.by_rule[r].alarms for r in rules)
        correct = sum(fiction.by_rule[r].correct for r in rules)
        print(f"    {category:22s} detection {detected}/{incorrect}, alarms {alarms}/{correct}")
    print(f"  check {finished - started:.2f} s")
    print_rule_tables(fiction, args.top, "LanguageTool")
    if args.misses:
        print_misses(fiction)


def main(argv: list[str] | None = None) -> int:
    """Print the figures of both eval sets, the eval rules we miss most, and our rules that raise alarms."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="score the rule engine without the speller")
    parser.add_argument("--misses", type=int, default=0, help="print up to N missed sentences per eval rule")
    parser.add_argument("--rule", action="append", default=[], help="only score these eval rules")
    parser.add_argument("--top", type=int, default=25, help="how many rules to list")
    parser.add_argument("--set", choices=("harper", "lt", "both"), default="both", help="which eval set to score")
    parser.add_argument("--novels", action="store_true", help="also run the eval rule files over the corpus novels")
    args = parser.parse_args(argv)
    if args.set in ("harper", "both"):
        run_harper(args)
    if args.set in ("lt", "both"):
        run_languagetool(args)
    if args.novels:
        novel_flags(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
