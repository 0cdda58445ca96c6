"""Spelling suggestions: candidates by edit distance over the frequency-ranked word list, ranked by typo cost.

Candidates come from every word one edit away (insert, delete, swap, transpose) and, through a symmetric
delete index (SymSpell's idea: a word and a typo of it share a string with one or two letters deleted), most
words two edits away. A judge (Hunspell) decides which candidates are words; the ranking weighs how cheap
the slip is (transposed or doubled letters, vowel swaps and keyboard neighbours are cheap), how common the
word is and, when the caller gives the neighbouring words, how often it follows and precedes them.
"""

from __future__ import annotations

import array
import logging
import math
import threading
import weakref
import zlib
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from writer_app.grammar.far_index import FarIndex
from writer_app.grammar.far_ranking import far_suggestions
from writer_app.grammar.frequency import FrequencyData, FrequencyDataError, load_delete_keys
from writer_app.grammar.slips import Replacement, moved_and_swapped, replaced, two_words

log = logging.getLogger(__name__)

_LETTERS = "abcdefghijklmnopqrstuvwxyz'"
_VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_MAX_WORD = 30  # longer input gets no suggestions (a pasted hash, a URL): nothing useful, and costs time
_INDEX_BITS = 20  # an index key is crc32(string) << _INDEX_BITS | word id
_INDEX_MAX_LEN = 24

# Ranking weights (tuned on a held-out half of a public misspelling list, see tests/benchmarks/bench_spelling).
EDIT_WEIGHT = 3.0  # score points lost per unit of edit cost
FREQUENCY_WEIGHT = 0.8  # score points per factor of ten in word frequency
CONTEXT_WEIGHT = 0.6  # score points per factor of ten a neighbour makes the word more likely than usual
KNOWN_WORD_COUNT = 10_000_000  # the frequency a writer's own word (cast name, dictionary word) counts as
FIRST_LETTER_COST = 0.3  # people rarely get the first letter wrong ...
LAST_LETTER_COST = 0.5  # ... or the last one
SPLIT_COST = 1.0
SUBSTITUTION_COST = 1.3  # any other letter typed for another
VOWEL_EDIT_COST = 0.85  # a vowel left out or slipped in
GOOD_COST = 1.3  # a candidate this cheap is a likely slip: no need to look further
UNLISTED_WORD_COUNT = 10_000  # a word Hunspell knows but the frequency list lacks: rarer than any listed word
QUICK_REMEMBERED = 512  # words whose slip words (or quick fallback answers) are kept


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Letters next to each other on a QWERTY keyboard (same row, or the row above/below at the same place)."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for i, char in enumerate(row):
            found = near.setdefault(char, set())
            for j in (i - 1, i + 1):
                if 0 <= j < len(row):
                    found.add(row[j])
            for other in (r - 1, r + 1):
                if 0 <= other < len(_ROWS):
                    for j in (i - 1, i, i + 1):
                        if 0 <= j < len(_ROWS[other]):
                            found.add(_ROWS[other][j])
    return {char: frozenset(found) for char, found in near.items()}


_NEAR_KEYS = _keyboard_neighbours()


def _substitution_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in _VOWELS and b in _VOWELS:
        return 0.6  # "seperate", "definately"
    if b in _NEAR_KEYS.get(a, ()):
        return 0.7  # fat fingers: "thw"
    if {a, b} in ({"c", "s"}, {"c", "k"}, {"s", "z"}, {"f", "v"}, {"g", "j"}):
        return 0.75  # sounds alike
    return SUBSTITUTION_COST


