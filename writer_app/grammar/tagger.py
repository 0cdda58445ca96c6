"""Part-of-speech tagging: an averaged perceptron over word and context features, Penn Treebank tags."""

from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from writer_app.grammar.heap import release_free_memory
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

MODEL_NAME = "tagger.gz"
# Weights are stored as integers: the averaged weight times this scale, rounded.
WEIGHT_SCALE = 100
MAX_PARSED_ROWS = 16_384  # weight rows kept parsed (~3 MB; a novel uses ~11,000 of the 87,000)
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
    """An averaged perceptron tagger: features of a word and its context vote for a Penn tag."""

    def __init__(
        self, tags: Sequence[str], weights: Mapping[str, Sequence[int] | str], tagdict: dict[str, str]
    ) -> None:
        self.tags = tuple(tags)
        # feature -> [tag index, weight, tag index, weight, ...], or the same as text, parsed on first use
        self.weights = weights
        self.tagdict = tagdict  # frequent, unambiguous words -> their one tag
        self.constrain = True  # a known word gets one of the tags the lexicon gives it
        self._rows: dict[str, dict[int, int]] = {}  # parsed rows, at most MAX_PARSED_ROWS (then started afresh)
        self._index = {tag: i for i, tag in enumerate(self.tags)}
        self._allowed: dict[tuple[str, bool], tuple[int, ...] | None] = {}

    def _row(self, feat: str) -> dict[int, int] | None:
        """Return a feature's weights as tag index -> weight, parsed from the stored text on first use."""
        row = self._rows.get(feat)
        if row is None:
            stored = self.weights.get(feat)
            if stored is None:
                return None
            flat = list(map(int, stored.split())) if isinstance(stored, str) else list(stored)
            row = dict(zip(flat[::2], flat[1::2], strict=True))
            if len(self._rows) >= MAX_PARSED_ROWS:
                self._rows = {}  # a few microseconds to parse a row again: memory stays bounded
            self._rows[feat] = row
        return row

    def predict(self, feats: Iterable[str], allowed: Sequence[int] | None = None) -> str:
        """Return the best-scoring tag for a bag of features, among the ``allowed`` tag indices if given."""
        stored = self.weights
        rows = []
        for feat in feats:
            row = self._rows.get(feat)
            if row is None:
                if feat not in stored:
                    continue
                row = self._row(feat)
            rows.append(row)
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
                tag = self.predict(features(index, normal, words, prev, prev2, lex, last_verb), allowed)
            tags.append(tag)
            prev2, prev = prev, tag
            if tag in VERB_TAGS:
                last_verb = tag
        return tags

    def save(self, path: Path) -> None:
        """Write the model compactly and deterministically: a JSON header, then features and rows as lines."""
        names = sorted(self.weights)
        header = json.dumps({"format": 1, "tags": list(self.tags), "tagdict": self.tagdict}, sort_keys=True)
        rows = (" ".join(f"{tag} {weight}" for tag, weight in (self._row(name) or {}).items()) for name in names)
        text = _SECTION.join((header, "\n".join(names), "\n".join(rows)))
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
            out.write(text.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> PerceptronTagger:
        """Read a model written by :meth:`save` (rows stay text until a feature is first used)."""
        try:
            header, names, rows = gzip.decompress(path.read_bytes()).decode("utf-8").split(_SECTION)
            data = json.loads(header)
            names_list = names.split("\n")
            rows_list = rows.split("\n")
            if len(names_list) != len(rows_list):
                raise ValueError("features and weights do not match")
            shared: dict[str, str] = {}  # equal rows stored once (half the features share a row with another)
            weights = {name: shared.setdefault(row, row) for name, row in zip(names_list, rows_list, strict=True)}
            del names_list, rows_list, shared
            return cls(data["tags"], weights, data["tagdict"])
        except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError) as error:
            raise TaggerError(f"The part-of-speech model {path.name} cannot be read ({error}).") from error


@functools.cache
def shipped_tagger() -> PerceptronTagger:
    """Return the tagger shipped in resources/grammar, loaded once on first use."""
    tagger = PerceptronTagger.load(resource_path("grammar", MODEL_NAME))
    release_free_memory()  # what reading the model made and dropped
    return tagger
