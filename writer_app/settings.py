"""Per-user folders (appdirs) and the writer's preferences, stored as JSON in the config folder.

Locations (Linux examples; appdirs picks the right ones on Windows and macOS):

* ``config_dir()``  ~/.config/writer-app           settings.json
* ``data_dir()``    ~/.local/share/writer-app      personal-words.txt, recovery/ (crash journal), loose-files/
* ``cache_dir()``   ~/.cache/writer-app            LanguageTool download and other rebuildable data
* ``log_dir()``     ~/.cache/writer-app/log        log files

Every folder is created on first use. A missing, unreadable or corrupt ``settings.json`` never stops the app:
``Settings.load`` logs a warning and falls back to defaults (per field, so one bad value does not reset the
rest). Keys this version does not know are kept and written back on save.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import appdirs

from writer_app.grammar.model import Category

log = logging.getLogger(__name__)

APP_NAME = "writer-app"
SETTINGS_FILE = "settings.json"
MAX_RECENT_PROJECTS = 12


def _ensure(path: str | Path) -> Path:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_APPDIRS_LOOKUPS = {
    "config": appdirs.user_config_dir,
    "data": appdirs.user_data_dir,
    "cache": appdirs.user_cache_dir,
    "log": appdirs.user_log_dir,
}
FOLDER_KINDS = tuple(_APPDIRS_LOOKUPS)


def user_folder(kind: str) -> Path:
    """Return (without creating it) the per-user ``config``, ``data``, ``cache`` or ``log`` folder from appdirs."""
    return Path(_APPDIRS_LOOKUPS[kind](APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Return (and create) the user's configuration folder for writer-app."""
    return _ensure(user_folder("config"))


def data_dir() -> Path:
    """Return (and create) the user's data folder (personal dictionary, crash journal)."""
    return _ensure(user_folder("data"))


def cache_dir() -> Path:
    """Return (and create) the user's cache folder (downloads that can be rebuilt)."""
    return _ensure(user_folder("cache"))


def log_dir() -> Path:
    """Return (and create) the folder for log files."""
    return _ensure(user_folder("log"))


def personal_dictionary_path() -> Path:
    """Return the path of the writer's personal word list (one word per line)."""
    return data_dir() / "personal-words.txt"


def settings_path() -> Path:
    """Return the path of ``settings.json``."""
    return config_dir() / SETTINGS_FILE


def _default_categories() -> list[str]:
    return [c.value for c in Category if c is not Category.STYLE]


def _all_categories() -> list[str]:
    return [c.value for c in Category]


# The categories there were before settings remembered which ones they had seen: one added later starts on.
_FIRST_CATEGORIES = ("spelling", "grammar", "word_choice", "punctuation", "typography", "style")


_CHOICES: dict[str, tuple[str, ...]] = {
    "theme": ("system", "light", "dark"),
    "dialect": ("en-US", "en-GB"),
    "languagetool_mode": ("off", "local", "server", "public"),
    "dialogue_grammar": ("relaxed", "strict"),
}
_RANGES: dict[str, tuple[float, float]] = {
    "editor_font_size": (6, 72),
    "line_spacing": (1.0, 2.0),
    "text_width": (30, 200),
    "zoom": (-10, 20),
    "autosave_seconds": (0.5, 600.0),
}


