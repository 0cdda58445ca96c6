"""The command line loads only what a command needs: ``--version`` and ``export`` never load the checker, ``check``
never loads the exporters, importers or Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer_app.core.project import Project

CHECKER = ("writer_app.grammar.rules", "writer_app.grammar.factory", "writer_app.grammar.spelling")
OTHER_COMMANDS = ("writer_app.cli.export_command", "writer_app.cli.import_command",
                  "writer_app.cli.characters_command", "writer_app.cli.stats_command",
                  "writer_app.cli.snapshot_command", "writer_app.core.importer", "writer_app.export.registry")

PROBE = """
import json, sys
from writer_app.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def _modules_after(tmp_path: Path, *argv: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``writer-app ARGV``."""
    env = dict(os.environ)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2]) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120,
                            env=env, cwd=tmp_path)
    marker = result.stdout.rindex("MODULES ")
    return set(json.loads(result.stdout[marker + len("MODULES "):]))


def test_version_loads_no_command_and_no_checker(tmp_path: Path) -> None:
    loaded = _modules_after(tmp_path, "--version")
    assert not loaded & set(CHECKER + OTHER_COMMANDS + ("writer_app.cli.check_command",))


def test_check_loads_the_checker_but_no_other_command_and_no_qt(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("She walked home.\n", encoding="utf-8")
    loaded = _modules_after(tmp_path, "check", str(draft))
    assert "writer_app.grammar.rules" in loaded
    assert not loaded & set(OTHER_COMMANDS)
    assert not any(name.startswith("PySide6") for name in loaded)


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_export_never_loads_the_checker(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "Novel"
    project = Project.create(folder, "Novel", "Ada Quill", first_chapter=None)
    project.add_chapter("One", "It began.")
    project.close()
    loaded = _modules_after(tmp_path, "export", str(folder), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    assert "writer_app.cli.export_command" in loaded
    assert not loaded & set(CHECKER)
    assert "writer_app.cli.check_command" not in loaded


def test_the_top_level_help_still_lists_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from writer_app.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)
