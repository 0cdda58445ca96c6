"""LanguageTool as a second engine: a local server, a self-hosted URL, or the public API (opt-in).

The checker talks through language-tool-python. One request at a time (a lock), a bounded timeout, and a
dead server never raises into the caller: the checker reports ``unavailable`` through its status callback,
returns no issues (the built-in engine carries on alone) and tries to reconnect after a pause.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from writer_app.core.text import cp_to_utf16, utf16_to_cp
from writer_app.errors import WriterAppError
from writer_app.grammar.lt_install import LanguageToolInstaller, java_status
from writer_app.grammar.model import Category, Issue

log = logging.getLogger(__name__)

PUBLIC_API_URL = "https://languagetool.org/api/"  # the address language-tool-python uses
REQUEST_TIMEOUT_SECONDS = 20
RETRY_SECONDS = 60.0
MAX_REPLACEMENTS = 5

# LanguageTool rules that nag fiction or repeat what our own engine does better: its speller does not know
# the cast (ours does), quote/dash typography is a matter of export polish, and dialogue legitimately leaves
# quotes open across paragraphs and ends paragraphs without punctuation.
FICTION_DISABLED_RULES: tuple[str, ...] = (
    "MORFOLOGIK_RULE_EN_US",
    "MORFOLOGIK_RULE_EN_GB",
    "MORFOLOGIK_RULE_EN_CA",
    "MORFOLOGIK_RULE_EN_AU",
    "EN_QUOTES",
    "DASH_RULE",
    "EN_UNPAIRED_QUOTES",
    "EN_UNPAIRED_BRACKETS",
    "PUNCTUATION_PARAGRAPH_END",
    "SENTENCE_FRAGMENT",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE",
    "WHITESPACE_RULE",
)

_CATEGORIES: dict[str, Category] = {
    "TYPOS": Category.SPELLING,
    "PUNCTUATION": Category.PUNCTUATION,
    "TYPOGRAPHY": Category.TYPOGRAPHY,
    "STYLE": Category.STYLE,
    "REDUNDANCY": Category.STYLE,
    "PLAIN_ENGLISH": Category.STYLE,
    "REPETITIONS_STYLE": Category.STYLE,
    "CONFUSED_WORDS": Category.WORD_CHOICE,
    "COLLOCATIONS": Category.WORD_CHOICE,
    "SEMANTICS": Category.WORD_CHOICE,
    "NONSTANDARD_PHRASES": Category.WORD_CHOICE,
    "COMPOUNDING": Category.WORD_CHOICE,
}


class Mode(StrEnum):
    """Where LanguageTool runs."""

    OFF = "off"
    LOCAL = "local"
    SERVER = "server"
    PUBLIC = "public"


class State(StrEnum):
    """What the status bar says about LanguageTool."""

    OFF = "off"
    CONNECTING = "connecting"
    READY = "ready"
    NOT_INSTALLED = "not_installed"
    UNAVAILABLE = "unavailable"


class LanguageToolUnavailable(WriterAppError):
    """LanguageTool cannot be reached or started; the message says why in one sentence."""


@dataclass(frozen=True)
class LanguageToolOptions:
    """How to reach LanguageTool; immutable so it can be handed to a worker."""

    mode: Mode = Mode.OFF
    url: str = ""
    public_consent: bool = False
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = FICTION_DISABLED_RULES

    @classmethod
    def from_settings(cls, settings: object, language: str | None = None) -> LanguageToolOptions:
        """Read the LanguageTool fields of :class:`writer_app.settings.Settings`."""
        try:
            mode = Mode(getattr(settings, "languagetool_mode", "off"))
        except ValueError:
            mode = Mode.OFF
        return cls(
            mode=mode,
            url=str(getattr(settings, "languagetool_url", "") or ""),
            public_consent=bool(getattr(settings, "languagetool_public_consent", False)),
            language=language or str(getattr(settings, "dialect", "en-US") or "en-US"),
        )


StatusCallback = Callable[[State, str], None]


def _client_class() -> type:
    """language-tool-python's client with a bounded request timeout (its default is five minutes)."""
    from language_tool_python import LanguageTool

    class BoundedLanguageTool(LanguageTool):  # type: ignore[misc, valid-type]
        _TIMEOUT = REQUEST_TIMEOUT_SECONDS

    return BoundedLanguageTool


