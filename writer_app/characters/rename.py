"""Rename a character everywhere: every place the prose writes the old name, and the cast's names and aliases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from writer_app.characters.cast import Cast, clean_name
from writer_app.errors import WriterAppError

CONTEXT = 30  # characters shown on each side of a change in a preview


class RenameError(WriterAppError):
    """A rename that cannot be done (empty or identical names, a name the text and the cast never use)."""


@dataclass(frozen=True)
class Change:
    """One place to change: code-point span in the chapter text, the text found there and what replaces it."""

    start: int
    end: int
    found: str
    replacement: str
    line: int  # 1-based line of the chapter file

    def preview(self, text: str) -> tuple[str, str]:
        """The words around the change, before and after it, on one line each."""
        left = text[max(0, self.start - CONTEXT):self.start].split("\n")[-1]
        right = text[self.end:self.end + CONTEXT].split("\n")[0]
        return f"…{left}{self.found}{right}…", f"…{left}{self.replacement}{right}…"


@dataclass(frozen=True)
class ChapterChanges:
    """The changes in one chapter, in text order."""

    chapter: str  # the chapter's title (or label)
    text: str
    changes: tuple[Change, ...]

    def renamed(self) -> str:
        """The chapter text with every change made."""
        parts, last = [], 0
        for change in self.changes:
            parts.append(self.text[last:change.start])
            parts.append(change.replacement)
            last = change.end
        parts.append(self.text[last:])
        return "".join(parts)


def _pattern(name: str) -> re.Pattern[str]:
    """``name`` as written (any spacing inside, one line break at most), not inside a longer word."""
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<![\w])" + r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)".join(words) + r"(?!\w)")


def check_names(old: str, new: str) -> tuple[str, str]:
    """The two names cleaned; raises RenameError when they are empty or the same."""
    old, new = clean_name(old), clean_name(new)
    if not old or not new:
        raise RenameError("Both the old and the new name are needed to rename a character.")
    if old == new:
        raise RenameError(f"The new name is the same as the old one ({old}).")
    return old, new


def plan_rename(chapters: Iterable[tuple[str, str]], old: str, new: str) -> list[ChapterChanges]:
    """Where ``old`` is written in each (title, text) chapter, as written or in capitals ("MARCUS" shouted).

    Only chapters with changes are returned. Possessives follow ("Marcus's" becomes "Markus's"); the name
    inside a longer word ("Marcusson") or in lowercase is left alone.
    """
    old, new = check_names(old, new)
    patterns = [(_pattern(old), new)]
    if old.upper() != old:
        patterns.append((_pattern(old.upper()), new.upper()))
    planned = []
    for title, text in chapters:
        found = []
        for pattern, replacement in patterns:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(Change(match.start(), match.end(), match.group(), replacement, line))
        if found:
            found.sort(key=lambda change: change.start)
            planned.append(ChapterChanges(title, text, tuple(found)))
    return planned


def rename_in_cast(cast: Cast, old: str, new: str) -> list[str]:
    """Rename ``old`` in every name and alias of the cast ("Marcus Tate" too); returns the characters changed.

    Raises RenameError when the new name would give one character the name of another.
    """
    old, new = check_names(old, new)
    pattern = _pattern(old)
    changed = []
    for character in cast:
        name = pattern.sub(lambda _match: new, character.name)
        if name != character.name:
            other = cast.find(name)
            if other is not None and other is not character:
                raise RenameError(f"{name} is already another character in the cast; merge them instead.")
        aliases = [pattern.sub(lambda _match: new, alias) for alias in character.aliases]
        if name != character.name or aliases != character.aliases:
            character.name = name
            character.aliases = [a for a in dict.fromkeys(aliases) if a != name]
            changed.append(name)
    return changed
