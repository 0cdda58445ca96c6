"""Build the shipped word and word-pair frequencies (``resources/frequency/``) from SymSpell's English lists.

Run: ``python -m writer_app.grammar.build_frequency SOURCE [--out DIR]`` where SOURCE is a symspellpy wheel
(``pip download --no-deps symspellpy``), its unpacked folder, or a folder holding the two text files. The
output is the same bytes for the same input: words in descending count order (ties alphabetical), pairs
sorted by key, gzip without a timestamp.
"""

from __future__ import annotations

import argparse
import array
import gzip
import io
import logging
import sys
import zipfile
from collections import Counter
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


def _write_gzip(path: Path, data: bytes) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(data)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the frequency files from SOURCE into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="symspellpy wheel, unpacked wheel or folder with the lists")
    default_out = Path(__file__).resolve().parents[2] / "resources" / "frequency"
    parser.add_argument("--out", type=Path, default=default_out, help="output folder (default: resources/frequency)")
    args = parser.parse_args(argv)
    try:
        unigram_text, bigram_text = read_source(args.source)
    except (OSError, SourceError, zipfile.BadZipFile) as error:
        print(f"cannot read the frequency lists: {error}", file=sys.stderr)
        return 2
    words, pairs = build(unigram_text, bigram_text, args.out)
    print(f"wrote {words} words and {pairs} word pairs to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
