"""Titles of address ("Mr.", "Lady", "Colonel") and which of them can never name the same person."""

from __future__ import annotations

from collections.abc import Iterable

TITLES = {
    "Mr": "Mr.", "Mrs": "Mrs.", "Ms": "Ms.", "Mx": "Mx.", "Dr": "Dr.", "Miss": "Miss", "Lady": "Lady",
    "Lord": "Lord", "Sir": "Sir", "Dame": "Dame", "Colonel": "Colonel", "Captain": "Captain", "Major": "Major",
    "General": "General", "Lieutenant": "Lieutenant", "Sergeant": "Sergeant", "Admiral": "Admiral",
    "Doctor": "Doctor", "Professor": "Professor", "Prince": "Prince", "Princess": "Princess", "Count": "Count",
    "Countess": "Countess", "Duke": "Duke", "Duchess": "Duchess", "Baron": "Baron", "Baroness": "Baroness",
    "Madame": "Madame", "Monsieur": "Monsieur", "Mademoiselle": "Mademoiselle", "Aunt": "Aunt", "Auntie": "Auntie",
    "Uncle": "Uncle", "Father": "Father", "Reverend": "Reverend", "Rev": "Rev.", "Widow": "Widow",
    "Judge": "Judge", "Doc": "Doc", "Inspector": "Inspector", "Detective": "Detective", "Nurse": "Nurse",
    "Constable": "Constable", "Officer": "Officer", "Brother": "Brother", "Sister": "Sister", "Master": "Master",
    "Mistress": "Mistress",
}
# Titles before a family name ("Mr. Darcy"): the bare word after them is a surname.
SURNAME_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Colonel", "Captain", "Major", "General",
                            "Lieutenant", "Sergeant", "Admiral", "Doctor", "Professor", "Miss", "Judge", "Doc",
                            "Inspector", "Detective", "Nurse", "Constable", "Officer",
                            "Master", "Mistress"})
# Titles before a first name or a family name: "Master Tom", "Mistress Cole" (as "Miss Lucy", "Miss Bennet").
EITHER_NAME_TITLES = frozenset({"Miss", "Master", "Mistress"})

# Who a title can address: a man, a married woman, an unmarried woman, a woman; other titles say nothing.
_MAN = "man"
_WIFE = "wife"
_MAID = "maid"
_WOMAN = "woman"
TITLE_KIND = {
    "Mr.": _MAN, "Lord": _MAN, "Sir": _MAN, "Prince": _MAN, "Count": _MAN, "Duke": _MAN, "Baron": _MAN,
    "Monsieur": _MAN, "Uncle": _MAN, "Father": _MAN, "Brother": _MAN, "Master": _MAN,
    "Mrs.": _WIFE, "Madame": _WIFE,
    "Miss": _MAID, "Mademoiselle": _MAID,
    "Lady": _WOMAN, "Dame": _WOMAN, "Princess": _WOMAN, "Countess": _WOMAN, "Duchess": _WOMAN,
    "Baroness": _WOMAN, "Aunt": _WOMAN, "Auntie": _WOMAN, "Ms.": _WOMAN, "Widow": _WOMAN, "Sister": _WOMAN,
    "Mistress": _WOMAN,
}
_FEMALE = frozenset({_WIFE, _MAID, _WOMAN})


def kinds_conflict(kinds: Iterable[str]) -> bool:
    """Tell whether titles of these kinds must address different people ("Mr. X" and "Mrs. X")."""
    found = set(kinds)
    if _MAN in found and found & _FEMALE:
        return True
    return _WIFE in found and _MAID in found


def is_male_title(title: str) -> bool:
    """Tell whether ``title`` addresses a man."""
    return TITLE_KIND.get(title) == _MAN


def is_female_title(title: str) -> bool:
    """Tell whether ``title`` addresses a woman."""
    return TITLE_KIND.get(title) in _FEMALE
