"""The writer merges suggestions into one person and splits a cast entry back into its names; a huge cast copes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.characters.conftest import FakeWindow
from tests.ui.characters.test_panel import opened
from writer_app.characters.cast import Cast
from writer_app.core.project import Project
from writer_app.ui.characters.panel import CastRow, CharactersPanel, SuggestionRow


def test_splitting_a_cast_entry_gives_each_alias_its_own_counted_entry(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    panel = controller.panel
    panel.select_names(["Damon"])
    assert not panel.split_button.isEnabled()  # no other names to split off
    panel.select_names(["Elena"])
    assert panel.split_button.isEnabled()
    panel.split_button.click()
    assert [c.name for c in controller.cast] == ["Elena", "Damon", "Kat", "Lena"]
    assert controller.cast.find("Elena").aliases == []
    saved = Cast.from_project(Project.open(small_project.path, read_only=True))
    assert [(c.name, c.aliases) for c in saved][::3] == [("Elena", []), ("Lena", [])]
    qtbot.waitUntil(lambda: panel.cast_counts().get("Lena") == (1, 1) and panel.cast_counts()["Elena"] == (2, 4))
    assert panel.selected_names() == ["Elena", "Lena"]


def test_merged_suggestions_show_as_one_survive_rediscovery_and_are_accepted_as_one(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    small_project.add_chapter("Sisters", "Lizzy laughed at the letter. Elizabeth wrote back.\nLizzy sang.")
    controller = opened(qtbot, fake_window, small_project)
    panel = controller.panel
    assert set(panel.suggestion_names()) == {"Marguerite", "Lizzy", "Elizabeth"}
    panel.select_suggestions(["Marguerite"])
    assert not panel.merge_suggestions_button.isEnabled()
    panel.select_suggestions(["Elizabeth", "Lizzy"])
    assert panel.merge_suggestions_button.isEnabled()
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        panel.merge_suggestions_button.click()
    merged = {s.name: s for s in controller.suggestions}
    first = panel.selected_suggestions()[0]
    assert set(merged) == {"Marguerite", first}
    assert set(merged[first].variants) == {"Elizabeth", "Lizzy"} and merged[first].count == 3
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller.reindex_all(discover=True)
    assert set(panel.suggestion_names()) == {"Marguerite", first}
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        panel.accept_button.click()
    character = controller.cast.find(first)
    assert set(character.forms()) == {"Elizabeth", "Lizzy"}


def test_a_cast_of_ten_thousand_fills_the_panel_and_refreshes_only_changed_rows(qtbot) -> None:
    panel = CharactersPanel()
    qtbot.addWidget(panel)
    rows = [CastRow(f"Person{n:05d}", "#3b82f6", 0, n % 7, (f"P{n}",) if n % 2 else ()) for n in range(10_000)]
    panel.set_cast(rows)
    panel.set_suggestions([SuggestionRow(f"Name{n}", 1) for n in range(10_000)])
    assert len(panel.cast_counts()) == 10_000
    item = panel.cast_list.topLevelItem(5)
    rows[5] = CastRow("Person00005", "#3b82f6", 3, 9, ("P5",))
    panel.set_cast(rows)
    assert panel.cast_list.topLevelItem(5) is item and item.text(2) == "9"
    assert panel.cast_counts()["Person00005"] == (3, 9)
    panel.cast_list.topLevelItem(5).setSelected(True)
    assert panel.selected_names() == ["Person00005"] and panel.split_button.isEnabled()
    assert panel.cast_list.topLevelItem(4).data(0, Qt.ItemDataRole.DisplayRole) == "Person00004"


def test_a_project_with_ten_thousand_characters_opens_and_counts(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    small_project.cast = [{"name": f"Person{n:05d}", "aliases": [f"P{n:05d} Q"]} for n in range(10_000)]
    small_project.cast.append({"name": "Elena", "aliases": ["Lena"]})
    small_project.save_manifest()
    controller = opened(qtbot, fake_window, small_project)
    counts = controller.panel.cast_counts()
    assert len(counts) == 10_001 and counts["Elena"] == (3, 5)
