"""Replacement and message templates of token-pattern rules, with fixes made by inflection.

A template is text with references to the matched tokens (numbered from 1 in the rule's ``tokens``):

- ``{2}`` token 2 as written; ``{2|lower}``, ``{2|upper}``, ``{2|capitalize}``;
- ``{2|lemma}`` its lemma; ``{2|as:VBZ}`` its lemma in the form the Penn tag names ("went" -> "goes");
- ``{lie|as:VBD}`` a given lemma in a given form ("lay"); ``{lie|as:3}`` in the form token 3 has
  ("laying" -> "lying", "laid" -> "lay");
- ``{2|object}`` / ``{2|subject}`` a personal pronoun in the other case ("I" -> "me", "him" -> "he");
- ``{2|noun}`` the noun partner of a verb in the same number ("believes" -> "beliefs"), ``{2|verb}`` the verb
  partner of a noun ("breath" -> "breathe"), ``{2|abstract}`` the noun of an adjective ("important" ->
  "importance"), by :mod:`writer_app.grammar.word_class`; nothing when it has none.

An optional token that did not take part leaves nothing (and no doubled space). Forms come from the
pipeline's lexicon where it knows the lemma, else from the regular rules of :mod:`inflection`; a token
the tagger read in a way the lexicon does not allow ("forgave" as a plain verb after "would") is
lemmatised by the reading the lexicon has for it ("forgive").
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from writer_app.grammar.inflection import TAGS, alternatives, inflect
from writer_app.grammar.tokens import Word

log = logging.getLogger(__name__)

REF = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
_LEMMA = re.compile(r"[a-z][a-z'-]*\Z")
# A personal pronoun in the other case ("I" -> "me", "him" -> "he"); any other word is left as written.
_OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "who": "whom"}
_SUBJECT_CASE = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they", "whom": "who"}
_FILTERS = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
    "object": lambda s: _OBJECT_CASE.get(s.lower(), s),
    "subject": lambda s: _SUBJECT_CASE.get(s.lower(), s),
}
_SPACES = re.compile(r"  +")


class TemplateError(ValueError):
    """A template refers to a token the pattern does not have, or uses an unknown filter."""


@dataclass(frozen=True, slots=True)
class _Ref:
    source: int | str  # a token index (0-based) or a lemma given in the template
    filter: str = ""  # "", "lemma", "lower", "upper", "capitalize", "object", "subject", "as", "noun", "verb", "abstract"
    tag: str = ""  # for "as": the tag wanted
    tag_of: int = -1  # for "as": the token whose tag is wanted


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: literal text and token references, in order."""

    text: str
    parts: tuple[str | _Ref, ...]

    def satisfied(self, words: Sequence[Word], match: Sequence[int | None], flagged: str) -> bool:
        """True when the template is one inflected token and ``flagged`` is already a right form of it."""
        if len(self.parts) != 1 or not isinstance(self.parts[0], _Ref) or self.parts[0].filter != "as":
            return False
        ref = self.parts[0]
        lemma_tag = _lemma_and_tag(ref, words, match)
        return lemma_tag is not None and flagged.lower().replace("’", "'") in acceptable_forms(*lemma_tag)

    def expand(self, words: Sequence[Word], match: Sequence[int | None]) -> str | None:
        """The template's text for one match, or None when it comes out empty."""
        out: list[str] = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else _value(part, words, match))
        value = _SPACES.sub(" ", "".join(out)).strip()
        return value or None


_VERB_READINGS = ("VBD", "VBN", "VBZ", "VBG", "VBP", "VB")
_OTHER_READINGS = ("JJR", "JJS", "RBR", "RBS", "NNS", "NN", "JJ", "RB")


@functools.lru_cache(maxsize=1)
def _lexicon():  # noqa: ANN202 - the pipeline's Lexicon, or None when it cannot be loaded (said once)
    try:
        from writer_app.grammar.lexicon import shipped_lexicon

        return shipped_lexicon()
    except (ImportError, OSError, ValueError) as error:
        log.warning("the lexicon cannot be loaded (%s); fixes use regular inflection only", error)
        return None


def reading_lemma(word: Word, tag: str) -> str:
    """The lemma of ``word`` for making its ``tag`` form, by a reading the lexicon allows for the word."""
    if not word.tags or word.tag in word.tags and word.tag[:2] == tag[:2]:
        return word.lemma or word.lower  # the tagger's reading is one the lexicon allows, of the wanted kind
    order = _VERB_READINGS + _OTHER_READINGS if tag.startswith("VB") else _OTHER_READINGS + _VERB_READINGS
    lexicon = _lexicon()
    for reading in order:
        if reading in word.tags:
            return lexicon.lemma(word.lower, reading).lower() if lexicon is not None else word.lemma
    return word.lemma or word.lower


