"""The precompiled bundled rules and the cache of the writer's own rule files: fresh, equal, never trusted blindly."""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from writer_app.grammar import compiled_regex, rule_cache
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.rulefile import RuleFileError, load_rule_folder
from writer_app.grammar.rules import RuleChecker

ROOT = Path(__file__).resolve().parents[2]

RULE_FILE = '''
[[rule]]
id = "CACHE_TEST_WAIT_ON"
category = "word_choice"
message = "Say “wait for” someone unless you serve them."
pattern = '\\bwait(?:ed|ing|s)?\\s+(on)\\s+(?:him|her|them|me|us)\\b'
mark = 1
replacements = ["for"]
bad = ["We waited on her at the station for an hour."]
good = ["We waited for her at the station."]

[[phrase]]
id = "CACHE_TEST_COULD_OF"
category = "grammar"
message = "Write “could have”."
wrong = ["could of", "should of"]
right = ["could have", "should have"]
parallel = true
bad = ["She could of gone."]
good = ["She could have gone."]

[[pattern]]
id = "CACHE_TEST_MODAL_PAST"
category = "grammar"
message = "After “{1}”, use the plain form of the verb."
tokens = [{ word = ["could", "should"] }, { tag = "VBD" }]
mark = 2
replacements = ["{2|as:VB}"]
gate = '\\b(?:could|should)\\s+<VBD>\\b'
bad = ["They could went home early."]
good = ["They could go home early."]
'''


