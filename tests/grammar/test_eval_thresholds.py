"""The built-in checker meets the agreed figures on Harper's sentence pairs (a development set, read at run time)."""

from __future__ import annotations

import pytest

from tests.grammar.eval_scoring import (
    EVAL_FILE,
    FICTION_EXCLUDED_RULES,
    Pair,
    detects,
    fixes,
    load_pairs,
    score,
)
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue


@pytest.fixture(scope="module")
def result():
    """Score the full built-in check (rules + spelling) once for the module, as bench_eval does: the rules that
    contradict fiction style are left out of detection, their correct sentences kept for alarms."""
    if not EVAL_FILE.exists():
        pytest.skip(f"eval pairs not found at {EVAL_FILE}")
    from writer_app.grammar.factory import build_checker

    pairs = [p for p in load_pairs() if p.kind == "correct" or p.rule not in FICTION_EXCLUDED_RULES]
    return score(build_checker(CheckConfig()), pairs)


def test_detection_stays_above_this_releases_floor(result) -> None:
    # A little under what this release measures (87.9%); the issue's target is 80%.
    assert result.detection >= 0.85, f"detection {result.detection:.1%}"


def test_right_fix_stays_above_this_releases_floor(result) -> None:
    # A little under what this release measures (81.2%); the issue's target is 70%.
    assert result.right_fix >= 0.78, f"right fix {result.right_fix:.1%}"


def test_alarms_on_correct_sentences_stay_under_five_percent(result) -> None:
    assert result.alarm_rate <= 0.05, f"alarms {result.alarm_rate:.1%}: {result.alarm_rules.most_common(5)}"


def test_spelling_flags_count_as_alarms_only_for_the_spell_check_rule() -> None:
    class Speller:
        name = "spelling"

        def check(self, text: str) -> list[Issue]:
            return [Issue(0, 3, text[:3], "m", (), "SPELLING", Category.SPELLING)]

    pairs = [Pair("correct", "then_than", "npm is fine."), Pair("correct", "spell_check", "teh cat.")]
    outcome = score(Speller(), pairs)
    assert outcome.by_rule["then_than"].alarms == 0 and outcome.by_rule["spell_check"].alarms == 1
    assert outcome.strict_alarm_rate == 1.0 and outcome.alarm_rate == 0.5


EVAL_RULE_FILES = ("agreement.toml", "expressions.toml", "usage.toml", "word_forms.toml", "x_numbers_names.toml")


@pytest.fixture(scope="module")
def eval_rules_result():
    """Score the eval helper's own rule files alone (no speller, no other rule files)."""
    if not EVAL_FILE.exists():
        pytest.skip(f"eval pairs not found at {EVAL_FILE}")
    from writer_app.grammar.rules import RuleChecker, parse_rule_file
    from writer_app.resources import resource_path

    rules = [rule for name in EVAL_RULE_FILES for rule in parse_rule_file(resource_path("rules", name))]
    return score(RuleChecker(CheckConfig(), rules=rules), load_pairs())


def test_eval_rule_files_alone_catch_and_fix_a_third(eval_rules_result) -> None:
    assert eval_rules_result.detection >= 0.33, f"detection {eval_rules_result.detection:.1%}"
    assert eval_rules_result.right_fix >= 0.33, f"right fix {eval_rules_result.right_fix:.1%}"


def test_eval_rule_files_alone_stay_quiet_on_correct_sentences(eval_rules_result) -> None:
    rate = eval_rules_result.alarm_rate
    assert rate <= 0.015, f"alarms {rate:.1%}: {eval_rules_result.alarm_rules.most_common(5)}"


def test_scoring_counts_overlap_insertion_and_exact_fix() -> None:
    bad, good = "He had went home.", "He had gone home."
    issue = Issue(7, 11, "went", "m", ("gone",), "R")
    assert detects(issue, 7, 11) and fixes(issue, bad, good)
    assert not detects(issue, 0, 2)
    assert detects(Issue(3, 7, "had ", "m"), 7, 7)  # an empty span touched at its edge
    assert not detects(Issue(3, 6, "had", "m"), 7, 7)
    assert not fixes(Issue(7, 11, "went", "m", ("goes",), "R"), bad, good)


def test_scoring_reports_alarms_per_rule() -> None:
    class Loud:
        name = "loud"

        def check(self, text: str) -> list[Issue]:
            return [Issue(0, 1, text[:1], "m", (), "LOUD")]

    pairs = [Pair("correct", "x", "Fine."), Pair("incorrect", "x", "Bad.", "Good.", 0, 3)]
    outcome = score(Loud(), pairs)
    assert outcome.alarm_rate == 1.0 and outcome.alarm_rules["LOUD"] == 1
    assert outcome.detection == 1.0 and outcome.right_fix == 0.0


def test_an_alarm_for_the_rule_comes_from_a_rule_that_finds_that_rules_slips() -> None:
    class Both:
        name = "both"

        def check(self, text: str) -> list[Issue]:
            found = [Issue(0, 2, text[:2], "m", (), "LOWER_I")]
            if "its" in text:
                found.append(Issue(text.index("its"), text.index("its") + 3, "its", "m", ("it's",), "ITS"))
            return found

    pairs = [
        Pair("incorrect", "its_contraction", "i think its late.", "i think it's late.", 8, 11),
        Pair("correct", "its_contraction", "i saw its tail."),  # ITS found this rule's slips: an alarm for it
        Pair("correct", "then_than", "i was taller then."),  # only LOWER_I, which finds no then/than slip
    ]
    outcome = score(Both(), pairs)
    assert outcome.alarm_rate == 1.0  # every sentence has some grammar flag
    assert outcome.rule_alarm_rate == 0.5  # but only one has a flag for its own rule


@pytest.fixture(scope="module")
def lt_fiction():
    """Score the full built-in check on LanguageTool's development examples of the fiction categories."""
    from tests.grammar.eval_scoring import LT_FILE, checker_per_variant, load_lt_examples
    from writer_app.grammar.factory import build_checker

    if not LT_FILE.exists():
        pytest.skip(f"LanguageTool examples not found at {LT_FILE}")
    checker_for = checker_per_variant(lambda dialect: build_checker(CheckConfig(dialect=dialect)))
    return score(checker_for, [p for p in load_lt_examples() if p.fiction], any_flag_is_alarm=True)


def test_languagetool_fiction_examples_stay_above_this_releases_floor(lt_fiction) -> None:
    # Floors a little under what this release measures (66.0% / 62.5%); the issue's targets are 45% / 35%.
    assert lt_fiction.detection >= 0.63, f"detection {lt_fiction.detection:.1%}"
    assert lt_fiction.right_fix >= 0.60, f"right fix {lt_fiction.right_fix:.1%}"


def test_languagetool_fiction_correct_sentences_raise_at_most_two_percent_alarms(lt_fiction) -> None:
    assert lt_fiction.alarm_rate <= 0.02, f"alarms {lt_fiction.alarm_rate:.1%}: {lt_fiction.alarm_rules.most_common(5)}"


def test_harper_alarms_for_the_sentences_rule_stay_under_two_percent(result) -> None:
    assert result.rule_alarm_rate <= 0.02, f"alarms {result.rule_alarm_rate:.1%}"
