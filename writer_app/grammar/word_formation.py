"""Words a dictionary lacks that English makes of its words: derivations, compounds, archaic forms, and the
spelled-out accents fiction writes on purpose ("fwiend", "vell"). Each test is given ``is_word``, the speller's
judge of a plain dictionary word, so a verdict never rests on another shape rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from writer_app.grammar.foreign import ENGLISH_WORDS
from writer_app.grammar.suggest import edits1

SUFFIXES = ("like", "less", "ness", "wise", "ful", "ship", "hood", "ward", "wards")
# Second halves that make everyday closed compounds ("cowhouse", "ryefield", "fieldglass").
COMPOUND_HEADS = frozenset(
    """
    house houses field fields glass glasses land lands pool pools work works man men woman women cloth cloths
    play room rooms yard yards side sides wood woods hand handed head headed free pan pans shop shops keeper
    keepers maker makers boat boats ship ships wife wives mill mills fold folds stone stones light lights
    fire fires book books board boards flown born bound fast like wise less ness way ways path paths
    """.split()
)
EYE_DIALECT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), right)
    for pattern, right in (
        (r"(?<=[bcdfgkpt])w|^w(?=[aeiou]\w{3,})", "r"),  # "fwiend", "thwee", "wetched" (not "wich")
        (r"v", "w"),  # "vell", "vill"
        (r"z", "th"),  # "ze", "zat"
        (r"d", "th"),  # "dat", "dere"
        (r"ah(?=s?$)", "er"),  # "bettah", "powdah"
        (r"ah(?=s?$)", "ar"),  # "collahs"
        (r"oh$", "or"),  # "foh"
        (r"ff", "v"),  # "neffer"
        (r"p", "b"),  # "plood"
    )
)
PREFIXES = ("un", "re", "non", "mis", "over", "under", "out", "half", "self", "counter", "fore", "sub", "super",
             "anti", "pseudo", "quasi", "ultra")
# A compound's first half is never a function word: "ofthe", "andthen" are missing spaces, i.e. typos.
FUNCTION_WORDS = ENGLISH_WORDS | frozenset(
    """
    after again also am another any around away back because before being both came come could did does
    down each even ever every few first get got had has have her here him his how its just know last like
    made make many more most much must never new next now off old once one only other our out over own
    same saw see she should some such take than that their them then there these they thing think this
    those though through too two under upon use very was way went were what when where which while who
    why will with would yet you your
    """.split()
)


def is_derived(lower: str, is_word: Callable[[str], bool]) -> bool:
    """Productive English: "gentlemanlike", "unfrequently", "repinings", "teasingly", "cowhouse" (two real words)."""
    if not lower.isalpha() or len(lower) < 6:
        return False
    for suffix in SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3 and is_word(lower[: -len(suffix)]):
            return True
    if lower.endswith("ings") and is_word(lower[:-1]):
        return True
    if lower.endswith(("edly", "ingly")) and is_word(lower[:-2]):
        # An adverb made of a participle ("grumblingly", "good-humoredly"; never "happyly"), unless a word is
        # one slip away ("separatedly" is "separately" with a stray letter).
        return not any(is_word(near) for near in edits1(lower))
    for ending in ("eth", "est", "st"):  # archaic verb forms: "falleth", "shineth", "gavest"
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < 3 or (ending == "st" and not stem.endswith("e")):
            continue
        if is_word(stem) or is_word(stem + "e"):
            return True
    for prefix in PREFIXES:
        if lower.startswith(prefix) and len(lower) - len(prefix) >= 5 and is_word(lower[len(prefix) :]):
            return True
    for cut in range(3, len(lower) - 2):
        left, right = lower[:cut], lower[cut:]
        if right not in COMPOUND_HEADS or left in FUNCTION_WORDS:
            continue
        if is_word(left) and is_word(right):
            return True
    return False


def is_eye_dialect(lower: str, is_word: Callable[[str], bool]) -> bool:
    """Spelled-out accents fiction uses on purpose: "fwiend", "wetched" (r -> w), "vell", "ze", "goot".

    Only swaps of letters far apart on a keyboard, in the shapes accents take, so typos stay flagged.
    """
    for pattern, right in EYE_DIALECT:
        candidate = pattern.sub(right, lower)
        if candidate != lower and len(candidate) >= 2 and is_word(candidate):
            return True
    return len(lower) >= 4 and lower.endswith("t") and is_word(lower[:-1] + "d")  # "goot", "sount"
