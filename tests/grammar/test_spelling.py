"""Spelling: real typos are flagged; fiction's names, dialect, loans and web addresses are not."""

from __future__ import annotations

import pytest

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category
from writer_app.grammar.spelling import RULE, VARIANT_RULE, SpellChecker


@pytest.fixture(scope="module")
def us() -> SpellChecker:
    return SpellChecker(CheckConfig(dialect="en-US"))


@pytest.fixture(scope="module")
def gb() -> SpellChecker:
    return SpellChecker(CheckConfig(dialect="en-GB"))


def flagged(checker: SpellChecker, text: str) -> list[str]:
    return [issue.text for issue in checker.check(text)]


def test_typo_is_flagged_with_offsets_message_and_no_replacements(us: SpellChecker) -> None:
    text = "She wanted to recieve the letter."
    [issue] = us.check(text)
    assert (issue.start, issue.end, issue.text) == (14, 21, "recieve")
    assert text[issue.start : issue.end] == "recieve"
    assert issue.rule == RULE and issue.category is Category.SPELLING and issue.source == "spelling"
    assert issue.message == "“recieve” may be misspelled."
    assert issue.replacements == ()


def test_british_message_says_misspelt(gb: SpellChecker) -> None:
    assert gb.check("She wanted to recieve the letter.")[0].message == "“recieve” may be misspelt."


def test_suggest_offers_the_right_word_first(us: SpellChecker) -> None:
    assert us.suggest("recieve")[0] == "receive"
    assert "definitely" in us.suggest("definately")[:3]


def test_suggest_keeps_curly_apostrophes(us: SpellChecker) -> None:
    assert all("'" not in s for s in us.suggest("does’nt"))


@pytest.mark.parametrize(
    "text",
    [
        "Y'know, I'm gonna wanna see 'em before we gotta go. Lemme think, I dunno.",
        "C'mon, it ain't nothin' but a little runnin' about.",
        "Hmm. Ugh. Shh! Mmm, that's good. Whoosh went the door, thud went the box.",
        "“Nooo,” she said. “Sooo good. Ahhhh!”",
        "Fuck this, he thought. Bloody hell, the bastard was right.",
        "“Yes,” said Damon. Then Kestrel and Orrin walked to Vellmoor.",
        "STOP shouting, you said NOOOO at the WHSmith.",
        "Chapter XIV began on the 21st of May 1990, at 10am, in room 4b, chapter iv.",
        "Mail me at jo.bloggs@example.com or see https://www.example.org/some/pagee.html today.",
        "It was a well-known, half-hearted, twenty-five-year-old story.",
        "She read _Hamlett_ and *Othelo* again.",
        "A café, a fiancée, a naïve rôle: all fine.",
        "Don’t, can’t, won’t, it’s the writer’s choice.",
        "She used her iPhone and her eBay account.",
        "He snake_caseword and x86stuff.",
        "She opened init.xz in lib/tmpq and called imread() on jxn-30's files.",
        "The IsValid flag, HMMs, McAllister and DeVito.",
        "She posted a selfie, checked her emails and the wifi config.",
    ],
)
def test_fiction_is_quiet(us: SpellChecker, text: str) -> None:
    assert flagged(us, text) == []


def test_capitalised_unknown_word_mid_sentence_is_a_name(us: SpellChecker) -> None:
    assert flagged(us, "Then Zorblax the Unwise arrived at Qarth.") == []


def test_capitalised_typo_at_sentence_start_is_flagged() -> None:
    checker = SpellChecker(CheckConfig())
    assert flagged(checker, "Recieve it gladly. Teh end.") == ["Recieve", "Teh"]
    assert flagged(checker, "Adn so it went. Hte door shut.") == ["Adn", "Hte"]


def test_short_unknown_names_at_sentence_start_are_not_flagged() -> None:
    checker = SpellChecker(CheckConfig())
    assert flagged(checker, "Kai left. Tam waited. Ose laughed. Ari sighed.") == []


def test_name_seen_mid_sentence_is_not_flagged_at_sentence_start() -> None:
    checker = SpellChecker(CheckConfig())
    assert flagged(checker, "Pierse came in. They looked at Pierse.") == []


def test_lowercase_typos_are_flagged_among_fiction(us: SpellChecker) -> None:
    text = "“Y'know,” Damon said, “I thougth you'd be gonna waitt.”"
    assert flagged(us, text) == ["thougth", "waitt"]


