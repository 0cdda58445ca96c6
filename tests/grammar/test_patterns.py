"""Token-pattern rules match analysed sentences and build their fixes by inflection."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.grammar.pattern_support import CountingAnalyser, analyse_span
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Issue
from writer_app.grammar.patterns import PatternRule, TokenSpec, find_matches
from writer_app.grammar.rulefile import parse_rule_file
from writer_app.grammar.rules import RuleChecker

HEAD = 'id = "{id}"\ncategory = "grammar"\nbad = ["x"]\ngood = ["y"]\n'


def _rule(tmp_path: Path, body: str, rule_id: str = "TEST") -> PatternRule:
    path = tmp_path / "p.toml"
    path.write_text("[[pattern]]\n" + HEAD.format(id=rule_id) + body, encoding="utf-8")
    (rule,) = parse_rule_file(path)
    assert isinstance(rule, PatternRule)
    return rule


def _check(rule: PatternRule, text: str, **config: object) -> list[Issue]:
    return RuleChecker(CheckConfig(**config), [rule], analyse=analyse_span).check(text)  # type: ignore[arg-type]


def _words(text: str):
    return analyse_span(text, 0, len(text)).words


def test_word_lists_ignore_case_and_apostrophe_style() -> None:
    spec = TokenSpec(words=frozenset({"n't"}))
    assert [m for m in find_matches((spec,), _words("They don’t."))] == [(2,)]
    assert list(find_matches((TokenSpec(words=frozenset({"he"})),), _words("HE went."))) == [(0,)]


def test_tag_regex_must_match_the_whole_tag() -> None:
    import re

    past = (TokenSpec(tag=re.compile("VB[DN]")),)
    assert [m for m in find_matches(past, _words("He took it and has taken it."))] == [(1,), (5,)]
    assert not list(find_matches((TokenSpec(tag=re.compile("VB")),), _words("He took it.")))


def test_optional_skip_and_negate() -> None:
    could = TokenSpec(words=frozenset({"could"}))
    went = TokenSpec(words=frozenset({"went"}))
    neg = TokenSpec(words=frozenset({"not"}), optional=True)
    assert list(find_matches((could, neg, went), _words("I could went."))) == [(1, None, 2)]
    assert list(find_matches((could, neg, went), _words("I could not went."))) == [(1, 2, 3)]
    skipping = TokenSpec(words=frozenset({"went"}), skip=2)
    assert list(find_matches((could, skipping), _words("I could very very went."))) == [(1, 4)]
    assert not list(find_matches((could, skipping), _words("I could very very very went.")))
    not_went = TokenSpec(words=frozenset({"went"}), negate=True)
    assert list(find_matches((could, not_went), _words("I could go."))) == [(1, 2)]
    assert not list(find_matches((could, not_went), _words("I could went.")))


def test_past_tense_after_a_modal_is_fixed_to_the_base_form(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use the plain form after “{1}”."\n'
                 'tokens = [{ tag = "MD" , word = ["could"] }, { tag = "VBD" }]\nmark = 2\n'
                 'replacements = ["{2|as:VB}"]\n')
    (issue,) = _check(rule, "I could went home.")
    assert (issue.text, issue.replacements, issue.message) == ("went", ("go",), "Use the plain form after “could”.")
    assert issue.start == 8 and issue.end == 12


def test_contraction_fix_joins_the_inflected_verb_and_its_negation(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use “doesn’t” with he, she or it."\n'
                 'tokens = [{ word = ["he", "she", "it"] }, { lemma = "do", tag = "VBP" }, { word = "n\'t" }]\n'
                 'mark = [2, 3]\nreplacements = ["{2|as:VBZ}{3}"]\n')
    (issue,) = _check(rule, "Well, he don't care.")
    assert (issue.text, issue.replacements) == ("don't", ("doesn't",))
    (curly,) = _check(rule, "She don’t know.")
    assert curly.replacements == ("doesn’t",)


def test_a_given_lemma_takes_the_form_of_another_token(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use a form of “lie” here."\n'
                 'tokens = [{ lemma = "lay", tag = "VB[DGNZP]?" }, { word = ["down", "in"] }]\nmark = 1\n'
                 'replacements = ["{lie|as:1}"]\n')
    assert [i.replacements for i in _check(rule, "A man was laying in the ditch.")] == [("lying",)]
    assert [i.replacements for i in _check(rule, "She laid down.")] == [("lay",)]
    assert [i.replacements for i in _check(rule, "A MAN WAS LAYING IN THE DITCH.")] == [("LYING",)]


def test_antipattern_cancels_an_overlapping_match(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use the plain form."\n'
                 'tokens = [{ word = "could" }, { tag = "VBD" }]\nmark = 2\nreplacements = ["{2|as:VB}"]\n'
                 'antipatterns = [[{ word = "went" }, { word = "home" }]]\n')
    assert not _check(rule, "I could went home.")
    assert _check(rule, "I could went there.")


def test_relaxed_rule_leaves_dialogue_alone_unless_strict(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use “doesn’t”."\ndialogue = "relaxed"\n'
                 'tokens = [{ word = "he" }, { lemma = "do", tag = "VBP" }, { word = "n\'t" }]\nmark = [2, 3]\n'
                 'replacements = ["{2|as:VBZ}{3}"]\n')
    spoken = "“He don't care,” she said. He don't care."
    (narration,) = _check(rule, spoken)
    assert narration.start > spoken.index("said")
    assert len(_check(rule, spoken, strict_dialogue=True)) == 2


def test_only_sentences_with_a_trigger_are_analysed(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use the plain form."\n'
                 'tokens = [{ word = "could" }, { tag = "VBD" }]\nmark = 2\nreplacements = ["{2|as:VB}"]\n')
    analyser = CountingAnalyser()
    checker = RuleChecker(CheckConfig(), [rule], analyse=analyser)
    assert not checker.check("She went home. They walked on.")
    assert analyser.calls == []
    text = "She went home. Mr. Smith could went too. They walked on."
    issues = checker.check(text)
    assert [i.text for i in issues] == ["went"] and issues[0].start == text.index("could went") + 6
    assert analyser.calls == ["Mr. Smith could went too."]
    checker.check("Then Mr. Smith could went too. They walked on.")
    assert analyser.calls[1:] == ["Then Mr. Smith could went too."]


def test_pattern_rules_are_off_without_an_analyser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import writer_app.grammar.rules as rules_module

    rule = _rule(tmp_path, 'message = "Use the plain form."\ntokens = [{ word = "could" }, { tag = "VBD" }]\n')
    monkeypatch.setattr(rules_module, "default_analyser", lambda: None)
    checker = RuleChecker(CheckConfig(), [rule])
    assert checker.rules == [] and checker.check("I could went home.") == []


def test_a_gate_keeps_sentences_it_does_not_find_from_the_analyser(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use the plain form."\ngate = "could\\\\s+\\\\w+ed\\\\b"\n'
                 'tokens = [{ word = "could" }, { tag = "VBD" }]\nmark = 2\nreplacements = ["{2|as:VB}"]\n')
    analyser = CountingAnalyser()
    checker = RuleChecker(CheckConfig(), [rule], analyse=analyser)
    assert not checker.check("He could went home.")
    assert analyser.calls == []
    checker.check("He Could walked home.")
    assert analyser.calls == ["He Could walked home."]


def test_a_gate_placeholder_stands_for_any_past_form(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use the plain form."\ngate = "\\\\bcould\\\\s+<VBD>\\\\b"\n'
                 'tokens = [{ word = "could" }, { tag = "VBD" }]\nmark = 2\nreplacements = ["{2|as:VB}"]\n')
    assert rule.gate is not None
    assert rule.gate.search("He could went home") and rule.gate.search("He could walked home")
    assert not rule.gate.search("He could go home") and not rule.gate.search("He could wed")


def test_relaxed_rule_does_not_analyse_a_sentence_whose_slip_is_spoken(tmp_path: Path) -> None:
    rule = _rule(tmp_path, 'message = "Use “doesn’t”."\ndialogue = "relaxed"\ngate = "\\\\bhe\\\\s+don\'t"\n'
                 'tokens = [{ word = "he" }, { lemma = "do", tag = "VBP" }, { word = "n\'t" }]\nmark = [2, 3]\n'
                 'replacements = ["{2|as:VBZ}{3}"]\n')
    analyser = CountingAnalyser()
    RuleChecker(CheckConfig(), [rule], analyse=analyser).check("She laughed. “Well, he don't care.”")
    assert analyser.calls == []
    RuleChecker(CheckConfig(strict_dialogue=True), [rule], analyse=analyser).check("She laughed. “Well, he don't care.”")
    assert analyser.calls == ["“Well, he don't care.”"]


def test_a_verb_form_is_made_from_the_verb_reading_of_a_word_tagged_otherwise() -> None:
    from writer_app.grammar.pattern_fix import parse_template
    from writer_app.grammar.tokens import Kind, Token, Word

    spoke = Word(Token("spoke", 0, 5, Kind.WORD), "NN", "spoke", frozenset({"NN", "VBD"}))
    forgave = Word(Token("forgave", 6, 13, Kind.WORD), "VB", "forgave", frozenset({"VBD"}))
    template = parse_template("{1|as:VB}", 2)
    assert template.expand([spoke, forgave], (0, 1)) == "speak"
    assert template.expand([forgave, spoke], (0, 1)) == "forgive"


def test_a_pattern_issue_replaces_a_regex_issue_on_the_same_words(tmp_path: Path) -> None:
    pattern = _rule(tmp_path, 'message = "Use the plain form."\n'
                    'tokens = [{ word = "could" }, { tag = "VBD" }]\nmark = 2\nreplacements = ["{2|as:VB}"]\n', "PAT")
    regex_path = tmp_path / "r.toml"
    regex_path.write_text(
        '[[rule]]\nid = "SURFACE"\ncategory = "grammar"\nmessage = "Drop the ending."\n'
        "pattern = '''\\bcould\\s+(went|ran)\\b'''\nmark = 1\nreplacements = [\"wen\"]\n"
        'bad = ["x"]\ngood = ["y"]\n',
        encoding="utf-8",
    )
    (surface,) = parse_rule_file(regex_path)
    text = "He could went home and she could ran."
    alone = RuleChecker(CheckConfig(), [surface], analyse=analyse_span).check(text)
    assert [(i.rule, i.text) for i in alone] == [("SURFACE", "went"), ("SURFACE", "ran")]
    both = RuleChecker(CheckConfig(), [surface, pattern], analyse=analyse_span).check(text)
    assert [(i.rule, i.text, i.replacements) for i in both] == [("PAT", "went", ("go",)), ("SURFACE", "ran", ("wen",))]
