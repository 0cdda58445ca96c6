"""The bundled name lists load and hold what discovery and counting rely on."""

from __future__ import annotations

from writer_app.characters.names import common_word_names, first_names, is_first_name, not_names


def test_first_names_list_is_a_few_thousand_lowercase_names() -> None:
    names = first_names()
    assert 4000 <= len(names) <= 7000
    assert all(name == name.lower() and name.strip() == name for name in names)
    assert {"elizabeth", "damon", "katherine", "lydia"} <= names


def test_first_name_lookup_ignores_case() -> None:
    assert is_first_name("Elena")
    assert not is_first_name("Netherfield")


def test_common_word_names_and_non_names_hold_the_usual_suspects() -> None:
    assert {"will", "hope", "rose", "mark"} <= common_word_names()
    assert {"monday", "london", "english", "mr"} <= not_names()


def test_modern_and_international_first_names_are_known() -> None:
    for name in ("Zara", "Aiden", "Mateo", "Priya", "Aaliyah", "Yusuf", "Siobhan", "Kwame", "Haruto", "Zeynep"):
        assert is_first_name(name), name
