"""Score a checker on the eval sets: detection, right fix and alarms on correct sentences.

Two sets, read at run time from ``../shared/eval/``: Harper's sentence pairs and the development half of
LanguageTool's rule examples.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.grammar.engine import Checker
from writer_app.grammar.model import Category, Issue

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
EVAL_FILE = EVAL_DIR / "harper-pairs.jsonl"
LT_FILE = EVAL_DIR / "languagetool-dev.jsonl"
# Harper rules that contradict fiction style, with the reason: left out of the detection figure (their correct
# sentences still count for alarms), and listed with their reasons by the benchmark. Each one either marks a
# standard form as a slip, or polices a character's voice or a house style that is the writer's to choose.
FICTION_EXCLUDED_REASONS: dict[str, str] = {
    "avoid_contractions": "fiction and dialogue are written in contractions",
    "avoid_curses": "characters swear; a checker does not censor their dialogue",
    "oxford_comma": "a house style; its opposite rule no_oxford_comma is just as standard",
    "no_oxford_comma": "a house style; its opposite rule oxford_comma is just as standard",
    "update_place_names": "period and historical fiction names places as they were then (Bombay, Peking)",
    "regionalisms": "a setting's or a character's vocabulary (crisps, spanner, sidewalk) is voice, not a slip",
    "sneaked_snuck": "'sneaked' and 'snuck' are both standard past tenses",
    "have_take_a_look": "'have a look' and 'take a look' are both idiomatic",
    "would_never_have": "'would have never' and 'never would have' are both grammatical orders",
    "use_ellipsis_character": "standard manuscript format asks for three full stops; the ellipsis glyph is typesetting",
}
FICTION_EXCLUDED_RULES = frozenset(FICTION_EXCLUDED_REASONS)
# LanguageTool categories that matter for fiction (rules on by default only).
FICTION_CATEGORIES = frozenset(
    {"GRAMMAR", "TYPOS", "CONFUSED_WORDS", "COLLOCATIONS", "NONSTANDARD_PHRASES", "PUNCTUATION", "TYPOGRAPHY", "CASING"}
)


@dataclass(frozen=True)
class Pair:
    """One line of the eval file: an incorrect sentence with its fix, or a correct sentence."""

    kind: str
    rule: str
    text: str
    corrected: str = ""
    span_start: int = 0
    span_end: int = 0
    # LanguageTool examples only: every right replacement of the marked span, the rule's category,
    # whether the rule is on by default, and the English variant it is written for.
    corrections: tuple[str, ...] = ()
    category: str = ""
    default: bool = True
    variant: str = ""

    @property
    def fiction(self) -> bool:
        """True for a LanguageTool example of a default-on rule in a fiction-relevant category."""
        return self.default and self.category in FICTION_CATEGORIES


@dataclass
class RuleScore:
    """Counts for one Harper rule (or for the whole file)."""

    incorrect: int = 0
    detected: int = 0
    fixed: int = 0
    correct: int = 0
    alarms: int = 0
    strict_alarms: int = 0


@dataclass
class EvalResult:
    """Overall and per-Harper-rule counts, plus which of our rules raised the alarms."""

    total: RuleScore = field(default_factory=RuleScore)
    by_rule: dict[str, RuleScore] = field(default_factory=dict)
    alarm_rules: Counter[str] = field(default_factory=Counter)
    alarm_examples: dict[str, list[str]] = field(default_factory=dict)
    misses: dict[str, list[Pair]] = field(default_factory=dict)
    # Our rules that found each eval rule's slips, and the rules each correct sentence's alarms came from.
    detectors: dict[str, set[str]] = field(default_factory=dict)
    correct_flags: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    @property
    def detection(self) -> float:
        """Share of incorrect sentences with an issue on the faulty span."""
        return self.total.detected / self.total.incorrect if self.total.incorrect else 0.0

    @property
    def right_fix(self) -> float:
        """Share of incorrect sentences that one offered replacement turns into the corrected sentence."""
        return self.total.fixed / self.total.incorrect if self.total.incorrect else 0.0

    @property
    def alarm_rate(self) -> float:
        """Share of correct sentences with an alarm for their rule (see :func:`is_alarm_for`)."""
        return self.total.alarms / self.total.correct if self.total.correct else 0.0

    @property
    def rule_alarm_rate(self) -> float:
        """Share of correct sentences flagged *for their rule*: by one of our rules that finds that rule's slips.

        Harper's README: a correct sentence "must raise no alarm for that rule". Which of our rules stand for an
        eval rule is read from the data: those that detected its incorrect sentences.
        """
        hits = sum(1 for rule, flags in self.correct_flags if flags & self.detectors.get(rule, set()))
        return hits / self.total.correct if self.total.correct else 0.0

    @property
    def strict_alarm_rate(self) -> float:
        """Share of correct sentences that raised any issue at all, of any kind."""
        return self.total.strict_alarms / self.total.correct if self.total.correct else 0.0


def _rows(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSON-lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_pairs(path: Path = EVAL_FILE) -> list[Pair]:
    """Read the eval file (one JSON object a line)."""
    pairs: list[Pair] = []
    for row in _rows(path):
        pairs.append(
            Pair(
                kind=row["kind"],
                rule=row["rule"],
                text=row["text"],
                corrected=row.get("corrected_text", ""),
                span_start=row.get("span_start", 0),
                span_end=row.get("span_end", 0),
            )
        )
    return pairs


def load_lt_examples(path: Path = LT_FILE) -> list[Pair]:
    """Read LanguageTool's development examples as pairs; a right fix is any of the rule's corrections."""
    pairs: list[Pair] = []
    for row in _rows(path):
        text = row["text"]
        start, end = row.get("marker_start", 0), row.get("marker_end", 0)
        corrections = tuple(row.get("corrections") or ())
        pairs.append(
            Pair(
                kind=row["kind"],
                rule=row["rule_id"],
                text=text,
                corrected=text[:start] + corrections[0] + text[end:] if corrections else "",
                span_start=start,
                span_end=end,
                corrections=corrections,
                category=row.get("category", ""),
                default=row.get("default", "on") == "on",
                variant=row.get("variant") or "",
            )
        )
    return pairs


def checker_per_variant(build: Callable[[str], Checker]) -> Callable[[Pair], Checker]:
    """A function giving each pair a checker for its English variant, built once per variant by ``build``."""
    checkers: dict[str, Checker] = {}

    def checker_for(pair: Pair) -> Checker:
        dialect = pair.variant or "en-US"
        if dialect not in checkers:
            checkers[dialect] = build(dialect)
        return checkers[dialect]

    return checker_for


def right_texts(pair: Pair) -> set[str]:
    """Every corrected form of an incorrect pair: its corrected text, and each LanguageTool correction applied."""
    head, tail = pair.text[: pair.span_start], pair.text[pair.span_end :]
    texts = {head + correction + tail for correction in pair.corrections}
    if pair.corrected:
        texts.add(pair.corrected)
    return texts


def detects(issue: Issue, start: int, end: int) -> bool:
    """True when ``issue`` overlaps ``[start, end)``, or touches ``start`` for an empty span."""
    if start == end:
        return issue.start <= start <= issue.end
    return issue.start < end and start < issue.end


def fixes(issue: Issue, bad: str, good: str | set[str]) -> bool:
    """True when one of the issue's replacements turns ``bad`` into ``good`` (or one of a set) exactly."""
    head, tail = bad[: issue.start], bad[issue.end :]
    wanted = {good} if isinstance(good, str) else good
    return any(head + replacement + tail in wanted for replacement in issue.replacements)


