"""Per-paragraph revisions of the open chapter, kept in sync with the editor's document.

Every block gets an id (stored in ``QTextBlock.userState``) and a :class:`ParagraphRecord` holding its
revision, the issues of the last checked revision (UTF-16 spans relative to the block), and what is in flight.
``QTextDocument.contentsChange`` bumps the revision of the touched blocks and shifts or drops their spans, so
underlines stay put while a fresh check runs. Edits that touch very many blocks (a chapter load, a huge paste)
are not walked: the records are marked unverified and re-verified lazily by text key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtGui import QTextBlock, QTextDocument

from writer_app.ui.checking.spans import IssueSpan, text_key

# An edit spanning more blocks than this is handled lazily (records re-verified by text) instead of walked.
LARGE_EDIT_BLOCKS = 400


class ParagraphRecord:
    """What the checker knows about one paragraph of the open chapter."""

    __slots__ = ("id", "revision", "checked", "spans", "key", "hint", "in_flight", "verified")

    def __init__(self, record_id: int, hint: int, verified: int) -> None:
        self.id = record_id
        self.revision = 1
        self.checked = -1  # the revision ``spans`` belong to; -1: never checked
        self.spans: tuple[IssueSpan, ...] = ()
        self.key: tuple[int, int] | None = None  # text key of the checked text
        self.hint = hint  # last known block number
        self.in_flight = -1  # revision currently being checked
        self.verified = verified  # tracker generation in which key/revision were last known to match

    @property
    def up_to_date(self) -> bool:
        """True when ``spans`` are the issues of the current revision."""
        return self.checked == self.revision


class Edit(NamedTuple):
    """What one ``contentsChange`` did: touched records (None: a large edit), first block, spans moved."""

    touched: list[ParagraphRecord] | None
    first_block: int
    spans_changed: bool


class ParagraphTracker:
    """Assign ids to blocks, keep their records, and follow edits of one document."""

    def __init__(self, document: QTextDocument | None = None) -> None:
        self.document = document
        self.records: dict[int, ParagraphRecord] = {}
        self.generation = 0  # bumped by large edits: records from older generations need re-verifying
        self._next_id = 1

    def reset(self, document: QTextDocument | None) -> None:
        """Forget everything and follow ``document`` (a chapter was opened or closed)."""
        self.document = document
        self.records.clear()
        self.generation += 1

    def record(self, block: QTextBlock, number: int = -1) -> ParagraphRecord:
        """The record of ``block`` (block number ``number`` if known), created when the block has none."""
        record = self.records.get(block.userState())
        if record is None:
            record = self._new_record(block, number)
        else:
            record.hint = number if number >= 0 else block.blockNumber()
        return record

    def peek(self, block: QTextBlock) -> ParagraphRecord | None:
        """The record of ``block`` if it has one (never creates)."""
        return self.records.get(block.userState())

    def _new_record(self, block: QTextBlock, number: int = -1) -> ParagraphRecord:
        record_id = self._next_id
        self._next_id += 1
        block.setUserState(record_id)
        record = ParagraphRecord(record_id, number if number >= 0 else block.blockNumber(), self.generation)
        self.records[record_id] = record
        return record

    def verify(self, block: QTextBlock, record: ParagraphRecord, text: str | None = None) -> str:
        """Make sure ``record`` describes ``block``'s current text after a large edit; returns the text."""
        if text is None:
            text = block.text()
        if record.verified != self.generation:
            record.verified = self.generation
            if record.key is not None and record.key != text_key(text):
                record.revision += 1
                record.spans = ()
                record.key = None
        return text

    def on_contents_change(self, position: int, removed: int, added: int) -> Edit:
        """Follow one edit: bump the touched blocks' revisions and move or drop their spans."""
        document = self.document
        if document is None:
            return Edit(None, 0, False)
        first = document.findBlock(position)
        if not first.isValid():
            first = document.lastBlock()
        first_number = first.blockNumber()
        if added <= 1 and removed <= 1 and (added == 0 or document.characterAt(position) != "\u2029"):
            last, last_number = first, first_number  # typing: one block, no lookups
        else:
            last = document.findBlock(position + added)
            if not last.isValid():
                last = document.lastBlock()
            last_number = last.blockNumber()
        span_blocks = last_number - first_number
        if span_blocks > LARGE_EDIT_BLOCKS:
            self.generation += 1
            for record in self.records.values():
                record.in_flight = -1
            return Edit(None, first_number, True)
        touched: list[ParagraphRecord] = []
        seen: set[int] = set()
        block = first
        number = first_number
        relative = position - first.position()
        spans_changed = False
        while True:
            record = self.records.get(block.userState())
            if record is None or record.id in seen:  # Qt can copy or drop userState when blocks split/merge
                record = self._new_record(block, number)
            else:
                record.hint = number
            seen.add(record.id)
            record.revision += 1
            before = record.spans
            if span_blocks == 0:
                record.spans = _shift_spans(before, relative, removed, added)
            elif number == first_number:
                record.spans = tuple(s for s in before if s.end < relative)
            else:
                record.spans = ()
            spans_changed = spans_changed or len(before) != len(record.spans)
            touched.append(record)
            if number >= last_number:
                break
            block = block.next()
            number += 1
            if not block.isValid():
                break
        return Edit(touched, first_number, spans_changed)

    def find_block(self, record: ParagraphRecord) -> QTextBlock | None:
        """The block a record belongs to (by its hint, else by a scan that also refreshes every hint)."""
        document = self.document
        if document is None:
            return None
        block = document.findBlockByNumber(record.hint)
        if block.isValid() and block.userState() == record.id:
            return block
        self.refresh_hints()
        block = document.findBlockByNumber(record.hint)
        if block.isValid() and block.userState() == record.id:
            return block
        return None

    def collect_orphans(self) -> int:
        """Drop records whose block was deleted; returns how many went."""
        if self.document is None:
            return 0
        alive: set[int] = set()
        block = self.document.firstBlock()
        number = 0
        records = self.records
        while block.isValid():
            state = block.userState()
            record = records.get(state)
            if record is not None:
                alive.add(state)
                record.hint = number
            number += 1
            block = block.next()
        dead = [key for key in records if key not in alive]
        for key in dead:
            del records[key]
        return len(dead)

    def refresh_hints(self) -> None:
        """Walk the document once and store every record's block number."""
        if self.document is None:
            return
        records = self.records
        block = self.document.firstBlock()
        number = 0
        while block.isValid():
            record = records.get(block.userState())
            if record is not None:
                record.hint = number
            number += 1
            block = block.next()

    def blocks(self) -> Iterator[QTextBlock]:
        """Every block of the document in order."""
        if self.document is None:
            return
        block = self.document.firstBlock()
        while block.isValid():
            yield block
            block = block.next()


def _shift_spans(spans: tuple[IssueSpan, ...], at: int, removed: int, added: int) -> tuple[IssueSpan, ...]:
    """Keep spans clear of an edit inside one block: before it unchanged, after it shifted, touching dropped."""
    if not spans:
        return spans
    delta = added - removed
    edit_end = at + removed
    kept: list[IssueSpan] = []
    for span in spans:
        if span.end < at:
            kept.append(span)
        elif span.start > edit_end:
            kept.append(span.shifted(delta))
    return tuple(kept)
