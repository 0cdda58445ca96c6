"""Issues of the open chapter at absolute Qt positions: lookups, listing, and applying fixes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCursor

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.revisions import ParagraphRecord, ParagraphTracker
from writer_app.ui.checking.spans import IssueSpan


@dataclass(frozen=True, slots=True)
class LiveIssue:
    """An issue of the open chapter with its absolute Qt position."""

    position: int
    length: int
    block_number: int
    record_id: int
    span: IssueSpan

    @property
    def issue(self) -> Issue:
        """The checker's issue."""
        return self.span.issue


def passes(span: IssueSpan, config: CheckConfig) -> bool:
    """Whether the issue at ``span`` survives the writer's ignore lists and dictionaries in ``config``."""
    issue = span.issue
    if issue.rule and issue.rule in config.ignored_rules:
        return False
    if (issue.rule, issue.text) in config.ignored_texts:
        return False
    if config.ignored_spots and (issue.rule, issue.text, span.spot) in config.ignored_spots:
        return False
    return not (issue.category is Category.SPELLING and issue.text in config.known_words)


def collect_live_issues(tracker: ParagraphTracker) -> list[LiveIssue]:
    """Every shown issue of the tracked document, in text order."""
    records = [r for r in tracker.records.values() if r.spans]
    found: list[LiveIssue] = []
    for record in sorted(records, key=lambda r: r.hint):
        block = tracker.find_block(record)
        if block is None:
            continue
        position = block.position()
        number = block.blockNumber()
        for span in record.spans:
            found.append(LiveIssue(position + span.start, span.end - span.start, number, record.id, span))
    found.sort(key=lambda item: item.position)
    return found


def paragraph_at(tracker: ParagraphTracker, position: int) -> tuple[QTextBlock, ParagraphRecord | None] | None:
    """The block under Qt ``position`` and its record (None if it has none yet); None outside the document."""
    document = tracker.document
    if document is None:
        return None
    block = document.findBlock(position)
    if not block.isValid():
        return None
    return block, tracker.peek(block)


def issue_at(tracker: ParagraphTracker, position: int) -> LiveIssue | None:
    """The issue under Qt ``position`` (the shortest if several overlap)."""
    found = paragraph_at(tracker, position)
    if found is None:
        return None
    block, record = found
    if record is None or not record.spans:
        return None
    offset = position - block.position()
    hits = [s for s in record.spans if s.start <= offset <= s.end and s.end > s.start]
    if not hits:
        return None
    span = min(hits, key=lambda s: s.end - s.start)
    return LiveIssue(block.position() + span.start, span.end - span.start, block.blockNumber(), record.id, span)


def apply_fixes(editor: object, fixes: list[tuple[LiveIssue, str]]) -> int:
    """Replace flagged texts as ONE undoable edit made with the editor's own cursor; skips changed text.

    The edit block starts where undo should bring the writer back: the fixed word for a single fix, the
    writer's own place for several. Fixes go last first, so earlier positions stay right.
    """
    if not fixes:
        return 0
    cursor = editor.textCursor()  # type: ignore[attr-defined]
    single = len(fixes) == 1
    if single:
        cursor.setPosition(fixes[0][0].position)
    applied = 0
    last_end = -1
    cursor.beginEditBlock()
    try:
        for live, replacement in sorted(fixes, key=lambda f: f[0].position, reverse=True):
            cursor.setPosition(live.position)
            cursor.setPosition(live.position + live.length, QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() != live.issue.text:
                continue
            cursor.insertText(replacement)
            last_end = cursor.position()
            applied += 1
    finally:
        cursor.endEditBlock()
    if single and applied:
        cursor.setPosition(last_end)
        editor.setTextCursor(cursor)  # type: ignore[attr-defined]  # the writer's cursor rests after the fix
    return applied
