"""Propose characters found in the prose: capitalised words and name sequences that behave like names.

A word is a name when it is capitalised in the middle of sentences and (almost) never lowercase elsewhere,
is not a day, month, place, nationality or interjection (``resources/names/not-names.txt``), and is not a
place by its company ("in X", "at X", "X Park", "Xshire"). Titles (Mr., Mrs., Miss, Lady, Sir, Colonel...)
attach to the name after them. Variants are grouped: "Elizabeth Bennet" with "Elizabeth"; a bare surname
("Darcy") with the titled form that clearly dominates it ("Mr. Darcy"), and dropped when it is a family name
shared by several people ("Bennet"). Words seen only once or twice are proposed when they are common first
names or follow a title.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from writer_app.characters.cast import Character
from writer_app.characters.mentions import PERSON_VERBS, is_sentence_start
from writer_app.characters.names import dictionary_words, first_names, not_names

TITLES = {
    "Mr": "Mr.", "Mrs": "Mrs.", "Ms": "Ms.", "Mx": "Mx.", "Dr": "Dr.", "Miss": "Miss", "Lady": "Lady",
    "Lord": "Lord", "Sir": "Sir", "Dame": "Dame", "Colonel": "Colonel", "Captain": "Captain", "Major": "Major",
    "General": "General", "Lieutenant": "Lieutenant", "Sergeant": "Sergeant", "Admiral": "Admiral",
    "Doctor": "Doctor", "Professor": "Professor", "Prince": "Prince", "Princess": "Princess", "Count": "Count",
    "Countess": "Countess", "Duke": "Duke", "Duchess": "Duchess", "Baron": "Baron", "Baroness": "Baroness",
    "Madame": "Madame", "Monsieur": "Monsieur", "Mademoiselle": "Mademoiselle", "Aunt": "Aunt",
    "Uncle": "Uncle", "Father": "Father", "Reverend": "Reverend", "Rev": "Rev.",
}
# Titles before a family name ("Mr. Darcy"): the bare word after them is a surname.
SURNAME_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Colonel", "Captain", "Major", "General",
                            "Lieutenant", "Sergeant", "Admiral", "Doctor", "Professor"})
_ABBREVIATED = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr", "Rev", "St"})
PARTICLES = frozenset({"de", "van", "von", "du", "da", "di", "del", "della", "der", "le", "la", "ten", "ter"})
PLACE_WORDS = frozenset(
    """Park Hall House Lodge Street Square Road Lane Court Abbey Castle Church Place Gardens Row Bridge Inn
    Hotel River Lake Mountain Mountains Hill Hills Wood Woods Forest Island Bay Cathedral College Palace Station
    Farm Manor Cottage Village Town City County Hospital School Academy Avenue Terrace Common Green Chapel
    Mill Cross Gate Moor Valley Point""".split()
)
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "inside", "outside", "towards", "toward", "through",
                                "within", "reach", "reached", "reaching", "around", "across", "via", "beyond"})

# "looked at Jane" is not a place: verbs that take "at" before a person.
LOOKING_VERBS = frozenset(
    """look looked looks looking glance glanced stare stared staring gaze gazed smile smiled smiling grin grinned
    laugh laughed laughing wave waved nod nodded wink winked frown frowned shout shouted yell yelled snap snapped
    scowl scowled glare glared peer peered point pointed aim aimed throw threw hurl hurled angry mad
    surprised amazed""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Candidate:
    """A proposed character: the suggested name, how often it (and its variants) appear, the variants."""

    name: str
    count: int
    variants: tuple[str, ...] = field(default_factory=tuple)
    variant_counts: tuple[int, ...] = field(default_factory=tuple)

    @property
    def aliases(self) -> list[str]:
        """The variants other than the name."""
        return [v for v in self.variants if v != self.name]

    def to_character(self) -> Character:
        """A cast entry for this suggestion."""
        return Character(name=self.name, aliases=self.aliases)


@dataclass
class _FormStats:
    count: int = 0
    mid: int = 0  # occurrences not at a sentence start
    verb_after: int = 0  # followed by a speech/action verb or a possessive
    place_before: int = 0  # preceded by "in", "at", ...
    titled: str = ""  # the title, for titled forms


