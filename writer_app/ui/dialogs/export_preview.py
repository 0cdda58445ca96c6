"""The export dialog's preview: a chapter as it will be exported, with the spans polish changed highlighted."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from html import escape

from writer_app.core.text import paragraphs
from writer_app.export.polish import DEFAULT_SCENE_BREAK, polish_with_changes

PREVIEW_CHARS = 40_000  # a preview never needs more than the first few thousand words
CHANGE_COLOUR = "#f6d365"

# (singular, plural) per kind of change, in the order the summary lists them.
KINDS = {
    "quote": ("quote", "quotes"),
    "apostrophe": ("apostrophe", "apostrophes"),
    "dash": ("dash", "dashes"),
    "ellipsis": ("ellipsis", "ellipses"),
    "scene_break": ("scene break", "scene breaks"),
    "spacing": ("spacing fix", "spacing fixes"),
}
_QUOTES = set("“”‘")
_MARKS = {"—": "dash", "…": "ellipsis"}


def _closing_single_quotes(line: str) -> set[int]:
    """Positions of the ’ in ``line`` that close a ‘…’ quotation (every other ’ is an apostrophe)."""
    closing: set[int] = set()
    open_quotes = 0
    for index, char in enumerate(line):
        if char == "‘":
            open_quotes += 1
        elif char == "’" and open_quotes:
            nxt = line[index + 1 : index + 2]
            if not nxt.isalnum():  # don’t, ’til, rock ’n’ roll: apostrophes even inside a quotation
                closing.add(index)
                open_quotes -= 1
    return closing


def classify_changes(polished: str, spans: list[tuple[int, int]], scene_break: str) -> Counter[str]:
    """Count polish changes by kind: each changed mark counts once, a replaced scene break once per line."""
    kinds: Counter[str] = Counter()
    line_starts = [0] + [i + 1 for i, char in enumerate(polished) if char == "\n"]
    closing_cache: dict[int, set[int]] = {}
    breaks_seen: set[int] = set()
    for start, end in spans:
        line_index = bisect_right(line_starts, start) - 1
        line_start = line_starts[line_index]
        line_end = polished.find("\n", line_start)
        line = polished[line_start : line_end if line_end >= 0 else len(polished)]
        if line.strip() == scene_break.strip():
            if line_index not in breaks_seen:
                breaks_seen.add(line_index)
                kinds["scene_break"] += 1
            continue
        if line_index not in closing_cache:
            closing_cache[line_index] = _closing_single_quotes(line)
        counted = False
        for position in range(start, end):
            char = polished[position]
            if char in _QUOTES:
                kinds["quote"] += 1
            elif char == "’":
                kinds["quote" if position - line_start in closing_cache[line_index] else "apostrophe"] += 1
            elif char in _MARKS:
                kinds[_MARKS[char]] += 1
            else:
                continue
            counted = True
        if not counted:
            kinds["spacing"] += 1
    return kinds


def describe_changes(kinds: Counter[str]) -> str:
    """"50 quotes, 25 apostrophes, 3 dashes, 2 ellipses" (kinds that occur, in a fixed order)."""
    parts = []
    for key, (one, many) in KINDS.items():
        if kinds.get(key):
            parts.append(f"{kinds[key]} {one if kinds[key] == 1 else many}")
    return ", ".join(parts)


@dataclass(frozen=True)
class PreviewPage:
    """The HTML for the preview pane and a one-line summary of what polish changed."""

    html: str
    summary: str
    changes: int


def _summary(polished: str, spans: list[tuple[int, int]], polish: bool, scene_break: str) -> str:
    if not polish:
        return "Polish is off: the text is exported exactly as written."
    if not spans:
        return "Polish changes nothing in this chapter."
    kinds = classify_changes(polished, spans, scene_break)
    total = sum(kinds.values())
    return f"{total} typography change{'s' if total != 1 else ''}: {describe_changes(kinds)}."


def build_preview(text: str, *, polish: bool = True, scene_break: str = DEFAULT_SCENE_BREAK,
                  heading: str = "", font_family: str = "serif") -> PreviewPage:
    """Render ``text`` (one chapter) as HTML paragraphs, marking the characters polish changed."""
    clipped = text[:PREVIEW_CHARS]
    if polish:
        polished, spans = polish_with_changes(clipped, scene_break)
    else:
        polished = "\n".join(line.strip() for line in paragraphs(clipped) if line.strip())
        spans = []
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(escape(polished[position:start]))
        pieces.append(f'<span style="background-color:{CHANGE_COLOUR};">{escape(polished[start:end])}</span>')
        position = end
    pieces.append(escape(polished[position:]))
    body = "".join(pieces)
    rendered: list[str] = []
    for line in body.split("\n"):
        if not line:
            continue
        plain = line.replace(f'<span style="background-color:{CHANGE_COLOUR};">', "").replace("</span>", "")
        centred = plain.strip() == escape(scene_break)
        align = "center" if centred else "left"
        rendered.append(f'<p align="{align}" style="margin:0 0 0.6em 0;">{line}</p>')
    head = f'<h3 align="center" style="font-weight:normal;">{escape(heading)}</h3>' if heading else ""
    more = ""
    if len(text) > PREVIEW_CHARS:
        more = '<p align="center" style="color:#888;"><i>… the preview shows the beginning of the chapter.</i></p>'
    html = f'<div style="font-family:{escape(font_family)}; font-size:12pt;">{head}{"".join(rendered)}{more}</div>'
    return PreviewPage(html, _summary(polished, spans, polish, scene_break), len(spans))
