"""Make a word's form from its lemma and a Penn tag (``go`` + ``VBN`` -> ``gone``), for rule fixes.

English inflection is regular apart from a closed list of strong verbs and a few nouns and adjectives;
those are listed once here, for every rule to share, and the rest follows the spelling rules (``-s``/``-es``/
``-ies``, ``-ed`` with a dropped ``e``, a ``y`` turned ``i`` or a doubled final consonant).
"""

from __future__ import annotations

from functools import lru_cache

# base, past tense, past participle (alternatives after "/", the first is the one suggested).
_STRONG_VERBS = """
arise arose arisen|awake awoke awoken|be was been|bear bore borne|beat beat beaten|become became become
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bite bit bitten/bit|bleed bled bled
blow blew blown|break broke broken|breed bred bred|bring brought brought|build built built|burn burnt/burned burnt/burned
burst burst burst|buy bought bought|cast cast cast|catch caught caught|choose chose chosen|cling clung clung
come came come|cost cost cost|creep crept crept|cut cut cut|deal dealt dealt|dig dug dug|dive dove/dived dived
do did done|draw drew drawn|dream dreamt/dreamed dreamt/dreamed|drink drank drunk|drive drove driven|dwell dwelt dwelt
eat ate eaten|fall fell fallen|feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled
fling flung flung|fly flew flown|forbid forbade forbidden|forget forgot forgotten/forgot|forgive forgave forgiven
freeze froze frozen|get got got/gotten|give gave given|go went gone|grind ground ground|grow grew grown
hang hung hung|have had had|hear heard heard|hide hid hidden/hid|hit hit hit|hold held held|hurt hurt hurt
keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|lean leant/leaned leant/leaned
leap leapt/leaped leapt/leaped|learn learnt/learned learnt/learned|leave left left|lend lent lent|let let let
lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|meet met met|mistake mistook mistaken
overcome overcame overcome|overtake overtook overtaken|pay paid paid|prove proved proven/proved|put put put
quit quit quit|read read read|rid rid rid|ride rode ridden|ring rang rung|rise rose risen|run ran run
say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|sew sewed sewn/sewed
shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown/showed|shrink shrank shrunk
shut shut shut|sing sang sung|sink sank sunk|sit sat sat|slay slew slain|sleep slept slept|slide slid slid
sling slung slung|slit slit slit|smell smelt/smelled smelt/smelled|speak spoke spoken|speed sped sped
spell spelt/spelled spelt/spelled|spend spent spent|spill spilt/spilled spilt/spilled|spin spun spun|spit spat spat
split split split|spoil spoilt/spoiled spoilt/spoiled|spread spread spread|spring sprang sprung|stand stood stood
steal stole stolen|stick stuck stuck|sting stung stung|stink stank stunk|stride strode stridden|strike struck struck
string strung strung|strive strove striven|swear swore sworn|sweep swept swept|swell swelled swollen/swelled
swim swam swum|swing swung swung|take took taken|teach taught taught|tear tore torn|tell told told
think thought thought|throw threw thrown|thrust thrust thrust|tread trod trodden|understand understood understood
undertake undertook undertaken|upset upset upset|wake woke woken|wear wore worn|weave wove woven|weep wept wept
win won won|wind wound wound|withdraw withdrew withdrawn|wring wrung wrung|write wrote written
"""

_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought"})
_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "foot": "feet", "tooth": "teeth", "mouse": "mice",
    "goose": "geese", "person": "people", "ox": "oxen", "louse": "lice", "die": "dice",
}
_COMPARISON = {
    "good": ("better", "best"), "well": ("better", "best"), "bad": ("worse", "worst"), "badly": ("worse", "worst"),
    "far": ("farther", "farthest"), "little": ("less", "least"), "much": ("more", "most"), "many": ("more", "most"),
}
_VOWELS = frozenset("aeiou")
# Longer verbs stressed on their last syllable, whose final consonant doubles (others: visit -> visited).
_STRESSED_LAST = (
    "occur", "prefer", "refer", "defer", "confer", "infer", "transfer", "admit", "commit", "permit", "omit",
    "submit", "emit", "compel", "expel", "propel", "repel", "begin", "regret", "control", "patrol", "forget",
    "upset", "equip", "rebel", "excel", "incur", "recur", "deter", "abhor",
)


def _parse_strong() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for entry in _STRONG_VERBS.replace("\n", "|").split("|"):
        parts = entry.split()
        if len(parts) == 3:
            table[parts[0]] = (parts[1].split("/")[0], parts[2].split("/")[0])
    return table


_STRONG = _parse_strong()
VERB_TAGS = ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG")
TAGS = frozenset({*VERB_TAGS, "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"})


