"""Group the name forms found in the prose into people: one person, one entry, never two people in one.

Forms join when the text supports it: a full name and its first name ("Priya Anand", "Priya"), a titled form
and the same name bare ("Dr. Van Helsing", "Van Helsing"; "Lord Godalming", "Godalming"; "Miss Lucy", "Lucy"),
a titled surname and the one full name with that surname ("Mr. Morris", "Quincey Morris"), a nickname the
text introduces ("Katherine, or Kit"; "Tiny, whose real name was Theodore"; "Mr. Pickering was Pickles to every
kid"), and in a short draft a bare first name said to a titled person ("Thomas." to Sir Thomas). They stay apart when the text names two people with them: "Mr. X" and
"Mrs. X", a bare first name with two different surnames after it ("Anna Pávlovna", "Anna Mikháylovna"). A
group never holds two surnames nor titles for a man and a woman.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from writer_app.characters.titles import (
    EITHER_NAME_TITLES,
    SURNAME_TITLES,
    TITLE_KIND,
    is_female_title,
    is_male_title,
    kinds_conflict,
)


@dataclass
class FormStats:
    """What the prose says about one name form: how often, where, and with what company."""

    count: int = 0
    seen: int = 0  # occurrences read in context (the others were only counted): the base of every ratio
    mid: int = 0  # occurrences not at a sentence start
    verb_after: int = 0  # followed by a speech/action verb or a possessive
    acted: int = 0  # ... by a verb other than an auxiliary ("Jane smiled", not "Hope was")
    place_before: int = 0  # preceded by "in", "at", ...
    titled: str = ""  # the title, for titled forms
    said: int = 0  # a speech verb just before or after ("said Marcus", "Marcus whispered")
    address: int = 0  # a line of dialogue that is only the name, or the name as a vocative ("Kade, listen")
    possessive: int = 0
    article_before: int = 0  # "the Warden", "a Sydney number"
    after_preposition: int = 0  # mid-sentence right after "to", "from", "of"...: weak evidence of a person
    he: int = 0  # the first personal pronoun after it is "he"/"his"/"him"
    she: int = 0  # ... is "she"/"her"

    def absorb(self, other: FormStats, mid: int | None = None) -> None:
        """Add ``other``'s counts to this one (``mid`` overrides its mid-sentence count)."""
        self.count += other.count
        self.seen += other.seen
        self.mid += other.mid if mid is None else mid
        self.verb_after += other.verb_after
        self.acted += other.acted
        self.place_before += other.place_before
        self.said += other.said
        self.address += other.address
        self.possessive += other.possessive
        self.article_before += other.article_before
        self.after_preposition += other.after_preposition
        self.he += other.he
        self.she += other.she
        self.titled = other.titled

    @property
    def person_evidence(self) -> int:
        """Uses that only a person gets: spoken to, speaking, owning, acting at a sentence start."""
        return self.said + self.address + self.possessive + self.verb_after


@dataclass(frozen=True)
class Group:
    """One proposed person: the form shown and every form in the group, most used first."""

    head: str
    members: tuple[str, ...]


def _name_words(form: str, title: str) -> list[str]:
    words = form.split(" ")
    return words[1:] if title else words


def _is_patronymic(word: str) -> bool:
    return word.lower().endswith(("vich", "vna", "ichna", "ych", "ich"))


def _may_be_nickname(name: str, nickname: str) -> bool:
    """"Kit" for "Katherine", "Lizzy" for "Elizabeth": the same first letter or a piece of the name."""
    return nickname[0] == name[0] or nickname[:3].lower() in name.lower()


