"""Chunks: noun phrases with number and person, verb groups and clause boundaries over tagged words."""

from __future__ import annotations

from writer_app.grammar.chunker import chunk
from writer_app.grammar.tokens import Kind, Token, Word


def _words(tagged: str, spoken: set[int] | None = None) -> list[Word]:
    """Build words from "text/TAG text/TAG ..." (lemma = lower-cased text)."""
    words = []
    offset = 0
    for index, item in enumerate(tagged.split()):
        text, _, tag = item.rpartition("/")
        kind = Kind.QUOTE if text == '"' else (Kind.WORD if text[0].isalnum() or text[0] == "'" else Kind.PUNCT)
        token = Token(text, offset, offset + len(text), kind, True, index in (spoken or set()))
        words.append(Word(token, tag, text.lower()))
        offset += len(text) + 1
    return words


def _np(tagged: str, word: str) -> tuple[str, str, int]:
    """Return (chunk label, number, person) of the first word with this text."""
    chunked, _ = chunk(_words(tagged))
    found = next(w for w in chunked if w.text == word)
    return found.chunk, found.number, found.person


def test_a_plain_noun_phrase_takes_its_heads_number() -> None:
    tagged = "The/DT old/JJ dogs/NNS sleep/VBP ./."
    chunked, _ = chunk(_words(tagged))
    assert [w.chunk for w in chunked] == ["B-NP", "I-NP", "I-NP", "B-VP", "O"]
    assert {w.number for w in chunked[:3]} == {"pl"} and chunked[0].person == 3


def test_the_list_of_items_is_singular_like_its_head() -> None:
    tagged = "The/DT list/NN of/IN items/NNS is/VBZ long/JJ ./."
    assert _np(tagged, "items") == ("I-NP", "sg", 3)
    assert _np(tagged, "The") == ("B-NP", "sg", 3)


def test_each_of_the_boys_is_singular() -> None:
    assert _np("Each/DT of/IN the/DT boys/NNS has/VBZ a/DT bag/NN ./.", "boys")[1] == "sg"


def test_all_of_the_boys_is_plural() -> None:
    assert _np("All/DT of/IN the/DT boys/NNS have/VBP bags/NNS ./.", "All")[1] == "pl"


def test_coordinated_names_are_plural() -> None:
    tagged = "Tom/NNP and/CC Mary/NNP were/VBD late/JJ ./."
    assert _np(tagged, "Tom") == ("B-NP", "pl", 3)
    assert _np(tagged, "Mary") == ("I-NP", "pl", 3)


def test_pronouns_carry_person_and_number() -> None:
    tagged = "I/PRP told/VBD them/PRP that/IN she/PRP knew/VBD you/PRP ./."
    assert _np(tagged, "I") == ("B-NP", "sg", 1)
    assert _np(tagged, "them") == ("B-NP", "pl", 3)
    assert _np(tagged, "she") == ("B-NP", "sg", 3)
    assert _np(tagged, "you")[2] == 2


def test_verb_group_spans_auxiliaries_adverbs_and_participle() -> None:
    chunked, _ = chunk(_words("She/PRP had/VBD not/RB yet/RB seen/VBN it/PRP ./."))
    assert [w.chunk for w in chunked] == ["B-NP", "B-VP", "I-VP", "I-VP", "I-VP", "B-NP", "O"]


def test_clauses_cut_at_a_comma_before_a_conjunction_and_at_a_relative_pronoun() -> None:
    words = _words("He/PRP ran/VBD ,/, but/CC the/DT man/NN who/WP saw/VBD him/PRP stayed/VBD ./.")
    _, clauses = chunk(words)
    assert clauses == ((0, 3), (3, 6), (6, 11))


def test_dialogue_and_its_tag_are_separate_clauses() -> None:
    words = _words('"/`` Go/VB ./. "/\'\' she/PRP said/VBD ./.', spoken={0, 1, 2, 3})
    _, clauses = chunk(words)
    assert clauses == ((0, 4), (4, 7))


def test_empty_and_punctuation_only_input() -> None:
    assert chunk([]) == ([], ())
    chunked, clauses = chunk(_words("!/. ?/."))
    assert [w.chunk for w in chunked] == ["O", "O"] and clauses == ((0, 2),)


def test_a_relative_pronoun_takes_the_number_of_the_phrase_before_it() -> None:
    assert _np("The/DT boys/NNS who/WP are/VBP here/RB left/VBD ./.", "who") == ("B-NP", "pl", 3)
    assert _np("The/DT bus/NN that/WDT they/PRP took/VBD broke/VBD ./.", "that")[1] == "sg"


def test_two_finite_verbs_make_two_verb_groups() -> None:
    chunked, _ = chunk(_words("The/DT bus/NN they/PRP took/VBD broke/VBD down/RP ./."))
    assert [w.chunk for w in chunked][3:5] == ["B-VP", "B-VP"]


def test_a_predicative_adjective_is_no_noun_phrase() -> None:
    assert _np("The/DT road/NN is/VBZ long/JJ ./.", "long")[0] == "O"


def _with_tags(tagged: str, allowed: dict[str, frozenset[str]]) -> list[Word]:
    """Words as ``_words`` builds them, with the lexicon's possible tags given for some of them."""
    return [Word(w.token, w.tag, w.lemma, allowed.get(w.text, frozenset())) for w in _words(tagged)]


def test_a_regular_plural_read_as_a_singular_noun_stays_plural() -> None:
    # The tagger leans on the verb: before "is" it may read "ferries" as NN; its form still says plural.
    words = _with_tags("when/WRB the/DT ferries/NN is/VBZ late/JJ ./.", {"ferries": frozenset({"NN", "NNS", "VBZ"})})
    chunked, _ = chunk(words)
    assert [w.number for w in chunked[1:3]] == ["pl", "pl"]


def test_nouns_plural_only_in_form_stay_singular() -> None:
    for noun in ("news", "means", "series"):
        words = _with_tags(f"The/DT {noun}/NN is/VBZ grim/JJ ./.", {noun: frozenset({"NN", "NNS"})})
        chunked, _ = chunk(words)
        assert chunked[1].number == "sg", noun
