"""The export choices remembered between sessions (``config_dir()/export.json``) and the default folder.

Kept apart from ``settings.json`` (owned by Settings): a small JSON object written atomically; a missing or
unreadable file, or a bad value, gives the defaults (logged), never an error.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from writer_app.export.model import HEADING_STYLES
from writer_app.export.polish import DEFAULT_SCENE_BREAK

log = logging.getLogger(__name__)

FILE_NAME = "export.json"
MAX_DRAFT_TITLES = 200


@dataclass
class ExportPreferences:
    """The writer's last export choices; ``last_folder`` is where the last export was saved."""

    format: str = "txt"
    headings: str = "titles"  # "titles" | "numbered" | "none"
    title_page: bool = True
    scene_break: str = DEFAULT_SCENE_BREAK
    polish: bool = True
    manuscript_format: bool = False
    author: str = ""
    contact: list[str] | None = None
    last_folder: str = ""
    draft_titles: dict[str, str] | None = None  # loose draft's absolute path -> the title the writer gave it

    def __post_init__(self) -> None:
        if self.contact is None:
            self.contact = []
        if self.draft_titles is None:
            self.draft_titles = {}

    def draft_title(self, path: Path | str) -> str:
        """The title the writer gave the loose draft at ``path`` in an earlier export, or ""."""
        return (self.draft_titles or {}).get(str(Path(path).expanduser().resolve()), "")

    def remember_draft_title(self, path: Path | str, title: str) -> None:
        """Remember a loose draft's title (the newest ``MAX_DRAFT_TITLES`` drafts are kept)."""
        titles = dict(self.draft_titles or {})
        key = str(Path(path).expanduser().resolve())
        titles.pop(key, None)
        if title.strip():
            titles[key] = title.strip()
        self.draft_titles = dict(list(titles.items())[-MAX_DRAFT_TITLES:])

    @classmethod
    def from_dict(cls, data: Any) -> ExportPreferences:
        """Build preferences from parsed JSON, keeping the default for every missing or bad value."""
        prefs = cls()
        if not isinstance(data, dict):
            log.warning("export preferences are not a JSON object; using defaults")
            return prefs
        for spec in fields(cls):
            if spec.name not in data:
                continue
            value, default = data[spec.name], getattr(prefs, spec.name)
            if spec.name == "contact":
                ok = isinstance(value, list) and all(isinstance(line, str) for line in value)
            elif spec.name == "draft_titles":
                ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in value.items())
            elif isinstance(default, bool):
                ok = isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            if spec.name == "headings" and value not in HEADING_STYLES:
                ok = False
            if spec.name == "scene_break" and ok and not value.strip():
                ok = False
            if ok:
                setattr(prefs, spec.name, list(value) if spec.name == "contact" else
                        dict(list(value.items())[-MAX_DRAFT_TITLES:]) if spec.name == "draft_titles" else value)
            else:
                log.warning("ignoring a bad export preference %s=%r", spec.name, value)
        return prefs

    def to_json(self) -> str:
        """The JSON text stored in ``export.json``."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def preferences_path() -> Path:
    """``config_dir()/export.json``."""
    from writer_app.settings import config_dir

    return config_dir() / FILE_NAME


def load_preferences(path: Path | None = None) -> ExportPreferences:
    """Read the remembered export choices; a missing or unreadable file gives the defaults."""
    path = path or preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ExportPreferences()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.warning("cannot read export preferences %s (%s); using defaults", path, error)
        return ExportPreferences()
    return ExportPreferences.from_dict(data)


def save_preferences(prefs: ExportPreferences, path: Path | None = None) -> None:
    """Write the export choices atomically (a tiny file; callers run this off the GUI thread)."""
    from writer_app.core.storage import atomic_write_text

    atomic_write_text(path or preferences_path(), prefs.to_json())


def app_folders() -> list[Path]:
    """The app's own config, data, cache and log folders: never a default place for an export."""
    import appdirs

    from writer_app.settings import APP_NAME

    names = (appdirs.user_config_dir, appdirs.user_data_dir, appdirs.user_cache_dir, appdirs.user_log_dir)
    return [Path(name(APP_NAME, appauthor=False)).expanduser().resolve() for name in names]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def is_private_folder(folder: Path, project_path: Path | None = None) -> bool:
    """True for the app's data/config/cache/log folders and a project's own folder, or anything inside them.

    A loose draft (a single .txt/.md file) has no folder of its own: the folder it sits in is the writer's.
    """
    resolved = Path(folder).expanduser().resolve()
    private = app_folders()
    if project_path is not None and Path(project_path).is_dir():
        private.append(Path(project_path).expanduser().resolve())
    return any(_inside(resolved, private_folder) for private_folder in private)


def default_folder(last_folder: str, documents: str | Path | None, project_path: Path | None = None) -> Path:
    """Where an export goes by default; never a private folder.

    A loose draft's own folder first (the folder the file came from), then the last export folder, then
    Documents, then home.
    """
    candidates: list[Path] = []
    if project_path is not None and Path(project_path).is_file():
        candidates.append(Path(project_path).expanduser().parent)
    if last_folder:
        candidates.append(Path(last_folder).expanduser())
    if documents:
        candidates.append(Path(documents).expanduser())
    candidates.append(Path.home())
    for candidate in candidates:
        if candidate.is_dir() and not is_private_folder(candidate, project_path):
            return candidate.resolve()
    return Path.home()
