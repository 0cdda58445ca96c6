"""The manuscript-wide matcher and replacer: options, surrounding words, bad patterns, time limits."""

from __future__ import annotations

import pytest

from writer_app.core.search import (
    ChapterSource,
    Deadline,
    SearchCancelled,
    SearchPatternError,
    SearchQuery,
    SearchTimeoutError,
    check_replacement,
    find_spans,
    replace_all,
    replacement_at,
    search_chapters,
    surrounding_words,
)

TEXT = "The lighthouse keeper rowed out. Other boats followed the keeper.\nthe end"


def _words(query: SearchQuery, text: str = TEXT) -> list[str]:
    return [text[a:b] for a, b in find_spans(query.compile(), text)]


def test_plain_search_ignores_case_by_default_and_matches_inside_words():
    assert _words(SearchQuery("the")) == ["The", "the", "the", "the"]  # "Other" holds "the" too


def test_match_case_and_whole_word_narrow_the_hits():
    assert _words(SearchQuery("the", whole_word=True)) == ["The", "the", "the"]
    assert _words(SearchQuery("the", match_case=True, whole_word=True)) == ["the", "the"]


def test_plain_search_treats_regex_characters_literally():
    assert _words(SearchQuery("out."), "out. outs") == ["out."]
    assert _words(SearchQuery("a+b"), "aab a+b") == ["a+b"]


def test_regular_expression_with_lines_anchored_per_paragraph():
    assert _words(SearchQuery(r"\b\w+ly\b", regex=True), "She slowly and quietly left.") == ["slowly", "quietly"]
    assert _words(SearchQuery(r"^the", regex=True, match_case=True)) == ["the"]


def test_accented_names_match_with_and_without_case():
    text = "Natásha laughed. NATÁSHA! natasha"
    assert _words(SearchQuery("natásha"), text) == ["Natásha", "NATÁSHA"]


def test_empty_matches_are_skipped():
    assert _words(SearchQuery("x*", regex=True), "abc") == []


def test_invalid_regular_expression_is_one_clear_sentence():
    with pytest.raises(SearchPatternError, match="regular expression is not valid"):
        SearchQuery("(unclosed", regex=True).compile()


def test_catastrophic_backtracking_stops_at_the_time_limit():
    query = SearchQuery(r"(a|aa)+$", regex=True)
    with pytest.raises(SearchTimeoutError, match="took longer than"):
        find_spans(query.compile(), "a" * 80 + "b", Deadline(0.2))


def test_cancelled_search_stops_between_chapters():
    chapters = [ChapterSource(f"ch-{i}", f"C{i}", "the cat") for i in range(5)]
    seen: list[str] = []
    stop = {"now": False}
    with pytest.raises(SearchCancelled):
        for hits in search_chapters(SearchQuery("cat"), chapters, Deadline(5, lambda: stop["now"])):
            seen.append(hits.chapter_id)
            stop["now"] = len(seen) == 2
    assert seen == ["ch-0", "ch-1"]


def test_search_chapters_yields_only_chapters_with_hits_and_reads_lazily():
    reads: list[str] = []

    def loader(text: str, name: str):
        return lambda: reads.append(name) or text

    chapters = [ChapterSource("a", "One", load=loader("no match here", "a")),
                ChapterSource("b", "Two", text="a keeper and a keeper")]
    result = list(search_chapters(SearchQuery("keeper"), chapters))
    assert [(h.chapter_id, h.spans) for h in result] == [("b", ((2, 8), (15, 21)))]
    assert reads == ["a"]


def test_surrounding_words_are_cut_at_word_boundaries_on_one_line():
    text = "word " * 30 + "the\nlighthouse keeper " + "more " * 30
    start = text.index("lighthouse")
    before, match, after = surrounding_words(text, start, start + len("lighthouse"), width=20)
    assert match == "lighthouse"
    assert before.startswith("…") and before.endswith("the ") and "\n" not in before
    assert after.startswith(" keeper") and after.endswith("…")
    assert not before[1:].startswith("ord")  # no half word


def test_surrounding_words_at_the_edges_of_the_text_have_no_ellipsis():
    assert surrounding_words("the end", 4, 7) == ("the ", "end", "")


def test_replace_all_counts_and_keeps_case_of_the_rest():
    new, count = replace_all(SearchQuery("keeper", whole_word=True), TEXT, "warden")
    assert count == 2 and new.count("warden") == 2 and "keeper" not in new


def test_regex_replacement_expands_groups():
    query = SearchQuery(r"(\w+)ly\b", regex=True)
    assert replace_all(query, "slowly, quietly", r"\1")[0] == "slow, quiet"
    assert replacement_at(query, "so slowly", 3, r"<\1>") == "<slow>"


def test_plain_replacement_is_taken_literally():
    assert replace_all(SearchQuery("cat"), "cat", r"\1 dog")[0] == r"\1 dog"


def test_replacement_naming_a_missing_group_is_refused_before_anything_changes():
    check_replacement(SearchQuery(r"(\w+)ly", regex=True), r"\1")
    with pytest.raises(SearchPatternError, match="replacement is not valid"):
        check_replacement(SearchQuery(r"(\w+)ly", regex=True), r"\2")
    with pytest.raises(SearchPatternError):
        check_replacement(SearchQuery(r"(?P<stem>\w+)ly", regex=True), r"\g<root>")
