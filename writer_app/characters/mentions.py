"""Find where the cast is mentioned: one compiled multi-name pattern, counts per chapter, positions.

Counting policy (shown to the writer in the Characters panel):
- a name or alias counts where it appears exactly as written (so "Rose" counts, "rose" does not), also before
  a possessive ("Damon's", "Damon’s");
- the longest name wins where names overlap: "Lady Catherine" is one mention of Lady Catherine, never also
  "Catherine"; "Mr. Darcy" is one mention, not also "Darcy";
- a name that is also an everyday word (Will, Hope, Rose, Mark, see ``resources/names/common-words.txt``) is
  not counted at the start of a sentence, unless a possessive or a speech/action verb follows ("Will said").
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from writer_app.characters.names import common_word_names
from writer_app.core.text import Utf16Map

COUNTING_POLICY = (
    "Names and aliases count where they appear exactly as written, with a capital letter, also before 's. "
    "Where names overlap the longest wins: \"Lady Catherine\" is not also counted as \"Catherine\". "
    "Names that are everyday words (Will, Hope, Rose, Mark…) are not counted at the start of a sentence "
    "unless followed by 's or a verb such as \"said\" (\"Will said\")."
)

# Words after a sentence-initial common-word name that show it is a person ("Will said", "Hope nodded").
PERSON_VERBS = frozenset(
    """said says asked asks replied replies answered cried whispered shouted called muttered murmured
    exclaimed added continued began smiled smiles laughed laughs grinned nodded nods shrugged sighed frowned
    turned turns looked looks glanced stared walked walks went goes came comes stood stands sat sits ran runs
    took takes felt feels knew knows thought thinks had has was is did does would could should might must
    will can gave gives told tells wanted wants needed seemed seems tried tries kept opened closed
    reached pulled pushed leaned paused watched waited stepped moved rose got shook""".split()
)
_SENTENCE_END = ".!?…"
_SKIP_BACK = " \t\"'“”‘’«»([{—–-*_"
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "mx", "dr", "st", "prof", "capt", "col", "gen", "lt", "rev", "sr", "jr"})
# A space inside a name matches any spacing that stays in one paragraph (hard-wrapped text included).
_SPACE = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: the character's index in the matcher and the span in code points."""

    character: int
    start: int
    end: int


def _character_forms(entry: Any) -> tuple[str, list[str]]:
    """Accept a Character, a (name, aliases) pair, or a plain name."""
    if isinstance(entry, str):
        return entry, [entry]
    if isinstance(entry, tuple):
        name, aliases = entry
        return name, [name, *aliases]
    return entry.name, list(entry.forms())


def _trie_pattern(forms: Iterable[str]) -> str:
    """A regex that matches any of ``forms``, factored as a trie so longer forms are tried first."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = True

    def emit(node: dict[str, Any], first: bool) -> str:
        branches = []
        for char in sorted(k for k in node if k):
            head = _SPACE if char == " " else re.escape(char)
            if first:  # the character before the name must not be a letter or digit
                head += r"(?<!\w.)"
            branches.append(head + emit(node[char], False))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a complete form ends here: the longer continuations are optional, greedy first
            return f"(?:{body})?"
        return body

    return emit(trie, True)


class MentionMatcher:
    """Finds mentions of a fixed set of characters in text; immutable, so safe to share with worker threads."""

    def __init__(self, characters: Iterable[Any]) -> None:
        names: list[str] = []
        owner: dict[str, int] = {}
        for entry in characters:
            name, forms = _character_forms(entry)
            index = len(names)
            names.append(name)
            for form in forms:
                form = " ".join(str(form).split())
                if not any(ch.isalnum() for ch in form):
                    continue  # "..." or "—" would count punctuation, not a person
                if form not in owner:  # a spelling shared by two characters belongs to the first
                    owner[form] = index
        self.names: tuple[str, ...] = tuple(names)
        self._owner = owner
        common = common_word_names()
        self._careful = frozenset(f for f in owner if " " not in f and f.lower() in common)
        forms = sorted(owner, key=len, reverse=True)
        # Compiled on first use (a worker thread): a cast of thousands takes seconds to compile.
        self._pattern = _trie_pattern(forms) + r"(?!\w)" if forms else ""
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    @property
    def _regex(self) -> re.Pattern[str] | None:
        if self._compiled is None and self._pattern:
            with self._lock:
                if self._compiled is None:
                    self._compiled = re.compile(self._pattern)
        return self._compiled

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text`` in order, longest names first where they overlap."""
        if not self._pattern or not text:
            return []
        owner = self._owner
        careful = self._careful
        found: list[Mention] = []
        append = found.append
        for match in self._regex.finditer(text):
            form = match.group()
            if form not in owner:  # spelled with a line break or several spaces
                form = " ".join(form.split())
            if form in careful and not _counts_as_name(text, match.start(), match.end()):
                continue
            append(Mention(owner[form], match.start(), match.end()))
        return found

    def count(self, text: str) -> list[int]:
        """Mentions per character (in ``names`` order) in ``text``."""
        counts = [0] * len(self.names)
        for mention in self.find(text):
            counts[mention.character] += 1
        return counts