def is_alarm_for(issue: Issue, harper_rule: str) -> bool:
    """Whether ``issue`` is an alarm on a sentence that is correct *for* ``harper_rule``.

    The eval's README: a correct sentence "must raise no alarm for that rule". Its correct sentences are
    only vouched for one rule each and many hold tech jargon or real typos, so a spelling flag counts as an
    alarm only on the spell-checking rule's sentences; every grammar, word-choice, punctuation, typography
    or style flag counts on every sentence. ``strict_alarm_rate`` counts everything.
    """
    return issue.category is not Category.SPELLING or "spell" in harper_rule


def check_text(checker: Checker, text: str) -> list[Issue]:
    """Check a possibly multi-line eval sentence line by line, with offsets into the whole text."""
    issues: list[Issue] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            issues.extend(issue.shifted(offset) for issue in checker.check(body))
        offset += len(line)
    return issues


def score(
    checker: Checker | Callable[[Pair], Checker],
    pairs: Iterable[Pair],
    keep_misses: int = 0,
    any_flag_is_alarm: bool = False,
) -> EvalResult:
    """Run ``checker`` over every pair and count detections, right fixes and alarms.

    ``checker`` may be a function of the pair (a checker per English variant). With ``any_flag_is_alarm``
    every flag on a correct sentence is an alarm (LanguageTool's set); otherwise see :func:`is_alarm_for`.
    """
    result = EvalResult()
    choose = checker if callable(checker) and not hasattr(checker, "check") else None
    for pair in pairs:
        per_rule = result.by_rule.setdefault(pair.rule, RuleScore())
        issues = check_text(choose(pair) if choose else checker, pair.text)
        if pair.kind == "correct":
            for counts in (result.total, per_rule):
                counts.correct += 1
            alarms = [issue for issue in issues if any_flag_is_alarm or is_alarm_for(issue, pair.rule)]
            for counts in (result.total, per_rule):
                counts.strict_alarms += bool(issues)
                counts.alarms += bool(alarms)
            result.correct_flags.append((pair.rule, frozenset(issue.rule for issue in alarms)))
            if alarms:
                for issue in alarms:
                    result.alarm_rules[issue.rule] += 1
                    examples = result.alarm_examples.setdefault(issue.rule, [])
                    if len(examples) < 3:
                        examples.append(f"{pair.text[:100]!r} <{issue.text}>")
            continue
        found = {issue.rule for issue in issues if detects(issue, pair.span_start, pair.span_end)}
        result.detectors.setdefault(pair.rule, set()).update(found)
        detected = bool(found)
        fixed = any(fixes(issue, pair.text, right_texts(pair)) for issue in issues)
        for counts in (result.total, per_rule):
            counts.incorrect += 1
            counts.detected += detected
            counts.fixed += fixed
        if not detected and keep_misses:
            misses = result.misses.setdefault(pair.rule, [])
            if len(misses) < keep_misses:
                misses.append(pair)
    return result
