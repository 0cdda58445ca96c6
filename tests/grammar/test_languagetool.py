"""LanguageTool engine: the real language-tool-python client against a local LanguageTool-API server."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from tests.support.fake_languagetool import FakeLanguageTool
from writer_app.grammar.engine import CheckConfig, CompositeChecker
from writer_app.grammar.languagetool import (
    FICTION_DISABLED_RULES,
    LanguageToolChecker,
    LanguageToolOptions,
    LanguageToolUnavailable,
    Mode,
    State,
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
