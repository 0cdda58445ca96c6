"""Reading the shared novels by chapter, and checks on a top-20 list shared by the tests and the benchmark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from writer_app.characters.titles import SURNAME_TITLES, TITLE_KIND, TITLES, kinds_conflict

NOVELS = ("pride-and-prejudice.txt", "war-and-peace.txt", "tom-sawyer.txt")
_HEADING = re.compile(r"^(?:Chapter \d+|CHAPTER [IVXLC]+\.?)\s*$", re.M)
_TITLE_VALUES = frozenset(TITLES.values())

# Places each novel names often; none may be proposed as a person.
PLACES = {
    "pride-and-prejudice.txt": {"Meryton", "Pemberley", "Netherfield", "Longbourn", "Rosings", "Hunsford",
                                "Brighton", "London", "Derbyshire", "Lambton", "Kent", "Hertfordshire"},
    "war-and-peace.txt": {"Moscow", "Petersburg", "Bald Hills", "Borodinó", "Smolénsk", "Austerlitz", "Otrádnoe",
                          "Vienna", "Russia", "France", "Kremlin", "Mozháysk", "Vyázma"},
    "tom-sawyer.txt": {"St. Petersburg", "Jackson's Island", "Petersburg", "Illinois", "Missouri", "Mississippi"},
}


def novel_chapters(path: Path) -> list[str]:
    """The chapters of a corpus novel, split on its ``Chapter N`` / ``CHAPTER I`` headings."""
    return _HEADING.split(path.read_text(encoding="utf-8"))[1:]


def _parts(form: str) -> tuple[str, list[str]]:
    words = form.split(" ")
    if words[0] in _TITLE_VALUES and len(words) > 1:
        return words[0], words[1:]
    return "", words


def surnames(variants: Sequence[str]) -> set[str]:
    """The family names an entry's forms state: the last of a full name, the word after "Mr."."""
    found = set()
    for form in variants:
        title, words = _parts(form)
        if len(words) >= 2:
            if not (len(words) == 2 and words[1].lower().endswith(("vich", "vna", "ichna", "ych", "ich"))):
                found.add(words[-1])
        elif title in SURNAME_TITLES and title != "Miss":
            found.add(words[0])
    return found


def two_people(variants: Sequence[str]) -> str:
    """Why an entry's forms name two people ("" when they do not): two surnames, or "Mr." and "Mrs."."""
    names = surnames(variants)
    if len(names) > 1:
        return f"two surnames {sorted(names)}"
    kinds = {TITLE_KIND[_parts(f)[0]] for f in variants if _parts(f)[0] in TITLE_KIND}
    return "a man's and a woman's title" if kinds_conflict(kinds) else ""


def unmerged_title_variants(candidates: Sequence[object]) -> list[tuple[str, str]]:
    """Pairs of entries where one is the other with a title added or taken away ("Lucy" / "Miss Lucy")."""
    pairs = []
    for a in candidates:
        for b in candidates:
            title_a, words_a = _parts(a.name)
            title_b, words_b = _parts(b.name)
            if a is b or title_a or not title_b or words_a != words_b:
                continue
            pairs.append((a.name, b.name))
    return pairs


def top_report(candidates: Sequence[object], places: set[str], top: int = 20) -> tuple[list[str], list[str]]:
    """The top entries formatted with their aliases, and the problems found in them."""
    lines, problems = [], []
    for rank, candidate in enumerate(candidates[:top], 1):
        why = two_people(candidate.variants)
        place = sorted(set(candidate.variants) & places)
        verdict = f"TWO PEOPLE: {why}" if why else (f"PLACE: {place[0]}" if place else "")
        if verdict:
            problems.append(f"{candidate.name}: {verdict}")
        aliases = ", ".join(v for v in candidate.variants if v != candidate.name)
        lines.append(f"{rank:3d}. {candidate.name:<26} {candidate.count:5d}  {aliases}  {verdict}".rstrip())
    problems += [f"{a} / {b}: one person in two entries" for a, b in unmerged_title_variants(candidates[:top])]
    return lines, problems
