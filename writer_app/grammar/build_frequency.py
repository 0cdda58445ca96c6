"""Build the shipped word and word-pair frequencies (``resources/frequency/``) from SymSpell's English lists.

Run: ``python -m writer_app.grammar.build_frequency SOURCE [--out DIR]`` where SOURCE is a symspellpy wheel
(``pip download --no-deps symspellpy``), its unpacked folder, or a folder holding the two text files. The
output is the same bytes for the same input: words in descending count order (ties alphabetical), pairs
sorted by key, gzip without a timestamp.

``python -m writer_app.grammar.build_frequency --near-words`` (re)writes only ``near_words.tsv``, the
one-edit neighbours the context check scores, from the shipped word list and lexicon (see :func:`near_words`).
"""

from __future__ import annotations

import argparse
import array
import gzip
import io
import logging
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from writer_app.grammar.frequency import (
    BIGRAM_FILE,
    BIGRAM_MAGIC,
    BIGRAM_UNIT,
    DELETE_FILE,
    DELETE_MAGIC,
    ID_BITS,
    WORD_FILE,
    pair_key,
)
from writer_app.grammar.suggest import delete_keys

log = logging.getLogger(__name__)

UNIGRAM_NAME = "frequency_dictionary_en_82_765.txt"
NEAR_FILE = "near_words.tsv"
NEAR_LIMIT = 15_000  # one-edit neighbours are looked for among this many commonest words (memory: ~3,300 words kept)
# Tags whose lemmas tie two spellings into one word (walk/walked, life/lives); MD is left out: the lexicon
# reads "cold" as a slip for "could" there, which is exactly the confusion to keep.
_LEMMA_TAGS = ("NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "RBR", "RBS")
_SUFFIXES = ("s", "es", "d", "ed", "er", "ly", "y", "n")  # one word plus an ending: a form, not a slip
_VARIANT_LETTERS = ({"s", "z"}, {"c", "s"})  # realise/realize, licence/license: spellings, not slips

BIGRAM_NAME = "frequency_bigramdictionary_en_243_342.txt"


class SourceError(Exception):
    """The source does not hold SymSpell's two frequency lists."""


def read_source(source: Path) -> tuple[str, str]:
    """Return the unigram and bigram list texts from a wheel, an unpacked wheel or a folder."""
    if source.is_file() and source.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(source) as wheel:
            names = {Path(name).name: name for name in wheel.namelist()}
            try:
                return tuple(wheel.read(names[n]).decode("utf-8") for n in (UNIGRAM_NAME, BIGRAM_NAME))  # type: ignore[return-value]
            except KeyError as missing:
                raise SourceError(f"{source} has no {missing.args[0]}") from None
    if source.is_dir():
        found = {}
        for name in (UNIGRAM_NAME, BIGRAM_NAME):
            matches = sorted(source.rglob(name))
            if not matches:
                raise SourceError(f"{source} has no {name}")
            found[name] = matches[0].read_text(encoding="utf-8")
        return found[UNIGRAM_NAME], found[BIGRAM_NAME]
    raise SourceError(f"{source} is neither a symspellpy wheel nor a folder")


def parse_unigrams(text: str) -> Counter[str]:
    """Word -> count, lowercased and merged ("The" and "the" add up)."""
    counts: Counter[str] = Counter()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0].lower().replace("’", "'")] += int(parts[1])
    return counts


def parse_bigrams(text: str) -> Counter[tuple[str, str]]:
    """(left, right) -> count, lowercased and merged."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            counts[(parts[0].lower(), parts[1].lower())] += int(parts[2])
    return counts


def build(unigram_text: str, bigram_text: str, out: Path, min_count: int = 0) -> tuple[int, int]:
    """Write the word list and the pair table into ``out``; return how many words and pairs were kept."""
    unigrams = parse_unigrams(unigram_text)
    bigrams = parse_bigrams(bigram_text)
    # A word seen only in pairs still needs an id: give it the sum of its pair counts.
    for (left, right), count in bigrams.items():
        for word in (left, right):
            if word not in unigrams:
                unigrams[word] += count
    words = sorted((w for w, c in unigrams.items() if c >= min_count and w.isascii()), key=lambda w: (-unigrams[w], w))
    if len(words) >= 1 << ID_BITS:
        raise SourceError(f"{len(words)} words do not fit in {ID_BITS}-bit ids")
    ids = {word: index for index, word in enumerate(words)}
    out.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{word}\t{unigrams[word]}\n" for word in words)
    _write_gzip(out / WORD_FILE, lines.encode("utf-8"))

    pairs = sorted(
        (pair_key(ids[a], ids[b]), max(1, round(count / BIGRAM_UNIT)))
        for (a, b), count in bigrams.items()
        if a in ids and b in ids
    )
    keys = array.array("Q", (key for key, _ in pairs))
    counts = array.array("I", (min(count, 0xFFFFFFFF) for _, count in pairs))
    if sys.byteorder != "little":
        keys.byteswap()
        counts.byteswap()
    header = BIGRAM_MAGIC + len(pairs).to_bytes(8, "little")
    _write_gzip(out / BIGRAM_FILE, header + keys.tobytes() + counts.tobytes())

    deletes = delete_keys(words)
    if sys.byteorder != "little":
        deletes.byteswap()
    _write_gzip(out / DELETE_FILE, DELETE_MAGIC + len(deletes).to_bytes(8, "little") + deletes.tobytes())
    return len(words), len(pairs)


def one_edit(a: str, b: str) -> bool:
    """Whether one letter changed, added, dropped or two neighbours swapped turn ``a`` into ``b``."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _spelling_variants(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` look like one word's British and American spellings (or a form of one word)."""
    short, long_ = sorted((a, b), key=len)
    if long_ in {short + suffix for suffix in _SUFFIXES}:
        return True
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1 and {a[diffs[0]], b[diffs[0]]} in _VARIANT_LETTERS:
            return True
        if len(diffs) == 2 and {a[-2:], b[-2:]} == {"re", "er"}:
            return True
    return any(long_.replace(long_part, short_part) == short for long_part, short_part in (("our", "or"), ("ll", "l"), ("ae", "e"), ("oe", "e")))


