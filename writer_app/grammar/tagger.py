"""Part-of-speech tagging: an averaged perceptron over word and context features, Penn Treebank tags."""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import logging
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from writer_app.grammar.heap import release_free_memory
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

MODEL_NAME = "tagger.gz"
# Weights are stored as integers: the averaged weight times this scale, rounded.
WEIGHT_SCALE = 100
# Weight rows kept parsed (~3 MB); a novel uses ~14,000 of the 40,000: when full, the older half is dropped.
MAX_PARSED_ROWS = 16_384
# A parsed row is one integer holding a weight for every tag in a lane of its bits (see ``_Rows``); a tag's
# score is its lane of the rows' sum. Lanes have room for the sum of this many rows (a prediction sums 29 at most).
MAX_SUMMED = 64
_ABSENT = -1  # the row number of a feature the model does not have: its parsed row is 0 (adds nothing)
# The summed weights of a word's own features (those that do not depend on its neighbours or the tags before it)
# for the last MAX_WORD_ROWS words tagged; a novel's words repeat, so most words cost one look-up for these.
MAX_WORD_ROWS = 4096
_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")
_SECTION = "\x1e"  # separates the model file's header, feature names and weight rows
_LONG = 40
VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})  # words longer than this are featured by their shape and ends only


class TaggerError(Exception):
    """The shipped tagger model is missing or unreadable."""


# Typographic marks read as the treebank's typed ones.
_CANONICAL = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "—": "--",
              "–": "--", "―": "--", "…": "..."}


def canonical(word: str) -> str:
    """Return the word with typographic quotes, apostrophes, dashes and ellipses made typed ones."""
    if len(word) == 1:
        return _CANONICAL.get(word, word)
    return word.replace("’", "'").replace("‘", "'") if "’" in word or "‘" in word else word


def normalise(word: str) -> str:
    """Return the form of a word that the features see (lower case, digits and long words folded)."""
    word = canonical(word)
    if word.isdigit():
        return "!YEAR" if len(word) == 4 else "!DIGITS"
    if word[:1].isdigit():
        return "!NUM"
    lower = word.lower().replace("’", "'")
    if len(lower) > _LONG:
        return "!LONG" + lower[-4:]
    return lower


def shape(word: str) -> str:
    """Return a short shape of a word: case pattern, hyphen, digit, apostrophe."""
    if not word:
        return "_"
    first = "X" if word[0].isupper() else ("d" if word[0].isdigit() else ("x" if word[0].isalpha() else "p"))
    rest = word[1:]
    if not rest:
        body = ""
    elif rest.isupper():
        body = "X"
    elif rest.islower():
        body = "x"
    else:
        body = "m"
    marks = ("-" if "-" in word else "") + ("d" if any(c.isdigit() for c in word) else "") + (
        "'" if "'" in word or "’" in word else ""
    )
    return first + body + marks


def features(
    index: int,
    words: Sequence[str],
    raw: Sequence[str],
    prev: str,
    prev2: str,
    lex: Sequence[str],
    last_verb: str = "-",
) -> list[str]:
    """Return the feature names of the word at ``index`` given the two tags before it.

    ``words`` are normalised and padded with two start and two end symbols; ``raw`` are the words as
    written, unpadded; ``lex`` holds each word's possible tags from the lexicon as one string ("" unknown);
    ``last_verb`` is the tag of the nearest verb or modal before the word in the sentence ("-" for none).
    """
    i = index + 2
    word = words[i]
    form = shape(raw[index])
    feats = [
        "b",
        "s3 " + word[-3:],
        "s2 " + word[-2:],
        "s1 " + word[-1:],
        "p1 " + word[:1],
        "p2 " + word[:2],
        "t " + prev,
        "tt " + prev + " " + prev2,
        "w " + word,
        "tw " + prev + " " + word,
        "w-1 " + words[i - 1],
        "s-1 " + words[i - 1][-3:],
        "w-2 " + words[i - 2],
        "w+1 " + words[i + 1],
        "s+1 " + words[i + 1][-3:],
        "w+2 " + words[i + 2],
        "sh " + form,
        "shi " + form + (" 0" if index == 0 else " n"),
        "l " + lex[index],
        "lt " + lex[index] + " " + prev,
        "l+1 " + (lex[index + 1] if index + 1 < len(lex) else "END"),
        "l-1 " + (lex[index - 1] if index else "START"),
        "tw+1 " + prev + " " + words[i + 1],
        "lv " + last_verb,
        "lvs " + last_verb + " " + word[-2:],
        "lvl " + last_verb + " " + lex[index],
        "lvtl " + last_verb + " " + prev + " " + lex[index],
    ]
    if len(word) > 4:
        feats.append("s4 " + word[-4:])
    if lex[index].endswith("@"):
        feats.append("name " + prev)  # a capitalised common first name, after this tag
    return feats


