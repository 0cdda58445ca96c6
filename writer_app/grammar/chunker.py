"""Chunks: noun phrases with number and person, verb groups, clause boundaries (rules over Penn tags)."""

from __future__ import annotations

from collections.abc import Sequence

from writer_app.grammar.lexicon import shipped_lexicon
from writer_app.grammar.tokens import Kind, Token, Word, make_word

_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_PLURAL_NOUNS = frozenset({"NNS", "NNPS"})
_PREMODIFIERS = frozenset({"DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS", "POS", "HYPH", "WP$"})
_NP_START = _PREMODIFIERS | _NOUNS | frozenset({"PRP", "EX", "WP"})
_NOT_A_HEAD = frozenset({"POS", "HYPH", "JJ", "JJR", "JJS", "PRP$", "WP$"})
_MODIFIED = _NOUNS | {"JJ"}  # what a participle before it modifies: "the broken window", "a running tap"
_AUXILIARY_LEMMAS = frozenset("be have do get will would can could shall should may might must ought".split())
_AUXILIARY_FORMS = frozenset(
    "am is are was were be been being 's 're 'm has have had having 've 'd does do did got gets getting".split()
)
_NON_FINITE = frozenset({"VB", "VBN", "VBG"})
_VERBS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
_WH = frozenset({"WDT", "WP", "WP$", "WRB"})
# Pronouns: person and number ("" where the verb form does not depend on it: "you are" for one or many).
PRONOUNS = {
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), (1, "sg")),
    **dict.fromkeys(("we", "us", "our", "ours", "ourselves"), (1, "pl")),
    **dict.fromkeys(("you", "your", "yours", "ya", "ye", "thee", "thou", "thy"), (2, "")),
    **dict.fromkeys(("yourself",), (2, "sg")),
    **dict.fromkeys(("yourselves",), (2, "pl")),
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself"), (3, "sg")),
    **dict.fromkeys(("one", "oneself", "'em"), (3, "")),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves", "em"), (3, "pl")),
}
_SINGULAR_DETERMINERS = frozenset(
    "this that each every either neither another one a an anybody anyone anything everybody everyone everything "
    "nobody nothing somebody someone something much".split()
)
_PLURAL_DETERMINERS = frozenset("these those both few many several".split())
# Heads whose number comes from the noun phrase after "of": "all of the boys are", "a lot of milk is".
_TRANSPARENT_HEADS = frozenset(
    "all some most any none half lot lots plenty majority rest remainder part percent bunch number kind sort type".split()
)
_SUBORDINATORS = frozenset(
    "because although though while if unless since until whereas whether after before once that so".split()
)
_SUBJECT_PRONOUNS = frozenset("i he she we they it you".split())
# Nouns plural in form that take a singular verb (or either), never read as plural from their "-s".
_SINGULAR_IN_FORM = frozenset(
    "means species series news crossroads billiards innings barracks headquarters works kudos mews gallows "
    "whereabouts odds thanks measles mumps physics politics mathematics economics ethics athletics".split()
)


Clauses = tuple[tuple[int, int], ...]


class _Read:
    """A sentence as the chunker reads it: its tokens and each one's tag, lemma and possible tags (the fields of
    its words, kept in lists: quicker to read than words, and no word need be made to chunk a sentence)."""

    __slots__ = ("lemmas", "possible", "tags", "tokens")

    def __init__(
        self, tokens: Sequence[Token], tags: Sequence[str], lemmas: Sequence[str], possible: Sequence[frozenset[str]]
    ) -> None:
        self.tokens = tokens
        self.tags = tags
        self.lemmas = lemmas
        self.possible = possible

    @classmethod
    def of(cls, words: Sequence[Word]) -> _Read:
        return cls(
            [w.token for w in words], [w.tag for w in words], [w.lemma for w in words], [w.tags for w in words]
        )


def chunk(words: Sequence[Word]) -> tuple[list[Word], Clauses]:
    """Return the words with chunk labels, number and person, and the sentence's clause ranges."""
    out = list(words)
    if not out:
        return out, ()
    labels, numbers, persons, found = chunk_fields(out)
    for index, word in enumerate(out):
        label, number, person = labels[index], numbers[index], persons[index]
        if label != word.chunk or number != word.number or person != word.person:
            out[index] = make_word(word.token, word.tag, word.lemma, word.tags, label, number, person)
    return out, found


def chunk_fields(words: Sequence[Word]) -> tuple[list[str], list[str], list[int], Clauses]:
    """Return what :func:`chunk` gives the words (each one's chunk label, number and person) and the clauses,
    without making the words."""
    return _chunk(_Read.of(words), [w.chunk for w in words], [w.number for w in words], [w.person for w in words])


def chunk_tokens(
    tokens: Sequence[Token], tags: Sequence[str], lemmas: Sequence[str], possible: Sequence[frozenset[str]]
) -> tuple[list[str], list[str], list[int], Clauses]:
    """Return what :func:`chunk_fields` gives words with these tokens, tags, lemmas and possible tags (and no
    chunk yet), without making the words."""
    count = len(tokens)
    return _chunk(_Read(tokens, tags, lemmas, possible), ["O"] * count, [""] * count, [0] * count)


