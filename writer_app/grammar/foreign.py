"""Recognise foreign-language passages (French, German, Italian, Spanish, Latin) so the speller skips them."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# French/Italian elision: "l'armée", "c'est", "qu'il", "d'estime", "l'ha" (English "I'd", "o'clock" don't match).
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu)'[^\W\d_]{2,}$")
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])[\"”’»)\]]*\s+|\s*[—–]\s*|[«»]")

# Function words of other languages that are not (common) English words. "a", "on", "pour"... stay out.
FOREIGN_WORDS: frozenset[str] = frozenset(
    """
    le la les des du au aux et est une je tu il elle ils elles nous vous leur leurs que qui quoi ne pas
    mon ma mes ta tes sa ses notre nos votre vos ce cet cette ces c'est c'était qu'il qu'elle j'ai
    n'est n'ai d'un d'une l'on s'il avec sur dans mais ou où toute tous toutes très bien sont suis
    êtes était étais avait ont avez sommes aussi comme cela ça oui merci monsieur madame mademoiselle
    alors donc quand chez sans sous entre après avant encore jamais toujours rien personne déjà voilà voici
    mais même peut fait faire dit vais va allons aller être avoir moi toi lui eux celui celle ceux
    quel quelle quels quelles parce puisque enfin ainsi peu beaucoup trop ici là votre mien tien sien
    cher chère chers chères pauvre petite mais bon dieu mon
    der das und ist nicht ich sie ein eine einen dem zu mit auf für von sich auch noch nur wie
    wir ihr uns euch sein seine ihre bist sind haben habe wird werden kann muss soll aber oder
    wenn dann doch schon sehr hier dort wer wo nein ja mein meine dein deine kein keine nach bei aus
    il gli della delle degli nel nella che sono una questo questa quello anche ma molto
    el los las del por pero muy es está están usted ellos nosotros qué cómo dónde porque
    et est sed quod qui quae sunt esse tu nos vos deus
    """.split()
)
# Frequent foreign content words that English prose quotes ("au revoir", "mon vieux", "sic transit gloria").
# They count as foreign in a sentence and are never spelling mistakes on their own.
FOREIGN_COMMON: frozenset[str] = frozenset(
    """
    de soyez attendez tranquille revoir duc mille rire vieux tiens entrez quartier logement cochon grande sainte
    roi loi ni foi boire battre bonheur viens sexe salut courte danser yeux pont amant voulu principes
    souverain directeur vivants parisienne caustique bravoure grecque nymphe dangereux voisinage promener
    affaires enfants diable voyons allez venez dites parlez écoutez regardez pardonner comprendre
    homme hommes femmes fille fils frère soeur père mère amour ami amie amis coeur cœur tête
    monde jour nuit temps vie mort guerre paix chose rien toujours jamais bonne mauvais petits
    gros vrai faut être avoir dormir boire sais savoir voir veux voulez peux pouvez quarante
    trois quatre cinq deux douze vingt trente dernier tranquillement charmant charmante
    ganze welt hoch diese geben nehmen herr frau gott krieg mein liebe schön danke bitte
    mio mia affetto crudele guai dolce amore bella bello signore signora grazie
    gloria mundi quos vult ovo mori quanti vita veritas pectoris perdere dementat
    """.split()
)
ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    the a an and or but of to in on at by for with from as is are was were be been being have has had do does
    did not no it its it's he she his her him they them their we us our you your i me my this that these those
    what which who whom whose when where why how all any some each every if then than so too very can could
    will would shall should may might must there here up down out over under again just only also into about
    said say says like well yes oh now one two
    """.split()
)
_FOREIGN_ONLY = FOREIGN_WORDS - ENGLISH_WORDS
_COMMON_ONLY = FOREIGN_COMMON - ENGLISH_WORDS


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def looks_foreign(text: str) -> bool:
    """Tell whether a sentence or phrase is mostly in a language other than English."""
    words = _words(text)
    if not words:
        return False
    foreign = sum(1 for w in words if w in _FOREIGN_ONLY or w in _COMMON_ONLY or _ELISION.match(w))
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    accented = sum(1 for w in words if not w.isascii())
    score = foreign + accented
    if score >= 2 and score > english:
        return True
    return len(words) <= 6 and score >= 1 and english == 0


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of ``text`` (split at sentence ends and dashes) that look foreign."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start and looks_foreign(text[start : match.start()]):
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text) and looks_foreign(text[start:]):
        spans.append((start, len(text)))
    return spans


def is_foreign_word(word: str) -> bool:
    """Tell whether a lowercase word is a foreign function word that English does not use ("une", "des")."""
    return word in _FOREIGN_ONLY or word in _COMMON_ONLY


def is_foreign_neighbour(previous: str, following: str) -> bool:
    """Tell whether a word sits next to a foreign-only function word ("mon cher", "ma chère")."""
    previous, following = previous.lower(), following.lower()
    return previous in _FOREIGN_ONLY or following in _FOREIGN_ONLY or not (previous + following).isascii()
