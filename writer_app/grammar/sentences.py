"""Cut a paragraph into sentence spans: cheap, regex-level, abbreviations and dialogue tags kept inside."""

from __future__ import annotations

import functools
import re

# Words whose following full stop never ends a sentence (titles, "e.g."); compared without the stop.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs mme mlle dr st prof rev revd hon gen col capt lt sgt cpl maj adm cmdr gov sen rep
    pres supt insp det mt ft jr sr esq vs e.g eg i.e ie cf viz al approx dept univ ave rd jan feb apr aug
    sept oct nov dec""".split()
)
# Abbreviations that stand before a number ("No. 5", "p. 12"): they end no sentence before a digit.
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols pp p ch fig figs art sec".split())
# Abbreviations that often end a sentence as well: they end one only before a capital letter.
_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co", "corp", "jr", "sr", "esq", "al"})
# Verbs of a dialogue tag: '"Where?" Tom asked.' stays one sentence.
SPEECH_VERBS = frozenset(
    """said says asked asks replied replies answered answers cried cries shouted shouts whispered whispers
    muttered mutters called calls exclaimed exclaims added adds continued continues began begins
    murmured murmurs yelled yells screamed screams snapped snaps demanded demands sighed sighs laughed
    laughs breathed breathes called insisted insists repeated repeats echoed echoes""".split()
)

# A sentence end: terminal marks, then closing quotes or brackets, then space and a likely sentence start.
# (Each alternative starts with its own mark, "[.!?]+" written as three, so the regex engine skips straight to
# the next mark instead of trying every position of the paragraph.)
_END = re.compile(r"(?:\.[.!?]*|![.!?]*|\?[.!?]*|…|\.(?: \.){2,})[\"”’')\]»]*(?=\s+[\"“‘'(\[«]*[^\W_a-z])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_NEXT_WORDS = re.compile(r"\s+[\"“‘'(\[«]*([^\W\d_]+)(?:\s+([^\W\d_]+))?")


def _is_abbreviation(paragraph: str, stop: int) -> bool:
    """True when the full stop at ``stop`` closes an abbreviation or an initial rather than a sentence."""
    match = _WORD_BEFORE.search(paragraph, max(0, stop - 24), stop + 1)
    if match is None or match.end() != stop + 1:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. R. Tolkien"
    if "." in word and all(len(part) == 1 for part in word.split(".")):
        return True  # "U.S.", "e.g."
    if word.lower() in NUMBER_ABBREVIATIONS:
        following = paragraph[stop + 1 : stop + 3].strip()[:1]
        return following.isdigit()
    return word.lower() in ABBREVIATIONS


def _is_dialogue_tag(paragraph: str, end: int, marks: str) -> bool:
    """True when '?' or '!' inside a closing quote is followed by a dialogue tag ('Tom asked')."""
    if not marks or marks[-1] not in "\"”’'" or not any(mark in "!?" for mark in marks):
        return False
    match = _NEXT_WORDS.match(paragraph, end)
    if match is None:
        return False
    first, second = match.group(1), match.group(2) or ""
    return first.lower() in SPEECH_VERBS or second.lower() in SPEECH_VERBS


@functools.lru_cache(maxsize=512)
def sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Return the ``(start, end)`` code-point spans of the paragraph's sentences, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(paragraph):
        marks = match.group()
        stop = match.start()
        if marks[0] == "." and not marks.startswith("..") and _is_abbreviation(paragraph, stop):
            word = _WORD_BEFORE.search(paragraph, max(0, stop - 24), stop + 1)
            if word is None or word.group(1).lower() not in _FINAL_ABBREVIATIONS:
                continue
        if _is_dialogue_tag(paragraph, match.end(), marks):
            continue
        _add_span(paragraph, start, match.end(), spans)
        start = match.end()
    _add_span(paragraph, start, len(paragraph), spans)
    return tuple(spans)


def _add_span(paragraph: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``paragraph[start:end]`` trimmed of whitespace, unless nothing is left."""
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