def _chunk(
    read: _Read, labels: list[str], numbers: list[str], persons: list[int]
) -> tuple[list[str], list[str], list[int], Clauses]:
    """Label the noun phrases and verb groups over the words' own ``labels``, ``numbers`` and ``persons``."""
    if not labels:
        return labels, numbers, persons, ()
    for first, last, number, person in _noun_phrases(read):
        labels[first] = "B-NP"
        numbers[first:last] = [number] * (last - first)
        persons[first:last] = [person] * (last - first)
        if last - first > 1:
            labels[first + 1 : last] = ["I-NP"] * (last - first - 1)
    for first, last in _verb_groups(read):  # (verb groups do not read chunks: the words' own labels will do)
        for index in range(first, last):
            if labels[index] == "O":
                labels[index] = "B-VP" if index == first else "I-VP"
    return labels, numbers, persons, _clauses(read.tokens, read.tags)


def _base_phrases(read: _Read) -> list[tuple[int, int]]:
    """Return the base noun phrases (determiners, modifiers, nouns; a pronoun alone) as index ranges."""
    phrases: list[tuple[int, int]] = []
    tags = read.tags
    tokens = read.tokens
    index = 0
    count = len(tags)
    while index < count:
        tag = tags[index]
        if tag not in _NP_START or tokens[index].kind is not Kind.WORD and tag not in ("CD", "HYPH"):
            index += 1
            continue
        if tag in ("PRP", "EX", "WP"):
            phrases.append((index, index + 1))
            index += 1
            continue
        start = index
        last_noun = -1
        while index < count:
            tag = tags[index]
            if tag in _NOUNS:
                last_noun = index
            elif tag in _PREMODIFIERS:
                if tag in ("DT", "PDT", "PRP$") and last_noun >= 0 and index > start:
                    break  # "the boy the dog bit": a new phrase starts
            elif tag in ("VBN", "VBG") and index + 1 < count and tags[index + 1] in _MODIFIED and index > start:
                pass  # "the broken window", "a running tap"
            else:
                break
            index += 1
        end = last_noun + 1 if last_noun >= 0 else index
        if end <= start:
            end = start + 1
        if _NOT_A_HEAD.issuperset(tags[start:end]):
            index = max(index, start + 1)
            continue  # "long" in "is long": an adjective alone is no noun phrase
        phrases.append((start, end))
        index = max(end, start + 1)
    return phrases


def _number_person(read: _Read, first: int, last: int) -> tuple[str, int, str]:
    """Return the number, person and head lemma of a base noun phrase."""
    tags = read.tags
    head = last - 1
    while head > first and tags[head] in ("POS", "HYPH"):
        head -= 1
    tag = tags[head]
    lower = read.tokens[head].lower
    if tag in ("PRP", "PRP$") or lower in PRONOUNS:
        person, number = PRONOUNS.get(lower, (3, ""))
        return number, person, lower
    if tag in _PLURAL_NOUNS or tag == "NN" and _plural_form(lower, read.possible[head]):
        return "pl", 3, read.lemmas[head].lower()
    if tag in _NOUNS:
        return "sg", 3, read.lemmas[head].lower()
    if lower in _PLURAL_DETERMINERS:
        return "pl", 3, lower
    if lower in _SINGULAR_DETERMINERS:
        return "sg", 3, lower
    if tag == "CD":
        return ("sg" if lower in ("one", "1") else "pl"), 3, lower
    return "", 3, lower


def plural_form_read_as_singular(word: Word) -> bool:
    """True for a regular plural the tagger read as a singular noun ("dogs" as NN before "is").

    The tagger leans on the verb after a noun, so a subject that disagrees with its verb can lose its
    plural reading; the word's own form (a "-s" plural of a known noun) keeps it.
    """
    return _plural_form(word.lower, word.tags)


def _plural_form(lower: str, possible: frozenset[str]) -> bool:
    """:func:`plural_form_read_as_singular` of a word written ``lower`` (lower case) with these possible tags."""
    if "NNS" not in possible or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return False
    if lower in _SINGULAR_IN_FORM:
        return False
    stems = [lower[:-1]]
    if lower.endswith("es"):
        stems.append(lower[:-2])
    if lower.endswith("ies"):
        stems.append(lower[:-3] + "y")
    lexicon = shipped_lexicon()
    return any("NN" in lexicon.tags(stem) for stem in stems)


def noun_phrases(words: Sequence[Word]) -> list[tuple[int, int, str, int]]:
    """Return the sentence's noun phrases as ``(first, past_last, number, person)``.

    A phrase takes in "of" and the phrase after it ("the list of items": singular, like its head "list";
    "all of the boys": plural, like "boys") and coordination with "and" ("Tom and Mary": plural).
    """
    return _noun_phrases(_Read.of(words))


