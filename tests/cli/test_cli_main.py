"""The ``writer-app`` entry point: version, GUI routing, subcommand errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from writer_app import __version__, cli
from writer_app.errors import WriterAppError


def test_version_prints_and_exits_zero(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"writer-app {__version__}"


def test_no_command_opens_the_gui_with_the_given_path(monkeypatch):
    opened: list[str | None] = []
    import writer_app.app

    monkeypatch.setattr(writer_app.app, "run_gui", lambda path: opened.append(path) or 0)
    assert cli.main(["My Novel"]) == 0
    assert cli.main([]) == 0
    assert opened == ["My Novel", None]


def test_a_path_named_like_nothing_special_is_not_taken_for_a_command(monkeypatch):
    import writer_app.app

    monkeypatch.setattr(writer_app.app, "run_gui", lambda path: 0 if path == "draft.md" else 1)
    assert cli.main(["draft.md"]) == 0


def test_writer_facing_errors_print_one_sentence_and_exit_two(monkeypatch, capsys):
    def failing(args):
        raise WriterAppError("The file “x.md” is not UTF-8 text.")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda only=None: parser)
    monkeypatch.setitem(cli.COMMANDS, "probe", "tests.cli.probe_command")  # a command name, not a path to open
    sub = next(a for a in parser._actions if a.dest == "command")
    probe = sub.add_parser("probe")
    probe.set_defaults(func=failing)
    parser.set_defaults(command_names=parser.get_default("command_names") | {"probe"})
    assert cli.main(["probe"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "writer-app: The file “x.md” is not UTF-8 text."
    assert "Traceback" not in err


def test_python_dash_m_runs_the_same_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == f"writer-app {__version__}"
