"""The Characters sidebar tab (widgets only): cast with counts, navigation, chart, suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.characters.mentions import COUNTING_POLICY
from writer_app.ui.characters.chart import MentionChart

NAME_ROLE = Qt.ItemDataRole.UserRole
ABSENT_ROLE = Qt.ItemDataRole.UserRole + 1  # on column 2: the character is never mentioned
ALIASES_ROLE = Qt.ItemDataRole.UserRole + 2  # on column 0: the character's other names


@dataclass(frozen=True)
class CastRow:
    """What the cast list shows for one character."""

    name: str
    color: str
    here: int
    total: int
    aliases: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class SuggestionRow:
    """What the suggestions list shows for one proposed character."""

    name: str
    count: int
    variants: tuple[str, ...] = ()


@lru_cache(maxsize=256)
def swatch(color: str, size: int = 12) -> QIcon:
    """A small rounded square of ``color`` for list rows."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color or "#888888"))
    painter.drawRoundedRect(0, 0, size, size, 3, 3)
    painter.end()
    return QIcon(pixmap)


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


def _wrapping_label(text: str = "") -> QLabel:
    """A label that wraps instead of widening the sidebar (its text never sets the panel's minimum width)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    return label


class ElidedLabel(QLabel):
    """One line that ends in "…" when it does not fit (full text in the tooltip); never widens its parent."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As tall as one line, as narrow as nothing."""
        return QSize(1, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show ``text`` (elided to the width) and offer all of it as the tooltip."""
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Paint the elided text in the label's palette."""
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                  self.palette(), self.isEnabled(), self.shown_text(), self.foregroundRole())
        painter.end()


