"""The Characters tab: counts, highlights, navigation, suggestions, editing and the chart, on a stand-in window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.characters.conftest import FakeWindow
from writer_app.characters.cast import Cast, Character
from writer_app.core.project import Project
from writer_app.ui.characters.controller import LAYER, CharactersController
from writer_app.ui.characters.install import install


def opened(qtbot, window: FakeWindow, project: Project) -> CharactersController:
    controller = install(window)
    window.show()
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        window.open_project(project)
    qtbot.waitUntil(lambda: not controller.busy and controller._spans_revision == window.editor.revision)
    return controller


def test_install_adds_a_characters_tab(qtbot, fake_window: FakeWindow) -> None:
    controller = install(fake_window)
    assert fake_window.sidebar.count() == 1
    assert fake_window.sidebar.tabText(0) == "Characters"
    assert fake_window.sidebar.widget(0) is controller.panel


def test_panel_shows_counts_for_this_chapter_and_the_whole_manuscript(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    counts = controller.panel.cast_counts()
    assert counts == {"Elena": (3, 5), "Damon": (1, 3), "Kat": (0, 1)}
    fake_window.open_chapter(small_project.chapters[1].id)
    qtbot.waitUntil(lambda: controller.panel.cast_counts()["Kat"] == (1, 1))


def test_counting_policy_is_explained_in_the_panel(qtbot, fake_window: FakeWindow) -> None:
    controller = install(fake_window)
    tip = controller.panel.policy_button.toolTip()
    assert "capital" in tip and "Will" in tip and "Lady Catherine" in tip


def test_selecting_a_character_highlights_its_mentions_in_its_colour(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    assert fake_window.editor.extra_selection_layer(LAYER) == []
    controller.panel.select_names(["Elena"])
    layer = fake_window.editor.extra_selection_layer(LAYER)
    assert [sel.cursor.selectedText() for sel in layer] == ["Elena", "Elena", "Lena"]
    assert layer[0].format.background().color().name() == "#3b82f6"
    controller.panel.select_names([])
    assert fake_window.editor.extra_selection_layer(LAYER) == []


def test_typing_reindexes_the_open_chapter_in_the_background(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    controller.panel.select_names(["Damon"])
    cursor = fake_window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText(" Damon laughed. 🙂 Damon left.")
    qtbot.waitUntil(lambda: controller.panel.cast_counts()["Damon"] == (3, 5), timeout=3000)
    qtbot.waitUntil(lambda: len(fake_window.editor.extra_selection_layer(LAYER)) == 3)
    last = fake_window.editor.extra_selection_layer(LAYER)[-1].cursor
    assert last.selectedText() == "Damon"  # UTF-16 positions after the emoji


def test_next_and_previous_mention_move_the_cursor_across_chapters(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    controller.panel.select_names(["Damon"])
    editor = fake_window.editor
    controller.panel.next_button.click()
    assert editor.textCursor().selectedText() == "Damon"
    first = editor.textCursor().selectionStart()
    assert controller.panel.navigation_label.text() == "1 of 1 in this chapter"
    controller.panel.next_button.click()  # none left here: on to chapter 3 (chapter 2 has no Damon)
    qtbot.waitUntil(lambda: fake_window.current_chapter.id == small_project.chapters[2].id)
    qtbot.waitUntil(lambda: editor.textCursor().selectedText() == "Damon")
    assert editor.textCursor().selectionStart() == 0
    controller.panel.next_button.click()
    assert editor.textCursor().selectionStart() > 0
    controller.panel.previous_button.click()
    assert editor.textCursor().selectionStart() == 0
    controller.panel.previous_button.click()  # back to chapter 1's last Damon
    qtbot.waitUntil(lambda: fake_window.current_chapter.id == small_project.chapters[0].id)
    qtbot.waitUntil(lambda: editor.textCursor().selectionStart() == first)


def test_accepting_a_suggestion_adds_it_to_the_cast_and_saves(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    assert controller.panel.suggestion_names() == ["Marguerite"]
    controller.panel.select_suggestions(["Marguerite"])
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller.panel.accept_button.click()
    assert controller.panel.suggestion_names() == []
    qtbot.waitUntil(lambda: controller.panel.cast_counts().get("Marguerite") == (0, 3))
    saved = Cast.from_project(Project.open(small_project.path, read_only=True))
    assert [c.name for c in saved] == ["Elena", "Damon", "Kat", "Marguerite"]


def test_dismissing_a_suggestion_is_remembered_in_the_project(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    controller.panel.select_suggestions(["Marguerite"])
    controller.panel.dismiss_button.click()
    assert controller.panel.suggestion_names() == []
    assert Project.open(small_project.path, read_only=True).dismissed_characters == ["Marguerite"]
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller.reindex_all(discover=True)
    assert controller.panel.suggestion_names() == []


def test_add_edit_merge_and_delete_change_the_saved_cast(
    qtbot, fake_window: FakeWindow, small_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    monkeypatch.setattr(controller, "ask_character", lambda _existing: Character("Theo", ["T."], "#10b981", ""))
    controller.panel.add_button.click()
    assert [c.name for c in controller.cast] == ["Elena", "Damon", "Kat", "Theo"]
    monkeypatch.setattr(controller, "ask_character", lambda _existing: Character("Katherine", ["Kat"], "", "Sister"))
    controller.edit_character("Kat")
    assert controller.cast.find("Katherine").notes == "Sister"
    controller.merge_characters(["Elena", "Theo"])
    assert controller.cast.find("Elena").aliases == ["Lena", "Theo", "T."]
    monkeypatch.setattr(controller, "confirm", lambda _question: True)
    controller.panel.select_names(["Damon"])
    controller.panel.delete_button.click()
    saved = Cast.from_project(Project.open(small_project.path, read_only=True))
    assert [c.name for c in saved] == ["Elena", "Katherine"]
    qtbot.waitUntil(lambda: controller.panel.cast_counts() == {"Elena": (3, 5), "Katherine": (0, 1)})


def test_read_only_project_keeps_edits_in_memory_and_says_why(
    qtbot, fake_window: FakeWindow, small_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only = Project.open(small_project.path, read_only=True)
    controller = opened(qtbot, fake_window, read_only)
    assert not controller.panel.add_button.isEnabled()
    controller.dismiss_suggestions(["Marguerite"])
    assert fake_window.messages and "read-only" in fake_window.messages[-1]


def test_chart_paints_a_row_per_selected_character_and_opens_a_clicked_chapter(
    qtbot, fake_window: FakeWindow, small_project: Project, tmp_path: Path
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    chart = controller.panel.chart
    assert [row.name for row in chart.rows()] == ["Elena", "Damon", "Kat"]  # nothing selected: the cast
    controller.panel.select_names(["Damon", "Kat"])
    assert [(row.name, row.counts) for row in chart.rows()] == [("Damon", (1, 0, 2)), ("Kat", (0, 1, 0))]
    chart.resize(300, 90)
    image = chart.grab().toImage()
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, 300, 3) for y in range(0, 90, 3)}
    assert len(colours) > 4  # labels, empty cells and coloured cells were drawn
    grid_left = chart._grid().left()
    cell_width = chart._grid().width() / 3
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(grid_left + 2.5 * cell_width), int(chart._grid().top() + 5)))
    assert fake_window.current_chapter.id == small_project.chapters[2].id


def test_names_typed_since_opening_are_suggested_after_a_save(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    cursor = fake_window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\nThen Rosalind came in. Rosalind laughed at Damon.")
    fake_window.chapter_saved.emit(small_project.chapters[0].id)
    assert controller._discover_timer.isActive()
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller._discover_timer.setInterval(0)
        controller._discover_timer.start()
    assert controller.panel.suggestion_names() == ["Marguerite", "Rosalind"]


def test_next_mention_right_after_typing_uses_the_new_text(
    qtbot, fake_window: FakeWindow, small_project: Project
) -> None:
    controller = opened(qtbot, fake_window, small_project)
    controller.panel.select_names(["Damon"])
    editor = fake_window.editor
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    cursor.insertText("Damon knocked. ")
    editor.setTextCursor(cursor)
    cursor.movePosition(cursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    controller.panel.next_button.click()  # before the background re-index has run
    assert fake_window.current_chapter.id == small_project.chapters[0].id
    assert (editor.textCursor().selectionStart(), editor.textCursor().selectedText()) == (0, "Damon")
