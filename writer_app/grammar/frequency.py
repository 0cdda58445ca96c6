"""English word and word-pair frequencies (``resources/frequency/``), loaded once, on first use.

Words are lowercase; a pair count is how often ``left right`` occurs in the source (Google Books n-grams via
SymSpell, see ``resources/frequency/README.md``). Pairs rarer than the source's cut-off are absent: 0 means
"rarer than :attr:`FrequencyData.pair_floor`", not "never".
"""

from __future__ import annotations

import array
import gzip
import logging
import sys
import threading
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.grammar.packed import PackedIds, WordList

log = logging.getLogger(__name__)

WORD_FILE = "words.tsv.gz"
BIGRAM_FILE = "bigrams.bin.gz"
BIGRAM_MAGIC = b"WAFBIG01"
DELETE_FILE = "deletes.bin.gz"
DELETE_MAGIC = b"WAFDEL01"
BIGRAM_UNIT = 1000  # pair counts are stored in thousands (uint32)
ID_BITS = 20  # a pair key is left_id << ID_BITS | right_id


class FrequencyDataError(Exception):
    """The shipped frequency files are missing or damaged."""


def pair_key(left: int, right: int) -> int:
    """The 64-bit key of a word pair, from the two words' ids."""
    return left << ID_BITS | right


@dataclass(frozen=True, eq=False)
class FrequencyData:
    """Word counts by rank and a sorted table of word-pair counts; read-only, safe to share between threads.

    The 83,000 words are packed (:mod:`writer_app.grammar.packed`): 3 MB instead of 11 MB as a tuple and a dict.
    """

    words: Sequence[str]  # by descending count: the id of a word is its rank (a WordList)
    ids: PackedIds  # word -> id: ``ids.get(word)``, ``word in ids``
    counts: array.array  # counts[id]
    pair_keys: array.array  # sorted pair keys ("Q")
    pair_counts: array.array  # pair_counts[i] * BIGRAM_UNIT is the count of pair_keys[i] ("I")
    total: int
    pair_floor: int  # the smallest pair count the source kept
    folder: Path | None = None
    # The precompiled spelling delete index (see :mod:`frequency_cache`), read only when a suggestion is first
    # asked for: a check never needs its eight megabytes. None: read from the sources (or built) instead.
    deletes_file: Path | None = field(default=None, repr=False)

    def count(self, word: str) -> int:
        """How often ``word`` (lowercase) occurs; 0 when unknown."""
        index = self.ids.get(word)
        return 0 if index is None else self.counts[index]

    def probability(self, word: str) -> float:
        """The relative frequency of ``word`` (0.0 when unknown)."""
        return self.count(word) / self.total

    def pair(self, left: str, right: str) -> int:
        """How often ``left right`` occurs (lowercase words); 0 when the pair is rarer than the cut-off."""
        a = self.ids.get(left)
        b = self.ids.get(right)
        if a is None or b is None:
            return 0
        key = a << ID_BITS | b
        keys = self.pair_keys
        index = bisect_left(keys, key)
        if index < len(keys) and keys[index] == key:
            return self.pair_counts[index] * BIGRAM_UNIT
        return 0

    def followers(self, word: str) -> Followers:
        """The words listed after ``word`` in a pair (a view of the pair table: nothing is copied)."""
        index = self.ids.get(word)
        if index is None:
            return Followers(self, 0, 0, 0)
        keys = self.pair_keys
        low = bisect_left(keys, index << ID_BITS)
        return Followers(self, index, low, bisect_left(keys, (index + 1) << ID_BITS, low))


