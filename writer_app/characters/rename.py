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
    body = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)".join(words)
    # The "no word character before" check comes after the first letter, so the regex engine can still jump
    # straight to that letter (a leading look-behind makes it try every position: 30 times slower on a novel).
    first = re.escape(name.split()[0][0])
    return re.compile(first + r"(?<!\w" + first + ")" + body[len(first):] + r"(?!\w)")


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


def check_new_name(cast: Cast, old: str, new: str) -> tuple[str, str]:
    """The two names cleaned; raises RenameError when they are empty, the same, or ``new`` is already in the cast."""
    old, new = check_names(old, new)
    owner = cast.owner_of(new) or cast.find(new)
    if owner is not None:
        where = "" if owner.name == new else f" (of {owner.name})"
        raise RenameError(f"{new} is already a name in the cast{where}; choose another name, or merge the "
                          "characters instead.")
    return old, new


def rename_in_words(words: Iterable[str], old: str, new: str) -> list[str]:
    """A word list with ``old`` renamed in every entry ("Marcus" and "Marcus's" become "Markus", "Markus's")."""
    old, new = check_names(old, new)
    pattern = _pattern(old)
    return list(dict.fromkeys(pattern.sub(lambda _match: new, word) for word in words))


@dataclass(frozen=True)
class ManuscriptRename:
    """Everything a rename changes: each chapter's changes (by chapter id), the cast after it, the word list."""

    old: str
    new: str
    chapters: tuple[tuple[str, ChapterChanges], ...]
    cast: Cast
    cast_changed: tuple[str, ...]
    word_list: tuple[str, ...]

    @property
    def total(self) -> int:
        """How many places of the prose change."""
        return sum(len(changes.changes) for _id, changes in self.chapters)


def plan_manuscript_rename(chapters: Iterable[tuple[str, str, str]], cast: Cast, word_list: Iterable[str],
                           old: str, new: str) -> ManuscriptRename:
    """Plan renaming ``old`` to ``new`` in (chapter id, title, text) chapters, a copy of the cast and the word list.

    Nothing is changed; raises RenameError (one sentence) when the names are empty or the same, when ``new`` is
    already in the cast, or when ``old`` appears neither in the text nor in the cast.
    """
    old, new = check_new_name(cast, old, new)
    planned = []
    for chapter_id, title, text in chapters:
        found = plan_rename([(title, text)], old, new)
        if found:
            planned.append((chapter_id, found[0]))
    renamed_cast = Cast.from_dicts(cast.to_dicts())
    changed = rename_in_cast(renamed_cast, old, new)
    if not planned and not changed:
        raise RenameError(f"{old} does not appear in the text or in the cast.")
    return ManuscriptRename(old, new, tuple(planned), renamed_cast, tuple(changed),
                            tuple(rename_in_words(word_list, old, new)))
