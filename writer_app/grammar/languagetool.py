"""LanguageTool as a second engine: a local server, a self-hosted URL, or the public API (opt-in).

The checker talks through language-tool-python. One request at a time (a lock), one try with a bounded
timeout, and a dead server never raises into the caller: the checker reports ``unavailable`` through its
status callback, returns no issues (the built-in engine carries on alone) and tries to reconnect after a pause.

Matches are read from the server's JSON here, not through the client's ``Match`` (which shifts offsets with a
process-wide cache and raises on a malformed match): a match whose offsets or fields are malformed is dropped
and logged once, so it can never turn into a whole-paragraph underline.

Text leaves this computer only with the writer's consent: the public service needs ``public_consent``, and a
server that is not on this computer (not loopback) needs ``server_consent`` for its address.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urljoin, urlsplit

from writer_app.core.text import Utf16Map, utf16_len
from writer_app.errors import WriterAppError
from writer_app.grammar.lt_install import LanguageToolInstaller, java_status
from writer_app.grammar.model import Category, Issue

log = logging.getLogger(__name__)

PUBLIC_API_URL = "https://languagetool.org/api/"  # the address language-tool-python uses
REQUEST_TIMEOUT_SECONDS = 20  # one try: a hanging server costs this once, then the checker pauses
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
    server_consent: str = ""  # the server address (see server_origin) the writer agreed to send text to
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
            server_consent=str(getattr(settings, "languagetool_server_consent", "") or ""),
            language=language or str(getattr(settings, "dialect", "en-US") or "en-US"),
        )

    @property
    def needs_server_consent(self) -> bool:
        """True in server mode when the address is another computer and the writer has not agreed to it."""
        return (self.mode is Mode.SERVER and bool(self.url.strip()) and not is_loopback(self.url)
                and self.server_consent != server_origin(self.url))

    @property
    def unencrypted_remote(self) -> bool:
        """True in server mode when text would travel to another computer over plain http."""
        return self.mode is Mode.SERVER and is_plain_http_remote(self.url)


def _split(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of a server address (``http`` assumed when the writer typed none)."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"http://{text}")
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def server_origin(url: str) -> str:
    """The address consent is given to: ``scheme://host:port`` of ``url``, lower-case."""
    scheme, host, port = _split(url)
    return f"{scheme}://{host}" + (f":{port}" if port is not None else "")


def server_host(url: str) -> str:
    """The host name of a server address, for messages."""
    return _split(url)[1] or url.strip()


def is_loopback(url: str) -> bool:
    """True when ``url`` points at this computer (localhost or a loopback address); no name is looked up."""
    host = _split(url)[1]
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_plain_http_remote(url: str) -> bool:
    """True when ``url`` sends text unencrypted (http) to another computer."""
    return bool(url.strip()) and _split(url)[0] == "http" and not is_loopback(url)


StatusCallback = Callable[[State, str], None]


def _client_class() -> type:
    """language-tool-python's client with one try per request, a bounded timeout, and raw JSON matches.

    The client's default is five minutes and two tries; a hanging server would hold a check for twice the
    timeout. ``matches`` returns the server's match objects unconverted (validated by the checker).
    """
    from language_tool_python import LanguageTool

    class BoundedLanguageTool(LanguageTool):  # type: ignore[misc, valid-type]
        _TIMEOUT = REQUEST_TIMEOUT_SECONDS

        def _query_server(self, url: str, params: object = None, num_tries: int = 1,
                          method: str = "get") -> object:
            return super()._query_server(url, params, num_tries=1, method=method)

        def matches(self, text: str) -> object:
            """The ``matches`` of the server's answer for ``text``, as JSON data."""
            answer = self._query_server(urljoin(self._url, "check"), self._create_params(text), method="post")
            if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
                raise MalformedAnswer("LanguageTool sent an answer that is not a list of matches.")
            return answer["matches"]

    return BoundedLanguageTool


class MalformedAnswer(LanguageToolUnavailable):
    """The server answered, but not with LanguageTool's JSON."""


