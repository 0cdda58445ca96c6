"""What a study of a text hands the spell check: the lines it has nothing to flag in, read once, not twice."""

from __future__ import annotations

import pytest

from writer_app.grammar.engine import CheckConfig, iter_paragraphs
from writer_app.grammar.factory import build_checker
from writer_app.grammar.name_learning import adopt, study
from writer_app.grammar.spelling import line_key

# Our own lines: names used mid-sentence (learnt) and only at sentence starts, typos, loan words with accents,
# a character's dialect, a web address, a hyphenated compound, shouting and a line with no words at all.
TEXT = (
    "The ferry left late because Kestrith had lost the tickets again.\n"
    "Varnesse waited on the quay with Kestrith and the dog.\n"
    "Orlembe stood apart; nobody had asked Orlembe anything.\n"
    "Brunnow laughed at the gulls.\n"
    "She recieved the letter on a wet mornign in spring.\n"
    "“We is hinnet home,” said the boy. “Hinnet now, afore dark.”\n"
    "“You hinnet nowhere without supper,” said Kestrith.\n"
    "The café on the Rue Gênes served crêpes to Zdeněk and Varnesse.\n"
    "Write to ferry-tickets@example.org for the timetable, or see www.kestrith-lines.com today.\n"
    "It was a half-forgotten, semi-ruined pier-house of grey stone.\n"
    "STOP the boat, shouted the NAVVY from the quay.\n"
    "Hte lantern swung, and Teh dog barked twice.\n"
    "\n"
    "1842 - 1901\n"
    "The gwine in narration spoils nothing; frazzit is said once: “frazzit.”\n"
)


def _learnt(strict: bool = False, parts: bool = False):
    speller = build_checker(CheckConfig(strict_dialogue=strict)).speller
    assert speller is not None
    if parts:  # every line its own part, studied in reverse order
        runs, offset = [], 0
        for line in TEXT.splitlines(keepends=True):
            runs.append((offset, offset + len(line)))
            offset += len(line)
        adopt(speller, [study(speller, TEXT, start, end, verdicts=True) for start, end in reversed(runs)])
    else:
        speller.learn_names(TEXT)
    return speller


def _checks(speller) -> list[list[tuple[int, int, str, str]]]:
    return [
        [(issue.start, issue.end, issue.rule, issue.message) for issue in speller.check(line)]
        for _offset, line in iter_paragraphs(TEXT)
        if line.strip()
    ]


def test_the_lines_a_study_finds_clean_are_checked_with_exactly_the_same_results() -> None:
    speller = _learnt()
    lines = [line for line in TEXT.splitlines() if line.strip()]
    clean = {line for line in lines if line_key(line) in speller._clean}
    assert len(clean) == len(speller._clean)
    # Clean: every line but those with a typo; names learnt anywhere in the text count, loan words too.
    assert "Varnesse waited on the quay with Kestrith and the dog." in clean
    assert "Orlembe stood apart; nobody had asked Orlembe anything." in clean
    assert "The café on the Rue Gênes served crêpes to Zdeněk and Varnesse." in clean
    assert "She recieved the letter on a wet mornign in spring." not in clean
    assert "Hte lantern swung, and Teh dog barked twice." not in clean
    assert "Brunnow laughed at the gulls." not in clean  # a name never used mid-sentence: read when checked
    found = _checks(speller)
    speller._clean.clear()  # the same speller reading every line again
    assert _checks(speller) == found
    flagged = {line for line, issues in zip(lines, found, strict=True) if issues}
    assert flagged and flagged.isdisjoint(clean)
    fresh = build_checker(CheckConfig()).speller
    assert fresh is not None
    fresh.learn_names(TEXT)
    fresh._clean.clear()
    assert _checks(fresh) == found


@pytest.mark.parametrize("strict", [False, True])
def test_studying_in_parts_hands_over_the_same_clean_lines_and_results(strict: bool) -> None:
    whole, parts = _learnt(strict), _learnt(strict, parts=True)
    assert whole._clean == parts._clean
    assert bool(whole._clean) is not strict  # a strict check reads no dialogue, so no lines either
    assert _checks(whole) == _checks(parts)


def test_a_line_is_clean_only_once_its_rejected_words_are_names() -> None:
    speller = build_checker(CheckConfig()).speller
    assert speller is not None
    line = "Dunmarrow stood by the gate."
    speller.learn_names(line)
    assert line_key(line) not in speller._clean
    speller.learn_names("They met Dunmarrow at the gate.\n" + line)
    assert line_key(line) in speller._clean and speller.check(line) == []