def typo_cost(typed: str, word: str) -> float:
    """How unlikely a slip turns ``word`` into ``typed``: a weighted Damerau-Levenshtein distance.

    Transpositions, doubled or undoubled letters, vowel swaps and keyboard neighbours cost less than other
    edits; a wrong first letter costs a little more (people rarely get it wrong).
    """
    n, m = len(typed), len(word)
    previous2: list[float] = []
    previous = [float(j) for j in range(m + 1)]
    for i in range(1, n + 1):
        current = [float(i)] + [0.0] * m
        t = typed[i - 1]
        for j in range(1, m + 1):
            w = word[j - 1]
            # deleting a typed letter: cheap when it doubles its neighbour ("untill", "accross" -> "across")
            delete = 0.45 if (i >= 2 and typed[i - 2] == t) or (i < n and typed[i] == t) else (
                VOWEL_EDIT_COST if t in _VOWELS else 1.0
            )
            # inserting a missing letter: cheap when the word doubles it ("acomodate", "ocurred")
            insert = 0.45 if (j >= 2 and word[j - 2] == w) or (j < m and word[j] == w) else (
                VOWEL_EDIT_COST if w in _VOWELS else 1.0
            )
            best = min(previous[j] + delete, current[j - 1] + insert, previous[j - 1] + _substitution_cost(t, w))
            if i > 1 and j > 1 and t == word[j - 2] and typed[i - 2] == w and t != w:
                best = min(best, previous2[j - 2] + 0.6)
            current[j] = best
        previous2, previous = previous, current
    cost = previous[m]
    if typed[:1] != word[:1]:
        cost += FIRST_LETTER_COST
    if typed[-1:] != word[-1:] and typed[-2:] != word[-2:][::-1] and not word.startswith(typed):
        cost += LAST_LETTER_COST  # (an unfinished word, "questionin", is no slip of its last letter)
    if (" " in word and " " not in typed) or ("-" in word and "-" not in typed):
        cost += SPLIT_COST  # "stand rat" for "standrat": Hunspell's splits are rarely what was meant
    return cost


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word`` (lowercase)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {left + right[1:] for left, right in splits if right}
    out.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
    out.update(left + c + right[1:] for left, right in splits if right for c in _LETTERS)
    out.update(left + c + right for left, right in splits for c in _LETTERS)
    out.discard(word)
    return out


