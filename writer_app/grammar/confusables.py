"""The confusable-word check: a word of a set (their/there/they're, then/than, ...) that its neighbours make
far less likely than a partner is flagged, with the partner as the fix.

Precision first: a partner must be at least ``RATIO`` times likelier between the same two words, with an
observed word pair behind it; a clause break (punctuation) ends the context, and inside dialogue the bar is
higher still (speech is looser, and a character may say what the writer meant).

Besides the hand-written sets (``confusables.toml``), every common word has its one-edit neighbours
(``near_words.tsv``, made by :func:`writer_app.grammar.build_frequency.near_words`: cold/could, save/safe,
price/prize ...). No list of slips is ever complete, so these are scored too, with a stricter bar: neither
neighbouring pair of the written word is listed, both of the partner's are, and the partner is at least
``NEAR_LOG_RATIO`` likelier.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from writer_app.grammar.context_model import ContextModel
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.frequency import FrequencyDataError, frequency_data
from writer_app.grammar.model import Category, Issue

log = logging.getLogger(__name__)

RULE = "CONFUSABLE_CONTEXT"
SETS_FILE = "confusables.toml"
LOG_RATIO = 1.5  # a partner must be 10^1.5 (~30) times likelier between the same neighbours ...
CONTRACTION_EXTRA = 1.0  # ... ten times more when the fix is a contraction ("your being" is a fine gerund) ...
DIALOGUE_EXTRA = 1.0  # ... and ten times more inside dialogue
MIN_SIDES = 2  # ... with both neighbouring pairs observed (a one-sided guess is too weak)
NEAR_FILE = "near_words.tsv"
NEAR_LOG_RATIO = 2.0  # a one-edit neighbour must be 100 times likelier, the written word unseen on both sides
NEAR_SIDE_RATIO = 5.0  # ... and on each side, the partner's pair predicts this many times the cut-off for it
NEAR_MIN_LENGTH = 3  # two-letter words (of/on/or, in/is) slip into each other too often for pair counts to judge
NEAR_SKIP_COMMONEST = 300  # the commonest words (the, and, his, was, right ...) are the hand sets' and pattern rules' work:
# their one-edit neighbours are mostly other function words, and leaving them out keeps the scan fast
_CACHE_LIMIT = 200_000
_FOLLOWERS_LIMIT = 400  # a set word whose partners are listed before more words than this is scored before any word

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_NEXT = re.compile(rf"[ \t]+({_WORD})(?![\w'’-])")  # the word after, only space between
_TOKEN = re.compile(r"\S+")
_NONE: tuple[str, ...] = ()
_UNKNOWN: Any = object()  # a set word's next words not worked out yet
_CLOSERS = ".,;:!?)]}\"'”’…"  # punctuation that may follow the next word without breaking the context
_JOINERS = "'’-_"  # with letters and digits: characters that make a match part of a longer word


class ConfusableSetsError(Exception):
    """The confusable sets file is missing or malformed."""


@dataclass(frozen=True)
class ConfusableSets:
    """Each word's partners and its short gloss for messages."""

    partners: dict[str, tuple[str, ...]]
    glosses: dict[str, str]
    keep_before: dict[str, frozenset[str]] = field(default_factory=dict)  # never flagged before these words
    near: dict[str, tuple[str, ...]] = field(default_factory=dict)  # one-edit neighbours, scored more strictly


