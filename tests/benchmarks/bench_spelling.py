"""Benchmark of spelling suggestions on codespell's list of common misspellings: right word first, time per word.

Run: ``/work/main/.venv/bin/python tests/benchmarks/bench_spelling.py [--every N] [--runs 3] [--engine new|hunspell]
[--far-every N] [--far-limit N]``.
codespell's dictionary (GPL) is read at run time from the installed ``codespell`` package (the ``test`` extra);
nothing of it is copied into the project. Targets: right word first >= 90 %, <= 20 ms per word. Never asserts.

A second section takes the far-off entries (``--far-every``-th entries whose misspelling gets no candidate from
the quick search, or whose right word is 3+ edits away; at most ``--far-limit`` of them, evenly spread) and
compares the two searches for words no small edit reaches: Hunspell's full search and ours (the trigram index,
:mod:`writer_app.grammar.far_ranking`), each list ranked as the suggester ranks it (``--far-every 0``: skip).
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def codespell_pairs() -> list[tuple[str, tuple[str, ...]]]:
    """(misspelling, right words) from codespell's main dictionary, in file order."""
    import codespell_lib

    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        rights = tuple(r.strip() for r in right.split(",") if r.strip())
        if wrong and rights:
            pairs.append((wrong.strip(), rights))
    return pairs


def _reason(wrong: str, rights: tuple[str, ...], got: list[str]) -> str:
    """A short label for why the first suggestion was not a right word."""
    if not got:
        return "no suggestion"
    if any(r in got for r in rights):
        return "right word ranked lower"
    if len(wrong) > len(rights[0]) + 2 or len(wrong) < len(rights[0]) - 2:
        return "right word 3+ letters away (not generated)"
    return "right word not generated"


