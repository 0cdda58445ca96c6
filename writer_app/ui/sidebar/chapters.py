"""The chapters sidebar: ordered list with live word counts, status labels and a thin progress line towards a
chapter's target, rename in place, drag to reorder, a trash to restore."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.ui.i18n import translator

ID_ROLE = Qt.ItemDataRole.UserRole
WORDS_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
TARGET_ROLE = Qt.ItemDataRole.UserRole + 3  # the chapter's word target (0/None: none, or progress turned off)


tr = translator("ChaptersPanel")


def format_count(words: int | None) -> str:
    """A compact word count: 812, 4.3k, 121k; "?" when unknown."""
    if words is None:
        return "?"
    if words < 1000:
        return str(words)
    if words < 10_000:
        return f"{words / 1000:.1f}k"
    return f"{round(words / 1000)}k"


class CountDelegate(QStyledItemDelegate):
    """Paints a chapter's title with its word count right-aligned and muted."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """Draw the item, leaving room on the right for the count."""
        words = index.data(WORDS_ROLE)
        count = format_count(words) if words is not None or index.data(ID_ROLE) else ""
        status = index.data(STATUS_ROLE) or ""
        if status and count:
            count = f"{status} · {count}"
        metrics = option.fontMetrics
        room = metrics.horizontalAdvance(count) + 14 if count else 0
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(option.rect)
        text_rect_width = opt.rect.width() - room
        # Middle: long titles ("Book One: 1805 — Chapter XX") keep both their start and their distinct end.
        opt.text = metrics.elidedText(opt.text, Qt.TextElideMode.ElideMiddle, max(10, text_rect_width - 16))
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if count:
            painter.save()
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(option.palette.color(role))
            rect = option.rect.adjusted(0, 0, -10, 0)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count)
            painter.restore()
        target = index.data(TARGET_ROLE) or 0
        if target and words is not None:
            # A thin line along the bottom of the row: how far the chapter is towards its target.
            painter.save()
            done = min(1.0, words / target)
            line = QRect(option.rect.left() + 6, option.rect.bottom() - 2,
                         int((option.rect.width() - 16) * done), 2)
            painter.fillRect(line, option.palette.color(QPalette.ColorRole.Highlight).lighter(130))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt override)
        """Rows a little taller than text, and no wider than the list: a long title is elided in :meth:`paint`,
        so it never widens the rows past the sidebar (which would push the count out of view)."""
        size = super().sizeHint(option, index)
        return QSize(1, max(size.height(), option.fontMetrics.height() + 12))


