"""The character dialog refuses empty and duplicate names and returns the edited character."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from writer_app.characters.cast import Character
from writer_app.ui.characters.dialog import CharacterDialog


def ok_enabled(dialog: CharacterDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_empty_name_disables_ok_and_says_why(qtbot) -> None:
    dialog = CharacterDialog()
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)
    assert dialog.problem.text() == "A character needs a name."
    dialog.name_edit.setText("   ")
    assert not ok_enabled(dialog)
    dialog.accept()
    assert dialog.result() != CharacterDialog.DialogCode.Accepted
    dialog.name_edit.setText("Elena")
    assert ok_enabled(dialog) and dialog.problem.text() == ""


def test_a_name_taken_by_another_character_is_refused(qtbot) -> None:
    dialog = CharacterDialog(name_taken=lambda name: name.casefold() == "damon")
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Damon")
    assert not ok_enabled(dialog)
    assert "already in the cast" in dialog.problem.text()


def test_the_dialog_returns_name_aliases_colour_and_notes(qtbot) -> None:
    dialog = CharacterDialog(Character("Kat", ["Katherine"], "#a855f7", "Sister."))
    qtbot.addWidget(dialog)
    assert dialog.aliases_edit.toPlainText() == "Katherine"
    dialog.name_edit.setText("  Katherine   Marsh ")
    dialog.aliases_edit.setPlainText("Kat\n\n  Katherine \nKat")
    dialog.set_color("#10B981")
    character = dialog.character()
    assert (character.name, character.aliases, character.color, character.notes) == (
        "Katherine Marsh", ["Kat", "Katherine"], "#10b981", "Sister.")
