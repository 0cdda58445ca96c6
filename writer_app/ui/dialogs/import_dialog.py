"""Import a whole manuscript (.txt/.md/.docx) into a new project folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from writer_app.ui.dialogs.new_project import safe_folder_name
from writer_app.ui.i18n import translator

tr = translator("ImportDialog")


class ImportDialog(QDialog):
    """Choose the manuscript file and where the new project goes."""

    def __init__(self, default_parent: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import Manuscript"))
        self.source = QLineEdit(self)
        self.source.setPlaceholderText(tr("A .txt, .md or .docx file"))
        self.location = QLineEdit(str(default_parent), self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(tr("From the file"))
        form = QFormLayout(self)
        form.addRow(tr("Manuscript"), self._with_browse(self.source, self._browse_source))
        form.addRow(tr("Project title"), self.title)
        form.addRow(tr("Create in"), self._with_browse(self.location, self._browse_location))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Import"))
        ok.setEnabled(False)
        self.source.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 0)

    def _with_browse(self, edit: QLineEdit, slot: object) -> QHBoxLayout:
        row = QHBoxLayout()
        button = QPushButton(tr("Browse…"), self)
        button.clicked.connect(slot)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _browse_source(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Manuscript to import"), str(Path.home()), tr("Manuscripts (*.txt *.md *.markdown *.docx)"))
        if path:
            self.source.setText(path)  # the title stays empty: "From the file" (its title line, else its name)

    def _browse_location(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Create the project in"), self.location.text())
        if folder:
            self.location.setText(folder)

    def source_path(self) -> Path:
        """The manuscript file."""
        return Path(self.source.text()).expanduser()

    def project_title(self) -> str | None:
        """The chosen title, or None to take it from the file."""
        return self.title.text().strip() or None

    def target(self) -> Path:
        """The new project's folder."""
        name = self.project_title() or self.source_path().stem or "Imported"
        return Path(self.location.text()).expanduser() / safe_folder_name(name)
