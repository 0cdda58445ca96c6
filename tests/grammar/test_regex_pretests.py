"""The regex pass's derived pre-tests (needle sets, tail stand-ins) only skip work: they never lose a find."""

from __future__ import annotations

import re

import pytest

from tests.grammar.pretest_support import every_rule_checker, variants
from writer_app.grammar.regex_analysis import TAIL_MARK, derive_needles, gate_pattern
from writer_app.grammar.rules import RuleChecker, load_rules


def _regex_parts():
    for rule in load_rules():
        if rule.kind == "pattern":
            continue
        yield from ((rule, part) for part in (rule.parts or (rule,)))


def test_needles_and_stand_ins_hold_wherever_the_real_pattern_matches() -> None:
    needled = stood_in = 0
    for rule, part in _regex_parts():
        quick = gate_pattern(part.pattern.pattern, part.pattern.flags, tails=True)
        tail = quick is not None and TAIL_MARK in quick.groupindex
        for sentence in (*rule.bad, *rule.good, *rule.fixed):
            for text in variants(sentence):
                low = text.lower()
                if len(low) != len(text):
                    continue
                for match in part.pattern.finditer(text):
                    seen = low[match.start():]  # what the match spans and what its look-aheads read
                    for needles in part.needles:
                        needled += 1
                        assert any(n in seen for n in needles), f"{rule.id}: no needle of {sorted(needles)} in {text!r}"
                    if quick is None:
                        continue
                    stood_in += 1
                    hint = quick.search(low, match.start())
                    assert hint is not None, f"{rule.id}: stand-in misses {text!r}"
                    if tail:
                        assert hint.start() <= match.end(), f"{rule.id}: tail stand-in misses {text!r}"
                    else:
                        assert hint.start() == match.start(), f"{rule.id}: stand-in starts elsewhere in {text!r}"
    assert needled > 100 and stood_in > 1000


def test_derived_needles() -> None:
    # a run of literals, zero-width tests inside it change nothing; alternatives multiply
    assert derive_needles(r"[,;:]\.(?!\w)", 0) == (frozenset({",.", ";.", ":."}),)
    # a look-ahead's text counts, a look-behind's does not (it may lie before the slice searched)
    assert derive_needles(r"(?<=\bcold )(day)(?=s ago)", re.IGNORECASE) == (frozenset({"s ago"}), frozenset({"day"}))
    # a set the rule's words already make certain, or a weak one (one letter), is left out
    assert derive_needles(r"\b(?:he|she)\s+x", re.IGNORECASE, (frozenset({"he", "she"}),)) == ()
    # "self" present whenever "self-" is
    assert derive_needles(r"\b(?:self|self-made)\s", re.IGNORECASE) == (frozenset({"self"}),)


def test_tail_stand_in_for_a_pattern_with_nothing_to_skip_by_at_its_start() -> None:
    pattern = r"(?:^|[.!?]\s*)(?:We|They)\s+(to)\s*[.!?]"
    assert gate_pattern(pattern, re.IGNORECASE) is None  # token-pattern gates need the match's start
    quick = gate_pattern(pattern, re.IGNORECASE, tails=True)
    assert quick is not None and TAIL_MARK in quick.groupindex
    assert quick.search("and so, they to.")  # a tail of the pattern: its start is not checked
    assert not quick.search("they went to town.")
    exact = gate_pattern(r"\bwe\s+was\b", re.IGNORECASE, tails=True)
    assert exact is not None and TAIL_MARK not in exact.groupindex
    # back-references keep their groups: no tail is made by unwrapping them
    assert gate_pattern(r"(?:^|\.\s)(\w+)\s+\1\b", re.IGNORECASE, tails=True) is None


@pytest.fixture(scope="module")
def every_rule() -> RuleChecker:
    return every_rule_checker()


def test_a_checker_without_pre_tests_finds_the_same(every_rule: RuleChecker) -> None:
    sentences = [s for rule, _part in _regex_parts() for s in (*rule.bad, *rule.good)]
    paragraphs = [" ".join(sentences[i : i + 9]) for i in range(0, len(sentences), 9)]
    paragraphs += [p.upper() for p in paragraphs[::7]]
    plain = RuleChecker(every_rule.config)
    plain._patterns = every_rule._patterns = None  # the regex pass alone
    plain._gates = [(search, None, True, requires, chars, (), gate, rule)
                    for search, _q, _e, requires, chars, _n, gate, rule in plain._gates]
    # every group of every bucket tried on every slice, with no word, character or needle test before its own
    plain._buckets = [(None, tuple((search, positions, (), ()) for search, positions, _w, _n in groups))
                      for _test, groups in plain._buckets]
    plain._plan = lambda text, low: plain._buckets  # type: ignore[method-assign]
    found = 0
    for paragraph in paragraphs:
        expected = [(i.start, i.end, i.rule) for i in plain.check(paragraph)]
        assert [(i.start, i.end, i.rule) for i in every_rule.check(paragraph)] == expected
        found += len(expected)
    assert found > 500


def test_an_alternation_at_the_start_is_spread_so_the_stand_in_can_skip_ahead() -> None:
    pattern = r"\b(could|would|(?-i:might|may)|[Ii]\s+will)\s+(of)\b"
    quick = gate_pattern(pattern, re.IGNORECASE)
    assert quick is not None and TAIL_MARK not in quick.groupindex  # the find is where a match starts
    for text, start in (("so we might of gone", 6), ("and i will of course", 4), ("he could go", None)):
        found = quick.search(text)
        assert (found.start() if found else None) == start
    # a spread that would make a much larger program is not made
    words = "|".join(f"{chr(97 + i % 26)}{i}q" for i in range(40))  # (no common first letter)
    assert gate_pattern(rf"\b(?:(?:{words})\s+(?:{words})\s+(?:{words})|(?:a|b)c)\s+z", re.IGNORECASE) is None