class LanguageToolChecker:
    """The :class:`~writer_app.grammar.engine.Checker` for LanguageTool; ``check`` is thread-safe."""

    name = "languagetool"

    def __init__(
        self,
        options: LanguageToolOptions,
        on_status: StatusCallback | None = None,
        installer: LanguageToolInstaller | None = None,
        retry_seconds: float = RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self._on_status = on_status
        self._installer = installer
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._tool: object | None = None
        self._retry_at = 0.0
        self.state = State.OFF if options.mode is Mode.OFF else State.CONNECTING
        self.message = ""

    # -- connection -------------------------------------------------------------------------------------
    def connect(self) -> None:
        """Start or reach the server now (blocking: call from a worker). Raises LanguageToolUnavailable."""
        with self._lock:
            self._connect_locked()

    def _connect_locked(self) -> None:
        if self.options.mode is Mode.OFF:
            self._set_state(State.OFF, "LanguageTool is off.")
            return
        self._set_state(State.CONNECTING, self._describe_target())
        try:
            self._tool = self._make_client()
        except LanguageToolUnavailable as error:
            self._mark_down(str(error))
            raise
        except Exception as error:  # the client raises many kinds: requests, JavaError, ServerError, ...
            message = self._explain(error)
            self._mark_down(message)
            raise LanguageToolUnavailable(message) from error
        self._set_state(State.READY, f"LanguageTool ready ({self._describe_target()}).")

    def _make_client(self) -> object:
        client = _client_class()
        options = self.options
        if options.mode is Mode.SERVER:
            if not options.url.strip():
                raise LanguageToolUnavailable("No LanguageTool server address is set in Preferences.")
            tool = client(options.language, remote_server=options.url.strip())
        elif options.mode is Mode.PUBLIC:
            if not options.public_consent:
                raise LanguageToolUnavailable(
                    "The public LanguageTool service sends your text over the internet; agree to it in Preferences first."
                )
            tool = client(options.language, remote_server=PUBLIC_API_URL)
        else:
            installer = self._installer or LanguageToolInstaller()
            installer.activate()
            if not installer.is_installed():
                self._set_state(State.NOT_INSTALLED, "LanguageTool is not downloaded yet.")
                raise LanguageToolUnavailable("LanguageTool is not downloaded yet.")
            status = java_status()
            if not status.usable:
                raise LanguageToolUnavailable(status.message)
            tool = client(options.language)
        tool.disabled_rules = set(options.disabled_rules)
        return tool

    def close(self) -> None:
        """Stop a local server this checker started; safe to call twice."""
        with self._lock:
            tool, self._tool = self._tool, None
        if tool is not None:
            try:
                tool.close()  # type: ignore[attr-defined]
            except Exception:  # closing must never raise at shutdown
                log.debug("closing LanguageTool failed", exc_info=True)

    # -- checking ---------------------------------------------------------------------------------------
    def check(self, text: str) -> list[Issue]:
        """Check one paragraph; returns [] (and reports) when LanguageTool is off or unreachable."""
        if self.options.mode is Mode.OFF or not text.strip():
            return []
        with self._lock:
            if self._tool is None:
                if self._clock() < self._retry_at:
                    return []
                try:
                    self._connect_locked()
                except LanguageToolUnavailable:
                    return []
            try:
                matches = self._tool.check(text)  # type: ignore[union-attr]
            except Exception as error:
                self._mark_down(self._explain(error))
                return []
        return [issue for match in matches if (issue := self._to_issue(match, text)) is not None]

    def _to_issue(self, match: object, text: str) -> Issue | None:
        """Turn a language-tool-python Match (UTF-16 length, corrected offset) into an Issue."""
        start = int(getattr(match, "offset", 0))
        length_u16 = int(getattr(match, "error_length", 0))
        start = max(0, min(start, len(text)))
        end = utf16_to_cp(text, cp_to_utf16(text, start) + length_u16)
        if end <= start:
            return None
        category_id = str(getattr(match, "category", ""))
        rule_id = str(getattr(match, "rule_id", ""))
        category = _CATEGORIES.get(category_id, Category.GRAMMAR)
        if getattr(match, "rule_issue_type", "") == "misspelling":
            category = Category.SPELLING
        return Issue(
            start=start,
            end=end,
            text=text[start:end],
            message=str(getattr(match, "message", "")) or "LanguageTool flagged this.",
            replacements=tuple(str(r) for r in list(getattr(match, "replacements", []))[:MAX_REPLACEMENTS]),
            rule=f"LT:{rule_id}",
            category=category,
            source=self.name,
        )

    # -- state ------------------------------------------------------------------------------------------
    def _mark_down(self, message: str) -> None:
        self._tool = None
        self._retry_at = self._clock() + self._retry_seconds
        if self.state is not State.NOT_INSTALLED:
            self._set_state(State.UNAVAILABLE, message)
        log.warning("LanguageTool unavailable: %s", message)

    def _set_state(self, state: State, message: str) -> None:
        changed = (state, message) != (self.state, self.message)
        self.state, self.message = state, message
        if changed and self._on_status is not None:
            self._on_status(state, message)

    def _describe_target(self) -> str:
        if self.options.mode is Mode.SERVER:
            return self.options.url.strip() or "no address"
        if self.options.mode is Mode.PUBLIC:
            return "public service"
        return "local server"

    def _explain(self, error: Exception) -> str:
        """One sentence for the writer about why LanguageTool failed."""
        name = type(error).__name__
        if name == "JavaError":
            return "Java is not installed; LanguageTool needs Java 17 or newer."
        if name == "RateLimitError":
            return "The public LanguageTool service refused more requests for now (rate limit)."
        target = self._describe_target()
        return f"LanguageTool at {target} did not answer; using the built-in checker only."
