"""Build the QApplication and the main window, open a project, run the event loop, quit cleanly."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)


# Longest a background Python thread (disk writer, checking worker) may hold the interpreter lock while the GUI
# thread waits for it; Python's default of 5 ms shows up directly as keystroke latency.
SWITCH_INTERVAL_S = 0.001

# The start-up objects are frozen this long after the window is built (see freeze_startup_objects): the full
# collection that comes first would otherwise delay the first check results and underlines.
FREEZE_AFTER_MS = 1500

# Set to a number of milliseconds, the editor quits by itself that long after its window is up (smoke tests of
# the wheel and the standalone build; a benchmark of start-up time).
QUIT_AFTER_VARIABLE = "WRITER_APP_QUIT_AFTER_MS"


def tune_interpreter() -> None:
    """Hand the interpreter lock back to the GUI thread quickly (keystrokes first)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def freeze_startup_objects() -> None:
    """Collect once, then move every object alive after start-up out of the collector's sight.

    Start-up leaves tens of thousands of long-lived objects (Qt wrappers, modules, rules, dictionaries); with them
    frozen a full collection no longer walks them all, so it cannot pause typing for ~10-20 ms. (Objects frozen
    earlier, see :func:`resume_collector`, are looked at again: start-up garbage among them is collected.)
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    log.debug("%d start-up objects frozen", gc.get_freeze_count())


def resume_collector() -> None:
    """Set the objects made so far aside (not collected until :func:`freeze_startup_objects`) and collect again."""
    gc.freeze()
    gc.enable()


def quit_after_ms(environ: Mapping[str, str] | None = None) -> int | None:
    """Milliseconds after which the editor should quit by itself (``WRITER_APP_QUIT_AFTER_MS``), or None."""
    raw = (os.environ if environ is None else environ).get(QUIT_AFTER_VARIABLE, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        log.warning("%s=%r is not a whole number of milliseconds; the editor will not quit by itself",
                    QUIT_AFTER_VARIABLE, raw)
        return None
    return int(raw)


def create_application() -> object:
    """Return the QApplication (created with the app's names and icon if none exists yet).

    At a process's start the checking engine process is started first: it loads its rules and dictionaries while
    Qt, the window's modules and the window itself load (about half a second before the window is built).
    """
    starting = "PySide6.QtWidgets" not in sys.modules  # no application yet: this is the process's start
    if starting:
        start_checking_engine()
        # Hundreds of modules and then the window make tens of thousands of objects and almost no garbage; each
        # collection would walk them all again (a tenth of start-up's CPU). The event loop's first turn resumes it.
        gc.disable()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from writer_app import qt_compat  # noqa: F401  (before heavy Qt use)
    from writer_app.ui.main_window import window_icon

    QApplication.setOrganizationName("writer-app")
    QApplication.setApplicationName("writer-app")
    QApplication.setApplicationDisplayName("writer-app")
    QApplication.setDesktopFileName("io.github.writerapp.WriterApp")  # packaging/*.desktop: Wayland app id
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if starting:
        QTimer.singleShot(0, resume_collector)
    app.setWindowIcon(window_icon())
    tune_interpreter()
    return app


def sample_copy_failed_sentence(error: OSError) -> str:
    """The status-bar sentence when the sample project cannot be copied into the per-user data folder."""
    from PySide6.QtCore import QCoreApplication

    where = f" {error.filename}" if error.filename else ""
    reason = (error.strerror or str(error)).rstrip(".").lower()
    return QCoreApplication.translate(
        "app", "Could not write to{0} ({1}), so the sample project was not opened: open a project with File > "
        "Open, and check that your home folder can be written to.").format(where, reason)


def open_initial_project(window: object, path: str | None) -> bool:
    """Open ``path``, else the last project, else (first run, or it is gone) a writable copy of the sample."""
    from writer_app.core.sample import ensure_sample_project

    if path:
        return bool(window.open_project(path))  # type: ignore[attr-defined]
    last = window.settings.last_project  # type: ignore[attr-defined]
    if last and Path(last).exists() and window.open_project(last):  # type: ignore[attr-defined]
        return True
    try:
        sample = ensure_sample_project()
    except OSError as error:  # e.g. HOME unset or read-only
        log.warning("the sample project could not be copied: %s", error)
        window.show_message(sample_copy_failed_sentence(error), 0)  # type: ignore[attr-defined]
        return False
    gone = bool(last) and not Path(last).exists()
    if gone:
        window.settings.remove_recent_project(last)  # type: ignore[attr-defined]
    opened = bool(window.open_project(sample))  # type: ignore[attr-defined]
    if gone:  # say so: the sample instead of their draft is not what the writer expects
        window.show_message(f"The last project, “{Path(last).name}”, is no longer in {Path(last).parent}; "  # type: ignore[attr-defined]
                            "the sample opened instead.")
    return opened


def start_checking_engine() -> None:
    """Start the checking engine process now: it loads rules and dictionaries while the window is built."""
    try:
        from writer_app.ui.checking.engine_spawn import start_early

        start_early()
    except (ImportError, OSError) as error:  # the checking feature starts its own engine later
        log.warning("the checking engine could not be started early: %s", error)


def stop_unused_engine() -> None:
    """Stop an engine process started early that the checking feature did not take."""
    try:
        from writer_app.ui.checking.engine_spawn import stop_early
    except ImportError:
        return
    stop_early()


def build_window(path: str | None = None) -> object:
    """Create the main window with every feature installed, shown, with a project open."""
    start_checking_engine()  # when create_application did not (already started: nothing happens)
    from writer_app.ui.features import install_features
    from writer_app.ui.main_window import MainWindow

    window = MainWindow()
    try:
        install_features(window)
    except Exception:  # noqa: BLE001 - a broken feature must not keep the writer from their text
        log.exception("a feature failed to install")
    window.show()
    open_initial_project(window, path)
    window.build_later.start()  # type: ignore[attr-defined]  (the find bar etc., once the first frame is up)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)  # once the first underlines are in
    return window


def run_gui(path: str | None) -> int:
    """Run the editor on ``path`` (a project folder or a .txt/.md file) or the last/sample project."""
    from PySide6.QtCore import QThreadPool, QTimer

    from writer_app.core.tempfiles import remove_stale_temp_files_in_app_folders

    app = create_application()
    remove_stale_temp_files_in_app_folders()  # left by saves a crash or a kill interrupted
    window = build_window(path)
    delay = quit_after_ms()
    if delay is not None:
        QTimer.singleShot(delay, app.quit)  # type: ignore[attr-defined]
    code = app.exec()  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]  (no-op if already closed; saves otherwise)
    QThreadPool.globalInstance().waitForDone()
    stop_unused_engine()  # if the checking feature never took it (it reads its input until closed)
    return int(code)