class _Collector:
    """First pass: every capitalised name-like sequence with its context, and all lowercase words."""

    def __init__(self) -> None:
        self.forms: dict[str, _FormStats] = defaultdict(_FormStats)
        self.lower: Counter[str] = Counter()
        self.capital: Counter[str] = Counter()  # capitalised uses of each word, inside sequences too
        self.capital_mid: Counter[str] = Counter()  # ... of them not at the start of a sentence
        self.places: Counter[str] = Counter()  # uses of each word inside place names ("Netherfield Park")

    def feed(self, text: str) -> None:
        """Collect the capitalised sequences of one chapter and count its lowercase words."""
        self.lower.update(_LOWER_WORD.findall(text))
        for match in _SEQUENCE.finditer(text):
            for start, end, words in _split_sequence(match):
                previous, at = _word_before(text, start)
                before = _word_before(text, at)[0] if previous else ""
                if words[-1] is _POSSESSIVE_MARK:
                    words.pop()
                    following = "'s"
                else:
                    after = _FOLLOWING_WORD.match(text, end)
                    following = after.group(1).lower() if after else ""
                self._record(words, is_sentence_start(text, start), previous, before, following)

    def _record(self, words: list[str], initial: bool, previous: str, before: str, following: str) -> None:
        # "Later Mr. Okafor": the words before a title are a sequence of their own.
        split = next((k for k in range(1, len(words) - 1) if words[k] in TITLES), 0)
        if split:
            self._record(words[:split], initial, previous, before, "")
            self._record(words[split:], False, words[split - 1].lower(), "", following)
            return
        for position, word in enumerate(words):
            if word not in PARTICLES:
                self.capital[word] += 1
                if position or not initial:
                    self.capital_mid[word] += 1
        if any(w in PLACE_WORDS for w in words[1:]) or any(w.endswith("shire") for w in words):
            self.places.update(w for w in words if w not in PLACE_WORDS and w not in PARTICLES)
            return
        if words[0].isupper() and len(words[0]) > 1:
            return
        # "Mr. Darcy" / "Lady Catherine de Bourgh": title plus name; a bare title is not a name.
        title = TITLES.get(words[0], "")
        if title:
            if len(words) == 1:
                return
            form = " ".join([title, *words[1:]])
        else:
            form = " ".join(words)
        stats = self.forms[form]
        stats.count += 1
        stats.titled = title
        if not initial:
            stats.mid += 1
        if following in PERSON_VERBS or following == "'s":
            stats.verb_after += 1
        if previous in PLACE_PREPOSITIONS and not (previous == "at" and before in LOOKING_VERBS):
            stats.place_before += 1


def _is_contraction(word: str) -> bool:
    """"I'm", "Don't", "We'll": an apostrophe followed by a lowercase ending other than a possessive."""
    for mark in ("'", "’"):
        if mark in word:
            tail = word.rsplit(mark, 1)[1]
            return tail.islower() and tail != "s"
    return False


def _is_name_gap(gap: str) -> bool:
    """Whitespace that may separate the words of one name: spaces and at most one line break."""
    return bool(gap) and gap.isspace() and gap.count("\n") <= 1


