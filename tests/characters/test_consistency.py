"""Near-miss spellings of cast names are caught with the cast spelling as the fix; ordinary words are not."""

from __future__ import annotations

from writer_app.characters.consistency import NameSpeller


def slips(names: list[str], text: str) -> list[tuple[str, str, str]]:
    return [(s.found, s.expected, s.kind) for s in NameSpeller(names).check(text)]


def test_near_miss_spellings_of_a_cast_name_are_flagged_with_the_cast_spelling() -> None:
    text = "Katharine waved. Kathrine laughed, and Markus's dog barked at Katherine and Marcus."
    assert slips(["Katherine", "Marcus"], text) == [
        ("Katharine", "Katherine", "spelling"), ("Kathrine", "Katherine", "spelling"),
        ("Markus's", "Marcus's", "spelling"),
    ]


def test_a_possessive_without_its_apostrophe_and_a_name_without_its_capital_are_flagged() -> None:
    text = "Evelyns coat was wet. Later evelyn dried it by Evelyn's fire."
    found = slips(["Evelyn"], text)
    assert found == [("Evelyns", "Evelyn's", "possessive"), ("evelyn", "Evelyn", "capital")]
    spans = NameSpeller(["Evelyn"]).check(text)
    assert text[spans[1].start:spans[1].end] == "evelyn" and "capital" in spans[1].message


def test_ordinary_words_and_other_characters_are_never_flagged() -> None:
    cast = ["Mark", "Marks Wood", "Rose", "Will Turner", "Mara", "Sarah", "Sara"]
    text = ("Mark made a mark. Marks on the wall; rose bushes; will you come? Maria said. Mars rose. "
            "Sarah and Sara met. MARCUS shouted.")
    assert slips(cast, text) == []
    assert slips([], "Anything at all.") == []


def test_short_names_have_no_near_misses() -> None:
    assert slips(["Kit", "Ann"], "Kat and Anne and Kip came.") == []


def test_a_family_in_the_plural_is_not_a_possessive_missing_its_apostrophe() -> None:
    text = "The Bennets came. Both Bennets laughed; the young Bennets were loud. Bennets dog barked."
    assert slips(["Mr. Bennet"], text) == [("Bennets", "Bennet's", "possessive")]
    assert NameSpeller(["Mr. Bennet"]).check(text)[0].start == text.rindex("Bennets")


def test_inflected_family_names_and_places_named_after_people_are_not_misspellings() -> None:
    cast = ["Natásha Rostóva", "Count Rostóv", "Julie Karágina", "Semënovna", "Valúev"]
    text = ("The Rostóvs came to the Karágins’ house; Karágins and Rostóvs remained. Semënova sang. Rostóv's son "
            "rode to Valúevo. Rostóva smiled.")
    assert slips(cast, text) == []
    assert slips(cast, "Karagina waved.") == [("Karagina", "Karágina", "spelling")]


def test_a_plural_followed_by_a_verb_or_its_own_apostrophe_is_not_a_missing_possessive() -> None:
    text = "Evelyns remained. Evelyns requesting it. At the Evelyns’ door. Evelyns beneath. Evelyns hat fell."
    assert slips(["Evelyn"], text) == [("Evelyns", "Evelyn's", "possessive")]


def test_inflected_everyday_words_and_hyphenated_compounds_are_not_names() -> None:
    assert slips(["Jesus", "Pitt", "Injun Joe"], "Jests fell flat. Piti-piti went the rain; injun-meal.") == []
