"""Suite-wide test setup: headless Qt and private per-test config/data/cache folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
EVAL = SHARED / "eval"


@pytest.fixture(autouse=True)
def private_app_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point appdirs' config, data and cache folders at a fresh temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    for variable, name in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        folder = home / name
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    return home


@pytest.fixture
def corpus_dir() -> Path:
    """The shared public-domain novels; tests that need them skip with a reason when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS
