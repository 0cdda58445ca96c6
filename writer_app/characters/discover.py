"""Propose characters found in the prose: capitalised words and name sequences that behave like names.

A capitalised word is a name candidate; it is accepted on evidence that it names someone: use in mid-sentence
with a capital, a possessive, a line of dialogue that is only the word (an address), a speech verb ("said X",
"X whispered"), a title, or a verb right after it at a sentence start ("X walked"). Words that are (almost)
always lowercase elsewhere, days, months, nationalities, kinship words and interjections
(``resources/names/not-names.txt``, "Hmm", "Eurgh") are not names, nor are words that behave like places or
things: "in X", "at X", mostly after "to"/"from"/"of" and never acting, "the X", "her X", "Somebody's X",
"X Park", "X's Hill", "Xshire", "Mount X", "the Lord X" for an office, nor headings in title case and licence
paragraphs. A one-word line answering a question ("Porto.") is not an address. In a short draft (under 20,000 words) one mention
with such evidence is enough (more than "X had" for an unknown word); in a long text a rare name also needs a
title or a known first name, which also raises a suggestion's rank. Variants of one person are grouped by
:mod:`writer_app.characters.grouping`.

A novel is read in one pass; a one-word name is read in context for its first ``SAMPLE`` uses and only counted
after that (its ratios use the sample), which keeps War and Peace well under a second.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from writer_app.characters.cast import Character
from writer_app.characters.grouping import FormStats, group_forms
from writer_app.characters.mentions import PERSON_VERBS, is_sentence_start
from writer_app.characters.names import common_word_names, dictionary_words, first_names, not_names
from writer_app.characters.titles import SURNAME_TITLES, TITLES  # noqa: F401 (re-exported)

_ABBREVIATED = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr", "Rev", "St"})
PARTICLES = frozenset({"de", "van", "von", "du", "da", "di", "del", "della", "der", "le", "la", "ten", "ter"})
PLACE_WORDS = frozenset(
    """Park Hall House Lodge Street Square Road Lane Court Abbey Castle Church Place Gardens Row Bridge Inn
    Hotel River Lake Mountain Mountains Hill Hills Wood Woods Forest Island Bay Cathedral College Palace Station
    Farm Manor Cottage Village Town City County Hospital School Academy Avenue Terrace Common Green Chapel
    Mill Cross Gate Moor Valley Point Reach End Cove Harbour Harbor Quay Wharf Marsh Tower""".split()
)
# Words that open a place's name ("Mount Kenya", "Calle Mayor", "Santa Anna", "St. Petersburg").
PLACE_HEADS = frozenset(
    """Mount Lake Fort Port Cape Calle Rue Via Avenida Plaza Piazza Rio Lago Monte Isla Saint St Santa San Sankt
    Sainte Sao São""".split()
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


# Verbs of speech and thought: "said Marcus", "Marcus whispered".
SPEECH_VERBS = frozenset(
    """said says asked asks replied replies answered cried whispered whispers shouted called muttered murmured
    exclaimed added continued breathed hissed snapped sighed laughed thought wondered yelled screamed demanded
    insisted admitted agreed explained repeated told tells began echoed""".split()
)
# Past tenses that show a person acting at a sentence start ("Kutúzov slept"), beside PERSON_VERBS.
ACTION_VERBS = frozenset(
    """slept spoke wrote read drove rode fell left held saw heard found made lay grew woke broke caught chose
    drew drank ate flew forgot hid hit hung knelt led lost meant met paid put sang sent shut slid sought spent
    stole struck swore swam taught threw tore understood wept won wore bowed blushed hesitated set cut let bent
    built dug fed fled fought flung laid leapt lit quit rang sank shot shrank slung spat split spread sprang stung
    stuck swept swung bit bled brought bought sold told fetched grabbed stopped dropped""".split()
)
# "Noor didn't": the word before the apostrophe of a negated auxiliary.
NEGATED = frozenset("didn wasn weren isn aren hadn hasn haven doesn don couldn wouldn shouldn won can mustn".split())
AUXILIARIES = frozenset("was is had has did does would could should might must will can".split()) | NEGATED
# "the Warden", "a Sydney number", "her Harvard sweatshirt": a thing or a place, not a person.
ARTICLES = frozenset("the a an his her their my your our its".split())  # not "this": "Is this Mai?"
PREPOSITIONS = frozenset(
    "to from of for in at on by with into onto toward towards across under over past near beyond along behind "
    "beside down up around through since until till".split()
)
# A text shorter than this is a short draft: one mention with evidence proposes a name.
SHORT_DRAFT_WORDS = 20_000
# How many uses of a one-word name are read in context; later ones are only counted (ratios use the sample).
SAMPLE = 20
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_PRONOUN = re.compile(r"\b(?:(he|his|him)|(she|her|hers))\b", re.IGNORECASE)
# "Katherine, or Kit, as...", "Elizabeth (Lizzy)", "Robert, known as Bob,": the nickname after the name (which
# is read backwards from the match).
_NICKNAME = re.compile(r"(, or |, known as |, called | \(| was )([A-Z][^\W\d_]+)(?=[,;.)]| as | for | to )")
# "Tiny, whose real name was Theodore": the nickname first (read backwards from the match), then the name.
_REAL_NAME = re.compile(r", whose (?:real|full|proper|actual|given) name (?:is|was) ([A-Z][^\W\d_]+)")


_BOILERPLATE = re.compile(
    r"https?://|www\.|copyright|licen[cs]e|trademark|e-?book|gutenberg|all rights reserved|terms of use|isbn",
    re.IGNORECASE,
)
_BOILERPLATE_MARKS = ("http", "www.", "copyright", "licen", "trademark", "ebook", "e-book", "gutenberg",
                      "all rights reserved", "terms of use", "isbn")
# "Hmm", "Shh", "Pfft" (no vowel; not the surname "Ng"), "Ugh", "Argh", "Eurgh", "Ahhh", "Nooo" (a letter three
# times over). "Hugh" and "Leigh" are names.
_INTERJECTION = re.compile(r"(?:(?!ng$)[b-df-hj-np-tv-xz]+|ugh|bla+r+g+h+|(?:a+|u+|eu)r+g+h+|[a-z]*(\w)\1\1)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def without_boilerplate(text: str) -> str:
    """``text`` without its licence and publishing paragraphs (a link, or two marks such as "licence",
    "trademark", "eBook"): they name no one."""
    kept = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        marks = {m.group().lower() for m in _BOILERPLATE.finditer(paragraph)}
        if not any(m.startswith(("http", "www")) for m in marks) and len(marks) < 2:
            kept.append(paragraph)
    return "\n\n".join(kept)


class _Collector:
    """First pass: every capitalised name-like sequence with its context, and all lowercase words."""

    def __init__(self) -> None:
        self.forms: dict[str, FormStats] = defaultdict(FormStats)
        self.tokens: Counter[str] = Counter()  # whitespace-separated tokens: lowercase words are read from them
        self._lower: Counter[str] | None = None
        self.capital: Counter[str] = Counter()  # capitalised uses of each word, inside sequences too
        self.capital_mid: Counter[str] = Counter()  # ... of them not at the start of a sentence
        self.capital_lead: Counter[str] = Counter()  # ... of them leading a longer name ("Anna Pávlovna")
        self.places: Counter[str] = Counter()  # uses of each word inside place names ("Netherfield Park")
        self.nicknames: Counter[tuple[str, str, bool]] = Counter()  # ("Katherine", "Kit", stated plainly)
        self.words = 0
        # A one-word name seen SAMPLE times with its context is settled: later uses are only counted.
        self._samples: Counter[str] = Counter()
        self._settled: dict[str, tuple[FormStats, list[str]]] = {}

    def feed(self, text: str) -> None:
        """Collect the capitalised sequences of one chapter and count its lowercase words."""
        lowered = text.lower()  # a plain substring test is ten times faster than the regex over a novel
        if any(mark in lowered for mark in _BOILERPLATE_MARKS):
            text = without_boilerplate(text)
        tokens = text.split()  # counting split tokens is several times faster than a regex over every word
        self.tokens.update(tokens)
        self.words += len(tokens)
        self._lower = None
        for match in _NICKNAME.finditer(text):
            name = _word_ending_at(text, match.start())
            if name:
                # ", or Kit" could name a second person, and so could "Pickering was Pickles to every kid";
                # "known as", "called" and brackets say it is the same.
                self.nicknames[name, match.group(2), match.group(1) not in (", or ", " was ")] += 1
        for match in _REAL_NAME.finditer(text):
            nickname = _word_ending_at(text, match.start())
            if nickname:
                self.nicknames[match.group(1), nickname, True] += 1
        settled = self._settled
        capital = self.capital
        samples = self._samples
        for match in _SEQUENCE.finditer(text):
            token = match.group()
            hit = settled.get(token)
            if hit is not None:
                stats, words = hit
                stats.count += 1
                for word in words:
                    capital[word] += 1
                continue
            if _PLAIN_WORD.fullmatch(token):
                pieces: list[tuple[int, int, list[str]]] = [(match.start(), match.end(), [token])]
            else:
                pieces = _split_sequence(match)
            form = ""
            skip = False
            for index, (start, end, words) in enumerate(pieces):
                if skip:  # the place word of "Hob's Hill", counted with its owner
                    skip = False
                    continue
                if words[-1] is _POSSESSIVE_MARK and index + 1 < len(pieces) and pieces[index + 1][2][0] in PLACE_WORDS:
                    # "Hob's Hill", "Hollin's Reach": a place named after someone is not that someone.
                    self._record([*words[:-1], *pieces[index + 1][2]], _Context(False, "", "", "", False, text, -1))
                    skip = True
                    continue
                previous, at = _word_before(text, start)
                if previous == "s" and _after_possessive_determiner(text, start):
                    previous = "her"  # "Somebody's Spotify playlist", "King's Lynn": a thing or a place
                before = _word_before(text, at)[0] if previous == "at" else ""
                address = False
                if words[-1] is _POSSESSIVE_MARK:
                    words.pop()
                    following = "'s"
                else:
                    after = _FOLLOWING_WORD.match(text, end)
                    following = after.group(1).lower() if after else ""
                    address = _is_address(text, start, end)
                initial = is_sentence_start(text, start) or _opens_quotation(text, start)
                context = _Context(initial, previous, before, following, address, text, end)
                form = self._record(words, context)
            if form and len(pieces) == 1:
                samples[token] += 1
                if samples[token] >= SAMPLE:
                    settled[token] = (self.forms[form], [w for w in pieces[0][2] if w not in PARTICLES])

    @property
    def lower(self) -> Counter[str]:
        """How often each word is written in lowercase ("rose" in "a rose," or "‘rose")."""
        if self._lower is None:
            lower: Counter[str] = Counter()
            for token, count in self.tokens.items():
                word = token.strip(_PUNCTUATION)
                if word and word.islower():
                    lower[word] += count
            self._lower = lower
        return self._lower

    def _record(self, words: list[str], context: _Context) -> str:
        """Count one sequence; returns the name form it was counted under, or ``""``."""
        # "Later Mr. Okafor": the words before a title are a sequence of their own.
        split = next((k for k in range(1, len(words) - 1) if words[k] in TITLES), 0)
        if split:
            self._record(words[:split], context._replace(following="", address=False, end=-1))
            self._record(words[split:], context._replace(initial=False, previous=words[split - 1].lower(),
                                                         before="", address=False))
            return ""
        initial = context.initial
        for position, word in enumerate(words):
            if word not in PARTICLES:
                self.capital[word] += 1
                if position or not initial:
                    self.capital_mid[word] += 1
                elif len(words) > 1 and words[1] not in TITLES and words[1] not in PLACE_WORDS:
                    self.capital_lead[word] += 1
        if (any(w in PLACE_WORDS for w in words[1:]) or any(w.endswith("shire") for w in words)
                or (len(words) > 1 and words[0] in PLACE_HEADS)):
            self.places.update(w for w in words if w not in PLACE_WORDS and w not in PARTICLES)
            return ""
        if words[0].isupper() and len(words[0]) > 1:
            return ""
        # "Mr. Darcy" / "Lady Catherine de Bourgh": title plus name; a bare title is not a name.
        title = TITLES.get(words[0], "")
        if title:
            if len(words) == 1:
                return ""
            form = " ".join([title, *words[1:]])
        else:
            form = " ".join(words)
        stats = self.forms[form]
        stats.count += 1
        stats.seen += 1
        stats.titled = title
        previous, following = context.previous, context.following
        if not initial:
            stats.mid += 1
        if following == "'s":
            stats.possessive += 1
            stats.verb_after += 1
        elif (initial or previous not in PREPOSITIONS and previous not in ARTICLES) and (
            following in PERSON_VERBS or following in ACTION_VERBS or following in NEGATED
            or (initial and len(following) > 3 and following.endswith("ed"))
        ):
            stats.verb_after += 1
            if following not in AUXILIARIES:
                stats.acted += 1
        if following in SPEECH_VERBS or previous in SPEECH_VERBS:
            stats.said += 1
        if context.address:
            stats.address += 1
        if previous in ARTICLES:
            stats.article_before += 1
        elif previous in PREPOSITIONS and not initial:
            stats.after_preposition += 1
        if previous in PLACE_PREPOSITIONS and following != "'s" and not (
            previous == "at" and context.before in LOOKING_VERBS
        ):
            stats.place_before += 1
        if stats.seen <= SAMPLE and context.end >= 0:
            pronoun = _PRONOUN.search(context.text, context.end, context.end + 80)
            if pronoun is not None:
                if pronoun.group(1):
                    stats.he += 1
                else:
                    stats.she += 1
        return form


class _Context(NamedTuple):
    """Where one sequence stands: sentence start, the words around it, dialogue address, its end."""

    initial: bool
    previous: str
    before: str
    following: str
    address: bool
    text: str  # the chapter, for the pronoun after the name
    end: int  # where the name ends (-1: no pronoun to look for)


# "It's Marcus", "That's Wren": a contraction of "is", not a possessive.
_IS_CONTRACTED = frozenset("it he she that there here who what where when how let".split())


def _after_possessive_determiner(text: str, start: int) -> bool:
    """The word at ``start`` follows a possessive ("Somebody's Spotify", "King's Lynn"), not "It's"."""
    token = text[text.rfind(" ", 0, start - 1) + 1:start].strip()
    owner = _strip_possessive(token.lstrip(_OPEN_QUOTES))
    return owner != token and owner.lower() not in _IS_CONTRACTED and owner.isalpha()


def _word_ending_at(text: str, end: int) -> str:
    """The capitalised word that ends at ``end`` ("Kit" in "Kit, or"), or ``""`` (lowercase, a contraction)."""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    name = text[start:end]
    return name if name[:1].isupper() and (start == 0 or text[start - 1] not in "'’") else ""


def _opens_quotation(text: str, start: int) -> bool:
    """The word opens a quotation (``she said, "Here we go."``): its capital is the quoted sentence's."""
    if start == 0 or text[start - 1] not in _OPEN_QUOTES:
        return False
    return start == 1 or text[start - 2] in " \t\n:,—–-(" or text[start - 1] in "“‘«"


def _is_address(text: str, start: int, end: int) -> bool:
    """A line of dialogue that is only the name ("Marcus."), or the name said to someone ("Kade, look",
    "Please, Evelyn.")."""
    mark = text[end:end + 1]
    if not mark or mark not in ".!?…,":
        return False
    closes = text[end + 1:end + 2] in _CLOSE_QUOTES
    if start > 0 and text[start - 1] in _OPEN_QUOTES:
        return mark == "," or (closes and not _answers_a_question(text, start - 1))
    return closes and mark != "," and text[max(0, start - 2):start] == ", "


def _answers_a_question(text: str, quote: int) -> bool:
    """The line opened at ``quote`` starts a paragraph that follows one asking something ("Lisbon, was it?"
    "Porto."): a one-word answer names anything, a person or not."""
    head = text.rfind("\n", 0, quote) + 1
    if text[head:quote].strip():
        return False
    previous_end = len(text[:head].rstrip())
    previous = text[text.rfind("\n", 0, previous_end) + 1:previous_end]
    return "?" in previous


def _is_contraction(word: str) -> bool:
    """"I'm", "Don't", "We'll": an apostrophe followed by a lowercase ending other than a possessive."""
    for mark in ("'", "’"):
        if mark in word:
            tail = word.rsplit(mark, 1)[1]
            return tail.islower() and tail != "s"
    return False


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
# A capitalised word, with an apostrophe ("O'Malley") or hyphens inside ("Jean-Luc", "Ji-woo", "Mary-Kate").
_CAP_WORD = _UPPER + r"[^\W\d_]*(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*"
_GAP = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
# Capitalised words joined by spaces (one line break at most), "." after an abbreviation, particles inside.
_SEQUENCE = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:\.?{_GAP}(?:{_PARTICLE}{_GAP})?{_CAP_WORD}(?![\w]))*(?!\w)"
)
_SEQUENCE_PART = re.compile(rf"({_CAP_WORD}|{_PARTICLE})(\.?)")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?…—–-*_/"
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


