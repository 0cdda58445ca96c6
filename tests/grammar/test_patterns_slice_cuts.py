"""A long paragraph is checked in slices; a slip sitting on a cut between two slices is still found."""

from __future__ import annotations

from writer_app.grammar.rules import RuleChecker, _slices


def test_slip_straddling_a_slice_cut_is_found_once() -> None:
    checker = RuleChecker()
    filler = "and then the long road went on past the farm "
    missed = []
    for shift in range(0, 60, 3):
        text = "x" * shift + " " + filler * 3 + "and I could of told you so " + filler * 3
        cuts = [end for _, end, _ in _slices(text)][:-1]
        slip = text.index("could of")
        found = [i for i in checker.check(text) if i.rule == "COULD_OF"]
        if len(found) != 1:
            missed.append((shift, any(slip < cut < slip + len("could of") + 1 for cut in cuts), len(found)))
    assert not missed
    # At least one of these layouts put a cut inside the slip, so the case is really exercised.
    assert any(
        any(text.index("could of") < cut <= text.index("could of") + 8 for _, cut, _ in _slices(text)[:-1])
        for text in ("x" * s + " " + filler * 3 + "and I could of told you so " + filler * 3 for s in range(0, 60, 3))
    )
