"""On the shared novels the top 20 suggestions hold no place, no entry with two people, no unmerged title variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.characters.novels import (
    NOVELS,
    PLACES,
    novel_chapters,
    top_report,
    two_people,
    unmerged_title_variants,
)
from writer_app.characters.discover import Candidate, discover_candidates


def test_an_entry_with_a_mr_and_a_mrs_or_two_surnames_is_reported_as_two_people() -> None:
    assert two_people(("Mr. Vane", "Mrs. Vane"))
    assert two_people(("Elizabeth", "Elizabeth Bennet", "Elizabeth Darcy"))
    assert not two_people(("Mr. Darcy", "Darcy", "Fitzwilliam Darcy"))
    assert not two_people(("Anna Pávlovna", "Anna Pávlovna Schérer"))
    assert unmerged_title_variants([Candidate("Lucy", 9), Candidate("Miss Lucy", 2)]) == [("Lucy", "Miss Lucy")]


@pytest.mark.slow
@pytest.mark.parametrize("novel", NOVELS)
def test_the_top_twenty_of_a_novel_are_people_each_one_person_in_one_entry(corpus_dir: Path, novel: str) -> None:
    candidates = discover_candidates(novel_chapters(corpus_dir / novel), limit=20)
    lines, problems = top_report(candidates, PLACES[novel])
    assert len(candidates) == 20
    assert problems == [], "\n".join(lines)
