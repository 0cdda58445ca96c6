"""Default-on rules stay quiet on published fiction (a regression guard for precision)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from writer_app.grammar.engine import CheckConfig, check_document
from writer_app.grammar.rules import RuleChecker

# Flags per 1,000 words from the rules alone (spelling excluded); the product target for everything is 1.0.
LIMIT = 0.3


@pytest.mark.slow
@pytest.mark.parametrize(("name", "dialect"), [("pride-and-prejudice.txt", "en-GB"), ("war-and-peace.txt", "en-US")])
def test_rules_are_quiet_on_published_novels(corpus_dir: Path, name: str, dialect: str) -> None:
    text = (corpus_dir / name).read_text(encoding="utf-8")
    issues = check_document(RuleChecker(CheckConfig(dialect=dialect)), text)
    rate = len(issues) * 1000 / len(text.split())
    top = Counter(issue.rule for issue in issues).most_common(5)
    assert rate <= LIMIT, f"{name}: {rate:.2f} flags per 1,000 words; top rules {top}"