def load_sets(path: Path) -> ConfusableSets:
    """Read the sets file (``[[set]] words = { word = "gloss", ... }``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfusableSetsError(f"cannot read the confusable word sets {path}: {error}") from error
    partners: dict[str, tuple[str, ...]] = {}
    glosses: dict[str, str] = {}
    keep: dict[str, frozenset[str]] = {}
    for number, entry in enumerate(data.get("set", []), 1):
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(words, dict) or len(words) < 2:
            raise ConfusableSetsError(f"set {number} in {path} needs at least two words with glosses")
        for word, gloss in words.items():
            word = word.lower().replace("’", "'")
            others = tuple(w.lower().replace("’", "'") for w in words if w.lower().replace("’", "'") != word)
            partners[word] = tuple(dict.fromkeys(partners.get(word, ()) + others))
            glosses[word] = str(gloss)
        kept = entry.get("keep_before", {})
        if not isinstance(kept, dict) or not all(isinstance(v, list) and w in words for w, v in kept.items()):
            raise ConfusableSetsError(f"set {number} in {path}: keep_before maps words of the set to lists")
        for word, following in kept.items():
            keep[word.lower()] = keep.get(word.lower(), frozenset()) | {str(f).lower() for f in following}
    return ConfusableSets(partners, glosses, keep)


def load_near_words(path: Path) -> dict[str, tuple[str, ...]]:
    """Read ``near_words.tsv`` (``word<TAB>partner partner ...``; ``#`` starts a comment line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfusableSetsError(f"cannot read the one-edit neighbours {path}: {error}") from error
    near: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        word, tab, partners = line.partition("\t")
        if not tab or not partners.split():
            raise ConfusableSetsError(f"line {number} of {path} is not a word, a tab and its neighbours")
        near[word] = tuple(partners.split())
    return near


def in_dialogue(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside quoted speech: “…”, "…" or ‘…’ (an apostrophe inside a word is no quote).

    A quotation left open runs to the end of the paragraph, as fiction's multi-paragraph speeches do.
    """
    double = single = False
    for index in range(min(offset, len(text))):
        char = text[index]
        if char == "“":
            double = True
        elif char == "”":
            double = False
        elif char == '"':
            double = not double
        elif char == "‘" and (index == 0 or not text[index - 1].isalnum()):
            single = True
        elif char == "’" and single and not text[index + 1 : index + 2].isalpha():
            # "the boys’ caps" inside speech is a possessive, not the closing quote
            single = text[index - 1 : index] == "s" and text[index + 1 : index + 3][:1] == " " and (
                text[index + 2 : index + 3].islower()
            )
    return double or single


def _joined(char: str) -> bool:
    return char.isalnum() or char in _JOINERS


def _previous_word(text: str, start: int) -> str:
    """The word just before ``start`` with only spaces between (apostrophes normalised), or ""."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == start:
        return ""
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or (text[begin - 1] in "'’" and begin - 1 > 0)):
        begin -= 1
    word = text[begin:end].strip("'’")
    if not word or (begin > 0 and _joined(text[begin - 1])) or start - begin > 60:
        return ""
    return word.replace("’", "'")


def _trie_pattern(words: Iterable[str] | dict[str, str]) -> str:
    """A regex matching any of ``words``, shaped as a trie so the scan stays fast.

    ``words`` may map each word to a regex that must follow it (a lookahead).
    """
    tails = words if isinstance(words, dict) else dict.fromkeys(words, "")
    trie: dict[str, dict] = {}
    for word, tail in tails.items():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = tail  # type: ignore[assignment]

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append(node[""])  # type: ignore[arg-type]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


class ConfusableChecker:
    """Flag confusable words their neighbours make unlikely; the fix is the likelier partner."""

    name = "confusables"

    def __init__(self, config: CheckConfig | None = None, sets: ConfusableSets | None = None) -> None:
        self.config = config or CheckConfig()
        self._sets = sets
        self._model: ContextModel | None = None
        self._pattern: re.Pattern[str] | None = None  # the set words (both apostrophes), as a trie
        self._rights: dict[str, frozenset[str] | None] = {}  # set word -> next words worth scoring it before
        self._decisions: dict[str, str | None] = {}  # "left word right spoken" -> the partner that wins, or None
        self._near_rights: dict[str, tuple[str, ...]] = {}  # few words each: a tuple is smaller than a set
        self._near: dict[str, tuple[str, ...]] = {}
        self._near_scan: set[str] = set()  # the near words still worth looking for (see _winning_rights)
        self._lock = threading.Lock()
        self._broken = False

    def _ready(self) -> bool:
        """Load the sets and the frequencies on first use; False (and no flags) when they are missing."""
        if self._pattern is not None:
            return True
        if self._broken:
            return False
        with self._lock:
            if self._pattern is not None:
                return True
            try:
                if self._sets is None:
                    from writer_app.resources import resource_path

                    sets = load_sets(resource_path("frequency", SETS_FILE))
                    near = load_near_words(resource_path("frequency", NEAR_FILE))
                    self._sets = ConfusableSets(sets.partners, sets.glosses, sets.keep_before, near)
                self._model = ContextModel(frequency_data())
            except (ConfusableSetsError, FrequencyDataError, FileNotFoundError):
                log.warning("confusable-word check disabled: its data is missing", exc_info=True)
                self._broken = True
                return False
            self._near = self._scored_near()
            self._near_scan = set(self._near)
            self._pattern = self._scan_pattern()
        return True

    def _scored_near(self) -> dict[str, tuple[str, ...]]:
        """The one-edit neighbours worth scoring: not for short or very common words, nor the hand sets' words."""
        assert self._model is not None and self._sets is not None
        data = self._model.data
        ids, words = data.ids, data.words
        partners = self._sets.partners

        def shared(word: str) -> str:  # the frequency list's own string: no second copy in memory
            index = ids.get(word)
            return word if index is None else words[index]

        scored = {
            shared(word): tuple(shared(p) for p in found)
            for word, found in self._sets.near.items()
            if len(word) >= NEAR_MIN_LENGTH and word not in partners and ids.get(word, 0) >= NEAR_SKIP_COMMONEST
        }
        self._sets = replace(self._sets, near={})  # the file's own copy is no longer needed
        return scored

    def _scan_pattern(self) -> re.Pattern[str]:
        """A regex for the set words in either apostrophe; which next words make one worth scoring is looked up
        per match (:meth:`_rights_of`): a pattern holding those lists took a tenth of a second to compile."""
        assert self._sets is not None
        forms = {form for word in self._sets.partners for form in (word, word.replace("'", "’"))}
        # The longest set word at a place (atomic: never a shorter one instead), then the next word, looked at
        # but not taken (group 1): a set word with no word after it never reaches Python.
        return re.compile(r"\b(?>" + _trie_pattern(sorted(forms)) + r")(?=" + _NEXT.pattern + ")")

    def _rights_of(self, word: str) -> frozenset[str] | None:
        """The next words before which some partner of ``word`` is a listed pair (None: too many to list, any
        word will do). Before any other word no partner can win (see :meth:`ContextModel.attested`), so the
        set word is not scored there: common "to" costs nothing unless a word "too" goes before follows it."""
        if word in self._rights:
            return self._rights[word]
        assert self._model is not None and self._sets is not None
        partners = self._sets.partners[word.replace("’", "'")]
        rights: frozenset[str] | None = frozenset().union(*(self._model.right_words(p) for p in partners))
        if len(rights) > _FOLLOWERS_LIMIT:  # type: ignore[arg-type]
            rights = None
        self._rights[word] = rights
        return rights

    def check(self, text: str) -> list[Issue]:
        """Return confusable-word issues of one paragraph."""
        if not text or not self._ready():
            return []
        assert self._pattern is not None
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lowercase is longer ("İ"): keep offsets exact
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        issues: list[Issue] = []
        size = len(text)
        rights_of = self._rights
        for match in self._pattern.finditer(lowered):  # (a set word with a clause break after it is not found)
            start, end = match.span()
            word, following = match.group(0, 1)
            rights = rights_of.get(word, _UNKNOWN)
            if rights is _UNKNOWN:
                rights = self._rights_of(word)
            if rights is not None and following not in rights:
                continue  # no partner is ever listed before that word: none can win
            if (start and _joined(text[start - 1])) or (end < size and _joined(text[end])):
                continue
            written = text[start:end]
            if not self._plain_case(text, start, written):
                continue
            left = _previous_word(lowered, start)
            if not left:
                continue  # a clause break before it: too little context
            lower = word.replace("’", "'")
            right = following.replace("’", "'")
            better = self._decide(left, lower, right, False)
            if better is None:
                continue
            if in_dialogue(text, start):  # only worked out for the rare word about to be flagged
                better = self._decide(left, lower, right, True)
            if better is not None:
                issues.append(self._issue(text, start, end, written, lower, better))
        if self._near:
            issues.extend(self._near_issues(text, lowered, {issue.start for issue in issues}))
        return issues

    def _near_issues(self, text: str, lowered: str, taken: set[int]) -> list[Issue]:
        """Issues for common words whose one-edit neighbour the context makes far likelier (cold/could).

        Reads whitespace-split tokens (a token with punctuation is a clause break), fast enough for every word.
        """
        near = self._near_scan
        rights = self._near_rights
        tokens = lowered.split()
        issues: list[Issue] = []
        starts: list[int] = []
        last = len(tokens) - 1
        present = near.intersection(tokens)
        if not present:
            return issues
        for index in [i for i, token in enumerate(tokens) if token in present and 0 < i < last]:
            word = tokens[index]
            right = tokens[index + 1].rstrip(_CLOSERS)
            winning = rights.get(word)
            if winning is None:
                winning = self._winning_rights(word)
            if right not in winning:
                continue
            left = tokens[index - 1].replace("’", "'")
            if not left.replace("'", "").isalpha() or self._decide_near(left, word, right, False) is None:
                continue
            if not starts:
                starts = [m.start() for m in _TOKEN.finditer(lowered)]
            start = starts[index]
            end = start + len(word)
            written = text[start:end]
            if start in taken or not self._plain_case(text, start, written):
                continue
            better = self._decide_near(left, word, right, in_dialogue(text, start))
            if better is not None:
                issues.append(self._issue(text, start, end, written, word, better, (left, right)))
        return issues

    def _informative(self, left: str, word: str, partner: str, right: str) -> bool:
        """Whether ``word``'s missing pairs say something on both sides: were it used like ``partner``, both
        ``left word`` and ``word right`` would be common enough to be listed, ``NEAR_SIDE_RATIO`` times over."""
        assert self._model is not None
        data = self._model.data
        share = data.count(word) / max(data.count(partner), 1)
        floor = data.pair_floor * NEAR_SIDE_RATIO
        return data.pair(left, partner) * share >= floor and data.pair(partner, right) * share >= floor

    def _winning_rights(self, word: str) -> tuple[str, ...]:
        """Next words after which a neighbour of ``word`` is a listed pair, common enough to make the missing
        ``word right`` pair telling (see :meth:`_informative`), and ``word`` is not listed."""
        found = self._near_rights.get(word)
        if found is None:
            assert self._model is not None
            model = self._model
            data = model.data
            count = max(data.count(word), 1)
            rights: set[str] = set()
            for partner in self._near[word]:
                least = data.pair_floor * NEAR_SIDE_RATIO * data.count(partner) / count
                rights.update(model.strong_followers(partner, least))
            found = self._near_rights[word] = tuple(r for r in rights if not data.pair(word, r)) or _NONE
            if not found:
                self._near_scan.discard(word)  # no next word can ever make a neighbour win: stop looking for it
        return found

    def _decide_near(self, left: str, word: str, right: str, spoken: bool) -> str | None:
        """The one-edit neighbour far likelier than ``word`` between ``left`` and ``right``, or None."""
        key = f"{left} {word} {right} {spoken:d}"  # one string: a third of the memory of a tuple of three
        decisions = self._decisions
        if key in decisions:
            return decisions[key]
        assert self._model is not None and self._sets is not None
        model = self._model
        best: str | None = None
        written = model.score(word, left, right)
        if written.sides == 0:
            bar = written.log_prob + NEAR_LOG_RATIO + (DIALOGUE_EXTRA if spoken else 0.0)
            best_margin = 0.0
            for partner in self._near[word]:
                if not self._informative(left, word, partner, right):  # (which needs both pairs listed)
                    continue
                margin = model.score(partner, left, right).log_prob - bar
                if margin >= best_margin:
                    best, best_margin = partner, margin
        if len(decisions) > _CACHE_LIMIT:
            decisions.clear()
        decisions[key] = best
        return best

    def _plain_case(self, text: str, start: int, written: str) -> bool:
        """Lowercase, or capitalised at a sentence start; never a mid-sentence capital (a name: "Peak District")."""
        if written.islower():
            return True
        if not (written[:1].isupper() and written[1:].islower()):
            return False
        before = text[max(0, start - 12) : start].rstrip(" \t\"“‘'(")
        return not before or before[-1] in ".!?…:;—" or start <= 12 and not text[:start].strip(" \t\"“‘'(")

    def _decide(self, left: str, word: str, right: str, spoken: bool) -> str | None:
        """The partner far likelier than ``word`` between ``left`` and ``right``, or None."""
        key = f"{left} {word} {right} {spoken:d}"  # one string: a third of the memory of a tuple of three
        decisions = self._decisions
        if key in decisions:
            return decisions[key]
        assert self._model is not None and self._sets is not None
        model = self._model
        best: str | None = None
        kept = right in self._sets.keep_before.get(word, ())
        partners = [] if kept else [p for p in self._sets.partners[word] if model.attested(p, left, right)]
        if partners:
            written = model.score(word, left, right)
            bar = written.log_prob + LOG_RATIO + (DIALOGUE_EXTRA if spoken else 0.0)
            best_margin = 0.0
            for partner in partners:
                score = model.score(partner, left, right)
                if score.sides < max(MIN_SIDES, written.sides):
                    continue
                margin = score.log_prob - bar - (CONTRACTION_EXTRA if "'" in partner and "'" not in word else 0.0)
                if margin >= best_margin:
                    best, best_margin = partner, margin
        if len(decisions) > _CACHE_LIMIT:
            decisions.clear()
        decisions[key] = best
        return best

    def _issue(
        self, text: str, start: int, end: int, written: str, lower: str, better: str, around: tuple[str, str] = ("", "")
    ) -> Issue:
        assert self._sets is not None
        fix = better.replace("'", "’") if "’" in written or ("'" not in written and "’" in text) else better
        if written[:1].isupper():
            fix = fix[:1].upper() + fix[1:]
        glosses = self._sets.glosses
        if better not in glosses or lower not in glosses:
            left, right = around
            message = f"“{written}” hardly ever comes between “{left}” and “{right}”; did you mean “{fix}”?"
        else:
            message = f"Did you mean “{fix}” ({glosses[better]}) rather than “{written}” ({glosses[lower]})?"
        return Issue(start, end, written, message, (fix,), RULE, Category.WORD_CHOICE, "builtin")
