"""Discovery on short drafts proposes every named character once and nothing else."""

from __future__ import annotations

import re

import pytest

from tests.characters.short_drafts import Draft, judge_draft, load_drafts
from writer_app.characters.discover import discover_candidates

DRAFT_LIST = load_drafts()
# A draft whose miss has no general fix stays an expected failure, with its reason (strict: a fix shows up).
JUDGED = [pytest.param(d, id=d.file, marks=[pytest.mark.xfail(reason=d.known_failure, strict=True)]
                       if d.known_failure else []) for d in DRAFT_LIST]


def test_there_are_at_least_six_short_drafts() -> None:
    assert len(DRAFT_LIST) >= 6


@pytest.mark.parametrize("draft", JUDGED)
def test_every_named_character_of_a_short_draft_is_proposed_once_and_nothing_else(draft: Draft) -> None:
    candidates = discover_candidates([draft.text])
    missing, wrong, twice = judge_draft(draft, candidates)
    assert (missing, wrong, twice) == ([], [], []), [(c.name, c.variants) for c in candidates]


@pytest.mark.parametrize("draft", DRAFT_LIST, ids=[d.file for d in DRAFT_LIST])
def test_the_first_paragraph_of_a_short_draft_already_proposes_the_people_it_names(draft: Draft) -> None:
    first = next(p for p in draft.text.split("\n\n") if p.strip())
    found = {form for c in discover_candidates([first]) for form in (c.name, *c.variants)}
    named = [person for person in draft.people
             if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", first) for form in person)]
    assert all(found & set(person) for person in named), (first, found)
