"""First-run LanguageTool download with a progress bar and a cancel button."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from writer_app.grammar.lt_install import LanguageToolInstaller, LanguageToolInstallError

log = logging.getLogger(__name__)


class _Dispatcher(QObject):
    progress = Signal(int, int)  # bytes done, bytes total (0 = unknown)
    finished = Signal(bool, str)  # ok, message


class _InstallRunnable(QRunnable):
    def __init__(self, installer: LanguageToolInstaller, dispatcher: _Dispatcher, cancel: threading.Event) -> None:
        super().__init__()
        self._installer = installer
        self._dispatcher = dispatcher
        self._cancel = cancel

    def run(self) -> None:
        try:
            self._installer.install(
                progress=lambda done, total: self._dispatcher.progress.emit(done, total or 0),
                cancelled=self._cancel.is_set,
            )
        except LanguageToolInstallError as error:
            self._dispatcher.finished.emit(False, str(error))
        except Exception as error:  # report, never crash the worker silently
            log.exception("LanguageTool install failed")
            self._dispatcher.finished.emit(False, f"LanguageTool could not be installed: {error}.")
        else:
            self._dispatcher.finished.emit(True, "LanguageTool is installed.")


class DownloadDialog(QProgressDialog):
    """Downloads LanguageTool in the background; emits ``done(ok, message)`` when it ends."""

    done = Signal(bool, str)

    def __init__(self, installer: LanguageToolInstaller | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Downloading LanguageTool…"), self.tr("Cancel"), 0, 0, parent)
        self.setWindowTitle(self.tr("LanguageTool"))
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._installer = installer or LanguageToolInstaller()
        self._cancel = threading.Event()
        self._dispatcher = _Dispatcher(self)
        self._dispatcher.progress.connect(self._on_progress)
        self._dispatcher.finished.connect(self._on_finished)
        self.canceled.connect(self._cancel.set)

    def start(self) -> None:
        """Show the dialog and begin the download on a worker thread."""
        self.show()
        QThreadPool.globalInstance().start(_InstallRunnable(self._installer, self._dispatcher, self._cancel))

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.setMaximum(100)
            self.setValue(min(100, done * 100 // total))
            self.setLabelText(self.tr("Downloading LanguageTool… {0:.0f} of {1:.0f} MB").format(done / 1e6, total / 1e6))
        else:
            self.setLabelText(self.tr("Downloading LanguageTool… {0:.0f} MB").format(done / 1e6))

    def _on_finished(self, ok: bool, message: str) -> None:
        self.close()
        self.done.emit(ok, message)