def test_british_spellings_pass_in_both_dialects(us: SpellChecker, gb: SpellChecker) -> None:
    text = "The colour of the theatre's centre, travelling grey through the programme."
    assert flagged(gb, text) == []
    assert flagged(us, text) == []


def test_american_spelling_in_british_project_suggests_british_form(gb: SpellChecker) -> None:
    [issue] = gb.check("The color drained from her face.")
    assert issue.rule == VARIANT_RULE
    assert issue.replacements == ("colour",)
    assert "colour" in issue.message


def test_archaic_spellings_of_classics_pass(gb: SpellChecker) -> None:
    assert flagged(gb, "She would chuse to shew her connexion to-morrow.") == []


def test_french_sentence_is_skipped(us: SpellChecker) -> None:
    text = "“Eh bien, mon prince, je vous préviens que si vous ne me dites pas que nous avons la guerre.”"
    assert flagged(us, text) == []


def test_foreign_phrase_next_to_a_foreign_word_is_skipped(us: SpellChecker) -> None:
    assert flagged(us, "Well, mon cher, the evening was long.") == []


def test_known_words_accept_names_and_their_possessives() -> None:
    checker = SpellChecker(CheckConfig(known_words=frozenset({"Xanthor Velk", "grimdark"})))
    assert flagged(checker, "Xanthor's sword. Velk’s horse. Grimdark tales are grimdark.") == []


def test_add_words_accepts_a_word_that_was_flagged() -> None:
    checker = SpellChecker(CheckConfig())
    assert flagged(checker, "The snorklewump ate.") == ["snorklewump"]
    checker.add_words(["snorklewump"])
    assert flagged(checker, "The snorklewump ate.") == []


def test_hyphenated_compound_parts_are_checked(us: SpellChecker) -> None:
    assert flagged(us, "A well-knwon story.") == ["knwon"]


def test_empty_and_punctuation_only_text(us: SpellChecker) -> None:
    assert us.check("") == []
    assert us.check("... — !!") == []


def test_is_correct_and_cache_agree(us: SpellChecker) -> None:
    assert us.is_correct("house") and us.is_correct("house")
    assert not us.is_correct("hosue")


COMMON_TYPOS = (
    "recieve definately seperate occured untill wich becuase thier beleive accomodate tommorow begining wierd "
    "truely publically suprise writting taht waht happend stareted bedrom basicly quitely brigth darkenss "
    "screemed threshhold vaccum teh adn hte jsut freind realy thougth hosue somthing alwasy agian"
).split()


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_common_typos_are_not_excused_by_the_fiction_leniency(dialect: str) -> None:
    checker = SpellChecker(CheckConfig(dialect=dialect))
    missed = [typo for typo in COMMON_TYPOS if not checker.check(f"She said the {typo} was there.")]
    assert missed == []


@pytest.mark.parametrize(
    "text",
    [
        "“Wetched business, my fwiend,” he said. “Bwing the pwisoner.”",
        "“Ze Emperor vill see dat,” said the German. “Dere has neffer been such a case.”",
        "The gentlemanlike vicomte stood in the cowhouse, unfrequently seen.",
        "The light shineth in darkness, and Thou gavest it.",
        "He answered grumblingly, sulkingly, and she laughed flusteredly.",
        "An antiroyalist pamphlet, quasireligious and pseudoscholarly, lay on the ultramodern desk.",
        "“In this cond...” she began. “Ex... len... lency!”",
        "The piti-piti-piti of the fly, and the tra-la-la.",
    ],
)
def test_eye_dialect_derived_words_and_broken_speech_are_quiet(us: SpellChecker, text: str) -> None:
    assert flagged(us, text) == []


def test_an_adverb_is_made_only_of_a_participle_that_is_a_word(us: SpellChecker) -> None:
    assert flagged(us, "She smiled happyly and walked quickedly, hobblingly, to the gate.") == ["happyly", "quickedly"]
    assert flagged(us, "They lived separatedly and spoke purposedly.") == ["separatedly", "purposedly"]  # one slip off


def test_learn_names_finds_names_used_mid_sentence_across_wrapped_lines() -> None:
    checker = SpellChecker(CheckConfig())
    text = "The marshal was\nDavout. They sent for Marshal Dravout\nlater.\n\nDravout was late."
    assert flagged(checker, "Dravout was late.") == []  # not near a common word: a name anyway
    assert checker.learn_names(text) >= 1
    assert flagged(checker, "Davout was late.") == []


