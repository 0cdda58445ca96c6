"""What a whole text teaches the speller before it is checked: its names and its characters' voice words.

``study`` reads a text (or a run of its lines) and says what it teaches without changing what the speller
has learnt; ``adopt`` learns what one or more studies found. A long text can so be studied in parts, each
part in its own forked process (see :func:`writer_app.grammar.parallel.learn_names_parallel`), and the
parts' studies adopted together learn exactly what one study of the whole text would.

Each part reads its lines once: every line's words are found once, judged when first met, and the line is
read for dialogue only when it holds a word the dictionaries reject. What that reading shows is handed to the
check too: the lines none of whose words the check could flag (see :attr:`Study.clean`), which the speller then
passes without reading them again.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from writer_app.grammar.dialogue import dialogue_spans, in_dialogue
from writer_app.grammar.word_places import word_places

if TYPE_CHECKING:
    from writer_app.grammar.spelling import SpellChecker

log = logging.getLogger(__name__)

MAX_VERDICTS = 200_000  # a study hands back at most this many word verdicts (they are only a cache)
_BLOCK_LINES = 256  # lines read together (their words are held at once)


@dataclass
class Study:
    """What a text (or a run of its lines) teaches the speller."""

    names: set[str] = field(default_factory=set)  # capitalised words used mid-sentence that no dictionary knows
    spoken: Counter[str] = field(default_factory=Counter)  # unknown lowercase words said in dialogue: uses
    told: set[str] = field(default_factory=set)  # unknown lowercase words used in narration
    voice: bool = False  # whether ``spoken`` and ``told`` were read (not in strict-dialogue checks)
    # Verdicts on words the study judged that the speller had not cached (for a parent process to keep).
    accepted: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    # Lines (as ``str.splitlines`` cuts them, by their ``spelling.line_key``) whose every word is accepted or has
    # a letter outside ASCII: the spell check flags nothing there (read with ``voice`` only) ...
    clean: list[bytes] = field(default_factory=list)
    # ... and lines that are clean once their rejected ASCII words are learnt as names: (line key, those words).
    named: list[tuple[bytes, frozenset[str]]] = field(default_factory=list)


def study(speller: SpellChecker, text: str, start: int = 0, end: int | None = None, verdicts: bool = False) -> Study:
    """What ``text[start:end]`` teaches ``speller``: the run must be whole lines of ``text`` (the text around
    it is context for what a name follows). With ``verdicts``, the word verdicts the study cached are returned
    too (a forked process hands them to its parent)."""
    from writer_app.grammar.spelling import _AFTER_TITLE, _MID_SENTENCE_CAPITAL, WORD_RE

    end = len(text) if end is None else end
    known_ok, known_unknown = speller.cached_verdicts() if verdicts else (frozenset(), frozenset())
    accepts = speller.accepts
    found: set[str] = set()
    for pattern in (_MID_SENTENCE_CAPITAL, _AFTER_TITLE):
        # Matches are those of a scan of the whole text that start in the run (a scan from the run's first
        # line meets the whole text's matches: a match never starts inside whitespace after a line break).
        for match in pattern.finditer(text, start):
            if match.start() >= end:
                break
            found.add(match.group(1))
    result = Study(names={word for word in found - speller.known_names() if not accepts(word)})
    if not speller.config.strict_dialogue:
        result.voice = True
        _study_voice(speller, text[start:end] if start or end < len(text) else text, result, WORD_RE)
    if verdicts:
        now_ok, now_unknown = speller.cached_verdicts()
        accepted, rejected = set(now_ok - known_ok), set(now_unknown - known_unknown)
        if len(accepted) + len(rejected) <= MAX_VERDICTS:
            result.accepted, result.rejected = accepted, rejected
    return result


def _study_voice(speller: SpellChecker, text: str, result: Study, word_re: re.Pattern[str]) -> None:
    """Count the unknown lowercase words ``text`` uses in dialogue and note those it uses in narration; sort its
    lines by what the spell check could flag in them (:attr:`Study.clean`, :attr:`Study.named`).

    Lines are read in blocks: a block's words are found line by line, its new words judged together, then each
    line is sorted with a few set operations (a line at a time cost as much again in Python's bookkeeping).
    """
    from writer_app.grammar.spelling import line_key

    accepts = speller.accepts
    seen: set[str] = set()
    unknown: set[str] = set()  # rejected words with no capital after the first letter: maybe a voice
    flaggable: set[str] = set()  # rejected ASCII words: what the spell check could flag
    # Words once used in narration: never a voice, however often spoken (see ``SpellChecker.learn``), so their
    # later uses are not looked for (their ``spoken`` counts stop there).
    settled: set[str] = set()
    spoken, told = result.spoken, result.told
    clean, named = result.clean, result.named
    lines = text.splitlines()
    for first in range(0, len(lines), _BLOCK_LINES):
        block = lines[first : first + _BLOCK_LINES]
        found = list(map(word_re.findall, block))
        fresh = set(chain.from_iterable(found))
        fresh -= seen
        seen |= fresh
        for word in fresh:
            if not accepts(word):
                if word[1:].islower():
                    unknown.add(word)
                if word.isascii():
                    flaggable.add(word)
        for line, words in zip(block, found, strict=True):
            if not words:
                continue
            if flaggable.isdisjoint(words):
                clean.append(line_key(line))
            else:
                named.append((line_key(line), frozenset(flaggable.intersection(words))))
            present = unknown.intersection(words)
            present -= settled
            if not present:
                continue
            spans = dialogue_spans(line)
            for start, end, word in word_places(line, present):  # (where ``word_re`` reads them, with str.find)
                lower = word.lower().replace("’", "'")
                if in_dialogue(spans, start, end):
                    spoken[lower] += 1
                else:
                    told.add(lower)
                    settled.add(word)


def adopt(speller: SpellChecker, studies: list[Study]) -> int:
    """Learn what ``studies`` found (of one text, in any order); returns how many names were new."""
    from writer_app.grammar.spelling import _VOICE_USES

    names: set[str] = set()
    spoken: Counter[str] = Counter()
    told: set[str] = set()
    voice = False
    clean: list[bytes] = []
    named: list[tuple[bytes, frozenset[str]]] = []
    for each in studies:
        names |= each.names
        spoken.update(each.spoken)
        told |= each.told
        voice = voice or each.voice
        clean += each.clean
        named += each.named
    often = [word for word, uses in spoken.items() if uses >= _VOICE_USES] if voice else []
    verdicts = [(each.accepted, each.rejected) for each in studies]
    return speller.learn(names, told if voice else (), often, verdicts, clean, named)