def _normal(value: object) -> object:
    """A comparable form of a loaded rule: every field, patterns by text, flags and compiled program."""
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags, value.groups, dict(value.groupindex))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_normal(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (tuple, list)):
        return tuple(_normal(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _normal(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)):
        return frozenset(_normal(item) for item in value)
    return value


def _patterns(rules: list) -> list[re.Pattern[str]]:
    found = []
    for rule in rules:
        for part in (rule, *rule.parts):
            found += [p for p in (getattr(part, "pattern", None), part.gate, getattr(part, "quick", None)) if p]
            found += list(getattr(part, "avoid", ()))
    return found


@pytest.fixture
def rule_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "mine.toml").write_text(RULE_FILE, encoding="utf-8")
    return folder


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch):
    """Make reading rule files fail loudly, to show that rules came from a cache."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the rule files were read although a fresh cache exists")

    def apply() -> None:
        monkeypatch.setattr(rule_cache, "load_rule_folder", refuse)

    return apply


def test_shipped_precompiled_rules_match_the_rule_files_and_loader() -> None:
    # Fails when a rule file (or the loader's code) changed after the last build:
    # rebuild with `python -m writer_app.grammar.rule_cache`.
    assert rule_cache.shipped_path().is_file()
    assert rule_cache.shipped_is_fresh(), "resources/compiled/rules.pickle is stale: run python -m writer_app.grammar.rule_cache"


def test_precompiled_bundled_rules_equal_the_parsed_rules(tmp_path: Path) -> None:
    folder = rule_cache.bundled_folder()
    parsed = load_rule_folder(folder)
    target = rule_cache.build_shipped(folder, tmp_path / "rules.pickle")
    files = rule_cache.rule_files(folder)
    loaded = rule_cache.read_cache(target, rule_cache.header(rule_cache._sources(files, with_stat=False)), folder)
    assert loaded is not None
    assert [_normal(rule) for rule in loaded] == [_normal(rule) for rule in parsed]
    # Restored programs are the very programs re.compile makes (Pattern equality compares the code).
    for restored, original in zip(_patterns(loaded), _patterns(parsed), strict=True):
        assert restored == original


def test_equal_word_sets_and_words_of_the_loaded_rules_are_one_object_each(tmp_path: Path) -> None:
    folder = rule_cache.bundled_folder()
    target = rule_cache.build_shipped(folder, tmp_path / "rules.pickle")
    files = rule_cache.rule_files(folder)
    loaded = rule_cache.read_cache(target, rule_cache.header(rule_cache._sources(files, with_stat=False)), folder)
    assert loaded is not None
    sets: dict[frozenset[str], set[int]] = {}
    words: dict[str, set[int]] = {}

    def visit(value: object) -> None:
        if type(value) is frozenset:
            sets.setdefault(value, set()).add(id(value))
            for item in value:
                if type(item) is str:
                    words.setdefault(item, set()).add(id(item))
        elif type(value) in (tuple, list):
            for item in value:
                visit(item)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                visit(getattr(value, field.name))

    for rule in loaded:
        visit(rule)
    assert len(sets[frozenset({"to"})]) == 1 and len(words["to"]) == 1
    assert all(len(ids) == 1 for ids in sets.values())


def test_shipped_rules_load_without_reading_the_rule_files(no_parsing) -> None:
    no_parsing()
    rules = rule_cache.load_rules_cached([rule_cache.bundled_folder()])
    assert len(rules) > 100
    assert all(rule.path.parent == rule_cache.bundled_folder() for rule in rules)


def test_writer_rule_folder_is_cached_then_read_from_the_cache(rule_folder: Path, no_parsing) -> None:
    first = rule_cache.load_rules_cached([rule_folder])
    cache = rule_cache.user_cache_path(rule_folder)
    assert cache is not None and cache.is_file()
    no_parsing()
    second = rule_cache.load_rules_cached([rule_folder])
    assert [_normal(rule) for rule in second] == [_normal(rule) for rule in first]
    assert [rule.id for rule in second] == ["CACHE_TEST_WAIT_ON", "CACHE_TEST_COULD_OF", "CACHE_TEST_MODAL_PAST"]


def test_cached_writer_rules_find_what_the_parsed_rules_find(rule_folder: Path) -> None:
    parsed = load_rule_folder(rule_folder)
    rule_cache.load_rules_cached([rule_folder])
    cached = rule_cache.load_rules_cached([rule_folder])
    text = "She could of waited on them, and they could went home; we should of known."
    config = CheckConfig()
    assert RuleChecker(config, rules=cached).check(text) == RuleChecker(config, rules=parsed).check(text)
    assert {i.rule for i in RuleChecker(config, rules=cached).check(text)} == {
        "CACHE_TEST_WAIT_ON", "CACHE_TEST_COULD_OF", "CACHE_TEST_MODAL_PAST",
    }


def test_an_edited_rule_file_rebuilds_its_cache(rule_folder: Path) -> None:
    rule_cache.load_rules_cached([rule_folder])
    path = rule_folder / "mine.toml"
    path.write_text(RULE_FILE.replace("Write “could have”.", "Use “have” after could."), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    rules = rule_cache.load_rules_cached([rule_folder])
    assert rules[1].message == "Use “have” after could."
    # Same size and time, other content: the content hash still tells.
    same_size = RULE_FILE.replace("Write “could have”.", "Write “could hav3”.")
    path.write_text(same_size, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert rule_cache.load_rules_cached([rule_folder])[1].message == "Write “could hav3”."


class _Mischief:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def _damaged_caches(good: bytes, marker: Path) -> dict[str, bytes]:
    head_end = len(rule_cache.MAGIC) + 4 + int.from_bytes(good[len(rule_cache.MAGIC):len(rule_cache.MAGIC) + 4], "big")
    payload = pickle.dumps([_Mischief(marker)])
    import hashlib

    digest = hashlib.sha256(payload).digest()  # the seal of compiled_file: the payload reaches the unpickler
    flipped = bytearray(good)
    flipped[-100] ^= 0xFF
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "corrupt": bytes(flipped),
        "garbage": os.urandom(4096),
        "foreign": pickle.dumps({"not": "rules"}),
        # A well-formed cache whose payload would run code when unpickled naively.
        "hostile": good[:head_end] + digest + payload,
    }


@pytest.mark.parametrize("kind", ["empty", "truncated", "corrupt", "garbage", "foreign", "hostile"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(rule_folder: Path, tmp_path: Path, kind: str) -> None:
    expected = [_normal(rule) for rule in rule_cache.load_rules_cached([rule_folder])]
    cache = rule_cache.user_cache_path(rule_folder)
    assert cache is not None
    marker = tmp_path / "code-ran"
    cache.write_bytes(_damaged_caches(cache.read_bytes(), marker)[kind])
    rules = rule_cache.load_rules_cached([rule_folder])
    assert [_normal(rule) for rule in rules] == expected
    assert not marker.exists()
    files = rule_cache.rule_files(rule_folder)
    wanted = rule_cache.header(rule_cache._sources(files, with_stat=True))
    assert rule_cache.read_cache(cache, wanted, rule_folder) is not None  # rebuilt whole


def test_a_stale_shipped_file_falls_back_to_the_rule_files_and_says_so_once(
    rule_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shipped = rule_cache.build_shipped(rule_folder, tmp_path / "shipped.pickle")
    monkeypatch.setattr(rule_cache, "bundled_folder", lambda: rule_folder)
    monkeypatch.setattr(rule_cache, "shipped_path", lambda: shipped)
    monkeypatch.setattr(rule_cache._stale, "said", False)
    assert rule_cache.shipped_is_fresh()
    (rule_folder / "mine.toml").write_text(RULE_FILE.replace("Write “could have”.", "Now “could have”."), "utf-8")
    assert not rule_cache.shipped_is_fresh()
    with caplog.at_level(logging.INFO, logger="writer_app.grammar.rule_cache"):
        first = rule_cache.load_rules_cached([rule_folder])
        second = rule_cache.load_rules_cached([rule_folder])
    assert first[1].message == second[1].message == "Now “could have”."
    assert sum("precompiled bundled rules" in r.getMessage() for r in caplog.records) == 1


def test_a_malformed_writer_rule_file_still_names_its_line_every_time(rule_folder: Path) -> None:
    (rule_folder / "broken.toml").write_text('[[rule]]\nid = "X_BROKEN"\ncategory = "nonsense"\n', "utf-8")
    for _ in range(2):
        with pytest.raises(RuleFileError, match=r"broken\.toml, line 2"):
            rule_cache.load_rules_cached([rule_folder])


def test_a_writer_rule_reusing_a_bundled_id_is_refused_from_the_cache_too(rule_folder: Path) -> None:
    bundled_id = rule_cache.load_rules_cached([rule_cache.bundled_folder()])[0].id
    (rule_folder / "mine.toml").write_text(RULE_FILE.replace("CACHE_TEST_WAIT_ON", bundled_id), "utf-8")
    rule_cache.load_rules_cached([rule_folder])  # alone it is fine, and now cached
    for _ in range(2):
        with pytest.raises(RuleFileError, match="already defined"):
            rule_cache.load_rules_cached([rule_cache.bundled_folder(), rule_folder])


def test_patterns_saved_under_another_engine_are_compiled_from_their_text() -> None:
    pattern = re.compile(r"\b(?P<verb>could|should)\s+of\b", re.IGNORECASE)
    source, flags, loose, _engine, program = compiled_regex.saved_form(pattern)
    assert compiled_regex.restore(source, flags, loose, "another-engine", program) == pattern
    assert compiled_regex.restore(source, flags, loose, compiled_regex.ENGINE, program) == pattern


def test_loose_stand_ins_survive_saving() -> None:
    quick = compiled_regex.loose_gate(r"\bcould\s+of\b", re.IGNORECASE)
    assert quick is not None
    restored = compiled_regex.restore(*compiled_regex.saved_form(quick))
    assert restored == quick
    assert restored.search("she could of gone") and not restored.search("she could have gone")
    assert compiled_regex.restore(*compiled_regex.saved_form(restored)) == quick  # a restored one saves again


_BUILDER = """
import sys
from pathlib import Path
from writer_app.grammar import rule_cache
for _ in range(3):
    rules = rule_cache.load_rules_cached([Path(sys.argv[1])])
    assert [r.id for r in rules] == ["CACHE_TEST_WAIT_ON", "CACHE_TEST_COULD_OF", "CACHE_TEST_MODAL_PAST"], rules
    cache = rule_cache.user_cache_path(Path(sys.argv[1]))
    rule_cache.write_cache(cache, rule_cache.header(rule_cache._sources(rule_cache.rule_files(Path(sys.argv[1])), True)),
                           rules, Path(sys.argv[1]))
print("ok")
"""


def test_two_processes_building_one_cache_leave_one_whole_file(rule_folder: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    children = [
        subprocess.Popen([sys.executable, "-c", _BUILDER, str(rule_folder)], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "ok"
    cache = rule_cache.user_cache_path(rule_folder)
    assert cache is not None
    files = rule_cache.rule_files(rule_folder)
    wanted = rule_cache.header(rule_cache._sources(files, with_stat=True))
    assert rule_cache.read_cache(cache, wanted, rule_folder) is not None
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]  # no temporary file left behind
