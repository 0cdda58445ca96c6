"""Tag disambiguation after the tagger: agreement facts a statistical tagger trained on web text misses.

A verb right after a third-person singular subject cannot be a base form or a non-third-person present
("the dog lay", "she lay"): when the word can be a past tense, it is one. A participle right after a
subject pronoun with no auxiliary before it is a past tense too ("she smiled"). A verb coordinated with a
past tense takes its tense ("picked it up and read it"). "'d" before a participle is "had". A real
agreement error ("he don't") keeps its tag, since "do" has no past-tense reading, so the rules still see it.
"""

from __future__ import annotations

from collections.abc import Sequence

_SINGULAR_SUBJECT_PRONOUNS = frozenset({"he", "she", "it"})
_SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
_AUXILIARY_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "TO"})


def disambiguate(words: Sequence[str], tags: Sequence[str], possible: Sequence[frozenset[str]]) -> list[str]:
    """Return the tags with verb readings that contradict their subject corrected."""
    out = list(tags)
    seen_verb = False
    last_verb = ""
    for index, tag in enumerate(out):
        if index and tag in ("VB", "VBP") and out[index - 1] == "CC" and last_verb == "VBD" and "VBD" in possible[index]:
            out[index] = tag = "VBD"
        if tag == "MD" and words[index].lower() in ("'d", "’d") and _participle_follows(out, index):
            out[index] = tag = "VBD"
        if index and tag in ("VB", "VBP", "VBN") and "VBD" in possible[index] and not seen_verb:
            before = words[index - 1].lower()
            before_tag = out[index - 1]
            singular_subject = before in _SINGULAR_SUBJECT_PRONOUNS or (
                before_tag in ("NN", "NNP") and before not in _SUBJECT_PRONOUNS
            )
            if tag in ("VB", "VBP") and singular_subject:
                out[index] = "VBD"
            elif tag == "VBN" and before in _SUBJECT_PRONOUNS and before_tag == "PRP":
                out[index] = "VBD"
        if out[index] in _AUXILIARY_TAGS:
            seen_verb = True
            if out[index] != "TO":
                last_verb = out[index]
        elif out[index] in (".", ":") or words[index] == ";":
            last_verb = ""
    return out


def _participle_follows(tags: Sequence[str], index: int) -> bool:
    """True when the next word that is not an adverb is a past participle ("she'd never seen")."""
    for tag in tags[index + 1 : index + 4]:
        if tag != "RB":
            return tag == "VBN"
    return False
