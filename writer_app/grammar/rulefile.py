"""Load and validate the built-in rule data files (``resources/rules/*.toml`` and the writer's own folder).

The format is described in the project's rule-format brief; in short, a file holds ``[[rule]]`` entries
(a regular expression), ``[[phrase]]`` entries (fixed wrong phrases and their right forms) and ``[[pattern]]``
entries (token patterns, below). Compatible
extensions, all optional:

- ``case = "as_is"`` (regex rules): use replacements exactly as expanded; the default ``"follow"`` gives
  them the flagged text's capitals (first letter, or ALL CAPS).
- replacement and message templates may use ``{N}`` group references and ``{N|lower}``, ``{N|upper}``,
  ``{N|capitalize}``.
- ``avoid = ['regex', ...]`` (both kinds): a match is dropped when one of these patterns matches a span of
  the paragraph that contains the marked text (an exception list, like LanguageTool's antipatterns).
- ``fix_all`` defaults to true for a ``[[phrase]]`` with exactly one right form, false otherwise.
- ``mark = "any"`` (regex rules): mark the first capture group that took part in the match, for patterns
  that are alternatives each with their own group.
- ``forms = { ran = "run", came = "come" }`` (regex rules): a word table for the ``{N|form}`` filter, which
  replaces group N's text (lowercased) by its entry, e.g. the past participle of a past-tense verb.
- ``gate = "regex"`` (both kinds): a quick test that must find something in the paragraph before the
  rule runs; rules with the same gate text share one test per paragraph (for punctuation rules that no
  trigger word can select). The gate ``(?#adjacent repeated word)`` passes only when a word is directly
  followed by the same word.
- ``parallel = true`` (phrases): ``right`` has one entry per ``wrong`` entry and ``right[i]`` replaces
  ``wrong[i]`` (handy for inflected forms: "eek out", "eeked out" -> "eke out", "eked out").
- phrase ends must not touch a letter, digit or hyphen (so "her self" does not match "her self-esteem").
- ``default = false`` on any rule (not only style rules) makes it optional: it runs only when its id is in
  ``CheckConfig.style_rules`` (the writer's "optional rules" choice).
- ``triggers`` given explicitly are split on non-word characters (``"it's"`` -> ``"it"``), since the engine
  compares them with the paragraph's ``\\w+`` words.

Token-pattern rules, ``[[pattern]]``, read the analysed sentence instead of its surface: a list of token
tests matched over the words of one sentence (after contractions are split: "don't" is ``do`` + ``n't``)::

    [[pattern]]
    id = "MODAL_PAST"
    category = "grammar"
    message = "After “{1}”, use the plain form of the verb."
    tokens = [{ word = ["could", "should"] }, { tag = "VBD" }]
    mark = 2                          # or [2, 3]; default: every token
    replacements = ["{2|as:VB}"]      # "went" -> "go": the lemma in the form a Penn tag names
    antipatterns = [[{ word = "could" }, { word = "went" }, { word = "by" }]]
    dialogue = "relaxed"              # not flagged inside quotation marks unless the check is strict
    bad = ["I could went home."]
    fixed = ["I could go home."]
    good = ["I could go home."]

Token keys (all optional, all must hold): ``word`` (one or a list, any case), ``regex`` (the whole text),
``lemma``, ``tag`` (a Penn tag, a list or a regex such as ``"VB[DN]"``), ``tags`` (a regex one of the tags
the lexicon allows for the word must match), ``chunk`` (``"B-NP"``, ``".-VP"``), ``number`` (``"sg"``/
``"pl"``), ``person`` (1-3 or a list), ``dialogue`` (true/false), ``case`` (``"title"``, ``"lower"``,
``"upper"``), ``not_word``/``not_lemma``/``not_tag``/``not_tags`` (the token must not have these),
``negate`` (the token must fail the other keys), ``optional``, ``skip`` (up to N other tokens
before this one). An antipattern is a token list of its own; a match of it that overlaps the tokens of a
rule's match cancels the rule there. Templates (replacements and message): ``{N}`` token N as written, ``{N|lemma}``,
``{N|lower}``/``{N|upper}``/``{N|capitalize}``, ``{N|object}``/``{N|subject}`` (a pronoun's other case), ``{N|as:VBZ}`` token N's lemma in another form,
``{lie|as:VBD}`` a named lemma in a form, ``{lie|as:N}`` in the form token N has ("laying" -> "lying");
replacements take the flagged text's capitals unless ``case = "as_is"``. Trigger words come from the
rarest required token's words (or a lemma's forms); the sentence is analysed only when they occur, and
when the rule's ``gate`` regex (if any) finds something in the sentence's text (``gate = "\\bit['’]s\\b"``);
in a gate, ``<VBD>``, ``<VBN>``, ``<VBG>`` and ``<VBZ>`` stand for any word that may have that form
(``\\bcould\\s+<VBD>\\b``: "could" and then "-ed" or a strong verb's past), and ``<VBD-not-VBN>`` for
a strong verb's past that is not also its participle ("went", "took").
Pattern rules run only when the linguistic pipeline (``writer_app.grammar.analysis``) is installed.

Every problem raises :class:`RuleFileError` naming the file and line.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from writer_app.errors import WriterAppError
from writer_app.grammar.casing import expand, finish_replacements, group_refs
from writer_app.grammar.compiled_regex import loose_gate
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.pattern_fix import TemplateError, parse_template
from writer_app.grammar.pattern_load import (
    PatternError,
    expand_gate,
    parse_mark,
    parse_tokens,
    pattern_triggers,
)
from writer_app.grammar.patterns import PatternRule
from writer_app.grammar.regex_analysis import (
    char_test,
    derive_needles,
    derive_requirements,
    derive_word_pairs,
    min_width,
    nested_repeat,
    required_chars,
    word_rarity,
)

log = logging.getLogger(__name__)

DIALECTS = ("en-US", "en-GB")
_ID = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_WORD = re.compile(r"\w+")

_COMMON_FIELDS = {
    "id", "category", "message", "bad", "good", "fixed", "default", "dialects", "fix_all", "triggers", "avoid", "gate",
    "dialogue",
}
_RULE_FIELDS = _COMMON_FIELDS | {"pattern", "mark", "replacements", "case_sensitive", "case", "forms"}
_PHRASE_FIELDS = _COMMON_FIELDS | {"wrong", "right", "parallel"}
_PATTERN_FIELDS = (_COMMON_FIELDS - {"avoid"}) | {"tokens", "mark", "replacements", "antipatterns", "dialogue", "case"}


class RuleFileError(WriterAppError):
    """A rule data file is malformed; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.detail = message
        where = _display_path(self.path) + (f", line {line}" if line else "")
        super().__init__(f"{where}: {message}")


