"""LanguageTool engine: the real language-tool-python client against a local LanguageTool-API server."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from tests.support.fake_languagetool import FakeLanguageTool, raw_match
from writer_app.grammar.engine import CheckConfig, CompositeChecker
from writer_app.grammar.languagetool import (
    FICTION_DISABLED_RULES,
    LanguageToolChecker,
    LanguageToolOptions,
    LanguageToolUnavailable,
    Mode,
    State,
    is_plain_http_remote,
    server_origin,
)
from writer_app.grammar.lt_install import InstallCancelled, LanguageToolInstaller, LanguageToolInstallError
from writer_app.grammar.model import Category


@pytest.fixture
def server():
    with FakeLanguageTool() as fake:
        yield fake


def server_checker(url: str, **kwargs) -> LanguageToolChecker:
    return LanguageToolChecker(LanguageToolOptions(mode=Mode.SERVER, url=url), **kwargs)


def test_server_mode_finds_issues_with_replacements_and_engine_name(server):
    checker = server_checker(server.url)
    checker.connect()
    issues = checker.check("She should of known better.")
    assert [(i.text, i.replacements[0], i.source) for i in issues] == [("should of", "should have", "languagetool")]
    assert issues[0].rule == "LT:SHOULD_OF"
    assert checker.state is State.READY


def test_offsets_stay_right_after_emoji_and_other_astral_characters(server):
    checker = server_checker(server.url)
    text = "😀🎉 Then 𝒜 should of gone to there house."
    issues = checker.check(text)
    assert [text[i.start:i.end] for i in issues] == ["should of", "there "]
    assert [i.text for i in issues] == ["should of", "there "]


def test_categories_map_to_ours(server):
    issues = server_checker(server.url).check("there house")
    assert issues[0].category is Category.WORD_CHOICE


def test_fiction_nagging_rules_are_disabled_in_requests(server):
    checker = server_checker(server.url)
    assert checker.check("Zorblax waved.") == []  # LanguageTool's speller does not know the cast; ours does
    sent = set(server.requests[-1]["disabledRules"].split(","))
    assert set(FICTION_DISABLED_RULES) <= sent
    assert server.requests[-1]["language"] == "en-US"


def test_dead_server_reports_once_returns_nothing_and_retries_later(server):
    clock = [0.0]
    statuses: list[tuple[State, str]] = []
    checker = server_checker(server.url, on_status=lambda s, m: statuses.append((s, m)), clock=lambda: clock[0])
    assert checker.check("should of")
    server.stop()
    assert checker.check("should of") == []
    assert checker.state is State.UNAVAILABLE
    assert "did not answer" in checker.message
    requests_before = len(server.requests)
    assert checker.check("should of") == []  # within the pause: no new attempt, no delay
    assert len(server.requests) == requests_before
    assert [s for s, _ in statuses].count(State.UNAVAILABLE) == 1


def test_server_that_comes_back_is_used_again_after_the_pause():
    clock = [0.0]
    fake = FakeLanguageTool().start()
    checker = server_checker(fake.url, clock=lambda: clock[0], retry_seconds=30)
    url = fake.url
    fake.stop()
    with pytest.raises(LanguageToolUnavailable):
        checker.connect()
    revived = FakeLanguageTool()
    revived.start()
    try:
        checker.options = LanguageToolOptions(mode=Mode.SERVER, url=revived.url)
        assert checker.check("should of") == []  # still pausing
        clock[0] = 31
        assert checker.check("should of")[0].text == "should of"
        assert checker.state is State.READY
    finally:
        revived.stop()
    assert url  # the first address was real


def test_broken_server_answer_falls_back_without_raising(server):
    checker = server_checker(server.url)
    checker.connect()
    server.broken = True
    assert checker.check("should of") == []
    assert checker.state is State.UNAVAILABLE


def test_composite_keeps_builtin_results_when_languagetool_is_down(server):
    class Builtin:
        name = "builtin"

        def check(self, text):
            from writer_app.grammar.model import Issue

            return [Issue(0, 3, text[:3], "built-in", rule="X")]

    lt = server_checker(server.url)
    server.stop()
    issues = CompositeChecker([Builtin(), lt], CheckConfig()).check("She should of.")
    assert [i.source for i in issues] == ["builtin"]


def test_requests_are_sent_one_at_a_time(server):
    server.hold_seconds = 0.02  # without the client's lock, eight threads would overlap inside this window
    checker = server_checker(server.url)
    checker.connect()
    threads = [threading.Thread(target=checker.check, args=(f"Para {n} should of.",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert server.max_concurrent == 1
    assert len(server.requests) == 8


def test_server_mode_without_address_says_so():
    checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.SERVER, url=""))
    with pytest.raises(LanguageToolUnavailable, match="No LanguageTool server address"):
        checker.connect()


def test_public_service_needs_consent_and_sends_nothing_without_it(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("text must not leave the machine without consent")

    monkeypatch.setattr("requests.get", no_network)
    monkeypatch.setattr("requests.post", no_network)
    checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.PUBLIC, public_consent=False))
    with pytest.raises(LanguageToolUnavailable, match="agree"):
        checker.connect()
    assert checker.check("should of") == []


def test_off_mode_checks_nothing():
    checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.OFF))
    assert checker.check("should of") == []
    assert checker.state is State.OFF


def test_local_mode_reports_not_installed(tmp_path):
    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.LOCAL), installer=installer)
    with pytest.raises(LanguageToolUnavailable, match="not downloaded"):
        checker.connect()
    assert checker.state is State.NOT_INSTALLED


def test_options_read_from_settings_fields():
    class FakeSettings:
        languagetool_mode = "server"
        languagetool_url = "http://127.0.0.1:8081"
        languagetool_public_consent = False
        dialect = "en-GB"

    options = LanguageToolOptions.from_settings(FakeSettings())
    assert (options.mode, options.url, options.language) == (Mode.SERVER, "http://127.0.0.1:8081", "en-GB")


# -- installer ------------------------------------------------------------------------------------------
def _release_zip(version: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr(f"LanguageTool-{version}/languagetool-server.jar", b"jar")
        bundle.writestr(f"LanguageTool-{version}/README.md", b"readme")
    return buffer.getvalue()


def _fetch_of(data: bytes, chunk: int = 7):
    return lambda url: (len(data), (data[i:i + chunk] for i in range(0, len(data), chunk)))


def test_installer_reports_progress_and_unpacks_where_the_client_looks(tmp_path, monkeypatch):
    data = _release_zip("6.8")
    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    monkeypatch.setattr(installer, "expected_sha256", lambda: None)
    seen: list[tuple[int, int | None]] = []
    folder = installer.install(progress=lambda done, total: seen.append((done, total)), fetch=_fetch_of(data))
    assert (folder / "languagetool-server.jar").read_bytes() == b"jar"
    assert installer.is_installed()
    assert seen[-1] == (len(data), len(data)) and len(seen) > 3
    import os

    assert os.environ["LTP_PATH"] == str(tmp_path / "lt")


def test_installer_rejects_a_damaged_download(tmp_path, monkeypatch):
    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    monkeypatch.setattr(installer, "expected_sha256", lambda: "0" * 64)
    with pytest.raises(LanguageToolInstallError, match="damaged"):
        installer.install(fetch=_fetch_of(_release_zip("6.8")))
    assert not installer.is_installed()
    assert not any(Path(tmp_path / "lt").glob(".download-*"))


def test_installer_can_be_cancelled(tmp_path, monkeypatch):
    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    with pytest.raises(InstallCancelled):
        installer.install(cancelled=lambda: True, fetch=_fetch_of(_release_zip("6.8")))
    assert not installer.is_installed()


def test_installer_without_java_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on this PATH
    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    with pytest.raises(LanguageToolInstallError, match="Java is not installed"):
        installer.install(fetch=_fetch_of(b""))


def test_installer_network_failure_is_one_sentence(tmp_path):
    def offline(url):
        raise OSError("Name or service not known")

    installer = LanguageToolInstaller(install_dir=tmp_path / "lt", version="6.8")
    with pytest.raises(LanguageToolInstallError, match="could not be downloaded"):
        installer.install(fetch=offline)


# -- malformed answers, one try, consent ------------------------------------------------------------------
@pytest.mark.parametrize(("offset", "length"), [
    (-5, 4),  # before the text
    (2, 200),  # past the end
    (60, 1),  # starts past the end
    (3, -2),  # negative length
    ("4", 3),  # numbers as strings
    (4.0, 3),  # numbers as floats
    (None, 3),
    (True, 3),
])
def test_a_malformed_match_is_dropped_and_the_good_ones_kept(server, offset, length):
    server.raw_matches = (raw_match(offset, length),)
    checker = server_checker(server.url)
    issues = checker.check("She should of known better.")
    assert [i.rule for i in issues] == ["LT:SHOULD_OF"]  # no clamped whole-paragraph underline
    assert checker.state is State.READY  # a bad match is not a dead server


def test_a_malformed_match_is_logged_once_not_on_every_paragraph(server, caplog):
    server.raw_matches = (raw_match(-1, 3),)
    checker = server_checker(server.url)
    with caplog.at_level("WARNING", logger="writer_app.grammar.languagetool"):
        for n in range(3):
            checker.check(f"Paragraph {n} should of ended.")
    assert len([r for r in caplog.records if "ignored" in r.getMessage()]) == 1


def test_an_empty_span_without_a_fix_is_dropped_and_an_insertion_is_underlined_with_its_neighbour(server):
    text = "Yes she said."
    server.rules = ()
    server.raw_matches = (raw_match(3, 0, "NO_FIX", replacements=()), raw_match(3, 0, "COMMA", replacements=(",",)))
    issues = server_checker(server.url).check(text)
    assert [(i.rule, i.text, i.replacements) for i in issues] == [("LT:COMMA", "s", ("s,",))]


def test_offsets_count_utf16_units_after_emoji_and_one_inside_a_surrogate_pair_is_dropped(server):
    text = "😀 Go now."  # the emoji is two UTF-16 units: "Go" starts at unit 3, code point 2
    server.rules = ()
    server.raw_matches = (raw_match(3, 2, "GO"), raw_match(1, 2, "HALF_EMOJI"))
    issues = server_checker(server.url).check(text)
    assert [(i.rule, i.text) for i in issues] == [("LT:GO", "Go")]


def test_a_hanging_server_costs_one_timeout_not_two():
    with FakeLanguageTool() as fake:
        checker = server_checker(fake.url)
        checker.connect()
        fake.hang = True
        checker._tool._TIMEOUT = 0.3  # the client's per-request timeout, short for the test
        assert checker.check("She should of known.") == []
        assert checker.state is State.UNAVAILABLE
        assert len(fake.requests) == 1  # the client's default would have sent it twice


def test_a_remote_server_needs_consent_and_gets_no_text_without_it(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("text must not leave the machine without consent")

    monkeypatch.setattr("requests.get", no_network)
    monkeypatch.setattr("requests.post", no_network)
    checker = LanguageToolChecker(LanguageToolOptions(mode=Mode.SERVER, url="https://lt.example.org:8081"))
    with pytest.raises(LanguageToolUnavailable, match="another computer.*agree"):
        checker.connect()
    assert checker.check("should of") == []
    assert "lt.example.org" in checker.message


def test_consent_is_for_one_address_and_loopback_needs_none():
    agreed = LanguageToolOptions(mode=Mode.SERVER, url="https://LT.example.org:8081/v2",
                                 server_consent=server_origin("https://lt.example.org:8081"))
    assert not agreed.needs_server_consent
    moved = LanguageToolOptions(mode=Mode.SERVER, url="https://other.example.org:8081",
                                server_consent=agreed.server_consent)
    assert moved.needs_server_consent
    for url in ("http://localhost:8081", "http://127.0.0.1:8081", "http://[::1]:8081", "127.0.0.5:9"):
        assert not LanguageToolOptions(mode=Mode.SERVER, url=url).needs_server_consent, url


def test_plain_http_to_another_computer_is_flagged_as_unencrypted():
    assert is_plain_http_remote("http://192.168.1.20:8081")
    assert is_plain_http_remote("lt.example.org:8081")  # no scheme: http
    assert not is_plain_http_remote("https://lt.example.org")
    assert not is_plain_http_remote("http://localhost:8081")
    assert LanguageToolOptions(mode=Mode.SERVER, url="http://10.0.0.2:8081").unencrypted_remote


def test_server_consent_is_read_from_settings():
    class FakeSettings:
        languagetool_mode = "server"
        languagetool_url = "http://10.0.0.2:8081"
        languagetool_server_consent = "http://10.0.0.2:8081"

    assert not LanguageToolOptions.from_settings(FakeSettings()).needs_server_consent


def test_a_failed_client_is_closed_so_a_local_server_it_restarted_does_not_linger(server):
    closed: list[bool] = []

    class FailingClient:
        def matches(self, text):
            raise OSError("connection reset")

        def close(self):
            closed.append(True)

    checker = server_checker(server.url)
    checker._tool = FailingClient()
    assert checker.check("should of") == []
    assert closed == [True] and checker.state is State.UNAVAILABLE