# The name study's patterns as first written; the speller's are rewritten to scan faster and must match the same.
PLAIN_MID_SENTENCE_CAPITAL = r"(?<=[^\s.!?…:;\"“”‘'(\[{—–\-*_»«])\s+([A-Z][^\W\d_]*(?:['’][^\W\d_]+)*)"
PLAIN_AFTER_TITLE = r"\b(?:Mr|Mrs|Ms|Messrs|Dr|St|Capt|Col|Gen|Lt|Sgt|Prof|Rev|Sr|Jr|Mme|Mlle|M)\.\s+([A-Z][^\W\d_]*)"
PIECES = [
    "Mr", "Mrs", "Mme", "Mlle", "M", "Messrs", "St", "Sgt", "Dr", "Jr", "Col", "x", "é", "_", "1", ".", ". ", "  ",
    "Mr. Orlembe", "\n", "\r\n", "\t", "\u2028", "\u00a0", "“", "”", "‘", "’", "'", "—", "-", "(", "«", ":", "…", "!", "?",
    " Orlembe", " Kestrith’s", "Varnesse", " the", " Zdeněk", "O’Dell", " İzmir", " a", "b", "Ab",
]


def test_the_name_patterns_match_what_their_plain_forms_match() -> None:
    import random
    import re

    from writer_app.grammar.spelling import _AFTER_TITLE, _MID_SENTENCE_CAPITAL

    chance = random.Random(20_211)
    texts = [TEXT, TEXT.replace("\n", " "), "", " ", "Mr. Orlembe", "xMr. Orlembe", "é Mme.\tZola", "a\u2028B"]
    texts += ["".join(chance.choices(PIECES, k=chance.randint(1, 40))) for _ in range(4_000)]
    for fast, plain in ((_MID_SENTENCE_CAPITAL, PLAIN_MID_SENTENCE_CAPITAL), (_AFTER_TITLE, PLAIN_AFTER_TITLE)):
        slow = re.compile(plain)
        found = 0
        for text in texts:
            for start in {0, 1, len(text) // 2}:
                expected = [(m.span(), m.group(1)) for m in slow.finditer(text, start)]
                assert [(m.span(), m.group(1)) for m in fast.finditer(text, start)] == expected, (text, start)
                found += len(expected)
        assert found > 100  # (each pattern met often)


@pytest.mark.parametrize(
    "text",
    [
        "The blorrin was told of first.\n“Blorrin,” she said. “A blorrin!”\n“Blorrin again.”\n",
        "“A blorrin,” she said.\n“Blorrin again.”\nThe blorrin was told of last.\n",
        "“A blorrin,” she said. The blorrin came.\n“Blorrin again, blorrin.”\n",
    ],
)
def test_a_word_told_in_narration_anywhere_is_never_a_voice(text: str) -> None:
    speller = build_checker(CheckConfig()).speller
    assert speller is not None
    speller.learn_names(text)
    assert "blorrin" in speller._told and "blorrin" not in speller._voice
    spoken = build_checker(CheckConfig()).speller
    assert spoken is not None
    spoken.learn_names("“A blorrin,” she said.\n“Blorrin again.”\n")
    assert "blorrin" in spoken._voice  # (the same speeches without the narration make it a voice)


def test_the_clean_lines_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from writer_app.grammar import spelling

    monkeypatch.setattr(spelling, "_MAX_CLEAN_LINES", 3)
    speller = build_checker(CheckConfig()).speller
    assert speller is not None
    first = "The ferry left late that evening.\nThe dog slept on the quay.\n"
    speller.learn_names(first)
    speller.learn_names(first)  # the same lines again take no more room
    assert speller._clean == {line_key(line) for line in first.splitlines()}
    second = "The gulls circled over the harbour wall.\nRain fell on the slate roofs all night.\n"
    speller.learn_names(second)  # four lines are too many: the older ones go
    assert speller._clean == {line_key(line) for line in second.splitlines()}
    many = "".join(f"The dog slept on the quay {word}.\n" for word in ("again", "today", "once", "twice"))
    speller.learn_names(many)  # more lines than are ever kept: none of them
    assert not speller._clean
    assert speller.check("The dog slept on the quay.") == []


def test_a_line_is_known_by_a_digest_of_its_exact_text() -> None:
    lines = ["The dog slept.", "The dog slept. ", "the dog slept.", "The dóg slept.", "", "\ud800 lone surrogate"]
    keys = [line_key(line) for line in lines]
    assert len(set(keys)) == len(lines) and all(len(key) == 16 for key in keys)
    assert line_key("The dog slept.") == keys[0]
