"""Malformed rule files fail with a RuleFileError that names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.errors import WriterAppError
from writer_app.grammar.rules import RuleChecker, RuleFileError, load_rules

GOOD_ENTRY = '''
[[rule]]
id = "{id}"
category = "grammar"
message = "Use “live”."
pattern = '\\bto\\s+(life)\\s+with\\b'
mark = 1
replacements = ["live"]
bad = ["I had to life with it."]
good = ["I had to live with it."]
'''


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(folder: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rules(folder)
    return info.value


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "broken.toml", GOOD_ENTRY.format(id="ONE") + '\n[[rule]]\nid = "TWO\n')
    error = _error(tmp_path)
    assert error.path.name == "broken.toml"
    assert error.line == 13
    assert "broken.toml, line 13" in str(error) and "TOML" in str(error)
    assert isinstance(error, WriterAppError)


def test_missing_field_points_at_the_entry(tmp_path: Path) -> None:
    text = GOOD_ENTRY.format(id="ONE") + GOOD_ENTRY.format(id="TWO").replace('message = "Use “live”."\n', "")
    _write(tmp_path, "a.toml", text)
    error = _error(tmp_path)
    assert error.line == 13
    assert "rule TWO" in str(error) and "'message' is missing" in str(error)


def test_bad_regex_is_reported_with_the_reason(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE").replace("(life)", "(life"))
    error = _error(tmp_path)
    assert error.line == 3
    assert "'pattern' is not a valid regular expression" in str(error)


def test_unknown_category_is_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE").replace('"grammar"', '"grammer"'))
    assert "the category 'grammer' is not one of" in str(_error(tmp_path))


def test_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE"))
    _write(tmp_path, "b.toml", "\n\n" + GOOD_ENTRY.format(id="ONE"))
    error = _error(tmp_path)
    assert error.path.name == "b.toml" and error.line == 5
    assert "a.toml" in str(error) and "line 3" in str(error)


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE") + GOOD_ENTRY.format(id="ONE"))
    assert "defined twice" in str(_error(tmp_path))


def test_catastrophic_pattern_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE").replace("(life)", "((?:li|fe)+)+"))
    assert "nests one repeat inside another" in str(_error(tmp_path))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('id = "ONE"', 'id = "one"'), "UPPER_SNAKE_CASE"),
        (("mark = 1", "mark = 3"), "'mark' is 3"),
        (('replacements = ["live"]', 'replacements = ["{4}"]'), "'{4}' refers to a group"),
        (('bad = ["I had to life with it."]', "bad = []"), "'bad' must not be empty"),
        (('bad = ["I had to life with it."]', 'bad = "oops"'), "'bad' must be a list"),
        (("mark = 1", 'mark = 1\nreplacement = ["x"]'), "unknown field 'replacement'"),
        (("mark = 1", 'mark = 1\ndialects = ["en-AU"]'), "the dialect 'en-AU'"),
        (("mark = 1", 'mark = 1\nfixed = ["a", "b"]'), "they go in pairs"),
        (("mark = 1", "mark = 1\ndefault = 1"), "'default' must be a bool"),
    ],
)
def test_entry_problems_are_explained(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    _write(tmp_path, "a.toml", GOOD_ENTRY.format(id="ONE").replace(*change))
    error = _error(tmp_path)
    assert expected in str(error)
    assert error.line is not None


def test_phrase_without_right_forms_is_rejected(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "p.toml",
        '[[phrase]]\nid = "P"\ncategory = "word_choice"\nmessage = "m"\nwrong = ["mute point"]\nbad = ["x"]\ngood = ["y"]\n',
    )
    error = _error(tmp_path)
    assert error.line == 2 and "'right' is missing" in str(error)


def test_invalid_utf8_rule_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00junk")
    assert "not valid UTF-8" in str(_error(tmp_path))


def test_broken_user_rule_file_stops_the_checker_with_a_clear_error(tmp_path: Path) -> None:
    from writer_app.grammar.rules import user_rule_folder

    folder = user_rule_folder()
    assert folder is not None
    _write(folder, "mine.toml", "[[rule]\n")
    with pytest.raises(RuleFileError) as info:
        RuleChecker()
    assert str(folder / "mine.toml") in str(info.value) and "line 1" in str(info.value)


def test_user_rules_are_loaded_after_the_bundled_ones(tmp_path: Path) -> None:
    from writer_app.grammar.rules import user_rule_folder

    folder = user_rule_folder()
    assert folder is not None
    _write(folder, "mine.toml", GOOD_ENTRY.format(id="MY_LIFE_RULE"))
    issues = RuleChecker().check("I had to life with it.")
    assert "MY_LIFE_RULE" in {issue.rule for issue in issues}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("mark = 1", "mark = 1\ngate = '(unclosed'"), "'gate' is not a valid regular expression"),
        (("mark = 1", 'mark = 1\nforms = { life = 3 }'), "'forms' must map words to words"),
        (("mark = 1", 'mark = "some"'), "'mark' must be a group number or \"any\""),
        (("mark = 1", 'mark = 1\ncase = "upper"'), "'case' must be"),
        (("pattern = '\\bto\\s+(life)\\s+with\\b'", "pattern = '(life)?'"), "matches empty text"),
    ],
)
def test_extension_fields_are_validated(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    text = GOOD_ENTRY.format(id="ONE").replace(*change)
    assert text != GOOD_ENTRY.format(id="ONE")
    _write(tmp_path, "a.toml", text)
    assert expected in str(_error(tmp_path))


def test_parallel_phrase_needs_one_right_form_per_wrong_form(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "p.toml",
        '[[phrase]]\nid = "P"\ncategory = "word_choice"\nmessage = "m."\nwrong = ["eek out", "eeked out"]\n'
        'right = ["eke out"]\nparallel = true\nbad = ["x"]\ngood = ["y"]\n',
    )
    assert "'parallel' needs as many" in str(_error(tmp_path))


def test_phrase_forms_map_to_their_own_replacement(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "p.toml",
        '[[phrase]]\nid = "P"\ncategory = "word_choice"\nmessage = "m."\nwrong = ["eek out", "eeked out"]\n'
        'right = ["eke out", "eked out"]\nparallel = true\nbad = ["x"]\ngood = ["y"]\n',
    )
    (rule,) = load_rules(tmp_path)
    issues = RuleChecker(rules=[rule]).check("They eeked out a living, as we eek out ours.")
    assert [(i.text, i.replacements) for i in issues] == [("eeked out", ("eked out",)), ("eek out", ("eke out",))]


def test_forms_table_fills_the_replacement(tmp_path: Path) -> None:
    text = GOOD_ENTRY.format(id="ONE").replace("(life)", "(life|lives)").replace(
        'replacements = ["live"]', 'replacements = ["{1|form}"]\nforms = { life = "live", lives = "lives" }'
    )
    _write(tmp_path, "a.toml", text)
    (rule,) = load_rules(tmp_path)
    (issue,) = RuleChecker(rules=[rule]).check("We had to Life with it.")
    assert issue.replacements == ("Live",)


GOOD_PATTERN = '''
[[pattern]]
id = "{id}"
category = "grammar"
message = "Use the plain form after “{{1}}”."
tokens = [{{ word = "could" }}, {{ tag = "VBD" }}]
mark = 2
replacements = ["{{2|as:VB}}"]
bad = ["I could went."]
good = ["I could go."]
'''


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (('{ tag = "VBD" }', '{ tga = "VBD" }'), "token 2: unknown key 'tga'"),
        (('{ tag = "VBD" }', '{ tag = "VB[D" }'), "token 2: 'tag' is not a valid regular expression"),
        (('{ tag = "VBD" }', '{ tag = "VBD", skip = 20 }'), "'skip' must be a whole number from 0 to 8"),
        (('{ tag = "VBD" }', '{ tag = "VBD", number = "plural" }'), "'number' must be \"sg\" or \"pl\""),
        (('{ tag = "VBD" }', '{ optional = true }'), "token 2 tests nothing"),
        (('mark = 2', 'mark = 3'), "'mark' is 3 but the pattern has 2 tokens"),
        (('"{2|as:VB}"', '"{3|as:VB}"'), "refers to token 3 but the pattern has 2 tokens"),
        (('"{2|as:VB}"', '"{2|as:XX}"'), "'as:XX' is not a tag"),
        (('"{2|as:VB}"', '"{2|shout}"'), "'|shout' is not a template filter"),
        (('"{2|as:VB}"', '"{go}"'), "needs a form"),
        (('{ word = "could" }', '{ word = "could", optional = true }'), "no required token has a word or lemma"),
        (('tokens = [', 'tokens = ['), None),
    ],
)
def test_malformed_pattern_names_file_line_and_token(tmp_path: Path, change: tuple[str, str], detail: str | None) -> None:
    text = GOOD_PATTERN.format(id="ONE").replace(*change)
    _write(tmp_path, "p.toml", "# my patterns\n" + text)
    if detail is None:
        (rule,) = load_rules(tmp_path)
        assert rule.kind == "pattern" and rule.triggers == {"could", "couldn"}
        return
    error = _error(tmp_path)
    assert error.path.name == "p.toml" and error.line == 4
    assert "rule ONE" in str(error) and detail in str(error)


def test_pattern_dialogue_flag_is_checked(tmp_path: Path) -> None:
    _write(tmp_path, "p.toml", GOOD_PATTERN.format(id="ONE") + 'dialogue = "sometimes"\n')
    assert "'dialogue' must be \"relaxed\"" in str(_error(tmp_path))


def test_pattern_triggers_take_the_rarest_required_word_and_contraction_stems(tmp_path: Path) -> None:
    body = GOOD_PATTERN.format(id="ONE").replace(
        'tokens = [{ word = "could" }, { tag = "VBD" }]',
        'tokens = [{ word = ["he", "she"] }, { lemma = "do", tag = "VBP" }, { word = "n\'t" }]',
    ).replace('mark = 2', 'mark = [2, 3]').replace('"{2|as:VB}"', '"{2|as:VBZ}{3}"')
    _write(tmp_path, "p.toml", body)
    (rule,) = load_rules(tmp_path)
    assert {"do", "does", "did", "don", "doesn", "didn"} <= rule.triggers
    assert rule.requires == (frozenset({"he", "she"}), frozenset({"t"}))


def test_pattern_gate_words_can_become_the_trigger(tmp_path: Path) -> None:
    body = GOOD_PATTERN.format(id="ONE").replace(
        'tokens = [{ word = "could" }, { tag = "VBD" }]',
        'gate = "\\\\b(?:had|has)\\\\s+(?:went|took)\\\\b"\ntokens = [{ lemma = "have" }, { tag = "VBD" }]',
    ).replace('"{2|as:VB}"', '"{2|as:VBN}"')
    _write(tmp_path, "p.toml", body)
    (rule,) = load_rules(tmp_path)
    assert rule.triggers == {"went", "took"}
    assert frozenset({"had", "has"}) in rule.requires


def test_no_bundled_pattern_nests_one_repeat_inside_another() -> None:
    """Start-up skips this screen for the bundled files (it is slow); the suite makes sure they would pass it."""
    from writer_app.grammar.rulefile import parse_rule_file
    from writer_app.resources import resource_path

    for path in sorted(resource_path("rules").glob("*.toml")):
        parse_rule_file(path, screen_patterns=True)  # raises RuleFileError on a nested repeat


def test_the_writers_own_rule_files_are_screened_for_nested_repeats(tmp_path) -> None:
    from writer_app.grammar.rulefile import is_bundled, parse_rule_file
    from writer_app.resources import resource_path

    assert is_bundled(resource_path("rules", "punctuation.toml"))
    own = tmp_path / "mine.toml"
    own.write_text(
        '[[rule]]\nid = "MINE"\ncategory = "grammar"\nmessage = "m"\npattern = \'\'\'(a+)+b\'\'\'\n'
        'bad = ["aab"]\ngood = ["c"]\n', encoding="utf-8")
    assert not is_bundled(own)
    with pytest.raises(RuleFileError, match="nests one repeat"):
        parse_rule_file(own)
