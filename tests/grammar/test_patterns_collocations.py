"""The collocation family (resources/rules/patterns_collocations.toml) on sentences of its own.

Each sentence goes through a checker holding only the family's rules, over the real linguistic pipeline:
a head word with the wrong preposition is flagged in any tense or form and fixed with the right one, while
fiction's legitimate uses (time spans, set phrases, names, dialogue) stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.id.startswith("PAT_COLLOC_")]
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(text: str) -> list[Issue]:
    return CHECKER.check(text)


def _fixed(text: str) -> str:
    return apply_fixes(text, _issues(text))


def test_the_family_lives_in_its_own_file_and_every_rule_is_relaxed_in_dialogue() -> None:
    assert len(RULES) >= 30
    assert {rule.path.name for rule in RULES} == {"patterns_collocations.toml"}
    assert all(rule.relaxed_in_dialogue and rule.gate is not None for rule in RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        # every tense and form of the head verb, by its lemma
        ("Our supper depends of what the river gives us.", "Our supper depends on what the river gives us."),
        ("You cannot depend from a liar.", "You cannot depend on a liar."),
        ("The coach was arriving to the inn at noon.", "The coach was arriving at the inn at noon."),
        ("Her cousin had been married with a sailor for years.", "Her cousin had been married to a sailor for years."),
        ("They discuss about money every night.", "They discuss money every night."),
        ("Nobody had ever described about that valley.", "Nobody had ever described that valley."),
        ("Could you explain me why the mill stopped?", "Could you explain to me why the mill stopped?"),
        ("He was listening the rain on the roof.", "He was listening to the rain on the roof."),
        ("The whole parish participates to the fair.", "The whole parish participates in the fair."),
        ("The army consisted from farmers and boys.", "The army consisted of farmers and boys."),
        ("Nothing would stop her of telling the truth.", "Nothing would stop her from telling the truth."),
        ("My father insists to walk to church.", "My father insists on walking to church."),
        ("She never succeeded to finish the quilt.", "She never succeeded in finishing the quilt."),
        ("They were accusing the smith for cheating.", "They were accusing the smith of cheating."),
        ("Hannah shouted on them from the porch.", "Hannah shouted at them from the porch."),
        ("In June they went to a trip to the lakes.", "In June they went on a trip to the lakes."),
        ("After school I go to home by the lane.", "After school I go home by the lane."),
        # adjectives
        ("Why were you afraid from the old woman?", "Why were you afraid of the old woman?"),
        ("The captain seemed interested about our cargo.", "The captain seemed interested in our cargo."),
        ("Who was responsible of the lamps?", "Who was responsible for the lamps?"),
        ("His uncle felt proud about the new fence.", "His uncle felt proud of the new fence."),
        ("Her voice is different of her mother's.", "Her voice is different from her mother's."),
        ("This key looks similar with that one.", "This key looks similar to that one."),
        ("Don't be angry on me, Tom.", "Don't be angry with me, Tom."),
        ("Martha was always good in sewing.", "Martha was always good at sewing."),
        ("The horses were accustomed with the dark.", "The horses were accustomed to the dark."),
        ("Not one of them was aware about the flood.", "Not one of them was aware of the flood."),
        # nouns and set phrases
        ("The mayor is on a meeting until four.", "The mayor is in a meeting until four."),
        ("In the other hand, the pay was good.", "On the other hand, the pay was good."),
        ("The doctor took into consideration of her age.", "The doctor took into consideration her age."),
        ("He offered his boots in exchange of a ride.", "He offered his boots in exchange for a ride."),
        ("The wedding is in Saturday.", "The wedding is on Saturday."),
        ("The post comes at the afternoon.", "The post comes in the afternoon."),
        ("The verse is in page 40.", "The verse is on page 40."),
        ("Everyone was on shock for days.", "Everyone was in shock for days."),
        ("The priest entered in the church alone.", "The priest entered the church alone."),
        ("The school was not far of our house.", "The school was not far from our house."),
        ("Grandfather is suffering of a cold.", "Grandfather is suffering from a cold."),
        ("The barrel was full with rainwater.", "The barrel was full of rainwater."),
        ("The wages are paid in the end of the week.", "The wages are paid at the end of the week."),
        ("In my point of view, he lied.", "From my point of view, he lied."),
        ("The girls took part at the dance.", "The girls took part in the dance."),
        ("You never pay attention on me.", "You never pay attention to me."),
        ("My brother attends to the village school.", "My brother attends the village school."),
        ("The bread lacked of salt.", "The bread lacked salt."),
        ("I prefer the hills than the sea.", "I prefer the hills to the sea."),
        ("We hurried to downstairs.", "We hurried downstairs."),
        ("The audience was absorbed at the play.", "The audience was absorbed in the play."),
        ("Mrs. Hale was pleased from the curtains.", "Mrs. Hale was pleased with the curtains."),
        ("The cook was accused for theft.", "The cook was accused of theft."),
        ("There were countless of rumours.", "There were countless rumours."),
        ("Nobody would rely of his word.", "Nobody would rely on his word."),
        ("Hers was the reply of the letter.", "Hers was the reply to the letter."),
        ("You should apologize them at once.", "You should apologize to them at once."),
        ("His wife graduated college in May.", "His wife graduated from college in May."),
        ("The house comprised of four rooms.", "The house comprised four rooms."),
        ("The valley is famous of its apples.", "The valley is famous for its apples."),
        ("Wool is superior than cotton in winter.", "Wool is superior to cotton in winter."),
        ("They travelled by foot.", "They travelled on foot."),
        ("It was love in first sight.", "It was love at first sight."),
        ("I read the news in the internet.", "I read the news on the internet."),
        ("She raised the boy by her own.", "She raised the boy on her own."),
        ("In contrary to the forecast, it snowed.", "Contrary to the forecast, it snowed."),
    ],
)
def test_a_wrong_preposition_is_flagged_and_fixed(bad: str, fixed: str) -> None:
    assert _issues(bad), bad
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        # the right prepositions, and the other senses of the wrong ones
        "Everything depends on the weather.",
        "He is independent of his father, though he depends, of course, on the farm.",
        "She arrived to find the house dark.",
        "The neighbours arrived to the rescue with buckets.",
        "They were married with two children and a dog.",
        "He talked about twenty minutes and mentioned about a dozen names.",
        "Let me explain myself, Mr. Hart.",
        "He lay listening a long while to the wind.",
        "He leaned on his elbow, listening a good\nwhile at a time.",
        "The clerk was accused for years of theft.",
        "She had heard countless stories.",
        "It is best in dealing with children to be firm.",
        "He was interested at once.",
        "She was proud with good reason.",
        "She was afraid from the very beginning.",
        "This was the most different of the three.",
        "He lifted the lamp. In the other hand, he held a pistol.",
        "By example, not by sermons, she taught them.",
        "She looked out at the evening.",
        "They took part at the time in every raid.",
        "He paid attention in church.",
        "Her brother graduated high school last year.",
        "She wore her Sunday best in Sunday school.",
        "He was on the lesson plan committee.",
        "He took his life by his own hand.",
        "The house had a garden of its own.",
        "She listened the whole evening and said nothing.",
        "Happiness consists in small things.",
        "The song was composed from memory.",
        "The county was divided in two by the river.",
        "He cut the board in three places.",
        "He succeeded to the throne in the spring.",
        "He accused her for the second time of lying.",
        "She was afraid for her sons.",
        "He was jealous on his brother's account.",
        "She was interested for a moment, then looked away.",
        "He was too proud for such work.",
        "I was proud for you, Annie.",
        "They were as similar as two peas.",
        "She grew angry on hearing the news.",
        "There is good in everyone.",
        "The chair was used with care.",
        "They agreed on a meeting place.",
        "She held a lamp in one hand and the key in the other hand, and waited.",
        "She felt at home there.",
        "He went to the holiday cottage.",
        "She led by example, always.",
        "In the end, nobody came.",
        "They sat at the same table in the same way as before.",
        "The suffering of the poor moved her.",
        "The solution of the question was still far off.",
        "He lacked nothing of what he needed.",
        "There was no lack of food.",
        "She attended to the guests all evening.",
        "He took part of the blame.",
        "The ship sailed on Monday.",
        "We met in Monday's rain and Tuesday's fog.",
        "She preferred reading rather than sewing.",
        "He was pleased from the first.",
        "The doctor was summoned at once.",
        "Nearest of all to the door stood the footman.",
        "The house was quiet at the evening meal.",
        # dialogue: a character's own English stays the character's own
        "“I am afraid from the dark,” said the little girl.",
        "“We go to home now,” Pierre said.",
    ],
)
def test_right_and_legitimate_uses_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_a_characters_wrong_preposition_is_flagged_only_when_dialogue_is_checked_strictly() -> None:
    spoken = "“I am afraid from the dark,” said the little girl."
    assert not _issues(spoken)
    assert [issue.text for issue in STRICT.check(spoken)] == ["from"]


def test_a_replaced_preposition_keeps_the_writers_capital() -> None:
    issues = _issues("By example, the gate was locked.")
    assert [(issue.text, issue.replacements) for issue in issues] == [("By", ("For",))]


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        # the verb a noun takes, in every tense of the wrong verb, the fix in the same tense
        ("My brothers do hockey every winter.", "My brothers play hockey every winter."),
        ("He was doing chess with the vicar.", "He was playing chess with the vicar."),
        ("Grandpa does fishing at dawn.", "Grandpa goes fishing at dawn."),
        ("They had done camping by the lake.", "They had gone camping by the lake."),
        ("The twins play judo on Tuesdays.", "The twins do judo on Tuesdays."),
        ("The students made a party after the exams.", "The students threw a party after the exams."),
        ("The council does a meeting on Fridays.", "The council has a meeting on Fridays."),
        ("Father made a photograph of the wedding.", "Father took a photograph of the wedding."),
        ("You did a mistake in the letter.", "You made a mistake in the letter."),
        ("She is doing the same error again.", "She is making the same error again."),
        ("The dog got pass the fence again.", "The dog got past the fence again."),
        # adjectives and nouns with the preposition they govern
        ("The nurses were kind with them.", "The nurses were kind to them."),
        ("The answer seemed obvious for him.", "The answer seemed obvious to him."),
        ("The climb was hard to her.", "The climb was hard for her."),
        ("Her garden is important with her.", "Her garden is important to her."),
        ("He became tired about the long wait.", "He became tired of the long wait."),
        ("The judge found the clerk guilty for forgery.", "The judge found the clerk guilty of forgery."),
        ("The inn is close from the harbour.", "The inn is close to the harbour."),
        ("He has an interest for botany.", "He has an interest in botany."),
        ("His craving was an addiction for gin.", "His craving was an addiction to gin."),
        ("A lot boats were lost that winter.", "A lot of boats were lost that winter."),
        ("Ask the sergeant who is in charge for the guns.", "Ask the sergeant who is in charge of the guns."),
        ("The carriage stopped in front to the church.", "The carriage stopped in front of the church."),
        # verbs and their prepositions, by lemma
        ("The bishop believes to miracles.", "The bishop believes in miracles."),
        ("She bragged for her new horse.", "She bragged of her new horse."),
        ("The tenants complain for the damp rooms.", "The tenants complain about the damp rooms."),
        ("The guard scowled to us from the gate.", "The guard scowled at us from the gate."),
        ("The Brownes leave to Boston on Monday.", "The Brownes leave for Boston on Monday."),
        ("They went home with the ferry.", "They went home by ferry."),
        ("Her son was admitted at the academy.", "Her son was admitted to the academy."),
        ("The widow applied to a pension.", "The widow applied for a pension."),
        ("He is applying for a conservatory in Vienna.", "He is applying to a conservatory in Vienna."),
        ("Girls between six to nine sang first.", "Girls between six and nine sang first."),
        ("The hail did great damage of the orchard.", "The hail did great damage to the orchard."),
        ("Nothing could cure us from that habit.", "Nothing could cure us of that habit."),
        ("People associate the old mill to bad luck.", "People associate the old mill with bad luck."),
        ("That account explains the fire, and it accounts the smoke.", "That account explains the fire, and it accounts for the smoke."),
        ("The thief hid of the constable.", "The thief hid from the constable."),
        ("There is no difference about his story and hers.", "There is no difference between his story and hers."),
        ("It was sure that the letter had been opened.", "It was certain that the letter had been opened."),
        ("He brought his fiddle at the wedding.", "He brought his fiddle to the wedding."),
        ("They met in a concert in Bath.", "They met at a concert in Bath."),
        ("She fell ill in the voyage home.", "She fell ill on the voyage home."),
        ("The boots are at the cellar.", "The boots are in the cellar."),
    ],
)
def test_the_verb_a_noun_takes_and_the_preposition_a_head_governs_are_fixed(bad: str, fixed: str) -> None:
    assert _issues(bad), bad
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "Does chess improve the mind?",
        "We did football practice in the rain.",
        "Did swimming ever help your back?",
        "They did some fishing off the pier.",
        "The orchestra played ballet music.",
        "He made a party of four for the theatre.",
        "She was party to the plot.",
        "What did the meeting decide?",
        "The old man made the photograph famous.",
        "Where did the mistake creep in?",
        "Do those mistakes bother you?",
        "Go pass the bread to your aunt.",
        "She was generous with money and gentle with him.",
        "The way was clear for him to leave.",
        "It seemed hard to me, but I said nothing.",
        "She looked tired about the eyes.",
        "He felt guilty for the rest of the day.",
        "She stood close by the fire.",
        "The tale had no interest for her.",
        "We walked a lot yesterday.",
        "He was in charge for the week.",
        "He was believed to be in Paris.",
        "He complained for an hour.",
        "She turned to him and frowned.",
        "The farm was left to Agnes.",
        "He came with the train guard.",
        "The facts were admitted at the inquest.",
        "He applied to the parish for help.",
        "They were born between 1850 to 1860.",
        "He associated with smugglers to make a living.",
        "He sold the hide of the ox.",
        "The differences about which they argued were small, and soon forgotten.",
        "I am sure that he will come.",
        "He brought her at the dinner hour.",
        "They met in a dance hall.",
        "She was interested in the voyage.",
        "He waited at the kitchen door.",
        "Mr. Wood's horses in the team were tired.",
        # a character's voice stays the character's
        "“We do football after church,” said Tom.",
        "“I did a mistake, ma'am,” the boy said.",
    ],
)
def test_the_other_senses_of_the_new_heads_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The jury was comprised of farmers.", "The jury was composed of farmers."),
        ("The army constitutes of three corps.", "The army consists of three corps."),
        ("The inn was renown for its ale.", "The inn was renowned for its ale."),
        ("Her letters meant everything for him.", "Her letters meant everything to him."),
        ("Beware with the loose boards.", "Beware of the loose boards."),
        ("The cook makes us of every bone.", "The cook makes use of every bone."),
        ("We had a lunch at the river.", "We had lunch at the river."),
    ],
)
def test_set_collocations_are_fixed(bad: str, fixed: str) -> None:
    assert _issues(bad), bad
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "The jury comprised twelve farmers.",
        "He was constituted for hard work.",
        "She earned renown as a singer.",
        "It was meant for her to find.",
        "Beware the dog.",
        "They made use of the quiet.",
        "We had a lunch of bread and cheese.",
        "The duke gave a dinner for the officers.",
        "She hurried to a supper at the Grand Hotel.",
    ],
)
def test_set_collocations_in_their_right_form_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_what_happened_to_a_person_takes_to_but_a_habit_keeps_with() -> None:
    assert _fixed("Tell me what happened with her.") == "Tell me what happened to her."
    assert not _issues("Such fits seldom happened with her.")


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("Please wait us by the gate.", "Please wait for us by the gate."),
        ("The squire congratulated Tom for his catch.", "The squire congratulated Tom on his catch."),
        ("The dogs obey to the shepherd's whistle.", "The dogs obey the shepherd's whistle."),
        ("The captain approached to the wreck at dawn.", "The captain approached the wreck at dawn."),
        ("Her cousin married to a widower last spring.", "Her cousin married a widower last spring."),
        ("The innkeeper said us that the road was closed.", "The innkeeper told us that the road was closed."),
        ("Nobody ever tells to me anything.", "Nobody ever tells me anything."),
        ("The cellar was packed of apples.", "The cellar was packed with apples."),
        ("They were amazed from the size of the fish.", "They were amazed at the size of the fish."),
        ("We sail at Friday.", "We sail on Friday."),
    ],
)
def test_verbs_that_take_their_object_directly_or_another_preposition_are_fixed(bad: str, fixed: str) -> None:
    assert _issues(bad), bad
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "Wait your turn, boy.",
        "The approach to the farm was muddy.",
        "They kept in contact with the lawyer.",
        "She was married to the miller.",
        "The man whom she meant to marry to her niece was poor.",
        "It was told to me by the ferryman.",
        "The jar was full of honey.",
        "She was startled from a doze by the bell.",
        "We met at Sunday school.",
        "She was at my birthday party.",
    ],
)
def test_the_right_objects_and_other_senses_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_things_worn_on_the_body_take_on() -> None:
    assert _fixed("The old man wore spectacles in his head.") == "The old man wore spectacles on his head."
    assert not _issues("She wore her shawl in the back room.")


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The council did the wrong choice.", "The council made the wrong choice."),
        ("The clerk replied them in French.", "The clerk replied to them in French."),
        ("My uncle never cared of money.", "My uncle never cared about money."),
        ("She thought in him all winter.", "She thought of him all winter."),
        ("Mother went for fishing with the boys.", "Mother went fishing with the boys."),
        ("Did you make your homework?", "Did you do your homework?"),
        ("Never say a lie to the judge.", "Never tell a lie to the judge."),
        ("Open the lights, Martha.", "Turn on the lights, Martha."),
        ("Somebody closed the television.", "Somebody turned off the television."),
    ],
)
def test_the_verb_a_noun_takes_is_fixed_in_its_tense(bad: str, fixed: str) -> None:
    assert _issues(bad), bad
    assert _fixed(bad) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "What choices do the men have?",
        "She took care of the orphans.",
        "They were in the care of the parish.",
        "He thinks in numbers.",
        "They went for fishing rods and bait.",
        "He made homework a pleasure.",
        "She said the story was old.",
        "He opened the light blue box.",
    ],
)
def test_the_right_verb_and_its_other_senses_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]