MAX_NAME_WORDS = 6  # "Lady Catherine de Bourgh", "Prince Andrew Nikoláevich Bolkónski"
SHORT_LINE = 40  # a line this short before a line break is not hard-wrapped prose


def _short_line_ends_between(text: str, end: int, start: int) -> bool:
    """A line break between two words, after a line too short to be wrapped prose."""
    newline = text.find("\n", end, start)
    if newline < 0:
        return False
    return newline - (text.rfind("\n", 0, end) + 1) < SHORT_LINE


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
        if words and len(words) <= MAX_NAME_WORDS:  # a longer run is a heading in title case, not a name
            pieces.append((start, end, list(words)))
        words.clear()

    for part in _SEQUENCE_PART.finditer(text, match.start(), match.end()):
        word, dot = part.group(1), part.group(2)
        if words and _short_line_ends_between(text, end, part.start()):
            close()  # "Marcus" alone on a line, then "Evelyn": a list or verse, not "Marcus Evelyn"
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
        self.first = first_names() | common_word_names()  # Wren, Hope, Will: names too
        self.stop = not_names()
        self.dictionary = dictionary_words()

    def word_is_namey(self, word: str) -> bool:
        """A capitalised word that is rarely lowercase and is not a known non-name."""
        low = word.lower()
        if len(word) < 2 or word.isupper() or low in self.stop:
            return False
        if self.c.places[word] * 5 >= self.c.capital[word]:
            return False
        if word in TITLES or word in PARTICLES or _INTERJECTION.match(low):
            return False
        if "-" in word:  # "Jean-Luc" and "Ji-woo" are names; "Well-known" and "Twenty-two" are not
            head = low.split("-", 1)[0]
            if head in self.stop or (head not in self.first and self.is_dictionary_word(head)):
                return False
        capital = self.c.capital[word]
        if self.c.lower[low] * 10 > capital:
            return False
        # Only ever capitalised at sentence starts and an everyday word ("Later", "Nothing"): not a name.
        if self.c.capital_mid[word] == 0 and self.is_dictionary_word(low) and not (
            low in self.first and (self.c.capital_lead[word] or self.acts_like_a_person(word))
        ):
            return False
        # Plural family names ("the Bennets", "the Lucases") are not a person.
        for cut in (1, 2):
            if word.endswith("s"[:1] if cut == 1 else "es") and self.c.capital[word[:-cut]] > capital:
                return False
        return True

    def form_words(self, form: str, title: str) -> list[str]:
        words = form.split(" ")
        return words[1:] if title else words

    def trim(self, form: str, stats: FormStats) -> str:
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

    def judge(self) -> dict[str, FormStats]:
        """Merge trimmed forms and keep those with enough evidence of being a person."""
        merged: dict[str, FormStats] = defaultdict(FormStats)
        for form, stats in self.c.forms.items():
            trimmed = self.trim(form, stats)
            if trimmed:
                # A trimmed form lost its sentence-initial word, so it stood mid-sentence.
                target = merged[trimmed]
                target.absorb(stats, stats.count if trimmed != form else None)
                lead = form.split(" ", 1)[0].lower() if trimmed != form else ""
                if lead and not trimmed.startswith(form.split(" ", 1)[0]):
                    target.address -= stats.address  # the line "On Instagram." does not speak to Instagram
                if lead in ARTICLES:
                    target.article_before += stats.seen  # "Their Tesco bags": the word before is a determiner
                elif lead in PREPOSITIONS and trimmed == form.split(" ", 1)[1]:
                    target.after_preposition += stats.seen  # "On Instagram.": as "on Instagram" mid-sentence
                    if lead in PLACE_PREPOSITIONS:
                        target.place_before += stats.seen
        titled_bases = {form.split(" ", 1)[1] for form, stats in merged.items() if stats.titled}
        kept: dict[str, FormStats] = {}
        for form, stats in merged.items():
            if self.looks_like_a_place_or_thing(form, stats):
                continue
            if (not stats.titled and " " not in form and stats.mid == 0 and stats.person_evidence == 0
                    and form not in titled_bases):
                continue
            kept[form] = stats
        return kept

    def looks_like_a_place_or_thing(self, form: str, stats: FormStats) -> bool:
        """"in X", "at X" more than a third of the time, after "to", "from", "of"... more than half of the time
        and hardly ever acting or spoken to, or "the X" half of the time (without a title)."""
        spoken_to = stats.said + stats.address
        if stats.place_before * 3 > stats.seen and (stats.place_before >= 2 or not spoken_to):
            return True
        if (" " not in form and stats.seen >= 4 and stats.after_preposition * 2 > stats.seen
                and stats.person_evidence * 5 < stats.seen):
            return True
        # "the Lord Chancellor", "the Prince Regent": an office, not a person's name.
        office = bool(stats.titled) and all(self.is_plain_word(w) for w in form.split(" ")[1:])
        return (not stats.titled or office) and stats.article_before * 2 > stats.seen

    def acts_like_a_person(self, form: str) -> bool:
        """Spoken to, speaking, owning or acting (not only "was"/"had") somewhere in the text."""
        stats = self.c.forms.get(form)
        return stats is not None and stats.said + stats.address + stats.possessive + stats.acted > 0

    def is_joined_unknowns(self, form: str) -> bool:
        """A one-word form of capitalised parts joined by hyphens, none a known first name ("Kessler-Dyne",
        "Rolls-Royce"): a firm or a place as often as a person, unlike "Jean-Luc" or "Mary-Kate"."""
        parts = form.split("-")
        return (" " not in form and len(parts) > 1 and all(p[:1].isupper() for p in parts)
                and not any(p.lower() in self.first for p in parts))

    def is_plain_word(self, form: str) -> bool:
        """A one-word form that is an everyday word ("Grace", "Code", "Charging")."""
        return " " not in form and self.is_dictionary_word(form.lower())

    def is_dictionary_word(self, low: str) -> bool:
        """``low`` or the word it inflects ("charging": "charge") is in the bundled dictionary."""
        if low in self.dictionary:
            return True
        for ending, stems in (("ing", ("", "e")), ("ed", ("", "e")), ("s", ("",)), ("es", ("",)), ("er", ("", "e")),
                              ("est", ("", "e")), ("ly", ("", "le"))):
            if low.endswith(ending) and len(low) > len(ending) + 2:
                root = low[: -len(ending)]
                if any(root + stem in self.dictionary for stem in stems):
                    return True
                if ending in ("ing", "ed") and len(root) > 2 and root[-1] == root[-2] and root[:-1] in self.dictionary:
                    return True
        return False