def is_sentence_start(text: str, start: int) -> bool:
    """Tell whether the word at ``start`` opens a sentence or a paragraph (a line break alone is a space)."""
    i = start - 1
    newlines = 0
    while i >= 0 and (text[i] in _SKIP_BACK or text[i] in "\r\n"):
        if text[i] == "\n":
            newlines += 1
            if newlines > 1:  # a blank line: a new paragraph
                return True
        i -= 1
    if i < 0:
        return True
    if text[i] not in _SENTENCE_END:
        return False
    if text[i] == ".":  # "Mr. Will" is not a sentence start
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if text[j:i].lower() in _ABBREVIATIONS:
            return False
    return True


def _counts_as_name(text: str, start: int, end: int) -> bool:
    """Apply the everyday-word policy to a capitalised common-word name found at ``start``."""
    if not is_sentence_start(text, start):
        return True
    if text[end : end + 2] in ("'s", "’s"):
        return True
    following = _NEXT_WORD.match(text, end)
    return bool(following and following.group(1).lower() in PERSON_VERBS)


@dataclass(frozen=True, slots=True)
class ChapterMentions:
    """The mentions found in one chapter's text and the per-character counts."""

    mentions: tuple[Mention, ...]
    counts: tuple[int, ...]

    @classmethod
    def scan(cls, matcher: MentionMatcher, text: str) -> ChapterMentions:
        """Index one chapter's text."""
        mentions = matcher.find(text)
        counts = [0] * len(matcher.names)
        for mention in mentions:
            counts[mention.character] += 1
        return cls(tuple(mentions), tuple(counts))


class MentionIndex:
    """Mentions of every character in every chapter, updatable one chapter at a time."""

    def __init__(self, matcher: MentionMatcher | Iterable[Any]) -> None:
        self.matcher = matcher if isinstance(matcher, MentionMatcher) else MentionMatcher(matcher)
        self._chapters: dict[str, ChapterMentions] = {}
        self._position = {name: i for i, name in reversed(list(enumerate(self.matcher.names)))}

    @classmethod
    def build(cls, characters: MentionMatcher | Iterable[Any], chapters: Iterable[tuple[Any, str]]) -> MentionIndex:
        """Index every chapter; ``chapters`` yields ``(chapter or chapter id, text)`` in manuscript order."""
        index = cls(characters)
        for chapter, text in chapters:
            index.update_chapter(chapter, text)
        return index

    @property
    def names(self) -> tuple[str, ...]:
        """The character names, in cast order."""
        return self.matcher.names

    def chapter_ids(self) -> list[str]:
        """The indexed chapters in manuscript order."""
        return list(self._chapters)

    def update_chapter(self, chapter: Any, text: str) -> ChapterMentions:
        """Re-index one chapter (after an edit) and return its mentions."""
        result = ChapterMentions.scan(self.matcher, text)
        self._chapters[_chapter_id(chapter)] = result
        return result

    def set_chapter(self, chapter_id: str, result: ChapterMentions) -> None:
        """Store a chapter result computed elsewhere (a worker thread)."""
        self._chapters[chapter_id] = result

    def remove_chapter(self, chapter_id: str) -> None:
        """Forget a deleted chapter."""
        self._chapters.pop(chapter_id, None)

    def reorder(self, chapter_ids: Sequence[str]) -> None:
        """Put the chapters in the given manuscript order (chapters not listed are dropped)."""
        self._chapters = {cid: self._chapters[cid] for cid in chapter_ids if cid in self._chapters}

    def _slot(self, name: str | int) -> int:
        if isinstance(name, int):
            return name
        return self._position[name]

    def count(self, name: str | int, chapter_id: str | None = None) -> int:
        """Mentions of one character in one chapter, or in the whole manuscript when no chapter is given."""
        slot = self._slot(name)
        if chapter_id is not None:
            result = self._chapters.get(chapter_id)
            return result.counts[slot] if result else 0
        return sum(result.counts[slot] for result in self._chapters.values())

    def totals(self, chapter_id: str | None = None) -> dict[str, int]:
        """Mentions per character name, in one chapter or in the whole manuscript."""
        return {name: self.count(i, chapter_id) for i, name in enumerate(self.names)}

    def by_chapter(self, name: str | int) -> dict[str, int]:
        """Mentions of one character per chapter id, every chapter listed (zeros included) in order."""
        slot = self._slot(name)
        return {cid: result.counts[slot] for cid, result in self._chapters.items()}

    def mentions(self, chapter_id: str, name: str | int | None = None) -> list[Mention]:
        """The mentions in one chapter, of one character or of everyone."""
        result = self._chapters.get(chapter_id)
        if result is None:
            return []
        if name is None:
            return list(result.mentions)
        slot = self._slot(name)
        return [m for m in result.mentions if m.character == slot]


def _chapter_id(chapter: Any) -> str:
    return chapter if isinstance(chapter, str) else str(getattr(chapter, "id", chapter))


def utf16_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Convert code-point spans of ``text`` to UTF-16 spans, as Qt positions count."""
    mapping = Utf16Map(text)
    return [(mapping.to_utf16(start), mapping.to_utf16(end)) for start, end in spans]
