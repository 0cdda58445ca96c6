"""A checking engine in a child process, so checks never compete with the GUI for the interpreter lock.

The parent (:class:`ProcessBackend`, used from one worker thread) starts ``python -m
writer_app.ui.checking.engine_process FACTORY`` and exchanges pickled requests over its stdin/stdout:
``("check", config_or_None, texts)`` -> a list of ``(spans, failed, error)``, ``("suggest", config_or_None,
word)`` -> a list of words, ``("learn", config_or_None, (key, text))`` -> how many names the speller learned from a
chapter (remembered, and taught again to every checker built later), ``("stop",)``. The config is sent only when it changed; the child keeps one
checker per config. A checker that raises on a text marks only that text as failed.

Spelling first: the app's engine loads its speller (dictionaries) at once and the full rule set on a thread of its
own (:class:`Warmup`), the rule engine's rules first, then the rest (word frequencies for the confusable words).
Until the full set is loaded, ``("spell", config_or_None, texts)`` answers from the speller alone (the same
``(spans, failed, error)`` list), and ``("rules", config_or_None, texts)`` waits for the rule engine's rules and
answers from the speller and the rule engine, so the visible paragraphs get their spelling underlines at once and
most grammar underlines while the rest still loads; once it is loaded, ``spell`` answers ``None`` and ``rules``
answers from the full checker. Both are early answers, sent before the chapter's names (``learn``, which takes a
fifth of a second for a novel) and followed by ``check``. ``learn`` and
``warm`` never wait for the warm-up (names are remembered for the full checker); ``check`` and ``suggest`` do. The
speller answering ``spell`` has not learned the chapter's names, so it reports only what learning could not
excuse: lowercase words outside dialogue (no underline appears early only to vanish with the full result).

Each answer is framed (an 8-byte length, then the pickle), so the parent reads the whole answer with the
interpreter lock released and decodes it only when the writer is not typing (see ``ProcessBackend``'s
``before_decode``): decoding builds thousands of objects, and doing that while a keystroke waits for the
lock is what made typing hiccup while the manuscript was being checked.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from writer_app.grammar.engine import CheckConfig, Checker, CompositeChecker
from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.engine_spawn import (  # noqa: F401 - spawning lives there, re-exported here
    DEFAULT_FACTORY,
    _early,
    _early_lock,
    adopt_early,
    spawn,
    start_early,
    stop_early,
)
from writer_app.ui.checking.spans import IssueSpan, to_spans

log = logging.getLogger(__name__)

SPELLER_FACTORY = "writer_app.grammar.spelling:SpellChecker"  # what answers ``spell`` while the rules load
RULES_FACTORY = "writer_app.grammar.rules:RuleChecker"  # ... beside the speller, once its rules are loaded
TextResult = tuple[tuple[IssueSpan, ...], bool, str]
_FRAME = struct.Struct("<Q")  # the length of one pickled answer
PRELOAD_TEXT = "She said their was no time to loose."  # one check loads what a checker loads lazily


def write_answer(answer: object, sink: BinaryIO) -> None:
    """Send one framed answer (length, then pickle) and flush."""
    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    sink.write(_FRAME.pack(len(data)))
    sink.write(data)
    sink.flush()


def read_answer_bytes(source: BinaryIO) -> bytes:
    """Read one framed answer's pickle without decoding it; EOFError if the stream ends first."""
    head = source.read(_FRAME.size)
    if len(head) < _FRAME.size:
        raise EOFError("the checking process closed its output")
    (size,) = _FRAME.unpack(head)
    data = source.read(size)
    if len(data) < size:
        raise EOFError("the checking process stopped mid-answer")
    return data


