"""Hovering a flagged word shows the issue's message, suggestion, rule and engine."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from writer_app.grammar.model import Issue
from writer_app.ui.checking.controller import CheckingController


def tooltip_html(issue: Issue) -> str:
    """The tooltip text of one issue (rich text)."""
    parts = [f"<b>{html.escape(issue.message)}</b>"]
    if issue.replacements:
        shown = ", ".join(f"“{html.escape(r)}”" for r in issue.replacements[:3])
        parts.append(QObject.tr("Suggestion: {0}").replace("{0}", shown))
    detail = " · ".join(x for x in (issue.category.label, issue.rule, issue.source) if x)
    parts.append(f"<span style='color:gray'>{html.escape(detail)}</span>")
    return "<br>".join(parts)


class IssueTooltips(QObject):
    """Event filter on the editor's viewport that answers tooltip requests over issues."""

    def __init__(self, editor: object, controller: CheckingController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.controller = controller
        editor.viewport().installEventFilter(self)  # type: ignore[attr-defined]

    def text_at(self, point: object) -> str:
        """The tooltip for a viewport point, or "" when no issue is there."""
        cursor = self.editor.cursorForPosition(point)  # type: ignore[attr-defined]
        rect = self.editor.cursorRect(cursor)  # type: ignore[attr-defined]
        if abs(rect.center().y() - point.y()) > rect.height():  # type: ignore[attr-defined]
            return ""  # below the last line, or in the margin
        live = self.controller.issue_at(cursor.position())
        return tooltip_html(live.issue) if live is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Show the issue under the mouse; let other tooltips through when there is none."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.text_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.editor.viewport())  # type: ignore[attr-defined]
                return True
            QToolTip.hideText()
        return False
