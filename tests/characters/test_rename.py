"""Renaming a character finds every place the prose writes the name, and renames it in the cast."""

from __future__ import annotations

import pytest

from writer_app.characters.cast import Cast, Character
from writer_app.characters.rename import RenameError, plan_manuscript_rename, plan_rename, rename_in_cast


def test_every_written_form_of_the_name_is_changed_but_not_longer_words_or_lowercase() -> None:
    text = '"Marcus." Evelyn looked up.\n\nMarcus sat. MARCUS! Marcus\'s coat, Marcus’s hat; Marcusson and marcus.'
    [chapter] = plan_rename([("One", text)], "Marcus", "Markus")
    assert [c.found for c in chapter.changes] == ["Marcus", "Marcus", "MARCUS", "Marcus", "Marcus"]
    assert [c.line for c in chapter.changes] == [1, 3, 3, 3, 3]
    assert chapter.renamed() == ('"Markus." Evelyn looked up.\n\nMarkus sat. MARKUS! Markus\'s coat, Markus’s hat; '
                                 "Marcusson and marcus.")


def test_a_full_name_is_found_across_a_line_break_and_chapters_without_it_are_left_out() -> None:
    planned = plan_rename([("One", "Nothing here."), ("Two", "Then Anna\nKarenina left.")], "Anna Karenina", "Anna K")
    assert [(p.chapter, [c.found for c in p.changes]) for p in planned] == [("Two", ["Anna\nKarenina"])]
    assert planned[0].changes[0].preview(planned[0].text) == ("…Then Anna\nKarenina left.…", "…Then Anna K left.…")


def test_the_cast_is_renamed_in_names_and_aliases() -> None:
    cast = Cast([Character("Marcus", ["Marcus Tate", "Mr. Tate"]), Character("Evelyn", ["Marcus's sister"])])
    assert rename_in_cast(cast, "Marcus", "Markus") == ["Markus", "Evelyn"]
    assert cast.find("Markus").aliases == ["Markus Tate", "Mr. Tate"]
    assert cast.find("Evelyn").aliases == ["Markus's sister"]


def test_renaming_to_another_characters_name_or_to_nothing_is_refused() -> None:
    cast = Cast([Character("Marcus"), Character("Markus")])
    with pytest.raises(RenameError, match="already another character"):
        rename_in_cast(cast, "Marcus", "Markus")
    with pytest.raises(RenameError):
        plan_rename([("One", "Marcus")], "Marcus", "  ")
    with pytest.raises(RenameError):
        plan_rename([("One", "Marcus")], "Marcus", "Marcus")


def test_a_manuscript_rename_plans_chapters_by_id_the_cast_and_the_word_list_without_changing_them() -> None:
    cast = Cast([Character("Marcus", ["Marcus Tate"]), Character("Evelyn")])
    chapters = [("c1", "One", "Marcus's hat."), ("c2", "Two", "Evelyn alone."), ("c3", "Three", "MARCUS!")]
    plan = plan_manuscript_rename(chapters, cast, ["Marcus", "Glimmer"], "Marcus", "Markus")
    assert [(cid, c.renamed()) for cid, c in plan.chapters] == [("c1", "Markus's hat."), ("c3", "MARKUS!")]
    assert plan.total == 2 and plan.cast_changed == ("Markus",)
    assert plan.cast.find("Markus").aliases == ["Markus Tate"] and cast.find("Marcus") is not None  # a copy
    assert plan.word_list == ("Markus", "Glimmer")


@pytest.mark.parametrize(("new", "sentence"), [
    ("", "Both the old and the new name are needed"),
    ("Evelyn", "Evelyn is already a name in the cast"),
    ("evelyn", "evelyn is already a name in the cast"),
    ("Mr. Tate", r"Mr. Tate is already a name in the cast \(of Marcus\)"),
])
def test_a_rename_to_an_empty_or_already_used_name_is_refused_with_one_sentence(new: str, sentence: str) -> None:
    cast = Cast([Character("Marcus", ["Mr. Tate"]), Character("Evelyn")])
    with pytest.raises(RenameError, match=sentence):
        plan_manuscript_rename([("c1", "One", "Marcus and Evelyn.")], cast, [], "Marcus", new)


def test_a_name_found_nowhere_is_refused() -> None:
    with pytest.raises(RenameError, match="Zed does not appear"):
        plan_manuscript_rename([("c1", "One", "Marcus.")], Cast([Character("Marcus")]), [], "Zed", "Zack")
