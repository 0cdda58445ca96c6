"""Benchmark of analysing one sentence (tokens, tags, lemmas, chunks): the stage the token-pattern rules pay for.

Run: ``python tests/benchmarks/bench_analysis.py [--record FILE] [--dump FILE]``. It checks the three novels
in-process (no fork) with the en-US checker while recording every sentence the pattern pass asks to analyse,
then analyses those sentences again from a cold cache, timed, and prints sentences per second and the CPU time
of each stage. ``--dump`` writes every analysis (tags, lemmas, chunks, clauses) so two versions can be diffed.
Prints figures; never asserts times.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

NOVELS = ("war-and-peace.txt", "pride-and-prejudice.txt", "tom-sawyer.txt")


def record() -> list[tuple[str, str, int, int]]:
    """Check the novels in-process and return, in order, every sentence the pattern pass read: ("s", paragraph,
    start, end) for an untagged surface reading, ("a", ...) for a full analysis."""
    from writer_app.grammar import analysis
    from writer_app.grammar.engine import CheckConfig
    from writer_app.grammar.factory import build_checker, check_text

    seen: list[tuple[str, str, int, int]] = []
    original = analysis.analyse_span
    original_surface = analysis.surface_span

    def spy(paragraph: str, start: int, end: int):  # type: ignore[no-untyped-def]
        seen.append(("a", paragraph, start, end))
        return original(paragraph, start, end)

    def spy_surface(paragraph: str, start: int, end: int):  # type: ignore[no-untyped-def]
        seen.append(("s", paragraph, start, end))
        return original_surface(paragraph, start, end)

    analysis.analyse_span = spy  # type: ignore[assignment]
    analysis.surface_span = spy_surface  # type: ignore[assignment]
    try:
        checker = build_checker(CheckConfig(dialect="en-US"))
        for name in NOVELS:
            path = CORPUS / name
            if path.is_file():
                check_text(checker, path.read_text(encoding="utf-8"))
    finally:
        analysis.analyse_span = original  # type: ignore[assignment]
        analysis.surface_span = original_surface  # type: ignore[assignment]
    return seen


def describe(sentence) -> str:  # type: ignore[no-untyped-def]
    """One line per analysed sentence: every word's text, offsets, tag, lemma, possible tags, chunk, agreement."""
    words = " ".join(
        f"{w.text}|{w.start}|{w.end}|{w.token.kind}|{int(w.token.space_before)}{int(w.token.in_dialogue)}|{w.tag}|"
        f"{w.lemma}|{','.join(sorted(w.tags))}|{w.chunk}|{w.number}|{w.person}"
        for w in sentence.words
    )
    return f"{sentence.start}-{sentence.end} {sentence.clauses} {words}"


def main() -> int:
    """Record (or load) the analysed sentences, time analysing them cold, optionally dump the analyses."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--record", type=Path, help="pickle of recorded spans: loaded if it exists, else written")
    parser.add_argument("--dump", type=Path, help="write every analysis here, one line per sentence")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the timed run")
    args = parser.parse_args()
    if args.record is not None and args.record.is_file():
        spans = pickle.loads(args.record.read_bytes())
    else:
        start = time.perf_counter()
        spans = record()
        print(f"recorded {len(spans)} analysed sentences in {time.perf_counter() - start:.1f} s")
        if args.record is not None:
            args.record.write_bytes(pickle.dumps(spans))
    from writer_app.grammar import analysis
    from writer_app.grammar.lexicon import shipped_lexicon
    from writer_app.grammar.tagger import shipped_tagger

    shipped_tagger(), shipped_lexicon()
    analysis.analyse_span("Warm the tagger up.", 0, 19)
    analysis.cache_clear()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    readers = {"a": analysis.analyse_span, "s": analysis.surface_span}
    cpu = time.process_time()
    wall = time.perf_counter()
    for kind, p, s, e in spans:
        readers[kind](p, s, e)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    analysed = sum(kind == "a" for kind, *_ in spans)
    print(f"read {len(spans) - analysed} sentences' surface and analysed {analysed} in the order the check did, from a "
          f"cold cache: {cpu:.2f} s CPU, {wall:.2f} s wall")
    for kind, label in (("s", "surface readings only"), ("a", "analyses only")):
        analysis.cache_clear()
        cpu = time.process_time()
        for each, p, s, e in spans:
            if each == kind:
                readers[kind](p, s, e)
        print(f"  {label}, cold cache: {time.process_time() - cpu:.2f} s CPU")
    if args.dump is not None:
        analysis.cache_clear()
        with args.dump.open("w", encoding="utf-8") as out:
            for kind, p, s, e in spans:
                if kind == "a":
                    out.write(describe(analysis.analyse_span(p, s, e)) + "\n")
                else:
                    out.write(" ".join(f"{w.text}|{w.start}|{w.token.kind}|{','.join(sorted(w.tags))}"
                                       for w in analysis.surface_span(p, s, e)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
