"""The built-in rule engine: data-driven rules from ``resources/rules/`` and the writer's own rule folder.

Speed comes from not running most rules at all. Each rule carries (or the loader derives from its regex)
trigger words, one of which must occur in the text, further word sets that must all be met, and punctuation
it needs; punctuation rules share cheap "gates". A paragraph is cut into slices of a few sentences, each
slice is tokenised once into a set of lowercase words, and only rules whose triggers occur are considered.
Then ``in`` tests for strings the pattern must contain (its "needles", see ``regex_analysis.derive_needles``)
reject most slices for the price of a substring search. Before a rule's own regex runs, a looser case-folded
stand-in (see ``regex_analysis.gate_pattern``) scans the lowercased text, which Python's regex engine does
several times faster; where the pattern's start gives the engine nothing to skip ahead by, the stand-in is for
a tail of the pattern (its find then only says that a match may lie in the slice). Matching itself always uses the
rule's real pattern on the original text, with the whole paragraph as context.
"""

from __future__ import annotations

import logging
import operator
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from pathlib import Path

from writer_app.grammar.compiled_regex import loose_gate
from writer_app.grammar.dialogue import dialogue_spans, in_dialogue
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.pattern_pass import PatternPass, default_analyser, default_surface
from writer_app.grammar.patterns import AnalyseSpan, PatternRule
from writer_app.grammar.regex_analysis import (
    COMMON_CHARS,
    TAIL_MARK,
    derive_needles,
    derive_requirements,
    forget_parsed,
    required_chars,
    requires_digit,
)
from writer_app.grammar.rulefile import Rule, RuleFileError, load_rule_folder, parse_rule_file
from writer_app.resources import resource_path

