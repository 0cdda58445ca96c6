"""The checker protocol, the check configuration, and the composite that merges engines."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from writer_app.grammar.heap import release_free_memory
from writer_app.grammar.model import Category, Issue

log = logging.getLogger(__name__)

DEFAULT_CATEGORIES: frozenset[Category] = frozenset(c for c in Category if c is not Category.STYLE)


@dataclass(frozen=True)
class CheckConfig:
    """Everything that decides what a check reports; immutable so it can cross threads."""

    dialect: str = "en-US"  # "en-US" or "en-GB"
    categories: frozenset[Category] = DEFAULT_CATEGORIES
    style_rules: frozenset[str] = frozenset()  # style rule ids the writer switched on
    ignored_rules: frozenset[str] = frozenset()
    # Words never flagged as misspelt: personal + project dictionaries and the cast's names/aliases.
    known_words: frozenset[str] = frozenset()
    # The cast's names and aliases (and their words): near-miss spellings of them are flagged as "names" issues.
    cast_names: frozenset[str] = frozenset()
    # Exact (rule, flagged text) pairs the writer chose to ignore everywhere.
    ignored_texts: frozenset[tuple[str, str]] = frozenset()
    # "Ignore here": (rule, flagged text, spot_key) of single places the writer chose to leave as they are.
    ignored_spots: frozenset[tuple[str, str, str]] = frozenset()
    # Flag a character's nonstandard grammar inside dialogue too (rules marked dialogue = "relaxed").
    strict_dialogue: bool = False


LONG_DOCUMENT = 100_000  # characters: after checking a text this long, freed memory goes back to the system
SPOT_CONTEXT = 32  # characters of the paragraph on each side of a flagged text that identify "here"


def spot_key(paragraph: str, start: int, end: int) -> str:
    """A stable fingerprint of the place ``paragraph[start:end]`` (code points), for "Ignore here".

    It covers the flagged text and up to ``SPOT_CONTEXT`` characters around it within the paragraph, so the
    choice survives edits elsewhere in the paragraph, moving the paragraph, and closing the project, but not a
    rewrite of the words around the flag (then the writer is asked again). It is the same in every process and
    session (unlike ``hash``).
    """
    window = paragraph[max(0, start - SPOT_CONTEXT):end + SPOT_CONTEXT]
    return hashlib.blake2b(window.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@runtime_checkable
class Checker(Protocol):
    """A grammar/spelling engine. ``check`` must be safe to call from a worker thread."""

    name: str

    def check(self, text: str) -> list[Issue]:
        """Return the issues of one paragraph (no newline inside), offsets relative to ``text``."""
        ...


class CheckerError(Exception):
    """An engine failed in a way the writer should hear about (dead server, missing Java, ...)."""


class CompositeChecker:
    """Run several engines over a paragraph, then merge, de-duplicate and filter their issues."""

    name = "composite"

    def __init__(self, checkers: Sequence[Checker], config: CheckConfig | None = None) -> None:
        self.checkers = list(checkers)
        self.config = config or CheckConfig()

    def check(self, text: str) -> list[Issue]:
        """Check one paragraph with every engine; an engine that raises is logged and skipped."""
        found: list[Issue] = []
        for checker in self.checkers:
            try:
                found.extend(checker.check(text))
            except CheckerError:
                raise
            except Exception:  # one broken engine must not hide the others' results
                log.exception("checker %s failed on a paragraph of %d characters", checker.name, len(text))
        return merge_issues(found, self.config, text)


def merge_issues(issues: Iterable[Issue], config: CheckConfig, paragraph: str | None = None) -> list[Issue]:
    """Drop filtered issues and merge overlapping ones into the single most useful underline.

    ``paragraph`` is the checked text; with it, places the writer chose to "Ignore here" are dropped too.

    Two rules of one engine often flag one slip with slightly different spans; the writer should see one
    underline. Among overlapping non-style issues of one engine the one with a replacement wins, then a
    non-spelling one, then the wider span, then the earlier one. Another engine's issue merges only when it is
    the same finding (see :func:`same_finding`): one engine never erases another's different finding, whatever
    its span. Style advice spans whole sentences, so it never merges.
    """
    kept: list[Issue] = []
    spots = config.ignored_spots
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if not _wanted(issue, config):
            continue
        if spots and paragraph is not None and _ignored_here(issue, paragraph, spots):
            continue
        rival = _overlapping(kept, issue)
        if rival is None:
            kept.append(issue)
        elif _usefulness(issue) > _usefulness(kept[rival]):
            kept[rival] = issue
    kept.sort(key=lambda i: (i.start, i.end))
    return kept


def _wanted(issue: Issue, config: CheckConfig) -> bool:
    """False when the configuration filters the issue out."""
    if issue.category not in config.categories and not (
        issue.category is Category.STYLE and issue.rule in config.style_rules
    ):
        return False
    if issue.rule in config.ignored_rules or (issue.rule, issue.text) in config.ignored_texts:
        return False
    return not (issue.category is Category.SPELLING and issue.text in config.known_words)


def _ignored_here(issue: Issue, paragraph: str, spots: frozenset[tuple[str, str, str]]) -> bool:
    """True when the writer chose "Ignore here" for this issue at this place of ``paragraph``."""
    return (issue.rule, issue.text, spot_key(paragraph, issue.start, issue.end)) in spots


def _overlapping(kept: list[Issue], issue: Issue) -> int | None:
    """Index of a recently kept issue that ``issue`` should merge with, if any."""
    if issue.category is Category.STYLE:
        return None
    for index in range(len(kept) - 1, max(-1, len(kept) - 6), -1):
        other = kept[index]
        if other.category is Category.STYLE:
            continue
        if other.source != issue.source:
            if same_finding(other, issue):
                return index
            continue
        if other.start < issue.end and issue.start < other.end or (other.start, other.end) == (issue.start, issue.end):
            return index
    return None


def same_finding(one: Issue, other: Issue) -> bool:
    """True when two issues flag the same span and say the same thing: one rule, or one fix, or neither a fix,
    or one is a bare "not a word" flag and the other fixes that word ("alot": misspelt, and "a lot")."""
    if (one.start, one.end) != (other.start, other.end):
        return False
    if one.rule == other.rule:
        return True
    if one.replacements or other.replacements:
        return one.replacements[:1] == other.replacements[:1] or _bare_spelling(one) or _bare_spelling(other)
    return one.category is other.category


def _bare_spelling(issue: Issue) -> bool:
    """A spelling flag without suggestions (they are made on demand): another engine's fix corrects its word."""
    return issue.category is Category.SPELLING and not issue.replacements


def _usefulness(issue: Issue) -> tuple[bool, bool, int]:
    """How helpful an underline is, for choosing between overlapping ones (higher is better)."""
    return (bool(issue.replacements), issue.category is not Category.SPELLING, issue.end - issue.start)


def iter_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for every line of ``text``; line endings are not part of the line."""
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield offset, body
        offset += len(line)


def check_document(checker: Checker, text: str) -> list[Issue]:
    """Check a whole text line by line and return issues with offsets into ``text``."""
    issues: list[Issue] = []
    for offset, paragraph in iter_paragraphs(text):
        if paragraph.strip():
            issues.extend(issue.shifted(offset) for issue in checker.check(paragraph))
    if len(text) >= LONG_DOCUMENT:
        release_free_memory()  # a long text leaves many freed pages behind (its lines, words, verdicts)
    return issues
