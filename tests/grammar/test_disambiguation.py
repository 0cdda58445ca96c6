"""The disambiguation pass: verb readings that contradict their subject are corrected, real errors kept."""

from __future__ import annotations

from writer_app.grammar.analysis import analyse
from writer_app.grammar.disambiguation import disambiguate
from writer_app.grammar.lexicon import shipped_lexicon


def _fix(tagged: str) -> list[str]:
    words, tags = zip(*(item.rsplit("/", 1) for item in tagged.split()), strict=True)
    lexicon = shipped_lexicon()
    return disambiguate(list(words), list(tags), [lexicon.tags(word) for word in words])


def _tag_of(text: str, word: str) -> str:
    return next(w.tag for s in analyse(text) for w in s.words if w.text == word)


def test_base_form_after_a_singular_subject_is_a_past_tense() -> None:
    assert _fix("The/DT dog/NN lay/VB by/IN the/DT fire/NN")[2] == "VBD"
    assert _fix("She/PRP lay/VBP down/RB")[1] == "VBD"


def test_plural_subject_keeps_its_present_tense() -> None:
    assert _fix("The/DT hens/NNS lay/VBP eggs/NNS")[2] == "VBP"


def test_an_agreement_error_is_left_for_the_rules() -> None:
    assert _fix("He/PRP do/VBP n't/RB know/VB")[1] == "VBP"


def test_participle_after_a_subject_pronoun_is_a_past_tense() -> None:
    assert _fix("She/PRP smiled/VBN ./.")[1] == "VBD"
    assert _fix("She/PRP had/VBD smiled/VBN ./.")[2] == "VBN"


def test_coordinated_verb_takes_the_past_tense_before_it() -> None:
    assert _fix("She/PRP picked/VBD it/PRP up/RP and/CC read/VB it/PRP")[5] == "VBD"
    assert _fix("I/PRP want/VBP to/TO go/VB and/CC read/VB")[5] == "VB"


def test_contracted_had_before_a_participle() -> None:
    assert _fix("She/PRP 'd/MD never/RB seen/VBN it/PRP")[1] == "VBD"
    assert _fix("She/PRP 'd/MD go/VB")[1] == "MD"


def test_lay_as_the_past_of_lie_in_narration() -> None:
    assert _tag_of("The old dog lay by the fire all night.", "lay") == "VBD"
    assert _tag_of("She lay on the bed and wept.", "lay") == "VBD"


def test_participle_after_a_noun_subject_is_a_past_tense_unless_a_verb_follows() -> None:
    assert _fix("the/DT tail/NN lifted/VBN and/CC wagged/VBN ./.")[2:5] == ["VBD", "CC", "VBD"]
    assert _fix("the/DT man/NN arrested/VBN yesterday/NN was/VBD freed/VBN ./.")[2] == "VBN"


def test_a_verb_after_an_auxiliary_and_a_conjunction_stays_a_participle() -> None:
    assert _fix("She/PRP was/VBD tired/VBN and/CC worried/VBN ./.")[4] == "VBN"


def test_a_new_clause_after_a_semicolon_starts_afresh() -> None:
    assert _fix("He/PRP ran/VBD ;/: she/PRP smiled/VBN ./.")[4] == "VBD"
