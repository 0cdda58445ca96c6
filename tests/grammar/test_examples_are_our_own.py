"""Rule examples are the project's own sentences: none is a sentence of the eval sets (read at run time)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest

from tests.grammar.eval_scoring import EVAL_FILE, LT_FILE, load_lt_examples, load_pairs
from writer_app.resources import resource_path

EXAMPLE_KEYS = ("bad", "good", "fixed")


def _examples(node: object) -> Iterator[tuple[str, str]]:
    """Every ``(rule id, example)`` in a parsed rule file."""
    if isinstance(node, dict):
        for key in EXAMPLE_KEYS:
            for example in node.get(key, ()) if isinstance(node.get(key), list) else ():
                if isinstance(example, str):
                    yield str(node.get("id", "?")), example
        for value in node.values():
            yield from _examples(value)
    elif isinstance(node, list):
        for item in node:
            yield from _examples(item)


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
        f"{path.name} {rule}: {example!r}"
        for path in sorted(resource_path("rules").glob("*.toml"))
        for rule, example in _examples(tomllib.loads(path.read_text(encoding="utf-8")))
        if example.strip() in evals
    ]
    assert not copied, copied
