"""Regular expressions as plain data: a pattern's compiled program, saved and restored without re-parsing.

Python turns a pattern into a program for its C regex engine in pure Python (parse, then code generation);
for the thousand patterns of the rule files that is most of a second at every start. The program itself is a
list of integers, so it can be saved with the rules and handed straight back to the engine, which takes
microseconds. A program only fits the interpreter that made it, so each saved pattern carries the engine's
version and is compiled from its text (the ordinary way) under any other interpreter.
"""

from __future__ import annotations

import logging
import re
import sys
import weakref
from array import array

try:  # Python 3.11+: the compiler's parts are private modules, stable across 3.11-3.13
    import _sre
    import re._compiler as _compiler
    import re._parser as _parser
except ImportError:  # pragma: no cover - another interpreter: patterns are compiled from their text
    _sre = _compiler = _parser = None  # type: ignore[assignment]

from writer_app.grammar.regex_analysis import gate_pattern, gate_tree

log = logging.getLogger(__name__)

# Which regex engine a saved program was made for; a program is used only under the very same one.
ENGINE = (
    f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    f"-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"
)
_CODE_TYPE = "I" if array("I").itemsize == getattr(_sre, "CODESIZE", 0) else ""

# Loose stand-ins (see ``regex_analysis.gate_pattern``) have no text of their own: the text they came from.
_LOOSE: weakref.WeakKeyDictionary[re.Pattern[str], tuple[str, int]] = weakref.WeakKeyDictionary()

Program = tuple[object, int, bytes, int, dict[str, int], tuple[str | None, ...]]


def loose_gate(source: str, flags: int, tails: bool = False) -> re.Pattern[str] | None:
    """``gate_pattern(source, flags, tails)``, remembering its source so that it can be saved with the rules.

    (A saved stand-in is rebuilt with ``tails``: where the whole loosened pattern serves, that is what it gives
    either way, and a stand-in for a tail is only made where it does not.)"""
    quick = gate_pattern(source, flags, tails)
    if quick is not None:
        _LOOSE[quick] = (source, flags)
    return quick


def saved_form(pattern: re.Pattern[str]) -> tuple[str, int, bool, str, Program | None]:
    """The arguments of :func:`restore` that rebuild ``pattern``: its text, flags and compiled program.

    Raises ValueError for a pattern that cannot be saved (bytes, or a stand-in whose source is unknown).
    """
    loose = pattern.pattern is None
    if loose:
        if pattern not in _LOOSE:
            raise ValueError("a loose stand-in pattern whose source is unknown cannot be saved")
        source, flags = _LOOSE[pattern]
    elif isinstance(pattern.pattern, str):
        source, flags = pattern.pattern, pattern.flags
    else:
        raise ValueError("only text patterns are saved")
    return source, flags, loose, ENGINE, _program(source, flags, loose)


def _program(source: str, flags: int, loose: bool) -> Program | None:
    """What ``re._compiler.compile`` hands to the C engine, with the code as bytes; None when unavailable."""
    if _compiler is None or not _CODE_TYPE:
        return None
    try:
        if loose:
            tree = gate_tree(source, flags, tails=True)
            if tree is None:
                return None
            flags &= ~re.IGNORECASE
        else:
            tree = _parser.parse(source, flags)
        code = _compiler._code(tree, flags)
        state = tree.state
        index_group: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            index_group[number] = name
        return (
            None if loose else source, int(flags | state.flags), array(_CODE_TYPE, code).tobytes(),
            state.groups - 1, dict(state.groupdict), tuple(index_group),
        )
    except Exception:  # noqa: BLE001 - any surprise from the private API: the pattern is compiled from text
        log.debug("cannot save the program of %r", source, exc_info=True)
        return None


def restore(source: str, flags: int, loose: bool, engine: str, program: Program | None) -> re.Pattern[str]:
    """Rebuild a pattern saved by :func:`saved_form`: from its program under the same engine, else from text."""
    if program is not None and engine == ENGINE and _CODE_TYPE:
        try:
            pattern, final_flags, code, groups, group_index, index_group = program
            compiled = _sre.compile(pattern, final_flags, array(_CODE_TYPE, code).tolist(), groups, group_index,
                                    index_group)
            if loose:
                _LOOSE[compiled] = (source, flags)  # so that it can be saved again
            return compiled
        except Exception:  # noqa: BLE001 - a program that does not fit: compile the text instead
            log.debug("cannot restore the program of %r", source, exc_info=True)
    if not loose:
        return re.compile(source, flags)
    quick = loose_gate(source, flags, tails=True)
    # The stand-in existed when the rules were saved; should it not now, a pattern that finds the empty
    # string everywhere lets every text through, exactly as having no stand-in does.
    return quick if quick is not None else re.compile("")
