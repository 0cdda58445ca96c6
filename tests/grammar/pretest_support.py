"""What the tests of the derived pre-tests share: the variants a rule's example is tried in, and a checker with
every rule on."""

from __future__ import annotations

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category
from writer_app.grammar.rules import RuleChecker


def variants(sentence: str) -> list[str]:
    """A sentence as written, in capitals, in title case, lowercased, and inside more text (other edges and context)."""
    return [
        sentence,
        sentence.upper(),
        sentence.title(),
        sentence.lower(),
        f"Then, {sentence} And so on.",
        f"“{sentence}” she said.",
    ]


def every_rule_checker() -> RuleChecker:
    """A rule checker with every category on (style rules included)."""
    return RuleChecker(CheckConfig(categories=frozenset(Category)))