class ChaptersPanel(QWidget):
    """List of chapters (reading order) plus a trash; emits requests, never touches the project itself."""

    chapter_selected = Signal(str)
    add_requested = Signal()
    rename_requested = Signal(str, str)
    delete_requested = Signal(str)
    restore_requested = Signal(str)
    empty_trash_requested = Signal()
    moved = Signal(str, int)
    split_requested = Signal()
    merge_requested = Signal(str)
    status_requested = Signal(str, str)  # chapter id, status label ("" = none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: list[str] = []
        self._updating = False
        self.status_labels: list[str] = []
        self._desk: dict[str, tuple[str, int]] = {}
        self.list = QListWidget(self)
        self.list.setObjectName("chapterList")
        self.list.setItemDelegate(CountDelegate(self.list))
        # Every row is one line high and as wide as the list (titles are elided): one size hint serves them all,
        # instead of one Python call per chapter each time the list is laid out.
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._chapter_menu)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        # A drop may arrive as a move or as insert + remove: compare the order once the model settles.
        self._order_timer = QTimer(self)
        self._order_timer.setSingleShot(True)
        self._order_timer.setInterval(0)
        self._order_timer.timeout.connect(self._check_order)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.list.model().rowsRemoved.connect(self._on_rows_moved)

        self.trash_label = QToolButton(self)
        self.trash_label.setObjectName("sectionLabel")
        self.trash_label.setCheckable(True)
        self.trash_label.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash_label.setArrowType(Qt.ArrowType.RightArrow)
        self.trash_label.toggled.connect(self._toggle_trash)
        self.trash = QListWidget(self)
        self.trash.setObjectName("trashList")
        self.trash.setMaximumHeight(140)
        self.trash.setVisible(False)
        self.trash.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.trash.customContextMenuRequested.connect(self._trash_menu)
        self.trash.itemDoubleClicked.connect(lambda item: self.restore_requested.emit(item.data(ID_ROLE)))

        self.add_button = QToolButton(self)
        self.add_button.setText(tr("+ New Chapter"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.clicked.connect(self.add_requested.emit)
        self.more_button = QToolButton(self)
        self.more_button.setText("⋯")
        self.more_button.setToolTip(tr("More chapter actions"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(QMenu(self.more_button))
        self.more_button.menu().aboutToShow.connect(self._fill_more_menu)

        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 2)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("projectTitle")
        header.addWidget(self.title_label, 1)
        header.addWidget(self.add_button)
        header.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.trash_label)
        layout.addWidget(self.trash)

        rename = QAction(tr("Rename"), self.list)
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        rename.triggered.connect(self.edit_current_title)
        self.list.addAction(rename)
        delete = QAction(tr("Delete"), self.list)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete_current)
        self.list.addAction(delete)
        self.set_trash([])

    # ------------------------------------------------------------------------------------------------ content
    def set_chapters(self, chapters: list[tuple[str, str]], words: dict[str, int | None],
                     current: str | None) -> None:
        """Show chapters as (id, title) in order with their counts; select ``current``."""
        self._updating = True
        try:
            self.list.clear()
            for chapter_id, title in chapters:
                item = QListWidgetItem(title)
                item.setData(ID_ROLE, chapter_id)
                item.setData(WORDS_ROLE, words.get(chapter_id))
                status, target = self._desk.get(chapter_id, ("", 0))
                item.setData(STATUS_ROLE, status)
                item.setData(TARGET_ROLE, target)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setToolTip(title)
                self.list.addItem(item)
            self._order = [cid for cid, _title in chapters]
            self.set_current(current)
        finally:
            self._updating = False

    def set_desk(self, chapters: dict[str, tuple[str, int]], labels: list[str]) -> None:
        """Show each chapter's (status, target) beside its count; ``labels`` fill the Status menu."""
        self._desk = dict(chapters)
        self.status_labels = list(labels)
        was = self._updating
        self._updating = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                status, target = self._desk.get(item.data(ID_ROLE), ("", 0))
                if item.data(STATUS_ROLE) != status:
                    item.setData(STATUS_ROLE, status)
                if item.data(TARGET_ROLE) != target:
                    item.setData(TARGET_ROLE, target)
        finally:
            self._updating = was

    def set_actions_enabled(self, enabled: bool) -> None:
        """Enable the chapter buttons (off with no project, or a read-only one)."""
        self.add_button.setEnabled(enabled)
        self.more_button.setEnabled(enabled)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove if enabled
                                  else QAbstractItemView.DragDropMode.NoDragDrop)

    def set_title(self, title: str) -> None:
        """Show the project's title above the list."""
        metrics = self.title_label.fontMetrics()
        self.title_label.setText(metrics.elidedText(title, Qt.TextElideMode.ElideRight, 150))
        self.title_label.setToolTip(title)

    def set_trash(self, entries: list[tuple[str, str]]) -> None:
        """Show deleted chapters as (id, title); the section hides when empty."""
        self.trash.clear()
        for chapter_id, title in entries:
            item = QListWidgetItem(title)
            item.setData(ID_ROLE, chapter_id)
            item.setToolTip(tr("Double-click to restore"))
            self.trash.addItem(item)
        self.trash_label.setText(tr("Trash ({0})").format(len(entries)))
        self.trash_label.setVisible(bool(entries))
        self.trash.setVisible(bool(entries) and self.trash_label.isChecked())

    def update_counts(self, words: dict[str, int | None]) -> None:
        """Refresh the word counts shown beside the titles."""
        self._updating = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                count = words.get(item.data(ID_ROLE))
                if item.data(WORDS_ROLE) != count:
                    item.setData(WORDS_ROLE, count)
        finally:
            self._updating = False

    def set_current(self, chapter_id: str | None) -> None:
        """Select the row of a chapter without emitting ``chapter_selected``."""
        was = self._updating
        self._updating = True
        try:
            for row in range(self.list.count()):
                if self.list.item(row).data(ID_ROLE) == chapter_id:
                    self.list.setCurrentRow(row)
                    break
        finally:
            self._updating = was

    def chapter_ids(self) -> list[str]:
        """Chapter ids in the order shown."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def current_id(self) -> str | None:
        """The selected chapter's id."""
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def edit_current_title(self) -> None:
        """Start renaming the selected chapter in place."""
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    # ------------------------------------------------------------------------------------------------ events
    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and not self._updating:
            self.chapter_selected.emit(current.data(ID_ROLE))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        chapter_id = item.data(ID_ROLE)
        if item.text().strip():
            self.rename_requested.emit(chapter_id, item.text().strip())
        else:  # an empty title is not a rename: put the old one back
            self._updating = True
            try:
                item.setText(item.toolTip())
            finally:
                self._updating = False

    def _on_rows_moved(self, *_args: object) -> None:
        if not self._updating:
            self._order_timer.start()

    def _check_order(self) -> None:
        new_order = self.chapter_ids()
        old_order = self._order
        if new_order == old_order or sorted(new_order) != sorted(old_order):
            return
        self._order = new_order
        for chapter_id in new_order:
            if [c for c in new_order if c != chapter_id] == [c for c in old_order if c != chapter_id]:
                if new_order.index(chapter_id) != old_order.index(chapter_id):
                    self.moved.emit(chapter_id, new_order.index(chapter_id))
                    return

    def _delete_current(self) -> None:
        chapter_id = self.current_id()
        if chapter_id:
            self.delete_requested.emit(chapter_id)

    def _toggle_trash(self, shown: bool) -> None:
        self.trash_label.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.trash.setVisible(shown and self.trash.count() > 0)

    def _fill_more_menu(self) -> None:
        menu = self.more_button.menu()
        menu.clear()
        self._add_chapter_actions(menu, self.current_id())

    def _add_chapter_actions(self, menu: QMenu, chapter_id: str | None) -> None:
        menu.addAction(tr("New Chapter"), self.add_requested.emit)
        if chapter_id:
            menu.addAction(tr("Rename…"), self.edit_current_title)
            menu.addAction(tr("Split at Cursor"), self.split_requested.emit)
            menu.addAction(tr("Merge with Next"), lambda: self.merge_requested.emit(chapter_id))
            if self.status_labels:
                status_menu = menu.addMenu(tr("Status"))
                current = self._desk.get(chapter_id, ("", 0))[0]
                for label, value in [(tr("(no status)"), ""), *[(label, label) for label in self.status_labels]]:
                    action = status_menu.addAction(label, lambda v=value: self.status_requested.emit(chapter_id, v))
                    action.setCheckable(True)
                    action.setChecked(value == current)
            menu.addSeparator()
            menu.addAction(tr("Move to Trash"), lambda: self.delete_requested.emit(chapter_id))

    def _chapter_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        menu = QMenu(self)
        self._add_chapter_actions(menu, item.data(ID_ROLE) if item is not None else None)
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _trash_menu(self, pos: QPoint) -> None:
        item = self.trash.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("Restore"), lambda: self.restore_requested.emit(item.data(ID_ROLE)))
        menu.addSeparator()
        menu.addAction(tr("Empty Trash…"), self.empty_trash_requested.emit)
        menu.exec(self.trash.viewport().mapToGlobal(pos))
        menu.deleteLater()
