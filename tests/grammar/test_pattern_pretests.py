"""The token-pattern pass's derived pre-tests (a character the gate needs, a stand-in for a tail of the gate)
only skip work: they never lose a gate's find, and a pass without them reports the same."""

from __future__ import annotations

import re

import pytest

from tests.grammar.pretest_support import every_rule_checker, variants
from writer_app.grammar.pattern_pass import _quick_search
from writer_app.grammar.regex_analysis import TAIL_MARK, char_test, gate_pattern
from writer_app.grammar.rules import RuleChecker, load_rules


def _gated_pattern_rules():
    return [rule for rule in load_rules() if rule.kind == "pattern" and rule.gate is not None]


def test_pre_tests_hold_wherever_the_gate_finds_something() -> None:
    charred = tailed = tried = 0
    for rule in _gated_pattern_rules():
        search = _quick_search(rule)
        tail = rule.quick is not None and TAIL_MARK in rule.quick.groupindex
        charred += rule.chars is not None
        tailed += tail
        for sentence in (*rule.bad, *rule.good, *rule.fixed):
            for text in variants(sentence):
                low = text.lower()
                if len(low) != len(text):
                    continue
                for match in rule.gate.finditer(text):
                    if rule.chars is not None:
                        assert rule.chars.search(text, match.start(), match.end()), f"{rule.id}: {text!r}"
                        assert rule.chars.search(low, match.start(), match.end()), f"{rule.id}: {text!r}"
                    if search is None:
                        continue
                    tried += 1
                    hint = search(low, match.start(), len(low))
                    assert hint is not None, f"{rule.id}: the pre-test rejects {text!r}"
                    assert hint.start() <= match.start(), f"{rule.id}: the gate would start too late in {text!r}"
                    if tail:
                        assert rule.quick.search(low, match.start(), match.end()), f"{rule.id}: tail misses {text!r}"
    assert charred >= 2 and tailed >= 5 and tried > 1000


def test_char_test() -> None:
    assert char_test(r"\b(?:in|by)\s+(?:1[0-9]|20)[0-9]0s\b", re.IGNORECASE) == r"\d"
    assert char_test(r"\bpage\s+\d+", re.IGNORECASE) == r"\d"
    assert char_test(r"\w+;\s+however", re.IGNORECASE) == "[;]"
    assert char_test(r"\w+[;:]\s+however", re.IGNORECASE) == "[:;]"
    assert char_test(r"\w+,\s+however", re.IGNORECASE) is None  # a comma is too common to test first
    assert char_test(r"\b(?:\d+|two)\s+days", re.IGNORECASE) is None  # one branch needs no digit
    assert char_test(r"(?<=\d)\s+days", re.IGNORECASE) is None  # a look-behind reads, it does not consume


def test_a_tail_stand_in_is_only_a_skip_test() -> None:
    class Rule:
        chars = None
        quick = re.compile(r"(?:days|weeks)\s+old(?P<tail_stand_in>)")

    search = _quick_search(Rule)  # type: ignore[arg-type]
    assert search is not None
    assert search("he is three days old", 3, 20).start() == 3  # the gate may match before the tail
    assert search("three days and more", 0, 19) is None


@pytest.fixture(scope="module")
def every_rule() -> RuleChecker:
    return every_rule_checker()


def test_a_pass_without_pre_tests_finds_the_same(every_rule: RuleChecker) -> None:
    sentences = [s for rule in _gated_pattern_rules() for s in (*rule.bad, *rule.good)]
    sentences += ["In the 1820s by 12 June they 3 were at 7 Elm Street and page 4 said so."]
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    paragraphs += [p.upper() for p in paragraphs[::7]] + sentences
    plain = RuleChecker(every_rule.config)
    passes = plain._patterns
    assert passes is not None
    passes._entries = [(rule, need, None, gate) for rule, need, _quick, gate in passes._entries]
    found = 0
    for paragraph in paragraphs:
        expected = [(i.start, i.end, i.rule) for i in plain.check(paragraph)]
        assert [(i.start, i.end, i.rule) for i in every_rule.check(paragraph)] == expected
        found += len(expected)
    assert found > 300


def test_an_alternation_of_single_first_characters_is_factored_so_the_stand_in_can_skip_ahead() -> None:
    pattern = r"\b(?:\d{1,4}|two|three|ten|[xz]ed)\s+(?:days?|miles?)\s+[a-z]"
    quick = gate_pattern(pattern, re.IGNORECASE)
    assert quick is not None and TAIL_MARK not in quick.groupindex  # the find is where a match may start
    gate = re.compile(pattern, re.IGNORECASE)
    for text in ("the 12 days old", "Three Miles away", "a 12345 days x", "so ten days of", "the zed miles out",
                 "then 2 x", "twofold days x", "a tenth day went", "no number here at all"):
        expected = [m.start() for m in gate.finditer(text)]
        found = quick.search(text.lower())
        if expected:
            assert found is not None and found.start() <= expected[0], text
        if found is not None:  # (looser: "2345 days" is found without its word boundary)
            assert text.lower()[found.start()] in "0123456789tzx", text
    assert quick.search("the 12 days old").start() == 4
    assert quick.search("a tenth day went") is None