def is_bundled(path: Path) -> bool:
    """True for a rule file shipped with the app (under ``resources/``), False for the writer's own."""
    try:
        from writer_app.resources import resources_dir

        return path.resolve().is_relative_to(resources_dir().resolve())
    except (FileNotFoundError, OSError):
        return False


def _display_path(path: Path) -> str:
    """Bundled files show as ``rules/x.toml``; the writer's own files show in full so they can be found."""
    return f"{path.parent.name}/{path.name}" if is_bundled(path) else str(path)


@dataclass(frozen=True, eq=False)
class Rule:
    """One loaded rule, ready to match; phrases are compiled to the same shape as regex rules."""

    id: str
    kind: str  # "rule" or "phrase"
    category: Category
    message: str
    pattern: re.Pattern[str]
    mark: int = 0  # -1: the first group that took part in the match
    replacements: tuple[str, ...] = ()
    triggers: frozenset[str] | None = None  # None: run on every paragraph
    # Further word sets that must each meet the paragraph's words (derived; a cheap pre-filter).
    requires: tuple[frozenset[str], ...] = ()
    # Punctuation one of which must be in the paragraph (derived; a cheap pre-filter).
    chars: frozenset[str] | None = None
    # Sets of lowercase strings, one of each in the lowercased text wherever the pattern matches (derived).
    needles: tuple[frozenset[str], ...] = ()
    default: bool = True
    dialects: tuple[str, ...] = DIALECTS
    fix_all: bool = False
    follow_case: bool = True
    parallel: bool = False  # phrases: group "wN" matched -> replacements[N] only
    forms: dict[str, str] = field(default_factory=dict)  # table for the {N|form} template filter
    parts: tuple[Rule, ...] = ()  # phrases with several wrong forms: one quicker matcher per form
    min_width: int = 0  # shortest text the pattern can match (long-range rules run on whole paragraphs)
    gate: re.Pattern[str] | None = None  # a quick regex that must match the paragraph first
    # dialogue = "relaxed": a character's nonstandard grammar; not flagged inside dialogue unless the check is strict.
    relaxed_in_dialogue: bool = False
    avoid: tuple[re.Pattern[str], ...] = ()
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    path: Path = field(default_factory=Path)
    line: int = 0

    def find(self, text: str, pos: int = 0, endpos: int | None = None, stop: int | None = None) -> Iterator[Issue]:
        """Yield this rule's issues in ``text`` (one paragraph), or in ``text[pos:endpos]`` with full context.

        With ``stop``, only matches that start before it count (the rest belong to the next slice).
        """
        for match in self.pattern.finditer(text, pos, len(text) if endpos is None else endpos):
            if stop is not None and match.start() >= stop:
                break
            if self.mark < 0:
                group = next((g for g in range(1, (match.re.groups or 0) + 1) if match.start(g) >= 0), 0)
                start, end = match.span(group)
            else:
                start, end = match.span(self.mark)
            if start < 0 or start == end and not self.replacements:
                continue
            flagged = text[start:end]
            if self.avoid and self._avoided(text, start, end):
                continue
            templates = self.replacements
            if self.parallel and match.lastgroup:
                templates = (self.replacements[int(match.lastgroup[1:])],)
            replacements = finish_replacements(
                (expand(template, match, self.forms) for template in templates), flagged, text, self.follow_case
            )
            if self.replacements and not replacements:
                continue  # the text already reads the way the rule wants
            message = expand(self.message, match, self.forms) if "{" in self.message else self.message
            yield Issue(start, end, flagged, message, tuple(replacements), self.id, self.category, "builtin", self.fix_all)

    def _avoided(self, text: str, start: int, end: int) -> bool:
        window_start = max(0, start - 100)
        window = text[window_start : end + 100]
        for pattern in self.avoid:
            for m in pattern.finditer(window):
                if m.start() + window_start <= start and m.end() + window_start >= end:
                    return True
        return False


