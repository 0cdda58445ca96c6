"""Where the speller finds its unknown words: exactly where its word pattern reads them."""

from __future__ import annotations

import random

from writer_app.grammar.spelling import WORD_RE
from writer_app.grammar.word_places import word_places


def test_word_places_are_where_the_word_pattern_finds_the_words() -> None:
    rng = random.Random(7)
    pieces = ["rock", "n", "roll", "o", "clock", "'", "’", " ", "-", "1", "_", "é", "ça", "Cap", "tain", ".", "\n", "ab"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        tokens = WORD_RE.findall(text)
        wanted = set(rng.sample(tokens, min(len(tokens), rng.randint(1, 3)))) if tokens else {"rock"}
        expected = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text) if m.group() in wanted]
        assert word_places(text, wanted) == expected, (text, wanted)
