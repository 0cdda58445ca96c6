"""Ground truth for judging character discovery on Pride and Prejudice (shared by the test and the benchmark)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

# The corpus README's main cast, each with the spellings that name that one person in the novel.
MAIN_CAST: dict[str, set[str]] = {
    "Elizabeth Bennet": {"Elizabeth", "Elizabeth Bennet", "Lizzy", "Eliza", "Miss Elizabeth", "Miss Eliza",
                         "Miss Elizabeth Bennet", "Miss Eliza Bennet"},
    "Mr. Darcy": {"Mr. Darcy", "Darcy", "Fitzwilliam Darcy"},
    "Jane Bennet": {"Jane", "Jane Bennet", "Miss Bennet"},
    "Mr. Bingley": {"Mr. Bingley", "Bingley", "Charles Bingley", "Charles"},
    "Mrs. Bennet": {"Mrs. Bennet"},
    "Mr. Bennet": {"Mr. Bennet"},
    "Lydia": {"Lydia", "Lydia Bennet", "Mrs. Wickham", "Lydia Wickham"},
    "Kitty": {"Kitty", "Catherine", "Kitty Bennet"},
    "Mary": {"Mary", "Mary Bennet"},
    "Mr. Wickham": {"Mr. Wickham", "Wickham", "George Wickham"},
    "Mr. Collins": {"Mr. Collins", "Collins", "William Collins"},
    "Charlotte Lucas": {"Charlotte", "Charlotte Lucas", "Miss Lucas", "Mrs. Collins"},
    "Lady Catherine de Bourgh": {"Lady Catherine", "Lady Catherine de Bourgh"},
    "Georgiana Darcy": {"Georgiana", "Georgiana Darcy", "Miss Darcy"},
    "Caroline Bingley": {"Caroline", "Caroline Bingley", "Miss Bingley"},
    "Mrs. Gardiner": {"Mrs. Gardiner"},
    "Mr. Gardiner": {"Mr. Gardiner"},
    "Sir William Lucas": {"Sir William", "Sir William Lucas"},
    "Colonel Fitzwilliam": {"Colonel Fitzwilliam"},
    "Mrs. Hurst": {"Mrs. Hurst", "Louisa"},
    "Mr. Hurst": {"Mr. Hurst", "Hurst"},
}

# Other people of the book (minor characters), by the names the prose uses.
MINOR_PEOPLE: set[str] = {
    "Mrs. Phillips", "Mr. Phillips", "Phillips", "Maria", "Maria Lucas", "Lady Lucas", "Mrs. Long",
    "Colonel Forster", "Mrs. Forster", "Forster", "Mr. Denny", "Denny", "Miss de Bourgh", "Anne",
    "Mrs. Jenkinson", "Mrs. Reynolds", "Mr. Morris", "Mr. Robinson", "Harriet", "Pratt", "Chamberlayne",
    "Mrs. Younge", "Mr. Jones", "Sir Lewis de Bourgh", "Lady Metcalf", "Mrs. Nicholls", "Hill", "Miss King",
    "Mary King", "Miss Grantley", "Mrs. Annesley", "Mr. Pope", "Captain Carter", "Wickham", "Mr. Stone",
    "Lady Anne", "George", "Miss Watson", "Dawson", "John", "Sarah", "Mr. Chamberlayne", "William",
}


def people_matches(name: str, variants: Sequence[str]) -> tuple[str | None, bool]:
    """Which main-cast member a suggestion names (or None) and whether it names a person of the book at all."""
    forms = {name, *variants}
    for member, spellings in MAIN_CAST.items():
        if name in spellings:
            return member, True
    for member, spellings in MAIN_CAST.items():
        if forms & spellings:
            return member, True
    return None, bool(forms & MINOR_PEOPLE)


def chapter_texts(path: Path) -> list[str]:
    """The novel's chapters split on its ``Chapter N`` headings (the text before the first is dropped)."""
    text = path.read_text(encoding="utf-8")
    return [part for part in re.split(r"^Chapter \d+\s*$", text, flags=re.M)[1:]]


def judge_top(candidates: Sequence[object], top: int = 20) -> tuple[int, set[str], list[str]]:
    """Count people among the top suggestions, collect the distinct main-cast members, and format a report."""
    people = 0
    members: set[str] = set()
    lines = []
    for rank, candidate in enumerate(candidates[:top], 1):
        member, is_person = people_matches(candidate.name, candidate.variants)
        people += is_person
        if member:
            members.add(member)
        verdict = f"main cast: {member}" if member else ("minor character" if is_person else "NOT A PERSON")
        lines.append(f"{rank:3d}. {candidate.name:<28} {candidate.count:5d}  {verdict}")
    return people, members, lines