def main(argv: list[str] | None = None) -> int:
    """Measure and print right-word-first rate, time per word, the misses' reasons."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=60, help="take every Nth entry of the list (1 = all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", choices=("new", "new-quick", "hunspell", "hunspell-quick"), default="new")
    parser.add_argument("--misses", type=int, default=15, help="print this many missed words")
    parser.add_argument("--far-every", type=int, default=6, help="far-off section: take every Nth entry (0: skip)")
    parser.add_argument("--far-limit", type=int, default=200, help="far-off section: score at most this many")
    args = parser.parse_args(argv)
    try:
        all_pairs = codespell_pairs()
    except ImportError:
        print("codespell is not installed (pip install -e .[test])")
        return 1
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.spelling import SpellChecker

    rss = psutil.Process(os.getpid()).memory_info().rss
    speller = SpellChecker(CheckConfig(dialect="en-US"))
    judge = speller._primary  # Hunspell, the judge of what is a word
    skipped_wrong = skipped_right = 0
    pairs = []
    for wrong, rights in all_pairs[:: args.every]:
        if judge.spell(wrong):
            skipped_wrong += 1
        elif not any(judge.spell(r) for r in rights):
            skipped_right += 1
        else:
            pairs.append((wrong, tuple(r for r in rights if judge.spell(r))))
    print(f"codespell dictionary: {len(all_pairs)} entries, every {args.every}th taken: "
          f"{len(pairs) + skipped_wrong + skipped_right}")
    print(f"  skipped {skipped_wrong} whose misspelling Hunspell accepts, {skipped_right} whose right word(s) "
          f"Hunspell rejects; scored {len(pairs)}")

    if args.engine == "new":
        suggest = speller.suggest
    elif args.engine == "new-quick":
        def suggest(word: str) -> list[str]:
            return speller.suggest(word, thorough=False)
    elif args.engine == "hunspell":
        suggest = judge.suggest
    else:
        suggest = judge.quick_suggest
    started = time.perf_counter()
    suggest("recieve")  # first call loads the data
    print(f"  first suggestion (loads data): {time.perf_counter() - started:.3f} s")
    for run in range(args.runs):
        gc.collect()
        firsts = 0
        reasons: collections.Counter[str] = collections.Counter()
        missed = []
        started = time.perf_counter()
        each: list[float] = []
        for wrong, rights in pairs:
            begun = time.perf_counter()
            got = suggest(wrong)
            each.append(time.perf_counter() - begun)
            if got[:1] and got[0] in rights:
                firsts += 1
            else:
                reasons[_reason(wrong, rights, got)] += 1
                missed.append((wrong, rights, got[:3]))
        elapsed = time.perf_counter() - started
        each.sort()
        print(f"run {run + 1}: right word first {firsts / len(pairs):6.1%} ({firsts}/{len(pairs)}), "
              f"{1000 * elapsed / len(pairs):.2f} ms per word (median {1000 * statistics.median(each):.1f}, "
              f"95th percentile {1000 * each[int(0.95 * (len(each) - 1))]:.1f})   targets >= 90%, <= 20 ms")
    print(f"  load average {os.getloadavg()[0]:.1f}; memory added by the speller and its data: "
          f"{(psutil.Process(os.getpid()).memory_info().rss - rss) / 1e6:.0f} MB")
    print("  misses by reason:")
    for reason, count in reasons.most_common():
        print(f"    {reason:45s} {count}")
    for wrong, rights, got in missed[: args.misses]:
        print(f"    {wrong} -> {'/'.join(rights)}: got {got}")
    if args.far_every > 0:
        far_off_section(speller, all_pairs[:: args.far_every], args.far_limit, args.misses)
    return 0


def edit_distance(a: str, b: str) -> int:
    """The Damerau-Levenshtein distance (optimal string alignment) between ``a`` and ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def far_off_section(speller: object, taken: list[tuple[str, tuple[str, ...]]], limit: int, shown: int) -> None:
    """Hunspell's full search against ours on the entries the quick search cannot fix; prints the figures."""
    judge = speller._primary  # type: ignore[attr-defined]
    suggester = speller._ranked_suggester()  # type: ignore[attr-defined]
    started = time.perf_counter()
    far: list[tuple[str, tuple[str, ...], bool]] = []
    scored = 0
    for wrong, rights in taken:
        if judge.spell(wrong) or not any(judge.spell(r) for r in rights):
            continue
        rights = tuple(r for r in rights if judge.spell(r))
        scored += 1
        distant = min(edit_distance(wrong, r) for r in rights) >= 3
        none = not speller.suggest(wrong, thorough=False)  # type: ignore[attr-defined]
        if distant or none:
            far.append((wrong, rights, none))
    picked = far[:: max(1, -(-len(far) // limit))] if limit > 0 else []
    print(f"\n== far-off entries: of {scored} scored entries (every taken entry Hunspell can judge), {len(far)} have no "
          f"quick candidate or a right word 3+ edits away ({sum(1 for f in far if f[2])} no quick candidate); "
          f"{len(picked)} compared (selection {time.perf_counter() - started:.0f} s)")

    def ranked(wrong: str, words: list[str]) -> list[str]:
        found: dict[str, object] = {}
        for word in words:
            suggester._add(found, wrong.lower(), word, "", "")
        return [c.word for c in sorted(found.values(), key=lambda c: (-c.score, c.word))]  # type: ignore[attr-defined]

    suggester._far_off("qxzvw", "qxzvw")  # loads the index
    engines = {
        "Hunspell's full search": lambda wrong: judge.suggest(wrong),
        "ours (trigram index)": lambda wrong: suggester._far_off(wrong, wrong.lower()),
    }
    answers: dict[str, list[list[str]]] = {}
    for name, search in engines.items():
        gc.collect()
        firsts = threes = raw_firsts = empty = 0
        lists = answers[name] = []
        begun = time.perf_counter()
        for wrong, rights, _none in picked:
            raw = list(search(wrong))
            got = ranked(wrong, raw)
            lists.append(got)
            raw_firsts += bool(raw) and raw[0] in rights
            firsts += bool(got) and got[0] in rights
            threes += any(r in rights for r in got[:3])
            empty += not got
        elapsed = time.perf_counter() - begun
        n = max(len(picked), 1)
        print(f"  {name:24s} right word first {firsts / n:6.1%} ({firsts}), in the top 3 {threes / n:6.1%} ({threes}), "
              f"first as the search ranks it {raw_firsts / n:6.1%}, nothing {empty}; "
              f"{1000 * elapsed / n:.1f} ms per word (search and ranking)")
    hunspell, ours = answers.values()
    differ = [(p[0], p[1], h[:3], o[:3]) for p, h, o in zip(picked, hunspell, ours, strict=True) if h[:1] != o[:1]]
    print(f"  first suggestions that differ: {len(differ)}; the first {min(shown, len(differ))}:")
    for wrong, rights, h, o in differ[:shown]:
        print(f"    {wrong} -> {'/'.join(rights)}: Hunspell {h}, ours {o}")


if __name__ == "__main__":
    raise SystemExit(main())
