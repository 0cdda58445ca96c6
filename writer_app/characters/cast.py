"""The cast of a manuscript: characters with a name, aliases, a colour and notes, stored in project.json."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

# Distinct, readable colours given to characters that have none yet (highlight backgrounds, chart rows).
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#e377c2", "#8c564b", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a",
)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_WORD_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def clean_name(text: str) -> str:
    """Collapse runs of whitespace and trim; an all-blank name becomes ``""``."""
    return " ".join(str(text).split())


@dataclass
class Character:
    """One person of the story: the name shown, other names the prose uses, a colour and free notes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    color: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        self.name = clean_name(self.name)
        seen = {self.name}
        aliases: list[str] = []
        for alias in self.aliases:
            alias = clean_name(alias)
            if alias and alias not in seen:
                seen.add(alias)
                aliases.append(alias)
        self.aliases = aliases
        if self.color and not _COLOR.match(self.color):
            log.warning("ignoring invalid colour %r for %s", self.color, self.name)
            self.color = ""

    def forms(self) -> list[str]:
        """The name and aliases, non-empty and without repeats: every spelling that counts as a mention."""
        return [form for form in (self.name, *self.aliases) if form]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form stored in project.json's ``cast`` list."""
        return {"name": self.name, "aliases": list(self.aliases), "color": self.color, "notes": self.notes}

    @classmethod
    def from_dict(cls, data: object) -> Character | None:
        """Read one stored entry; returns None (logged) for an entry without any usable name."""
        if not isinstance(data, dict):
            log.warning("ignoring cast entry that is not an object: %r", data)
            return None
        raw_aliases = data.get("aliases") or []
        if not isinstance(raw_aliases, list):
            raw_aliases = [raw_aliases]
        aliases = [clean_name(a) for a in raw_aliases if isinstance(a, str) and clean_name(a)]
        name = clean_name(data.get("name") or "") if isinstance(data.get("name", ""), str) else ""
        if not name:
            if not aliases:
                log.warning("ignoring cast entry without a name: %r", data)
                return None
            name = aliases.pop(0)
        color = data.get("color") if isinstance(data.get("color"), str) else ""
        notes = data.get("notes") if isinstance(data.get("notes"), str) else ""
        return cls(name=name, aliases=aliases, color=color or "", notes=notes or "")


class Cast:
    """The ordered list of characters of one project, with unique names."""

    def __init__(self, characters: Iterable[Character] = ()) -> None:
        self.characters: list[Character] = []
        for character in characters:
            self.add(character)

    # -- reading and saving ----------------------------------------------------------------------------
    @classmethod
    def from_dicts(cls, entries: Iterable[object]) -> Cast:
        """Build a cast from raw project.json entries, skipping unusable ones and merging repeated names."""
        cast = cls()
        by_key: dict[str, Character] = {}  # a cast of thousands loads in one pass, not one search per entry
        for entry in entries or ():
            character = Character.from_dict(entry)
            if character is None:
                continue
            existing = by_key.get(character.name.casefold())
            if existing is not None:
                log.warning("merging repeated cast entry %r", character.name)
                cast.merge(existing, [character], remove=False)
            else:
                by_key[character.name.casefold()] = character
                cast.characters.append(character)
        used = {c.color.lower() for c in cast.characters if c.color}
        free = [color for color in PALETTE if color not in used]
        for n, character in enumerate(c for c in cast.characters if not c.color):
            character.color = free[n] if n < len(free) else PALETTE[(len(used) + n) % len(PALETTE)]
        return cast

    @classmethod
    def from_project(cls, project: Any) -> Cast:
        """The cast stored in ``project.cast``."""
        return cls.from_dicts(getattr(project, "cast", None) or [])

    def to_dicts(self) -> list[dict[str, Any]]:
        """The JSON list for project.json."""
        return [character.to_dict() for character in self.characters]

    def save_to(self, project: Any) -> None:
        """Store the cast in ``project.cast`` and write the manifest."""
        project.cast = self.to_dicts()
        project.save_manifest()

    # -- queries ---------------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Character]:
        return iter(self.characters)

    def __len__(self) -> int:
        return len(self.characters)

    def find(self, name: str) -> Character | None:
        """The character whose name is ``name`` (ignoring case and spacing), or None."""
        key = clean_name(name).casefold()
        for character in self.characters:
            if character.name.casefold() == key:
                return character
        return None

    def owner_of(self, form: str) -> Character | None:
        """The character with ``form`` as its name or an alias (exact spelling), or None."""
        form = clean_name(form)
        for character in self.characters:
            if form in character.forms():
                return character
        return None

    def all_names(self) -> set[str]:
        """Every name and alias plus their word parts ("Mr. Darcy" gives "Darcy"), for the speller."""
        words: set[str] = set()
        for character in self.characters:
            for form in character.forms():
                words.add(form)
                for match in _WORD_PART.finditer(form):
                    part = match.group()
                    words.add(part)
                    for suffix in ("'s", "’s"):
                        if part.endswith(suffix):
                            words.add(part[: -len(suffix)])
        return words

    # -- editing ---------------------------------------------------------------------------------------
    def next_color(self) -> str:
        """A palette colour not used yet (cycling when all are taken)."""
        used = {c.color.lower() for c in self.characters}
        for color in PALETTE:
            if color not in used:
                return color
        return PALETTE[len(self.characters) % len(PALETTE)]

    def add(self, character: Character) -> Character:
        """Append a character (an empty name is refused; a missing colour is assigned)."""
        if not character.name:
            raise ValueError("a character needs a name")
        if self.find(character.name) is not None:
            raise ValueError(f"{character.name} is already in the cast")
        if not character.color:
            character.color = self.next_color()
        self.characters.append(character)
        return character

    def remove(self, character: Character) -> None:
        """Delete a character from the cast."""
        self.characters = [c for c in self.characters if c is not character]

    def merge(self, target: Character, others: Iterable[Character], remove: bool = True) -> Character:
        """Fold the names, aliases and notes of ``others`` into ``target`` and (by default) drop them."""
        for other in others:
            if other is target:
                continue
            forms = [f for f in other.forms() if f != target.name and f not in target.aliases]
            target.aliases.extend(forms)
            if other.notes and other.notes not in target.notes:
                target.notes = f"{target.notes}\n\n{other.notes}".strip()
            if remove:
                self.remove(other)
        return target

    def split(self, character: Character) -> list[Character]:
        """Give each alias of ``character`` an entry of its own; returns the new characters.

        The character keeps its name, colour and notes; an alias that is already another character's name is
        dropped. Raises ValueError when the character has no aliases to split off.
        """
        if not character.aliases:
            raise ValueError(f"{character.name} has no other names to split off")
        aliases, character.aliases = character.aliases, []
        created = []
        for alias in aliases:
            if self.find(alias) is None:
                created.append(self.add(Character(alias)))
        return created
