"""Starting the checking engine process: light enough to import first thing at launch (no grammar, no Qt).

``app.create_application`` starts the engine before Qt and the window's modules are imported, so the child loads
its rules and dictionaries meanwhile; :class:`~writer_app.ui.checking.engine_process.ProcessBackend` adopts it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

log = logging.getLogger(__name__)

DEFAULT_FACTORY = "writer_app.grammar.factory:build_checker"
_early: dict[str, subprocess.Popen] = {}  # engine processes started ahead of need, by factory
_early_lock = threading.Lock()


def spawn(factory_path: str = DEFAULT_FACTORY) -> subprocess.Popen:
    """Start an engine process serving ``factory_path`` (the default one loads its checker at once)."""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "writer_app.ui.checking.engine_process", factory_path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


def start_early(factory_path: str = DEFAULT_FACTORY) -> None:
    """Start an engine process now, while the window is being built; the first ``ProcessBackend`` adopts it."""
    with _early_lock:
        if factory_path not in _early:
            _early[factory_path] = spawn(factory_path)


def adopt_early(factory_path: str) -> subprocess.Popen | None:
    """The process started early for ``factory_path`` (handed over once), if it is still running."""
    with _early_lock:
        early = _early.pop(factory_path, None)
    return early if early is not None and early.poll() is None else None


def stop_early() -> None:
    """Stop engine processes started early that nothing adopted (the checking feature did not install)."""
    with _early_lock:
        left = list(_early.values())
        _early.clear()
    for process in left:
        try:
            process.stdin.close()  # the child returns at end of input
            process.wait(2.0)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            try:
                process.wait(2.0)  # reaped: never left behind as a zombie (a slow machine may not have started it)
            except subprocess.TimeoutExpired:
                log.warning("an unused checking engine process did not stop")
        if process.stdout is not None:
            process.stdout.close()
