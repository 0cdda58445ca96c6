"""Rule patterns rewritten to run faster mark exactly what their earlier form marked."""

from __future__ import annotations

import re

import pytest

from tests.grammar.pretest_support import variants
from writer_app.grammar.rules import load_rules

# Each rewritten rule's earlier pattern, as it was before the rewrite.
EARLIER = {
    # The look-behinds came before the 'i', so the regex engine could not skip ahead to an 'i'.
    "LOWERCASE_I": (
        r"""(?<![\w'’.\-(/*_@#])(i)(?=\s+(?:am|was|have|had|will|would|could|should|can|can't|cannot|do|did|don't|"""
        r"""didn't|think|know|knew|thought|said|mean|want|wanted|guess|suppose|need|love|hate|saw|see|just|never|"""
        r"""always|really|feel|felt|told|must|may|might|shall)\b|['’](?:m|d|ll|ve)\b)|(?<=\bthan )(i)(?=\s*"""
        r"""(?:[.,;:!?]|$|\s+(?:am|was|had|did|do|have|could|can|would|will)\b))"""
    ),
}

# Edges the examples may not reach: the text's start and end, a slice's edges, punctuation around the word.
_EDGES = ["i am", "i", "i ", "than i", "than i.", "than  i", "x than i am", "(i) was", "-i was", "bi am", "i’ll go",
          "So i'd say", "I said i was", "than i\nwas", "Than i.", "i'm", "#i was", "i\tknew", "’i was", "'i was", ".i was", "@i was", "_i was", "/i was"]


def _marks(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each match's span and its marked span (the first group that took part, as ``mark = "any"`` reads it)."""
    found = []
    for match in pattern.finditer(text, pos, endpos):
        group = next((g for g in range(1, pattern.groups + 1) if match.start(g) >= 0), 0)
        found.append((match.span(), match.span(group)))
    return found


@pytest.mark.parametrize("rule_id", sorted(EARLIER))
def test_a_rewritten_pattern_marks_what_its_earlier_form_marked(rule_id: str) -> None:
    rules = load_rules()
    rule = next(rule for rule in rules if rule.id == rule_id)
    earlier = re.compile(EARLIER[rule_id], rule.pattern.flags)
    assert earlier.pattern != rule.pattern.pattern
    texts = [text for other in rules for s in (*other.bad, *other.good, *other.fixed) for text in variants(s)] + _EDGES
    compared = found = 0
    for text in texts:
        for pos in {0, min(len(text), 3)}:  # the whole text, and a slice searched with the text around it
            for endpos in {len(text), max(pos, len(text) - 3)}:
                expected = _marks(earlier, text, pos, endpos)
                assert _marks(rule.pattern, text, pos, endpos) == expected, f"{rule_id}: {text!r} [{pos}:{endpos}]"
                compared += 1
                found += len(expected)
    assert compared > 10000 and found > 10
