"""Compact read-only containers for large word tables: a few thousand strings instead of an object a word.

A dict of 80,000 short words holds 80,000 string objects (about 60 bytes each), its hash table and, for int
values, 80,000 int objects: about 10 MB. The same words packed in hash buckets of a few hundred characters
(:class:`PackedTable`, :class:`PackedIds`) or in one string with their offsets (:class:`WordList`) take a
fifth of that, for a few tenths of a microsecond more per look-up. Their buckets use CRC-32, the same in every
process and on every machine, so they can be saved precompiled and pickled.
"""

from __future__ import annotations

import itertools
import operator
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

_UNIT = "\x1f"  # separates a key from its value in a bucket
_UNSEEN = object()


def _slot(key: str) -> int:
    """A key's bucket hash: the same in every process and on every machine (the buckets are stored)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


class PackedTable:
    """A read-only ``str -> str`` table kept in a few thousand strings instead of two objects an entry.

    The entries ``key<US>value`` whose keys hash (:func:`_slot`) to one bucket are one string, each entry
    between newlines; a look-up finds ``"\n" + key + US`` in its key's bucket (a few hundred characters). A dict of
    the lexicon's 84,000 words and lemmas takes about 10 MB; this, about 2 MB, for a few tenths of a
    microsecond more per look-up. Keys hold no newline or US; values no newline.
    """

    __slots__ = ("_buckets", "_mask", "_recent")
    PER_BUCKET = 16  # entries per bucket at most on average (8 to 16: the bucket count is a power of two)
    RECENT = 4096  # the last look-ups remembered (a text's words repeat: most look-ups are one dict hit)

    def __init__(self, buckets: Sequence[str]) -> None:
        """A table of packed ``buckets`` (as :attr:`buckets` gives them; their number a power of two)."""
        if not buckets or len(buckets) & (len(buckets) - 1):
            raise ValueError("the number of buckets is not a power of two")
        self._buckets = tuple(buckets)
        self._mask = len(buckets) - 1
        self._recent: dict[str, str | None] = {}

    @classmethod
    def pack(cls, keys: Sequence[str], values: Sequence[str]) -> PackedTable:
        """The table of ``keys[i] -> values[i]`` (a key listed twice: its last value, as in a dict)."""
        if len(keys) != len(values):
            raise ValueError("keys and values do not match")
        joined_keys = "".join(keys)
        if _UNIT in joined_keys or "\n" in joined_keys or "\n" in "".join(values):
            raise ValueError("a table entry holds a separator")
        del joined_keys
        size = 1
        while size * cls.PER_BUCKET < len(keys):
            size *= 2
        mask = size - 1
        parts: list[list[str]] = [[] for _ in range(size)]
        entries = map(operator.add, keys, map(operator.add, itertools.repeat(_UNIT), values))
        slots = map(mask.__and__, map(_slot, keys))
        for slot, entry in reversed(list(zip(slots, entries, strict=True))):  # the last equal key is found first
            parts[slot].append(entry)
        return cls(["\n" + "\n".join(part) + "\n" for part in parts])

    @classmethod
    def of(cls, table: Mapping[str, str]) -> PackedTable:
        """The packed copy of ``table``."""
        return cls.pack(list(table), list(table.values()))

    @property
    def buckets(self) -> tuple[str, ...]:
        """The packed buckets (what :class:`PackedTable` is made from again)."""
        return self._buckets

    def _stored(self, key: str) -> str | None:
        """The stored value of ``key`` (None when it has none), read from its bucket."""
        bucket = self._buckets[zlib.crc32(key.encode("utf-8", "surrogatepass")) & self._mask]
        at = bucket.find(f"\n{key}{_UNIT}")
        if at < 0 or _UNIT in key:
            return None
        start = at + len(key) + 2
        return bucket[start : bucket.index("\n", start)]

    def _find(self, key: str) -> str | None:
        """The stored value of ``key`` (None when it has none), remembered for the next look-up."""
        recent = self._recent
        found = recent.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._stored(key)
            if len(recent) >= self.RECENT:
                recent = self._forget_older_half()
            recent[key] = found
        return found  # type: ignore[return-value]

    def _forget_older_half(self) -> dict[str, str | None]:
        """Keep the newer half of the remembered look-ups (a dict keeps insertion order); return the new memory."""
        recent = self._recent
        self._recent = recent = dict(itertools.islice(recent.items(), len(recent) // 2, None))
        return recent

    def get(self, key: str, default: str = "") -> str:
        """The value of ``key``, or ``default`` when it has none."""
        found = self._recent.get(key, _UNSEEN)  # the common case, without a second call
        if found is _UNSEEN:
            found = self._find(key)
        return default if found is None else found  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def present(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` the table has, in their order (for many keys looked up once: none is remembered)."""
        buckets, mask, crc = self._buckets, self._mask, zlib.crc32
        return [
            key for key in keys
            if f"\n{key}{_UNIT}" in buckets[crc(key.encode("utf-8", "surrogatepass")) & mask] and _UNIT not in key
        ]

    def items(self) -> dict[str, str]:
        """Every ``key: value``, as a dict."""
        table: dict[str, str] = {}
        for bucket in self._buckets:
            for entry in bucket[1:-1].split("\n") if len(bucket) > 2 else ():
                key, _, value = entry.partition(_UNIT)
                table.setdefault(key, value)  # the first of equal keys is the one found
        return table


