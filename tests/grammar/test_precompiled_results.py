"""The precompiled data changes nothing a writer sees: the same issues and suggestions as from the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar import british_words, frequency, frequency_cache, spelling
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.factory import build_checker, check_text

# Our own sentences: British and American spellings, typos near common words, confusables, a compound.
TEXT = """Their going to the harbour tomorow, and the colour of the sky was grey.
She realised the theatre programme had been cancelled; he recieved a cheque from the centre.
The lantern-makr travelled to the quayside, where the color of the water was wrong.
I could of told you it's plans were to late for the favourite catalogue.
Wendell Haverbrook walked threw the door and sat on it's edge, jewellery in hand.
"""


def _results(dialect: str) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    checker = build_checker(CheckConfig(dialect=dialect))
    speller = checker.speller
    assert speller is not None
    found = []
    for issue in check_text(checker, TEXT):
        suggestions = tuple(speller.suggest(issue.text)) if issue.rule == spelling.RULE else issue.replacements
        found.append((issue.start, issue.end, issue.rule, issue.message, suggestions))
    return sorted(found)


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_issues_and_suggestions_are_the_same_without_the_precompiled_data(
    dialect: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module, attribute, value in ((frequency, "_LOADED", []), (spelling, "_BRITISH", []),
                                     (spelling, "_LOADED", {})):
        monkeypatch.setattr(module, attribute, value)
    precompiled = _results(dialect)
    missing = tmp_path / "absent.bin"
    monkeypatch.setattr(frequency_cache, "compiled_path", lambda: missing)
    monkeypatch.setattr(british_words, "compiled_path", lambda kind=british_words.BRITISH: missing)
    for module, attribute, value in ((frequency, "_LOADED", []), (spelling, "_BRITISH", []),
                                     (spelling, "_LOADED", {})):
        monkeypatch.setattr(module, attribute, value)
    from_sources = _results(dialect)
    assert frequency.frequency_data().deletes_file is None  # really read from the sources
    assert precompiled == from_sources
    assert any(rule == spelling.RULE for _s, _e, rule, _m, _r in precompiled)