def _strength(stats: FormStats) -> int:
    return stats.person_evidence + (2 if stats.titled else 0)


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
    suggestion names the writer turned down. A name seen fewer than ``min_count`` times is proposed when it
    has a title or is a known first name, or, in a short draft, on one mention with evidence of a person.
    """
    collector = _Collector()
    for text in texts:
        collector.feed(text)
    judge = _Judge(collector)
    forms = judge.judge()
    short = collector.words < SHORT_DRAFT_WORDS
    known = judge.first
    groups = group_forms(forms, collector.nicknames, lambda word: word.lower() in known, floor=1 if short else 2,
                         short=short)
    excluded = {" ".join(e.split()) for e in exclude if e}
    turned_down = {" ".join(d.split()).casefold() for d in dismissed if d}
    ranked = []
    for group in groups:
        members = [forms[m] for m in group.members]
        total = sum(m.count for m in members)
        if total < min_count and not any(m.titled for m in members):
            first_name = any(m.split(" ")[0].lower() in known for m in group.members)
            evidence = any(
                stats.said or stats.address or stats.possessive or stats.acted  # not only "X had"
                or (stats.mid > stats.after_preposition + stats.article_before and not judge.is_plain_word(form)
                    and not judge.is_joined_unknowns(form))
                for form, stats in zip(group.members, members, strict=True)
            )
            if not (first_name or (short and evidence)):
                continue
        strength = sum(_strength(m) for m in members) + (1 if group.head.split(" ")[0].lower() in known else 0)
        ranked.append((total, strength, group))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2].head))
    result = []
    for _total, _rank, group in ranked:
        if group.head.casefold() in turned_down or group.head in excluded:
            continue
        kept = [(v, forms[v].count) for v in group.members if v not in excluded]
        if not kept:
            continue
        result.append(Candidate(group.head if group.head == kept[0][0] else kept[0][0], sum(n for _v, n in kept),
                                tuple(v for v, _n in kept), tuple(n for _v, n in kept)))
        if limit is not None and len(result) >= limit:
            break
    return result


def merge_suggestions(candidates: Iterable[Candidate], names: Iterable[str]) -> list[Candidate]:
    """Combine the suggestions called ``names`` into one under the first name; the others keep their places."""
    wanted = list(dict.fromkeys(names))
    candidates = list(candidates)
    chosen = {c.name: c for c in candidates if c.name in wanted}
    order = [n for n in wanted if n in chosen]
    if len(order) < 2:
        return candidates
    variants: list[str] = []
    counts: list[int] = []
    for name in order:
        candidate = chosen[name]
        pairs = zip(candidate.variants or (name,), candidate.variant_counts or (candidate.count,), strict=False)
        for variant, count in pairs:
            if variant not in variants:
                variants.append(variant)
                counts.append(count)
    merged = Candidate(order[0], sum(chosen[n].count for n in order), tuple(variants), tuple(counts))
    result = []
    for candidate in candidates:
        if candidate.name == order[0]:
            result.append(merged)
        elif candidate.name not in chosen:
            result.append(candidate)
    return result