def test_capitalised_word_after_a_title_or_before_another_capital_is_a_name() -> None:
    checker = SpellChecker(CheckConfig())
    assert flagged(checker, "It was Mrs. Younge. Then Haye Park came into view.") == []


def test_quick_suggest_fixes_typos_without_the_full_search(us: SpellChecker) -> None:
    assert us.suggest("recieve", thorough=False)[0] == "receive"
    assert us.suggest("accidently", thorough=False)[0] == "accidentally"  # two letters missing: still found
    assert us.suggest("accidently")[0] == "accidentally"


@pytest.mark.parametrize("word", ["lol", "omg", "tbh", "wtf", "snuck", "wellbeing", "walkthrough"])
def test_texting_and_modern_words_pass(us: SpellChecker, word: str) -> None:
    assert us.check(f"Then {word} came up again.") == []


@pytest.mark.parametrize("word", ["wht", "th", "jst", "thf", "tk", "hwr", "wqs"])
def test_vowelless_typos_of_common_words_stay_flagged(us: SpellChecker, word: str) -> None:
    assert [issue.text for issue in us.check(f"Then {word} came up again.")] == [word]


def test_a_long_stretch_of_random_letters_is_skipped_not_judged_word_by_word(us: SpellChecker) -> None:
    noise = " ".join(["qzxv", "wkrp", "jjfq", "plmq", "zvbn", "xqwt", "vhjk", "qqpz"] * 5)
    assert us.check(noise) == []


def test_a_long_paragraph_full_of_typos_is_still_checked(us: SpellChecker) -> None:
    text = (
        "Teh wind was colder then she rememberd, and the rodes were emtpy as she walked hom past the "
        "churchyard and the old mill where her brother had worked before the war took him away from them all."
    )
    assert {"rememberd", "emtpy"} <= {issue.text for issue in us.check(text)}


def test_a_verdict_does_not_depend_on_the_words_judged_before_it() -> None:
    # "wobbers" is accepted as a derived shape, never as a dictionary word; it must not make "wobbahs" (an accent
    # spelled out over it) acceptable only in a process that happened to judge it first.
    fresh = SpellChecker(CheckConfig())
    primed = SpellChecker(CheckConfig())
    assert primed.is_correct("wobbers")
    assert primed.is_correct("wobbahs") == fresh.is_correct("wobbahs")



def test_a_paragraphs_flags_do_not_depend_on_what_was_checked_before() -> None:
    # Thirty-odd words whose first ones are English and whose unknown ones (names, one typo) are many: checked a
    # second time, when the speller has cached every verdict, it must not be taken for gibberish and skipped.
    speller = SpellChecker(CheckConfig(dialect="en-US", strict_dialogue=True))
    text = (
        "We used to walk down to the old mill every morning, and then Brannoch, Quillet, Morvane, Tesharra, "
        "Olvirre, Zandrel, Pessoway and Kulgrith came along the lane, and all of them laughed at the mwill wheel."
    )
    first = [issue.text for issue in speller.check(text)]
    assert "mwill" in first
    assert [issue.text for issue in speller.check(text)] == first
    assert [issue.text for issue in speller.check(text)] == first


def test_a_stretch_of_non_words_is_still_skipped() -> None:
    speller = SpellChecker(CheckConfig(dialect="en-US"))
    noise = " ".join(f"qx{chr(97 + i % 26)}vzk{i}w" for i in range(40)).replace("0", "o")
    assert speller.check("xqzvb plokr " + noise) == []


def test_the_capitals_shortcut_decides_as_the_plain_test_does() -> None:
    """``_judge`` skips its capital test for a word whose tail is lowercase: the plain test must say no there."""
    import random
    import sys

    chance = random.Random(7)
    cased = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isupper() or chr(c).istitle() or chr(c).islower()]
    pieces = [*chance.sample(cased, 400), "a", "B", "ǅ", "ß", "ﬁ", "'", "’", "ª", "ʰ", "Ⓐ", "ⓐ", "中", "1"]
    for _ in range(20_000):
        word = "".join(chance.choices(pieces, k=chance.randint(2, 6)))
        plain = word.isupper() or any(c.isupper() for c in word[1:])
        assert (not word[1:].islower() and plain) == plain, word