class PackedIds(PackedTable):
    """A packed ``str -> int`` table (each value stored as its decimal digits)."""

    __slots__ = ()

    @classmethod
    def numbered(cls, words: Sequence[str]) -> PackedIds:
        """The table of ``words[i] -> i`` (a word listed twice: its last index, as in a dict)."""
        table = cls.pack(words, list(map(str, range(len(words)))))
        return cls(table.buckets)

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """The number of ``key``, or ``default`` when it has none."""
        recent = self._recent  # here it remembers numbers
        found = recent.get(key, _UNSEEN)
        if found is _UNSEEN:
            value = self._stored(key)
            found = None if value is None else int(value)
            if len(recent) >= self.RECENT:
                recent = self._forget_older_half()
            recent[key] = found  # type: ignore[assignment]
        return default if found is None else found  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def numbers(self) -> dict[str, int]:
        """Every ``key: number``, as a dict."""
        return {key: int(value) for key, value in self.items().items()}


class WordList(Sequence[str]):
    """A read-only list of words kept as one string and the offsets where each starts."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str, starts: array) -> None:
        """The words ``text[starts[i]:starts[i + 1] - 1]``: ``text`` is the words joined by newlines and
        ``starts`` has one more offset than words, ``len(text) + 1``."""
        if not starts or starts[-1] != len(text) + 1:
            raise ValueError("the word offsets do not match the text")
        self._text = text
        self._starts = starts

    @classmethod
    def of(cls, words: Sequence[str]) -> WordList:
        """The packed copy of ``words`` (none may hold a newline)."""
        text = "\n".join(words)
        if text.count("\n") != max(len(words) - 1, 0):
            raise ValueError("a word holds a newline")
        starts = array("I", [0])
        starts.extend(itertools.accumulate(len(word) + 1 for word in words))
        if not words:
            starts = array("I", [1])
        return cls(text, starts)

    @property
    def text(self) -> str:
        """The words joined by newlines."""
        return self._text

    @property
    def starts(self) -> array:
        """Where each word starts in :attr:`text`, and ``len(text) + 1`` last."""
        return self._starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        starts = self._starts
        if index.__class__ is int and 0 <= index < len(starts) - 1:  # type: ignore[operator]
            return self._text[starts[index] : starts[index + 1] - 1]  # type: ignore[index]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if -len(self) <= index < 0:
            return self[index + len(self)]
        raise IndexError("word index out of range")

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.split("\n") if len(self) else ())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordList):
            return self._text == other._text and len(self) == len(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
