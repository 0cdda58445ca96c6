"""One person, one entry: title variants, first/surname/full names and stated nicknames merge; two people never do."""

from __future__ import annotations

from writer_app.characters.discover import Candidate, discover_candidates
from writer_app.characters.titles import SURNAME_TITLES


def by_name(text: str) -> dict[str, Candidate]:
    return {c.name: c for c in discover_candidates([text])}


def entry_of(candidates: dict[str, Candidate], form: str) -> Candidate:
    [entry] = [c for c in candidates.values() if form in c.variants]
    return entry


def surnames(candidate: Candidate) -> set[str]:
    """The family names an entry's forms state ("Harker" for "Jonathan Harker" and "Mr. Harker")."""
    found = set()
    for form in candidate.variants:
        words = form.split(" ")
        if len(words) >= 3 or (len(words) == 2 and words[0] not in SURNAME_TITLES):
            found.add(words[-1])
        elif len(words) == 2:
            found.add(words[1])
    return found


def test_a_title_and_the_same_name_bare_are_one_person() -> None:
    text = (
        "Dr. Van Helsing opened his bag. Van Helsing said nothing for a while. Then Van Helsing looked up. "
        "Lord Godalming stood by the door; Godalming had not slept. Godalming said he would stay. "
        "Lucy slept. Miss Lucy, the old man said, must not be left alone. Lucy turned in her sleep, and "
        "Lucy woke."
    )
    found = by_name(text)
    assert set(entry_of(found, "Van Helsing").variants) == {"Dr. Van Helsing", "Van Helsing"}
    assert set(entry_of(found, "Godalming").variants) == {"Lord Godalming", "Godalming"}
    assert set(entry_of(found, "Lucy").variants) == {"Lucy", "Miss Lucy"}


def test_a_titled_surname_joins_the_only_full_name_with_that_surname() -> None:
    text = (
        "Quincey Morris rode in at noon. Quincey laughed at the rain. Mr. Morris, said the clerk, was expected. "
        "Quincey said he was. Mr. Morris signed the book and went up."
    )
    entry = entry_of(by_name(text), "Mr. Morris")
    assert set(entry.variants) == {"Quincey", "Quincey Morris", "Mr. Morris"}


def test_a_mr_and_a_mrs_of_one_family_stay_two_people() -> None:
    text = ("Mrs. Harlow poured the tea. Mr. Harlow read the paper. Mrs. Harlow sighed, and Mr. Harlow turned "
            "a page. Harlow never looked up.")
    found = by_name(text)
    assert found["Mrs. Harlow"].variants == ("Mrs. Harlow",)
    assert found["Mr. Harlow"].variants[0] == "Mr. Harlow"
    assert "Mrs. Harlow" not in found["Mr. Harlow"].variants


def test_a_bare_first_name_used_for_two_people_stays_apart_from_both() -> None:
    text = (
        "Anna Pávlovna received her guests. Anna Mikháylovna came late. Anna Pávlovna frowned at her. "
        "Anna Mikháylovna smiled. Anna said nothing. Nicholas Rostóv rode up; Nicholas Bolkónski rode away. "
        "Nicholas Rostóv laughed and Nicholas Bolkónski scowled. Nicholas sighed."
    ) * 2
    found = by_name(text)
    for person in ("Anna Pávlovna", "Anna Mikháylovna", "Nicholas Rostóv", "Nicholas Bolkónski"):
        assert entry_of(found, person).variants == (person,)
    assert found["Anna"].variants == ("Anna",)
    assert found["Nicholas"].variants == ("Nicholas",)


def test_an_entry_never_holds_two_surnames() -> None:
    text = (
        "Elizabeth Bennet walked out. Elizabeth Darcy, her cousin, stayed in. Elizabeth laughed. "
        "Mr. Bennet read. Miss Bennet sewed. Bennet was tired. Mr. Grey came. Mrs. Grey came after him. "
        "Jonathan Harker wrote. Harker said the post was late. Mina Harker sealed the letter."
    ) * 2
    for candidate in discover_candidates([text]):
        assert len(surnames(candidate)) <= 1, candidate


def test_a_rarely_used_bare_first_name_does_not_join_a_lady_of_the_same_name() -> None:
    text = ("Lady Catherine sat in state. Lady Catherine spoke. Lady Catherine frowned. Lady Catherine rose. "
            "Catherine and Lydia ran off to town. Kitty coughed.")
    found = by_name(text)
    assert found["Lady Catherine"].variants == ("Lady Catherine",)