def candidate_tags(signature: str, written: str) -> frozenset[str]:
    """Return the tags a word with this lexicon signature may take: its own, and names' if capitalised."""
    tags = set(signature.rstrip("@").split("|")) - {""}
    if tags and written[:1].isupper():
        tags |= {"NNP", "NNPS"}
    return frozenset(tags)


class PerceptronTagger:
    """An averaged perceptron tagger: features of a word and its context vote for a Penn tag.

    The weights are packed: each feature names a row (``weights``: feature -> row number; equal rows are
    stored once), and row ``n`` is the tag indices ``_row_tags[_starts[n]:_starts[n + 1]]`` with their weights
    at the same places of ``_row_weights``. When first used in tagging, a row is parsed into one integer
    with every tag's weight in its own lane of bits (see :class:`_Rows`), so that the scores of all tags for a
    word are one sum of integers.
    """

    def __init__(
        self, tags: Sequence[str], weights: Mapping[str, Sequence[int] | str], tagdict: dict[str, str]
    ) -> None:
        """``weights``: feature -> [tag index, weight, tag index, weight, ...] (or the same as text)."""
        unique: dict[tuple[int, ...], int] = {}
        ids = array("I")
        starts = array("I", [0])
        row_tags = array("B")  # a tag index in a byte: the treebank has 49 tags
        row_weights: list[int] = []
        names = sorted(weights)
        for name in names:
            stored = weights[name]
            flat = tuple(map(int, stored.split())) if isinstance(stored, str) else tuple(stored)
            number = unique.get(flat)
            if number is None:
                number = unique[flat] = len(unique)
                row_tags.extend(flat[::2])
                row_weights.extend(flat[1::2])
                starts.append(len(row_tags))
            ids.append(number)
        packed = array("h" if all(-32768 <= weight < 32768 for weight in row_weights) else "i", row_weights)
        self._setup(tags, names, ids, starts, row_tags, packed, tagdict)

    def _setup(
        self,
        tags: Sequence[str],
        names: Sequence[str],
        ids: array,
        starts: array,
        row_tags: array,
        row_weights: array,
        tagdict: dict[str, str],
    ) -> None:
        self.tags = tuple(tags)
        numbers = list(range(len(starts) - 1))  # one int object per row number, shared by its features
        self.weights: dict[str, int] = dict(zip(names, map(numbers.__getitem__, ids), strict=True))
        self._starts = starts
        self._row_tags = row_tags
        self._row_weights = row_weights
        self.tagdict = tagdict  # frequent, unambiguous words -> their one tag
        self.constrain = True  # a known word gets one of the tags the lexicon gives it
        self._rows = _Rows(self)  # row number -> parsed row, at most MAX_PARSED_ROWS
        self._index = {tag: i for i, tag in enumerate(self.tags)}
        self._allowed: dict[tuple[str, bool], tuple[int, ...] | None] = {}
        # (word as written, lexicon signature, first in sentence) -> summed weights of its own features
        self._word_rows: dict[tuple[str, str, bool], int] = {}
        self.word_row_hits = 0  # look-ups of _word_rows that found the word (for benchmarks)
        self.word_row_misses = 0

    def row(self, feat: str) -> dict[int, int] | None:
        """Return a feature's weights as tag index -> weight (None for a feature the model does not have)."""
        number = self.weights.get(feat)
        if number is None:
            return None
        first, last = self._starts[number], self._starts[number + 1]
        return dict(zip(self._row_tags[first:last], self._row_weights[first:last], strict=True))

    def predict(self, feats: Iterable[str], allowed: Sequence[int] | None = None) -> str:
        """Return the best-scoring tag for a bag of features, among the ``allowed`` tag indices if given."""
        rows = [row for row in map(self.row, feats) if row is not None]
        if allowed:
            scores = dict.fromkeys(allowed, 0)
            for row in rows:
                for tag in allowed:
                    weight = row.get(tag)
                    if weight:
                        scores[tag] += weight
            return self.tags[max(scores, key=scores.__getitem__)]
        totals = [0] * len(self.tags)
        for row in rows:
            for tag, weight in row.items():
                totals[tag] += weight
        return self.tags[max(range(len(totals)), key=totals.__getitem__)]

    def _own_row(self, written: str, word: str, signature: str, first: bool) -> int:
        """Return the summed weights, per tag index, of a word's own features: the ones :func:`features` makes
        from the word (``written``, and ``word`` its normalised form), its shape, its lexicon signature and
        whether it starts the sentence (bias, affixes, ...). Kept per written form: its shape and normal form
        follow from it."""
        key = (written, signature, first)
        row = self._word_rows.get(key)
        if row is not None:
            self.word_row_hits += 1
            return row
        self.word_row_misses += 1
        form = shape(written)
        feats = [
            "b", "s3 " + word[-3:], "s2 " + word[-2:], "s1 " + word[-1:], "p1 " + word[:1], "p2 " + word[:2],
            "w " + word, "sh " + form, "shi " + form + (" 0" if first else " n"), "l " + signature,
        ]  # fmt: skip
        if len(word) > 4:
            feats.append("s4 " + word[-4:])
        row = sum(map(self._rows.__getitem__, map(self.weights.get, feats, _ABSENTS)))
        if len(self._word_rows) >= MAX_WORD_ROWS:
            self._word_rows = {}
        self._word_rows[key] = row
        return row

    def _predict_at(
        self,
        index: int,
        normal: Sequence[str],
        words: Sequence[str],
        prev: str,
        prev2: str,
        lex: Sequence[str],
        last_verb: str,
        allowed: Sequence[int] | None,
    ) -> str:
        """Return the tag :meth:`predict` gives ``features(index, ...)``: the word's own features' weights are
        summed once per word (see :meth:`_own_row`), the rest are added here."""
        i = index + 2
        word = normal[i]
        signature = lex[index]
        before = normal[i - 1]
        after = normal[i + 1]
        feats = [
            "t " + prev,
            "tt " + prev + " " + prev2,
            "tw " + prev + " " + word,
            "w-1 " + before,
            "s-1 " + before[-3:],
            "w-2 " + normal[i - 2],
            "w+1 " + after,
            "s+1 " + after[-3:],
            "w+2 " + normal[i + 2],
            "lt " + signature + " " + prev,
            "l+1 " + (lex[index + 1] if index + 1 < len(lex) else "END"),
            "l-1 " + (lex[index - 1] if index else "START"),
            "tw+1 " + prev + " " + after,
            "lv " + last_verb,
            "lvs " + last_verb + " " + word[-2:],
            "lvl " + last_verb + " " + signature,
            "lvtl " + last_verb + " " + prev + " " + signature,
        ]
        if signature.endswith("@"):
            feats.append("name " + prev)
        own = self._own_row(words[index], word, signature, index == 0)
        rows = self._rows
        total = sum(map(rows.__getitem__, map(self.weights.get, feats, _ABSENTS)), own)
        # every lane holds its tag's score plus the same offset (the number of rows summed times the bias), so
        # the lanes compare as the scores do; the first of equal scores wins, as in predict
        shifts, mask = rows.shifts, rows.mask
        if allowed:
            scores = [total >> shifts[tag] & mask for tag in allowed]
            return self.tags[allowed[scores.index(max(scores))]]
        scores = [total >> shift & mask for shift in shifts]
        return self.tags[scores.index(max(scores))]

    def allowed(self, signature: str, written: str) -> tuple[int, ...] | None:
        """Return the tag indices a known word may take (its lexicon tags; names too if capitalised)."""
        key = (signature, written[:1].isupper())
        if key not in self._allowed:
            tags = candidate_tags(signature, written)
            self._allowed[key] = tuple(sorted(self._index[tag] for tag in tags if tag in self._index)) or None
        return self._allowed[key]

    def tag(self, words: Sequence[str], lex: Sequence[str] | None = None) -> list[str]:
        """Return one Penn tag per word of a sentence."""
        lex = lex if lex is not None else [""] * len(words)
        normal = [*_START, *(normalise(word) for word in words), *_END]
        prev, prev2 = _START
        last_verb = "-"
        tags: list[str] = []
        for index in range(len(words)):
            allowed = self.allowed(lex[index], words[index]) if self.constrain else None
            if allowed is not None and len(allowed) == 1:
                tag = self.tags[allowed[0]]  # the lexicon leaves one choice
            else:
                tag = self.tagdict.get(normal[index + 2]) if lex[index].count("|") == 0 else None
            if tag is None:
                tag = self._predict_at(index, normal, words, prev, prev2, lex, last_verb, allowed)
            tags.append(tag)
            prev2, prev = prev, tag
            if tag in VERB_TAGS:
                last_verb = tag
        return tags

    def save(self, path: Path) -> None:
        """Write the model compactly and deterministically (format 2): a JSON header line, the feature names,
        then the packed rows as little-endian arrays (see the class docstring)."""
        names = "\n".join(self.weights).encode("utf-8")  # in sorted order: the constructor sorted them
        numbers = array("I", self.weights.values())
        arrays = (numbers, self._starts, self._row_tags, self._row_weights)
        header = {
            "format": 2, "tags": list(self.tags), "tagdict": self.tagdict, "names": len(names),
            "sizes": [len(part) for part in arrays], "types": [part.typecode for part in arrays],
        }  # fmt: skip
        body = [json.dumps(header, sort_keys=True).encode("utf-8"), b"\n", names]
        for part in arrays:
            if sys.byteorder == "big":
                part = array(part.typecode, part)
                part.byteswap()
            body.append(part.tobytes())
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
            out.write(b"".join(body))

    @classmethod
    def load(cls, path: Path) -> PerceptronTagger:
        """Read a model written by :meth:`save` (format 2; a format 1 file, rows as text, is read too)."""
        try:
            data = gzip.decompress(path.read_bytes())
            if data.startswith(b'{"format": 2'):
                return cls._load_packed(data)
            header, names, rows = data.decode("utf-8").split(_SECTION)
            names_list = names.split("\n")
            rows_list = rows.split("\n")
            if len(names_list) != len(rows_list):
                raise ValueError("features and weights do not match")
            meta = json.loads(header)
            return cls(meta["tags"], dict(zip(names_list, rows_list, strict=True)), meta["tagdict"])
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, TypeError) as error:
            raise TaggerError(f"The part-of-speech model {path.name} cannot be read ({error}).") from error

    @classmethod
    def _load_packed(cls, data: bytes) -> PerceptronTagger:
        line = data.index(b"\n")
        meta = json.loads(data[:line])
        at = line + 1
        names = data[at : at + meta["names"]].decode("utf-8").split("\n")
        at += meta["names"]
        parts = []
        for size, typecode in zip(meta["sizes"], meta["types"], strict=True):
            part = array(typecode)
            end = at + size * part.itemsize
            part.frombytes(data[at:end])
            if sys.byteorder == "big":
                part.byteswap()
            parts.append(part)
            at = end
        if at != len(data) or len(parts) != 4 or len(parts[0]) != len(names):
            raise ValueError("features and weights do not match")
        ids, starts, row_tags, row_weights = parts
        if max(ids, default=0) >= len(starts) - 1 or not starts[-1] == len(row_tags) == len(row_weights):
            raise ValueError("rows out of range")
        tagger = cls.__new__(cls)
        tagger._setup(meta["tags"], names, ids, starts, row_tags, row_weights, meta["tagdict"])
        return tagger


