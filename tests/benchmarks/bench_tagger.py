"""Benchmark of the linguistic layer: load time, memory, tagging speed (cold and warm cache), accuracy.

Run: ``/work/main/.venv/bin/python tests/benchmarks/bench_tagger.py [--ewt DIR] [--novel FILE]``. Prints figures
(three runs for each timing); never asserts times. Tagging speeds are CPU time of this process, so a machine
busy with other work does not skew them; load times are wall-clock.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parents[1] / "shared" if (ROOT.parents[1] / "shared").is_dir() else ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

FICTION = ROOT / "tests" / "grammar" / "data" / "fiction_tagged.tsv"
RUNS = 3


def _rss() -> int:
    gc.collect()
    return psutil.Process(os.getpid()).memory_info().rss


def _paragraphs(novel: Path, limit: int) -> list[str]:
    """Return the first ``limit`` non-empty paragraphs of a novel."""
    text = novel.read_text(encoding="utf-8")
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    return [p for p in paragraphs if len(p) > 40][:limit]


def fiction_accuracy() -> tuple[float, int, list[str]]:
    """Return the tagger's accuracy on the hand-tagged fiction sentences, their token count and the misses."""
    from writer_app.grammar.analysis import analyse

    right = total = 0
    misses: list[str] = []
    for line in FICTION.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, tagged = line.split("\t")
        parts = tagged.split(" ")
        gold = list(zip(parts[::2], parts[1::2], strict=True))
        words = [word for sentence in analyse(text) for word in sentence.words]
        if [w.text for w in words] != [g for g, _ in gold]:
            misses.append(f"TOKENS {text!r}: {[w.text for w in words]}")
            total += len(gold)
            continue
        for word, (_text, tag) in zip(words, gold, strict=True):
            total += 1
            if word.tag == tag:
                right += 1
            else:
                misses.append(f"{word.text}/{word.tag} (want {tag}) in {text!r}")
    return right / max(1, total), total, misses


def main() -> int:
    """Run every measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ewt", type=Path, default=SHARED / "data" / "ud-english-ewt")
    parser.add_argument("--novel", type=Path, default=SHARED / "corpus" / "pride-and-prejudice.txt")
    parser.add_argument("--paragraphs", type=int, default=600)
    args = parser.parse_args()

    before = _rss()
    started = time.perf_counter()
    from writer_app.grammar import analysis
    from writer_app.grammar.lexicon import shipped_lexicon
    from writer_app.grammar.tagger import shipped_tagger

    imported = time.perf_counter()
    tagger = shipped_tagger()
    model_loaded = time.perf_counter()
    lexicon = shipped_lexicon()
    lexicon_loaded = time.perf_counter()
    print(f"import of the analysis modules: {imported - started:.3f} s")
    print(f"load of the tagger model: {model_loaded - imported:.3f} s ({len(tagger.weights):,} features)")
    print(f"load of the lexicon: {lexicon_loaded - model_loaded:.3f} s")
    print(f"RSS of the loaded model + lexicon: {(_rss() - before) / 2**20:.1f} MB")
    for run in range(RUNS - 1):
        shipped_tagger.cache_clear()
        shipped_lexicon.cache_clear()
        t0 = time.perf_counter()
        shipped_tagger()
        t1 = time.perf_counter()
        shipped_lexicon()
        t2 = time.perf_counter()
        print(f"  reload run {run + 2}: model {t1 - t0:.3f} s, lexicon {t2 - t1:.3f} s")

    if args.novel.is_file():
        paragraphs = _paragraphs(args.novel, args.paragraphs)
        spans = [(p, s, e) for p in paragraphs for s, e in analysis.sentence_spans(p)]
        for run in range(RUNS):
            analysis.cache_clear()
            t0 = time.process_time()
            tokens = sum(len(analysis.analyse_span(p, s, e).words) for p, s, e in spans)
            cold = time.process_time() - t0
            recent = spans[-analysis.CACHE_SIZE :]  # what the sentence cache still holds
            t0 = time.process_time()
            warm_tokens = sum(len(analysis.analyse_span(p, s, e).words) for p, s, e in recent)
            warm = time.process_time() - t0
            print(
                f"run {run + 1}: {len(spans)} sentences, {tokens} tokens of {args.novel.name}: cold "
                f"{tokens / cold:,.0f} tokens/s, {len(spans) / cold:,.0f} sentences/s; warm (last {len(recent)} "
                f"sentences again) {warm_tokens / warm:,.0f} tokens/s, {len(recent) / warm:,.0f} sentences/s"
            )
        print(f"RSS after tagging them (weights parsed so far + sentence cache): {(_rss() - before) / 2**20:.1f} MB")
        t0 = time.perf_counter()
        for p in paragraphs:
            analysis.sentence_spans.__wrapped__(p)
        print(f"sentence_spans alone: {len(paragraphs) / (time.perf_counter() - t0):,.0f} paragraphs/s")
    else:
        print(f"no novel at {args.novel}: speed not measured")

    if (args.ewt / "en_ewt-ud-test.conllu").is_file():
        from writer_app.grammar.train_tagger import accuracy, load_split

        for split in ("dev", "test"):
            print(f"accuracy on EWT {split}: {100 * accuracy(tagger, load_split(args.ewt, split), lexicon):.2f}%")
    else:
        print(f"no EWT at {args.ewt}: treebank accuracy not measured")
    score, total, misses = fiction_accuracy()
    print(f"accuracy on the fiction set: {100 * score:.2f}% of {total} tokens")
    for miss in misses:
        print("  miss:", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