def _ends_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _letter_class(test) -> str:
    """A regex character class of the BMP letters passing ``test`` (Python's re has no \\p{Lu})."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return "[" + "".join(parts) + "]"


_UPPER = _letter_class(lambda c: c.isupper() or c.istitle())
_LOWER = _letter_class(str.islower)
_CAP_WORD = _UPPER + r"[^\W\d_]*(?:['’][^\W\d_]+)*"
_GAP = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
# Capitalised words joined by spaces (one line break at most), "." after an abbreviation, particles inside.
_SEQUENCE = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:\.?{_GAP}(?:{_PARTICLE}{_GAP})?{_CAP_WORD}(?![\w]))*(?!\w)"
)
_SEQUENCE_PART = re.compile(rf"({_CAP_WORD}|{_PARTICLE})(\.?)")
_LOWER_WORD = re.compile(rf"(?<![\w'’]){_LOWER}[^\W\d_]*")
_FOLLOWING_WORD = re.compile(r"\s+([^\W\d_]+)")
_POSSESSIVE_MARK = "'s"


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The lowercased word just before ``start`` across whitespace only (else ``""``), and where it begins."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    if i == start or j == i:
        return "", start
    return text[j:i].lower(), j


def _split_sequence(match: re.Match[str]) -> list[tuple[int, int, list[str]]]:
    """Cut a matched run into name sequences: after a possessive, at a stray full stop, around
    all-capital words and contractions. Returns (start, end, words); a possessive ends with ``'s``."""
    pieces: list[tuple[int, int, list[str]]] = []
    words: list[str] = []
    start = end = match.start()
    text = match.string

    def close() -> None:
        while words and words[-1] in PARTICLES:
            words.pop()
        if words:
            pieces.append((start, end, list(words)))
        words.clear()

    for part in _SEQUENCE_PART.finditer(text, match.start(), match.end()):
        word, dot = part.group(1), part.group(2)
        if word in PARTICLES and not words:
            continue
        if _is_contraction(word) or (len(word) > 1 and word.isupper()):
            close()
            continue
        if not words:
            start = part.start()
        possessive = _ends_possessive(word)
        words.append(_strip_possessive(word))
        end = part.start(1) + len(word)
        if possessive:
            words.append(_POSSESSIVE_MARK)
            pieces.append((start, end, list(words)))
            words.clear()
            continue
        if dot and word not in _ABBREVIATED:
            close()
    close()
    return pieces


class _Judge:
    """Second pass: decide which collected forms are names, and group variants of one person."""

    def __init__(self, collector: _Collector) -> None:
        self.c = collector
        self.first = first_names()
        self.stop = not_names()
        self.dictionary = dictionary_words()

    def word_is_namey(self, word: str) -> bool:
        """A capitalised word that is rarely lowercase and is not a known non-name."""
        low = word.lower()
        if len(word) < 2 or word.isupper() or low in self.stop:
            return False
        if self.c.places[word] * 5 >= self.c.capital[word]:
            return False
        if word in TITLES or word in PARTICLES:
            return False
        capital = self.c.capital[word]
        if self.c.lower[low] * 10 > capital:
            return False
        # Only ever capitalised at sentence starts and an everyday word ("Later", "Nothing"): not a name.
        if self.c.capital_mid[word] == 0 and low in self.dictionary:
            return False
        # Plural family names ("the Bennets", "the Lucases") are not a person.
        for cut in (1, 2):
            if word.endswith("s"[:1] if cut == 1 else "es") and self.c.capital[word[:-cut]] > capital:
                return False
        return True

    def form_words(self, form: str, title: str) -> list[str]:
        words = form.split(" ")
        return words[1:] if title else words

    def trim(self, form: str, stats: _FormStats) -> str:
        """Drop leading non-name words ("When Elizabeth" -> "Elizabeth") and trailing ones."""
        if stats.titled:
            words = self.form_words(form, stats.titled)
            if all(self.word_is_namey(w) or w in PARTICLES for w in words) and words[-1] not in PARTICLES:
                return form
            return ""
        words = form.split(" ")
        while words and not self.word_is_namey(words[0]):
            words.pop(0)
        while words and not self.word_is_namey(words[-1]):
            words.pop()
        return " ".join(words)

    def judge(self) -> dict[str, _FormStats]:
        """Merge trimmed forms and keep those with enough evidence of being a person."""
        merged: dict[str, _FormStats] = defaultdict(_FormStats)
        for form, stats in self.c.forms.items():
            trimmed = self.trim(form, stats)
            if not trimmed:
                continue
            target = merged[trimmed]
            target.count += stats.count
            target.titled = stats.titled
            # A trimmed form lost its sentence-initial word, so it stood mid-sentence.
            target.mid += stats.count if trimmed != form else stats.mid
            target.verb_after += stats.verb_after
            target.place_before += stats.place_before
        kept: dict[str, _FormStats] = {}
        for form, stats in merged.items():
            if stats.place_before >= 2 and stats.place_before * 3 > stats.count:
                continue
            if not stats.titled and " " not in form and stats.mid == 0 and stats.verb_after == 0:
                continue
            kept[form] = stats
        return kept


