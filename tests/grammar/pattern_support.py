"""Hand-built analysed sentences for the token-pattern tests (no tagger needed)."""

from __future__ import annotations

import re

from writer_app.grammar.tokens import Kind, Sentence, Token, Word

# A small hand-made lexicon: word -> (tag, lemma). Enough for the sentences the tests write.
LEXICON: dict[str, tuple[str, str]] = {
    "he": ("PRP", "he"), "she": ("PRP", "she"), "it": ("PRP", "it"), "they": ("PRP", "they"), "i": ("PRP", "i"),
    "do": ("VBP", "do"), "does": ("VBZ", "do"), "n't": ("RB", "not"), "not": ("RB", "not"),
    "could": ("MD", "could"), "went": ("VBD", "go"), "go": ("VB", "go"), "home": ("NN", "home"),
    "has": ("VBZ", "have"), "took": ("VBD", "take"), "taken": ("VBN", "take"), "the": ("DT", "the"),
    "a": ("DT", "a"), "man": ("NN", "man"), "was": ("VBD", "be"), "laying": ("VBG", "lay"), "in": ("IN", "in"),
    "ditch": ("NN", "ditch"), "laid": ("VBD", "lay"), "down": ("RP", "down"), "book": ("NN", "book"),
    "care": ("VB", "care"), "know": ("VB", "know"), "said": ("VBD", "say"), "more": ("RBR", "more"),
    "better": ("JJR", "good"), "is": ("VBZ", "be"), "very": ("RB", "very"), "of": ("IN", "of"),
}
_TOKEN = re.compile(r"n['’]t|\w+(?=n['’]t)|\w+|[“”\"]|[^\w\s]")


def tagged(word: str) -> tuple[str, str]:
    """The tag and lemma the hand-made lexicon gives ``word`` (a proper noun when unknown)."""
    return LEXICON.get(word.lower().replace("’", "'"), ("NNP", word.lower()))


def analyse_span(paragraph: str, start: int, end: int) -> Sentence:
    """Analyse ``paragraph[start:end]`` with the hand-made lexicon; quotes mark dialogue."""
    words: list[Word] = []
    inside = paragraph[:start].count('"') % 2 == 1 or paragraph[:start].count("“") > paragraph[:start].count("”")
    for m in _TOKEN.finditer(paragraph, start, end):
        text = m.group()
        quote = text in "“”\""
        if quote and text in "“\"" and not inside:
            inside = True
            kind, spoken = Kind.QUOTE, True
        elif quote:
            kind, spoken, inside = Kind.QUOTE, True, False
        else:
            kind = Kind.WORD if text[0].isalnum() or text[0] in "'’" else Kind.PUNCT
            spoken = inside
        tag, lemma = tagged(text) if kind is Kind.WORD else (text, text)
        token = Token(text, m.start(), m.end(), kind, m.start() == 0 or paragraph[m.start() - 1].isspace(), spoken)
        words.append(Word(token, tag, lemma, frozenset({tag})))
    return Sentence(start, end, tuple(words))


class CountingAnalyser:
    """The hand-made analyser, counting the sentences it is asked to read."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, paragraph: str, start: int, end: int) -> Sentence:
        self.calls.append(paragraph[start:end])
        return analyse_span(paragraph, start, end)