def test_a_nickname_joins_only_when_the_text_gives_it() -> None:
    said = by_name("Her name was Elizabeth, or Lizzy, as her father said. Lizzy laughed. Elizabeth wrote.")
    assert set(entry_of(said, "Lizzy").variants) == {"Elizabeth", "Lizzy"}
    unsaid = by_name("Elizabeth wrote to her aunt. Lizzy laughed at the letter. Elizabeth sealed it.")
    assert entry_of(unsaid, "Lizzy").variants == ("Lizzy",)
    plainly = by_name("Robert, known as Bob, came in. Bob laughed. Robert sat. Margaret (Peggy) waved. Peggy left. Margaret sang.")
    assert set(entry_of(plainly, "Bob").variants) == {"Robert", "Bob"}
    assert set(entry_of(plainly, "Peggy").variants) == {"Margaret", "Peggy"}
    # Two people named side by side are not a nickname.
    apart = by_name("Kutúzov, or Weyrother, would decide. Kutúzov slept. Weyrother talked.")
    assert entry_of(apart, "Weyrother").variants == ("Weyrother",)


def test_suggestions_merged_by_the_writer_become_one_under_the_first_name() -> None:
    from writer_app.characters.discover import merge_suggestions

    found = discover_candidates(["Elizabeth wrote to her aunt. Lizzy laughed at the letter. Elizabeth sealed it. "
                                 "Jane smiled."])
    merged = merge_suggestions(found, ["Elizabeth", "Lizzy"])
    assert [c.name for c in merged] == ["Elizabeth", "Jane"]
    assert merged[0].variants == ("Elizabeth", "Lizzy") and merged[0].count == 3
    assert merged[0].to_character().aliases == ["Lizzy"]
    assert merge_suggestions(found, ["Elizabeth"]) == found


def test_an_entry_is_named_by_its_most_used_form_and_a_title_leads_its_own_bare_name() -> None:
    text = ("Harriet Vance curtsied. Harriet sat. Harriet smiled. Harriet laughed. Miss Vance, said the lady. "
            "Mr. Darcy bowed. Darcy left. Mr. Darcy returned. Darcy spoke.")
    found = by_name(text)
    assert set(found["Harriet"].variants) == {"Harriet", "Harriet Vance", "Miss Vance"}
    assert set(found["Mr. Darcy"].variants) == {"Mr. Darcy", "Darcy"}


def test_a_bare_first_name_far_more_common_than_a_titled_one_is_someone_else() -> None:
    text = ("The Emperor Alexander rode past. " + "Alexander smiled. " * 12
            + "Prince Alexander Golítsyn bowed. Prince Alexander left.")
    found = by_name(text)
    assert found["Alexander"].variants == ("Alexander",)
    assert "Alexander" not in entry_of(found, "Prince Alexander").variants


def test_a_bare_first_name_said_to_a_titled_person_in_a_short_draft_is_that_person() -> None:
    text = ('Sir Thomas sat at the chess table. "Margery." Sir Thomas rose. Lady Margery held out the letter. '
            'Sir Thomas read it. "Thomas." Lady Margery\'s voice was sharp. "Margery, you cannot." Sir Thomas '
            "laughed. Lady Margery went to the window.")
    found = by_name(text)
    assert set(entry_of(found, "Sir Thomas").variants) == {"Sir Thomas", "Thomas"}
    assert set(entry_of(found, "Lady Margery").variants) == {"Lady Margery", "Margery"}


def test_a_nickname_given_as_a_real_name_or_to_everyone_joins_the_person() -> None:
    text = ("Tiny, whose real name was Theodore, sat in front. Tiny laughed. \"Yes, Theodore?\" Mr. Pickering "
            "sighed. Mr. Pickering was Pickles to every kid in the school. \"Did Pickles just say thanks?\" "
            "Mr. Pickering left.")
    found = by_name(text)
    assert set(entry_of(found, "Tiny").variants) == {"Tiny", "Theodore"}
    assert set(entry_of(found, "Mr. Pickering").variants) == {"Mr. Pickering", "Pickles"}


def test_one_pronoun_after_a_full_name_does_not_make_it_a_man_that_miss_cannot_name() -> None:
    text = ('"Jasmine Okoro." Mr. Pickering did not look up; he never did. "Sorry, sir." '
            '"Miss Okoro, was that a word?" Miss Okoro shook her head.')
    found = by_name(text)
    assert set(entry_of(found, "Miss Okoro").variants) == {"Miss Okoro", "Jasmine Okoro"}
