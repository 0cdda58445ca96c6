"""Discovery proposes people, not sentence-initial words, days, places or titles, and groups variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.characters.pride_and_prejudice import chapter_texts, judge_top
from writer_app.characters.discover import discover_candidates


def names(candidates) -> list[str]:
    return [c.name for c in candidates]


def test_a_name_seen_once_mid_sentence_in_a_short_draft_is_proposed_but_not_a_bare_sentence_opener() -> None:
    draft = ("The rain fell. Later that night Hannah opened the door and let Osgood in. Hannah laughed. "
             "Grace under fire was never her gift. Hope was gone.")
    found = names(discover_candidates([draft]))
    assert "Hannah" in found
    assert "Osgood" in found  # once, but capitalised mid-sentence: a name
    assert not {"Later", "The", "Grace", "Hope"} & set(found)


def test_modern_first_names_seen_once_in_a_short_draft_are_proposed() -> None:
    draft = ("The bus was late, so Zara checked her phone while Aiden argued with Mateo about the match. "
             "At the corner Priya waved, and Aaliyah and Yusuf ran to catch up.")
    found = names(discover_candidates([draft]))
    assert {"Zara", "Aiden", "Mateo", "Priya", "Aaliyah", "Yusuf"} <= set(found)
    assert "The" not in found


def test_sentence_initial_common_words_days_months_and_nationalities_are_not_proposed() -> None:
    text = (
        "When the bell rang, Tamsin ran. When it stopped, she sat. On Monday in March the English "
        "visitors came. Nothing happened. Tamsin waited; then Tamsin slept. Yes, Tamsin said, it was "
        "the Tuesday after. I'm sure I'll go."
    )
    found = names(discover_candidates([text]))
    assert found == ["Tamsin"]


def test_titles_attach_to_names_and_bare_surnames_join_the_dominant_titled_form() -> None:
    text = (
        "Mr. Okafor came in. Later Mr. Okafor sat down and Okafor smiled. Colonel Brandt nodded to "
        "Mr. Okafor. Okafor's hat was wet. Colonel Brandt left."
    )
    by_name = {c.name: c for c in discover_candidates([text])}
    assert by_name["Mr. Okafor"].variants == ("Mr. Okafor", "Okafor")
    assert by_name["Mr. Okafor"].count == 5
    assert "Colonel Brandt" in by_name
    assert "Okafor" not in by_name and "Colonel" not in by_name


def test_family_names_shared_by_several_people_are_not_proposed_alone() -> None:
    text = ("Mrs. Vane laughed. Mr. Vane frowned. Mrs. Vane wept. Mr. Vane slept. The Vane house stood. "
            "Tell Vane, she said. Vane was gone. Mrs. Vane sighed. Mr. Vane woke.") * 2
    found = names(discover_candidates([text]))
    assert "Mrs. Vane" in found and "Mr. Vane" in found
    assert "Vane" not in found


def test_first_and_full_names_are_grouped() -> None:
    text = "Priya Anand arrived. Later, Priya sat. She and Priya talked. Then Priya left. " * 2
    [candidate] = discover_candidates([text])
    assert candidate.name == "Priya"
    assert candidate.variants == ("Priya", "Priya Anand")
    assert candidate.count == 8


def test_places_are_recognised_by_their_company() -> None:
    text = (
        "They rode to Thornfield Hall. At Thornfield the dogs barked. Life in Thornfield was dull. "
        "Back in Thornfield again, Adele laughed. In Wessex it rained; they were in Wessex and near "
        "Wessex all year. Adele sang. Then Adele slept."
    )
    found = names(discover_candidates([text]))
    assert "Adele" in found
    assert "Thornfield" not in found and "Wessex" not in found


def test_cast_names_and_dismissed_suggestions_are_left_out() -> None:
    text = "Elena waved at Damon. Later Damon smiled at Elena, and Jess watched Elena and Damon. Jess left."
    assert sorted(names(discover_candidates([text]))) == ["Damon", "Elena", "Jess"]
    assert names(discover_candidates([text], exclude={"Elena"}, dismissed={"jess"})) == ["Damon"]


def test_empty_and_odd_input_gives_no_suggestions() -> None:
    assert discover_candidates([]) == []
    assert discover_candidates(["", "   ", "ALL CAPS SHOUTING HERE.", "123 456"]) == []


@pytest.mark.slow
def test_pride_and_prejudice_top_twenty_suggestions_are_the_books_people(corpus_dir: Path) -> None:
    candidates = discover_candidates(chapter_texts(corpus_dir / "pride-and-prejudice.txt"), limit=20)
    people, members, report = judge_top(candidates)
    assert people >= 17, "\n".join(report)
    assert len(members) >= 15, "\n".join(report)


def test_a_closing_quote_after_a_name_is_not_part_of_it() -> None:
    text = "‘I saw Borís’ face,’ said Natasha. ‘Borís’ horse and Borís’s sword.’ Borís smiled. Natasha smiled."
    found = names(discover_candidates([text]))
    assert "Borís" in found and not any(name.endswith("’") for name in found)


def test_first_names_that_are_everyday_words_need_evidence_of_a_person() -> None:
    draft = ('"Will you stop?" Grace under fire was not her gift. Hope was gone. "Hmm." "Shh," she said. '
             "Mark my words, it will rain.")
    assert names(discover_candidates([draft])) == []
    person = "Hope smiled at the door. Hope's coat was wet. \"Hope.\" Nobody answered her."
    assert names(discover_candidates([person])) == ["Hope"]


def test_an_address_a_speech_verb_or_a_possessive_proposes_a_name_seen_once() -> None:
    assert names(discover_candidates(['"Marcus." The door swung shut.'])) == ["Marcus"]
    assert names(discover_candidates(['"Not now," said Tavrin.'])) == ["Tavrin"]
    assert names(discover_candidates(["The rain had stopped. Brannagh's boat was gone."])) == ["Brannagh"]
    assert names(discover_candidates(['"Kade, wait for me."'])) == ["Kade"]


def test_bad_input_neither_crashes_nor_proposes_noise() -> None:
    assert discover_candidates(["The rain fell on the roof all night. Nobody came. It was cold."]) == []
    dialogue = '"Where?"\n\n"There."\n\n"Jonah, look."\n\n"I see it."\n\n"Priya?"\n\n"Here," said Priya.'
    assert sorted(names(discover_candidates([dialogue]))) == ["Jonah", "Priya"]
    shouting = "MARCUS! WHERE ARE YOU? Marcus ran to the gate. \"MARCUS!\""
    assert names(discover_candidates([shouting])) == ["Marcus"]
    foreign = "Zoë laughed. Siobhán said nothing, and Nguyễn Thị Lan frowned. Дмитрий waved. Zoë's cup fell."
    found = names(discover_candidates([foreign]))
    assert {"Zoë", "Siobhán", "Nguyễn Thị Lan", "Дмитрий"} <= set(found)


def test_licence_and_publishing_paragraphs_propose_no_one() -> None:
    story = 'Marcus walked to the shore. Evelyn waited. "Marcus," she said. Evelyn laughed.\n\n'
    boilerplate = (
        "This eBook is offered under the Lantern Press License. Section 1. General Terms of Use: Redistributing "
        "Lantern Press works is a trademark matter. Professor Aldous Quill founded the Lantern Press archive.\n\n"
        "Visit www.lantern-press.example for more, or write to Quill at https://lantern-press.example.\n\n"
        "The licence on his car had expired, Marcus admitted."
    )
    assert sorted(names(discover_candidates([story + boilerplate]))) == ["Evelyn", "Marcus"]


def test_a_foreign_sentence_proposes_no_one() -> None:
    text = 'Marcus sighed. "Un moment, je vous prie. Ne bouge pas," dit-elle. Evelyn waited.'
    assert sorted(names(discover_candidates([text]))) == ["Evelyn", "Marcus"]


def test_hyphenated_names_stay_whole_and_hyphenated_words_are_not_names() -> None:
    text = ("Jean-Luc set the tray down. \"Traffic,\" said Ji-woo. Mary-Kate called in sick. Well-known faces came; "
            "Twenty-two of them. Self-made men, said Jean-Luc.")
    assert sorted(names(discover_candidates([text]))) == ["Jean-Luc", "Ji-woo", "Mary-Kate"]


def test_headings_in_title_case_and_names_one_per_line_are_not_joined_into_one_long_name() -> None:
    heading = "The Long Night Of The Quiet Harbour Lights Returns Again\n\nMarcus laughed. Evelyn sighed.\n\n"
    cast_list = "Cast:\nMarcus\nEvelyn\nRuth\n\n"
    wrapped = ("It was a long time before anyone at the harbour remembered Elizabeth\nBennet or her sister, "
               "and longer before Elizabeth Bennet came back.")
    found = {c.name: c for c in discover_candidates([heading + cast_list + wrapped])}
    assert {"Marcus", "Evelyn", "Ruth"} <= set(found)
    assert not any(len(name.split()) > 2 for name in found)
    assert found["Elizabeth Bennet"].count == 2


def test_interjections_said_aloud_are_not_names_but_hugh_and_leigh_are() -> None:
    text = ('Elsie said, "Eurgh," and the church laughed. "Argh!" said Elsie. "Hmm," said Hugh. "Pfft," said Leigh. '
            '"Ahhh," said Elsie.')
    assert sorted(names(discover_candidates([text]))) == ["Elsie", "Hugh", "Leigh"]


def test_a_capitalised_word_after_a_possessive_determiner_is_a_thing() -> None:
    text = "Leona pulled on her Harvard sweatshirt. Their Tesco bags split. Dominic laughed at his Nokia."
    assert sorted(names(discover_candidates([text]))) == ["Dominic", "Leona"]


def test_a_name_after_this_in_a_question_is_still_a_person() -> None:
    found = {c.name: c for c in discover_candidates(['"Is this Mai Nguyễn?" Her name was Nguyễn.'])}
    assert set(found["Mai Nguyễn"].variants) == {"Mai Nguyễn", "Nguyễn"}


def test_religious_household_and_police_titles_join_the_name_they_stand_before() -> None:
    draft = ('"Brother Aldric went over the river," she said. Aldric laughed. "Pack the chests, Cole." '
             "Mistress Cole sniffed. Constable Daws stood by the fire. \"Daws, get the name.\" Sister Agnes wept.")
    found = {c.name: set(c.variants) for c in discover_candidates([draft])}
    assert found["Brother Aldric"] == {"Brother Aldric", "Aldric"}
    assert found["Mistress Cole"] == {"Mistress Cole", "Cole"}
    assert found["Constable Daws"] == {"Constable Daws", "Daws"}
    assert "Sister Agnes" in found


def test_a_place_named_after_someone_or_a_name_after_a_possessive_is_not_a_person() -> None:
    draft = ("The last signal pinged off the mast at Hob's Hill. There's a ferry at Hollin's Reach. "
             "Somebody's Spotify playlist leaked up. She married a merchant from King's Lynn. "
             '"Who is it?" "It\'s Marcus." Marcus stepped in.')
    found = names(discover_candidates([draft]))
    assert not {"Hob", "Hollin", "Spotify", "Lynn"} & set(found)
    assert "Marcus" in found


def test_a_word_after_a_preposition_opening_the_sentence_or_an_office_after_the_is_not_a_person() -> None:
    draft = ('"I saw your photos," Theo said. "On Instagram." The seal was the Lord Chancellor\'s. '
             "Lord Peter laughed.")
    found = names(discover_candidates([draft]))
    assert not {"Instagram", "Lord Chancellor"} & set(found)
    assert {"Theo", "Lord Peter"} <= set(found)


def test_oaths_and_brands_named_in_passing_are_not_people() -> None:
    draft = ('"Christ\'s bones," he said. Ezra laughed. "Bruh." Somebody\'s mum sat in a silver Nissan. '
             "Or Tesco's idea of prosecco, anyway.")
    found = names(discover_candidates([draft]))
    assert not {"Christ", "Bruh", "Nissan", "Tesco"} & set(found)
    assert "Ezra" in found


def test_a_one_word_answer_to_a_question_is_not_an_address() -> None:
    draft = ('"Marcus."\n\nHe did not look up.\n\n"I saw your photos. Lisbon, was it?"\n\n"Porto."\n\n'
             '"Porto. Right."')
    found = names(discover_candidates([draft]))
    assert "Porto" not in found
    assert "Marcus" in found


def test_a_hyphenated_firm_seen_mid_sentence_needs_more_than_a_capital_to_be_a_person() -> None:
    draft = ("The hull was an old Kessler-Dyne hauler. Juno frowned. Kessler-Dyne will pay a fee, and "
             "Jean-Luc nodded. Later Mary-Kate laughed.")
    found = names(discover_candidates([draft]))
    assert "Kessler-Dyne" not in found
    assert {"Juno", "Jean-Luc", "Mary-Kate"} <= set(found)


def test_a_capital_after_since_or_after_the_is_no_evidence_of_a_person() -> None:
    draft = ("The driver had been praying since Lamy. Wells Fargo box on the roof. The clerk took the Wells "
             "Fargo box. Etta laughed.")
    found = names(discover_candidates([draft]))
    assert not {"Lamy", "Wells Fargo"} & set(found)
    assert "Etta" in found
