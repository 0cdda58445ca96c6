"""The "Issues" sidebar tab: issues of the chapter or the manuscript, grouped by category, with fixes."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.live import LiveIssue
from writer_app.ui.checking.snippet import bracketed
from writer_app.ui.checking.spans import IssueSpan, single_shot_timer
from writer_app.ui.checking.underlines import category_color, page_color

# Rows listed per category before a "… and N more" row (the tree stays fast on any manuscript).
ROWS_PER_GROUP = 400
ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PanelEntry:
    """One issue row: in the open chapter (``live``) or a closed chapter (paragraph index + span)."""

    chapter_id: str
    issue: Issue
    live: LiveIssue | None = None
    paragraph: int = -1
    span: IssueSpan | None = None


class IssuesPanel(QWidget):
    """Lists issues grouped by category; click jumps, buttons fix one or all alike."""

    jump_requested = Signal(object)  # PanelEntry

    def __init__(self, controller: CheckingController, chapter_title: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuesPanel")
        self.controller = controller
        self.chapter_title = chapter_title or (lambda cid: cid)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("This chapter"), "chapter")
        self.scope.addItem(self.tr("Manuscript"), "manuscript")
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), "")
        for category in Category:
            self.category.addItem(category.label, category.value)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(False)
        self.fix_button = QPushButton(self.tr("Fix"))
        self.fix_all_button = QPushButton(self.tr("Fix all like this"))
        self.fix_button.setToolTip(self.tr("Apply the first suggestion to the selected issue of the open chapter "
                                           "(Undo takes it back)."))
        self.fix_all_button.setToolTip(self.tr("Apply the same fix to every identical issue of the open chapter, "
                                               "as one edit Undo takes back. Open another chapter to fix it there."))
        filters = QHBoxLayout()
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.category, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._timer = single_shot_timer(self, 300)
        self._timer.timeout.connect(self._refresh_when_quiet)
        self._stale = True
        controller.issues_changed.connect(self.schedule)
        controller.progress_changed.connect(self.schedule)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.fix_button.clicked.connect(self.fix_selected)
        self.fix_all_button.clicked.connect(self.fix_all_selected)
        self._update_buttons()

    # ------------------------------------------------------------------ refresh
    @Slot()
    def schedule(self) -> None:
        """Refresh soon when shown; otherwise remember to refresh when shown."""
        self._stale = True
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _refresh_when_quiet(self) -> None:
        if self.controller.typing():  # rebuilding the tree between two keystrokes would delay the second
            self._timer.start()
            return
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Recolour the category headings when the theme changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.schedule()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        """Catch up on changes that happened while hidden."""
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.refresh()

    def entries(self) -> list[PanelEntry]:
        """The issues in the current scope and filter, in text order."""
        controller = self.controller
        found: list[PanelEntry] = []
        live_id = controller.chapter_id
        if self.scope.currentData() == "manuscript":
            for chapter_id in controller.store.order:
                if chapter_id == live_id:
                    found.extend(PanelEntry(chapter_id, li.issue, live=li) for li in controller.live_issues())
                else:
                    found.extend(PanelEntry(chapter_id, span.issue, paragraph=index, span=span)
                                 for index, span in controller.chapter_issues(chapter_id))
            if live_id is not None and live_id not in controller.store.chapters:
                found.extend(PanelEntry(live_id, li.issue, live=li) for li in controller.live_issues())
        elif live_id is not None:
            found.extend(PanelEntry(live_id, li.issue, live=li) for li in controller.live_issues())
        wanted = self.category.currentData()
        if wanted:
            found = [entry for entry in found if entry.issue.category.value == wanted]
        return found

    @Slot()
    def refresh(self) -> None:
        """Rebuild the tree from the controller's current results."""
        self._stale = False
        selected = self.selected_entry()
        entries = self.entries()
        groups: dict[Category, list[PanelEntry]] = {}
        for entry in entries:
            groups.setdefault(entry.issue.category, []).append(entry)
        self.model.clear()
        root = self.model.invisibleRootItem()
        manuscript = self.scope.currentData() == "manuscript"
        for category in Category:
            members = groups.get(category)
            if not members:
                continue
            head = QStandardItem(f"{category.label} ({len(members)})")
            head.setForeground(QBrush(category_color(category, page_color(self.tree))))
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setSelectable(False)
            for entry in members[:ROWS_PER_GROUP]:
                head.appendRow(self._row(entry, manuscript))
            if len(members) > ROWS_PER_GROUP:
                more = QStandardItem(self.tr("… and {0} more").replace("{0}", str(len(members) - ROWS_PER_GROUP)))
                more.setSelectable(False)
                head.appendRow(more)
            root.appendRow(head)
        self.tree.expandAll()
        if not groups:
            empty = QStandardItem(self.tr("No issues found") if self.controller.idle() else self.tr("Checking…"))
            empty.setSelectable(False)
            root.appendRow(empty)
        if selected is not None:
            self._reselect(selected)
        self._update_buttons()

    def _row(self, entry: PanelEntry, manuscript: bool) -> QStandardItem:
        issue = entry.issue
        span = entry.live.span if entry.live is not None else entry.span
        context = span.context if span is not None else ("", "")
        text = bracketed(issue.text, context) if any(context) else f"“{issue.text}”"
        if issue.replacements:
            text += f" → {issue.replacements[0] or self.tr('(delete)')}"
        else:
            text += f" — {issue.message}"
        if manuscript:
            text += f"   ({self.chapter_title(entry.chapter_id)})"
        item = QStandardItem(text)
        item.setToolTip("<br>".join(html.escape(x) for x in (
            issue.message, " · ".join(y for y in (issue.rule, issue.source) if y),
            self.chapter_title(entry.chapter_id)) if x))
        item.setData(entry, ROLE)
        return item

    def _reselect(self, entry: PanelEntry) -> None:
        for row in range(self.model.rowCount()):
            head = self.model.item(row)
            for child in range(head.rowCount()):
                other = head.child(child).data(ROLE)
                if other is not None and other.issue == entry.issue and other.chapter_id == entry.chapter_id:
                    self.tree.setCurrentIndex(head.child(child).index())
                    return

    # ------------------------------------------------------------------ actions
    def selected_entry(self) -> PanelEntry | None:
        """The issue row the writer selected."""
        index = self.tree.currentIndex()
        return index.data(ROLE) if index.isValid() else None

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        entry = index.data(ROLE)
        if entry is not None:
            self.jump_requested.emit(entry)

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        entry = self.selected_entry()
        live = entry is not None and entry.live is not None
        self.fix_button.setEnabled(live and bool(entry.issue.replacements))
        self.fix_all_button.setEnabled(live and entry.issue.fix_all_safe and bool(entry.issue.replacements))

    @Slot()
    def fix_selected(self) -> None:
        """Apply the first replacement of the selected issue of the open chapter."""
        entry = self.selected_entry()
        if entry is not None and entry.live is not None and entry.issue.replacements:
            self.controller.apply_fix(entry.live, entry.issue.replacements[0])

    @Slot()
    def fix_all_selected(self) -> int:
        """Apply the selected issue's fix to every identical issue of the open chapter (one undo step)."""
        entry = self.selected_entry()
        if entry is None or entry.live is None or not entry.issue.fix_all_safe or not entry.issue.replacements:
            return 0
        before = getattr(self.window(), "snapshot_before", None)  # the desk keeps the text as it was
        if callable(before) and not before("before fix all"):
            return 0
        replacement = entry.issue.replacements[0]
        return self.controller.apply_fixes([(li, replacement) for li in self.controller.similar_issues(entry.issue)])
