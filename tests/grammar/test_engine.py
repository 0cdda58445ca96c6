"""The composite checker: merging, filtering and fault isolation across engines."""

from __future__ import annotations

from writer_app.grammar.engine import (
    CheckConfig,
    CompositeChecker,
    check_document,
    iter_paragraphs,
    merge_issues,
    spot_key,
)
from writer_app.grammar.model import Category, Issue


def issue(start, end, text="x", rule="R", category=Category.GRAMMAR, replacements=(), source="builtin"):
    return Issue(start, end, text, "message", tuple(replacements), rule, category, source)


def test_the_same_finding_from_two_engines_keeps_the_first_engine():
    a = issue(0, 4, rule="COULD_OF", source="builtin", replacements=["y"])
    b = issue(0, 4, rule="LT:SHOULD_OF", source="languagetool", replacements=["y", "z"])
    assert merge_issues([a, b], CheckConfig()) == [a]


def test_another_engines_whole_paragraph_span_never_erases_a_builtin_issue():
    paragraph = issue(0, 40, rule="LT:BROKEN", source="languagetool", replacements=["x"])
    builtin = issue(10, 14, rule="COULD_OF", replacements=["could have"])
    spelling = issue(20, 24, rule="SPELLING", category=Category.SPELLING)
    assert merge_issues([builtin, spelling, paragraph], CheckConfig()) == [paragraph, builtin, spelling]


def test_another_engines_different_rule_or_fix_on_the_same_span_is_kept_too():
    builtin = issue(0, 4, rule="A_LOT", replacements=["a lot"])
    other_fix = issue(0, 4, rule="LT:ALLOT", source="languagetool", replacements=["allot"])
    assert merge_issues([builtin, other_fix], CheckConfig()) == [builtin, other_fix]
    other_typo = issue(0, 4, rule="LT:TYPO", category=Category.SPELLING, source="languagetool", replacements=["lot"])
    assert merge_issues([builtin, other_typo], CheckConfig()) == [builtin, other_typo]
    narrower = issue(1, 4, rule="LT:X", source="languagetool", replacements=["a lot"])
    assert merge_issues([builtin, narrower], CheckConfig()) == [builtin, narrower]


def test_overlapping_spans_become_one_underline_preferring_a_fix_over_a_bare_spelling_flag():
    spelling = issue(0, 4, "alot", "SPELLING", Category.SPELLING)
    rule = issue(0, 4, "alot", "A_LOT", Category.WORD_CHOICE, ["a lot"])
    wider = issue(0, 9, "alot more", "OTHER", Category.GRAMMAR)
    assert merge_issues([spelling, rule], CheckConfig()) == [rule]
    assert merge_issues([wider, rule], CheckConfig()) == [rule]  # the fix beats the wider bare flag


def test_a_bare_not_a_word_flag_merges_into_another_engines_fix_of_that_word():
    rule = issue(0, 4, "alot", "JOINED_WORDS", Category.WORD_CHOICE, ["a lot"])
    spelling = issue(0, 4, "alot", "SPELLING", Category.SPELLING, source="spelling")
    assert merge_issues([rule, spelling], CheckConfig()) == [rule]
    assert merge_issues([spelling, rule], CheckConfig()) == [rule]
    grammar = issue(0, 4, "alot", "SOME_RULE", Category.GRAMMAR, source="languagetool")  # neither fixes: both stay
    assert merge_issues([grammar, spelling], CheckConfig()) == [grammar, spelling]


def test_the_built_in_check_underlines_a_joined_word_once_with_its_fix():
    from writer_app.grammar.factory import build_checker

    found = build_checker(CheckConfig()).check("We laughed alot that summer by the lake.")
    assert [(i.text, i.replacements[:1]) for i in found] == [("alot", ("a lot",))]


def test_separate_slips_are_all_kept_in_order():
    found = [issue(10, 12), issue(0, 3), issue(4, 8)]
    assert [i.start for i in merge_issues(found, CheckConfig())] == [0, 4, 10]


def test_style_advice_never_hides_a_grammar_issue_inside_its_sentence():
    style = issue(0, 80, rule="LONG_SENTENCE", category=Category.STYLE)
    grammar = issue(10, 14, rule="COULD_OF", replacements=["could have"])
    config = CheckConfig(style_rules=frozenset({"LONG_SENTENCE"}))
    assert merge_issues([style, grammar], config) == [style, grammar]


