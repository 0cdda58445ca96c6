"""The lexicon: each word's possible Penn tags and lemmas, and the inflection of a lemma to a wanted tag."""

from __future__ import annotations

import functools
import gzip
import logging
import re
from collections.abc import Mapping
from pathlib import Path

from writer_app.characters.names import first_names
from writer_app.grammar.heap import release_free_memory
from writer_app.grammar.packed import PackedTable
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

LEXICON_NAME = "lexicon.gz"
SECTION = "\x1e"  # separates the file's header, words, their entries, lemmas and their forms
NAME_MARK = "@"
NO_FORM = "-"  # stored for a tag the lemma has no form for ("unique" has no JJR)
INFLECTING_TAGS = frozenset({"VB", "VBP", "VBD", "VBN", "VBG", "VBZ", "NN", "NNS", "JJ", "JJR", "JJS"})
_VOWELS = "aeiou"


_TAG_SETS: dict[frozenset[str], frozenset[str]] = {}  # the few hundred distinct tag sets words have


class LexiconError(Exception):
    """The shipped lexicon is missing or unreadable."""


class Lexicon:
    """Words with their possible tags and lemmas; lemmas with their inflected forms."""

    def __init__(self, words: Mapping[str, str] | PackedTable, inflections: Mapping[str, str] | PackedTable) -> None:
        self._words = _packed(words)  # word -> "TAG TAG=lemma ..." (parsed on demand)
        self._inflections = _packed(inflections)  # lemma -> "TAG=form/form ..."

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a lexicon written by ``build_lexicon`` (entries stay text until a word is looked up)."""
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            _header, words, entries, lemmas, forms = text.split(SECTION)
            return cls(_table(words, entries), _table(lemmas, forms))
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
            raise LexiconError(f"The lexicon {path.name} cannot be read ({error}).") from error

    @property
    def tables(self) -> tuple[PackedTable, PackedTable]:
        """The packed words and inflections tables (what :class:`Lexicon` is made from again)."""
        return self._words, self._inflections

    def __contains__(self, word: str) -> bool:
        return _key(word) in self._words

    def entries(self, word: str) -> dict[str, str]:
        """Return tag -> lemma for every tag the word may have (empty for an unknown word)."""
        return _parse_entries(self._words.get(_key(word), ""), _key(word))

    def tags(self, word: str) -> frozenset[str]:
        """Return the Penn tags the word may have (empty for an unknown word)."""
        tags = frozenset(self.entries(word))
        return _TAG_SETS.setdefault(tags, tags)  # one object per distinct set, shared by every word read

    def signature(self, word: str) -> str:
        """Return the word's possible tags as one sorted string ("NN|VB|VBP"), "" if unknown.

        A capitalised word that is a common first name gets ``NAME_MARK`` at the end ("MD|NN|VB@" for "Will").
        """
        key = _key(word)
        signature = _signature(self._words.get(key, ""))
        if word[:1].isupper() and key in first_names():
            return signature + NAME_MARK
        return signature

    def lemma(self, word: str, tag: str) -> str:
        """Return the lemma of a word read with a tag: from the lexicon, else by regular English rules."""
        entries = self.entries(word)
        if tag in entries:
            return entries[tag]
        if tag in ("NNP", "NNPS"):
            return word
        lower = _key(word)
        for other in _RELATED.get(tag, ()):
            if other in entries:
                return entries[other]
        return regular_lemma(lower, tag)

    def forms(self, lemma: str, tag: str) -> tuple[str, ...]:
        """Return the forms of a lemma for a tag, the preferred first (regular rules for unknown lemmas)."""
        lemma = _key(lemma)
        table = _parse_forms(self._inflections.get(lemma, ""))
        if tag in table:
            return () if table[tag] == (NO_FORM,) else table[tag]  # only irregular forms are stored
        if tag in ("JJR", "JJS") and "JJ" not in self.tags(lemma):
            return ()  # no comparative made up for a word the lexicon does not know as an adjective
        regular = regular_form(lemma, tag)
        return (regular,) if regular else ()

    def inflect(self, lemma: str, tag: str) -> str | None:
        """Return the lemma's preferred form for a Penn tag (``inflect("lie", "VBG") == "lying"``), or None."""
        if tag not in INFLECTING_TAGS or not lemma:
            return None
        forms = self.forms(lemma, tag)
        return forms[0] if forms else None