def _doubles(base: str) -> bool:
    """Whether the final consonant doubles before -ed/-ing (stop -> stopped, but visit -> visited)."""
    if len(base) < 3 or base[-1] in _VOWELS or base[-1] in "wxy":
        return False
    if not (base[-2] in _VOWELS and base[-3] not in _VOWELS):
        return False
    vowel_groups = sum(1 for i, ch in enumerate(base) if ch in _VOWELS and (i == 0 or base[i - 1] not in _VOWELS))
    return vowel_groups == 1 or base.endswith(_STRESSED_LAST)


def _suffix_s(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")) and not base.endswith(("oo",)):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def _suffix_ed(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        return base[:-1] + "ied"
    if base.endswith("c"):
        return base + "ked"
    if _doubles(base):
        return base + base[-1] + "ed"
    return base + "ed"


def _suffix_ing(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if base.endswith("c"):
        return base + "king"
    if _doubles(base):
        return base + base[-1] + "ing"
    return base + "ing"


def _verb(lemma: str, tag: str) -> str:
    if lemma in _MODALS:
        return lemma
    if lemma == "be":
        return {"VB": "be", "VBP": "are", "VBZ": "is", "VBD": "was", "VBN": "been", "VBG": "being"}[tag]
    if tag in ("VB", "VBP"):
        return lemma
    if tag == "VBZ":
        return {"have": "has", "do": "does", "go": "goes"}.get(lemma) or _suffix_s(lemma)
    if tag == "VBG":
        return _suffix_ing(lemma)
    strong = _STRONG.get(lemma)
    if strong is not None:
        return strong[0] if tag == "VBD" else strong[1]
    return _suffix_ed(lemma)


def _adjective(lemma: str, tag: str) -> str:
    if tag in ("JJ", "RB"):
        return lemma
    known = _COMPARISON.get(lemma)
    if known is not None:
        return known[0] if tag in ("JJR", "RBR") else known[1]
    ending = "er" if tag in ("JJR", "RBR") else "est"
    if lemma.endswith("e"):
        return lemma + ending[1:]
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "i" + ending
    if _doubles(lemma):
        return lemma + lemma[-1] + ending
    return lemma + ending


@lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    """The form of ``lemma`` (lower case) that has the Penn tag ``tag``; unknown tags leave the lemma as it is."""
    lemma = lemma.lower()
    if tag in VERB_TAGS:
        return _verb(lemma, tag)
    if tag in ("NNS", "NNPS"):
        return _PLURALS.get(lemma) or _suffix_s(lemma)
    if tag in ("JJR", "JJS", "RBR", "RBS"):
        return _adjective(lemma, tag)
    return lemma


def verb_forms(lemma: str) -> frozenset[str]:
    """Every form of a verb lemma: base, -s, past, participle, -ing, and the strong verbs' alternatives."""
    forms = {inflect(lemma, tag) for tag in VERB_TAGS}
    if lemma == "be":
        forms |= {"am", "were", "'m", "'re", "'s"}
    elif lemma == "have":
        forms |= {"'ve", "'d", "'s"}
    elif lemma in ("will", "would"):
        forms |= {"'ll"} if lemma == "will" else {"'d"}
    for entry in _STRONG_VERBS.replace("\n", "|").split("|"):
        parts = entry.split()
        if parts and parts[0] == lemma:
            forms.update(alt for part in parts[1:] for alt in part.split("/"))
    return frozenset(forms)


def forms_of(lemma: str) -> frozenset[str]:
    """Every form a lemma may take as a verb, a noun or an adjective (for finding a rule's trigger words)."""
    lemma = lemma.lower()
    forms = set(verb_forms(lemma))
    forms.add(inflect(lemma, "NNS"))
    forms.update(inflect(lemma, tag) for tag in ("JJR", "JJS"))
    return frozenset(forms)


def strong_forms(tag: str) -> frozenset[str]:
    """The plain forms (``VB``), past tenses (``VBD``) or participles (``VBN``) of the strong verbs, all spellings."""
    column = {"VB": 0, "VBD": 1}.get(tag, 2)
    found: set[str] = set()
    for entry in _STRONG_VERBS.replace("\n", "|").split("|"):
        parts = entry.split()
        if len(parts) == 3:
            found.update(parts[column].split("/"))
    return frozenset(found)


def alternatives(lemma: str, tag: str) -> frozenset[str]:
    """Every spelling the strong-verb list gives for ``lemma``'s past (``VBD``) or participle (``VBN``)."""
    if tag not in ("VBD", "VBN"):
        return frozenset()
    column = 1 if tag == "VBD" else 2
    for entry in _STRONG_VERBS.replace("\n", "|").split("|"):
        parts = entry.split()
        if len(parts) == 3 and parts[0] == lemma:
            return frozenset(parts[column].split("/"))
    return frozenset()
