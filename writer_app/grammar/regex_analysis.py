"""Static analysis of rule regexes: derive trigger words and refuse patterns that can backtrack badly."""

from __future__ import annotations

import functools
import itertools
import math
import re

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from writer_app.grammar.regex_factor import factor_start

# The most frequent words of English prose, most frequent first (a rough ranking; contraction pieces like
# "s" and "t" are the parts \w+ splits off "it's" and "don't"). Rarer words make better trigger words.
FREQUENT_WORDS = tuple(
    """the and of to a i in he was that it s his her you had she with as not for at on but is him my be
    me they so all said have which t by this were from we what there no one would if been an or do who
    them their up could out when your are then now more into man some will d did like very time only
    about little know before over can well should upon any see great much must how go come again
    such down never ll am after made say those us our than went back here its these came other good
    m re ve thought where too way even long old away two think yet himself own every eyes face
    still off once let nothing why life things might may first while without through day just most
    something last yes each always hand same house men saw without told went looked take another
    felt knew seemed found asked head heard whom both made got quite left room right done heart
    because oh far being many whole upon make tell thing because am has having against under also
    give gave shall word words few people door young mother father night home mind herself myself
    though place turned moment began look love nor cannot does don didn couldn wouldn isn wasn
    """.split()
)
_RANK = {word: rank for rank, word in enumerate(dict.fromkeys(FREQUENT_WORDS))}
COMMON_WORDS = frozenset(_RANK)
_RARE = len(_RANK) + 1000

# Largest number of alternative words a derived trigger set may hold.
_MAX_ALTERNATIVES = 64
# Most word-set unions kept when every branch of an alternation requires words of its own.
_MAX_UNIONS = 16
# An alternation is also expanded where other words are required only this near the top and this small.
_EXTRA_DEPTH = 2
_EXTRA_BRANCHES = 12
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


@functools.lru_cache(maxsize=8192)
def _parsed(pattern: str, flags: int) -> object:
    """Parse a pattern once for all the analyses below (the tree is only read, never changed)."""
    return _parser.parse(pattern, flags)


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
        if len(item) != 1:
            return False
        op1, av1 = item[0]
        if op1 is _c.BRANCH:
            # (?!\w|\.\w): not any of the alternatives, so not the one that is a word character either.
            return any(_is_boundary(op, (_direction, branch)) for branch in av1[1])
        if op1 is _c.IN:
            return (_c.CATEGORY, _c.CATEGORY_WORD) in av1 and not any(o is _c.NEGATE for o, _ in av1)
        return op1 is _c.CATEGORY and av1 is _c.CATEGORY_WORD
    return False


def _flatten(data: list) -> list:
    """Inline groups (unless they are alternatives of whole words) so words inside them can be found."""
    out: list = []
    for op, av in data:
        if op is _c.SUBPATTERN and not _wordlike(_literal_set(list(av[-1]))):
            out.extend(_flatten(list(av[-1])))
        else:
            out.append((op, av))
    return out


def _zero_width(op: object, av: object) -> bool:
    """A look-around that says nothing about word edges: the neighbour is found beyond it."""
    return op is _c.ASSERT or (op is _c.ASSERT_NOT and not _is_boundary(op, av))


def _edge(items: list, index: int, step: int, depth: int = 0) -> bool:
    """True when the text next to a word, walking from ``index`` by ``step``, is a non-word char or an edge."""
    if not 0 <= index < len(items) or depth > 8:
        return False
    op, av = items[index]
    if _zero_width(op, av):
        return _edge(items, index + step, step, depth + 1)
    if op in _REPEATS:
        content = _flatten(list(av[2]))
        inner = _edge(content, 0 if step > 0 else len(content) - 1, step, depth + 1)
        # An optional item may be absent: then the neighbour beyond it must be an edge too.
        return inner and (av[0] > 0 or _edge(items, index + step, step, depth + 1))
    if op is _c.SUBPATTERN or op is _c.BRANCH:
        branches = [av[-1]] if op is _c.SUBPATTERN else av[1]
        for branch in branches:
            flat = _flatten(list(branch))
            # each alternative continues into what follows (or precedes) the group
            joined = flat + items[index + 1 :] if step > 0 else items[:index] + flat
            start = 0 if step > 0 else len(joined) - 1
            if not _edge(joined, start, step, depth + 1):
                return False
        return True
    return _is_boundary(op, av)


