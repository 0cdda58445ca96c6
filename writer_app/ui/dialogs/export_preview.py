"""The export dialog's preview: a chapter as it will be exported, with the spans polish changed highlighted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from writer_app.core.text import paragraphs
from writer_app.export.polish import DEFAULT_SCENE_BREAK, polish_with_changes

PREVIEW_CHARS = 40_000  # a preview never needs more than the first few thousand words
CHANGE_COLOUR = "#f6d365"

_KINDS = {"“": "quotes", "”": "quotes", "‘": "quotes", "’": "apostrophes & quotes", "—": "dashes", "…": "ellipses"}


@dataclass(frozen=True)
class PreviewPage:
    """The HTML for the preview pane and a one-line summary of what polish changed."""

    html: str
    summary: str
    changes: int


def _summary(polished: str, spans: list[tuple[int, int]], polish: bool) -> str:
    if not polish:
        return "Polish is off: the text is exported exactly as written."
    if not spans:
        return "Polish changes nothing in this chapter."
    kinds: Counter[str] = Counter()
    for start, end in spans:
        kinds[_KINDS.get(polished[start:end][:1], "spacing & scene breaks")] += 1
    details = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    return f"{len(spans)} typography change{'s' if len(spans) != 1 else ''}: {details}."


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
    return PreviewPage(html, _summary(polished, spans, polish), len(spans))