def load_factory(path: str) -> Callable[[CheckConfig], Checker]:
    """Import ``"module:function"``."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def check_texts(checker: Checker, texts: list[str]) -> list[TextResult]:
    """Check each text; a text the checker raises on is reported as failed, the others still checked."""
    results: list[TextResult] = []
    for text in texts:
        try:
            results.append((to_spans(text, list(checker.check(text))), False, ""))
        except Exception as error:  # noqa: BLE001 - skip this text, keep going
            log.exception("checker failed on a paragraph of %d characters; skipped", len(text))
            results.append(((), True, str(error) or type(error).__name__))
    return results


def engine_names(checker: Checker) -> tuple[str, ...]:
    """The names of the engines inside ``checker`` (a composite lists its parts)."""
    parts = getattr(checker, "checkers", None)
    if parts:
        return tuple(str(getattr(part, "name", type(part).__name__)) for part in parts)
    return (str(getattr(checker, "name", type(checker).__name__)),)


def suggestions(checker: Checker, word: str) -> list[str]:
    """Spelling suggestions from the engine inside ``checker`` that offers them."""
    for part in (checker, *getattr(checker, "checkers", ())):
        suggest = getattr(part, "suggest", None)
        if callable(suggest):
            return list(suggest(word))
    return []


def learn_names(checker: Checker, text: str) -> int:
    """Let the speller inside ``checker`` learn the names used mid-sentence in ``text`` (a whole chapter)."""
    for part in (checker, getattr(checker, "speller", None), *getattr(checker, "checkers", ())):
        learn = getattr(part, "learn_names", None)
        if callable(learn):
            try:
                return int(learn(text) or 0)
            except Exception:  # noqa: BLE001 - names are a nicety; checking goes on without them
                log.exception("learning names failed")
                return 0
    return 0


class NameBook:
    """Chapter texts whose names a checker should know; taught to each new checker, and to the current one."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def build(self, factory: Callable[[CheckConfig], Checker], config: CheckConfig) -> Checker:
        """A new checker for ``config`` that already knows every remembered chapter's names."""
        checker = factory(config)
        for text in self.texts.values():
            learn_names(checker, text)
        return checker

    def learn(self, checker: Checker | None, key: str, text: str) -> int:
        """Remember ``text`` under ``key`` (replacing an older version) and teach it to ``checker``."""
        self.texts[key] = text
        return learn_names(checker, text) if checker is not None else 0


def preload(factory: Callable[[CheckConfig], Checker]) -> Checker:
    """Build a default checker and check one sentence, so rules, dictionaries and models are loaded."""
    checker = factory(CheckConfig())
    checker.check(PRELOAD_TEXT)
    return checker


class Warmup:
    """The full checker loading on a thread of its own, while a speller (``speller_factory``) answers first checks,
    joined by a rule engine (``rules_factory``, loaded first on the thread) as soon as it is loaded."""

    def __init__(self, factory: Callable[[CheckConfig], Checker],
                 speller_factory: Callable[[CheckConfig], Checker],
                 rules_factory: Callable[[CheckConfig], Checker] | None = None) -> None:
        self.speller_factory = speller_factory
        self.rules_factory = rules_factory
        self.rules_ready = threading.Event()  # set once ``rules_factory`` builds checkers quickly (rules loaded)
        self.rules_tried = threading.Event()  # set once the rules loaded or failed to
        self.checker: Checker | None = None  # the preloaded default-config checker, once loaded
        self.collect_after = False  # the garbage collector is paused until the warm-up is over (see main)
        self.names: NameBook | None = None  # chapters remembered meanwhile: the loaded checker learns them here
        self.taught: dict[str, str] = {}  # key -> the text it learned, so they are not taught twice
        self.done = threading.Event()
        self._factory = factory
        self._thread = threading.Thread(target=self._load, name="engine-warm-up", daemon=True)

    def start(self) -> Warmup:
        """Start loading; returns self."""
        self._thread.start()
        return self

    def _load(self) -> None:
        if self.rules_factory is not None:
            try:
                preload(self.rules_factory)  # the rules load (and stay cached) for the first checks
                self.rules_ready.set()
            except Exception:  # noqa: BLE001 - the full checker below reports what is wrong
                log.exception("preloading the rules failed")
            finally:
                self.rules_tried.set()
        try:
            self.checker = preload(self._factory)
            if self.names is not None:  # learn the names of chapters sent meanwhile here, not in the first check
                for key, text in list(self.names.texts.items()):
                    learn_names(self.checker, text)
                    self.taught[key] = text
        except Exception:  # noqa: BLE001 - the first check builds it again and reports the error
            log.exception("preloading the checker failed")
        finally:
            if self.collect_after:  # what the warm-up loaded lasts as long as the process: no collection walks it
                gc.freeze()
                gc.enable()
            self.done.set()

    @property
    def loading(self) -> bool:
        """True until the full checker is loaded (or failed to load)."""
        return not self.done.is_set()


