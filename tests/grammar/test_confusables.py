"""The confusable-word check: flags a word its neighbours make far less likely than a partner, quietly."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar.confusables import (
    RULE,
    ConfusableChecker,
    ConfusableSetsError,
    in_dialogue,
    load_sets,
)
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.factory import build_checker
from writer_app.grammar.model import Category


@pytest.fixture(scope="module")
def checker() -> ConfusableChecker:
    return ConfusableChecker(CheckConfig())


def flags(checker: ConfusableChecker, text: str) -> list[tuple[str, str]]:
    return [(text[i.start : i.end], i.replacements[0]) for i in checker.check(text)]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("He wanted too go home.", "too", "to"),
        ("It was to late to call.", "to", "too"),
        ("I think their going home.", "their", "they're"),
        ("The men who’s names we know.", "who’s", "whose"),
        ("It was more then that.", "then", "than"),
        ("It is a long way to there house.", "there", "their"),
        ("We where tired after the march.", "where", "were"),
        ("What a waist of time.", "waist", "waste"),
        ("Did you loose your keys?", "loose", "lose"),
        ("I wonder weather it will rain.", "weather", "whether"),
        ("The affect of the storm was plain.", "affect", "effect"),
    ],
)
def test_a_word_its_neighbours_rule_out_is_flagged_with_its_partner(
    checker: ConfusableChecker, text: str, wrong: str, right: str
) -> None:
    assert flags(checker, text) == [(wrong, right)]
    issue = checker.check(text)[0]
    assert issue.rule == RULE and issue.category is Category.WORD_CHOICE
    assert f"“{right}”" in issue.message and f"“{wrong}”" in issue.message


@pytest.mark.parametrize(
    "text",
    [
        "I want to go there too.",
        "Their house stood over there, quieter than ever.",
        "They're going to lose the match if they play like that.",
        "We were where we wanted to be, and then it rained.",
        "The effect was quite strong; it would affect us all.",
        "She held her breath and tried to breathe slowly.",
        "He threw the stone through the window.",
        "Whose coat is this, and who's going to wear it?",
        "I prevent your being hurt by staying here.",
        "The loose board made him lose his footing.",
        "He walked past the church where they had passed the night.",
        "To-morrow we go to town, too.",
        "He would go, were he asked, and so too the others.",
        "She had no idea of there being a dance that night.",
    ],
)
def test_correct_prose_is_left_alone(checker: ConfusableChecker, text: str) -> None:
    assert flags(checker, text) == []


def test_a_clause_break_ends_the_context(checker: ConfusableChecker) -> None:
    assert flags(checker, "He wanted too, go home.") == []
    assert flags(checker, "Too go home was all he wanted.") == []  # no word before: too little context


def test_a_capitalised_word_mid_sentence_is_a_name(checker: ConfusableChecker) -> None:
    assert flags(checker, "What a Waist of Time was the name of the inn.") == []


def test_dialogue_needs_stronger_evidence(checker: ConfusableChecker) -> None:
    assert flags(checker, "What a waist of time.") == [("waist", "waste")]
    assert flags(checker, "“What a waist of time,” she said.") == []
    assert flags(checker, '"What a waist of time," she said.') == []
    assert flags(checker, "‘What a waist of time,’ she said.") == []
    assert flags(checker, "“Go on.” What a waist of time.") == [("waist", "waste")]
    assert flags(checker, "“We where tired after the march,” he said.") == [("where", "were")]  # overwhelming


def test_dialogue_is_told_from_apostrophes() -> None:
    text = "He didn’t stop. ‘Don’t go,’ she said, ‘it’s late.’ The boys’ caps fell."
    assert not in_dialogue(text, text.index("stop"))
    assert in_dialogue(text, text.index("go,"))
    assert not in_dialogue(text, text.index("she"))
    assert in_dialogue(text, text.index("late"))
    assert not in_dialogue(text, text.index("fell"))
    assert in_dialogue("“An open speech runs on", 10)


def test_the_fix_follows_the_texts_apostrophes(checker: ConfusableChecker) -> None:
    assert checker.check("I think their going home.")[0].replacements == ("they're",)
    assert checker.check("I think their going home. It’s late.")[0].replacements == ("they’re",)


def test_sets_given_by_the_caller_are_used() -> None:
    sets = load_sets(_sets_file(Path(__file__)))
    only = {"waist": ("waste",), "waste": ("waist",)}
    checker = ConfusableChecker(CheckConfig(), type(sets)(only, sets.glosses))
    assert flags(checker, "What a waist of time. He wanted too go home.") == [("waist", "waste")]


def _sets_file(here: Path) -> Path:
    return here.resolve().parents[2] / "resources" / "frequency" / "confusables.toml"


def test_every_set_word_has_a_gloss_and_partners() -> None:
    sets = load_sets(_sets_file(Path(__file__)))
    assert "it's" not in sets.partners  # its/it's belongs to the pattern rules
    for word, partners in sets.partners.items():
        assert partners and word not in partners and sets.glosses[word]


def test_a_malformed_sets_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text("[[set]]\nwords = { alone = 'one word' }\n", encoding="utf-8")
    with pytest.raises(ConfusableSetsError, match="at least two words"):
        load_sets(path)
    path.write_text("[[set]]\nwords = { a = 'x', b = 'y' }\nkeep_before = { c = ['d'] }\n", encoding="utf-8")
    with pytest.raises(ConfusableSetsError, match="keep_before"):
        load_sets(path)
    path.write_text("[[set]\n", encoding="utf-8")
    with pytest.raises(ConfusableSetsError):
        load_sets(path)


def test_the_built_in_checker_includes_the_context_check() -> None:
    checker = build_checker(CheckConfig())
    issues = checker.check("What a waist of time.")
    assert [(i.text, i.replacements) for i in issues] == [("waist", ("waste",))]
    merged = checker.check("He wanted too go home.")  # a pattern rule flags it too: one underline
    assert [(i.text, i.replacements) for i in merged] == [("too", ("to",))]


@pytest.mark.parametrize(
    "text",
    ["", " ", "😀 too 😀", "a" * 10_000, "to " * 3000, "İİİ where tired to there house", "’’’ ‘ to", "\u200b\ufeff"],
)
def test_odd_input_never_crashes_and_offsets_stay_exact(checker: ConfusableChecker, text: str) -> None:
    for issue in checker.check(text):
        assert text[issue.start : issue.end] == issue.text


# --- one-edit neighbours (near_words.tsv): the long tail of slips between two real words -----------------


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("They cold not find the path in the dark.", "cold", "could"),
        ("The sergeant said he cold not spare a man.", "cold", "could"),
    ],
)
def test_a_one_edit_slip_is_flagged_with_its_neighbour(
    checker: ConfusableChecker, text: str, wrong: str, right: str
) -> None:
    assert flags(checker, text) == [(wrong, right)]
    (issue,) = checker.check(text)
    assert issue.rule == RULE and f"“{right}”" in issue.message and f"“{wrong}”" in issue.message


@pytest.mark.parametrize(
    "text",
    [
        "The lace of her dress was torn.",
        "He wore a heavy robe of wool against the frost.",
        "It was not the custom to mar a feast with quarrels.",
        "What right have we to judge them?",
        "“He cold not come,” she said.",
        "Colonel Cold not here, sir.",
        "She felt the cold wind on her face.",
        "We could hear the drums from the hill.",
    ],
)
def test_one_edit_neighbours_leave_fiction_alone(checker: ConfusableChecker, text: str) -> None:
    assert flags(checker, text) == []


class _Lexicon:
    """A tiny stand-in for the lexicon: word -> {tag: lemma}."""

    ENTRIES = {
        "cold": {"JJ": "cold", "NN": "cold"},
        "could": {"MD": "could"},
        "walk": {"VB": "walk", "NN": "walk"},
        "walks": {"VBZ": "walk", "NNS": "walk"},
        "colour": {"NN": "colour"},
        "color": {"NN": "color"},
        "lace": {"NN": "lace"},
        "face": {"NN": "face", "VB": "face"},
        "kenny": {"NNP": "Kenny"},
        "penny": {"NN": "penny"},
        "form": {"NN": "form", "VB": "form"},
        "from": {"IN": "from"},
    }

    def entries(self, word: str) -> dict[str, str]:
        return dict(self.ENTRIES.get(word, {}))


def test_near_words_pair_real_slips_and_leave_out_forms_spellings_and_names() -> None:
    from writer_app.grammar.build_frequency import near_words, one_edit

    words = ["could", "from", "form", "cold", "walk", "walks", "colour", "color", "lace", "face", "kenny", "penny"]
    near = near_words(words, _Lexicon())
    assert near["cold"] == ("could",) and near["could"] == ("cold",)
    assert near["form"] == ("from",)  # two neighbours swapped
    assert "walks" not in near.get("walk", ())  # a form of the same word
    assert "color" not in near.get("colour", ())  # a British/American spelling
    assert "face" not in near.get("lace", ())  # a noun for a noun: meaning, not grammar
    assert "kenny" not in near and "kenny" not in near.get("penny", ())  # names are left out
    assert one_edit("cold", "could") and one_edit("form", "from") and not one_edit("cold", "bolder")


def test_the_shipped_neighbours_are_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    import shutil

    from writer_app.grammar.build_frequency import NEAR_FILE, write_near_words

    shipped = _sets_file(Path(__file__)).parent
    for name in ("words.tsv.gz", "bigrams.bin.gz"):
        shutil.copy(shipped / name, tmp_path / name)
    write_near_words(tmp_path)
    assert (tmp_path / NEAR_FILE).read_bytes() == (shipped / NEAR_FILE).read_bytes()


def test_a_malformed_neighbours_file_is_reported(tmp_path: Path) -> None:
    from writer_app.grammar.confusables import load_near_words

    path = tmp_path / "near.tsv"
    path.write_text("# comment\ncold\tcould bold\n", encoding="utf-8")
    assert load_near_words(path) == {"cold": ("could", "bold")}
    path.write_text("cold could\n", encoding="utf-8")
    with pytest.raises(ConfusableSetsError, match="line 1"):
        load_near_words(path)
    with pytest.raises(ConfusableSetsError):
        load_near_words(tmp_path / "missing.tsv")