def near_words(words: Sequence[str], lexicon: object, limit: int = NEAR_LIMIT) -> dict[str, tuple[str, ...]]:
    """Each common word's one-edit neighbours: the slips a writer makes between two real words (cold/could,
    save/safe, loose/lose, price/prize).

    Method (reproducible, no hand list): among the ``limit`` commonest words of the frequency list, take the
    lowercase ASCII words of two or more letters that the lexicon knows as something other than a proper noun;
    pair two of them when one edit (a letter changed, added or dropped, two neighbours swapped) turns one into
    the other; drop pairs that are forms of one lemma (walk/walks, life/lives), a word plus an ending
    (kind/kindly), a British/American spelling (colour/color, realise/realize), or two nouns of one number
    (lace/face, robe/role: a noun for a noun changes the meaning, not the grammar, and word-pair counts
    judge grammar far better than meaning). The context model then decides, sentence by sentence, whether
    the written word is the slip.
    """
    usable: dict[str, frozenset[str]] = {}
    nouns: dict[str, frozenset[str]] = {}
    for word in words[:limit]:
        if len(word) < 2 or not (word.isascii() and word.isalpha()):
            continue
        entries = lexicon.entries(word)  # type: ignore[attr-defined]
        if not any(tag not in ("NNP", "NNPS") for tag in entries):
            continue
        usable[word] = frozenset(entries[t].lower() for t in _LEMMA_TAGS if t in entries) | {word}
        nouns[word] = frozenset(t for t in ("NN", "NNS") if t in entries)
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in usable:
        groups[word].append(word)  # a word is its own zero-letter deletion: pairs it with one letter longer
        for i in range(len(word)):
            groups[word[:i] + "\0" + word[i + 1 :]].append(word)  # a letter changed at i
            groups[word[:i] + word[i + 1 :]].append(word)  # a letter dropped at i
    pairs: set[tuple[str, str]] = set()
    for members in groups.values():
        for index, a in enumerate(members):
            pairs.update((min(a, b), max(a, b)) for b in members[index + 1 :] if a != b)
    for word in usable:
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in usable and swapped != word:
                pairs.add((min(word, swapped), max(word, swapped)))
    partners: defaultdict[str, list[str]] = defaultdict(list)
    for a, b in sorted(pairs):
        if not one_edit(a, b) or usable[a] & usable[b] or nouns[a] & nouns[b] or _spelling_variants(a, b):
            continue
        partners[a].append(b)
        partners[b].append(a)
    return {word: tuple(sorted(found)) for word, found in sorted(partners.items())}


def write_near_words(out: Path, limit: int = NEAR_LIMIT) -> int:
    """Write ``near_words.tsv`` (``word<TAB>partner partner ...``) from the shipped words and lexicon."""
    from writer_app.grammar.frequency import load
    from writer_app.grammar.lexicon import shipped_lexicon

    table = near_words(load(out).words, shipped_lexicon(), limit)
    lines = "".join(f"{word}\t{' '.join(found)}\n" for word, found in table.items())
    header = "# one-edit neighbours among the commonest words; made by build_frequency.near_words, do not edit\n"
    (out / NEAR_FILE).write_text(header + lines, encoding="utf-8")
    return len(table)


def _write_gzip(path: Path, data: bytes) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(data)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the frequency files from SOURCE into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?", help="symspellpy wheel, unpacked wheel or folder with the lists")
    parser.add_argument("--near-words", action="store_true", help="only rewrite near_words.tsv from the shipped lists")
    default_out = Path(__file__).resolve().parents[2] / "resources" / "frequency"
    parser.add_argument("--out", type=Path, default=default_out, help="output folder (default: resources/frequency)")
    args = parser.parse_args(argv)
    if args.near_words or args.source is None:
        if not args.near_words:
            parser.error("give a SOURCE or --near-words")
        count = write_near_words(args.out)
        print(f"wrote the one-edit neighbours of {count} words to {args.out / NEAR_FILE}")
        return 0
    try:
        unigram_text, bigram_text = read_source(args.source)
    except (OSError, SourceError, zipfile.BadZipFile) as error:
        print(f"cannot read the frequency lists: {error}", file=sys.stderr)
        return 2
    words, pairs = build(unigram_text, bigram_text, args.out)
    count = write_near_words(args.out)
    print(f"wrote {words} words, {pairs} word pairs and the one-edit neighbours of {count} words to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