def _deletes(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {s[:i] + s[i + 1 :] for s in frontier for i in range(len(s))} - found
        found |= frontier
    return found


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


INDEXED_WORDS = 60_000  # the most frequent words get two-edit candidates; rarer ones only one-edit ones
DEEP_INDEXED_WORDS = 20_000  # the commonest words of 5+ letters are also indexed under two deletions


def delete_keys(words: Iterable[str]) -> array.array:
    """The sorted keys of a delete index: ``crc32(s) << 20 | id`` for each word and its deletions."""
    keys: list[int] = []
    for word_id, word in enumerate(words):
        if word_id >= INDEXED_WORDS:
            break
        if len(word) > _INDEX_MAX_LEN:
            continue
        depth = 2 if word_id < DEEP_INDEXED_WORDS and len(word) >= 5 else 1
        for variant in _deletes(word, depth):
            keys.append(_crc(variant) << _INDEX_BITS | word_id)
    keys.sort()
    return array.array("Q", keys)


class DeleteIndex:
    """Word ids under every one-letter deletion of each frequent word (two for the commonest) and the word."""

    def __init__(self, keys: array.array) -> None:
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def lookup(self, variant: str) -> list[int]:
        """Ids of the words that are ``variant`` or become it by deleting letters (with rare false hits)."""
        low = _crc(variant) << _INDEX_BITS
        keys = self._keys
        index = bisect_left(keys, low)
        high = low + (1 << _INDEX_BITS)
        mask = (1 << _INDEX_BITS) - 1
        found = []
        while index < len(keys) and keys[index] < high:
            found.append(keys[index] & mask)
            index += 1
        return found


_INDEX_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[FrequencyData, DeleteIndex] = weakref.WeakKeyDictionary()


def delete_index(data: FrequencyData) -> DeleteIndex:
    """The delete index of ``data``'s words: the shipped one, or built from the words (seconds) without it."""
    with _INDEX_LOCK:
        index = _INDEXES.get(data)
        if index is None:
            keys = None
            if data.deletes_file is not None and data.folder is not None:
                from writer_app.grammar.frequency_cache import load_deletes

                keys = load_deletes(data.deletes_file, data.folder)
            if keys is None and data.folder is not None:
                try:
                    keys = load_delete_keys(data.folder)
                except FrequencyDataError:
                    log.warning("spelling index missing; building it from the word list", exc_info=True)
            index = _INDEXES[data] = DeleteIndex(keys if keys is not None else delete_keys(data.words))
            log.debug("spelling delete index of %d keys ready", len(index))
        return index


@dataclass(frozen=True)
class Candidate:
    """A suggested word with the parts of its score (higher score is better)."""

    word: str
    cost: float
    count: int
    context: float = 0.0

    @property
    def score(self) -> float:
        """The ranking score: cheap slip, common word, fits its neighbours."""
        return -EDIT_WEIGHT * self.cost + FREQUENCY_WEIGHT * math.log10(self.count + 10) + self.context


class Suggester:
    """Rank corrections for a misspelt word; ``is_word`` (Hunspell and the writer's lists) is the judge."""

    def __init__(
        self,
        data: FrequencyData,
        is_word: Callable[[str], bool],
        known_words: Callable[[], Collection[str]] = lambda: (),
        quick_fallback: Callable[[str], list[str]] | None = None,
        full_fallback: Callable[[str], list[str]] | None = None,
        far_index: Callable[[], FarIndex] | None = None,
        replacements: Sequence[Replacement] = (),
    ) -> None:
        """A word the frequency list offers no cheap slip for is given the dictionary's words a slip away
        (:mod:`slips`, with the dictionary's sound-alike ``replacements``), or ``quick_fallback``'s answers when
        given (Hunspell's quick search). ``far_index`` gives the trigram index of the far-off search (loaded when
        first needed); without it, a word no edit reaches is given ``full_fallback`` (Hunspell's full search)."""
        self.data = data
        self._is_word = is_word
        self._known_words = known_words
        self._known_lower: tuple[int, frozenset[str]] = (-1, frozenset())
        self._quick_fallback = quick_fallback
        self._full_fallback = full_fallback
        self._far_index = far_index
        self._replacements = tuple(replacements)
        # The slip words (~2 ms) or quick fallback answers (~15 ms) of a word: asked again, it does not pay twice.
        self._quick_found: dict[str, list[str]] = {}

    def suggest(self, word: str, left: str = "", right: str = "", limit: int = 8, thorough: bool = True) -> list[str]:
        """Corrections for ``word``, best first, in its case ("Teh" -> "The"); ``left``/``right`` are neighbours."""
        return [c.word for c in self.candidates(word, left, right, thorough)[:limit]]

    def candidates(self, word: str, left: str = "", right: str = "", thorough: bool = True) -> list[Candidate]:
        """Scored candidates for ``word``, best first."""
        plain = word.replace("’", "'").strip()
        if not plain or len(plain) > _MAX_WORD or not any(c.isalpha() for c in plain):
            return []
        lower = plain.lower()
        found: dict[str, Candidate] = {}
        for form in self._generate(lower):
            accepted = self._accepted_form(form)
            if accepted is not None and accepted.lower() != lower:
                self._add(found, lower, accepted, left, right)
        if "-" in lower.strip("-"):
            self._add_hyphenated(found, lower, thorough)
        # Words the frequency list lacks (rare or inflected: "aggregators") come from the dictionary, only when
        # the list offers no cheap slip: every string a slip away is judged (~2 ms).
        if min((c.cost for c in found.values()), default=9.0) > GOOD_COST:
            for extra in self._quick_suggestions(plain):
                self._add(found, lower, extra, left, right)
        if thorough and not found:
            for extra in self._far_off(plain, lower):
                self._add(found, lower, extra, left, right)
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.word))
        return [Candidate(_match_case(plain, c.word, word), c.cost, c.count, c.context) for c in ranked]

    def _far_off(self, plain: str, lower: str) -> list[str]:
        """Words for a typo no small edit reaches: the far-off search over the trigram index, or Hunspell's
        full search without an index."""
        if self._far_index is not None:
            return far_suggestions(self._far_index(), lower, self._accepted_form, self.data.count)
        return self._full_fallback(plain) if self._full_fallback is not None else []

    def _quick_suggestions(self, plain: str) -> list[str]:
        """The dictionary's words a slip away from ``plain`` (or the quick fallback's suggestions), made once per
        word (the last few hundred kept)."""
        found = self._quick_found.get(plain)
        if found is None:
            found = list(self._quick_fallback(plain)) if self._quick_fallback is not None else self._slip_words(plain)
            if len(self._quick_found) >= QUICK_REMEMBERED:
                self._quick_found.clear()
            self._quick_found[plain] = found
        return found

    def _slip_words(self, plain: str) -> list[str]:
        """Words a typing or spelling slip away from ``plain``, as the judge accepts them (in its case), two words
        too ("alot" -> "a lot"): what Hunspell's quick search offers, made here."""
        lower = plain.lower()
        forms = edits1(lower)
        forms |= moved_and_swapped(lower)
        forms |= replaced(lower, self._replacements)
        found = [word for word in map(self._accepted_form, forms) if word is not None]
        for pair in two_words(lower):
            first, second = pair.split(" ")
            one, two = self._accepted_form(first), self._accepted_form(second)
            if one is not None and two is not None:
                found.append(f"{one} {two}")
        return sorted(found)

    def _add_hyphenated(self, found: dict[str, Candidate], lower: str, thorough: bool) -> None:
        """A hyphenated word keeps its hyphens: only the misspelt parts change ("multi-langual"); a part no small
        edit fixes gets the far-off search when ``thorough`` and the index is there (it is cheap)."""
        parts = lower.split("-")
        if not all(parts) or len(parts) > 4:
            return
        fixed = list(parts)
        cost = 0.0
        counts = []
        for i, part in enumerate(parts):
            if self._is_word(part):
                continue
            best = self.candidates(part, thorough=thorough and self._far_index is not None)[:1]
            if not best:
                return
            fixed[i] = best[0].word.lower()
            cost += best[0].cost
            counts.append(best[0].count)
        if counts:
            joined = "-".join(fixed)
            found.setdefault(joined, Candidate(joined, cost, min(counts), 0.0))

    # -- generation -------------------------------------------------------------------------------------
    def _generate(self, lower: str) -> set[str]:
        """Lowercase word forms one edit away, or two edits away through the delete index."""
        ids = self.data.ids
        known = self._known()
        forms = edits1(lower)
        out = set(ids.present(forms))  # hundreds of forms, each looked up once
        out.update(form for form in forms if form in known)
        if len(lower) <= _INDEX_MAX_LEN + 2:
            index = delete_index(self.data)
            words = self.data.words
            depth = 2 if len(lower) > 3 else 1
            for variant in _deletes(lower, depth):
                for word_id in index.lookup(variant):
                    candidate = words[word_id]
                    if abs(len(candidate) - len(lower)) <= 2:
                        out.add(candidate)
        out.discard(lower)
        return out

    def _known(self) -> frozenset[str]:
        """The writer's own words, lowercased (recomputed when the list grows)."""
        words = self._known_words()
        if len(words) != self._known_lower[0]:
            try:
                self._known_lower = (len(words), frozenset(w.lower() for w in words))
            except RuntimeError:  # the writer added a word on another thread meanwhile: use the last copy
                log.debug("known words changed while being read; using the previous copy")
        return self._known_lower[1]

    def _accepted_form(self, form: str) -> str | None:
        """The form the judge accepts: as is, or capitalised for names and places ("paris" -> "Paris")."""
        if self._is_word(form):
            return form
        title = form[:1].upper() + form[1:]
        if title != form and self._is_word(title):
            return title
        return None

    def _add(self, found: dict[str, Candidate], lower: str, word: str, left: str, right: str) -> None:
        key = word.lower()
        if key in found or not word or key == lower:
            return
        count = self.data.count(key) or (KNOWN_WORD_COUNT if key in self._known() else UNLISTED_WORD_COUNT)
        cost = typo_cost(lower, key)
        found[key] = Candidate(word, cost, count, self._context(key, left, right) if (left or right) else 0.0)

    def _context(self, word: str, left: str, right: str) -> float:
        """Points for a word its neighbours make likelier than its overall frequency says."""
        data = self.data
        count = data.count(word)
        if not count:
            return 0.0
        points = 0.0
        left, right = left.lower().replace("’", "'"), right.lower().replace("’", "'")
        for pair, neighbour in (((left, word), left), ((word, right), right)):
            if not neighbour:
                continue
            seen = data.pair(*pair)
            other = data.count(neighbour)
            if seen and other:
                # how much likelier the pair is than chance (pointwise mutual information, base 10)
                points += CONTEXT_WEIGHT * max(0.0, math.log10(seen * data.total / (count * other)))
        return points


def _match_case(plain: str, candidate: str, original: str) -> str:
    """Give ``candidate`` the case shape of the typed word, and its curly apostrophe."""
    if plain.isupper() and len(plain) > 1:
        out = candidate.upper()
    elif plain[:1].isupper() and candidate[:1].islower():
        out = candidate[:1].upper() + candidate[1:]
    else:
        out = candidate
    return out.replace("'", "’") if "’" in original else out
