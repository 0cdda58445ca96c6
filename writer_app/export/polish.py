"""Typography polish for export: curly quotes, dashes, ellipses, spacing and scene breaks; never words.

Choices (documented for writers):
- ``--`` and ``---`` become an em dash; a spaced ``word -- word`` becomes a closed ``word—word`` (Chicago
  style), and a spaced single hyphen between words (``word - word``) is left alone.
- ``...`` becomes ``…``; spaces around it are kept as the writer typed them.
- Straight quotes become curly ones; quotes already curly are left exactly as they are. A leading apostrophe
  in a known elision (’til, ’tis, ’em, ’n’, ’cause, ’90s …) is an apostrophe, not an opening quote.
- Runs of spaces and tabs inside a paragraph become one space; leading and trailing spaces are trimmed;
  runs of empty paragraphs become one empty line.
- A line that is only ``***``, ``* * *``, ``#``, ``~~~`` or ``---`` (any count of 3+, or a lone ``#``/``*``)
  is a scene break and is replaced by the chosen marker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from writer_app.core.text import paragraphs

DEFAULT_SCENE_BREAK = "* * *"

_SCENE_BREAK_RE = re.compile(r"^\s*(?:#|\*|(?:\*\s*){3,}|(?:~\s*){3,}|(?:-\s*){3,}|(?:#\s*){3,})\s*$")

# Words that begin with an apostrophe standing for dropped letters (compared lower-case).
ELISIONS = frozenset(
    {
        "til", "tis", "twas", "twere", "twill", "twould", "tween", "em", "n", "im", "cause", "cos", "coz",
        "bout", "round", "fore", "nother", "neath", "ere", "ave", "appen", "ello", "ome", "ope", "allo",
        "eard", "ouse", "alf", "orrible", "kay", "cept", "gainst", "mongst", "nuff", "spose", "sup", "ya",
        "yer", "scuse", "specially",
    }
)

_OPENING_CONTEXT = set(" \t([{“‘\u00a0/<")
_DASHES = set("—–")
_WORD_RE = re.compile(r"[A-Za-z]+")


def is_scene_break(line: str) -> bool:
    """Tell whether a paragraph is a scene-break marker such as ``***``, ``* * *`` or ``#``."""
    return bool(_SCENE_BREAK_RE.match(line))


def _dashes(text: str) -> str:
    text = re.sub(r"(?<=\S)[ \t]+-{2,3}[ \t]+(?=\S)", "—", text)  # word -- word -> word—word
    text = re.sub(r"-{2,3}", "—", text)
    return text


def _ellipses(text: str) -> str:
    text = re.sub(r"\.[ \t]\.[ \t]\.", "…", text)
    return text.replace("...", "…")


def _spaces(text: str) -> str:
    return re.sub(r"[ \t\u00a0]{2,}|\t", " ", text).strip(" \t\u00a0")


def _elision_at(text: str, index: int) -> bool:
    """Tell whether the straight single quote at ``index`` starts an elided word (’til, ’90s, ’n’)."""
    rest = text[index + 1 :]
    if re.match(r"\d\d(?:s|\b)", rest):
        return True
    match = _WORD_RE.match(rest)
    if not match:
        return False
    word = match.group(0).lower()
    if word not in ELISIONS:
        return False
    if word == "n":
        return rest[1:2] == "'"  # rock 'n' roll
    return True


def _curl_quotes(text: str) -> str:
    out: list[str] = []
    double_open = False
    length = len(text)
    for i, char in enumerate(text):
        if char not in "\"'":
            out.append(char)
            continue
        prev = out[-1] if out else " "
        nxt = text[i + 1] if i + 1 < length else " "
        if char == '"':
            if prev in _OPENING_CONTEXT:
                opening = not nxt.isspace() or not double_open
            elif prev in _DASHES:
                # "I—" she began.  vs  He paused—"Wait."
                opening = not (nxt.isspace() or nxt in ",.;:!?)" or i + 1 >= length)
            else:
                opening = False
            out.append("“" if opening else "”")
            double_open = opening
            continue
        # single quote / apostrophe
        if prev.isalnum():
            out.append("’")  # don't, dogs' bones, closing quote after a word
        elif prev in _OPENING_CONTEXT or prev in "“":
            if _elision_at(text, i):
                out.append("’")
            elif nxt.isspace():
                out.append("’" if prev not in " \t\u00a0" else "‘")
            else:
                out.append("‘")
        elif prev in _DASHES:
            out.append("’" if (nxt.isspace() or nxt in ",.;:!?)" or i + 1 >= length) else "‘")
        else:
            out.append("’")  # after punctuation: closing
    return "".join(out)


def polish_paragraph(text: str) -> str:
    """Return one paragraph (no newline) with polished typography; words are never changed."""
    text = _spaces(text)
    if not text:
        return ""
    text = _dashes(text)
    text = _ellipses(text)
    if '"' in text or "'" in text:
        text = _curl_quotes(text)
    return text


def collapse_blank_runs(lines: Iterable[str]) -> list[str]:
    """Drop leading/trailing empty lines and collapse runs of empty lines into one."""
    result: list[str] = []
    for line in lines:
        if not line.strip():
            if result and result[-1] != "":
                result.append("")
            continue
        result.append(line)
    while result and result[-1] == "":
        result.pop()
    return result


def polish_text(text: str, scene_break: str = DEFAULT_SCENE_BREAK) -> str:
    """Polish a whole chapter: every line is a paragraph; scene-break lines become ``scene_break``."""
    lines = []
    for line in paragraphs(text):
        if is_scene_break(line):
            lines.append(scene_break)
        else:
            lines.append(polish_paragraph(line))
    return "\n".join(collapse_blank_runs(lines))


def changed_spans(original: str, polished: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` code-point spans of ``polished`` (one paragraph) that differ from ``original``."""
    matcher = difflib.SequenceMatcher(None, original, polished, autojunk=False)
    return [(b0, b1) for tag, _a0, _a1, b0, b1 in matcher.get_opcodes() if tag in ("replace", "insert") and b1 > b0]


def polish_with_changes(text: str, scene_break: str = DEFAULT_SCENE_BREAK) -> tuple[str, list[tuple[int, int]]]:
    """Polish a chapter like :func:`polish_text` and also return the changed spans of the result."""
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for raw in paragraphs(text):
        line = scene_break if is_scene_break(raw) else polish_paragraph(raw)
        if not line:
            if lines and lines[-1] != "":
                lines.append("")
                offset += 1
            continue
        if line != raw:
            spans.extend((offset + a, offset + b) for a, b in changed_spans(raw, line))
        lines.append(line)
        offset += len(line) + 1
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines), spans
