"""Rule examples are the project's own sentences: none is a sentence of the eval sets (read at run time)."""

from __future__ import annotations

import pytest

from tests.grammar.eval_scoring import EVAL_FILE, LT_FILE, load_lt_examples, load_pairs
from writer_app.grammar.rules import load_rules


def _eval_sentences() -> set[str]:
    sentences: set[str] = set()
    for pair in [*load_pairs(EVAL_FILE), *load_lt_examples(LT_FILE)]:
        for text in (pair.text, pair.corrected):
            if len(text.split()) >= 4:  # "Sit down." is anyone's sentence
                sentences.add(text.strip())
    return sentences


def test_no_rule_example_is_copied_from_the_eval_sets() -> None:
    if not (EVAL_FILE.exists() and LT_FILE.exists()):
        pytest.skip(f"eval sets not found beside {EVAL_FILE}")
    evals = _eval_sentences()
    copied = [
        f"{rule.id}: {example!r}"
        for rule in load_rules()
        for example in (*rule.bad, *rule.good, *rule.fixed)
        if example.strip() in evals
    ]
    assert not copied, copied