def _noun_phrases(read: _Read) -> list[tuple[int, int, str, int]]:
    tags = read.tags
    tokens = read.tokens
    base = [(first, last, *_number_person(read, first, last)) for first, last in _base_phrases(read)]
    merged: list[list] = []
    for first, last, number, person, head in base:
        if merged:
            previous = merged[-1]
            gap = tokens[first - 1].lower if first - previous[1] == 1 else None  # the one word between them
            previous_is_pronoun = tags[previous[1] - 1] == "PRP" and previous[1] - previous[0] == 1
            if gap == "of" and not (previous_is_pronoun and previous[2] != ""):
                if previous[4] in _TRANSPARENT_HEADS and not (previous[4] == "number" and tokens[previous[0]].lower == "the"):
                    previous[2] = number
                previous[1] = last
                continue
            if gap in ("and", "&") and tags[previous[1] - 1] != "PRP$" and tags[first] != "PRP$":
                previous[1], previous[2] = last, "pl"
                previous[3] = min(previous[3], person)
                continue
            if gap in ("or", "nor"):
                previous[1], previous[2], previous[3] = last, number, person
                continue
        merged.append([first, last, number, person, head])
    phrases = [(first, last, number, person) for first, last, number, person, _head in merged]
    return _with_relatives(read, phrases)


def _with_relatives(read: _Read, phrases: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """Give a relative pronoun right after a noun phrase that phrase's number ("the boys who are")."""
    tags = read.tags
    tokens = read.tokens
    out: list[tuple[int, int, str, int]] = []
    ends = {last: (number, person) for _first, last, number, person in phrases}
    starts = {first for first, _last, _number, _person in phrases}
    for phrase in phrases:
        first, last, number, person = phrase
        if tags[first] in ("WP", "WDT") and last - first == 1:
            before = first - 1 if first and tokens[first - 1].text == "," else first
            if before in ends and ends[before][1] == 3:
                number, person = ends[before]
        out.append((first, last, number, person))
    for index, tag in enumerate(tags):
        if tag == "WDT" and tokens[index].lower in ("that", "which") and index not in starts:
            before = index - 1 if index and tokens[index - 1].text == "," else index
            if before in ends:
                out.append((index, index + 1, *ends[before]))
    return sorted(out)


def verb_groups(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Return verb groups: a modal or auxiliaries, adverbs between them and the main verb ("had not seen")."""
    return _verb_groups(_Read.of(words))


def _verb_groups(read: _Read) -> list[tuple[int, int]]:
    tags = read.tags
    groups: list[tuple[int, int]] = []
    index = 0
    count = len(tags)
    while index < count:
        tag = tags[index]
        starts = tag in _VERBS or (tag == "TO" and index + 1 < count and tags[index + 1] == "VB")
        if not starts:
            index += 1
            continue
        start = index
        last_verb = index
        index += 1
        while index < count:
            tag = tags[index]
            if tag in _VERBS:
                if not _is_auxiliary(read, last_verb) or tag not in _NON_FINITE:
                    break  # "the bus they took | broke down", "who are here | have gone": two groups
                last_verb = index
            elif tag not in ("RB", "TO") and not (tag == "PRP" and tags[index - 1] in ("MD", "VBZ", "VBP", "VBD") and _question_order(tags, index)):
                break
            index += 1
        groups.append((start, last_verb + 1))
        index = last_verb + 1
    return groups


def _is_auxiliary(read: _Read, index: int) -> bool:
    """True for a modal, "to", or a form of be, have, do or get that can lead a verb group."""
    return (
        read.tags[index] in ("MD", "TO")
        or read.lemmas[index].lower() in _AUXILIARY_LEMMAS
        or read.tokens[index].lower in _AUXILIARY_FORMS
    )


def _question_order(tags: Sequence[str], index: int) -> bool:
    """True for an inverted question's subject between auxiliary and verb ("did she go")."""
    return index + 1 < len(tags) and tags[index + 1] in ("VB", "VBN", "VBG")


def clauses(words: Sequence[Word]) -> Clauses:
    """Return half-open token ranges covering the sentence, cut at clause boundaries."""
    return _clauses([word.token for word in words], [word.tag for word in words])


def _clauses(tokens: Sequence[Token], tags: Sequence[str]) -> Clauses:
    cuts: list[int] = []
    count = len(tags)
    for index in range(1, count):
        token, before, tag = tokens[index], tokens[index - 1], tags[index]
        if (
            before.text in (";", ":")
            or before.kind is Kind.DASH
            or before.text == "," and (tag == "CC" or tag in _WH or token.lower in _SUBORDINATORS)
            or tag in _WH and tags[index - 1] in _NOUNS  # a relative clause: "the man who ..."
            or tag == "CC" and index + 1 < count and tokens[index + 1].lower in _SUBJECT_PRONOUNS  # "he ran and she hid"
            or token.in_dialogue != before.in_dialogue  # speech gives way to narration or back (a dialogue tag)
        ):
            cuts.append(index)
    bounds = [0, *cuts, count]  # (in order, each once)
    return tuple((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b)