@dataclass
class Settings:
    """The writer's preferences; ``Settings.load()`` reads them, ``save()`` writes them atomically."""

    window_geometry: str = ""
    window_state: str = ""
    theme: str = "system"
    editor_font_family: str = ""
    editor_font_size: int = 13
    line_spacing: float = 1.4
    text_width: int = 72
    zoom: int = 0
    recent_projects: list[str] = field(default_factory=list)
    last_project: str = ""
    autosave_seconds: float = 2.0
    dialect: str = "en-US"
    # "relaxed": a character's nonstandard grammar and dialect spelling inside dialogue is their voice, not
    # flagged; "strict": dialogue is checked like narration.
    dialogue_grammar: str = "relaxed"
    enabled_categories: list[str] = field(default_factory=_default_categories)
    known_categories: list[str] = field(default_factory=_all_categories)  # those the writer could choose from
    enabled_style_rules: list[str] = field(default_factory=list)
    languagetool_mode: str = "off"
    languagetool_url: str = ""
    languagetool_public_consent: bool = False
    languagetool_server_consent: str = ""  # the LanguageTool server address (scheme://host:port) agreed to
    # Keys found in the file that this version does not know; written back unchanged.
    unknown: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; a missing or corrupt file (or bad values) yields defaults and a logged warning."""
        try:
            path = path or settings_path()
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, ValueError) as error:
            log.warning("Ignoring unreadable settings file %s (%s); using defaults.", path or SETTINGS_FILE, error)
            return cls()
        if not isinstance(raw, dict):
            log.warning("Ignoring settings file %s: it is not a JSON object; using defaults.", path)
            return cls()
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Settings:
        """Build settings from plain data, keeping good values and replacing bad ones with defaults."""
        settings = cls()
        known = {f.name: f for f in fields(cls) if f.name != "unknown"}
        for key, value in raw.items():
            spec = known.get(key)
            if spec is None:
                settings.unknown[key] = value
                continue
            default = getattr(settings, key)
            checked = _validated(key, value, default)
            if checked is MISSING:
                log.warning("Ignoring bad settings value %s=%r; using %r.", key, value, default)
                continue
            setattr(settings, key, checked)
        if "enabled_categories" in raw:  # a category added since the writer chose theirs is on, as by default
            seen = raw.get("known_categories") if isinstance(raw.get("known_categories"), list) else _FIRST_CATEGORIES
            settings.enabled_categories += [c for c in _default_categories()
                                            if c not in seen and c not in settings.enabled_categories]
        settings.known_categories = _all_categories()
        settings.resolve_recent_projects()
        return settings

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-data form written to ``settings.json`` (unknown keys included)."""
        data = dict(self.unknown)
        data.update(asdict(self))
        data.pop("unknown", None)
        return data

    def save(self, path: Path | None = None) -> None:
        """Write settings atomically to ``settings.json`` (raises ``SaveError`` on failure)."""
        from writer_app.core.storage import atomic_write_text

        path = path or settings_path()
        atomic_write_text(path, json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")

    def add_recent_project(self, project_path: str | Path) -> None:
        """Put a project at the top of the recent list (no duplicates, bounded) and make it the last one."""
        text = absolute_path(project_path)
        self.recent_projects = [text] + [p for p in self.recent_projects if p != text]
        del self.recent_projects[MAX_RECENT_PROJECTS:]
        self.last_project = text

    def remove_recent_project(self, project_path: str | Path) -> None:
        """Drop a project from the recent list (and as the last project) when it is gone."""
        text = absolute_path(project_path)
        self.recent_projects = [p for p in self.recent_projects if p != text]
        if self.last_project == text:
            self.last_project = ""

    def resolve_recent_projects(self) -> None:
        """Make every recent path absolute; a relative one (older versions) is kept only if it exists from here."""
        resolved: list[str] = []
        for entry in self.recent_projects:
            text = _resolved_entry(entry)
            if text is None:
                log.warning("Dropping the recent project %r: its path is relative and it is not found.", entry)
            elif text not in resolved:
                resolved.append(text)
        self.recent_projects = resolved[:MAX_RECENT_PROJECTS]
        last = _resolved_entry(self.last_project) if self.last_project else ""
        self.last_project = last or ""


def absolute_path(path: str | Path) -> str:
    """The absolute, resolved form of a path (``~`` expanded, symbolic links and ``..`` followed)."""
    return os.path.realpath(os.path.expanduser(os.fspath(path)))


def _resolved_entry(entry: str) -> str | None:
    """A stored recent path made absolute; None for a relative path that does not exist from the current folder."""
    expanded = os.path.expanduser(entry)
    if not entry or "\0" in entry:
        return None
    if not os.path.isabs(expanded) and not os.path.exists(expanded):
        return None
    return absolute_path(expanded)


def _validated(key: str, value: Any, default: Any) -> Any:
    """Return ``value`` coerced to the type of ``default`` if acceptable, else ``MISSING``."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else MISSING
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, int):
            return MISSING
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return MISSING
        value = float(value)
    elif isinstance(default, str):
        if not isinstance(value, str):
            return MISSING
    elif isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return MISSING
        value = list(value)
    if key in _CHOICES and value not in _CHOICES[key]:
        return MISSING
    if key in _RANGES:
        low, high = _RANGES[key]
        if not low <= value <= high:
            return MISSING
    return value