def inflect_form(lemma: str, tag: str) -> str:
    """The preferred form of ``lemma`` for ``tag``: the lexicon's, else the regular rules' ("be" by its table)."""
    if lemma != "be":
        lexicon = _lexicon()
        form = lexicon.inflect(lemma, tag) if lexicon is not None else None
        if form:
            return form
    return inflect(lemma, tag)


def acceptable_forms(lemma: str, tag: str) -> frozenset[str]:
    """Every spelling of ``lemma``'s ``tag`` form that is right ("learned" and "learnt")."""
    found = {inflect(lemma, tag)}
    lexicon = _lexicon()
    if lexicon is not None:
        found.update(lexicon.forms(lemma, tag))
    found.update(alternatives(lemma, tag))
    return frozenset(form.lower() for form in found)


def _lemma_and_tag(ref: _Ref, words: Sequence[Word], match: Sequence[int | None]) -> tuple[str, str] | None:
    tag = ref.tag
    if ref.tag_of >= 0:
        other = match[ref.tag_of]
        if other is None:
            return None
        tag = words[other].tag
    if isinstance(ref.source, str):
        return ref.source, tag
    index = match[ref.source]
    if index is None:
        return None
    return reading_lemma(words[index], tag), tag


def _value(ref: _Ref, words: Sequence[Word], match: Sequence[int | None]) -> str:
    if ref.filter == "as":
        lemma_tag = _lemma_and_tag(ref, words, match)
        return inflect_form(*lemma_tag) if lemma_tag is not None else ""
    if isinstance(ref.source, str):
        return ref.source
    index = match[ref.source]
    if index is None:
        return ""
    word = words[index]
    if ref.filter == "lemma":
        return word.lemma or word.lower
    if ref.filter in _PARTNERS:
        return _partner(ref.filter, word.text)
    if ref.filter in _FILTERS:
        return _FILTERS[ref.filter](word.text)
    return word.text


_PARTNERS = ("noun", "verb", "abstract")


def _partner(kind: str, written: str) -> str:
    """The noun (``kind`` "noun") or verb partner of ``written`` (belief/believe), or the noun of an adjective
    ("abstract": important/importance); "" when it has none."""
    from writer_app.grammar.word_class import abstract_noun, noun_partner, verb_partner

    lexicon = _lexicon()
    if lexicon is None:
        return ""
    found = {"noun": noun_partner, "verb": verb_partner, "abstract": abstract_noun}[kind](written, lexicon)
    return found or ""


def parse_template(text: str, count: int) -> Template:
    """Parse ``text`` for a pattern of ``count`` tokens; raise TemplateError saying what is wrong."""
    parts: list[str | _Ref] = []
    position = 0
    for m in REF.finditer(text):
        if m.start() > position:
            parts.append(text[position : m.start()])
        parts.append(_parse_ref(m.group(1).strip(), (m.group(2) or "").strip(), count))
        position = m.end()
    rest = text[position:]
    if "{" in rest or "}" in rest or any("{" in p or "}" in p for p in parts if isinstance(p, str)):
        raise TemplateError(f"the template '{text}' has a brace that is not part of a {{N}} reference")
    if rest:
        parts.append(rest)
    return Template(text, tuple(parts))


def _token(value: str, count: int) -> int:
    number = int(value)
    if not 1 <= number <= count:
        raise TemplateError(f"'{{{value}}}' refers to token {number} but the pattern has {count} tokens")
    return number - 1


def _parse_ref(source: str, filter_text: str, count: int) -> _Ref:
    if source.isdigit():
        head: int | str = _token(source, count)
    elif _LEMMA.match(source):
        head = source
        if not filter_text.startswith("as:"):
            raise TemplateError(f"'{{{source}}}' names a word, which needs a form: {{{source}|as:VBD}} or {{{source}|as:2}}")
    else:
        raise TemplateError(f"'{{{source}}}' is neither a token number nor a lower-case lemma")
    if not filter_text:
        return _Ref(head)
    if filter_text in ("lemma", *_PARTNERS, *_FILTERS):
        return _Ref(head, filter_text)
    if filter_text.startswith("as:"):
        wanted = filter_text[3:].strip()
        if wanted.isdigit():
            return _Ref(head, "as", tag_of=_token(wanted, count))
        if wanted not in TAGS:
            raise TemplateError(f"'as:{wanted}' is not a tag forms can be made for ({', '.join(sorted(TAGS))})")
        return _Ref(head, "as", tag=wanted)
    raise TemplateError(f"'|{filter_text}' is not a template filter (lemma, lower, upper, capitalize, object, subject, noun, verb, abstract, as:TAG, as:N)")
