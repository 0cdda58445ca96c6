"""Rules ready to use at start-up: the bundled rules precompiled in the package, the writer's own in a cache.

Reading the rule files (TOML, then checking, analysing and compiling about a thousand patterns) takes seconds;
loading the same rules saved as a pickle with their patterns' compiled programs (see :mod:`compiled_regex`)
takes a few hundredths of one.

- The bundled rules ship precompiled in ``resources/compiled/rules.pickle``, built by
  ``python -m writer_app.grammar.rule_cache`` (``dev.py build`` runs it). The file stores a hash of every
  rule file and of the loader's code; when any differs at run time the rule files are read instead (logged
  once), so a stale file never changes a result, and a test fails CI until it is rebuilt.
- Any other rule folder (the writer's own) is cached in the user cache folder, in a file per folder under a
  folder per app version, keyed by each file's path, size, modification time and content hash, and rebuilt
  when one changes. The bundled rules are cached there too while the shipped file is stale.

A cache file is ``MAGIC``, a JSON header (what it was built from), a hash of the payload and the payload. A
file that is truncated, corrupt, foreign or built from other sources is ignored and rebuilt, never trusted;
the payload may only name the rule loader's own classes. Files are written to a temporary file and moved into
place, so two processes building one cache at once leave one whole file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from writer_app import __version__
from writer_app.grammar.compiled_file import (
    StaleNotice,
    modules_fingerprint,
    precompile_main,
    seal,
    unseal,
)
from writer_app.grammar.compiled_regex import restore, saved_form
from writer_app.grammar.heap import collector_paused
from writer_app.grammar.patterns import PatternRule
from writer_app.grammar.regex_analysis import forget_parsed
from writer_app.grammar.rulefile import Rule, ensure_unique, load_rule_folder
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"writer-app compiled rules\n"
SHIPPED = ("compiled", "rules.pickle")
# The modules whose code decides what a loaded rule holds: a change to any of them makes saved rules stale.
LOADER_MODULES = (
    "writer_app.grammar.rulefile", "writer_app.grammar.pattern_load", "writer_app.grammar.patterns",
    "writer_app.grammar.pattern_fix", "writer_app.grammar.regex_analysis", "writer_app.grammar.inflection",
    "writer_app.grammar.casing", "writer_app.grammar.model", "writer_app.grammar.compiled_regex",
    "writer_app.grammar.rule_cache", "writer_app.grammar.compiled_file", "writer_app.grammar.regex_factor",
)
_ALLOWED_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int", "bool"})

_stale = StaleNotice(log, "the precompiled bundled rules are missing or older than the rule files; reading the rule "
                     "files (rebuild with: python -m writer_app.grammar.rule_cache)")


def load_rules_cached(folders: Sequence[Path]) -> list[Rule]:
    """The rules of ``folders`` in order (ids unique across them), from precompiled or cached copies when fresh.

    A malformed rule file raises ``RuleFileError`` naming the file and line, exactly as reading it would.
    """
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    try:
        for folder in folders:
            loaded = _load_folder(Path(folder))
            ensure_unique(loaded, seen)
            rules.extend(loaded)
    finally:
        forget_parsed()
    return rules


def rule_files(folder: Path) -> list[Path]:
    """The rule files of ``folder`` in the order they load."""
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def shipped_path() -> Path:
    """Where the bundled rules' precompiled file lives."""
    return resource_path(*SHIPPED)


def bundled_folder() -> Path:
    """The bundled rule folder."""
    return resource_path("rules")


def _load_folder(folder: Path) -> list[Rule]:
    files = rule_files(folder)
    if not files:
        return []
    bundled = _same_folder(folder, bundled_folder())
    sources = _sources(files, with_stat=False)
    if bundled:
        rules = read_cache(shipped_path(), header(sources), folder)
        if rules is not None:
            return rules
        _stale.say()
    key = header(sources if bundled else _sources(files, with_stat=True))
    cache = user_cache_path(folder)
    if cache is not None:
        rules = read_cache(cache, key, folder)
        if rules is not None:
            return rules
    rules = load_rule_folder(folder)
    if cache is not None:
        write_cache(cache, key, rules, folder)
    return rules


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _sources(files: Sequence[Path], with_stat: bool) -> list[list[object]]:
    """Each file's name (full path ``with_stat``, with size and modification time) and content hash."""
    entries: list[list[object]] = []
    for path in files:
        data = path.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if with_stat:
            stat = path.stat()
            entries.append([str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest])
        else:
            entries.append([path.name, digest])
    return entries


_code_lock = threading.Lock()
_code: list[str | None] = []


def code_fingerprint() -> str | None:
    """A hash of the loader's source code, or None where it cannot be read (a frozen build)."""
    with _code_lock:
        if not _code:
            _code.append(modules_fingerprint(LOADER_MODULES))
        return _code[0]


def header(sources: list[list[object]]) -> dict[str, object]:
    """What a cache built now from ``sources`` records about itself."""
    return {"format": FORMAT, "app": __version__, "code": code_fingerprint(), "sources": sources}


def user_cache_path(folder: Path) -> Path | None:
    """The cache file of a rule folder in the user cache folder (one folder per app version), if available."""
    try:
        from writer_app.settings import cache_dir

        base = cache_dir() / "compiled-rules" / __version__
    except (ImportError, OSError):
        log.debug("no user cache folder: rules are read from their files", exc_info=True)
        return None
    try:
        name = str(folder.resolve())
    except OSError:
        name = str(folder)
    return base / f"{hashlib.blake2b(name.encode('utf-8', 'surrogatepass'), digest_size=12).hexdigest()}.pickle"


