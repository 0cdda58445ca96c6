"""Mention counting: aliases, possessives, longest match, everyday-word names, odd names, scale."""

from __future__ import annotations

import time

from writer_app.characters.cast import Character
from writer_app.characters.mentions import MentionIndex, MentionMatcher, utf16_spans


def spelled(matcher: MentionMatcher, text: str) -> list[tuple[str, str]]:
    return [(matcher.names[m.character], text[m.start : m.end]) for m in matcher.find(text)]


def test_aliases_and_possessives_count_for_their_character() -> None:
    matcher = MentionMatcher([Character("Damon Reyes", ["Damon"])])
    text = "Damon's truck. Damon’s dog. Damon Reyes waved. Damonic and xDamon are not him."
    assert spelled(matcher, text) == [("Damon Reyes", "Damon"), ("Damon Reyes", "Damon"),
                                      ("Damon Reyes", "Damon Reyes")]


def test_longer_alias_wins_over_a_shorter_one_inside_it() -> None:
    matcher = MentionMatcher([
        Character("Lady Catherine", ["Lady Catherine de Bourgh"]),
        Character("Kitty", ["Catherine"]),
        Character("Mr. Darcy", ["Darcy"]),
    ])
    text = "Lady Catherine de Bourgh and Lady Catherine saw Catherine. Mr. Darcy bowed; Darcy left."
    assert spelled(matcher, text) == [
        ("Lady Catherine", "Lady Catherine de Bourgh"), ("Lady Catherine", "Lady Catherine"),
        ("Kitty", "Catherine"), ("Mr. Darcy", "Mr. Darcy"), ("Mr. Darcy", "Darcy"),
    ]


def test_names_are_matched_as_written_and_across_a_line_break() -> None:
    matcher = MentionMatcher([Character("Mr. Darcy"), Character("Elena")])
    text = "elena and ELENA do not count; Elena does. Then Mr.\nDarcy came."
    assert spelled(matcher, text) == [("Elena", "Elena"), ("Mr. Darcy", "Mr.\nDarcy")]


def test_everyday_word_names_skip_sentence_starts_unless_a_verb_follows() -> None:
    matcher = MentionMatcher([Character("Will"), Character("Hope"), Character("Rose")])
    text = (
        "Will you come? I will. \"Stop!\" Will said. Hope springs eternal. I saw Hope at noon. "
        "Rose petals fell; a rose. Rose's hat. \"Go,\" said Rose.\n\nWill nodded."
    )
    assert [name for name, _ in spelled(matcher, text)] == ["Will", "Hope", "Rose", "Rose", "Will"]


def test_ordinary_names_count_at_sentence_starts_too() -> None:
    matcher = MentionMatcher([Character("Elena")])
    assert len(matcher.find("Elena ran. Elena? \"Elena!\"")) == 3


def test_regex_metacharacters_in_names_are_taken_literally() -> None:
    matcher = MentionMatcher([Character("Dr. (Who)", ["A.J.", "C++ Kid", "[Bracket]*"])])
    text = "Dr. (Who) met A.J. and the C++ Kid and [Bracket]*. Dr Who, AxJx and Cpp Kid do not count."
    assert [text[m.start : m.end] for m in matcher.find(text)] == ["Dr. (Who)", "A.J.", "C++ Kid", "[Bracket]*"]


def test_empty_blank_and_punctuation_only_names_are_ignored() -> None:
    matcher = MentionMatcher([("", ["", "   "]), ("Jess", ["", "...", "—"])])
    assert spelled(matcher, "Jess and   everyone... — fine") == [("Jess", "Jess")]
    assert MentionMatcher([]).find("anything") == []


def test_hundreds_of_aliases_match_quickly_with_sensible_counts() -> None:
    aliases = [f"Agent {n:03d}" for n in range(600)] + ["Agent"]
    matcher = MentionMatcher([Character("The Agency", aliases), Character("Mole", ["Agent 999x"])])
    text = ("Agent 007 met Agent 123, then Agent arrived. " * 2000)
    assert matcher.count(text) == [6000, 0]
    # Linear in the text: four times the text costs about four times as much (a blow-up costs far more).
    short, long = _best_time(matcher.count, text), _best_time(matcher.count, text * 4)
    assert long <= 8 * short + 0.05, (short, long)


def _best_time(function, *args) -> float:
    """Best of three runs, in seconds (steadier than one under load)."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def test_index_counts_per_chapter_and_in_total_and_updates_one_chapter() -> None:
    index = MentionIndex.build(
        [Character("Elena", ["Lena"]), Character("Damon")],
        [("c1", "Elena met Damon. Lena laughed."), ("c2", "Nobody here."), ("c3", "Damon, Damon.")],
    )
    assert index.totals() == {"Elena": 2, "Damon": 3}
    assert index.by_chapter("Elena") == {"c1": 2, "c2": 0, "c3": 0}
    assert index.count("Damon", "c3") == 2
    index.update_chapter("c2", "Elena came back.")
    assert index.by_chapter("Elena") == {"c1": 2, "c2": 1, "c3": 0}
    assert [(m.start, m.end) for m in index.mentions("c1", "Elena")] == [(0, 5), (17, 21)]


def test_utf16_spans_shift_after_characters_outside_the_bmp() -> None:
    text = "🙂 Elena and 🙂🙂 Elena"
    matcher = MentionMatcher([Character("Elena")])
    spans = [(m.start, m.end) for m in matcher.find(text)]
    assert utf16_spans(text, spans) == [(3, 8), (18, 23)]
    assert utf16_spans("plain Elena", [(6, 11)]) == [(6, 11)]
