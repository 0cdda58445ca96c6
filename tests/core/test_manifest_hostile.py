"""A crafted or broken ``project.json`` fails with one sentence of the project's own error type, never a crash."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from writer_app.core import manifest as manifest_module
from writer_app.core.errors import CorruptProjectError, ProjectError
from writer_app.core.manifest import MAX_DEPTH, dump_manifest, parse_manifest
from writer_app.core.project import Project

PATH = Path("/novel/project.json")
VALID: dict[str, Any] = {
    "format_version": 1,
    "title": "Harbour",
    "author": "A. Writer",
    "language": "en-GB",
    "chapters": [{"id": "one", "title": "Arrival", "file": "chapters/one.md"}],
    "cast": [{"name": "Mara", "aliases": ["Captain"], "color": "#1f77b4", "notes": ""}],
    "dismissed_characters": ["Tuesday"],
    "word_list": ["Kestrel"],
    "ignored_rules": ["doubled-word"],
    "ignored_texts": [["rule", "text"]],
    "ignored_spots": [["rule", "text", "spot"]],
    "trash": [{"id": "old", "title": "Cut", "file": "chapters/old.md", "deleted_at": "2026-01-01", "index": 0}],
}


def manifest_text(**overrides: Any) -> str:
    data = dict(VALID)
    data.update(overrides)
    return json.dumps(data)


def deep(depth: int, leaf: str = "1") -> str:
    return "[" * depth + leaf + "]" * depth


def test_a_five_thousand_digit_format_version_is_one_sentence() -> None:
    text = manifest_text(format_version=0).replace('"format_version": 0', '"format_version": ' + "1" * 5000)
    with pytest.raises(CorruptProjectError, match="number 5000 digits long"):
        parse_manifest(text, PATH)


def test_a_cast_nested_a_hundred_thousand_deep_is_one_sentence() -> None:
    text = manifest_text(cast=0).replace('"cast": 0', '"cast": ' + deep(100_000))
    with pytest.raises(CorruptProjectError, match="nested more than"):
        parse_manifest(text, PATH)


def test_nesting_just_past_the_limit_is_refused_in_any_field() -> None:
    text = manifest_text(extra_notes=0).replace('"extra_notes": 0', '"extra_notes": ' + deep(MAX_DEPTH))
    with pytest.raises(CorruptProjectError, match="nested"):
        parse_manifest(text, PATH)
    shallow = manifest_text(extra_notes=0).replace('"extra_notes": 0', '"extra_notes": ' + deep(MAX_DEPTH - 2))
    assert parse_manifest(shallow, PATH).extra["extra_notes"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    text = manifest_text(trash=[]).replace('"trash": []', f'"trash": [], "score": {constant}')
    with pytest.raises(CorruptProjectError, match=constant.lstrip("-")):
        parse_manifest(text, PATH)


def test_a_float_too_large_to_hold_is_refused() -> None:
    with pytest.raises(CorruptProjectError, match="too large"):
        parse_manifest(manifest_text(trash=[]).replace('"trash": []', '"trash": [], "x": 1e999'), PATH)


def test_a_key_written_twice_is_refused() -> None:
    text = manifest_text().replace('"title": "Harbour"', '"title": "Harbour", "title": "Other"')
    with pytest.raises(CorruptProjectError, match="'title' appears twice"):
        parse_manifest(text, PATH)


def test_a_lone_surrogate_escape_is_refused() -> None:
    text = manifest_text(title="x").replace('"title": "x"', '"title": "\\ud800"')
    with pytest.raises(CorruptProjectError, match="not valid Unicode"):
        parse_manifest(text, PATH)
    as_key = manifest_text(trash=[]).replace('"trash": []', '"trash": [], "notes": [{"\\udc80": 1}]')
    with pytest.raises(CorruptProjectError, match="not valid Unicode"):
        parse_manifest(as_key, PATH)
    paired = manifest_text(title="x").replace('"title": "x"', '"title": "\\ud83d\\ude00"')  # an escaped emoji
    assert parse_manifest(paired, PATH).title == "\U0001f600"


def test_a_huge_manifest_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest_module, "MAX_MANIFEST_BYTES", 1000)
    folder = tmp_path / "Big"
    folder.mkdir()
    (folder / "project.json").write_text(manifest_text(word_list=["w" * 2000]), encoding="utf-8")
    read: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    with pytest.raises(CorruptProjectError, match="larger than a writer-app project file"):
        Project.open(folder)
    assert read == []


def test_a_manifest_just_under_the_cap_still_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest_module, "MAX_MANIFEST_BYTES", 4000)
    folder = tmp_path / "Fine"
    (folder / "chapters").mkdir(parents=True)
    (folder / "chapters" / "one.md").write_text("Hello.\n", encoding="utf-8")
    (folder / "project.json").write_text(manifest_text(trash=[]), encoding="utf-8")
    project = Project.open(folder, lock=False)
    assert project.title == "Harbour"


# -- fuzzing ---------------------------------------------------------------------------------------------------

HOSTILE_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**70, 1.5, -0.0, "", "x" * 10_000, "\u202e", "\0", [], {}, [None], [[]], [{}],
    [1, 2], ["a", 1], [["a"]], [["a", "b", "c", "d"]], {"id": 1}, {"id": "", "title": "", "file": ""},
    [{"id": "a", "title": "b", "file": "../x"}], [{"id": "a", "title": "b", "file": "/etc/passwd"}],
    [{"id": "a", "title": "b", "file": "c:\\x"}], [{"id": "a", "title": "b", "file": 7}],
    [{"id": "a", "title": "b", "file": "chapters/a.md"}, {"id": "a", "title": "b", "file": "chapters/a.md"}],
    {"name": {"name": {"name": []}}},
]
RAW_VALUES = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "9" * 5000, "-" + "9" * 5000, deep(5000),
              deep(60, "{}"), '"\\udc80"', '"\\ud83d"', "1" * 31, "0.1e-99999", '{"a": 1, "a": 2}']
KEYS = list(VALID) + ["index", "deleted_at", "id", "title", "file", "unknown"]


def _mutate_data(rng: random.Random, data: Any, depth: int = 0) -> Any:
    """Replace, drop or add a value somewhere inside ``data`` (a copy)."""
    if isinstance(data, dict) and data and depth < 4 and rng.random() < 0.7:
        data = dict(data)
        key = rng.choice(list(data))
        choice = rng.random()
        if choice < 0.15:
            del data[key]
        elif choice < 0.3:
            data[rng.choice(KEYS)] = rng.choice(HOSTILE_VALUES)
        else:
            data[key] = _mutate_data(rng, data[key], depth + 1)
        return data
    if isinstance(data, list) and data and depth < 4 and rng.random() < 0.7:
        data = list(data)
        index = rng.randrange(len(data))
        data[index] = _mutate_data(rng, data[index], depth + 1)
        return data
    return rng.choice(HOSTILE_VALUES)


def _mutate_text(rng: random.Random, text: str) -> str:
    """Damage the JSON text itself: raw values JSON libraries disagree on, truncation, stray characters."""
    choice = rng.random()
    if choice < 0.5:
        marker = '"__raw__"'
        data = _mutate_data(rng, json.loads(text))
        spot = rng.choice(list(VALID))
        if isinstance(data, dict):
            data[spot] = "__raw__"
        return json.dumps(data).replace(marker, rng.choice(RAW_VALUES), 1)
    if choice < 0.7:
        return text[: rng.randrange(len(text))]
    position = rng.randrange(len(text))
    return text[:position] + rng.choice(["{", "]", '"', "\\", ",", "\ud800", "\x00", ":"]) + text[position + 1:]


def test_fuzzed_manifests_only_ever_raise_the_projects_own_error() -> None:
    rng = random.Random(20261207)
    base = json.dumps(VALID)
    outcomes = {"opened": 0, "refused": 0}
    for _ in range(3000):
        if rng.random() < 0.5:
            text = json.dumps(_mutate_data(rng, json.loads(base)))
        else:
            text = _mutate_text(rng, base)
        try:
            parsed = parse_manifest(text, PATH)
        except ProjectError as error:  # CorruptProjectError or UnsafePathError
            message = str(error)
            assert message and "\n" not in message and len(message) < 400, message
            outcomes["refused"] += 1
            continue
        # Whatever is accepted can be written back and read again unchanged.
        again = parse_manifest(dump_manifest(parsed), PATH)
        assert dump_manifest(again) == dump_manifest(parsed)
        outcomes["opened"] += 1
    assert outcomes["refused"] > 1000 and outcomes["opened"] > 50, outcomes