def _group(forms: dict[str, _FormStats], min_count: int) -> list[Candidate]:
    """Group variants of one person and rank by total count."""
    surnames: set[str] = set()
    for form, stats in forms.items():
        if stats.titled in SURNAME_TITLES:
            surnames.add(form.split(" ")[-1])
    head_of: dict[str, str] = {}
    # Bare surnames: join the form that clearly dominates the other forms ending in them, or drop them.
    for form, _stats in forms.items():
        if " " in form or form not in surnames:
            continue
        related = sorted(
            ((s.count, f) for f, s in forms.items() if f != form and f.split(" ")[-1] == form), reverse=True
        )
        count = forms[form].count
        # In prose a bare surname mostly means the man ("Bingley" is Mr. Bingley, not Miss Bingley).
        mister = next((f for _n, f in related if forms[f].titled == "Mr."), "")
        dominant = ""
        if mister and mister == related[0][1]:
            dominant = mister
        elif related and (len(related) == 1 or related[0][0] >= 2 * related[1][0]):
            dominant = related[0][1]
        if dominant and count > 3 * forms[dominant].count:
            head_of[dominant] = form  # "Dólokhov" 328 times, "Mr. Dólokhov" once: the bare name leads
        elif dominant:
            head_of[form] = dominant
        elif count <= 2 * sum(n for n, _f in related):
            head_of[form] = ""  # a family name shared by several people ("Bennet")

    # "Elizabeth Bennet" joins "Elizabeth", "Lady Catherine de Bourgh" joins "Lady Catherine".
    for form, stats in forms.items():
        words = form.split(" ")
        for size in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:size])
            if prefix in forms and prefix not in surnames and not (size == 1 and stats.titled):
                head_of[form] = prefix
                break
    groups: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        head = head_of.get(form, form)
        seen = {form}
        while head_of.get(head) and head not in seen:  # follow the chain, never round a loop
            seen.add(head)
            head = head_of[head]
        if head:
            groups[head].append(form)
    candidates = []
    for head, members in groups.items():
        total = sum(forms[m].count for m in members)
        variants = (head, *sorted((m for m in members if m != head), key=lambda m: -forms[m].count))
        counts = tuple(forms[v].count for v in variants)
        # Rare names need a title or a known first name to be proposed.
        if total < min_count and not forms[head].titled and head.split(" ")[0].lower() not in first_names():
            continue
        candidates.append(Candidate(name=head, count=total, variants=variants, variant_counts=counts))
    candidates.sort(key=lambda c: (-c.count, c.name))
    return candidates


def discover_candidates(
    texts: Iterable[str],
    *,
    exclude: Iterable[str] = (),
    dismissed: Iterable[str] = (),
    limit: int | None = None,
    min_count: int = 3,
) -> list[Candidate]:
    """Propose characters found in ``texts`` (chapter texts), most mentioned first.

    ``exclude`` holds names and aliases already in the cast (their groups are left out); ``dismissed`` holds
    suggestion names the writer turned down.
    """
    collector = _Collector()
    for text in texts:
        collector.feed(text)
    forms = _Judge(collector).judge()
    excluded = {" ".join(e.split()) for e in exclude if e}
    turned_down = {" ".join(d.split()).casefold() for d in dismissed if d}
    result = []
    for candidate in _group(forms, min_count):
        if candidate.name.casefold() in turned_down or candidate.name in excluded:
            continue
        kept = [(v, n) for v, n in zip(candidate.variants, candidate.variant_counts, strict=True) if v not in excluded]
        if len(kept) != len(candidate.variants):
            if not kept:
                continue
            candidate = Candidate(
                candidate.name, sum(n for _v, n in kept), tuple(v for v, _n in kept), tuple(n for _v, n in kept)
            )
        result.append(candidate)
        if limit is not None and len(result) >= limit:
            break
    return result
