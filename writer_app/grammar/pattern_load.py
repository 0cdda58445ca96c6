"""Read the token lists of ``[[pattern]]`` rules into :class:`TokenSpec` values, and choose their triggers.

Each token is a TOML inline table; every key is optional and all given keys must hold:

``word``  one word or a list (any case; ’ and ' alike)       ``regex``  a regular expression for the text
``lemma`` one lemma or a list                                 ``tag``    a Penn tag, a list, or a regex ("VB[DN]")
``tags``  a regex one of the lexicon's tags for the word must match (what the word *can* be)
``chunk`` an IOB chunk label, a list or a regex ("B-NP", ".-VP")
``number`` "sg" or "pl"    ``person`` 1, 2, 3 or a list    ``dialogue`` true/false (spoken or not)
``case`` "title", "lower" or "upper"
``not_word``, ``not_lemma``, ``not_tag``, ``not_tags``: the token must not have these (same forms as above)
``negate`` true: a token that fails the other keys    ``optional`` true: may be absent
``skip`` N: up to N other tokens may come before this one
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from writer_app.grammar.inflection import forms_of, strong_forms
from writer_app.grammar.patterns import CASES, TokenSpec, surface_words
from writer_app.grammar.regex_analysis import word_rarity

_KEYS = frozenset(
    {
        "word", "regex", "lemma", "tag", "tags", "chunk", "number", "person", "dialogue", "case",
        "not_word", "not_lemma", "not_tag", "not_tags", "negate", "optional", "skip",
    }
)
_TEST_KEYS = _KEYS - {"negate", "optional", "skip"}
_MAX_SKIP = 8


class PatternError(ValueError):
    """A token pattern is malformed; the message says which token and why."""


def _strings(value: object, where: str, key: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise PatternError(f"{where}: '{key}' must be a word or a non-empty list of words")
    return items


def _words(value: object, where: str, key: str) -> frozenset[str]:
    return frozenset(v.strip().lower().replace("’", "'") for v in _strings(value, where, key))


def _regex(value: object, where: str, key: str, flags: int = 0) -> re.Pattern[str]:
    if isinstance(value, list):
        text = "|".join(re.escape(v) for v in _strings(value, where, key))
    else:
        text = _strings(value, where, key)[0]
        if key in ("tag", "tags", "not_tag", "not_tags"):
            text = text.replace("$", r"\$")  # PRP$ and WP$ are tags, not anchors
    try:
        return re.compile(f"(?:{text})", flags)
    except re.error as error:
        raise PatternError(f"{where}: '{key}' is not a valid regular expression ({error.msg})") from None


def _flag(value: object, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise PatternError(f"{where}: '{key}' must be true or false")
    return value


def parse_spec(raw: object, where: str) -> TokenSpec:
    """One token table -> TokenSpec; raise PatternError naming ``where`` on a problem."""
    if not isinstance(raw, dict):
        raise PatternError(f"{where} must be a table like {{ word = \"its\" }}")
    unknown = set(raw) - _KEYS
    if unknown:
        raise PatternError(f"{where}: unknown key '{sorted(unknown)[0]}' (one of {', '.join(sorted(_KEYS))})")
    if not set(raw) & _TEST_KEYS and not raw.get("skip"):
        raise PatternError(f"{where} tests nothing; give it a word, lemma, tag or other key")
    fields: dict[str, object] = {}
    if "word" in raw:
        fields["words"] = _words(raw["word"], where, "word")
    if "lemma" in raw:
        fields["lemmas"] = _words(raw["lemma"], where, "lemma")
    for key in ("word", "lemma"):
        if f"not_{key}" in raw:
            fields[f"not_{key}s"] = _words(raw[f"not_{key}"], where, f"not_{key}")
    for key in ("not_tag", "not_tags"):
        if key in raw:
            fields[key] = _regex(raw[key], where, key)
    if "regex" in raw:
        fields["regex"] = _regex(raw["regex"], where, "regex", re.IGNORECASE)
    for key in ("tag", "tags", "chunk"):
        if key in raw:
            fields[key] = _regex(raw[key], where, key)
    if "number" in raw:
        if raw["number"] not in ("sg", "pl"):
            raise PatternError(f"{where}: 'number' must be \"sg\" or \"pl\"")
        fields["number"] = raw["number"]
    if "person" in raw:
        people = raw["person"] if isinstance(raw["person"], list) else [raw["person"]]
        if not people or not all(isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= 3 for p in people):
            raise PatternError(f"{where}: 'person' must be 1, 2, 3 or a list of them")
        fields["person"] = frozenset(people)
    if "case" in raw:
        if raw["case"] not in CASES:
            raise PatternError(f"{where}: 'case' must be one of {', '.join(CASES)}")
        fields["case"] = raw["case"]
    for key in ("dialogue", "negate", "optional"):
        if key in raw:
            fields[key] = _flag(raw[key], where, key)
    if "skip" in raw:
        skip = raw["skip"]
        if not isinstance(skip, int) or isinstance(skip, bool) or not 0 <= skip <= _MAX_SKIP:
            raise PatternError(f"{where}: 'skip' must be a whole number from 0 to {_MAX_SKIP}")
        fields["skip"] = skip
    return TokenSpec(**fields)  # type: ignore[arg-type]


def parse_tokens(raw: object, label: str) -> tuple[TokenSpec, ...]:
    """A list of token tables -> specs; at least one token must be required (neither optional nor negated)."""
    if not isinstance(raw, list) or not raw:
        raise PatternError(f"'{label}' must be a non-empty list of token tables")
    specs = tuple(parse_spec(item, f"{label}, token {n + 1}") for n, item in enumerate(raw))
    if specs[0].skip:
        raise PatternError(f"{label}, token 1: 'skip' makes no sense on the first token")
    if not any(spec.required for spec in specs):
        raise PatternError(f"'{label}' needs one token that is neither optional nor negated")
    return specs


def parse_mark(raw: object, count: int) -> tuple[int, int]:
    """``mark = 2`` or ``mark = [2, 3]`` (tokens numbered from 1) -> a 0-based inclusive range."""
    if raw is None:
        return 0, count - 1
    bounds = [raw, raw] if isinstance(raw, int) and not isinstance(raw, bool) else raw
    if (
        not isinstance(bounds, list) or len(bounds) != 2
        or not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds)
    ):
        raise PatternError("'mark' must be a token number or [first, last]")
    first, last = bounds
    if not 1 <= first <= last <= count:
        raise PatternError(f"'mark' is {raw} but the pattern has {count} tokens")
    return first - 1, last - 1


def _selecting_words(spec: TokenSpec) -> frozenset[str] | None:
    """The paragraph words one of which shows a token passing ``spec`` is there (None: cannot say)."""
    if not spec.required:
        return None
    if spec.words is not None:
        return surface_words(spec.words)
    if spec.lemmas is not None:
        return surface_words(frozenset(form for lemma in spec.lemmas for form in forms_of(lemma)))
    return None


def pattern_triggers(
    specs: Sequence[TokenSpec], explicit: frozenset[str] | None, gate_sets: Sequence[frozenset[str]] = ()
) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The trigger words and the further word sets a paragraph must meet for the rule to be tried.

    The sets come from the required tokens and from the words the rule's gate needs (``gate_sets``); the
    rarest becomes the trigger.
    """
    sets = [words for words in map(_selecting_words, specs) if words]
    sets += [words for words in gate_sets if words not in sets]
    if explicit:
        return explicit, tuple(s for s in sets if s != explicit)
    if not sets:
        raise PatternError("no required token has a word or lemma to find it by; add one, or give 'triggers'")
    best = max(sets, key=lambda words: (min(map(word_rarity, words)), -len(words)))
    return best, tuple(s for s in sets if s is not best)


_FORM_PLACEHOLDER = re.compile(r"<(VBD|VBN|VBG|VBZ|VBD-not-VBN)>")


def _form_regex(tag: str) -> str:
    if tag == "VBG":
        return r"\w+ing"
    if tag == "VBZ":
        return r"\w+s"
    if tag == "VBD-not-VBN":
        forms = strong_forms("VBD") - strong_forms("VBN") - strong_forms("VB") - {"was", "did"}
        return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"
    strong = "|".join(sorted(strong_forms(tag) - strong_forms("VB"), key=len, reverse=True))
    return rf"(?:(?!\w*eed\b)\w\w+ed|{strong})"


def expand_gate(text: str) -> str:
    """Expand ``<VBD>``, ``<VBN>``, ``<VBG>``, ``<VBZ>`` in a gate into a regex for any word of that form.

    ``<VBD-not-VBN>`` stands for a strong verb's past tense that is not also its participle ("went", "took").
    Forms that are also some verb's plain form ("come", "let", "lay") are left out: the gate is for words
    that can only be a past.
    """
    return _FORM_PLACEHOLDER.sub(lambda m: _form_regex(m.group(1)), text)