_RELATED = {
    "VBP": ("VB",),
    "VB": ("VBP",),
    "VBN": ("VBD",),
    "VBD": ("VBN",),
    "NN": ("NNP",),
    "NNS": ("NNPS",),
}


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


@functools.lru_cache(maxsize=2048)
def _parse_entries(value: str, word: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for item in value.split():
        tag, _, lemma = item.partition("=")
        entries[tag] = lemma or word
    return entries


@functools.lru_cache(maxsize=2048)
def _signature(value: str) -> str:
    return "|".join(item.partition("=")[0] for item in value.split())


@functools.lru_cache(maxsize=4096)
def _parse_forms(value: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for item in value.split():
        tag, _, forms = item.partition("=")
        table[tag] = tuple(forms.split("/"))
    return table


def _doubles_final(stem: str) -> bool:
    """True when a short stem doubles its last consonant before -ed/-ing ("stop" -> "stopped")."""
    return (
        len(stem) >= 3
        and stem[-1] not in _VOWELS + "wxy"
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
        and sum(ch in _VOWELS for ch in stem) == 1
    )


def regular_form(lemma: str, tag: str) -> str | None:
    """Inflect a lemma by regular English spelling rules (for words the lexicon does not know)."""
    if not lemma or not lemma.isalpha():
        return lemma if tag in ("VB", "VBP", "NN", "JJ") else None
    if tag in ("VB", "VBP", "NN", "JJ"):
        return lemma
    if tag in ("VBZ", "NNS"):
        if re.search(r"(s|x|z|ch|sh)$", lemma):
            return lemma + "es"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ies"
        return lemma + "s"
    if tag in ("VBD", "VBN"):
        if lemma.endswith("e"):
            return lemma + "d"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ied"
        return lemma + (lemma[-1] if _doubles_final(lemma) else "") + "ed"
    if tag == "VBG":
        if lemma.endswith("ie"):
            return lemma[:-2] + "ying"
        if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            return lemma[:-1] + "ing"
        return lemma + (lemma[-1] if _doubles_final(lemma) else "") + "ing"
    if tag in ("JJR", "JJS"):
        ending = "er" if tag == "JJR" else "est"
        if lemma.endswith("e"):
            return lemma + ending[1:]
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "i" + ending
        return lemma + (lemma[-1] if _doubles_final(lemma) else "") + ending
    return None


def regular_lemma(word: str, tag: str) -> str:
    """Guess the lemma of an unknown word from its tag by undoing regular suffixes."""
    if tag in ("NNS", "VBZ") and len(word) > 3:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if re.search(r"(s|x|z|ch|sh)es$", word):
            return word[:-2]
        if word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
    if tag in ("VBD", "VBN") and len(word) > 4 and word.endswith("ed"):
        if word.endswith("ied"):
            return word[:-3] + "y"
        stem = word[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        return stem + "e" if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem) else stem
    if tag == "VBG" and len(word) > 5 and word.endswith("ing"):
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        return stem
    return word


def _table(keys: str, values: str) -> PackedTable:
    """The table of the lines of ``keys`` to the lines of ``values`` (ValueError when they do not match)."""
    return PackedTable.pack(keys.split("\n"), values.split("\n"))


def _packed(table: Mapping[str, str] | PackedTable) -> PackedTable:
    return table if isinstance(table, PackedTable) else PackedTable.of(table)


@functools.cache
def shipped_lexicon() -> Lexicon:
    """Return the lexicon shipped in resources/grammar, loaded once on first use.

    It comes from the precompiled file when that is fresh (see :mod:`lexicon_cache`), else from the source."""
    from writer_app.grammar.lexicon_cache import load_compiled

    source = resource_path("grammar", LEXICON_NAME)
    lexicon = load_compiled(source)
    if lexicon is None:
        lexicon = Lexicon.load(source)
    release_free_memory()  # what reading the file made and dropped
    return lexicon


def inflect(lemma: str, tag: str) -> str | None:
    """Return the shipped lexicon's form of ``lemma`` for a Penn tag, or None when it has none."""
    return shipped_lexicon().inflect(lemma, tag)
