"""The two slips on the product card are flagged by the full built-in check with the right fix."""

from __future__ import annotations

import pytest

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.factory import build_checker


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
@pytest.mark.parametrize(
    ("sentence", "wrong", "right"),
    [
        ("Her safety net had taken president over his bleeding heart.", "president", "precedence"),
        ("a safety net taken president over his bleeding heart", "president", "precedence"),
        ("He'd just have to life with the disappointment.", "life", "live"),
        ("he'd just have to life with the disappointment", "life", "live"),
    ],
)
def test_card_sentence_is_flagged_with_the_right_replacement(dialect: str, sentence: str, wrong: str,
                                                             right: str) -> None:
    issues = build_checker(CheckConfig(dialect=dialect)).check(sentence)
    hits = [i for i in issues if i.text == wrong and i.replacements[:1] == (right,)]
    assert hits, issues
    assert sentence[hits[0].start : hits[0].end] == wrong