def test_filters_drop_disabled_categories_ignored_rules_texts_and_known_words():
    config = CheckConfig(
        categories=frozenset({Category.SPELLING, Category.GRAMMAR}),
        ignored_rules=frozenset({"IGNORED"}),
        ignored_texts=frozenset({("R", "gonna")}),
        known_words=frozenset({"Damon"}),
    )
    found = [
        issue(0, 5, "Damon", "SPELLING", Category.SPELLING),
        issue(6, 9, rule="IGNORED"),
        issue(10, 15, "gonna", "R"),
        issue(16, 20, category=Category.PUNCTUATION),
        issue(21, 30, category=Category.STYLE, rule="ADVERB"),
        issue(31, 35, "teh", "SPELLING", Category.SPELLING),
    ]
    assert [i.text for i in merge_issues(found, config)] == ["teh"]


def test_an_engine_that_raises_is_skipped_and_the_others_still_report():
    class Broken:
        name = "broken"

        def check(self, text):
            raise RuntimeError("boom")

    class Works:
        name = "works"

        def check(self, text):
            return [issue(0, 3, text[:3])]

    assert [i.text for i in CompositeChecker([Broken(), Works()]).check("teh cat")] == ["teh"]


def test_check_document_maps_paragraph_offsets_to_the_whole_text_with_crlf():
    class Teh:
        name = "teh"

        def check(self, text):
            at = text.find("teh")
            return [issue(at, at + 3, "teh")] if at >= 0 else []

    text = "First line.\r\n\r\nThen teh end.\nteh"
    found = check_document(Teh(), text)
    assert [text[i.start:i.end] for i in found] == ["teh", "teh"]
    assert [offset for offset, _ in iter_paragraphs(text)] == [0, 13, 15, 29]


# ------------------------------------------------------------------------------------------ "Ignore here"


def test_a_spot_key_follows_the_place_not_the_paragraph_around_it():
    text = "Long before any of this happened, well, she said, teh door was open the whole night long."
    start = text.index("teh")
    key = spot_key(text, start, start + 3)
    far_edit = "Yes. " + text.replace("whole night long.", "whole night long, and cold.")
    assert spot_key(far_edit, far_edit.index("teh"), far_edit.index("teh") + 3) == key
    near_edit = text.replace("door", "gate")
    assert spot_key(near_edit, start, start + 3) != key  # the words around it were rewritten: ask again
    assert spot_key(text, start, start + 2) != key


def test_a_spot_key_is_the_same_in_another_process():
    import subprocess
    import sys

    text = "Close to the end, teh sky cleared. 😀 Émile."
    start = text.index("teh")
    code = f"from writer_app.grammar.engine import spot_key; print(spot_key({text!r}, {start}, {start + 3}))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == spot_key(text, start, start + 3)


def test_an_ignored_spot_is_dropped_there_and_only_there():
    text = "He wrote teh letter. Then, years later, he burned teh letter."
    first, second = text.index("teh"), text.rindex("teh")
    found = [issue(first, first + 3, "teh", "SPELL"), issue(second, second + 3, "teh", "SPELL")]
    config = CheckConfig(ignored_spots=frozenset({("SPELL", "teh", spot_key(text, first, first + 3))}))
    assert [i.start for i in merge_issues(found, config, text)] == [second]
    assert len(merge_issues(found, config)) == 2  # without the paragraph nobody knows where "here" is
    other_rule = CheckConfig(ignored_spots=frozenset({("OTHER", "teh", spot_key(text, first, first + 3))}))
    assert len(merge_issues(found, other_rule, text)) == 2


def test_the_composite_checker_honours_ignored_spots():
    class Teh:
        name = "teh"

        def check(self, text):
            at = text.find("teh")
            return [issue(at, at + 3, "teh", "SPELL")] if at >= 0 else []

    text = "She said teh word."
    config = CheckConfig(ignored_spots=frozenset({("SPELL", "teh", spot_key(text, 9, 12))}))
    assert CompositeChecker([Teh()], config).check(text) == []
    assert len(CompositeChecker([Teh()], config).check("He said teh word.")) == 1
