"""A word-level difference between two texts, for comparing a snapshot with the current chapter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKENS = re.compile(r"\s+|[^\s]+")

EQUAL = "equal"
DELETED = "deleted"
INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A run of text that both sides share, or that only the old (deleted) or new (inserted) side has."""

    kind: str
    text: str


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, in order (joining them gives the text back)."""
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The parts that turn ``old`` into ``new``, compared word by word (whitespace kept as it is)."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    parts: list[DiffPart] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(a[i1:i2]))
        else:
            add(DELETED, "".join(a[i1:i2]))
            add(INSERTED, "".join(b[j1:j2]))
    return parts


def diff_counts(parts: list[DiffPart]) -> tuple[int, int]:
    """Words deleted and inserted."""
    deleted = sum(len(p.text.split()) for p in parts if p.kind == DELETED)
    inserted = sum(len(p.text.split()) for p in parts if p.kind == INSERTED)
    return deleted, inserted
