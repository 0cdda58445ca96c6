"""The idiom family (resources/rules/idioms.toml) on sentences of its own.

Each sentence goes through a checker holding only the family's rules, over the real linguistic pipeline:
a bent idiom is flagged in every tense of its verb and fixed by inflection, while literal senses, names,
dialogue and the standard forms stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.path.name == "idioms.toml"]
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)
BRITISH = family_checker(RULES, dialect="en-GB")


def _fixed(text: str) -> str:
    return apply_fixes(text, CHECKER.check(text), require_fix=True)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        # "do a mistake" in every form of "do", with or without a determiner
        ("The clerk does the same mistake every week.", "The clerk makes the same mistake every week."),
        ("We were doing a grave mistake, and we knew it.", "We were making a grave mistake, and we knew it."),
        ("They have done mistakes enough for one day.", "They have made mistakes enough for one day."),
        ("Old men do foolish mistakes too.", "Old men make foolish mistakes too."),
        # amount to / account for
        ("The whole estate amounts for a few fields.", "The whole estate amounts to a few fields."),
        # pale in comparison: the verb in the tense of "be"
        ("My hardships are pale in comparison with yours.", "My hardships pale in comparison with yours."),
        ("The old house was pale by comparison.", "The old house paled by comparison."),
        ("The jewels would be pale in comparison.", "The jewels would pale in comparison."),
        # better off / better served
        ("The boy is better off served with a tutor.", "The boy is better served with a tutor."),
        ("We were better off served staying home.", "We were better off staying home."),
        # shoot oneself in the foot, any reflexive pronoun
        ("She shot herself into the foot by lying.", "She shot herself in the foot by lying."),
        # in stock, viscous circle, how to, need the
        ("The draper kept three bolts of it on stock.", "The draper kept three bolts of it in stock."),
        ("Hunger and theft formed a viscous cycle.", "Hunger and theft formed a vicious cycle."),
        ("Nobody taught me how saddle a horse.", "Nobody taught me how to saddle a horse."),
        ("They needed to approval of the magistrate.", "They needed the approval of the magistrate."),
        # dint, get past, doubled to, their's
        ("We dint hear the bell.", "We didn't hear the bell."),
        ("The thief got pass the dogs.", "The thief got past the dogs."),
        ("She is getting pass her grief.", "She is getting past her grief."),
        ("He wrote it on his to to list.", "He wrote it on his to-do list."),
        ("It was time to to leave.", "It was time to leave."),
        ("I think their's a storm coming.", "I think there's a storm coming."),
        # go missing, handful, fed up with, chock-full, fledged, flesh out
        ("The cattle became missing overnight.", "The cattle went missing overnight."),
        ("Jewels keep becoming missing from the vault.", "Jewels keep going missing from the vault."),
        ("She scattered a hand full of seed.", "She scattered a handful of seed."),
        ("I am fed up of your excuses.", "I am fed up with your excuses."),
        ("The cellar was chucked full of wine.", "The cellar was chock-full of wine."),
        ("By then she was a fully pledged nurse.", "By then she was a fully fledged nurse."),
        ("He fledged out the story over dinner.", "He fleshed out the story over dinner."),
        # on the floor, ought to, take seriously, short comparatives
        ("They rented rooms in the fourth floor.", "They rented rooms on the fourth floor."),
        ("We out to have left sooner.", "We ought to have left sooner."),
        ("No one takes a child's fears serious.", "No one takes a child's fears seriously."),
        ("The wind grew more cold at dusk.", "The wind grew colder at dusk."),
        # looks like (that), let's, one of the + plural
        ("It seems like that they have left already.", "It seems like they have left already."),
        ("Come on, lets hurry before dark.", "Come on, let's hurry before dark."),
        ("She was one of the finest rider in the county.", "She was one of the finest riders in the county."),
        ("He sold one of his best carriage horse, then regretted it.", "He sold one of his best carriage horses, then regretted it."),
        # set phrases and word splits
        ("With regards to the money, say nothing.", "With regard to the money, say nothing."),
        ("She asked nothing regarding to his past.", "She asked nothing regarding his past."),
        ("They have all ready eaten.", "They have already eaten."),
        ("May be we should wait.", "Maybe we should wait."),
        ("Both her sister-in-laws came.", "Both her sisters-in-law came."),
        ("The crowd grew from ten too twenty.", "The crowd grew from ten to twenty."),
        ("We hoped onto a crowded tram.", "We hopped onto a crowded tram."),
        ("Everythings changing in this town.", "Everything's changing in this town."),
        ("If he would've stayed, we would have won.", "If he had stayed, we would have won."),
        ("The man whom stole the horse was hanged.", "The man who stole the horse was hanged."),
        ("Whomever said that was lying.", "Whoever said that was lying."),
        ("He self-taught himself to read.", "He taught himself to read."),
        ("And hell be gone by morning.", "And he'll be gone by morning."),
    ],
)
def test_bent_idioms_are_flagged_and_fixed_by_inflection(bad: str, fixed: str) -> None:
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        # the standard idioms
        "The clerk makes the same mistake every week.",
        "Their savings amounted to very little.",
        "My hardships paled in comparison with yours.",
        "Marriage was never in the cards for him.",
        # literal senses stay quiet
        "Did the mistake cost him his place?",
        "What good did the mistake do anyone?",
        "Her face was pale in comparison with her mother's.",
        "They looked pale in comparison to the tanned sailors.",
        "The blood on the cards had dried.",
        "He put his last coin on the cards.",
        "The amount for the rent was due.",
        "The hunter shot himself in the leg by accident.",
        "His debts went on stock speculation.",
        "Thick, viscous syrup filled the jar.",
        "She knew how hard the winter would be.",
        "He wondered how long the road was.",
        "I like how quiet the house is.",
        "We need to talk about the money.",
        "She needed to rest before supper.",
        "By dint of patience, she won.",
        "Go pass the bread to your sister.",
        "He got a pass from the sergeant.",
        "The boy she had written to to ask for help never came.",
        "He had nobody to talk to to pass the time.",
        "Theirs was a quiet house.",
        "The children who become missing persons are rarely found.",
        "His hand, full of crumbs, reached for more.",
        "He was fed up of waiting.",
        "They made it out to be a fortress.",
        "She set out to be a governess.",
        "He took a serious view of the matter.",
        "The lift stopped at the third floor.",
        "She was more dead than alive.",
        "The more he drank, the more old he looked.",
        "It looked like that for a moment, then the cloud passed.",
        "He lets nobody near the horses.",
        "Father lets the boys ride on Sundays.",
        "He was one of the family by then.",
        "One of the crew had deserted.",
        "It was one of the king's own regiments.",
        "She was one of the aides-de-camp's cousins.",
        "The dog was one of the litter's runts.",
        "Give my regards to your mother.",
        "The horses were all ready by dawn.",
        "It may be we were wrong.",
        "Her in-laws came to dinner.",
        "He ate one too many.",
        "Me too, she said.",
        "She hoped on the whole for rain.",
        "He whispered sweet nothings to her.",
        "She smiled as if she would have laughed.",
        "I wondered if they would have stayed.",
        "The man whom they hanged had stolen a horse.",
        "Three riders, one of whom was wounded, came in.",
        "Go to hell and be damned.",
        "The shell beside her was cracked.",
    ],
)
def test_standard_and_literal_uses_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []


def test_on_the_cards_is_american_advice_only() -> None:
    sentence = "A trip abroad was not on the cards that year."
    assert [issue.text for issue in CHECKER.check(sentence)] == ["on"]
    assert BRITISH.check(sentence) == []


def test_a_characters_nonstandard_speech_is_voice_unless_the_check_is_strict() -> None:
    spoken = "“We dint see nothing, and nobody showed us how fix it,” said the boy."
    assert CHECKER.check(spoken) == []
    assert {issue.rule for issue in STRICT.check(spoken)} == {"IDIOM_DINT_DIDNT", "IDIOM_HOW_TO"}
