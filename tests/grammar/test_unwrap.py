"""Hard-wrapped paragraphs are checked joined, and issues come back at the offsets of the text as written."""

from __future__ import annotations

from writer_app.grammar.model import Category, Issue
from writer_app.grammar.unwrap import unwrap

WRAPPED = (
    "The ferry left the harbour an hour late, and by the time it cleared the\n"
    "breakwater the wind had turned against it, so that every passenger on the\n"
    "open deck was soaked before the lighthouse had dropped out of sight.\n"
)


def _issue(text: str, start: int, end: int) -> Issue:
    return Issue(start, end, text[start:end], "a message", (), "TEST_RULE", Category.GRAMMAR)


def test_a_wrapped_paragraph_becomes_one_line_and_keeps_its_own_ending():
    unwrapped = unwrap(WRAPPED)
    assert unwrapped.changed
    assert unwrapped.text.count("\n") == 1 and unwrapped.text.endswith("sight.\n")
    assert "the\nbreakwater" not in unwrapped.text and "the breakwater" in unwrapped.text


def test_every_kept_character_maps_back_to_itself():
    text = WRAPPED + "\n" + WRAPPED.replace("\n", "   \r\n")  # trailing blanks, Windows endings
    unwrapped = unwrap(text)
    for start, original, length in unwrapped.pieces:
        assert unwrapped.text[start : start + length] == text[original : original + length]


def test_issues_return_to_the_written_offsets_even_across_a_line_break():
    unwrapped = unwrap(WRAPPED)
    joined = unwrapped.text
    inside = joined.index("passenger")
    across = joined.index("the breakwater")
    restored = unwrapped.restore([_issue(joined, inside, inside + 9), _issue(joined, across, across + 14)])
    assert WRAPPED[restored[0].start : restored[0].end] == "passenger"
    assert WRAPPED[restored[1].start : restored[1].end] == "the\nbreakwater"


def test_a_joining_space_stands_for_the_line_break_it_replaced():
    unwrapped = unwrap(WRAPPED)
    space = unwrapped.text.index(" breakwater")
    before, after = unwrapped.restore([_issue(unwrapped.text, space - 3, space + 1), _issue(unwrapped.text, space, space + 1)])
    assert WRAPPED[before.start : before.end] == "the\n"
    assert WRAPPED[after.start : after.end] == "\n"


def test_a_writers_one_line_paragraphs_are_left_exactly_as_they_are():
    text = (
        "She knocked twice.\n\nNobody came, so she let herself in and put the kettle on.\nThe end.\n"
        "“Where were you all of last night?” she asked him, very quietly.\n"
        "“Out,” he said, and he would not look at her for a long while.\n“Out where?”\n"
    )
    unwrapped = unwrap(text)
    assert not unwrapped.changed and unwrapped.text is text
    issues = [_issue(text, 4, 11)]
    assert unwrapped.restore(issues) is issues


def test_verse_with_capitals_after_unstopped_lines_is_not_joined():
    verse = (
        "Over the marshes the evening comes down soft and grey and slow\n"
        "And the herons lift from the water where the low reeds bend and go\n"
        "Back to the nests that their mothers built in a summer long ago\n"
    )
    assert not unwrap(verse).changed


def test_wrapped_prose_that_breaks_before_names_is_joined():
    text = (
        "By the time the rain stopped, the whole village had heard that old Mrs\n"
        "Fairweather had left her cottage to the grocer's boy and not to Daniel\n"
        "Fairweather, who had come all the way from the city to be nice to her\n"
        "every summer since the war and had never once forgotten her birthday.\n"
    )
    assert unwrap(text).text.count("\n") == 1


def test_indented_lines_are_left_alone():
    text = (
        "    Around the green and down the lane, and over the stile we go,\n"
        "    singing a song that the miller taught us a long, long time ago,\n"
    )
    assert not unwrap(text).changed


def test_ragged_lines_and_lists_are_not_joined():
    ragged = "Shopping for the journey north:\nbread\ncheese and apples for the train\n"
    listed = (
        "- a lantern with enough oil in it to last through the longest night\n"
        "- two blankets, the thick wool ones from the chest in the spare room\n"
    )
    assert not unwrap(ragged).changed
    assert not unwrap(listed).changed


def test_only_the_wrapped_block_of_a_mixed_text_is_joined():
    text = "CHAPTER ONE\n\n" + WRAPPED + "\n“Stop,” she said.\n"
    unwrapped = unwrap(text)
    assert unwrapped.text.startswith("CHAPTER ONE\n\n") and unwrapped.text.endswith("\n\n“Stop,” she said.\n")
    assert unwrapped.text.count("\n") == text.count("\n") - 2


def _places(unwrapped, size: int) -> list[int]:
    """Where every offset of the joined text (and its end) goes back to in the text as written."""
    issues = [_issue(unwrapped.text, offset, offset) for offset in range(size + 1)]
    return [issue.start for issue in unwrapped.restore(issues)]


MIXED = (
    WRAPPED
    + "\n"
    + "A line of its own.\n"
    + " \t\r\n"  # a blank line with spaces and a Windows ending
    + WRAPPED.replace("\n", "\r\n")
    + "\n\n"
    + "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\n"
    + "\n"
    + WRAPPED
)


def test_runs_cut_after_blank_lines_unwrap_alone_to_the_whole_texts_unwrapping():
    from writer_app.grammar.unwrap import block_runs, join_parts

    text = MIXED * 5
    whole = unwrap(text)
    for count in (2, 3, 8, 40):
        runs = block_runs(text, count)
        assert runs[0][0] == 0 and runs[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
        assert all(text[start:end].splitlines(keepends=True)[-1].isspace() for start, end in runs[:-1])  # a blank line
        assert 1 < len(runs) <= count
        joined = join_parts(text, [(start, end, unwrap(text[start:end]).pieces) for start, end in runs])
        assert joined.text == whole.text
        assert _places(joined, len(whole.text)) == _places(whole, len(whole.text))
        assert _merged(joined.pieces) == _merged(whole.pieces)


def _merged(pieces: tuple[tuple[int, int, int], ...]) -> list[tuple[int, int, int]]:
    """The pieces with every piece that goes straight on from the one before (in both texts) made one."""
    out: list[tuple[int, int, int]] = []
    for place, written, length in pieces:
        if out and out[-1][0] + out[-1][2] == place and out[-1][1] + out[-1][2] == written:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + length)
        else:
            out.append((place, written, length))
    return out


def test_a_text_without_blank_lines_is_one_run_and_unchanged_parts_stay_unchanged():
    from writer_app.grammar.unwrap import block_runs, join_parts

    assert block_runs(WRAPPED * 3, 4) == [(0, len(WRAPPED) * 3)]
    plain = "One line.\n\nAnother line.\n\nA third.\n"
    runs = block_runs(plain, 2)
    assert len(runs) == 2
    joined = join_parts(plain, [(start, end, unwrap(plain[start:end]).pieces) for start, end in runs])
    assert not joined.changed and joined.text == plain