def sure_before_names(paragraph: str, issue: Issue) -> bool:
    """Whether a spelling issue found before the chapter's names are learned stands anyway: not a capitalised word
    (a name, once learned) and not inside dialogue (a character's voice, once learned)."""
    if issue.text[:1].isupper():
        return False
    before = paragraph[:issue.start]
    return before.count('"') % 2 == 0 and before.count("\u201c") <= before.count("\u201d")


class _Server:
    """The child's state between requests: the config, the full checker, the quick speller, remembered names."""

    def __init__(self, factory: Callable[[CheckConfig], Checker], checker: Checker | None,
                 warmup: Warmup | None) -> None:
        self.factory = factory
        self.config = CheckConfig()
        self.checker = checker
        self.warmup = warmup
        self.names = NameBook()
        self.quick: Checker | None = None  # the speller answering ``spell`` while the warm-up runs
        self.quick_rules: Checker | None = None  # ... and the rule engine, once its rules are loaded
        self.quick_config: CheckConfig | None = None
        if warmup is not None:
            warmup.names = self.names

    def take_config(self, sent: CheckConfig | None) -> None:
        """Follow a config the parent sent (None: unchanged); a different one drops the checkers built for the old."""
        if sent is None:
            return
        if self.checker is None or sent != self.config:
            self.checker = None
        self.config = sent

    def loading(self) -> bool:
        """True while the full checker is still loading on the warm-up thread."""
        return self.warmup is not None and self.warmup.loading

    def full(self) -> Checker:
        """The full checker for the current config (waits for the warm-up; a preloaded one is adopted)."""
        warmup = self.warmup
        if warmup is not None:
            warmup.done.wait()
            self.warmup = None
            lower_priority()  # the warm-up is over: from now on the engine is background work
            if self.checker is None and warmup.checker is not None and self.config == CheckConfig():
                self.checker = warmup.checker
                for key, text in self.names.texts.items():
                    if warmup.taught.get(key) is not text:  # sent after the warm-up thread taught the others
                        learn_names(self.checker, text)
        if self.checker is None:
            self.checker = self.names.build(self.factory, self.config)
        return self.checker

    def _speller(self, warmup: Warmup) -> Checker:
        """The quick speller for the current config."""
        if self.quick is None or self.quick_config != self.config:
            self.quick = warmup.speller_factory(self.config)
            self.quick_rules = None
            self.quick_config = self.config
        return self.quick

    def spell(self, texts: list[str]) -> list[TextResult] | None:
        """Spelling alone while the rules load; None once the full checker is there (or spelling is off)."""
        warmup = self.warmup
        if warmup is None or not self.loading() or Category.SPELLING not in self.config.categories:
            return None
        return [(tuple(span for span in spans if sure_before_names(text, span.issue)), failed, error)
                for text, (spans, failed, error) in zip(texts, check_texts(self._speller(warmup), texts), strict=True)]

    def rules(self, texts: list[str]) -> list[TextResult] | None:
        """An early answer: what stands before the chapter's names are learned. While the rest loads, the speller's
        issues and the rule engine's (waiting for its rules); once loaded, the full checker's, without the spelling
        issues learning names could excuse. None when spelling is off or the rules failed to load."""
        if Category.SPELLING not in self.config.categories:
            return None
        warmup = self.warmup
        if warmup is not None and warmup.rules_factory is not None:
            warmup.rules_tried.wait()
            spelled = self.spell(texts)  # (None once the full checker is there)
            if spelled is not None:
                if not warmup.rules_ready.is_set():
                    return None
                if self.quick_rules is None:  # filtered and merged as the full checker does (ignores)
                    self.quick_rules = CompositeChecker([warmup.rules_factory(self.config)], self.config)
                ruled = check_texts(self.quick_rules, texts)
                return [(spans + (rule_spans if not bad else ()), failed, error)
                        for (spans, failed, error), (rule_spans, bad, _why) in zip(spelled, ruled, strict=True)]
        return [(tuple(span for span in spans if span.issue.category is not Category.SPELLING
                       or sure_before_names(text, span.issue)), failed, error)
                for text, (spans, failed, error) in zip(texts, check_texts(self.full(), texts), strict=True)]

    def answer(self, kind: str, payload: Any) -> tuple[str, Any, tuple[str, ...]]:
        """The answer to one request."""
        if kind == "spell":
            return ("ok", self.spell(payload), ())
        if kind == "rules":
            return ("ok", self.rules(payload), ())
        if self.loading() and kind in ("learn", "warm"):  # never wait for the warm-up: checks come first
            if kind == "warm":
                return ("ok", None, ())
            return ("ok", self.names.learn(None, *payload), ())  # remembered for the full checker
        checker = self.full()
        if kind == "check":
            return ("ok", check_texts(checker, payload), engine_names(checker))
        if kind == "suggest":
            return ("ok", suggestions(checker, payload), engine_names(checker))
        if kind == "learn":
            return ("ok", self.names.learn(checker, *payload), engine_names(checker))
        return ("ok", None, engine_names(checker))