def _views(items: list, budget: int = 16) -> list[list]:
    """Expand positive look-arounds: a look-ahead's text follows the position, a look-behind's precedes it."""
    for index, (op, av) in enumerate(items):
        if op is _c.ASSERT_NOT and not _is_boundary(op, av):
            return _views(items[:index] + items[index + 1 :], budget)
        if op is _c.ASSERT:
            direction, content = av
            content = _flatten(list(content))
            without = items[:index] + items[index + 1 :]
            within = items[:index] + content if direction == 1 else content + items[index + 1 :]
            views = _views(without, budget // 2)
            return views + _views(within, budget // 2) if budget > 1 else views
    return [items]


def _wordlike(words: set[str] | None) -> bool:
    return bool(words) and all(all(_is_word_char(ch) for ch in w) for w in words)  # type: ignore[union-attr]


def _word_sets(data: list) -> list[set[str]]:
    """Candidate trigger sets: runs of literal word characters bounded by non-word items on both sides."""
    candidates: list[set[str]] = []
    for items in _views(_flatten(data)):
        index = 0
        while index < len(items):
            words, end = _word_run(items, index)
            if words is None:
                index += 1
                continue
            before_ok = _edge(items, index - 1, -1)
            after_ok = _edge(items, end, 1)
            if before_ok and after_ok and all(words) and len(words) <= _MAX_ALTERNATIVES and words not in candidates:
                candidates.append(words)
            index = end
    return candidates


def word_rarity(word: str) -> int:
    """Higher for rarer words: a word's place in the frequency ranking (unlisted words are rarest)."""
    return _RANK.get(word, _RARE + len(word))


def _strength(words: set[str]) -> tuple[int, int]:
    """Rank a candidate trigger set by its most frequent word (rarer is better), then fewer alternatives."""
    return (min(map(word_rarity, words)), -len(words))


def _derive(data: list, depth: int = 0) -> list[set[str]]:
    """Every trigger set the pattern requires (each: one of its words must occur), strongest first."""
    items = _flatten(data)
    candidates = _word_sets(items)
    # An alternation is expanded (each branch read in place of it) when no word outside alternations is
    # required, and also, near the top of the pattern and for a few branches, when some are: a word from every
    # branch is then required too. Each branch may require several sets; any choice of one set per branch
    # gives a set the pattern requires (their union), so while the choices are few, every union is kept.
    for index, (op, av) in enumerate(items):
        if op is _c.BRANCH and _literal_set([(op, av)]) is None:
            if candidates and (depth >= _EXTRA_DEPTH or len(av[1]) > _EXTRA_BRANCHES):
                break
            options: list[list[set[str]]] = []
            for branch in av[1]:
                sub = _derive(items[:index] + list(branch) + items[index + 1 :], depth + 1)
                if not sub:
                    break
                options.append(sub)
            else:
                if math.prod(map(len, options)) > _MAX_UNIONS:
                    options = [sub[:1] for sub in options]
                for choice in itertools.product(*options):
                    union = set().union(*choice)
                    if len(union) <= _MAX_ALTERNATIVES * 2 and union not in candidates:
                        candidates.append(union)
            break
    return sorted(candidates, key=_strength, reverse=True)


def _char_set(op: object, av: object) -> frozenset[str] | None:
    """The characters a single mandatory item can match, when it is a small set of non-letters."""
    if op is _c.LITERAL:
        chars = {chr(av)}  # type: ignore[arg-type]
    elif op is _c.IN and all(sub_op is _c.LITERAL for sub_op, _ in av):  # type: ignore[union-attr]
        chars = {chr(code) for _, code in av}  # type: ignore[union-attr]
    elif op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:  # type: ignore[index]
        return _char_set(*list(av[2])[0])  # type: ignore[index]
    else:
        return None
    if any(ch.isalnum() or ch.isspace() for ch in chars):
        return None
    return frozenset(chars)


def required_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """A set of punctuation characters one of which occurs wherever ``pattern`` matches, or None."""
    return _required_chars(_flatten(list(_parsed(pattern, flags))))


def _required_chars(items: list) -> frozenset[str] | None:
    if len(items) == 1 and items[0][0] is _c.BRANCH:
        union: set[str] = set()
        for branch in items[0][1][1]:
            found = _required_chars(_flatten(list(branch)))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    sets = [found for op, av in items if (found := _char_set(op, av))]
    return min(sets, key=len) if sets else None


def requires_digit(pattern: str, flags: int) -> bool:
    """True when a decimal digit (``\\d``) occurs wherever ``pattern`` matches (read from its parsed form)."""

    def digit(op: object, av: object) -> bool:  # one ASCII digit, a range of them, or \d
        if op is _c.LITERAL:
            return 48 <= av <= 57  # type: ignore[operator]
        if op is _c.RANGE:
            return 48 <= av[0] <= av[1] <= 57  # type: ignore[index]
        return op is _c.CATEGORY and av is _c.CATEGORY_DIGIT

    def needs(items: list) -> bool:
        for op, av in items:
            if op is _c.LITERAL and digit(op, av) or op is _c.IN and av and all(digit(o, a) for o, a in av):
                return True
            if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and needs(list(av[2])):
                return True
            if op is _c.SUBPATTERN and needs(list(av[-1])):
                return True
        return False

    try:
        return needs(list(_parsed(pattern, flags)))
    except (re.error, TypeError, ValueError):  # not a text pattern this interpreter reads: assume nothing
        return False


# Punctuation so common that testing for it first costs more than it saves.
COMMON_CHARS = frozenset(",.'’\"“”-")


def char_test(pattern: str, flags: int) -> str | None:
    """The text of a one-character regex (a class of rare punctuation marks, or ``\\d``) one of whose
    characters occurs wherever ``pattern`` matches, or None when there is none worth testing first."""
    chars = required_chars(pattern, flags)
    if chars and not chars & COMMON_CHARS:
        return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"
    return r"\d" if requires_digit(pattern, flags) else None


def derive_requirements(pattern: str, flags: int) -> list[frozenset[str]]:
    """Sets of lowercase words, strongest first; wherever ``pattern`` matches, each set has a word present."""
    return [frozenset(words) for words in _derive(list(_parsed(pattern, flags)))]


def derive_triggers(pattern: str, flags: int) -> frozenset[str] | None:
    """Return lowercase words one of which must occur as a whole word wherever ``pattern`` matches, or None."""
    requirements = derive_requirements(pattern, flags)
    return requirements[0] if requirements else None


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

    return walk(list(_parsed(pattern, flags)), False)


def min_width(pattern: str, flags: int) -> int:
    """The fewest characters a match of ``pattern`` can span."""
    return int(_parsed(pattern, flags).getwidth()[0])


def _loosen(data: list, leading: bool = False) -> list:
    """Rewrite a parsed pattern into a looser, case-sensitive one for lowercased text (see ``gate_pattern``)."""
    out: list = []
    for op, av in data:
        if op in (_c.AT, _c.ASSERT_NOT) or (op is _c.ASSERT and leading and not out):
            continue  # dropping a zero-width condition only allows more matches
        if op is _c.ASSERT:
            out.append((op, (av[0], _sub(av[1], _loosen(list(av[1]))))))
            continue
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            low = chr(av).lower()
            out.append((op, ord(low) if len(low) == 1 else av))
        elif op is _c.IN:
            items = []
            for sub_op, sub_av in av:
                if sub_op is _c.LITERAL:
                    low = chr(sub_av).lower()
                    items.append((sub_op, ord(low) if len(low) == 1 else sub_av))
                    items.append((sub_op, sub_av))
                elif sub_op is _c.RANGE:
                    items.append((sub_op, sub_av))
                    lo, hi = sub_av
                    if ord("A") <= lo <= hi <= ord("Z"):
                        items.append((sub_op, (lo + 32, hi + 32)))
                else:
                    items.append((sub_op, sub_av))
            out.append((op, items))
        elif op is _c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            ignore = ~_c.SRE_FLAG_IGNORECASE
            out.append((op, (group, add_flags & ignore, del_flags & ignore, _sub(sub, _loosen(list(sub))))))
        elif op is _c.BRANCH:
            out.append((op, (av[0], [_sub(branch, _loosen(list(branch))) for branch in av[1]])))
        elif op in _REPEATS:
            low, high, item = av
            out.append((op, (low, high, _sub(item, _loosen(list(item))))))
        elif hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
            out.append((op, _sub(av, _loosen(list(av)))))
        else:
            out.append((op, av))
    return out


def _skippable(data: list) -> bool:
    """Whether the regex engine can jump to candidate positions: the pattern starts with known characters."""
    while data and data[0][0] is _c.SUBPATTERN:
        data = list(data[0][1][-1])
    if not data:
        return False
    op, av = data[0]
    if op is _c.LITERAL:
        return True
    if op is _c.IN:
        return all(sub_op in (_c.LITERAL, _c.RANGE) for sub_op, _ in av)
    if op is _c.BRANCH:
        return all(list(branch) and list(branch)[0][0] is _c.LITERAL for branch in av[1])
    return False


def _sub(template: object, data: list) -> object:
    """A parser SubPattern like ``template`` holding ``data``."""
    return _parser.SubPattern(template.state, data)  # type: ignore[attr-defined]


def gate_pattern(pattern: str, flags: int, tails: bool = False) -> re.Pattern[str] | None:
    """A quick, looser stand-in for ``pattern`` to run on the *lowercased* text.

    Whenever ``pattern`` matches the original text, the stand-in matches the lowercased text at the same
    place (letters are lowercased, case-insensitivity is dropped, and zero-width conditions such as ``\\b``
    and look-arounds are removed). Without a leading ``\\b``, Python's regex engine can skip ahead to the
    first letter of the pattern, which is several times faster. Returns None if the pattern is unsuitable.
    With ``tails``, a stand-in may be for a tail of the pattern (see :func:`gate_tree`).
    """
    loose = gate_tree(pattern, flags, tails)
    if loose is None:
        return None
    try:
        from re import _compiler  # private, but stable across 3.11-3.13; failure only costs speed

        return _compiler.compile(loose, flags & ~re.IGNORECASE)
    except Exception:  # noqa: BLE001 - any surprise from the private API: just do without the shortcut
        return None


def gate_tree(pattern: str, flags: int, tails: bool = False) -> object | None:
    """The parse tree of :func:`gate_pattern`'s stand-in (compile it with ``flags & ~re.IGNORECASE``), or None.

    With ``tails``, when the loosened pattern as a whole gives the regex engine nothing to skip ahead by, it is
    for a tail of it instead (see :func:`_tail`), marked by an empty group named :data:`TAIL_MARK`: such a
    stand-in's find is not where the pattern's match starts, only proof that one may lie in the text searched.
    """
    try:
        tree = _parser.parse(pattern, flags)
        tree.state.flags &= ~_c.SRE_FLAG_IGNORECASE
        items = _loosen(list(tree), leading=True)
        loose = _parser.SubPattern(tree.state, items)
        if loose.getwidth()[0] > 0 and _skippable(items):
            return loose
        ungroup = _REFERENCE.search(pattern) is None
        if ungroup:
            spread = _spread_start(tree.state, items)
            if spread is not None and loose.getwidth()[0] > 0 and _skippable(spread):
                spread_tree = _parser.SubPattern(tree.state, spread)
                if _code_size(spread_tree, flags) <= 2 * _code_size(loose, flags) + _SPREAD_GROWTH:
                    return spread_tree
        factored = factor_start(tree.state, items, _MAX_ALTERNATIVES)
        if factored is not None:
            return _parser.SubPattern(tree.state, factored)
        if not tails:
            return None  # no faster than the pattern itself
        tail = _tail(tree.state, items, ungroup)
        if tail is None:
            return None  # no faster than the pattern itself
        mark = _parser.SubPattern(tree.state, [])
        group = tree.state.opengroup(TAIL_MARK)
        tree.state.closegroup(group, mark)
        return _parser.SubPattern(tree.state, [*tail, (_c.SUBPATTERN, (group, 0, 0, mark))])
    except Exception:  # noqa: BLE001 - any surprise from the private API: just do without the shortcut
        return None


# The name of the empty group that marks a stand-in for a tail of its pattern (see ``gate_tree``).
TAIL_MARK = "tail_stand_in"
# Back-references and conditionals need the groups as they are numbered: then groups are never unwrapped.
_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


# How much larger than the loosened pattern's a spread start's program may be: twice, and this many words.
_SPREAD_GROWTH = 256


def _code_size(tree: object, flags: int) -> int:
    """The length of the program the regex compiler makes of a parse tree (its memory, in code words)."""
    from re import _compiler

    return len(_compiler._code(tree, flags & ~re.IGNORECASE))


# Most alternatives (and items copied into them) a spread start may have.
_MAX_SPREAD = 64
_MAX_SPREAD_ITEMS = 400


def _spread_start(state: object, items: list) -> list | None:
    """``items`` (a loosened pattern without back-references) with an alternation at its start rewritten so
    that each alternative starts with a letter the engine can skip ahead by: an alternative that is or starts
    with an alternation (or a group, or a small set of letters) is spread into one alternative per choice.
    Matches the same text at the same places; None when nothing is to be gained or it would grow too much."""
    if not items:
        return None
    op, av = items[0]
    if op is _c.SUBPATTERN and not av[1] and not av[2]:  # type: ignore[index]
        inner = _spread_start(state, list(av[3]))  # type: ignore[index]
        return None if inner is None else [(op, (av[0], 0, 0, _sub(av[3], inner))), *items[1:]]  # type: ignore[index]
    if op is not _c.BRANCH:
        return None
    alternatives: list[list] = []
    for branch in av[1]:  # type: ignore[index]
        alternatives.extend(_spread(list(branch)))
        if len(alternatives) > _MAX_SPREAD or sum(map(len, alternatives)) > _MAX_SPREAD_ITEMS:
            return None
    if not all(alternative and alternative[0][0] is _c.LITERAL for alternative in alternatives):
        return None
    return [(_c.BRANCH, (None, [_parser.SubPattern(state, a) for a in alternatives])), *items[1:]]


def _spread(items: list, depth: int = 0) -> list[list]:
    """One alternative as several that each start with something other than a group, an alternation or a
    set of letters (the rest of the alternative is copied into each)."""
    if not items or depth > 4:
        return [items]
    op, av = items[0]
    if op is _c.SUBPATTERN and not av[1] and not av[2]:  # type: ignore[index]
        return _spread(list(av[3]) + items[1:], depth + 1)  # type: ignore[index]
    if op is _c.BRANCH:
        return [spread for branch in av[1] for spread in _spread(list(branch) + items[1:], depth + 1)]  # type: ignore[index]
    if op is _c.IN and len(av) <= 4 and all(sub_op is _c.LITERAL for sub_op, _ in av):  # type: ignore[arg-type]
        return [[(_c.LITERAL, code), *items[1:]] for _, code in av]  # type: ignore[union-attr]
    return [items]


def _unwrapped(item: tuple) -> list:
    """A group's items in place of the group, when that matches the same (no alternatives at its top, no flags)."""
    op, av = item
    if op is _c.SUBPATTERN and not av[1] and not av[2] and not any(o is _c.BRANCH for o, _ in av[3]):
        return list(av[3])
    return [item]


def _head_strength(items: list) -> int:
    """The length of the shortest string the literal run at the start of ``items`` can spell; 0 when there is
    none or nothing but zero-width tests follows it (a word alone is no better than the rule's word tests)."""
    run: set[str] = {""}
    end = 0
    for op, av in items:
        options = _literal_set([(op, av)]) if op in (_c.LITERAL, _c.IN, _c.SUBPATTERN, _c.BRANCH) else None
        if not options or "" in options or len(options) * len(run) > _MAX_ALTERNATIVES:
            break
        run = {a + b for a in run for b in options}
        end += 1
    if not any(_parser.SubPattern(None, [item]).getwidth()[0] for item in items[end:]):
        return 0
    return min(map(len, run))


def _tail(state: object, items: list, ungroup: bool, alternative: bool = False) -> list | None:
    """The items of a tail of a loosened pattern that starts with a literal run the engine can skip ahead by
    (the longest such run wins), or None. Alternatives at the top get a tail each. Wherever the pattern
    matches, its tail matches too, inside the same span."""
    if len(items) == 1 and items[0][0] is _c.BRANCH and not alternative:
        tails = []
        for branch in items[0][1][1]:
            tail = _tail(state, list(branch), ungroup, alternative=True)
            if tail is None:
                return None
            tails.append(_parser.SubPattern(state, tail))  # type: ignore[arg-type]
        return [(_c.BRANCH, (None, tails))]
    best: tuple[int, list] | None = None
    for index in range(len(items)):
        head = _unwrapped(items[index]) if ungroup else [items[index]]
        tail = head + items[index + 1 :]
        strength = _head_strength(tail)
        if strength < 2 or best is not None and strength <= best[0]:
            continue
        if alternative and tail[0][0] is not _c.LITERAL:
            continue  # the engine skips ahead by an alternation only when each alternative starts with a letter
        if _skippable(tail):
            best = (strength, tail)
    return best[1] if best is not None else None


def forget_parsed() -> None:
    """Drop the parse trees kept while a rule folder loads (they are not needed once rules are built)."""
    _parsed.cache_clear()


# Most word pairs a derived pair set may hold (each of its two word sets is at most _MAX_ALTERNATIVES long).
_MAX_PAIRS = 1024


def _is_space(op: object, av: object) -> bool:
    """True when the item matches one or more characters, all of them whitespace."""
    if op is _c.CATEGORY:
        return av is _c.CATEGORY_SPACE
    if op is _c.LITERAL:
        return chr(av).isspace()  # type: ignore[arg-type]
    if op is _c.IN:
        return all(
            (sub_op is _c.LITERAL and chr(sub_av).isspace()) or (sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_SPACE)
            for sub_op, sub_av in av  # type: ignore[union-attr]
        )
    if op in _REPEATS:
        low, _high, item = av  # type: ignore[misc]
        item = list(item)
        return low >= 1 and len(item) == 1 and _is_space(*item[0])
    return False


def _word_run(items: list, index: int) -> tuple[set[str] | None, int]:
    """The words a run of literal word characters starting at ``index`` spells, and where the run ends."""
    words = _literal_set([items[index]]) if index < len(items) else None
    if not _wordlike(words):
        return None, index
    end = index + 1
    while end < len(items):
        more = _literal_set([items[end]])
        if not _wordlike(more):
            break
        words = {a + b for a, b in itertools.product(words, more)}  # type: ignore[arg-type]
        end += 1
    return words, end


def derive_word_pairs(pattern: str, flags: int) -> list[frozenset[tuple[str, str]]]:
    """Sets of lowercase word pairs; wherever ``pattern`` matches, each set has a pair present as two
    consecutive ``\\w+`` words of the text ("the the" for ``\\bthe\\s+the\\b``): two whole words with only
    whitespace between them."""
    found: list[frozenset[tuple[str, str]]] = []
    for items in _views(_flatten(list(_parsed(pattern, flags)))):
        index = 0
        while index < len(items):
            first, end = _word_run(items, index)
            if first is None:
                index += 1
                continue
            gap = end
            while gap < len(items) and _is_space(*items[gap]):
                gap += 1
            second, after = _word_run(items, gap) if gap > end else (None, end)
            if (
                second is not None
                and _edge(items, index - 1, -1)
                and _edge(items, after, 1)
                and all(first) and all(second)
                and len(first) * len(second) <= _MAX_PAIRS
            ):
                pairs = frozenset(itertools.product(first, second))
                if pairs not in found:
                    found.append(pairs)
            index = end
    return found


# Most strings a derived needle set may hold (each is tested with ``in``, so a few at most pay off).
_MAX_NEEDLES = 6


def _needle_sets(items: list) -> list[set[str]]:
    """Sets of lowercase strings; wherever the sequence ``items`` matches, its match holds one of each set.

    Literal characters next to each other form a string (zero-width tests between them change nothing);
    a positive look-ahead's text lies inside the text searched, so it counts; a look-behind's may not.
    """
    found: list[set[str]] = []
    run: set[str] = {""}

    def close() -> None:
        nonlocal run
        if run != {""}:
            found.append(run)
        run = {""}

    for op, av in items:
        if op is _c.AT or op is _c.ASSERT_NOT:
            continue  # zero width: the characters on either side stay neighbours
        if op is _c.ASSERT:
            close()
            if av[0] == 1:  # type: ignore[index]
                found.extend(_needle_sets(list(av[1])))  # type: ignore[index]
            continue
        options = _literal_set([(op, av)]) if op in (_c.LITERAL, _c.IN, _c.SUBPATTERN) else None
        if options and "" not in options and len(options) <= _MAX_NEEDLES:
            longer = {a + b for a in run for b in options}
            if len(longer) > _MAX_NEEDLES:
                close()
                longer = set(options)
            run = longer
            continue
        close()
        if op is _c.SUBPATTERN:
            found.extend(_needle_sets(list(av[-1])))  # type: ignore[index]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index]
            found.extend(_needle_sets(list(av[2])))  # type: ignore[index]
        elif op is _c.BRANCH:
            best = [_best_needles(_needle_sets(list(branch))) for branch in av[1]]  # type: ignore[index]
            if all(best) and sum(map(len, best)) <= _MAX_NEEDLES:  # type: ignore[arg-type]
                found.append(set().union(*best))  # type: ignore[arg-type]
    close()
    return found


def _needle_score(needle: str) -> int:
    """How rarely a lowercase string occurs in prose, roughly: a frequent word counts two at most, else its
    length and one more for a digit or punctuation mark (they are rarer than letters)."""
    if needle in COMMON_WORDS:
        return min(len(needle), 2)
    return len(needle.strip()) + any(not (ch.isalpha() or ch.isspace()) for ch in needle)


def _needle_strength(needles: set[str]) -> tuple[int, int]:
    """Rank a needle set by its weakest string (rarer is better), then fewer strings."""
    return (min(map(_needle_score, needles)), -len(needles))


def _best_needles(sets: list[set[str]]) -> set[str] | None:
    return max(sets, key=_needle_strength) if sets else None


# Most needle sets a rule is given (each costs a few ``in`` tests on every slice that gets that far).
_NEEDLE_SETS = 2


def derive_needles(pattern: str, flags: int, words: tuple[frozenset[str], ...] = ()) -> tuple[frozenset[str], ...]:
    """Sets of lowercase strings, strongest first; wherever ``pattern`` matches, the *lowercased* text it
    spans (with what its look-aheads read) holds a string of each set: ``in`` tests, far cheaper than a search.

    Weak sets (a frequent word, one letter) are left out, and so are sets that ``words`` (word sets a text
    must already meet, a word of each) make certain.
    """
    kept: list[frozenset[str]] = []
    for found in _needle_sets(list(_parsed(pattern, flags))):
        needles = frozenset(n for n in found if not any(o != n and o in n for o in found))  # "self" covers "self-"
        if needles in kept or _needle_strength(needles)[0] < 2:
            continue
        if any(all(any(n in word for n in needles) for word in required) for required in words):
            continue  # each word of a set the text must hold contains a needle
        kept.append(needles)
    return tuple(sorted(kept, key=_needle_strength, reverse=True)[:_NEEDLE_SETS])
