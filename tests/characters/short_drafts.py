"""The hand-written short drafts and the people each names (shared by the test and the benchmark)."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DRAFTS = Path(__file__).resolve().parent / "drafts"


@dataclass(frozen=True)
class Draft:
    """One short draft: its file name, its text, the spellings of each person it names, and why discovery is
    known to get it wrong (empty when it should get it right)."""

    file: str
    text: str
    people: tuple[tuple[str, ...], ...]
    known_failure: str = ""


def load_drafts() -> list[Draft]:
    """Every draft listed in ``drafts/expected.toml``."""
    data = tomllib.loads((DRAFTS / "expected.toml").read_text(encoding="utf-8"))
    return [
        Draft(entry["file"], (DRAFTS / entry["file"]).read_text(encoding="utf-8"),
              tuple(tuple(person) for person in entry["people"]), entry.get("known_failure", ""))
        for entry in data["draft"]
    ]


def judge_draft(draft: Draft, candidates: Sequence[object]) -> tuple[list[str], list[str], list[str]]:
    """What went wrong: people not proposed (or proposed without their usual spelling), suggestions that are no
    one (or two people), people proposed twice."""
    proposed: dict[int, list[str]] = {}
    wrong: list[str] = []
    usual: set[int] = set()
    for candidate in candidates:
        forms = {candidate.name, *candidate.variants}
        owners = {n for n, person in enumerate(draft.people) if forms & set(person)}
        if len(owners) != 1 or not forms <= set(draft.people[next(iter(owners))]):
            wrong.append(f"{candidate.name} ({', '.join(candidate.variants)})")
            continue
        owner = owners.pop()
        proposed.setdefault(owner, []).append(candidate.name)
        if draft.people[owner][0] in forms:
            usual.add(owner)
    missing = [person[0] for n, person in enumerate(draft.people) if n not in proposed]
    missing += [f"{person[0]} (only as {', '.join(proposed[n])})" for n, person in enumerate(draft.people)
                if n in proposed and n not in usual]
    twice = [" + ".join(names) for names in proposed.values() if len(names) > 1]
    return missing, wrong, twice
