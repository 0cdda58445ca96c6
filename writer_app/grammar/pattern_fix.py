"""Replacement and message templates of token-pattern rules, with fixes made by inflection.

A template is text with references to the matched tokens (numbered from 1 in the rule's ``tokens``):

- ``{2}`` token 2 as written; ``{2|lower}``, ``{2|upper}``, ``{2|capitalize}``;
- ``{2|lemma}`` its lemma; ``{2|as:VBZ}`` its lemma in the form the Penn tag names ("went" -> "goes");
- ``{lie|as:VBD}`` a given lemma in a given form ("lay"); ``{lie|as:3}`` in the form token 3 has
  ("laying" -> "lying", "laid" -> "lay").

An optional token that did not take part leaves nothing (and no doubled space).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from writer_app.grammar.inflection import TAGS, inflect
from writer_app.grammar.tokens import Word

REF = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
_LEMMA = re.compile(r"[a-z][a-z'-]*\Z")
_FILTERS = {"lower": str.lower, "upper": str.upper, "capitalize": lambda s: s[:1].upper() + s[1:]}
_SPACES = re.compile(r"  +")


class TemplateError(ValueError):
    """A template refers to a token the pattern does not have, or uses an unknown filter."""


@dataclass(frozen=True, slots=True)
class _Ref:
    source: int | str  # a token index (0-based) or a lemma given in the template
    filter: str = ""  # "", "lemma", "lower", "upper", "capitalize", "as"
    tag: str = ""  # for "as": the tag wanted
    tag_of: int = -1  # for "as": the token whose tag is wanted


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: literal text and token references, in order."""

    text: str
    parts: tuple[str | _Ref, ...]

    @property
    def tokens(self) -> frozenset[int]:
        """The token indexes (0-based) the template reads."""
        found: set[int] = set()
        for part in self.parts:
            if isinstance(part, _Ref):
                if isinstance(part.source, int):
                    found.add(part.source)
                if part.tag_of >= 0:
                    found.add(part.tag_of)
        return frozenset(found)

    def expand(self, words: Sequence[Word], match: Sequence[int | None]) -> str | None:
        """The template's text for one match, or None when it comes out empty."""
        out: list[str] = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else _value(part, words, match))
        value = _SPACES.sub(" ", "".join(out)).strip()
        return value or None


def _value(ref: _Ref, words: Sequence[Word], match: Sequence[int | None]) -> str:
    word: Word | None = None
    if isinstance(ref.source, int):
        index = match[ref.source]
        if index is None:
            return ""
        word = words[index]
    if ref.filter == "as":
        tag = ref.tag
        if ref.tag_of >= 0:
            other = match[ref.tag_of]
            if other is None:
                return ""
            tag = words[other].tag
        lemma = ref.source if isinstance(ref.source, str) else (word.lemma or word.lower)  # type: ignore[union-attr]
        return inflect(lemma, tag)
    if word is None:
        return str(ref.source)
    if ref.filter == "lemma":
        return word.lemma or word.lower
    if ref.filter in _FILTERS:
        return _FILTERS[ref.filter](word.text)
    return word.text


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
    if filter_text in ("lemma", *_FILTERS):
        return _Ref(head, filter_text)
    if filter_text.startswith("as:"):
        wanted = filter_text[3:].strip()
        if wanted.isdigit():
            return _Ref(head, "as", tag_of=_token(wanted, count))
        if wanted not in TAGS:
            raise TemplateError(f"'as:{wanted}' is not a tag forms can be made for ({', '.join(sorted(TAGS))})")
        return _Ref(head, "as", tag=wanted)
    raise TemplateError(f"'|{filter_text}' is not a template filter (lemma, lower, upper, capitalize, as:TAG, as:N)")