_ID_LINE = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)
_HEADER_LINE = re.compile(r"^[ \t]*\[\[[ \t]*(\w+)[ \t]*\]\]", re.MULTILINE)


@functools.lru_cache(maxsize=8)
def _line_index(source: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Each rule id's line (its first ``id = "..."``) and each table kind's header lines, in one scan of the file."""
    ids: dict[str, int] = {}
    headers: dict[str, list[int]] = {}
    line, last = 1, 0
    for match in sorted([*_ID_LINE.finditer(source), *_HEADER_LINE.finditer(source)], key=lambda m: m.start()):
        line += source.count("\n", last, match.start())
        last = match.start()
        if match.re is _ID_LINE:
            ids.setdefault(match.group(1), line)
        else:
            headers.setdefault(match.group(1), []).append(line)
    return ids, headers


def entry_line(source: str, kind: str, index: int, rule_id: object) -> int | None:
    """Find the line of an entry: its ``id = "..."`` line, else its ``[[kind]]`` header."""
    ids, headers = _line_index(source)
    if isinstance(rule_id, str) and rule_id and rule_id in ids:
        return ids[rule_id]
    lines = headers.get(kind, [])
    return lines[index] if index < len(lines) else None


class _Entry:
    """Field access with error reporting for one TOML table."""

    def __init__(
        self, path: Path, source: str, kind: str, index: int, data: object, screen_patterns: bool = True
    ) -> None:
        self.path, self.kind = path, kind
        self.screen_patterns = screen_patterns  # refuse patterns that could hang (nested repeats)
        if not isinstance(data, dict):
            raise RuleFileError(path, entry_line(source, kind, index, None), f"each [[{kind}]] must be a table")
        self.data = data
        self.line = entry_line(source, kind, index, data.get("id"))
        self.label = f"rule {data['id']}" if isinstance(data.get("id"), str) else f"[[{kind}]] number {index + 1}"

    def fail(self, message: str) -> RuleFileError:
        return RuleFileError(self.path, self.line, f"{self.label}: {message}")

    def get(self, name: str, kind: type | tuple[type, ...], default: object = None, required: bool = False):
        if name not in self.data:
            if required:
                raise self.fail(f"the field '{name}' is missing")
            return default
        value = self.data[name]
        if kind is bool and not isinstance(value, bool) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(f"'{name}' must be a {names.replace('str', 'string').replace('int', 'whole number')}")
        return value

    def strings(self, name: str, required: bool = False, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.get(name, list, [], required)
        if not all(isinstance(item, str) for item in value):
            raise self.fail(f"'{name}' must be a list of strings")
        if required and not value and not allow_empty:
            raise self.fail(f"'{name}' must not be empty")
        return tuple(value)

    def compile(self, name: str, pattern: str, flags: int) -> re.Pattern[str]:
        try:
            compiled = re.compile(pattern, flags)
        except re.error as error:
            raise self.fail(f"'{name}' is not a valid regular expression ({error.msg})") from None
        if self.screen_patterns and nested_repeat(pattern, flags):
            raise self.fail(f"'{name}' nests one repeat inside another, which can make checking hang")
        return compiled


_GATES: dict[str, re.Pattern[str]] = {}


def _compile_gate(entry: _Entry, text: str) -> re.Pattern[str]:
    """Compile a gate once per distinct text, so rules sharing it share the compiled pattern."""
    if text not in _GATES:
        _GATES[text] = entry.compile("gate", text, 0)
    return _GATES[text]


def _explicit_triggers(entry: _Entry) -> frozenset[str] | None:
    raw = entry.strings("triggers")
    if "triggers" not in entry.data:
        return None
    words: set[str] = set()
    for trigger in raw:
        parts = _WORD.findall(trigger.lower())
        if not parts:
            raise entry.fail(f"the trigger '{trigger}' has no letters")
        words.add(max(parts, key=len))
    return frozenset(words) if words else None


def _phrase_trigger(phrase: str) -> str:
    """The word of a phrase most likely to be rare (unlisted words count as rarer the longer they are)."""
    words = _WORD.findall(phrase.lower())
    return max(words, key=word_rarity)


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(part) for part in phrase.split()]
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])"


def _common(entry: _Entry) -> dict[str, object]:
    data = entry.data
    rule_id = entry.get("id", str, required=True)
    if not _ID.match(rule_id):
        raise entry.fail("'id' must be UPPER_SNAKE_CASE, like TAKE_PRECEDENCE")
    category_name = entry.get("category", str, required=True)
    try:
        category = Category(category_name)
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        raise entry.fail(f"the category '{category_name}' is not one of {allowed}") from None
    message = entry.get("message", str, required=True)
    if not message.strip():
        raise entry.fail("'message' must not be empty")
    dialects = entry.strings("dialects") or DIALECTS
    for dialect in dialects:
        if dialect not in DIALECTS:
            raise entry.fail(f"the dialect '{dialect}' is not one of {', '.join(DIALECTS)}")
    bad = entry.strings("bad", required=True)
    good = entry.strings("good", required=True)
    fixed = entry.strings("fixed")
    if "fixed" in data and len(fixed) != len(bad):
        raise entry.fail(f"'fixed' has {len(fixed)} sentences but 'bad' has {len(bad)}; they go in pairs")
    flags = re.IGNORECASE
    avoid = tuple(entry.compile("avoid", p, flags) for p in entry.strings("avoid"))
    gate_text = entry.get("gate", str)
    gate = _compile_gate(entry, gate_text) if gate_text is not None else None
    dialogue = entry.get("dialogue", str, "strict")
    if dialogue not in ("strict", "relaxed"):
        raise entry.fail("'dialogue' must be \"relaxed\" (not flagged in dialogue unless asked) or \"strict\"")
    return {
        "gate": gate,
        "relaxed_in_dialogue": dialogue == "relaxed",
        "id": rule_id,
        "category": category,
        "message": message,
        "default": entry.get("default", bool, True),
        "dialects": tuple(dialects),
        "avoid": avoid,
        "bad": bad,
        "good": good,
        "fixed": fixed,
        "path": entry.path,
        "line": entry.line or 0,
    }


def _regex_rule(entry: _Entry) -> Rule:
    unknown = set(entry.data) - _RULE_FIELDS
    if unknown:
        raise entry.fail(f"unknown field '{sorted(unknown)[0]}'")
    common = _common(entry)
    pattern_text = entry.get("pattern", str, required=True)
    flags = 0 if entry.get("case_sensitive", bool, False) else re.IGNORECASE
    pattern = entry.compile("pattern", pattern_text, flags)
    if pattern.match(""):
        raise entry.fail("'pattern' matches empty text, so it would flag every paragraph")
    mark = entry.get("mark", (int, str), 0)
    if mark == "any":
        mark = -1
    elif isinstance(mark, str):
        raise entry.fail(f"'mark' must be a group number or \"any\", not \"{mark}\"")
    if isinstance(mark, bool) or not -1 <= mark <= pattern.groups:
        raise entry.fail(f"'mark' is {mark} but the pattern has {pattern.groups} groups")
    replacements = entry.strings("replacements")
    for template in (*replacements, common["message"]):
        for ref in group_refs(template):  # type: ignore[arg-type]
            if ref > pattern.groups:
                raise entry.fail(f"'{{{ref}}}' refers to a group the pattern does not have")
    case = entry.get("case", str, "follow")
    if case not in ("follow", "as_is"):
        raise entry.fail("'case' must be \"follow\" or \"as_is\"")
    derived = derive_requirements(pattern_text, flags)
    forms = entry.get("forms", dict, {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items()):
        raise entry.fail("'forms' must map words to words, like { ran = \"run\" }")
    forms = {k.lower(): v for k, v in forms.items()}
    triggers = _explicit_triggers(entry)
    if triggers is None and derived:
        triggers = derived[0]
    requires = tuple(words for words in derived if words != triggers)
    chars = required_chars(pattern_text, flags)
    needles = derive_needles(pattern_text, flags, (triggers, *requires) if triggers is not None else requires)
    return Rule(
        min_width=min_width(pattern_text, flags),
        kind="rule",
        pattern=pattern,
        mark=mark,
        replacements=replacements,
        triggers=triggers,
        requires=requires,
        chars=chars,
        needles=needles,
        forms=forms,
        fix_all=entry.get("fix_all", bool, False),
        follow_case=case == "follow",
        **common,  # type: ignore[arg-type]
    )


def _phrase_rule(entry: _Entry) -> Rule:
    unknown = set(entry.data) - _PHRASE_FIELDS
    if unknown:
        raise entry.fail(f"unknown field '{sorted(unknown)[0]}'")
    common = _common(entry)
    wrong = entry.strings("wrong", required=True)
    right = entry.strings("right", required=True)
    if any(not w.strip() for w in wrong) or any(not r.strip() for r in right):
        raise entry.fail("'wrong' and 'right' must not hold empty phrases")
    parallel = entry.get("parallel", bool, False)
    if parallel and len(right) != len(wrong):
        raise entry.fail(f"'parallel' needs as many 'right' phrases as 'wrong' ones ({len(right)} and {len(wrong)})")
    by_length = sorted(range(len(wrong)), key=lambda i: len(wrong[i]), reverse=True)
    alternatives = "|".join(f"(?P<w{i}>{_phrase_regex(wrong[i])})" for i in by_length)
    pattern = re.compile(alternatives, re.IGNORECASE)
    explicit = _explicit_triggers(entry)
    rule = Rule(
        kind="phrase",
        pattern=pattern,
        replacements=right,
        triggers=explicit or frozenset(_phrase_trigger(w) for w in wrong),
        requires=_phrase_requires(wrong[0], explicit) if len(wrong) == 1 else (),
        parallel=parallel,
        fix_all=entry.get("fix_all", bool, len(right) == 1 or parallel),
        **common,  # type: ignore[arg-type]
    )
    if len(wrong) == 1:
        return rule
    # One matcher per wrong phrase, each gated by its own words: a long alternation is slow to scan.
    parts = tuple(
        replace(
            rule,
            pattern=re.compile(_phrase_regex(phrase), re.IGNORECASE),
            replacements=(right[i],) if parallel else right,
            triggers=explicit or frozenset({_phrase_trigger(phrase)}),
            requires=_phrase_requires(phrase, explicit),
            parallel=False,
        )
        for i, phrase in enumerate(wrong)
    )
    return replace(rule, parts=parts)


def _phrase_requires(phrase: str, explicit: frozenset[str] | None) -> tuple[frozenset[str], ...]:
    """Every word of a phrase must be in the paragraph (the trigger is checked separately)."""
    trigger = explicit or {_phrase_trigger(phrase)}
    return tuple(frozenset({w}) for w in sorted(set(_WORD.findall(phrase.lower()))) if w not in trigger)


def _pattern_rule(entry: _Entry) -> PatternRule:
    unknown = set(entry.data) - _PATTERN_FIELDS
    if unknown:
        raise entry.fail(f"unknown field '{sorted(unknown)[0]}'")
    common = _common(entry)
    del common["avoid"]
    try:
        tokens = parse_tokens(entry.get("tokens", list, required=True), "tokens")
        antipatterns = tuple(
            parse_tokens(each, f"antipatterns[{n + 1}]") for n, each in enumerate(entry.get("antipatterns", list, []))
        )
        mark = parse_mark(entry.data.get("mark"), len(tokens))
        templates = [parse_template(text, len(tokens)) for text in entry.strings("replacements")]
        message = common["message"]
        message_template = parse_template(message, len(tokens)) if "{" in message else None  # type: ignore[arg-type]
        explicit = _explicit_triggers(entry)
        gate_text = entry.get("gate", str)
        gate = entry.compile("gate", expand_gate(gate_text), re.IGNORECASE) if gate_text is not None else None
        gate_sets = derive_requirements(gate.pattern, re.IGNORECASE) if gate is not None else []
        pairs = tuple(derive_word_pairs(gate.pattern, re.IGNORECASE)) if gate is not None else ()
        triggers, requires = pattern_triggers(tokens, explicit, gate_sets)
    except (PatternError, TemplateError) as error:
        raise entry.fail(str(error)) from None
    common["gate"] = gate
    quick = loose_gate(gate.pattern, gate.flags, tails=True) if gate is not None else None
    if quick is not None and any(gate.search(b) and not quick.search(b.lower()) for b in common["bad"]):  # type: ignore[union-attr]
        quick = None  # the stand-in must find at least what the gate finds
    char_text = char_test(gate.pattern, gate.flags) if gate is not None else None
    chars = re.compile(char_text) if char_text is not None else None
    case = entry.get("case", str, "follow")
    if case not in ("follow", "as_is"):
        raise entry.fail("'case' must be \"follow\" or \"as_is\"")
    return PatternRule(
        tokens=tokens,
        mark=mark,
        replacements=tuple(templates),
        message_template=message_template,
        antipatterns=antipatterns,
        triggers=triggers,
        requires=requires,
        pairs=pairs,
        fix_all=entry.get("fix_all", bool, False),
        follow_case=case == "follow",
        quick=quick,
        chars=chars,
        **common,  # type: ignore[arg-type]
    )


def parse_rule_file(path: Path, screen_patterns: bool | None = None) -> list[Rule]:
    """Parse one rule file; raise RuleFileError naming the file and line on any problem.

    Patterns that could hang (a repeat nested in another) are refused in the writer's own files; the bundled
    files are screened by the test suite instead (``screen_patterns=True`` forces it), which keeps start-up quick.
    """
    screen = not is_bundled(path) if screen_patterns is None else screen_patterns
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(path, None, "the file is not valid UTF-8 text") from None
    except OSError as error:
        raise RuleFileError(path, None, f"the file cannot be read ({error.strerror or error})") from None
    import tomllib  # here, not at the top: rules loaded precompiled never need it

    try:
        document = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        m = re.search(r"\(at line (\d+), column \d+\)", text)
        line = int(m.group(1)) if m else None
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", text) or "invalid TOML"
        raise RuleFileError(path, line, f"this is not valid TOML ({detail[0].lower() + detail[1:]})") from None
    unknown = set(document) - {"rule", "phrase", "pattern"}
    if unknown:
        raise RuleFileError(path, None, f"unknown table '{sorted(unknown)[0]}' (use [[rule]], [[phrase]] or [[pattern]])")
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for kind, build in (("rule", _regex_rule), ("phrase", _phrase_rule), ("pattern", _pattern_rule)):
        entries = document.get(kind, [])
        if not isinstance(entries, list):
            raise RuleFileError(path, None, f"'{kind}' must be written as [[{kind}]] tables")
        for index, data in enumerate(entries):
            rule = build(_Entry(path, source, kind, index, data, screen))
            if rule.id in seen:
                raise RuleFileError(path, rule.line, f"rule {rule.id} is defined twice in this file (first at line {seen[rule.id]})")
            seen[rule.id] = rule.line
            rules.append(rule)
    rules.sort(key=lambda r: r.line)
    return rules


def load_rule_folder(folder: Path, already: dict[str, Rule] | None = None) -> list[Rule]:
    """Load every ``*.toml`` file of ``folder`` in name order; ids must be unique across files."""
    seen: dict[str, Rule] = dict(already or {})
    rules: list[Rule] = []
    if not folder.is_dir():
        return rules
    for path in sorted(folder.glob("*.toml")):
        loaded = parse_rule_file(path)
        ensure_unique(loaded, seen)
        rules.extend(loaded)
    return rules


def ensure_unique(rules: list[Rule], seen: dict[str, Rule]) -> None:
    """Add ``rules`` to ``seen`` (id -> rule); raise RuleFileError at the first id already there."""
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            raise RuleFileError(
                rule.path, rule.line, f"rule {rule.id} is already defined in {_display_path(first.path)} (line {first.line})"
            )
        seen[rule.id] = rule
