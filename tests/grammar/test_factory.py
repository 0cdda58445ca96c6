"""The checker factory: engines, configuration from settings/project/cast, custom rules, long paragraphs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from writer_app.grammar.engine import CheckConfig, check_document
from writer_app.grammar.factory import build_checker, check_text, config_from, split_long_text
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.spelling import SpellChecker
from writer_app.grammar.wordlists import add_to_word_list


@dataclass
class FakeSettings:
    dialect: str = "en-US"
    enabled_categories: list[str] = field(default_factory=lambda: ["spelling", "grammar", "word_choice"])
    enabled_style_rules: list[str] = field(default_factory=list)


@dataclass
class FakeProject:
    language: str = "en-GB"
    word_list: list[str] = field(default_factory=lambda: ["Glimmerfall"])
    ignored_rules: list[str] = field(default_factory=lambda: ["DOUBLED_WORD"])
    ignored_texts: list[list[str]] = field(default_factory=lambda: [["SPELLING", "Zzyzx"]])
    ignored_spots: list[list[str]] = field(default_factory=lambda: [["TEH", "teh", "00ff"], ["short"]])
    cast: list[dict] = field(default_factory=list)


class Shouter:
    """A fake extra engine that flags every "!"."""

    name = "shouter"

    def check(self, text: str) -> list[Issue]:
        return [Issue(i, i + 1, "!", "Loud.", rule="SHOUT", category=Category.PUNCTUATION, source=self.name)
                for i, c in enumerate(text) if c == "!"]


def test_build_checker_runs_rules_spelling_and_extra_engines() -> None:
    checker = build_checker(CheckConfig(), extra=[Shouter()])
    assert [c.name for c in checker.checkers] == ["builtin", "spelling", "confusables", "shouter"]
    assert isinstance(checker.speller, SpellChecker)
    rules = {i.rule for i in checker.check("He had taken president over the recieved wisdom!")}
    assert {"SPELLING", "SHOUT"} <= rules
    assert any(i.source == "builtin" for i in checker.check("She had taken president over him."))


def test_config_from_merges_settings_project_cast_and_personal_words() -> None:
    from writer_app.settings import personal_dictionary_path

    add_to_word_list(personal_dictionary_path(), "snarkwise")
    config = config_from(FakeSettings(), FakeProject(), {"Damon", "Vell"})
    assert config.dialect == "en-GB"  # the project's language wins over the settings' dialect
    assert config.categories == frozenset({Category.SPELLING, Category.GRAMMAR, Category.WORD_CHOICE})
    assert {"Damon", "Vell", "Glimmerfall", "snarkwise"} <= config.known_words
    assert config.ignored_rules == frozenset({"DOUBLED_WORD"})
    assert ("SPELLING", "Zzyzx") in config.ignored_texts
    assert config.ignored_spots == frozenset({("TEH", "teh", "00ff")})  # a damaged entry is skipped
    assert build_checker(config).check("Damon's snarkwise Glimmerfall.") == []


def test_config_without_project_uses_settings_dialect() -> None:
    assert config_from(FakeSettings(dialect="en-GB"), None).dialect == "en-GB"
    assert config_from(None, None).dialect == "en-US"


def test_custom_rules_from_the_config_folder_are_used(tmp_path: Path) -> None:
    from writer_app.settings import config_dir

    folder = config_dir() / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text(
        '[[phrase]]\nid = "MY_TEST_PHRASE"\ncategory = "word_choice"\nmessage = "Say sword."\n'
        'wrong = ["sord of light"]\nright = ["sword of light"]\n'
        'bad = ["She drew the sord of light."]\ngood = ["She drew the sword of light."]\n',
        encoding="utf-8",
    )
    issues = build_checker(CheckConfig()).check("She drew the sord of light.")
    assert any(i.rule == "MY_TEST_PHRASE" and i.replacements[:1] == ("sword of light",) for i in issues)


def test_malformed_custom_rule_file_raises_rule_file_error_naming_file_and_line() -> None:
    from writer_app.grammar.rules import RuleFileError
    from writer_app.settings import config_dir

    folder = config_dir() / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.toml").write_text('[[rule]]\nid = "BROKEN"\npattern = "(unclosed"\n', encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        build_checker(CheckConfig())
    assert "broken.toml" in str(caught.value)


def test_split_long_text_cuts_at_sentence_ends_and_covers_everything() -> None:
    text = "A sentence here. " * 5000
    pieces = list(split_long_text(text, 1000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(p.endswith(". ") for _, p in pieces[:-1])
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_split_long_text_without_spaces_still_terminates() -> None:
    text = "x" * 2500
    assert [len(p) for _, p in split_long_text(text, 1000)] == [1000, 1000, 500]


def test_huge_paragraph_is_checked_in_pieces_with_document_offsets() -> None:
    sentence = "The night was long and the recieve was short. "
    text = sentence * 60_000  # about 2.8 MB in one paragraph
    issues = check_document(build_checker(CheckConfig()), text)
    spelling = [i for i in issues if i.rule == "SPELLING"]
    assert len(spelling) == 60_000
    assert all(text[i.start : i.end] == "recieve" for i in spelling[:50] + spelling[-50:])


def _seconds_per_word(text: str) -> float:
    """Best of two timed runs of a fresh checker on ``text``, per word (names and caches learnt on a warm-up)."""
    checker = build_checker(CheckConfig())
    check_text(checker, text[:200_000])
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        check_text(checker, text)
        best = min(best, time.perf_counter() - start)
    return best / len(text.split())


def test_a_few_megabyte_paragraph_costs_per_word_about_what_ordinary_paragraphs_do(corpus_dir: Path) -> None:
    words = (corpus_dir / "war-and-peace.txt").read_text(encoding="utf-8").split()[:250_000]  # ~1.4 MB
    one_paragraph = " ".join(words)
    paragraphs = "\n\n".join(" ".join(words[i : i + 120]) for i in range(0, len(words), 120))
    ratio = _seconds_per_word(one_paragraph) / _seconds_per_word(paragraphs)
    assert ratio < 3.0, f"a single huge paragraph is {ratio:.1f}x slower per word than ordinary paragraphs"


def test_a_near_miss_of_a_cast_name_is_a_names_issue_with_the_cast_spelling_as_its_fix() -> None:
    settings = FakeSettings(enabled_categories=[c.value for c in Category if c is not Category.STYLE])
    project = FakeProject(word_list=["Kathryn"])
    config = config_from(settings, project, {"Katherine", "Marcus", "Evelyn"})
    assert config.cast_names == frozenset({"Katherine", "Marcus", "Evelyn"})
    text = "Kathrine saw Markus. Evelyns coat hung by the door; evelyn smiled at Kathryn and Katherine."
    issues = build_checker(config).check(text)
    names = [(i.text, i.replacements, i.rule) for i in issues if i.category is Category.NAMES]
    assert names == [("Kathrine", ("Katherine",), "CAST_NAME_SPELLING"), ("Markus", ("Marcus",), "CAST_NAME_SPELLING"),
                     ("Evelyns", ("Evelyn's",), "CAST_NAME_POSSESSIVE"), ("evelyn", ("Evelyn",), "CAST_NAME_CAPITAL")]
    flagged = {i.text for i in issues if i.category is not Category.NAMES}
    assert not flagged & {"Kathrine", "Markus", "evelyn"}  # one underline per slip: the cast's, not the speller's


def test_names_are_not_checked_without_a_cast_or_with_the_category_off() -> None:
    assert "names" not in [c.name for c in build_checker(CheckConfig()).checkers]
    off = config_from(FakeSettings(), FakeProject(), {"Katherine"})  # the settings leave "names" out
    assert not [i for i in build_checker(off).check("Kathrine left.") if i.category is Category.NAMES]


def test_a_staged_checker_has_its_speller_at_once_and_builds_the_rest_on_the_first_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from writer_app.grammar import rules

    config = CheckConfig(cast_names=frozenset({"Glimmerfall"}))
    built: list[object] = []
    real = rules.RuleChecker.__init__

    def counted(self, *args, **kwargs) -> None:
        built.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(rules.RuleChecker, "__init__", counted)
    staged = build_checker(config, staged=True)
    assert built == [] and isinstance(staged.speller, SpellChecker)  # what a study of names needs, no rules yet
    whole = build_checker(config)
    text = "She could of told Glimerfall the the truth tomorow."
    assert staged.check(text) == whole.check(text) != []
    assert [type(c) for c in staged.checkers] == [type(c) for c in whole.checkers]
    assert len(built) == 2 and staged.speller is staged.checkers[1]
    staged.finish()  # nothing left to build
    assert len(built) == 2
