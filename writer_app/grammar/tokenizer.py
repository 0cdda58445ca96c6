"""Cut a sentence into Penn-style tokens: contractions split, quotes told from apostrophes, dialogue marked."""

from __future__ import annotations

import functools
import re

from writer_app.grammar.sentences import ABBREVIATIONS
from writer_app.grammar.tokens import Kind, Token, make_token

# Words that lose their first letters to an apostrophe in speech: "'em", "'cause", "'tis".
ELISIONS_AFTER = frozenset(
    "em cause cos coz tis twas twere til till bout round cept fore nuff im er ere ave e n ow alf ope ad".split()
)
# Word pieces a trailing apostrophe may replace: "goin'", "o'", "an'", "th'".
_ELIDED_ENDINGS = ("in", "o", "an", "th", "nothin", "ol")

_TOKEN = re.compile(
    r"""
    (?P<ellipsis>\.{3,}|…|\.(?:\ \.){2,})
    |(?P<dash>-{2,}|[—–―])
    |(?P<abbr>(?:[^\W\d_]\.){2,})
    |(?P<number>\d+(?:[.,:/]\d+)*(?:[^\W\d_]{1,2}\b)?)
    |(?P<word>[^\W_](?:[^\W_]|['’\-](?=[^\W_]))*)
    |(?P<quote>["“”‘’'«»„‚`])
    |(?P<punct>[.,;:!?()\[\]{}/\\\-])
    |(?P<symbol>\S)
    """,
    re.VERBOSE,
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Contractions split the way the English Web Treebank does.
_NT = re.compile(r"(?i)^(.+?)(n['’]t)$")
_CLITIC = re.compile(r"(?i)^(.+?)(['’](?:s|m|d|ll|re|ve))$")
_SPECIAL_NT = {"can": "ca", "won": "wo", "shan": "sha", "ain": "ai"}
_FUSED = {"gonna": 3, "wanna": 3, "gotta": 3, "cannot": 3, "gimme": 3, "lemme": 3}
_OPENING = frozenset("“‘«„‚`")
_CLOSING = frozenset("”»")
_SINGLE = frozenset("'’‘‚")


Scan = tuple[dict[int, str], tuple[tuple[int, tuple[str, ...]], ...]]


def quote_roles(paragraph: str, opened: tuple[str, ...] = ()) -> dict[int, str]:
    """Classify each quote-like mark in the paragraph as ``open``, ``close``, ``apostrophe`` or ``stray``."""
    return _scan(paragraph, opened)[0]


@functools.lru_cache(maxsize=256)
def _scan(paragraph: str, opened: tuple[str, ...] = ()) -> Scan:
    """Return the quote roles and, after each opening or closing mark, the quotations left open.

    ``opened`` are the quotations open before the text starts ("d" double, "s" single), outermost first.
    """
    roles: dict[int, str] = {}
    stack: list[str] = list(opened)  # "d" for a double quotation, "s" for a single one
    states: list[tuple[int, tuple[str, ...]]] = []
    length = len(paragraph)
    for match in re.finditer(r"[\"“”‘’'«»„‚`]", paragraph):
        pos = match.start()
        ch = match.group()
        before = paragraph[pos - 1] if pos else " "
        after = paragraph[pos + 1] if pos + 1 < length else " "
        single = ch in _SINGLE
        if single and (before.isalnum() and after.isalpha()):
            roles[pos] = "apostrophe"  # inside a word: "don't", "O'Brien"
            continue
        if single and not before.isalnum() and (after.isalnum()):
            word = re.match(r"[^\W_]+", paragraph[pos + 1 : pos + 12])
            if after.isdigit() or (word is not None and word.group().lower() in ELISIONS_AFTER):
                roles[pos] = "apostrophe"  # "'em", "'cause", "'90s"
                continue
            if ch == "’" and "s" not in stack:
                roles[pos] = "apostrophe"  # a right quote never opens a quotation: an elision ("’taint", "’pon")
                continue
        if single and before.isalnum() and ch != "‘":
            if _closes_single(paragraph, pos, stack):
                roles[pos] = "close"
                while stack and stack.pop() != "s":
                    pass
                states.append((pos, tuple(stack)))
            else:
                roles[pos] = "apostrophe"  # "goin'", "the boys'"
            continue
        kind = "s" if single else "d"
        if ch in _OPENING:
            role = "open"
        elif ch in _CLOSING or ch == "’":
            role = "close"
        elif before.isspace() or before in "([{—–-" or pos == 0:
            role = "open" if not after.isspace() or kind not in stack else "close"
        elif after.isspace() or not after.isalnum():
            role = "close"
        else:
            role = "close" if kind in stack else "open"
        if role == "close" and kind not in stack:
            role = "stray"  # closes nothing open: never ends a quotation of the other kind
        roles[pos] = role
        if role == "open":
            stack.append(kind)
        elif role == "close":
            while stack and stack.pop() != kind:
                pass
        if role in ("open", "close"):
            states.append((pos, tuple(stack)))
    return roles, tuple(states)


def _closes_single(paragraph: str, pos: int, stack: list[str]) -> bool:
    """Decide whether an apostrophe after a word closes an open single quotation ('as here')."""
    if "s" not in stack:
        return False
    word = re.search(r"[^\W_]+$", paragraph[max(0, pos - 12) : pos])
    if word is not None and word.group().lower().endswith(_ELIDED_ENDINGS):
        following = re.match(r"\s+([^\W\d_])", paragraph[pos + 1 : pos + 4])
        if following is not None and following.group(1).islower():
            return False  # "goin' home": an elision inside the quotation
    return True


def open_quotes_at(paragraph: str, offset: int) -> tuple[str, ...]:
    """Return the quotations open just before ``offset`` ("d" double, "s" single), outermost first."""
    state: tuple[str, ...] = ()
    for pos, after in _scan(paragraph)[1]:
        if pos >= offset:
            break
        state = after
    return state


def dialogue_depth_at(paragraph: str, offset: int) -> int:
    """Return how many quotations are open just before ``offset`` (0: narration)."""
    return len(open_quotes_at(paragraph, offset))


def tokenize(
    paragraph: str, start: int = 0, end: int | None = None, opened: tuple[str, ...] = ()
) -> tuple[Token, ...]:
    """Return the tokens of ``paragraph[start:end]`` with paragraph offsets and dialogue flags.

    ``opened`` are quotations open before the paragraph starts (see :func:`open_quotes_at`).
    """
    end = len(paragraph) if end is None else end
    roles, states = _scan(paragraph, opened)
    marks = {pos: len(after) for pos, after in states}
    depth = len(opened)
    for pos, after in states:
        if pos >= start:
            break
        depth = len(after)
    tokens: list[Token] = []
    append = tokens.append
    word = Kind.WORD
    pieces = _pieces(paragraph, start, end, roles)
    for text, tok_start, kind in pieces:
        space_before = tok_start == 0 or paragraph[tok_start - 1].isspace()
        in_dialogue = depth > 0
        if tok_start in marks:
            after = marks[tok_start]
            in_dialogue = in_dialogue or after > 0
            depth = after
        tok_end = tok_start + len(text)
        if kind is word and ("'" in text or "’" in text or 5 <= len(text) <= 6 and text.lower() in _FUSED):
            for part_text, part_start in _split_word(text, tok_start):
                append(
                    make_token(part_text, part_start, part_start + len(part_text), kind,
                               space_before and part_start == tok_start, in_dialogue)
                )
        else:  # no apostrophe and not fused: a word that does not split
            append(make_token(text, tok_start, tok_end, kind, space_before, in_dialogue))
    return tuple(tokens)


def _pieces(paragraph: str, start: int, end: int, roles: dict[int, str]) -> list[tuple[str, int, Kind]]:
    """Match raw tokens, then glue apostrophes and abbreviation stops onto their words."""
    raw: list[tuple[str, int, Kind]] = []
    add = raw.append
    word = Kind.WORD
    for match in _TOKEN.finditer(paragraph, start, end):
        group = match.lastgroup
        text = match.group()
        if group == "word":  # the most common, first
            add((text, match.start(), word if text[0].isalpha() or _HAS_LETTER.search(text) else Kind.NUMBER))
        elif group == "quote":
            pos = match.start()
            add((text, pos, word if roles.get(pos) == "apostrophe" else Kind.QUOTE))
        elif group == "abbr":
            add((text, match.start(), word))
        else:
            add((text, match.start(), _KINDS[group or "symbol"]))
    pieces: list[tuple[str, int, Kind]] = []
    keep = pieces.append
    count = len(raw)
    index = 0
    while index < count:
        text, pos, kind = raw[index]
        nxt = raw[index + 1] if index + 1 < count else None
        if kind is not word or nxt is None or nxt[1] != pos + len(text):
            keep((text, pos, kind))  # nothing right after it to glue on
            index += 1
            continue
        if kind is Kind.WORD and text in "'’" and nxt is not None and nxt[2] is Kind.WORD and nxt[1] == pos + 1:
            text, kind = text + nxt[0], Kind.WORD  # "'em"
            index += 1
            nxt = raw[index + 1] if index + 1 < len(raw) else None
        if (
            kind is Kind.WORD
            and nxt is not None
            and nxt[1] == pos + len(text)
            and nxt[0] in "'’"
            and roles.get(nxt[1]) == "apostrophe"
            and not text.lower().endswith("s")
        ):
            text += nxt[0]  # "goin'"; a plural possessive ("boys'") keeps its own token
            index += 1
            nxt = raw[index + 1] if index + 1 < len(raw) else None
        if kind is Kind.WORD and nxt is not None and nxt[0] == "." and nxt[1] == pos + len(text):
            if _keeps_stop(text, raw, index + 1):
                text += "."
                index += 1
        pieces.append((text, pos, kind))
        index += 1
    return pieces


def _keeps_stop(word: str, raw: list[tuple[str, int, Kind]], stop_index: int) -> bool:
    """True when the full stop after ``word`` belongs to it: "Mr.", "J.", "e.g." (not a sentence end)."""
    lower = word.lower().replace("’", "'")
    at_end = stop_index == len(raw) - 1
    if lower in ABBREVIATIONS:
        return not at_end or lower in {"mr", "mrs", "ms", "dr", "st"}
    if len(word) == 1 and word.isupper():
        return not at_end
    if "." in word:
        return True
    return False


def _split_word(text: str, start: int) -> list[tuple[str, int]]:
    """Split a contraction into its treebank parts: "don't" -> do n't, "gonna" -> gon na."""
    lower = text.lower()
    if lower in _FUSED and len(text) > 3:
        cut = _FUSED[lower]
        return [(text[:cut], start), (text[cut:], start + cut)]
    match = _NT.match(text)
    if match is not None and len(match.group(1)) > 0:
        head = match.group(1)
        special = _SPECIAL_NT.get(head.lower())
        if special is not None:
            cut = len(special)
            return [(text[:cut], start), (text[cut:], start + cut)]
        return [(head, start), (text[len(head):], start + len(head))]
    match = _CLITIC.match(text)
    if match is not None and _HAS_LETTER.search(match.group(1)):
        head = match.group(1)
        return [(head, start), (text[len(head):], start + len(head))]
    return [(text, start)]


_KINDS = {
    "ellipsis": Kind.ELLIPSIS,
    "dash": Kind.DASH,
    "number": Kind.NUMBER,
    "punct": Kind.PUNCT,
    "symbol": Kind.SYMBOL,
}