class _Grouper:
    """Guarded union-find over forms: a join that would put two people in one group is refused."""

    def __init__(self, forms: dict[str, FormStats], is_first_name: Callable[[str], bool]) -> None:
        self.forms = forms
        self.parent = {form: form for form in forms}
        self.surnames: dict[str, set[str]] = {}
        self.kinds: dict[str, set[str]] = {}
        self.words = {form: _name_words(form, stats.titled) for form, stats in forms.items()}
        self.is_first_name = is_first_name
        for form, stats in forms.items():
            surname = self.surname(form)
            self.surnames[form] = {surname} if surname else set()
            kind = TITLE_KIND.get(stats.titled)
            self.kinds[form] = {kind} if kind else set()

    def surname(self, form: str) -> str:
        """The family name a form states ("Bourgh" for "Lady Catherine de Bourgh"), or ``""``."""
        words = self.words[form]
        title = self.forms[form].titled
        if len(words) >= 2:
            return "" if len(words) == 2 and _is_patronymic(words[1]) else words[-1]
        if title in SURNAME_TITLES and not (title in EITHER_NAME_TITLES and self.is_first_name(words[0])):
            return words[0]
        return ""

    def find(self, form: str) -> str:
        root = form
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[form] != root:
            self.parent[form], form = root, self.parent[form]
        return root

    def join(self, a: str, b: str) -> bool:
        """Put ``a`` and ``b`` in one group unless that would mix surnames or a man's and a woman's title."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        surnames = self.surnames[ra] | self.surnames[rb]
        kinds = self.kinds[ra] | self.kinds[rb]
        if len(surnames) > 1 or kinds_conflict(kinds):
            return False
        if self.forms[ra].count < self.forms[rb].count:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.surnames[ra] = surnames
        self.kinds[ra] = kinds
        return True

    def gender(self, form: str) -> str:
        """"he", "she" or "" for a group, from its titles and the pronouns that follow its mentions."""
        root = self.find(form)
        members = [f for f in self.forms if self.find(f) == root]
        if any(is_male_title(self.forms[f].titled) for f in members):
            return "he"
        if any(is_female_title(self.forms[f].titled) for f in members):
            return "she"
        he = sum(self.forms[f].he for f in members)
        she = sum(self.forms[f].she for f in members)
        if he > 2 * she and he > 1:
            return "he"
        if she > 2 * he and she > 1:
            return "she"
        return ""


def _head(members: list[str], forms: dict[str, FormStats], words: dict[str, list[str]]) -> str:
    """The form that names a group: the most used, but a titled form leads its own bare name ("Mr. Darcy", not
    "Darcy") unless the bare name is far more used ("Dólokhov"); "Harriet" beats "Miss Vance"."""
    bases = {" ".join(words[f]) for f in members if forms[f].titled}

    def rank(form: str) -> tuple[float, int, str]:
        count = forms[form].count / (3 if not forms[form].titled and form in bases else 1)
        return count, len(form), form

    return max(members, key=rank)


def group_forms(forms: dict[str, FormStats], nicknames: Iterable[tuple[str, str, bool]],
                is_first_name: Callable[[str], bool], floor: int = 2, short: bool = False) -> list[Group]:
    """Group ``forms`` into people; ``nicknames`` are (name, nickname, stated plainly) the text gives; ``floor``
    is how often a full name must appear to make a first name ambiguous; ``short`` says the text is a short draft.
    Shared family names used bare ("Bennet" for Mr., Mrs. and Miss Bennet) are left out."""
    g = _Grouper(forms, is_first_name)
    by_count = sorted(forms, key=lambda f: (-forms[f].count, f))
    dropped: set[str] = set()

    # A bare first name followed by two different names in the text names two people: it stays apart.
    extensions: dict[str, list[str]] = defaultdict(list)
    for form in by_count:
        words = g.words[form]
        if not forms[form].titled and len(words) >= 2 and words[0] in forms:
            extensions[words[0]].append(form)
    ambiguous = set()
    for first, longer in extensions.items():
        seconds = {g.words[f][1] for f in longer if forms[f].count >= floor}
        if len(seconds) > 1:
            ambiguous.add(first)

    # "Elizabeth Bennet" joins "Elizabeth"; "Lady Catherine de Bourgh" joins "Lady Catherine".
    for form in by_count:
        words = form.split(" ")
        lead = 1 if forms[form].titled else 0
        for size in range(len(words) - 1, lead, -1):
            prefix = " ".join(words[:size])
            if prefix in forms and prefix not in ambiguous and forms[prefix].titled == forms[form].titled:
                if g.join(prefix, form):
                    break

    # "Katherine, or Kit": a nickname the text gives ("Pickering" stands for the one "Mr. Pickering").
    bare_of_titled: dict[str, list[str]] = defaultdict(list)
    for form in by_count:
        if forms[form].titled:
            bare_of_titled[" ".join(g.words[form])].append(form)
    for name, nickname, plain in nicknames:
        if name not in forms and len(bare_of_titled.get(name, ())) == 1:
            name = bare_of_titled[name][0]
        if name in forms and nickname in forms and (plain or _may_be_nickname(" ".join(g.words[name]), nickname)):
            g.join(name, nickname)

    # A titled form and the same name bare: "Dr. Van Helsing" / "Van Helsing", "Mr. Darcy" / "Darcy".
    titled_by_base: dict[str, list[str]] = defaultdict(list)
    full_by_surname: dict[str, list[str]] = defaultdict(list)
    for form in by_count:
        if forms[form].titled:
            titled_by_base[" ".join(g.words[form])].append(form)
        if len(g.words[form]) >= 2:
            full_by_surname[g.words[form][-1]].append(form)
    for base in by_count:
        if forms[base].titled or base in ambiguous:
            continue
        related = list(titled_by_base.get(base, ()))
        # A bare first name joins "Miss Lucy" when it is the usual name of the same person ("Lucy", and "Miss
        # Lucy" now and then): a rarer bare "Catherine" may be someone else than Lady Catherine, and a bare
        # "Alexander" forty times as common as "Prince Alexander" is mostly someone else too. In a short draft a
        # bare name mostly said to someone ("Thomas." "Margery, you cannot.") is the titled person, spoken to by
        # someone close enough to drop the title.
        intimate = short and forms[base].address * 2 >= forms[base].count
        if not intimate and is_first_name(base) and not any(forms[f].titled in SURNAME_TITLES for f in related):
            related = [f for f in related if forms[f].count <= forms[base].count <= 10 * forms[f].count]
        if " " not in base:  # a bare surname also belongs with full names ending in it
            related += [f for f in full_by_surname.get(base, ()) if g.find(f) != g.find(base)]
        if not related:
            continue
        roots = {g.find(f) for f in related}
        kinds = {TITLE_KIND.get(forms[f].titled, "") for f in related} - {""}
        if len(roots) == 1 and not kinds_conflict(kinds):
            g.join(base, related[0])
            continue
        # Several people: join the one that clearly dominates ("Bingley" is Mr. Bingley), or drop the base.
        totals = sorted(((sum(forms[f].count for f in related if g.find(f) == root), root) for root in roots),
                        reverse=True)
        mister = next((f for f in related if forms[f].titled == "Mr."), "")
        if mister and g.find(mister) == totals[0][1]:
            g.join(base, mister)
        elif totals[0][0] >= 2 * totals[1][0]:
            g.join(base, totals[0][1])
        elif forms[base].count <= 2 * sum(n for n, _root in totals):
            dropped.add(base)

    # "Mr. Morris" joins "Quincey Morris" when he is the only one of that surname; never "Mrs. X".
    for form in by_count:
        title = forms[form].titled
        words = g.words[form]
        if len(words) != 1 or title not in SURNAME_TITLES or title in ("Mrs.", "Ms."):
            continue
        full = full_by_surname.get(words[0], [])
        roots = {g.find(f) for f in full}
        firsts = {g.words[f][0] for f in full}
        if len(roots) != 1 or len(firsts) != 1:
            continue
        gender = g.gender(full[0])
        if (is_male_title(title) and gender == "she") or (is_female_title(title) and gender == "he"):
            continue
        g.join(form, full[0])

    members: dict[str, list[str]] = defaultdict(list)
    for form in by_count:
        if form not in dropped:
            members[g.find(form)].append(form)
    groups = []
    for forms_of_one in members.values():
        head = _head(forms_of_one, forms, g.words)
        rest = sorted((f for f in forms_of_one if f != head), key=lambda f: (-forms[f].count, f))
        groups.append(Group(head, (head, *rest)))
    return groups
