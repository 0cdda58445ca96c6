"""The value types every checker produces: categories and issues."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Category(StrEnum):
    """What kind of slip an issue is; drives underline colour, filters and panel groups."""

    SPELLING = "spelling"
    NAMES = "names"  # a cast name spelled or capitalised unlike the cast
    GRAMMAR = "grammar"
    WORD_CHOICE = "word_choice"
    PUNCTUATION = "punctuation"
    TYPOGRAPHY = "typography"
    STYLE = "style"

    @property
    def label(self) -> str:
        """Human-readable name for menus and panels."""
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Issue:
    """One flagged span of text.

    ``start``/``end`` are code-point offsets into the text that was checked (a paragraph in the editor,
    the whole file on the command line). ``text`` is ``checked_text[start:end]``.
    """

    start: int
    end: int
    text: str
    message: str
    replacements: tuple[str, ...] = ()
    rule: str = ""
    category: Category = Category.GRAMMAR
    source: str = "builtin"
    # Rules whose fix is unambiguous may be applied everywhere at once ("Fix all like this").
    fix_all_safe: bool = field(default=False, compare=False)

    def shifted(self, offset: int) -> Issue:
        """Return the same issue moved by ``offset`` code points (paragraph -> document offsets)."""
        return replace(self, start=self.start + offset, end=self.end + offset)

    def moved_to(self, start: int, end: int) -> Issue:
        """Return the same issue at ``[start, end)`` (itself when it is already there)."""
        return self if (start, end) == (self.start, self.end) else replace(self, start=start, end=end)

    def to_json(self) -> dict[str, object]:
        """Plain-data form used by the command line's JSON output."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "replacements": list(self.replacements),
            "rule": self.rule,
            "category": self.category.value,
            "source": self.source,
        }
