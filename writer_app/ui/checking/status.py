"""Status bar widget: issue count, manuscript checking progress, active engines."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.spans import single_shot_timer

ENGINE_LABELS = {
    "builtin": "Rules",
    "spelling": "Spelling",
    "confusables": "Context",
    "names": "Names",
    "languagetool": "LanguageTool",
}


class CheckingStatus(QLabel):
    """A compact label, refreshed at most a few times a second."""

    def __init__(self, controller: CheckingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("checkingStatus")
        self.setContentsMargins(6, 0, 6, 0)
        self._timer = single_shot_timer(self, 250)
        self._timer.timeout.connect(self._refresh_when_quiet)
        for signal in (controller.issues_changed, controller.progress_changed, controller.engines_changed):
            signal.connect(self.schedule)
        self.refresh()

    @Slot()
    def schedule(self) -> None:
        """Refresh soon (coalesces bursts of results)."""
        if not self._timer.isActive():
            self._timer.start()

    def _issues(self, count: int) -> str:
        return self.tr("1 issue") if count == 1 else self.tr("{0} issues").replace("{0}", str(count))

    def summary(self) -> str:
        """The text shown, e.g. "0 issues in this chapter · 6 in the manuscript · Rules + Spelling".

        Until the open chapter's first result arrives it says "Checking…": a count of zero would claim a clean
        chapter that has not been checked yet.
        """
        controller = self.controller
        parts: list[str] = []
        done, total = controller.progress()
        chapter_open = controller.chapter_id is not None
        if chapter_open and not controller.chapter_has_results():
            parts.append(self.tr("Checking…"))
        elif total > 1:
            if chapter_open:
                parts.append(self.tr("{0} in this chapter").replace("{0}", self._issues(controller.live_issue_count())))
            found = controller.manuscript_issue_count()
            if done < total:
                parts.append(self.tr("{0} so far in the manuscript").replace("{0}", str(found)) if chapter_open
                             else self.tr("{0} so far in the manuscript").replace("{0}", self._issues(found)))
                parts.append(self.tr("checking {0} of {1} chapters").replace("{0}", str(done))
                             .replace("{1}", str(total)))
            else:
                parts.append(self.tr("{0} in the manuscript").replace("{0}", str(found)) if chapter_open
                             else self.tr("{0} in the manuscript").replace("{0}", self._issues(found)))
        elif chapter_open:
            parts.append(self._issues(controller.live_issue_count()))
            if done < total:
                parts.append(self.tr("checking…"))
        if controller.engines:
            parts.append(" + ".join(ENGINE_LABELS.get(name, name) for name in controller.engines))
        return " · ".join(parts)

    @Slot()
    def _refresh_when_quiet(self) -> None:
        if self.controller.typing():
            self._timer.start()
            return
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute the text."""
        text = self.summary()
        if text != self.text():  # a new text relays out the status bar: only when it changed
            self.setText(text)
        done, total = self.controller.progress()
        self.setToolTip(self.tr("Chapters checked: {0} of {1}").replace("{0}", str(done)).replace("{1}", str(total)))