def lower_priority() -> None:
    """Make this process background work: the writer's keystrokes (the GUI process) get the CPU first.

    The app's engine calls it once its warm-up is over (see :meth:`_Server.full`): at start-up nothing is typed
    yet, and the first underlines wait on the warm-up. On Linux it only lowers the calling thread and the
    threads it starts later, so it is called on the main thread, which serves every request.
    """
    try:
        os.nice(5)
    except (AttributeError, OSError):
        pass


def serve(factory: Callable[[CheckConfig], Checker], source: BinaryIO, sink: BinaryIO,
          checker: Checker | None = None, warmup: Warmup | None = None) -> None:
    """Answer requests until ``("stop",)`` or end of input (``checker``: one built for the default config;
    ``warmup``: the full checker still loading, while a speller answers ``spell``)."""
    server = _Server(factory, checker, warmup)
    while True:
        try:
            request = pickle.load(source)
        except (EOFError, OSError, pickle.UnpicklingError):  # the app closed the pipe (or was killed)
            return
        kind = request[0]
        if kind == "stop":
            return
        server.take_config(request[1])
        answer: Any
        try:
            answer = server.answer(kind, request[2])
        except Exception as error:  # noqa: BLE001 - e.g. a broken rule file: tell the parent
            log.exception("checking engine request %s failed", kind)
            server.checker = None
            answer = ("error", str(error) or type(error).__name__, ())
        write_answer(answer, sink)


class EngineStopped(RuntimeError):
    """The child process died or could not start."""


