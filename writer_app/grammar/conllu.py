"""Read CoNLL-U treebank files (Universal Dependencies) as sentences of (form, Penn tag, lemma)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

Row = tuple[str, str, str]


def read_conllu(path: Path, join_hyphens: bool = False) -> Iterator[list[Row]]:
    """Yield each sentence's words as (form, Penn tag, lemma), multi-word token lines skipped.

    With ``join_hyphens``, a hyphen written without spaces between two words is joined with them into one
    word ("well-known") tagged as its last part, the way the app's tokenizer reads it.
    """
    rows: list[tuple[str, str, str, bool]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield _joined(rows) if join_hyphens else [row[:3] for row in rows]
                rows = []
                continue
            if line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 10 or not cells[0].isdigit():
                continue  # multi-word token ranges ("3-4") and empty nodes ("3.1")
            rows.append((cells[1], cells[4], cells[2], "SpaceAfter=No" not in cells[9]))
    if rows:
        yield _joined(rows) if join_hyphens else [row[:3] for row in rows]


def _joined(rows: list[tuple[str, str, str, bool]]) -> list[Row]:
    """Join "word - word" written without spaces into one hyphenated word."""
    out: list[list[str]] = []
    glue = False
    previous_space = True
    for form, tag, lemma, space_after in rows:
        if glue and out:
            out[-1][0] += form
            if form != "-":
                out[-1][1], out[-1][2] = tag, out[-1][0] if tag.startswith("NNP") else out[-1][0].lower()
            glue = form == "-" and not space_after
        elif (
            form == "-"
            and not previous_space
            and not space_after
            and out
            and out[-1][0][-1:].isalnum()
        ):
            out[-1][0] += form
            glue = True
        else:
            out.append([form, tag, lemma])
            glue = False
        previous_space = space_after
    return [(form, tag, lemma) for form, tag, lemma in out]
