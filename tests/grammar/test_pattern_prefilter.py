"""The untagged pre-filter: a sentence is analysed only when a rule's surface tests could match its words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from writer_app.grammar import analysis
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.patterns import PatternRule, TokenSpec, could_match, find_matches, surface_tests
from writer_app.grammar.rulefile import parse_rule_file
from writer_app.grammar.rules import RuleChecker

BODY = (
    'id = "TEST_MUCH_PLURAL"\ncategory = "grammar"\nbad = ["x"]\ngood = ["y"]\n'
    'message = "Counted things take many."\n'
    'tokens = [{ word = "much" }, { tag = "NNS", tags = "NNS", regex = "[a-z]+s" }]\nmark = 1\n'
)


def _rule(tmp_path: Path) -> PatternRule:
    path = tmp_path / "p.toml"
    path.write_text("[[pattern]]\n" + BODY, encoding="utf-8")
    (rule,) = parse_rule_file(path)
    assert isinstance(rule, PatternRule)
    return rule


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sentences the shipped pipeline is asked to analyse."""
    calls: list[str] = []
    real = analysis.analyse_span

    def counting(paragraph: str, start: int, end: int):
        calls.append(paragraph[start:end])
        return real(paragraph, start, end)

    monkeypatch.setattr(analysis, "analyse_span", counting)
    return calls


def test_a_sentence_no_word_of_which_can_be_the_plural_noun_is_not_analysed(tmp_path: Path, analysed: list[str]) -> None:
    checker = RuleChecker(CheckConfig(), [_rule(tmp_path)])
    assert not checker.check("The farmer had not much water left in the old stone well.")
    assert analysed == []


def test_a_sentence_that_could_match_is_still_analysed_and_flagged(tmp_path: Path, analysed: list[str]) -> None:
    checker = RuleChecker(CheckConfig(), [_rule(tmp_path)])
    text = "The well was dry. There were much apples on the cart."
    issues = checker.check(text)
    assert analysed == ["There were much apples on the cart."]
    assert [text[i.start : i.end] for i in issues] == ["much"]


def test_surface_words_are_the_analysed_words_before_tagging() -> None:
    paragraph = 'He stopped. "Don\'t go in there," she said, "it\'s dark." They waited.'
    for start, end in analysis.sentence_spans(paragraph):
        full = analysis.analyse_span(paragraph, start, end).words
        surface = analysis.surface_span(paragraph, start, end)
        assert [(w.text, w.token.kind, w.token.in_dialogue, w.tags) for w in surface] == [
            (w.text, w.token.kind, w.token.in_dialogue, w.tags) for w in full
        ]


@pytest.mark.parametrize(
    "specs",
    [
        (TokenSpec(words=frozenset({"the"})), TokenSpec(tags=re.compile("NNS"), tag=re.compile("NNS"))),
        (TokenSpec(tag=re.compile("DT")), TokenSpec(tag=re.compile("JJ"), optional=True), TokenSpec(tag=re.compile("NN"))),
        (TokenSpec(words=frozenset({"the"})), TokenSpec(words=frozenset({"dogs"}), negate=True), TokenSpec(skip=2, tag=re.compile("VBD"))),
        (TokenSpec(case="title"), TokenSpec(not_tags=re.compile("VB.*"), lemmas=frozenset({"dog"}))),
    ],
)
def test_the_surface_tests_accept_every_match_of_the_pattern(specs: tuple[TokenSpec, ...]) -> None:
    for text in ("The old dogs barked at the cart.", "Then the dogs ran home.", "The dog slept."):
        words = analysis.analyse_span(text, 0, len(text)).words
        tests = surface_tests(specs)
        if next(find_matches(specs, words), None) is not None:
            assert tests is None or could_match(tests, words)


def test_surface_tests_rule_out_a_sentence_without_the_words() -> None:
    specs = (TokenSpec(words=frozenset({"much"})), TokenSpec(tags=re.compile("NNS"), tag=re.compile("NNS")))
    text = "There was much water in the well."
    tests = surface_tests(specs)
    assert tests is not None
    assert not could_match(tests, analysis.analyse_span(text, 0, len(text)).words)
    assert surface_tests((TokenSpec(tag=re.compile("NN")),)) is None  # nothing to test before tagging


@pytest.mark.parametrize(
    "text",
    [
        "The geese flew over the mill-pond while the children's ponies grazed.",
        "She hadn't seen 'em since they'd gone fishin' up the creek in '89.",
        "Mr. Abernathy studies the worried faces; he stopped, stared, and was carrying on.",
        "I ran, he runs, they're running, and we'd all better hurry — it’s late.",
    ],
)
def test_possible_lemmas_hold_every_lemma_the_analysis_gives(text: str) -> None:
    for start, end in analysis.sentence_spans(text):
        for word in analysis.analyse_span(text, start, end).words:
            assert word.lemma.lower() in analysis.possible_lemmas(word.text), (word.text, word.tag, word.lemma)


LEMMA_SPECS = (
    TokenSpec(lemmas=frozenset({"decide", "want"}), tag=re.compile("VB[DZ]")),
    TokenSpec(tags=re.compile("VB"), not_lemmas=frozenset({"be", "have"})),
)


def test_a_lemma_test_before_tagging_needs_a_form_of_the_lemma_there() -> None:
    tests = surface_tests(LEMMA_SPECS, analysis.possible_lemmas)
    assert tests is not None
    for text, could in (
        ("The miller decided sell the mare.", True),
        ("The miller wants leave at dawn.", True),
        ("The miller hoped sell the mare.", False),  # no form of either lemma
        ("The miller decided be quick.", False),  # "be" is ruled out by its lemma
    ):
        words = analysis.surface_span(text, 0, len(text))
        assert could_match(tests, words) is could, text
    # without the lemmas of a word, lemma tests are left out
    assert could_match(surface_tests(LEMMA_SPECS), analysis.surface_span("He hoped sell it.", 0, 17))
