"""The cast's name spellings as a checking engine: near-miss spellings of cast names become "names" issues."""

from __future__ import annotations

from writer_app.characters.consistency import NameSpeller
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue

RULES = {"spelling": "CAST_NAME_SPELLING", "possessive": "CAST_NAME_POSSESSIVE", "capital": "CAST_NAME_CAPITAL"}


class NameChecker:
    """Flags a cast name spelled or capitalised unlike the cast, with the cast spelling as the fix."""

    name = "names"

    def __init__(self, config: CheckConfig) -> None:
        self.config = config
        self.speller = NameSpeller(config.cast_names)
        # Words the writer accepted (project and personal dictionaries) are never a slip, whatever they resemble.
        self._accepted = config.known_words - config.cast_names

    def check(self, text: str) -> list[Issue]:
        """The name slips of one paragraph."""
        issues = []
        for slip in self.speller.check(text):
            if slip.found in self._accepted or slip.found.removesuffix("'s").removesuffix("’s") in self._accepted:
                continue
            issues.append(Issue(slip.start, slip.end, slip.found, slip.message, (slip.expected,), RULES[slip.kind],
                                Category.NAMES, self.name, fix_all_safe=True))
        return issues
