"""Build a rule's replacement text: expand group references, then match the flagged text's capitals."""

from __future__ import annotations

import re
from collections.abc import Iterable

# "{1}", "{0}", "{2|lower}", "{1|upper}", "{1|capitalize}", "{2|form}": a group of the match, optionally
# transformed; "form" looks the group's text up (lowercased, spaces collapsed) in the rule's ``forms`` table.
GROUP_REF = re.compile(r"\{(\d+)(?:\|(lower|upper|capitalize|form))?\}")

_TRANSFORMS = {
    None: lambda s: s,
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
}


def group_refs(template: str) -> list[int]:
    """Return the group numbers a template refers to."""
    return [int(m.group(1)) for m in GROUP_REF.finditer(template)]


def expand(template: str, match: re.Match[str], forms: dict[str, str] | None = None) -> str:
    """Replace ``{N}`` references in ``template`` by the match's groups (an unmatched group is empty)."""
    if "{" not in template:
        return template

    def substitute(ref: re.Match[str]) -> str:
        value = match.group(int(ref.group(1))) or ""
        if ref.group(2) == "form":
            # A name broken over a line or typed with two spaces looks up as written with one space.
            return (forms or {}).get(" ".join(value.lower().split()), value)
        return _TRANSFORMS[ref.group(2)](value)

    return GROUP_REF.sub(substitute, template)


def follow_case(replacement: str, flagged: str) -> str:
    """Give ``replacement`` the flagged text's capitals: ALL CAPS stays all caps, a capital first letter stays."""
    letters = [ch for ch in flagged if ch.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if letters[0].isupper():
        for index, ch in enumerate(replacement):
            if ch.isalpha():
                return replacement[:index] + ch.upper() + replacement[index + 1 :]
    return replacement


def follow_apostrophes(replacement: str, paragraph: str) -> str:
    """Write the replacement's apostrophes the way the paragraph does (straight ' or curly ’).

    Rule data spells contractions with ’; a writer who types straight apostrophes should not get a mix.
    A paragraph with neither style keeps the rule's own spelling.
    """
    if "’" in replacement and "'" in paragraph and "’" not in paragraph:
        return replacement.replace("’", "'")
    if "'" in replacement and "’" in paragraph and "'" not in paragraph:
        return replacement.replace("'", "’")
    return replacement


def finish_replacements(values: Iterable[str | None], flagged: str, paragraph: str, case: bool) -> list[str]:
    """A rule's expanded replacements as offered: the flagged text's capitals (when ``case``), the paragraph's
    apostrophes, each once, and none that only repeats the flagged text."""
    out: list[str] = []
    for value in values:
        if value is None:
            continue
        if case:
            value = follow_case(value, flagged)
        value = follow_apostrophes(value, paragraph)
        if value != flagged and value not in out:
            out.append(value)
    return out