_ABSENTS = itertools.repeat(_ABSENT)  # the default of each feature's row number look-up (never exhausted)


class _Rows(dict[int, int]):
    """A tagger's weight rows parsed for scoring: row number -> one integer, tag ``t``'s weight plus ``bias`` in
    the lane of bits at ``shifts[t]``. Summing rows sums every lane at once, and the lanes are wide enough that
    no sum of MAX_SUMMED rows carries from one lane into the next. A row is parsed when first asked for; at
    most MAX_PARSED_ROWS are kept (then the older half is dropped: parsing a row again takes a microsecond)."""

    def __init__(self, tagger: PerceptronTagger) -> None:
        super().__init__()
        self._tagger = tagger
        bits = 8 * tagger._row_weights.itemsize  # a weight fits in this many bits, signed
        self.bias = 1 << (bits - 1)  # makes every weight a lane value >= 0 (and < 2 ** bits)
        width = bits + (MAX_SUMMED - 1).bit_length()
        self.mask = (1 << width) - 1
        self.shifts = tuple(width * tag for tag in range(len(tagger.tags)))
        self._base = sum(self.bias << shift for shift in self.shifts)  # the row of no weights
        self[_ABSENT] = 0

    def __missing__(self, number: int) -> int:
        if number == _ABSENT:
            return 0
        tagger = self._tagger
        row_tags, row_weights, shifts = tagger._row_tags, tagger._row_weights, self.shifts
        row = self._base
        for at in range(tagger._starts[number], tagger._starts[number + 1]):  # (a row has 4 or 5 weights)
            row += row_weights[at] << shifts[row_tags[at]]
        if len(self) >= MAX_PARSED_ROWS:  # memory stays bounded
            for old in list(itertools.islice(self, len(self) // 2)):
                self.pop(old, None)  # (another thread may have dropped it)
            self[_ABSENT] = 0
        self[number] = row
        return row


@functools.cache
def shipped_tagger() -> PerceptronTagger:
    """Return the tagger shipped in resources/grammar, loaded once on first use."""
    tagger = PerceptronTagger.load(resource_path("grammar", MODEL_NAME))
    release_free_memory()  # what reading the model made and dropped
    return tagger
