"""A small local server that speaks LanguageTool's HTTP API (``/v2/languages``, ``/v2/check``).

LanguageTool itself cannot be downloaded on the test machines, so tests drive the real language-tool-python
client against this stand-in. It answers like LanguageTool does: JSON matches with offsets and lengths in
UTF-16 code units (Java strings), rule ids, categories and replacements.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


@dataclass(frozen=True)
class FakeRule:
    """One pattern the fake server flags, shaped like a LanguageTool rule."""

    rule_id: str
    pattern: str
    message: str
    replacement: str
    category: str = "GRAMMAR"
    issue_type: str = "grammar"


DEFAULT_RULES = (
    FakeRule("SHOULD_OF", r"\bshould of\b", "Did you mean “should have”?", "should have"),
    FakeRule("EN_A_VS_AN", r"\ba (?=apple\b)", "Use “an” before a vowel sound.", "an ", "MISC"),
    FakeRule("MORFOLOGIK_RULE_EN_US", r"\bZorblax\b", "Possible spelling mistake found.", "Zorba", "TYPOS",
             "misspelling"),
    FakeRule("THERE_THEIR", r"\bthere (?=house\b)", "Did you mean “their”?", "their ", "CONFUSED_WORDS"),
)


def raw_match(offset: object, length: object, rule_id: str = "RAW_RULE", replacements: tuple[str, ...] = ("x",),
              category: str = "GRAMMAR", message: str = "A raw match.") -> dict[str, object]:
    """A LanguageTool-shaped match with exactly the offset and length given (for malformed answers)."""
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": offset,
        "length": length,
        "context": {"text": "", "offset": 0, "length": 0},
        "sentence": "",
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                 "category": {"id": category, "name": category.title()}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    """Run the fake server on 127.0.0.1 in a background thread; use as a context manager."""

    rules: tuple[FakeRule, ...] = DEFAULT_RULES
    requests: list[dict[str, str]] = field(default_factory=list)
    broken: bool = False  # answer /v2/check with HTTP 500 and no JSON
    hold_seconds: float = 0.0  # how long each check stays "in progress" (widens the window for overlap tests)
    max_concurrent: int = 0  # most checks in progress at once (a check ends before its answer is sent)
    hang: bool = False  # take /v2/check requests and answer none until release() (or stop(): no answer)
    raw_matches: tuple[dict[str, object], ...] = ()  # sent verbatim after the rules' matches (malformed ones)
    _active: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._released = threading.Event()  # set by release() and stop(): hanging requests go on
        self._stopping = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to give language-tool-python as ``remote_server``."""
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeLanguageTool:
        """Start serving; returns self."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _reply(self, status: int, body: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = urlparse(self.path).path
                if path == "/v2/languages":
                    self._reply(200, json.dumps(LANGUAGES).encode())
                elif path == "/v2/healthcheck":
                    self._reply(200, b"OK", "text/plain")
                else:
                    self._reply(404, b"not found", "text/plain")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                if urlparse(self.path).path != "/v2/check":
                    self._reply(404, b"not found", "text/plain")
                    return
                with fake._lock:
                    fake._active += 1
                    fake.max_concurrent = max(fake.max_concurrent, fake._active)
                    fake.requests.append(form)
                if fake.hang:
                    fake._released.wait()
                    if fake._stopping:
                        with fake._lock:
                            fake._active -= 1
                        return  # the connection closes without an answer
                try:
                    body = None if fake.broken else json.dumps(
                        {"matches": fake.matches(form.get("text", ""), form)}).encode()
                    time.sleep(fake.hold_seconds)
                finally:
                    # Leave "in progress" before answering: once the client has the answer it may send the next
                    # request, and that must not count as overlapping this one.
                    with fake._lock:
                        fake._active -= 1
                if body is None:
                    self._reply(500, b"Internal Server Error", "text/plain")
                else:
                    self._reply(200, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def release(self) -> None:
        """Answer the requests held by ``hang`` (and every later one at once)."""
        self.hang = False
        self._released.set()

    def stop(self) -> None:
        """Shut the server down (simulates a dead LanguageTool)."""
        self._stopping = True
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def matches(self, text: str, form: dict[str, str]) -> list[dict[str, object]]:
        """LanguageTool-shaped matches for ``text`` (UTF-16 offsets), honouring ``disabledRules``."""
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        found: list[dict[str, object]] = []
        for rule in self.rules:
            if rule.rule_id in disabled:
                continue
            for hit in re.finditer(rule.pattern, text, re.IGNORECASE):
                offset = _utf16_len(text[: hit.start()])
                length = _utf16_len(hit.group(0))
                found.append({
                    "message": rule.message,
                    "shortMessage": "",
                    "replacements": [{"value": rule.replacement}],
                    "offset": offset,
                    "length": length,
                    "context": {"text": text, "offset": offset, "length": length},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": rule.rule_id,
                        "description": rule.message,
                        "issueType": rule.issue_type,
                        "category": {"id": rule.category, "name": rule.category.title()},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                })
        found.sort(key=lambda m: int(m["offset"]))  # type: ignore[arg-type]
        return found + [dict(raw) for raw in self.raw_matches]

    def __enter__(self) -> FakeLanguageTool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
