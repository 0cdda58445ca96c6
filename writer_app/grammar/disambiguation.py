"""Tag disambiguation after the tagger: agreement facts a statistical tagger trained on web text misses.

A verb right after a third-person singular subject cannot be a base form or a non-third-person present
("the dog lay", "she lay"): when the word can be a past tense, it is one. A participle (or an adjective
reading) right after a subject with no finite verb before it in the clause is a past tense too ("she
smiled", "Tom lay thinking"), unless a finite verb follows ("the man arrested yesterday was freed"). A verb coordinated with a
past tense takes its tense ("picked it up and read it"). "'d" before a participle is "had". A real
agreement error ("he don't") keeps its tag, since "do" has no past-tense reading, so the rules still see it.
"""

from __future__ import annotations

from collections.abc import Sequence

_SINGULAR_SUBJECT_PRONOUNS = frozenset({"he", "she", "it"})
_SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
_AUXILIARY_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "TO"})
_FINITE_TAGS = frozenset({"MD", "VBD", "VBP", "VBZ"})
_AUXILIARY_PAST = frozenset({"was", "were", "had", "'d", "’d", "got", "did"})


def disambiguate(words: Sequence[str], tags: Sequence[str], possible: Sequence[frozenset[str]]) -> list[str]:
    """Return the tags with verb readings that contradict their subject corrected."""
    out = list(tags)
    seen_verb = False
    last_verb = ""
    for index, tag in enumerate(out):
        if index and tag in ("VB", "VBP", "VBN") and out[index - 1] == "CC" and last_verb == "VBD" and "VBD" in possible[index]:
            out[index] = tag = "VBD"  # "picked it up and read it", "descended and touched"
        if tag == "MD" and words[index].lower() in ("'d", "’d") and _participle_follows(out, index):
            out[index] = tag = "VBD"
        if index and tag in ("VB", "VBP", "VBN", "JJ") and "VBD" in possible[index] and not seen_verb:
            out[index] = _past_after_subject(words, out, index)
        if out[index] in _AUXILIARY_TAGS:
            seen_verb = seen_verb or out[index] in _FINITE_TAGS
            if out[index] != "TO":
                # after "was" or "had" a verb past "and" is a participle again: "was tired and worried"
                last_verb = "AUX" if words[index].lower() in _AUXILIARY_PAST else out[index]
        elif out[index] in (".", ":") or words[index] in (";", "—", "--"):
            last_verb = ""
            seen_verb = False
    return out


def _past_after_subject(words: Sequence[str], tags: Sequence[str], index: int) -> str:
    """Return the tag of a possible past tense right after its subject, before any other verb of its clause."""
    tag = tags[index]
    before = words[index - 1].lower()
    before_tag = tags[index - 1]
    pronoun = before in _SUBJECT_PRONOUNS and before_tag == "PRP"
    noun = before_tag in ("NN", "NNS", "NNP", "NNPS") and before not in _SUBJECT_PRONOUNS
    singular = before in _SINGULAR_SUBJECT_PRONOUNS or (noun and before_tag in ("NN", "NNP"))
    if tag in ("VB", "VBP") and singular:
        return "VBD"  # "the dog lay", "she lay"
    if tag == "VBN" and pronoun:
        return "VBD"  # "she smiled"
    if tag in ("VBN", "JJ") and (pronoun or noun) and not _finite_verb_follows(tags, index):
        return "VBD"  # "the tail lifted and wagged", "Tom lay thinking"; not "the man arrested was freed"
    return tag


def _finite_verb_follows(tags: Sequence[str], index: int) -> bool:
    """True when a finite verb comes later in the same clause (so the word may be a reduced relative)."""
    for tag in tags[index + 1 :]:
        if tag in ("VBD", "VBZ", "VBP", "MD"):
            return True
        if tag in (".", ":"):
            return False
    return False


def _participle_follows(tags: Sequence[str], index: int) -> bool:
    """True when the next word that is not an adverb is a past participle ("she'd never seen")."""
    for tag in tags[index + 1 : index + 4]:
        if tag != "RB":
            return tag == "VBN"
    return False
