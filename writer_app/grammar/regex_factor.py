"""A loosened pattern's leading alternation rewritten so that the regex engine can skip ahead (see
``regex_analysis.gate_tree``): parse trees in, parse trees out."""

from __future__ import annotations

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]


def _first_char(item: tuple) -> tuple[tuple, list] | None:
    """An alternative's first item split into the one character it starts with (a literal or a class of literals,
    ranges and ``\\d``) and what it still matches after that character; None when it is not that simple."""
    op, av = item
    if op is _c.LITERAL:
        return item, []
    if op is _c.IN and av and all(o in (_c.LITERAL, _c.RANGE) or (o, a) == (_c.CATEGORY, _c.CATEGORY_DIGIT) for o, a in av):
        return item, []
    if op is _c.MAX_REPEAT and av[0] >= 1 and len(av[2]) == 1:
        single = _first_char(list(av[2])[0])
        if single is None:
            return None
        low, high = av[0] - 1, av[1] if av[1] == _c.MAXREPEAT else av[1] - 1
        return single[0], ([(op, (low, high, av[2]))] if high else [])
    return None


def factor_start(state: object, items: list, most: int) -> list | None:
    """``items`` (a loosened pattern) with an alternation at its start whose alternatives each start with one
    character, a class or a repeat of one (``\\d{1,4}|two|three``) rewritten as a class of all those first
    characters followed by the alternatives, each checking its own first character by a look-behind
    (``[\\dt](?:(?<=\\d)\\d{0,3}|(?<=t)wo|(?<=t)hree)``): the same matches at the same places, and the regex
    engine skips ahead to a character of the class. None when the start is not such an alternation or the
    class would hold more than ``most`` items."""
    if not items or items[0][0] is not _c.BRANCH:
        return None
    rests: dict[str, tuple[tuple, list]] = {}  # alternatives with the same first character share its test
    for branch in items[0][1][1]:
        branch = list(branch)
        split = _first_char(branch[0]) if branch else None
        if split is None:
            return None
        rests.setdefault(repr(split[0]), (split[0], []))[1].append(_parser.SubPattern(state, split[1] + branch[1:]))
    chars = list(dict.fromkeys(c for first, _ in rests.values() for c in (first[1] if first[0] is _c.IN else [first])))
    if len(chars) > most:
        return None
    alternatives = [
        _parser.SubPattern(state, [(_c.ASSERT, (-1, _parser.SubPattern(state, [first]))), (_c.BRANCH, (None, after))])
        for first, after in rests.values()
    ]
    return [(_c.IN, chars), (_c.BRANCH, (None, alternatives)), *items[1:]]