class _Pickler(pickle.Pickler):
    """Saves patterns as their compiled programs and rule file paths relative to their folder."""

    def __init__(self, file: io.BytesIO, folder: Path) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.folder = folder

    def persistent_id(self, obj: object) -> object:
        if isinstance(obj, Path) and obj.parent == self.folder:
            return ("rule-file", obj.name)
        return None

    def reducer_override(self, obj: object) -> object:
        if type(obj) is re.Pattern:
            return restore, saved_form(obj)
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Reads only what ``_Pickler`` writes: the rule loader's own classes, plain values and rule file names."""

    def __init__(self, file: io.BytesIO, folder: Path) -> None:
        super().__init__(file)
        self.folder = folder
        self.paths: dict[str, Path] = {}

    def persistent_load(self, pid: object) -> object:
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "rule-file" and isinstance(pid[1], str):
            if pid[1] not in self.paths:
                self.paths[pid[1]] = self.folder / pid[1]
            return self.paths[pid[1]]
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")

    def find_class(self, module: str, name: str) -> object:
        if module in LOADER_MODULES or module == "pathlib" and name in {"PosixPath", "WindowsPath"} or (
            module == "builtins" and name in _ALLOWED_BUILTINS
        ):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a rule cache may not name {module}.{name}")


def dumps(head: dict[str, object], rules: list[Rule], folder: Path) -> bytes:
    """The bytes of a cache file holding ``rules`` of ``folder``, described by ``head``."""
    from writer_app.grammar.rules import quick_searches

    share_equal_values(rules)
    buffer = io.BytesIO()
    _Pickler(buffer, folder).dump({"rules": rules, "quick": quick_searches(rules)})
    return seal(MAGIC, head, buffer.getvalue())


def share_equal_values(rules: Sequence[object]) -> None:
    """Make the rules' equal strings and word sets one object each, in place (values stay equal).

    Hundreds of token patterns name the same words ("to", the forms of a verb) and sets of them; a pickle
    stores an object it has met once and refers to it after, so sharing them halves those parts of the cache
    and of the memory of the rules loaded from it.
    """
    pool: dict[object, object] = {}
    done: set[int] = set()

    def shared(value: object) -> object:
        kind = type(value)
        if kind is str:
            return pool.setdefault(value, value)
        if kind is frozenset:
            rebuilt = frozenset(shared(item) for item in value)  # type: ignore[union-attr]
            return pool.setdefault(rebuilt, rebuilt)
        if kind is tuple:
            return tuple(shared(item) for item in value)  # type: ignore[union-attr]
        if kind is list:
            value[:] = [shared(item) for item in value]  # type: ignore[index]
            return value
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is not None and id(value) not in done:
            done.add(id(value))
            for name in fields:
                object.__setattr__(value, name, shared(getattr(value, name)))
        return value

    for rule in rules:
        shared(rule)


def loads(data: bytes, wanted: dict[str, object], folder: Path) -> list[Rule] | None:
    """The rules of a cache file's bytes, or None when they are not a whole, fresh cache of ``wanted``."""
    payload = unseal(MAGIC, data, wanted)
    if payload is None:
        return None
    with collector_paused():  # tens of thousands of new objects, none of them garbage
        try:
            content = _Unpickler(io.BytesIO(payload), folder).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with it, the cache is not used
            log.debug("unreadable rule cache", exc_info=True)
            return None
    if not isinstance(content, dict) or not isinstance(content.get("quick"), dict):
        return None
    rules = content.get("rules")
    if not isinstance(rules, list) or not all(isinstance(rule, (Rule, PatternRule)) for rule in rules):
        return None
    quick = content["quick"]
    if not all(isinstance(key, tuple) and (p is None or isinstance(p, re.Pattern)) for key, p in quick.items()):
        return None
    from writer_app.grammar.rules import remember_quick_searches

    remember_quick_searches(quick)
    return rules


def read_cache(path: Path, wanted: dict[str, object], folder: Path) -> list[Rule] | None:
    """The rules cached in ``path`` if it is a whole, fresh cache of ``wanted`` for ``folder``; else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    rules = loads(data, wanted, folder)
    if rules is None:
        log.debug("rule cache %s is missing, stale or damaged; it will be rebuilt", path)
    return rules


def write_cache(path: Path, head: dict[str, object], rules: list[Rule], folder: Path) -> bool:
    """Save ``rules`` to ``path`` atomically (temporary file, then replace); False when it cannot be written."""
    try:
        data = dumps(head, rules, folder)
    except Exception:  # noqa: BLE001 - rules that cannot be saved are simply read from their files next time
        log.debug("rules of %s cannot be cached", folder, exc_info=True)
        return False
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        log.debug("cannot write the rule cache %s", path, exc_info=True)
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False


def build_shipped(folder: Path | None = None, target: Path | None = None) -> Path:
    """Read the bundled rule files and write their precompiled file (the build step); return its path."""
    folder = folder or bundled_folder()
    target = target or shipped_path()
    rules = load_rule_folder(folder)
    forget_parsed()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = dumps(header(_sources(rule_files(folder), with_stat=False)), rules, folder)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; the shipped file is read by every user
    os.replace(temporary, target)
    return target


def shipped_is_fresh() -> bool:
    """True when the shipped precompiled file is whole and was built from the current rule files and code."""
    folder = bundled_folder()
    sources = _sources(rule_files(folder), with_stat=False)
    return read_cache(shipped_path(), header(sources), folder) is not None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m writer_app.grammar.rule_cache [--check]``: rebuild (or check) the shipped precompiled rules."""
    return precompile_main(argv, shipped_path, shipped_is_fresh, lambda: [build_shipped()])


if __name__ == "__main__":
    raise SystemExit(main())
