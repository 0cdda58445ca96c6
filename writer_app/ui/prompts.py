"""Every question and error the app puts to the writer, in one replaceable object (tests stub its methods)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from writer_app.ui.i18n import translator

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

tr = translator("Prompts")


@dataclass(frozen=True)
class RecoveredText:
    """One chapter's unsaved text found in the crash-recovery journal."""

    chapter_id: str
    title: str
    text: str
    saved_words: int | None
    saved_text: str | None = None  # the chapter as saved on disk, when known (the preview opens where they differ)


class Prompts:
    """Modal questions (message boxes) owned by the main window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def error(self, message: str) -> None:
        """Tell the writer something went wrong (one clear sentence)."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        QMessageBox.warning(self._parent, tr("writer-app"), message)

    def ask_open_read_only(self, message: str) -> bool:
        """The project is locked by another instance: open it read-only?"""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        box = QMessageBox(QMessageBox.Icon.Question, tr("Project already open"), message, parent=self._parent)
        box.setInformativeText(tr("You can open it read-only here to read and copy from it; nothing will be saved."))
        read_only = box.addButton(tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is read_only

    def ask_open_anyway(self, message: str, explanation: str) -> str:
        """The project's lock may be left over (another computer, or no way to check): "anyway", "read_only" or ""."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        box = QMessageBox(QMessageBox.Icon.Question, tr("Project already open"), message, parent=self._parent)
        box.setInformativeText(explanation)
        anyway = box.addButton(tr("Open Anyway"), QMessageBox.ButtonRole.DestructiveRole)
        read_only = box.addButton(tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "anyway" if clicked is anyway else "read_only" if clicked is read_only else ""

    def ask_open_as_cp1252(self, message: str) -> bool:
        """A file is not UTF-8: open it as Western (Windows-1252) text?"""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        box = QMessageBox(QMessageBox.Icon.Question, tr("Not UTF-8 text"), message, parent=self._parent)
        western = box.addButton(tr("Open as Western (Windows-1252)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is western

    def ask_external_change(self, title: str) -> str:
        """A chapter changed on disk while it has unsaved edits here: returns "reload" or "keep"."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("Changed by another program"),
            tr("“{0}” was changed on disk by another program, and you have unsaved changes here.").format(title),
            parent=self._parent,
        )
        box.setInformativeText(tr("Reload loses your unsaved changes; Keep Mine overwrites the other version."))
        reload_button = box.addButton(tr("Reload from Disk"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(tr("Keep Mine"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.exec()
        return "reload" if box.clickedButton() is reload_button else "keep"

    def ask_manifest_change(self, project_name: str) -> str:
        """project.json changed on disk (a sync, a git pull): returns "reload" or "keep"."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("Project changed by another program"),
            tr("The chapter list of “{0}” (project.json) was changed on disk by another program.").format(
                project_name),
            parent=self._parent,
        )
        box.setInformativeText(tr("Reload Project takes the other version (your chapter texts are saved first); "
                                  "Keep Mine overwrites it with the chapter list open here."))
        reload_button = box.addButton(tr("Reload Project"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(tr("Keep Mine"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(reload_button)
        box.exec()
        return "keep" if box.clickedButton() is keep else "reload"

    def ask_recover(self, items: list[RecoveredText]) -> bool:
        """Unsaved text from a crash was found: restore it (True) or discard it (False)?"""
        from writer_app.ui.dialogs.recovery import RecoveryDialog

        return RecoveryDialog(items, self._parent).exec() == RecoveryDialog.DialogCode.Accepted

    def ask_close_unsaved(self, titles: list[str]) -> bool:
        """Some chapters could not be saved: close anyway (losing them)?"""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        answer = QMessageBox.warning(
            self._parent, tr("Unsaved chapters"),
            tr("These chapters could not be saved: {0}. Close anyway and lose those changes?").format(
                ", ".join(titles)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def confirm(self, title: str, message: str) -> bool:
        """A yes/no question."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        answer = QMessageBox.question(self._parent, title, message)
        return answer == QMessageBox.StandardButton.Yes