__all__ = ["Rule", "RuleChecker", "RuleFileError", "load_rules", "parse_rule_file", "user_rule_folder"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# Paragraphs longer than this are checked in slices that end at a sentence end where possible.
_CHUNK = 160
_MIN_SLICE = 50
_OVERLAP = 24  # a slice cut inside a sentence reads on at most this far, so a slip on the cut is not lost
_WIDE = 100  # rules whose matches are at least this long run over whole paragraphs
# A gate with this text passes only when some word is directly followed by the same word (doubled words).
ADJACENT_REPEAT = "(?#adjacent repeated word)"
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
_NEXT_WORDS = re.compile(r"\S+\s+(?:\S+\s)?")
_GB_DIALECTS = ("en-GB", "en-AU", "en-NZ", "en-IE", "en-ZA", "en-IN")

_cache_lock = threading.Lock()
_cache: dict[tuple[str, ...], tuple[tuple, list[Rule]]] = {}


def load_rules(folder: Path | str | None = None, *more: Path | str) -> list[Rule]:
    """Load the rules of ``folder`` (default: the bundled rules) and any further folders, ids unique."""
    folders = [Path(folder) if folder is not None else resource_path("rules"), *(Path(f) for f in more)]
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    try:
        for each in folders:
            loaded = load_rule_folder(each, seen)
            seen.update((rule.id, rule) for rule in loaded)
            rules.extend(loaded)
    finally:
        forget_parsed()
    return rules


def user_rule_folder() -> Path | None:
    """The writer's own rule folder (``config_dir()/rules``), or None when settings are unavailable."""
    try:
        from writer_app.settings import config_dir
    except ImportError:  # pragma: no cover - settings module not built yet
        return None
    return config_dir() / "rules"


def _signature(folders: Sequence[Path]) -> tuple:
    files = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                stat = path.stat()
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def cached_rules(folders: Sequence[Path]) -> list[Rule]:
    """Load rules once per set of unchanged files (checkers are rebuilt when settings change)."""
    key = tuple(str(f) for f in folders)
    signature = _signature(folders)
    with _cache_lock:
        hit = _cache.get(key)
        if hit and hit[0] == signature:
            return hit[1]
    from writer_app.grammar.rule_cache import load_rules_cached  # precompiled/cached copies when fresh

    rules = load_rules_cached(folders)
    with _cache_lock:
        _cache[key] = (signature, rules)
    return rules


def _requirements(rule: Rule) -> tuple[frozenset[str], ...]:
    """Word sets a slice must meet; a gated rule is selected by its gate, so its triggers become one more."""
    if rule.gate is not None and rule.triggers is not None:
        return (rule.triggers, *rule.requires)
    return rule.requires


def _char_gate(chars: frozenset[str] | None) -> str | Callable[[str], object] | None:
    """A quick punctuation test for a rule: one character to look for, a compiled class search, or None."""
    need = _char_need(chars, digit=False)
    return None if need is None else _char_test(need)


_LAZY = object()  # placeholder for a quick test not built yet
_ADJACENT = object()  # the search of the doubled-word gate, which reads the words instead
_quick_lock = threading.Lock()
_quick_cache: dict[tuple[str, int], Callable[..., object] | None] = {}


def _quick_search(rule: Rule) -> Callable[..., object] | None:
    """The search method of a faster, looser stand-in for ``rule``'s pattern on lowercased text, if any.

    The stand-in is only trusted when it agrees with the rule on the rule's own bad examples.
    """
    key = (rule.pattern.pattern, rule.pattern.flags)
    with _quick_lock:
        if key in _quick_cache:
            return _quick_cache[key]
    quick = loose_gate(rule.pattern.pattern, rule.pattern.flags, tails=True)
    if quick is not None:
        for sentence in rule.bad:
            lower = sentence.lower()
            if len(lower) == len(sentence) and rule.pattern.search(sentence) and not quick.search(lower):
                log.warning("rule %s: quick test disagrees with its pattern; not using it", rule.id)
                quick = None
                break
    found = quick.search if quick is not None else None
    with _quick_lock:
        _quick_cache[key] = found
    return found


def quick_searches(rules: Iterable[Rule | PatternRule]) -> dict[tuple[str, int], re.Pattern[str] | None]:
    """Every regex rule's quick stand-in (None: it has none), made now; for saving with precompiled rules."""
    found: dict[tuple[str, int], re.Pattern[str] | None] = {}
    for rule in rules:
        if isinstance(rule, PatternRule):
            continue
        for part in rule.parts or (rule,):
            search = _quick_search(part)
            found[(part.pattern.pattern, part.pattern.flags)] = getattr(search, "__self__", None)
    return found


def remember_quick_searches(found: dict[tuple[str, int], re.Pattern[str] | None]) -> None:
    """Take quick stand-ins made earlier (by :func:`quick_searches`, saved with precompiled rules)."""
    with _quick_lock:
        for key, pattern in found.items():
            _quick_cache.setdefault(key, pattern.search if pattern is not None else None)


def _has_needles(needles: tuple[frozenset[str], ...], lowered: str) -> bool:
    """True when the lowercased ``lowered`` holds a string of each of a rule's needle sets."""
    for strings in needles:
        for needle in strings:
            if needle in lowered:
                break
        else:
            return False
    return True


def _without_overlaps(issues: list[Issue]) -> list[Issue]:
    """Sort issues; where one rule flagged overlapping spans (two forms of a phrase), keep the longest."""
    issues.sort(key=lambda i: (i.start, i.start - i.end, i.rule))
    kept: list[Issue] = []
    last_end: dict[str, int] = {}
    for issue in issues:
        if issue.start < last_end.get(issue.rule, -1):
            continue
        kept.append(issue)
        last_end[issue.rule] = issue.end
    return kept


# What can make a find in a slice fail in the whole text around it: anchors and word boundaries (a slice's
# edges are not the text's), negative look-arounds and conditionals (they see more of the text there).
_NARROWING = re.compile(r"\\[bBAZ]|[$^]|\(\?<?!|\(\?\(")


def _finds_widen(gate: re.Pattern[str]) -> bool:
    """True when every find of ``gate`` in a slice of a text is also a find in the whole text (only positive
    look-arounds, no anchors or word boundaries: seeing more text around a slice can only make them succeed)."""
    return _NARROWING.search(gate.pattern) is None


def _char_need(chars: frozenset[str] | None, digit: bool) -> frozenset[str] | None:
    """The characters (``\\d`` for any digit) one of which a slice must hold for a test to pass, or None
    (it needs no particular one, or only common punctuation, which is no test worth making)."""
    if chars and not chars & COMMON_CHARS:
        return chars
    return frozenset({"\\d"}) if digit else None


def _char_test(need: frozenset[str]) -> str | Callable[[str], object]:
    """A quick test for a character need: the one character to look for, or a compiled class search."""
    if len(need) == 1 and "\\d" not in need:
        return next(iter(need))
    return re.compile("[" + "".join(ch if ch == "\\d" else re.escape(ch) for ch in sorted(need)) + "]").search


def _needy_rules(matchers: Sequence[Rule], always: list[int]) -> tuple[list[int], list[tuple[frozenset[str] | None, tuple]]]:
    """Split the rules run on every slice (``always``: positions in ``matchers``) into those that need nothing
    that can be tested before their own search, and groups for :attr:`RuleChecker._gate_buckets` of those that
    need a digit or a rare punctuation mark, or strings (needles), as ``(character need, group)``: such a group
    selects its rules wherever its tests pass, the way a gate does, so a slice without them skips them at once."""
    rest: list[int] = []
    needy: dict[tuple, list[int]] = {}
    for position in always:
        rule = matchers[position]
        chars = rule.chars if rule.chars and not rule.chars & COMMON_CHARS else None
        digit = chars is None and requires_digit(rule.pattern.pattern, rule.pattern.flags)
        need = _char_need(chars, digit)
        if need is None and not rule.needles:
            rest.append(position)
        else:
            needy.setdefault((need, rule.needles), []).append(position)
    return rest, [(need, (None, tuple(positions), (), needles)) for (need, needles), positions in needy.items()]


def _gate_needs(gate: re.Pattern[str]) -> tuple[tuple[frozenset[str], ...], frozenset[str] | None, tuple[frozenset[str], ...]]:
    """What a slice must hold for ``gate`` to find anything: sets of lowercase words (a word of each), characters
    one of which it must hold (see :func:`_char_need`), and needle sets (see ``regex_analysis.derive_needles``);
    cheaper tests than the gate's own search, tried first."""
    words = tuple(derive_requirements(gate.pattern, gate.flags))
    chars = required_chars(gate.pattern, gate.flags)
    need = _char_need(chars, not (chars and not chars & COMMON_CHARS) and requires_digit(gate.pattern, gate.flags))
    return words, need, derive_needles(gate.pattern, gate.flags, words)


def _gate_group(
    gate: re.Pattern[str], positions: tuple[int, ...]
) -> tuple[frozenset[str] | None, tuple, Callable[[str], object] | None]:
    """A gate's group for :attr:`RuleChecker._plans`: its character need, ``(search, positions, word sets,
    needle sets)``, and its search for a whole paragraph when its finds widen (else None)."""
    words, need, needles = _gate_needs(gate)
    return need, (gate.search, positions, words, needles), gate.search if need is None and _finds_widen(gate) else None


def _slices(text: str) -> list[tuple[int, int, int]]:
    """Cut a long text into slices of at most ``_CHUNK`` characters, preferring sentence ends, then spaces.

    Each slice is ``(start, end, reach)``: a slice cut inside a sentence may read on to ``reach`` (its next
    two words) so that a slip straddling the cut is found in the slice where it starts.
    """
    spans: list[tuple[int, int, int]] = []
    start = 0
    length = len(text)
    while start < length:
        end = start + _CHUNK
        if end >= length:
            spans.append((start, length, length))
            break
        found = _SENTENCE_END.search(text, start + _MIN_SLICE, end)
        if found is not None:
            end = reach = found.end()  # few rules match across a sentence end: reading on would cost 7%
        else:
            found = _SPACE.search(text, start + _MIN_SLICE, end)
            end = found.end() if found is not None else end
            reach = _reach(text, end) if found is not None else end
        spans.append((start, end, reach))
        start = end
    return spans


def _reach(text: str, end: int) -> int:
    """Where a slice cut inside a sentence at ``end`` may read on to: its next two words, if they are short."""
    found = _NEXT_WORDS.match(text, end, min(len(text), end + _OVERLAP))
    if found is None:
        return end
    if found.end() == len(text) or text[found.end() - 1].isspace():
        return found.end()
    return end


def _dialect(name: str) -> str:
    return "en-GB" if name.replace("_", "-") in _GB_DIALECTS else "en-US"


def rule_enabled(rule: Rule, config: CheckConfig) -> bool:
    """Whether ``config`` switches ``rule`` on (dialect, default/style choice, category, ignore list)."""
    if rule.id in config.ignored_rules or _dialect(config.dialect) not in rule.dialects:
        return False
    chosen = rule.id in config.style_rules
    if not (rule.default or chosen):
        return False
    return rule.category in config.categories or (rule.category is Category.STYLE and chosen)


class RuleChecker:
    """Check paragraphs against the built-in and the writer's own rules."""

    name = "builtin"

    def __init__(
        self,
        config: CheckConfig | None = None,
        rules: Iterable[Rule | PatternRule] | None = None,
        analyse: AnalyseSpan | None = None,
    ) -> None:
        """``analyse`` reads one sentence for the token-pattern rules (default: the linguistic pipeline)."""
        self.config = config or CheckConfig()
        if rules is None:
            folders = [resource_path("rules")]
            user = user_rule_folder()
            if user is not None:
                folders.append(user)
            rules = cached_rules(folders)
        enabled = [rule for rule in rules if rule_enabled(rule, self.config)]
        patterns = [rule for rule in enabled if isinstance(rule, PatternRule)]
        self._patterns: PatternPass | None = None
        if patterns:
            # The pre-filter reads words the way the shipped pipeline does, so it only serves that pipeline.
            surface = default_surface() if analyse is None else None
            analyse = analyse or default_analyser()
            if analyse is None:
                log.info("no sentence analyser installed: %d token-pattern rules are off", len(patterns))
                enabled = [rule for rule in enabled if not isinstance(rule, PatternRule)]
            else:
                self._patterns = PatternPass(patterns, analyse, self.config.strict_dialogue, surface)
        self.rules = enabled
        regex_rules = [rule for rule in enabled if not isinstance(rule, PatternRule)]
        self._relaxed = frozenset(rule.id for rule in regex_rules if rule.relaxed_in_dialogue)
        matchers = [part for rule in regex_rules for part in (rule.parts or (rule,)) if part.min_width < _WIDE]
        # Long-range rules (a sixty-word sentence) cannot match inside one slice: they see the whole paragraph.
        self._wide = [rule for rule in regex_rules if rule.min_width >= _WIDE]
        self._always: list[int] = []
        gated: dict[re.Pattern[str], list[int]] = {}
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(matchers):
            if rule.gate is not None:
                gated.setdefault(rule.gate, []).append(position)  # one gate test per paragraph for the group
            elif rule.triggers is None:
                self._always.append(position)
            else:
                for word in rule.triggers:
                    index.setdefault(word, []).append(position)
        self._index = {word: tuple(positions) for word, positions in index.items()}
        self._gates = [
            (rule.pattern.search, _LAZY, True, _requirements(rule), _char_gate(rule.chars), rule.needles, rule.gate, rule)
            for rule in matchers
        ]
        self._trigger_words = frozenset(self._index)
        # Each group's gate: its search method (_ADJACENT for the doubled-word test, which reads the words), and
        # what a slice must hold for the gate to find anything: words (sets), characters, needles.
        groups: list[tuple[frozenset[str] | None, tuple, Callable[[str], object] | None]] = [
            (None, (_ADJACENT, tuple(positions), (), ()), None) if gate.pattern == ADJACENT_REPEAT
            else _gate_group(gate, tuple(positions))
            for gate, positions in gated.items()
        ]
        # Rules run on every slice that need a rare character or some needles are selected like a gate's group.
        self._always, needy = _needy_rules(matchers, self._always)
        groups.extend((need, group, None) for need, group in needy)
        # The groups by the characters they need (None: none), so that a slice is searched for each need once
        # (eight groups need a digit): (character test, its groups). Each group also has its gate's search on a
        # whole paragraph where a find there is all a find in a slice can be (see :meth:`_plan`).
        buckets: dict[frozenset[str] | None, list[tuple[tuple, Callable[[str], object] | None]]] = {}
        for need, group, whole in groups:
            buckets.setdefault(need, []).append((group, whole))
        self._plans = [(need, None if need is None else _char_test(need), tuple(entries)) for need, entries in buckets.items()]
        self._buckets = [(test, tuple(group for group, _whole in entries)) for _need, test, entries in self._plans]
        # One search for every character some bucket needs: which of them a long paragraph holds.
        needed = sorted({ch for need in buckets if need is not None for ch in need})
        self._rare = re.compile("[" + "".join(ch if ch == "\\d" else re.escape(ch) for ch in needed) + "]") if needed else None

    def check(self, text: str) -> list[Issue]:
        """Return the issues of one paragraph, offsets relative to ``text``."""
        if not text:
            return []
        lower = text.lower()
        low = lower if len(lower) == len(text) else None  # quick tests need offsets that line up
        if len(text) <= _CHUNK:
            issues, words = self._check_span(text, low, 0, len(text), len(text), self._buckets)
        else:
            # A long paragraph is checked a few sentences at a time: trigger words stay selective, and the
            # matching still sees the whole text around each slice (look-behinds keep their context). A slice
            # cut inside a sentence reads two words on, so a slip that straddles the cut is still found.
            issues, words = [], set()
            buckets = self._plan(text, low)
            for start, end, reach in _slices(text):
                found, seen = self._check_span(text, low, start, end, reach, buckets)
                issues.extend(found)
                words |= seen
            if len(issues) > 1:
                issues = _without_overlaps(issues)
        if self._wide:
            for rule in self._wide:
                issues.extend(rule.find(text))
            issues.sort(key=lambda i: (i.start, i.end, i.rule))
        if self._relaxed and issues and not self.config.strict_dialogue:
            issues = self._without_spoken(text, issues)
        if self._patterns is not None:
            found = self._patterns.check(text, words, low)
            if found:
                # Where a token pattern and a surface regex flag the very same words, the pattern read the
                # sentence and made its fix by inflection, so its issue is the one kept.
                spans = {(issue.start, issue.end) for issue in found}
                issues = _without_overlaps([i for i in issues if (i.start, i.end) not in spans] + found)
        return issues

    def _without_spoken(self, text: str, issues: list[Issue]) -> list[Issue]:
        """Drop the issues of rules relaxed in dialogue that lie inside quotation marks (a character's voice)."""
        relaxed = self._relaxed
        if not any(issue.rule in relaxed for issue in issues):
            return issues
        spans = dialogue_spans(text)
        if not spans:
            return issues
        return [i for i in issues if i.rule not in relaxed or not in_dialogue(spans, i.start, i.end)]

    def _plan(self, text: str, low: str | None) -> list[tuple[str | Callable[[str], object] | None, tuple]]:
        """The gate groups worth trying on the slices of a long paragraph, by character test: those whose
        characters, needles (in the lowercased ``low``) and, where its finds widen, gate occur in the paragraph
        (a slice holds only what the paragraph holds; see :func:`_finds_widen`)."""
        buckets = []
        present = set(self._rare.findall(text)) if self._rare is not None else set()
        if any(map(str.isdecimal, present)):
            present.add("\\d")  # (what \d matches: a decimal digit of any script)
        for need, test, entries in self._plans:
            if need is not None and need.isdisjoint(present):
                continue
            kept = tuple(
                group for group, whole in entries
                if not (low is not None and group[3] and not _has_needles(group[3], low))
                and (whole is None or whole(text) is not None)
            )
            if kept:
                buckets.append((test, kept))
        return buckets

    def _check_span(
        self, text: str, low: str | None, start: int, end: int, reach: int,
        buckets: Sequence[tuple[str | Callable[[str], object] | None, tuple]],
    ) -> tuple[list[Issue], set[str]]:
        """Issues of matches starting in ``text[start:end]`` (which may run on up to ``reach``), and its words;
        ``buckets``: the gate groups to try, by character test (all, or a long paragraph's :meth:`_plan`)."""
        whole = start == 0 and reach == len(text)
        piece = text if whole else text[start:reach]
        lowered = (low if whole else low[start:reach]) if low is not None else piece.lower()
        tokens = _WORD.findall(lowered)
        words = set(tokens)
        selected = set(self._always)
        index = self._index
        for word in words & self._trigger_words:
            selected.update(index[word])
        # A group's rules are selected only where its tests pass: a gated rule needs no test after this.
        for test, groups in buckets:
            if test is not None and (test not in piece if type(test) is str else test(piece) is None):
                continue
            for gate_search, positions, word_needs, needles in groups:
                if word_needs and any(map(words.isdisjoint, word_needs)):
                    continue
                if needles and not _has_needles(needles, lowered):
                    continue
                if gate_search is None or (
                    gate_search(piece) is not None if gate_search is not _ADJACENT
                    else any(map(operator.eq, tokens, islice(tokens, 1, None)))  # (twice as fast as str.__eq__)
                ):
                    selected.update(positions)
        if not selected:
            return [], words
        issues: list[Issue] = []
        gates = self._gates
        for position in selected:
            search, quick, exact, requires, chars, needles, gate, rule = gates[position]
            # (the first set alone, written out, is tested faster than through any(map(...)))
            if requires and (words.isdisjoint(requires[0]) or len(requires) > 1 and any(map(words.isdisjoint, requires))):
                continue
            if chars is not None and (chars not in piece if type(chars) is str else chars(piece) is None):
                continue
            if needles and not _has_needles(needles, lowered):
                continue
            if quick is _LAZY:  # built on first use: most rules never get this far in a short text
                quick = _quick_search(rule)
                exact = quick is None or TAIL_MARK not in quick.__self__.groupindex  # type: ignore[attr-defined]
                gates[position] = (search, quick, exact, requires, chars, needles, gate, rule)
            begin = start
            if quick is not None and low is not None:
                hint = quick(low, start, reach)
                if hint is None:
                    continue  # the looser stand-in found nothing, so the rule cannot match here
                if exact:
                    begin = hint.start()  # nor can it match before the stand-in's first find
            if search(text, begin, reach) is not None:  # cheap C-level test before the Python-level walk
                issues.extend(rule.find(text, start, reach, end))
        return (_without_overlaps(issues) if len(issues) > 1 else issues), words