def _heading(text: str, wrap: bool = False) -> QLabel:
    label = _wrapping_label(text) if wrap else QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CharactersPanel(QWidget):
    """Shows the cast and suggestions and reports what the writer asks for; the controller does the work."""

    selection_changed = Signal(list)
    add_requested = Signal()
    edit_requested = Signal(str)
    merge_requested = Signal(list)
    split_requested = Signal(str)
    delete_requested = Signal(list)
    next_requested = Signal()
    previous_requested = Signal()
    accept_requested = Signal(list)
    dismiss_requested = Signal(list)
    merge_suggestions_requested = Signal(list)
    rename_requested = Signal(str)
    undo_rename_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charactersPanel")
        self._updating = False
        self._suggestion_rows: list[SuggestionRow] = []
        self._cast_rows: list[CastRow] = []
        self._grey = self.palette().placeholderText()  # zero totals; refreshed when the palette changes

        # -- cast ---------------------------------------------------------------------------------------------
        self.add_button = _button(self.tr("Add"), self.tr("Add a character to the cast"))
        self.edit_button = _button(self.tr("Edit"), self.tr("Edit the selected character's names, colour and notes"))
        self.merge_button = _button(self.tr("Merge"), self.tr("Merge the selected characters into the first one"))
        self.split_button = _button(self.tr("Split"), self.tr("Give each other name of the selected character "
                                                              "an entry of its own"))
        self.delete_button = _button(self.tr("Delete"), self.tr("Remove the selected characters from the cast"))
        self.rename_button = _button(self.tr("Rename everywhere…"), self.tr("Rename the selected character (or one of its "
                                                                "names) across the whole manuscript"))
        self.undo_rename_button = _button("", self.tr("Put back the text, cast and word list as they were before "
                                                      "the last rename"))
        self.undo_rename_button.setObjectName("undoRename")
        self.undo_rename_button.setVisible(False)
        # A real button (focusable, clickable, with the standard help icon) that shows how names are counted.
        self.policy_button = QToolButton()
        self.policy_button.setObjectName("countingPolicy")
        self.policy_button.setText(self.tr("How are names counted?"))
        self.policy_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion))
        self.policy_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.policy_button.setAutoRaise(True)
        self.policy_button.setToolTip(f"<p>{self.tr(COUNTING_POLICY)}</p>")
        self.policy_button.setWhatsThis(self.tr(COUNTING_POLICY))
        self.policy_button.clicked.connect(self.show_counting_policy)
        cast_header = QHBoxLayout()
        cast_header.addWidget(_heading(self.tr("Cast")))
        cast_header.addStretch(1)
        # The buttons on a row of their own, so five of them never widen the sidebar.
        cast_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.merge_button, self.split_button, self.delete_button):
            cast_buttons.addWidget(button)
        cast_buttons.addStretch(1)
        rename_buttons = QHBoxLayout()  # a row of their own: six buttons on one row would widen the sidebar
        rename_buttons.addWidget(self.rename_button)
        rename_buttons.addWidget(self.undo_rename_button)
        rename_buttons.addStretch(1)

        self.cast_list = QTreeWidget()
        self.cast_list.setObjectName("castList")
        self.cast_list.setColumnCount(3)
        self.cast_list.setHeaderLabels([self.tr("Character"), self.tr("Here"), self.tr("All")])
        header_item = self.cast_list.headerItem()
        header_item.setToolTip(1, self.tr("Mentions in the chapter open in the editor"))
        header_item.setToolTip(2, self.tr("Mentions in the whole manuscript"))
        header_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        header_item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        self.cast_list.setRootIsDecorated(False)
        self.cast_list.setUniformRowHeights(True)
        self.cast_list.setAlternatingRowColors(True)
        self.cast_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.cast_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cast_list.itemSelectionChanged.connect(self._on_cast_selection)
        self.cast_list.itemDoubleClicked.connect(lambda item, _col: self.edit_requested.emit(item.data(0, NAME_ROLE)))

        self.previous_button = _button(self.tr("◀ Previous"), self.tr("Go to the previous mention (Alt+Up)"))
        self.next_button = _button(self.tr("Next ▶"), self.tr("Go to the next mention (Alt+Down)"))
        self.previous_button.setShortcut("Alt+Up")
        self.next_button.setShortcut("Alt+Down")
        self.navigation_label = ElidedLabel()
        self.navigation_label.setObjectName("mentionPosition")
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.navigation_label, 1)

        cast_box = QWidget()
        cast_layout = QVBoxLayout(cast_box)
        cast_layout.setContentsMargins(0, 0, 0, 0)
        cast_layout.addLayout(cast_header)
        cast_layout.addLayout(cast_buttons)
        cast_layout.addLayout(rename_buttons)
        cast_layout.addWidget(self.cast_list, 1)
        cast_layout.addLayout(navigation)
        cast_layout.addWidget(self.policy_button, 0, Qt.AlignmentFlag.AlignLeft)

        # -- chart --------------------------------------------------------------------------------------------
        self.chart = MentionChart()
        self.chart.setObjectName("mentionChart")
        self.chart_title = _heading(self.tr("Mentions per chapter"), wrap=True)
        self.chart_title.setToolTip(self.tr("Each cell is a chapter; grey means the character is absent there. "
                                            "Click a cell to open the chapter."))
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart)
        chart_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        # -- suggestions --------------------------------------------------------------------------------------
        self.accept_button = _button(self.tr("Accept"), self.tr("Add the selected suggestions to the cast"))
        self.dismiss_button = _button(self.tr("Dismiss"), self.tr("Never suggest the selected names again"))
        self.merge_suggestions_button = _button(self.tr("Merge"), self.tr("The selected suggestions are one person: "
                                                                          "merge them into the first one"))
        self.merge_suggestions_button.setObjectName("mergeSuggestions")
        suggestions_header = QHBoxLayout()
        suggestions_header.addWidget(_heading(self.tr("Suggestions")))
        suggestions_header.addStretch(1)
        suggestion_buttons = QHBoxLayout()
        for button in (self.accept_button, self.merge_suggestions_button, self.dismiss_button):
            suggestion_buttons.addWidget(button)
        suggestion_buttons.addStretch(1)
        self.suggestion_list = QTreeWidget()
        self.suggestion_list.setObjectName("suggestionList")
        self.suggestion_list.setColumnCount(2)
        self.suggestion_list.setHeaderLabels([self.tr("Found in the prose"), self.tr("Mentions")])
        self.suggestion_list.headerItem().setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.suggestion_list.setRootIsDecorated(False)
        self.suggestion_list.setUniformRowHeights(True)
        self.suggestion_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        s_header = self.suggestion_list.header()
        s_header.setStretchLastSection(False)
        s_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        s_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.suggestion_list.itemSelectionChanged.connect(self._update_buttons)
        self.suggestion_list.itemDoubleClicked.connect(
            lambda item, _col: self.accept_requested.emit([item.data(0, NAME_ROLE)]))
        self.status_label = QLabel()
        self.status_label.setObjectName("charactersStatus")
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        self.status_label.setWordWrap(True)  # a read error names a file; the sidebar must not grow for it
        suggestions_box = QWidget()
        suggestions_layout = QVBoxLayout(suggestions_box)
        suggestions_layout.setContentsMargins(0, 0, 0, 0)
        suggestions_layout.addLayout(suggestions_header)
        suggestions_layout.addLayout(suggestion_buttons)
        suggestions_layout.addWidget(self.suggestion_list, 1)
        suggestions_layout.addWidget(self.status_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(cast_box, 3)
        layout.addSpacing(8)
        layout.addWidget(chart_box, 0)
        layout.addSpacing(8)
        layout.addWidget(suggestions_box, 2)

        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button.clicked.connect(self._emit_edit)
        self.merge_button.clicked.connect(lambda: self.merge_requested.emit(self.selected_names()))
        self.split_button.clicked.connect(self._emit_split)
        self.rename_button.clicked.connect(self._emit_rename)
        self.undo_rename_button.clicked.connect(self.undo_rename_requested.emit)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.selected_names()))
        self.next_button.clicked.connect(self.next_requested.emit)
        self.previous_button.clicked.connect(self.previous_requested.emit)
        self.accept_button.clicked.connect(lambda: self.accept_requested.emit(self.selected_suggestions()))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_requested.emit(self.selected_suggestions()))
        self.merge_suggestions_button.clicked.connect(
            lambda: self.merge_suggestions_requested.emit(self.selected_suggestions()))
        self._update_buttons()

    # -- cast list ------------------------------------------------------------------------------------------
    def set_cast(self, rows: list[CastRow]) -> None:
        """Show the cast; the selection is kept by name."""
        rows = list(rows)
        if [row.name for row in rows] == [row.name for row in self._cast_rows]:
            # The same characters: refill only the rows whose counts or looks changed (a cast of thousands
            # is refreshed after every keystroke's count).
            changed = [n for n, (new, old) in enumerate(zip(rows, self._cast_rows, strict=True)) if new != old]
            self._cast_rows = rows
            for n in changed:
                self._fill_cast_item(self.cast_list.topLevelItem(n), rows[n])
            if changed:
                self._update_buttons()
            return
        self._cast_rows = rows
        selected = set(self.selected_names())
        current = self.cast_list.currentItem().data(0, NAME_ROLE) if self.cast_list.currentItem() else None
        self._updating = True
        try:
            existing = [self.cast_list.topLevelItem(i) for i in range(self.cast_list.topLevelItemCount())]
            if [item.data(0, NAME_ROLE) for item in existing] != [row.name for row in rows]:
                self.cast_list.clear()
                existing = [QTreeWidgetItem(self.cast_list) for _row in rows]
            for item, row in zip(existing, rows, strict=True):
                self._fill_cast_item(item, row)
                item.setSelected(row.name in selected)
                if row.name == current:
                    self.cast_list.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._updating = False
        self._update_buttons()
        if set(self.selected_names()) != selected:
            self.selection_changed.emit(self.selected_names())

    def _fill_cast_item(self, item: QTreeWidgetItem, row: CastRow) -> None:
        item.setData(0, NAME_ROLE, row.name)
        item.setData(0, ALIASES_ROLE, list(row.aliases))
        item.setText(0, row.name)
        item.setIcon(0, swatch(row.color))
        item.setText(1, str(row.here))
        item.setText(2, str(row.total))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tip = row.name
        if row.aliases:
            tip += "\n" + self.tr("Also: {aliases}").format(aliases=", ".join(row.aliases))
        if row.notes:
            tip += "\n\n" + row.notes
        item.setToolTip(0, tip)
        item.setData(2, ABSENT_ROLE, row.total == 0)
        self._color_count(item)

    def _color_count(self, item: QTreeWidgetItem) -> None:
        """Grey out a zero total in the current palette; other rows keep the view's own text colour."""
        stored = item.data(2, Qt.ItemDataRole.ForegroundRole)  # each change repaints: only change what differs
        if item.data(2, ABSENT_ROLE):
            grey = self._grey
            if stored != grey:
                item.setForeground(2, grey)
        elif stored is not None:
            item.setData(2, Qt.ItemDataRole.ForegroundRole, None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Follow theme changes: the greyed totals are recoloured from the new palette."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.ApplicationPaletteChange):
            self._grey = self.palette().placeholderText()
            for i in range(self.cast_list.topLevelItemCount()):
                self._color_count(self.cast_list.topLevelItem(i))

    def show_counting_policy(self) -> None:
        """Show how names are counted next to the help button."""
        point = self.policy_button.mapToGlobal(self.policy_button.rect().bottomLeft())
        QToolTip.showText(point, self.policy_button.toolTip(), self.policy_button)

    def cast_counts(self) -> dict[str, tuple[int, int]]:
        """Name -> (this chapter, whole manuscript) as shown."""
        result = {}
        for i in range(self.cast_list.topLevelItemCount()):
            item = self.cast_list.topLevelItem(i)
            result[item.data(0, NAME_ROLE)] = (int(item.text(1)), int(item.text(2)))
        return result

    def selected_names(self) -> list[str]:
        """Selected characters in list order."""
        selected = self.cast_list.selectedItems()
        if len(selected) > 1:
            selected.sort(key=self.cast_list.indexOfTopLevelItem)
        return [item.data(0, NAME_ROLE) for item in selected]

    def select_names(self, names: list[str]) -> None:
        """Select these characters (and nothing else)."""
        wanted = set(names)
        self._updating = True
        try:
            for i in range(self.cast_list.topLevelItemCount()):
                item = self.cast_list.topLevelItem(i)
                item.setSelected(item.data(0, NAME_ROLE) in wanted)
                if item.data(0, NAME_ROLE) in wanted and self.cast_list.currentItem() is None:
                    self.cast_list.setCurrentItem(item)
        finally:
            self._updating = False
        self._on_cast_selection()

    def _on_cast_selection(self) -> None:
        if self._updating:
            return
        self._update_buttons()
        self.selection_changed.emit(self.selected_names())

    def _emit_edit(self) -> None:
        names = self.selected_names()
        if names:
            current = self.cast_list.currentItem()
            name = current.data(0, NAME_ROLE) if current and current.isSelected() else names[0]
            self.edit_requested.emit(name)

    def _emit_rename(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            self.rename_requested.emit(names[0])

    def set_undo_rename(self, label: str) -> None:
        """Offer "Undo rename" with ``label`` after a rename; hide it when ``label`` is empty."""
        self.undo_rename_button.setText(self.tr("Undo rename"))  # short: the names could widen the sidebar
        self.undo_rename_button.setToolTip(label + "\n" + self.tr("Put back the text, cast and word list as they "
                                                                  "were before the rename"))
        self.undo_rename_button.setVisible(bool(label))

    def _emit_split(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            self.split_requested.emit(names[0])

    def _selected_has_aliases(self) -> bool:
        selected = self.cast_list.selectedItems()
        return len(selected) == 1 and bool(selected[0].data(0, ALIASES_ROLE))

    # -- suggestions ----------------------------------------------------------------------------------------
    def set_suggestions(self, rows: list[SuggestionRow]) -> None:
        """Show the suggestions, most mentioned first."""
        if rows == self._suggestion_rows:
            return
        self._suggestion_rows = list(rows)
        selected = set(self.selected_suggestions())
        self.suggestion_list.clear()
        for row in rows:
            item = QTreeWidgetItem(self.suggestion_list)
            item.setData(0, NAME_ROLE, row.name)
            item.setText(0, row.name)
            item.setText(1, str(row.count))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            others = [v for v in row.variants if v != row.name]
            tip = (self.tr("One mention") if row.count == 1 else
                   self.tr("{count} mentions").format(count=row.count))
            if others:
                tip = self.tr("Also written: {names}").format(names=", ".join(others)) + "\n" + tip
            item.setToolTip(0, tip + "\n" + self.tr("Double-click to add to the cast."))
            item.setSelected(row.name in selected)
        self._update_buttons()

    def suggestion_names(self) -> list[str]:
        """All suggestions shown, in order."""
        return [self.suggestion_list.topLevelItem(i).data(0, NAME_ROLE)
                for i in range(self.suggestion_list.topLevelItemCount())]

    def selected_suggestions(self) -> list[str]:
        """The selected suggestions, in order."""
        selected = self.suggestion_list.selectedItems()
        if len(selected) > 1:
            selected.sort(key=self.suggestion_list.indexOfTopLevelItem)
        return [item.data(0, NAME_ROLE) for item in selected]

    def select_suggestions(self, names: list[str]) -> None:
        """Select these suggestions."""
        for i in range(self.suggestion_list.topLevelItemCount()):
            item = self.suggestion_list.topLevelItem(i)
            item.setSelected(item.data(0, NAME_ROLE) in names)

    # -- state ----------------------------------------------------------------------------------------------
    def set_navigation(self, text: str, enabled: bool) -> None:
        """Say where the cursor is among the mentions and enable previous/next."""
        self.navigation_label.setText(text)
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)

    def set_status(self, text: str) -> None:
        """A short line under the suggestions ("Indexing…", "No new names found.")."""
        self.status_label.setText(text)

    def set_editable(self, editable: bool) -> None:
        """Enable or disable cast editing (no project open)."""
        self.setProperty("editable", editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.property("editable") is not False
        selected = len(self.selected_names())
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and selected >= 1)
        self.merge_button.setEnabled(editable and selected >= 2)
        self.split_button.setEnabled(editable and self._selected_has_aliases())
        self.delete_button.setEnabled(editable and selected >= 1)
        self.rename_button.setEnabled(editable and selected == 1)
        self.undo_rename_button.setEnabled(editable)
        suggestions = len(self.selected_suggestions())
        self.accept_button.setEnabled(editable and suggestions >= 1)
        self.dismiss_button.setEnabled(editable and suggestions >= 1)
        self.merge_suggestions_button.setEnabled(editable and suggestions >= 2)
