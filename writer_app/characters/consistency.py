"""Name consistency: near-miss spellings of cast names ("Katharine" for "Katherine", "Markus" for "Marcus"),
a possessive without its apostrophe ("Evelyns"), and a cast name with the wrong capital ("evelyn").

Ordinary words are never flagged, however close to a name they are ("Mark" is a word; "Marks" too), nor the
names and aliases of other characters. Plain Python, safe to call from a worker thread once built.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from writer_app.characters.names import (
    common_word_names,
    dictionary_words,
    first_names,
    not_names,
    proper_nouns,
)
from writer_app.characters.titles import TITLES

MIN_LENGTH = 4  # shorter names ("Kit", "Ann") have too many ordinary neighbours
_WORD = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class NameSlip:
    """One suspicious spelling: its span (code points), the text found, the cast spelling, and why."""

    start: int
    end: int
    found: str
    expected: str
    kind: str  # "spelling", "possessive" or "capital"

    @property
    def message(self) -> str:
        """One sentence for the writer."""
        if self.kind == "capital":
            return f"The cast spells this name with a capital: {self.expected}."
        if self.kind == "possessive":
            return f"A possessive needs its apostrophe: {self.expected}."
        return f"The cast spells this name {self.expected}."


def _within_one_edit(a: str, b: str) -> bool:
    """One letter changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[
            diffs[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


_PLURAL_BEFORE = frozenset("the both all two three four several young old".split())
_PLURAL_AFTER = frozenset("were are have all both themselves".split())
# Words after which "Evelyns" is a plural ("the Rostóvs and…", "Rostóvs remained"), not a possessive: a possessive
# missing its apostrophe is followed by the thing possessed ("Evelyns coat").
_NOT_POSSESSED = frozenset(
    "and or but nor to at in on of by for from with without into onto upon about after before since than that "
    "who whom whose which what where when while as if so then too also not never now had has have was were is are "
    "be been being would could should will shall might may must did do does said say says knew went came came saw "
    "took gave made got left sat stood felt thought kept told began seemed looked a an the this these those their "
    "there here beneath below behind beside between under over against across through toward towards".split())
# Endings by which one family's name changes (Rostóv, Rostóva, Rostóvs; Semënova, Semënovna; Alexandre, Alexander)
# or a place is named after a person (Valúev, Valúevo): a different word, not a slip.
_INFLECTIONS = frozenset("a e i o s y r na ne vna ov ova ev eva in ina re er".split()) | {""}
_ENGLISH_ENDINGS = ("s", "es", "ed", "er", "ing", "ly")


def _is_plural(text: str, start: int, end: int) -> bool:
    """"the Bennets", "both Bennets", "Bennets were", "the Rostóvs’ house": a family, not a possessive missing its
    apostrophe."""
    if text[end:end + 1] in ("'", "’"):
        return True  # a plural possessive: "the Rostóvs’ box"
    before = text[max(0, start - 30):start].lower().split()[-3:]
    after = text[end:end + 15].lower().split()[:1]
    if bool(_PLURAL_BEFORE.intersection(before)) or bool(after and after[0].strip(",.;") in _PLURAL_AFTER):
        return True
    following = re.match(r"[ \t\u00a0]+([^\W\d_]+)", text[end:end + 30])
    if following is None or not following.group(1)[:1].islower():
        return True
    possessed = following.group(1)
    return possessed in _NOT_POSSESSED or possessed.endswith(("ed", "ing"))  # "Rostóvs remained", "…requesting"


def _inflected(word: str, name: str) -> bool:
    """True when ``word`` and ``name`` differ only by an ending a family name or a place takes."""
    common = 0
    for x, y in zip(word, name, strict=False):
        if x != y:
            break
        common += 1
    return common >= MIN_LENGTH - 1 and word[common:] in _INFLECTIONS and name[common:] in _INFLECTIONS


class NameSpeller:
    """Checks prose against the spellings of a cast: built once per cast, then ``check`` per paragraph."""

    def __init__(self, names: Iterable[str]) -> None:
        words: set[str] = set()
        for name in names:
            for part in _WORD.findall(name):
                for suffix in ("'s", "’s"):
                    if part.endswith(suffix):
                        part = part[: -len(suffix)]
                words.add(part)
        self.known = frozenset(words)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._lower: dict[str, str] = {}
        common = common_word_names()
        self._dictionary = dictionary_words()
        # Places and things the dictionary capitalises ("Mars") are words; its first names are not.
        self._proper = proper_nouns() - {n.title() for n in first_names()}
        self._stop = not_names()
        titles = {t.rstrip(".") for t in (*TITLES, *TITLES.values())}
        for word in sorted(words):
            if word in titles or word.lower() in self._stop:
                continue  # "Prince" of "Prince Andrew" is a title, not a name to spell
            if len(word) >= MIN_LENGTH and word[:1].isupper() and not word.isupper():
                self._by_initial[word[0].lower()].append(word)
                if word.lower() not in common and word.lower() not in self._dictionary:
                    self._lower[word.lower()] = word

    def check(self, text: str) -> list[NameSlip]:
        """The slips in ``text`` (one paragraph or a whole chapter), in order."""
        if not self._by_initial:
            return []
        slips = []
        for match in _WORD.finditer(text):
            word = match.group()
            if word in self.known:
                continue
            start, end = match.start(), match.end()
            if text[start - 1:start] == "-" or text[end:end + 1] == "-":
                continue  # part of a compound or a repeated sound ("injun-meal", "piti-piti"), not a name
            slip = self._judge(word)
            if slip is not None and slip[1] == "possessive" and _is_plural(text, start, end):
                continue  # "the Bennets": the family, not a possessive
            if slip is not None:
                slips.append(NameSlip(start, end, word, *slip))
        return slips

    def _judge(self, word: str) -> tuple[str, str] | None:
        base, mark = word, ""
        for suffix in ("'s", "’s"):
            if word.endswith(suffix):
                base, mark = word[: -len(suffix)], suffix
        if base in self.known:
            return None
        if not base[:1].isupper():
            name = self._lower.get(base)
            return (name + mark, "capital") if name is not None else None
        low = base.lower()
        if low in self._dictionary or low in self._stop or base in self._proper or base.isupper():
            return None
        candidates = self._by_initial.get(low[0], ())
        if not mark and len(base) > MIN_LENGTH and base.endswith("s") and base[:-1] in candidates:
            return f"{base[:-1]}'s", "possessive"
        if any(low.endswith(end) and low[: -len(end)] in self._dictionary for end in _ENGLISH_ENDINGS):
            return None  # an everyday word inflected ("Jests", "Younger")
        if any(_inflected(base, name) for name in candidates):
            return None  # "Karágins", "Rostóva", "Valúevo": the family or a place, not a misspelling
        for name in candidates:
            if len(base) >= MIN_LENGTH and _within_one_edit(base, name) and base + "s" != name:
                return name + mark, "spelling"
        return None
