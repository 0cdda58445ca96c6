"""Static analysis of rule regexes: derive trigger words and refuse patterns that can backtrack badly."""

from __future__ import annotations

import itertools

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Largest number of alternative words a derived trigger set may hold.
_MAX_ALTERNATIVES = 64
# A repeat whose upper bound is at most this is "bounded" and may contain another repeat.
_SMALL_REPEAT = 10

_BOUNDARY_AT = {
    _c.AT_BOUNDARY,
    _c.AT_BEGINNING,
    _c.AT_BEGINNING_STRING,
    _c.AT_END,
    _c.AT_END_STRING,
}
_NON_WORD_CATEGORIES = {_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_DIGIT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _literal_set(data: list) -> set[str] | None:
    """Return every string a purely literal sequence can match (lowercased), or None if it is not literal."""
    results: set[str] = {""}
    for op, av in data:
        if op is _c.LITERAL:
            options = {chr(av).lower()}
        elif op is _c.IN:
            if not all(sub_op is _c.LITERAL for sub_op, _ in av):
                return None
            options = {chr(code).lower() for _, code in av}
        elif op is _c.SUBPATTERN:
            options = _literal_set(list(av[-1]))
        elif op in _REPEATS and av[0] == 0 and av[1] == 1:
            sub = _literal_set(list(av[2]))
            options = None if sub is None else sub | {""}
        elif op is _c.BRANCH:
            options = set()
            for branch in av[1]:
                sub = _literal_set(list(branch))
                if sub is None:
                    return None
                options |= sub
        else:
            return None
        if options is None:
            return None
        results = {a + b for a, b in itertools.product(results, options)}
        if len(results) > _MAX_ALTERNATIVES:
            return None
    return results


def _is_boundary(op: object, av: object) -> bool:
    """True when the item proves the neighbouring character is not a word character (or is the text's edge)."""
    if op is _c.AT:
        return av in _BOUNDARY_AT
    if op is _c.LITERAL:
        return not _is_word_char(chr(av))  # type: ignore[arg-type]
    if op is _c.IN:
        for sub_op, sub_av in av:  # type: ignore[union-attr]
            if sub_op is _c.NEGATE:
                return False
            if sub_op is _c.LITERAL and _is_word_char(chr(sub_av)):
                return False
            if sub_op is _c.CATEGORY and sub_av not in _NON_WORD_CATEGORIES - {_c.CATEGORY_DIGIT}:
                return False
            if sub_op is _c.RANGE:
                return False
        return True
    if op is _c.CATEGORY:
        return av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
    if op in _REPEATS:
        low, _high, item = av  # type: ignore[misc]
        return low >= 1 and all(_is_boundary(o, a) for o, a in item)
    if op is _c.ASSERT_NOT:
        # (?<!\w) or (?!\w): the neighbour is not a word character.
        _direction, item = av  # type: ignore[misc]
        item = list(item)
        return len(item) == 1 and item[0] in ((_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)]),)
    return False


def _flatten(data: list) -> list:
    """Inline non-literal groups so words inside capture groups can be found."""
    out: list = []
    for op, av in data:
        if op is _c.SUBPATTERN and _literal_set(list(av[-1])) is None:
            out.extend(_flatten(list(av[-1])))
        else:
            out.append((op, av))
    return out


def _word_sets(data: list) -> list[set[str]]:
    """Candidate trigger sets: runs of literal word characters bounded by non-word items on both sides."""
    # Zero-width look-arounds that prove nothing about word edges are transparent: drop them.
    items = [
        (op, av)
        for op, av in _flatten(data)
        if op is not _c.ASSERT and not (op is _c.ASSERT_NOT and not _is_boundary(op, av))
    ]
    candidates: list[set[str]] = []
    index = 0
    while index < len(items):
        op, av = items[index]
        literal = _literal_set([(op, av)])
        if literal is None or not literal or not all(w and all(_is_word_char(ch) for ch in w) for w in literal):
            index += 1
            continue
        before_ok = index > 0 and _is_boundary(*items[index - 1])
        words = literal
        end = index + 1
        while end < len(items):
            more = _literal_set([items[end]])
            if more is None or not all(w and all(_is_word_char(ch) for ch in w) for w in more):
                break
            words = {a + b for a, b in itertools.product(words, more)}
            end += 1
        after_ok = end < len(items) and _is_boundary(*items[end])
        if before_ok and after_ok and len(words) <= _MAX_ALTERNATIVES:
            candidates.append(words)
        index = end
    return candidates


def _derive(data: list) -> set[str] | None:
    items = _flatten(data)
    candidates = _word_sets(items)
    if candidates:
        return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))
    # No word outside alternations: expand the first alternation and require a word from every branch.
    for index, (op, av) in enumerate(items):
        if op is _c.BRANCH and _literal_set([(op, av)]) is None:
            union: set[str] = set()
            for branch in av[1]:
                sub = _derive(items[:index] + list(branch) + items[index + 1 :])
                if sub is None:
                    return None
                union |= sub
            return union if len(union) <= _MAX_ALTERNATIVES * 2 else None
    return None


def derive_triggers(pattern: str, flags: int) -> frozenset[str] | None:
    """Return lowercase words one of which must occur as a whole word wherever ``pattern`` matches, or None."""
    parsed = _parser.parse(pattern, flags)
    words = _derive(list(parsed))
    return frozenset(words) if words else None


def _max_bound(av: tuple) -> int:
    return av[1]


def nested_repeat(pattern: str, flags: int) -> bool:
    """True when an unbounded repeat sits inside another unbounded repeat (catastrophic backtracking risk)."""

    def walk(data: list, inside_unbounded: bool) -> bool:
        for op, av in data:
            if op in _REPEATS:
                high = _max_bound(av)
                repeats = high > 1
                unbounded = high > _SMALL_REPEAT
                if repeats and unbounded and inside_unbounded:
                    return True
                # Any repeat inside an unbounded repeat counts, even a bounded one, if it can vary in length.
                if inside_unbounded and repeats:
                    return True
                if walk(list(av[2]), inside_unbounded or unbounded):
                    return True
            elif op is _c.SUBPATTERN:
                if walk(list(av[-1]), inside_unbounded):
                    return True
            elif op is _c.BRANCH:
                for branch in av[1]:
                    if walk(list(branch), inside_unbounded):
                        return True
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                if walk(list(av[1]), inside_unbounded):
                    return True
            elif hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
                if walk(list(av), inside_unbounded):
                    return True
        return False

    return walk(list(_parser.parse(pattern, flags)), False)
