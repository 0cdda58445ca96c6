"""The ``writer-app`` command: no subcommand opens the GUI; subcommands check, import, export, list characters,
print statistics, take snapshots.

Each subcommand lives in its own module here with ``register(subparsers)`` that adds its parser and sets
``func`` to a ``run(args) -> int`` function. Errors the writer can fix are printed as one sentence on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from writer_app import __version__
from writer_app.errors import WriterAppError

log = logging.getLogger(__name__)

# Subcommand name -> its module, in the order ``--help`` lists them. A command line imports only the module of the
# command it names (``check`` never loads the exporters, ``export`` never loads the checker), and opening the GUI
# imports none.
COMMANDS = {
    "check": "writer_app.cli.check_command",
    "characters": "writer_app.cli.characters_command",
    "export": "writer_app.cli.export_command",
    "import": "writer_app.cli.import_command",
    "stats": "writer_app.cli.stats_command",
    "snapshot": "writer_app.cli.snapshot_command",
}
COMMAND_MODULES = tuple(COMMANDS.values())


class CommandError(WriterAppError):
    """A problem the writer can act on; the message is printed as-is and the exit code is 2."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the top-level parser with every available subcommand (or only the command named ``only``)."""
    parser = argparse.ArgumentParser(
        prog="writer-app",
        description="A writing assistant for novelists. Without a command, opens the editor.",
    )
    parser.add_argument("--version", action="version", version=f"writer-app {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            log.debug("command module %s is not available", module_name)
            continue
        module.register(subparsers)
    parser.set_defaults(command_names=frozenset(subparsers.choices) if only is None else frozenset(COMMANDS))
    return parser


def _named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (its first positional argument), if it names one."""
    positional = [a for a in argv if not a.startswith("-")]
    return positional[0] if positional and positional[0] in COMMANDS else None


def _wants_gui(argv: Sequence[str], commands: frozenset[str]) -> bool:
    """True when argv names no subcommand (a PATH argument is not taken for a command)."""
    if any(a in {"-h", "--help", "--version"} for a in argv):
        return False
    positional = [a for a in argv if not a.startswith("-")]
    return not positional or positional[0] not in commands


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args_list, frozenset(COMMANDS)):
        gui = argparse.ArgumentParser(prog="writer-app", description="Open the writer-app editor.")
        gui.add_argument("path", nargs="?", help="a project folder or a .txt/.md file (default: last or sample)")
        gui.add_argument("-v", "--verbose", action="store_true")
        gui_args = gui.parse_args(args_list)
        _configure_logging(gui_args.verbose)
        from writer_app.app import run_gui

        return run_gui(gui_args.path)
    parser = build_parser(only=_commands_needed(args_list))
    args = parser.parse_args(args_list)
    _configure_logging(args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except WriterAppError as error:
        print(f"writer-app: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. HOME unset or read-only: the per-user folders cannot be created
        print(f"writer-app: {_os_error_sentence(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _os_error_sentence(error: OSError) -> str:
    """One sentence for a file-system error no subcommand turned into a WriterAppError."""
    where = f" {error.filename}" if error.filename else ""
    reason = (error.strerror or str(error)).rstrip(".").lower()
    return (f"could not use{where} ({reason}); writer-app keeps its settings and word lists in your home "
            "folder, so check that HOME (or XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME) names a folder "
            "you can write to.")


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _commands_needed(argv: Sequence[str]) -> str | None:
    """Which command module the parser needs: the named command's, none ("") for ``--version``, else all (None)."""
    named = _named_command(argv)
    if named is not None:
        before = argv[:list(argv).index(named)]
        return None if any(a in {"-h", "--help"} for a in before) else named  # the top-level help lists them all
    if "--version" in argv and not any(a in {"-h", "--help"} for a in argv):
        return ""
    return None