class ProcessBackend:
    """The parent's end of one engine process (used by one worker thread at a time).

    ``before_decode`` runs after an answer has arrived and before it is decoded; the checking workers pass a
    function that blocks while the writer types, so decoding never competes with a keystroke for the lock.
    """

    def __init__(self, factory_path: str = DEFAULT_FACTORY,
                 before_decode: Callable[[], object] | None = None) -> None:
        self._before_decode = before_decode
        early = adopt_early(factory_path)  # started while the window was being built: already loading
        self._process = early if early is not None else spawn(factory_path)
        self._sent_config: CheckConfig | None = None
        self._lock = threading.Lock()
        self.engines: tuple[str, ...] = ()

    def _call(self, kind: str, config: CheckConfig, payload: object) -> Any:
        with self._lock:
            send = None if config is self._sent_config else config
            try:
                pickle.dump((kind, send, payload), self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self._process.stdin.flush()
                data = read_answer_bytes(self._process.stdout)
                if self._before_decode is not None:
                    self._before_decode()
                status, answer, engines = pickle.loads(data)
            except (EOFError, OSError, pickle.UnpicklingError) as error:
                raise EngineStopped("the checking process stopped unexpectedly") from error
            self._sent_config = config
        if status == "error":
            self._sent_config = None  # the child dropped its checker: resend the config next time
            raise RuntimeError(answer)
        self.engines = tuple(engines)
        return answer

    def check(self, config: CheckConfig, texts: list[str]) -> list[TextResult]:
        """Check texts in the child."""
        return self._call("check", config, texts)

    def spell_first(self, config: CheckConfig, texts: list[str]) -> list[TextResult] | None:
        """Spelling alone while the child still loads its rules; None once it has them (then :meth:`check`)."""
        return self._call("spell", config, texts)

    def rules_first(self, config: CheckConfig, texts: list[str]) -> list[TextResult] | None:
        """An early answer before the names are learned: spelling and the rule engine's issues once its rules are in
        (the full checker's once loaded), without what names could excuse; then :meth:`check`."""
        return self._call("rules", config, texts)

    def suggest(self, config: CheckConfig, word: str) -> list[str]:
        """Spelling suggestions from the child."""
        return self._call("suggest", config, word)

    def warm(self, config: CheckConfig) -> None:
        """Make the child build its checker now."""
        self._call("warm", config, None)

    def learn(self, config: CheckConfig, key: str, text: str) -> int:
        """Teach the child's speller the names of one chapter (kept for checkers it builds later)."""
        return int(self._call("learn", config, (key, text)) or 0)

    @property
    def alive(self) -> bool:
        """True while the child runs."""
        return self._process.poll() is None

    def close(self, timeout: float = 2.0) -> None:
        """Stop the child (politely, then firmly)."""
        process = self._process
        try:
            if process.poll() is None:
                pickle.dump(("stop",), process.stdin)
                process.stdin.flush()
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
        if process.stdout is not None:
            process.stdout.close()


def _rule_checker(config: CheckConfig) -> Checker:
    """The rule engine alone (imported on the warm-up thread, not before the speller answers)."""
    return load_factory(RULES_FACTORY)(config)


def main() -> int:
    """Child entry point: serve requests on stdin/stdout with the factory named on the command line."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FACTORY
    factory = load_factory(path)
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else printed goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    warmup = None
    collecting = gc.isenabled()
    gc.disable()  # loading makes tens of thousands of lasting objects and no garbage: collections only cost time
    if path == DEFAULT_FACTORY:
        try:  # the speller first (it loads in a fraction of the rules' time), then the rules beside the requests
            speller = load_factory(SPELLER_FACTORY)
            speller(CheckConfig()).check(PRELOAD_TEXT)
            loading = Warmup(factory, speller, _rule_checker)
            loading.collect_after = collecting
            warmup = loading.start()
        except Exception:  # noqa: BLE001 - the first request builds the full checker and reports the error
            log.exception("preloading the speller failed")
    if warmup is None:
        lower_priority()
        if collecting:
            gc.enable()
    try:
        serve(factory, sys.stdin.buffer, sink, None, warmup)
        sink.flush()
    except (BrokenPipeError, ConnectionResetError, EOFError, KeyboardInterrupt, pickle.UnpicklingError):
        _silence(sink)  # the app went away (killed or closed): nobody is listening, leave quietly
    if warmup is not None and warmup.loading:
        sys.stderr.flush()
        os._exit(0)  # the app left during the warm-up: do not tear the interpreter down under the loading thread
    return 0


def _silence(sink: BinaryIO) -> None:
    """Point ``sink`` at the null device so the interpreter's final flush cannot raise BrokenPipeError."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sink.fileno())
        os.close(null)
    except OSError:
        pass


if __name__ == "__main__":
    raise SystemExit(main())