class MalformedMatch(ValueError):
    """One match of an answer has offsets or fields that cannot be trusted; the reason is the message."""


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
        self._logged_bad: set[str] = set()  # reasons for dropping a match already logged
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
            if options.needs_server_consent:
                raise LanguageToolUnavailable(
                    f"The LanguageTool server at {server_host(options.url)} is on another computer; agree to send "
                    "your text there in Preferences first."
                )
            if options.unencrypted_remote:
                log.warning("LanguageTool at %s is reached over plain http: text travels unencrypted",
                            server_host(options.url))
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
                matches = self._tool.matches(text)  # type: ignore[union-attr]
            except Exception as error:
                self._mark_down(self._explain(error))
                return []
        mapping = Utf16Map(text)
        issues: list[Issue] = []
        for match in matches:
            try:
                issues.append(self._to_issue(match, text, mapping))
            except MalformedMatch as bad:
                self._log_bad(str(bad), match)
        return issues

    def _to_issue(self, match: object, text: str, mapping: Utf16Map) -> Issue:
        """Turn one JSON match (UTF-16 offset and length) into an Issue; MalformedMatch when it is not sound."""
        if not isinstance(match, dict):
            raise MalformedMatch("a match that is not an object")
        offset, length = match.get("offset"), match.get("length")
        if not _is_int(offset) or not _is_int(length):
            raise MalformedMatch("an offset or length that is not a whole number")
        size = utf16_len(text)
        if offset < 0 or length < 0 or offset + length > size:
            raise MalformedMatch("an offset or length outside the text")
        start, end = mapping.to_cp(offset), mapping.to_cp(offset + length)
        if mapping.to_utf16(start) != offset or mapping.to_utf16(end) != offset + length:
            raise MalformedMatch("an offset inside a character (UTF-16 surrogate pair)")
        rule = match.get("rule")
        rule = rule if isinstance(rule, dict) else {}
        category_data = rule.get("category")
        category_id = str(category_data.get("id", "")) if isinstance(category_data, dict) else ""
        category = _CATEGORIES.get(category_id, Category.GRAMMAR)
        if rule.get("issueType") == "misspelling":
            category = Category.SPELLING
        replacements = tuple(str(r["value"]) for r in match.get("replacements") or ()
                             if isinstance(r, dict) and isinstance(r.get("value"), str))[:MAX_REPLACEMENTS]
        if start == end:  # an insertion: underline the character before (or after) and put it in the fix
            if not replacements:
                raise MalformedMatch("an empty span with nothing to insert")
            if start > 0:
                start -= 1
                replacements = tuple(text[start] + r for r in replacements)
            elif end < len(text):
                end += 1
                replacements = tuple(r + text[start] for r in replacements)
            else:
                raise MalformedMatch("an insertion into an empty text")
        message = match.get("message")
        return Issue(
            start=start,
            end=end,
            text=text[start:end],
            message=message if isinstance(message, str) and message else "LanguageTool flagged this.",
            replacements=replacements,
            rule=f"LT:{rule.get('id', '')}",
            category=category,
            source=self.name,
        )

    def _log_bad(self, reason: str, match: object) -> None:
        """Log a dropped match once per reason (a broken server sends the same defect on every paragraph)."""
        if reason in self._logged_bad:
            log.debug("dropped another LanguageTool match with %s: %.200r", reason, match)
            return
        self._logged_bad.add(reason)
        log.warning("LanguageTool sent a match with %s; it is ignored (further ones are not logged): %.200r",
                    reason, match)

    # -- state ------------------------------------------------------------------------------------------
    def _mark_down(self, message: str) -> None:
        tool, self._tool = self._tool, None
        if tool is not None:  # a local server the client restarted on the failure must not run on unused
            try:
                tool.close()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - closing a failed client must never raise
                log.debug("closing the failed LanguageTool client failed", exc_info=True)
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
        if isinstance(error, LanguageToolUnavailable):
            return str(error)
        name = type(error).__name__
        if name == "JavaError":
            return "Java is not installed; LanguageTool needs Java 17 or newer."
        if name == "RateLimitError":
            return "The public LanguageTool service refused more requests for now (rate limit)."
        target = self._describe_target()
        return f"LanguageTool at {target} did not answer; using the built-in checker only."


def _is_int(value: object) -> bool:
    """True for a JSON whole number (not a bool, a float or a string)."""
    return isinstance(value, int) and not isinstance(value, bool)