class Followers(AbstractSet[str]):
    """The words listed after one word in a pair, read from the pair table when asked (a set of them would
    hold a string a word: a few megabytes for the few hundred words the confusable check asks about)."""

    __slots__ = ("_data", "_high", "_left", "_low")

    def __init__(self, data: FrequencyData, left: int, low: int, high: int) -> None:
        """The right words of the pairs ``data.pair_keys[low:high]``, whose left word has id ``left``."""
        self._data = data
        self._left = left
        self._low = low
        self._high = high

    def __contains__(self, word: object) -> bool:
        index = self._data.ids.get(word) if isinstance(word, str) and self._high > self._low else None
        if index is None:
            return False
        key = self._left << ID_BITS | index
        keys = self._data.pair_keys
        at = bisect_left(keys, key, self._low, self._high)
        return at < self._high and keys[at] == key

    def __iter__(self) -> Iterator[str]:
        keys = self._data.pair_keys
        words = self._data.words
        mask = (1 << ID_BITS) - 1
        if isinstance(words, WordList):  # cut straight from its text: no method call a word
            text, starts = words.text, words.starts
            return (text[starts[n] : starts[n + 1] - 1] for n in (keys[i] & mask for i in range(self._low, self._high)))
        return (words[keys[i] & mask] for i in range(self._low, self._high))

    def __len__(self) -> int:
        return self._high - self._low


def load(folder: Path) -> FrequencyData:
    """Read the frequency files in ``folder``; raise :class:`FrequencyDataError` when they are unusable."""
    try:
        word_text = gzip.decompress((folder / WORD_FILE).read_bytes()).decode("utf-8")
        raw = gzip.decompress((folder / BIGRAM_FILE).read_bytes())
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as error:
        raise FrequencyDataError(f"cannot read the word frequencies in {folder}: {error}") from error
    words: list[str] = []
    counts = array.array("Q")
    for line in word_text.splitlines():
        word, _, count = line.partition("\t")
        words.append(word)
        counts.append(int(count))
    if not words or raw[:8] != BIGRAM_MAGIC:
        raise FrequencyDataError(f"the word frequencies in {folder} are damaged")
    size = int.from_bytes(raw[8:16], "little")
    keys = array.array("Q")
    pair_counts = array.array("I")
    body = 16 + size * keys.itemsize
    keys.frombytes(raw[16:body])
    pair_counts.frombytes(raw[body : body + size * pair_counts.itemsize])
    if len(keys) != size or len(pair_counts) != size:
        raise FrequencyDataError(f"the word-pair table in {folder} is truncated")
    if sys.byteorder != "little":
        keys.byteswap()
        pair_counts.byteswap()
    floor = min(pair_counts) * BIGRAM_UNIT if size else 0
    return FrequencyData(
        WordList.of(words), PackedIds.numbered(words), counts, keys, pair_counts, sum(counts), floor, folder
    )


def load_delete_keys(folder: Path) -> array.array:
    """Read the sorted spelling delete-index keys (see :mod:`writer_app.grammar.suggest`) from ``folder``."""
    try:
        raw = gzip.decompress((folder / DELETE_FILE).read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise FrequencyDataError(f"cannot read the spelling index in {folder}: {error}") from error
    size = int.from_bytes(raw[8:16], "little")
    keys = array.array("Q")
    keys.frombytes(raw[16 : 16 + size * keys.itemsize])
    if raw[:8] != DELETE_MAGIC or len(keys) != size:
        raise FrequencyDataError(f"the spelling index in {folder} is damaged")
    if sys.byteorder != "little":
        keys.byteswap()
    return keys


_LOCK = threading.Lock()
_LOADED: list[FrequencyData] = []


def frequency_data() -> FrequencyData:
    """The bundled frequencies, loaded on first call (raises :class:`FrequencyDataError` when missing).

    They come from the precompiled file when it is fresh (see :mod:`frequency_cache`), else from the sources.
    """
    with _LOCK:
        if not _LOADED:
            try:
                from writer_app.resources import resource_path

                folder = resource_path("frequency")
            except FileNotFoundError as error:
                raise FrequencyDataError("the bundled word frequencies are missing") from error
            from writer_app.grammar.frequency_cache import load_compiled

            compiled = load_compiled(folder)
            _LOADED.append(compiled if compiled is not None else load(folder))
            log.debug("loaded %d word frequencies", len(_LOADED[0].words))
        return _LOADED[0]
