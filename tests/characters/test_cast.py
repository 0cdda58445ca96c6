"""The cast model: reading odd project.json entries, editing, merging, names for the speller, saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.characters.cast import Cast, Character
from writer_app.core.project import Project


def test_entries_without_a_name_are_skipped_or_take_their_first_alias() -> None:
    cast = Cast.from_dicts([
        {"name": "", "aliases": []},
        {"name": "   ", "aliases": ["Kat", "Katherine"]},
        {"aliases": None},
        "not an object",
        {"name": "Damon", "aliases": ["", "  Damon  ", "D."]},
    ])
    assert [c.name for c in cast] == ["Kat", "Damon"]
    assert cast.find("kat").aliases == ["Katherine"]
    assert cast.find("Damon").aliases == ["D."]


def test_repeated_names_are_merged_into_one_character() -> None:
    cast = Cast.from_dicts([{"name": "Elena", "aliases": ["Lena"]}, {"name": "elena", "aliases": ["Ellie"]}])
    assert len(cast) == 1
    assert cast.find("Elena").aliases == ["Lena", "elena", "Ellie"]


def test_invalid_colour_is_dropped_and_a_palette_colour_assigned() -> None:
    cast = Cast.from_dicts([{"name": "Theo", "color": "red; drop table"}])
    assert cast.find("Theo").color.startswith("#") and len(cast.find("Theo").color) == 7


def test_adding_an_empty_or_duplicate_name_is_refused() -> None:
    cast = Cast([Character("Jess")])
    with pytest.raises(ValueError):
        cast.add(Character("  "))
    with pytest.raises(ValueError):
        cast.add(Character("JESS"))


def test_all_names_gives_names_aliases_and_their_word_parts() -> None:
    cast = Cast([Character("Mr. Darcy", ["Fitzwilliam Darcy", "Darcy's"]), Character("Dr. (Who)")])
    words = cast.all_names()
    assert {"Mr. Darcy", "Fitzwilliam Darcy", "Fitzwilliam", "Darcy", "Mr", "Who"} <= words
    assert "" not in words


def test_merge_folds_names_aliases_and_notes_into_the_target() -> None:
    elena = Character("Elena", ["Lena"], notes="Comes home.")
    ellie = Character("Ellie", ["Elle"], notes="Nickname.")
    cast = Cast([elena, ellie])
    cast.merge(elena, [ellie])
    assert [c.name for c in cast] == ["Elena"]
    assert elena.aliases == ["Lena", "Ellie", "Elle"]
    assert "Nickname." in elena.notes


def test_save_to_writes_the_cast_into_project_json(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "novel", "Novel")
    cast = Cast([Character("Elena", ["Lena"], color="#123456", notes="hi")])
    cast.save_to(project)
    project.close()
    reopened = Project.open(tmp_path / "novel", read_only=True)
    assert Cast.from_project(reopened).to_dicts() == [
        {"name": "Elena", "aliases": ["Lena"], "color": "#123456", "notes": "hi"}
    ]


def test_splitting_an_entry_gives_each_alias_an_entry_of_its_own() -> None:
    from writer_app.characters.cast import Cast, Character

    cast = Cast([Character("Elizabeth", ["Lizzy", "Eliza"], notes="the heroine"), Character("Jane")])
    elizabeth = cast.find("Elizabeth")
    created = cast.split(elizabeth)
    assert [c.name for c in created] == ["Lizzy", "Eliza"]
    assert [c.name for c in cast] == ["Elizabeth", "Jane", "Lizzy", "Eliza"]
    assert elizabeth.aliases == [] and elizabeth.notes == "the heroine"
    assert len({c.color for c in cast}) == 4


def test_splitting_drops_an_alias_that_is_already_a_character_and_refuses_an_entry_without_aliases() -> None:
    import pytest

    from writer_app.characters.cast import Cast, Character

    cast = Cast([Character("Kitty", ["Catherine"]), Character("Catherine")])
    assert cast.split(cast.find("Kitty")) == []
    assert [c.name for c in cast] == ["Kitty", "Catherine"]
    with pytest.raises(ValueError):
        cast.split(cast.find("Kitty"))
