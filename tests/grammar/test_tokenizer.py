"""Tokens: contractions split as the treebank does, quotes told from apostrophes, dialogue marked."""

from __future__ import annotations

from writer_app.grammar.tokenizer import tokenize
from writer_app.grammar.tokens import Kind


def _texts(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def _spoken(text: str) -> list[str]:
    return [token.text for token in tokenize(text) if token.in_dialogue]


def test_contractions_split_into_treebank_parts() -> None:
    assert _texts("It's odd: don't, can't, won't, she'd, I'm, we're, they've, you'll.") == [
        "It", "'s", "odd", ":", "do", "n't", ",", "ca", "n't", ",", "wo", "n't", ",", "she", "'d", ",",
        "I", "'m", ",", "we", "'re", ",", "they", "'ve", ",", "you", "'ll", ".",
    ]  # fmt: skip


def test_fused_forms_split_like_the_treebank() -> None:
    assert _texts("I'm gonna go, wanna come? Cannot.") == [
        "I", "'m", "gon", "na", "go", ",", "wan", "na", "come", "?", "Can", "not", ".",
    ]  # fmt: skip


def test_curly_apostrophes_split_like_straight_ones() -> None:
    assert _texts("She didn’t know it’s late.") == ["She", "did", "n’t", "know", "it", "’s", "late", "."]


def test_abbreviations_keep_their_full_stop() -> None:
    assert _texts("Mr. Hale and Dr. Roe saw J. R. Pike, e.g. at St. Mark's.") == [
        "Mr.", "Hale", "and", "Dr.", "Roe", "saw", "J.", "R.", "Pike", ",", "e.g.", "at", "St.", "Mark", "'s", ".",
    ]  # fmt: skip


def test_offsets_point_into_the_paragraph() -> None:
    text = "Well, don't — stop… now--please."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_dashes_and_ellipses_have_their_kinds() -> None:
    kinds = {token.text: token.kind for token in tokenize("Wait -- no — yes… fine... ok")}
    assert kinds["--"] is Kind.DASH and kinds["—"] is Kind.DASH
    assert kinds["…"] is Kind.ELLIPSIS and kinds["..."] is Kind.ELLIPSIS


def test_elisions_are_words_not_quotation_marks() -> None:
    tokens = tokenize("'Cause I was goin' to tell 'em, o' course.")
    assert [t.text for t in tokens if t.kind is Kind.WORD][:6] == ["'Cause", "I", "was", "goin'", "to", "tell"]
    assert "'em" in [t.text for t in tokens]
    assert all(t.kind is not Kind.QUOTE for t in tokens)
    assert not any(t.in_dialogue for t in tokens)


def test_plural_possessive_apostrophe_is_its_own_word() -> None:
    tokens = tokenize("The boys' toys.")
    assert [(t.text, t.kind) for t in tokens][:3] == [("The", Kind.WORD), ("boys", Kind.WORD), ("'", Kind.WORD)]


def test_double_quotes_mark_dialogue_but_not_the_tag() -> None:
    assert _spoken('"I’m tired," Nell said. "Go on."') == ['"', "I", "’m", "tired", ",", '"', '"', "Go", "on", ".", '"']


def test_single_curly_quotes_mark_dialogue_with_an_elision_inside() -> None:
    text = "‘I was thinkin’ about it,’ he said."
    spoken = _spoken(text)
    assert spoken == ["‘", "I", "was", "thinkin’", "about", "it", ",", "’"]


def test_unclosed_quote_is_dialogue_to_the_paragraph_end() -> None:
    tokens = tokenize('He turned. "Listen to me. This is long.')
    assert [t.in_dialogue for t in tokens] == [False, False, False] + [True] * 9


def test_a_span_knows_the_dialogue_opened_before_it() -> None:
    text = '"Stay here. Do not move," she said.'
    second = text.index("Do")
    tokens = tokenize(text, second, len(text))
    assert tokens[0].text == "Do" and tokens[0].in_dialogue
    assert [t.text for t in tokens if not t.in_dialogue] == ["she", "said", "."]


def test_bad_input_never_crashes() -> None:
    assert tokenize("") == ()
    assert [t.kind for t in tokenize("?!…")] == [Kind.PUNCT, Kind.PUNCT, Kind.ELLIPSIS]
    mixed = tokenize("Ivan said Привет 🙂 and 東京 #1 & 50%")
    assert "🙂" in [t.text for t in mixed if t.kind is Kind.SYMBOL]
    huge = tokenize("a" * 10_000 + " end")
    assert len(huge) == 2 and huge[0].end == 10_000
    assert tokenize("'''\"\"\"’’‘") != ()


def test_an_elision_with_a_right_quote_inside_speech_does_not_end_the_speech() -> None:
    from writer_app.grammar.dialogue import dialogue_spans

    text = "“No, ’tain’t so, an’ ’sides, I seen it,” said Jem. He went home."
    spans = dialogue_spans(text)
    assert spans == ((0, text.index("”") + 1),)


def test_a_stray_single_close_never_closes_a_double_quotation() -> None:
    from writer_app.grammar.dialogue import dialogue_spans

    text = "“The boys’ hats were wet and so was ’is coat, the old man’s too,” she said."
    assert dialogue_spans(text) == ((0, text.index("”") + 1),)
