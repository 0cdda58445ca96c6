"""Benchmark of the whole built-in check (rules + spelling): card sentences, quietness, speed, memory.

Run: ``/work/venv/bin/python tests/benchmarks/bench_check.py [--samples N]``. Prints figures with their targets
and ratios; never asserts times.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import re
import resource
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

CARDS = (
    ("Her safety net had taken president over his bleeding heart.", "president", "precedence"),
    ("He'd just have to life with the disappointment.", "life", "live"),
)
# Each novel with its English and its ceiling of default-on flags per 1,000 words (Tom Sawyer: dialect).
NOVELS = (("pride-and-prejudice.txt", "en-GB", 0.5), ("war-and-peace.txt", "en-US", 0.5), ("tom-sawyer.txt", "en-US", 1.0))


def _rss() -> int:
    gc.collect()
    return psutil.Process(os.getpid()).memory_info().rss


def _ratio(value: float, target: float, lower_is_better: bool) -> str:
    ratio = value / target if target else float("inf")
    ok = value <= target if lower_is_better else value >= target
    return f"ratio {ratio:.2f} ({'meets' if ok else 'MISSES'} target)"


def compare_rule_sources() -> None:
    """Check each novel with the rules parsed from the TOML files and with the shipped precompiled ones."""
    from writer_app.grammar.engine import CheckConfig, check_document
    from writer_app.grammar.rule_cache import bundled_folder, load_rules_cached, shipped_is_fresh
    from writer_app.grammar.rules import RuleChecker, load_rules

    if not shipped_is_fresh():
        print("  the shipped precompiled rules are stale (rebuild: python -m writer_app.grammar.rule_cache); "
              "the app falls back to the rule files, so this compares the user-cache copy")
    start = time.perf_counter()
    parsed = load_rules()
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    cached = load_rules_cached([bundled_folder()])
    cache_seconds = time.perf_counter() - start
    print(f"  loading {len(parsed)} rules: {parse_seconds:.2f} s from the files, {cache_seconds:.3f} s precompiled")
    for name, dialect, _ceiling in NOVELS:
        path = CORPUS / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        config = CheckConfig(dialect=dialect)
        found = [check_document(RuleChecker(config, rules=rules), text) for rules in (parsed, cached)]
        verdict = "identical" if found[0] == found[1] else "DIFFERENT"
        print(f"  {name}: {len(found[0])} rule issues from the files, {len(found[1])} precompiled: {verdict}")


def analysed_sentences(path: Path, limit: int = 600_000) -> None:
    """Print how many sentences the token-pattern rules had tagged, of all, and the CPU time of the check."""
    from writer_app.grammar import analysis
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker
    from writer_app.grammar.rules import RuleChecker
    from writer_app.grammar.sentences import sentence_spans

    text = re.sub(r"(?<=\S)\n(?=\S)", " ", path.read_text(encoding="utf-8"))[:limit]
    checker = build_checker(CheckConfig())
    rules = next((c for c in checker.checkers if isinstance(c, RuleChecker)), None)
    if rules is None or rules._patterns is None:
        return
    analysis.cache_clear()
    start = time.process_time()
    checker.check(text)
    seconds = time.process_time() - start
    total = sum(len(sentence_spans(p)) for p in text.split("\n") if p.strip())
    words = len(text.split())
    print(f"  first {limit:,} characters: {rules._patterns.analysed:,} of {total:,} sentences tagged for the "
          f"token-pattern rules; {seconds:.2f} s CPU, {words / seconds:,.0f} words/s")


def main() -> int:
    """Run every measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=4, help="sample flagged texts shown per top rule")
    args = parser.parse_args()

    before = _rss()
    from writer_app.errors import WriterAppError
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker, check_text

    try:
        checkers = {dialect: build_checker(CheckConfig(dialect=dialect)) for dialect in ("en-US", "en-GB")}
    except WriterAppError as error:
        print(f"cannot build the checker: {error}")
        return 2
    checkers["en-US"].check("Warm the caches up: a sentence.")
    loaded = _rss()

    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: speeds drop when others run)\n")
    print("== 1. card sentences (full built-in check)")
    hits = 0
    for sentence, wrong, right in CARDS:
        issues = checkers["en-US"].check(sentence)
        good = [i for i in issues if i.text == wrong and i.replacements[:1] == (right,)]
        hits += bool(good)
        status = f"flagged [{good[0].rule}] -> {right}" if good else f"MISSED ({issues})"
        print(f"  {sentence!r}: {status}")
    print(f"  {hits}/{len(CARDS)} flagged with the right replacement; target {len(CARDS)}/{len(CARDS)}")

    print("\n== 2. default-on flags per 1,000 words (targets <= 0.5, Tom Sawyer <= 1.0)")
    speed_words = speed_seconds = 0.0
    for name, dialect, ceiling in NOVELS:
        path = CORPUS / name
        if not path.is_file():
            print(f"  {name}: not found at {path}")
            continue
        text = path.read_text(encoding="utf-8")
        words = len(text.split())
        checker = build_checker(CheckConfig(dialect=dialect))  # a fresh checker: cold caches, honest speed
        start = time.perf_counter()
        issues = check_text(checker, text)  # what `writer-app check` does
        seconds = time.perf_counter() - start
        rate = len(issues) / words * 1000
        print(f"  {name} ({dialect}, {words:,} words): {len(issues)} flags = {rate:.2f} per 1,000 words; "
              f"{_ratio(rate, ceiling, True)}; {words / seconds:,.0f} words/s")
        by_rule = collections.Counter(i.rule for i in issues)
        samples: dict[str, list[str]] = collections.defaultdict(list)
        for issue in issues:
            if len(samples[issue.rule]) < args.samples:
                context = text[max(0, issue.start - 40) : issue.end + 30].replace("\n", " ")
                samples[issue.rule].append(f"{issue.text!r} in …{context}…")
        print("  top rules:")
        for rule, count in by_rule.most_common(15):
            print(f"    {count:5d}  {rule}")
            for sample in samples[rule]:
                print(f"             {sample}")
        if name.startswith("war-and-peace"):
            speed_words, speed_seconds = words, seconds

    print("\n== 3. speed of the whole built-in check on War and Peace (target >= 150,000 words/s)")
    if speed_seconds:
        speed = speed_words / speed_seconds
        print(f"  {speed:,.0f} words/s (cold caches, one process); {_ratio(speed, 150_000, False)}")

    war = CORPUS / "war-and-peace.txt"
    if war.is_file():
        text = war.read_text(encoding="utf-8")
        words = len(text.split())
        # Gutenberg lines are hard-wrapped at ~70 characters; a writer's paragraphs are whole lines.
        joined = "\n".join(re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip())
        checker = build_checker(CheckConfig(dialect="en-US"))
        start = time.perf_counter()
        check_text(checker, joined)
        speed = words / (time.perf_counter() - start)
        print(f"  {speed:,.0f} words/s with each paragraph's lines joined (as the editor sees prose); "
              f"{_ratio(speed, 150_000, False)}")
        for engine in checker.checkers:
            fresh = build_checker(CheckConfig(dialect="en-US")).engine(engine.name)
            timings = []
            for _ in range(3):  # cold caches, then warm (best of two)
                start = time.perf_counter()
                for paragraph in joined.split("\n"):
                    fresh.check(paragraph)
                timings.append(words / (time.perf_counter() - start))
            target = " (spelling target >= 500,000)" if engine.name == "spelling" else ""
            print(f"    engine {engine.name}: {timings[0]:,.0f} words/s cold, {max(timings[1:]):,.0f} warm{target}")

    if war.is_file():
        analysed_sentences(war)
        print("\n== 3b. `writer-app check war-and-peace.txt` as a whole process, start to exit (target <= 3.5 s)")
        import subprocess

        # An installed package has its bytecode compiled (pip does it, and the standalone build bundles it); a
        # checkout may not, when PYTHONDONTWRITEBYTECODE is set: compile it, as an install would have.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "writer_app")], capture_output=True,
                       check=False)
        for run in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare = time.perf_counter() - start
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "writer_app", "check", str(war)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, cwd=ROOT)
            whole = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and the workers it forked
            cpu = after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime
            print(f"  run {run + 1}: {whole:.2f} s ({words / whole:,.0f} words/s; python -c pass {bare:.2f} s); "
                  f"{_ratio(whole, 3.5, True)}; CPU {cpu:.1f} s on {os.cpu_count()} cores (steadier than wall "
                  f"time when others run)")

    print("\n== 3c. same issues with the rules read from their files and loaded precompiled (must be identical)")
    compare_rule_sources()

    print("\n== 4. memory of the loaded checkers (target <= 120 MB)")
    mb = (loaded - before) / 1e6
    print(f"  RSS delta from before import to both dialects built: {mb:.1f} MB; {_ratio(mb, 120, True)}")
    import subprocess

    child = subprocess.run([sys.executable, __file__, "--memory-child"], capture_output=True, text=True, cwd=ROOT)
    figure = child.stdout.strip() or child.stderr.strip()[-300:]
    print(f"  a fresh process: both dialects built, then the three novels checked with them (tagger, lexicon, "
          f"frequencies and caches loaded): {figure}")
    warm = (_rss() - before) / 1e6
    print(f"  this benchmark's own process after sections 1-3c (seven checkers built, the rules also parsed from their "
          f"files): {warm:.1f} MB; {_ratio(warm, 120, True)}")
    return 0


def memory_child() -> int:
    """Print the RSS growth of one process that builds both dialects' checkers and checks the three novels."""
    import gc

    before = _rss()
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker, check_text

    checkers = {dialect: build_checker(CheckConfig(dialect=dialect)) for dialect in ("en-US", "en-GB")}
    for name, dialect, _ceiling in NOVELS:
        path = CORPUS / name
        if path.is_file():
            check_text(checkers[dialect], path.read_text(encoding="utf-8"))
    gc.collect()
    mb = (_rss() - before) / 1e6
    print(f"{mb:.1f} MB; {_ratio(mb, 120, True)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(memory_child() if sys.argv[1:] == ["--memory-child"] else main())
