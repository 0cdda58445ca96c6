"""Nouns and verbs one or two letters apart with the same stem (belief/believe, breath/breathe, loss/lose), for
fixes of a noun written where a verb must stand and back.

The pairs are not listed by hand: a noun and a verb are partners when English's regular noun/verb
alternations at the end of a word turn one into the other (a voiced ending for the verb: f -> ve, th -> the,
ce -> se, ss -> se; and the old pairs' ice -> ose, ss -> ed: choice/choose, success/succeed), and the lexicon knows the first as
a noun and the second as a verb. :func:`noun_verb_pairs` lists them for a word list; the pattern templates
``{N|noun}`` and ``{N|verb}`` (:mod:`writer_app.grammar.pattern_fix`) use :func:`noun_partner` and
:func:`verb_partner` to make the fix in the written word's number ("believes" -> "beliefs"). The template
``{N|abstract}`` gives an adjective's noun by a regular ending (:func:`abstract_noun`: important/importance).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

# (noun ending, verb ending): belief/believe, life/live, proof/prove, breath/breathe, device/devise,
# loss/lose, success/succeed, choice/choose.
ALTERNATIONS: tuple[tuple[str, str], ...] = (
    ("f", "ve"),
    ("fe", "ve"),
    ("oof", "ove"),
    ("th", "the"),
    ("ce", "se"),
    ("ss", "se"),
    ("ss", "ed"),
    ("ice", "ose"),
)
# (adjective ending, noun ending): important/importance, absent/absence, urgent/urgency, able/ability,
# possible/possibility; the first the lexicon knows as a noun wins.
ADJECTIVE_NOUN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ant", "ance"),
    ("ant", "ancy"),
    ("ent", "ence"),
    ("ent", "ency"),
    ("able", "ability"),
    ("ible", "ibility"),
)
_NOUN_TAGS = frozenset({"NN"})
_VERB_TAGS = frozenset({"VB"})


class _Lexicon(Protocol):
    def entries(self, word: str) -> dict[str, str]: ...  # pragma: no cover - a protocol

    def lemma(self, word: str, tag: str) -> str: ...  # pragma: no cover - a protocol

    def inflect(self, lemma: str, tag: str) -> str | None: ...  # pragma: no cover - a protocol


def _form(lemma: str, tag: str, lexicon: _Lexicon) -> str:
    """``lemma``'s ``tag`` form: the lexicon's ("lives"), else by the regular rules."""
    from writer_app.grammar.inflection import inflect

    return lexicon.inflect(lemma, tag) or inflect(lemma, tag)


def _is_noun(word: str, lexicon: _Lexicon) -> bool:
    return lexicon.entries(word).get("NN") == word


def _is_verb(word: str, lexicon: _Lexicon) -> bool:
    return lexicon.entries(word).get("VB") == word


def verb_of_noun(noun: str, lexicon: _Lexicon) -> str | None:
    """The verb a regular alternation makes of the singular ``noun`` ("belief" -> "believe"), or None."""
    if not _is_noun(noun, lexicon):
        return None
    for noun_end, verb_end in ALTERNATIONS:
        if noun.endswith(noun_end) and len(noun) > len(noun_end) + 1:
            verb = noun[: len(noun) - len(noun_end)] + verb_end
            if verb != noun and _is_verb(verb, lexicon):
                return verb
    return None


def noun_of_verb(verb: str, lexicon: _Lexicon) -> str | None:
    """The noun a regular alternation makes of the plain ``verb`` ("believe" -> "belief"), or None."""
    if not _is_verb(verb, lexicon):
        return None
    for noun_end, verb_end in ALTERNATIONS:
        if verb.endswith(verb_end) and len(verb) > len(verb_end) + 1:
            noun = verb[: len(verb) - len(verb_end)] + noun_end
            if noun != verb and _is_noun(noun, lexicon) and verb_of_noun(noun, lexicon) == verb:
                return noun
    return None


def noun_verb_pairs(words: Iterable[str], lexicon: _Lexicon) -> list[tuple[str, str]]:
    """The (noun, verb) partners among ``words`` (each word tried as a noun), in the words' order."""
    pairs: list[tuple[str, str]] = []
    for word in words:
        verb = verb_of_noun(word, lexicon) if word.isalpha() else None
        if verb is not None:
            pairs.append((word, verb))
    return pairs


def noun_partner(written: str, lexicon: _Lexicon) -> str | None:
    """The noun to write for the verb ``written``, in the verb's number: "believe" -> "belief",
    "believes" -> "beliefs"."""
    lower = written.lower()
    noun = noun_of_verb(lower, lexicon)
    if noun is not None:
        return noun
    base = lexicon.lemma(lower, "VBZ") if lower.endswith("s") else ""
    noun = noun_of_verb(base, lexicon) if base and base != lower else None
    return _form(noun, "NNS", lexicon) if noun is not None else None


def verb_partner(written: str, lexicon: _Lexicon) -> str | None:
    """The verb to write for the noun ``written``: "belief" -> "believe", "beliefs" -> "believes"."""
    lower = written.lower()
    verb = verb_of_noun(lower, lexicon)
    if verb is not None:
        return verb
    base = lexicon.lemma(lower, "NNS") if lower.endswith("s") else ""
    verb = verb_of_noun(base, lexicon) if base and base != lower else None
    return _form(verb, "VBZ", lexicon) if verb is not None else None


def abstract_noun(written: str, lexicon: _Lexicon) -> str | None:
    """The noun naming the quality of the adjective ``written`` by a regular ending ("important" ->
    "importance", "silent" -> "silence", "possible" -> "possibility"), or None."""
    lower = written.lower()
    if lexicon.entries(lower).get("JJ") != lower:
        return None
    for adjective_end, noun_end in ADJECTIVE_NOUN_ENDINGS:
        if lower.endswith(adjective_end) and len(lower) > len(adjective_end) + 2:
            noun = lower[: len(lower) - len(adjective_end)] + noun_end
            if _is_noun(noun, lexicon):
                return noun
    return None
