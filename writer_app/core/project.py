"""A manuscript on disk: a project folder (``project.json`` + ``chapters/*.md``) or one loose text file.

A loose ``.txt``/``.md`` file opens as a one-chapter project saved back in place; no file is written beside
it. Its extra state (title, word list, ignored rules, cast) lives in a small sidecar
``data_dir()/loose-files/<hash of the file path>/state.json``, which also holds its lock and backups.

Encodings: chapter files are read as strict UTF-8. Invalid UTF-8 raises ``EncodingError``; the writer may
reopen with ``Project.open(path, encoding="cp1252")`` (or ``"latin-1"``), and the text is then written back in
that encoding, byte-exact for untouched text, until they call ``convert_to_utf8()``: only that explicit choice
makes later saves UTF-8. A character the chosen encoding cannot hold makes the save fail with a clear
``EncodingError`` instead of dropping it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from writer_app.core import textfile
from writer_app.core.chapter_ops import ChapterOperations
from writer_app.core.errors import (
    CorruptProjectError,
    ExternalChangeError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
    SaveError,
)
from writer_app.core.manifest import (
    FORMAT_VERSION,
    MANIFEST_NAME,
    Chapter,
    Manifest,
    TrashEntry,
    check_relative_file,
    dump_manifest,
    parse_manifest,
    read_manifest_bytes,
)
from writer_app.core.storage import (
    BACKUP_FOLDER_NAME,
    BackupManager,
    FileStamp,
    ProjectLock,
    RecoveryJournal,
    atomic_write_bytes,
    is_disk_full,
    remove_stale_temp_files,
)
from writer_app.core.textfile import TextFormat

__all__ = ["Chapter", "Project", "TrashEntry", "LOOSE_SUFFIXES", "CHAPTERS_FOLDER", "FORMAT_VERSION"]

log = logging.getLogger(__name__)

LOOSE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
CHAPTERS_FOLDER = "chapters"
LOOSE_CHAPTER_ID = "draft"


def is_writable_file(path: Path) -> bool:
    """True unless the file's own permission bits forbid writing (``os.access`` says yes to root regardless)."""
    try:
        return bool(path.stat().st_mode & 0o222)
    except OSError:
        return True  # missing: creating it is a question for the folder


def loose_state_dir(file: Path) -> Path:
    """Return the sidecar folder (under ``data_dir()``) that keeps a loose file's extra state."""
    from writer_app.settings import data_dir

    resolved = os.path.realpath(os.path.abspath(file))
    key = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return data_dir() / "loose-files" / key


class Project(ChapterOperations):
    """An open manuscript: metadata, ordered chapters, and safe reading/writing of chapter text."""

    def __init__(self, path: Path, manifest: Manifest, *, is_loose_file: bool = False,
                 read_only: bool = False, encoding: str | None = None) -> None:
        self.path = path
        self.title = manifest.title
        self.author = manifest.author
        self.language = manifest.language
        self.chapters: list[Chapter] = manifest.chapters
        self.cast: list[dict] = manifest.cast
        self.dismissed_characters: list[str] = manifest.dismissed_characters
        self.word_list: list[str] = manifest.word_list
        self.ignored_rules: list[str] = manifest.ignored_rules
        self.ignored_texts: list[list[str]] = manifest.ignored_texts
        self.ignored_spots: list[list[str]] = manifest.ignored_spots
        self.trash: list[TrashEntry] = manifest.trash
        self.status_labels: list[str] = manifest.status_labels
        self.goals: dict = manifest.goals
        self.is_loose_file = is_loose_file
        self.read_only = read_only
        # Why the project is read-only when the app (not the writer) decided it, e.g. a read-only folder.
        self.read_only_reason = ""
        self.encoding = encoding  # None = UTF-8 (the default); else the 8-bit encoding the writer chose
        self._extra = manifest.extra
        self._stamps: dict[str, FileStamp] = {}
        self._formats: dict[str, TextFormat] = {}
        self._lock: ProjectLock | None = None
        self._preloaded: tuple[Path, str] | None = None
        self._manifest_stamp: FileStamp | None = None
        self._manifest_serial = 0  # snapshots taken (manifest_bytes) or saved (save_manifest), numbered
        self._manifest_written = 0  # the serial of the newest manifest on disk
        # When set (the GUI sets it), chapter operations call this instead of ``save_manifest()``: it queues the
        # write off the caller's thread, so a failure is reported later and the in-memory change is kept.
        self.manifest_saver: Callable[[], None] | None = None

    # ---------------------------------------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, encoding: str | None = None,
             lock: bool = True) -> Project:
        """Open a project folder (or its project.json) or a loose .txt/.md file.

        Raises ``ProjectLockedError`` if another instance has it open (retry with ``read_only=True``).
        """
        path = Path(path).expanduser()
        if path.is_file() and path.name == MANIFEST_NAME:
            path = path.parent
        if path.is_dir():
            project = cls._open_folder(path, read_only, encoding)
        elif path.is_file():
            project = cls._open_loose(path, read_only, encoding)
        elif not path.exists():
            raise ProjectError(f"{path} does not exist.")
        else:
            raise ProjectError(f"{path.name} is not a project folder or a text file.")
        if project.is_loose_file and not project.read_only and not is_writable_file(path):
            project.read_only = True
            project.read_only_reason = (f"{path.name} is marked read-only (its file permissions), so it opened "
                                        "read-only; nothing will be saved to it.")
        if lock and not project.read_only:
            project._take_lock()
        return project

    @classmethod
    def _open_folder(cls, folder: Path, read_only: bool, encoding: str | None) -> Project:
        manifest_path = folder / MANIFEST_NAME
        if not manifest_path.exists():
            raise ProjectError(f"{folder.name} is not a writer-app project (it has no {MANIFEST_NAME}).")
        data = read_manifest_bytes(manifest_path)
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CorruptProjectError(f"{MANIFEST_NAME} in {folder.name} is damaged: it is not UTF-8 text.",
                                      manifest_path) from None
        manifest = parse_manifest(raw, manifest_path)
        project = cls(folder, manifest, read_only=read_only, encoding=encoding)
        project._stamp_manifest(data)
        return project

    @classmethod
    def _open_loose(cls, file: Path, read_only: bool, encoding: str | None) -> Project:
        if file.suffix.lower() not in LOOSE_SUFFIXES:
            raise ProjectError(
                f"{file.name} is not a .txt or .md file; writer-app opens project folders and plain text files."
            )
        # Read once now so binary files, bad encodings and permissions are refused at open time.
        text, fmt, data = textfile.read_text(file, encoding)
        state = _read_loose_state(file)
        title = state.get("title") if isinstance(state.get("title"), str) else None
        manifest = Manifest(
            title=title or file.stem,
            author=state.get("author", "") if isinstance(state.get("author"), str) else "",
            language=state.get("language", "en-US") if state.get("language") in ("en-US", "en-GB") else "en-US",
            chapters=[Chapter(LOOSE_CHAPTER_ID, title or file.stem, file.name)],
            cast=_list_of(state.get("cast"), dict),
            dismissed_characters=_list_of(state.get("dismissed_characters"), str),
            word_list=_list_of(state.get("word_list"), str),
            ignored_rules=_list_of(state.get("ignored_rules"), str),
            ignored_texts=[p for p in _list_of(state.get("ignored_texts"), list)
                           if len(p) == 2 and all(isinstance(s, str) for s in p)],
            ignored_spots=[p for p in _list_of(state.get("ignored_spots"), list)
                           if len(p) == 3 and all(isinstance(s, str) for s in p)],
        )
        project = cls(file, manifest, is_loose_file=True, read_only=read_only, encoding=encoding)
        project._remember(file, data, fmt)
        project._preloaded = (file, text)
        return project

    @classmethod
    def create(cls, folder: Path | str, title: str, author: str = "", language: str = "en-US",
               first_chapter: str | None = "Chapter 1") -> Project:
        """Create a new project folder (must be absent or empty) with an optional first empty chapter.

        On failure nothing is left behind: the folders it made are removed again, and ``ProjectError`` says why.
        """
        folder = Path(folder).expanduser()
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise ProjectError(f"{folder} already exists and is not empty; choose a new folder for the project.")
        made = folder  # the outermost folder this call creates (None: the folder was there, empty)
        while not made.parent.exists() and made.parent != made:
            made = made.parent
        made_folder: Path | None = None if folder.exists() else made
        project: Project | None = None
        try:
            (folder / CHAPTERS_FOLDER).mkdir(parents=True, exist_ok=True)
            project = cls(folder, Manifest(title=title, author=author, language=language))
            project.save_manifest()
            project._take_lock()
            if project.read_only:
                raise ProjectError(project.read_only_reason)
            if first_chapter is not None:
                project.add_chapter(first_chapter)
        except (OSError, ProjectError) as error:
            if project is not None:
                project.close()
            _remove_made(folder, made_folder)
            raise ProjectError(_create_error_message(folder, error)) from error
        return project

    def _take_lock(self) -> None:
        folder = loose_state_dir(self.path) if self.is_loose_file else self.path
        lock = ProjectLock(folder, label=self.path.name)
        made_folder = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except ProjectLockedError:
            raise
        except OSError as error:
            if made_folder:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            # No lock file means nothing could be saved there either: open read-only and say why.
            self.read_only = True
            if is_disk_full(error):
                self.read_only_reason = (f"The disk is full, so {self.path.name} opened read-only; free some space "
                                         "and open it again to write.")
            else:
                self.read_only_reason = (f"{self.path.name} is in a folder writer-app cannot write to, so it opened "
                                         "read-only.")
            log.info("Opening %s read-only: %s", self.path, error)
            return
        self._lock = lock
        self._remove_leftover_temp_files()

    def _remove_leftover_temp_files(self) -> None:
        """Delete temp files interrupted writes left (we hold the lock, so none is being written now)."""
        self.recovery_journal().remove_stale_temp_files(older_than=0)
        if self.is_loose_file:
            sidecar = loose_state_dir(self.path)
            for folder in (sidecar, sidecar / BACKUP_FOLDER_NAME):
                remove_stale_temp_files(folder, older_than=0, legacy=_sidecar_target)
            # The file's folder is the writer's: other instances may be saving other loose files there.
            remove_stale_temp_files(self.path.parent, legacy=lambda name: name == self.path.name)
            return
        targets: dict[Path, set[str]] = {self.path: {MANIFEST_NAME}, self.path / CHAPTERS_FOLDER: set()}
        for chapter in self.chapters + [entry.chapter for entry in self.trash]:
            try:
                path = self.chapter_path(chapter)
            except ProjectError:
                continue
            targets.setdefault(path.parent, set()).add(path.name)
        for folder, names in targets.items():
            remove_stale_temp_files(folder, older_than=0, legacy=names.__contains__)
        remove_stale_temp_files(self.path / BACKUP_FOLDER_NAME, older_than=0, legacy=_sidecar_target)

    def close(self) -> None:
        """Release the lock; the project object must not be used for writing afterwards."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------------------------------------- chapters

    @property
    def folder(self) -> Path:
        """The folder that holds the chapter files (the file's folder for a loose draft)."""
        return self.path.parent if self.is_loose_file else self.path

    @property
    def manifest_path(self) -> Path:
        """Where this project's manifest (or a loose file's sidecar state) is stored."""
        if self.is_loose_file:
            return loose_state_dir(self.path) / "state.json"
        return self.path / MANIFEST_NAME

    def chapter_path(self, chapter: Chapter) -> Path:
        """Return the absolute path of a chapter's file (refusing paths outside the project)."""
        if self.is_loose_file:
            return self.path
        return check_relative_file(self.path, chapter.file, self.path / MANIFEST_NAME)

    def chapter_by_id(self, chapter_id: str) -> Chapter:
        """Return the chapter with this id (``KeyError`` if there is none)."""
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    def chapter_index(self, chapter: Chapter | str) -> int:
        """Return the position of a chapter (or chapter id) in reading order."""
        chapter_id = chapter if isinstance(chapter, str) else chapter.id
        for index, candidate in enumerate(self.chapters):
            if candidate.id == chapter_id:
                return index
        raise KeyError(chapter_id)

    def read_chapter(self, chapter: Chapter) -> str:
        """Return a chapter's text (``\\n`` newlines) and remember its fingerprint for change detection."""
        path = self.chapter_path(chapter)
        preloaded = self._preloaded
        if preloaded is not None and preloaded[0] == path:
            self._preloaded = None
            return preloaded[1]
        text, fmt, data = textfile.read_text(path, self.encoding)
        self._remember(path, data, fmt)
        return text

    def iter_chapter_texts(self) -> Iterator[tuple[Chapter, str]]:
        """Yield ``(chapter, text)`` for every chapter in reading order."""
        for chapter in list(self.chapters):
            yield chapter, self.read_chapter(chapter)

    def write_chapter(self, chapter: Chapter, text: str, *, force: bool = False) -> None:
        """Save a chapter's text atomically.

        Raises ``ExternalChangeError`` if the file changed on disk since this project last read or wrote it
        (pass ``force=True`` once the writer chose to overwrite), ``SaveError`` if the disk refuses.
        """
        self._check_writable()
        path = self.chapter_path(chapter)
        if not force:
            self._check_unchanged(path)
        if path.exists() and not is_writable_file(path):
            # An atomic rename would replace the file whatever its permissions: honour them ourselves.
            raise SaveError(f"{path.name} is marked read-only (its file permissions), so it was not saved.", path)
        fmt = self._formats.get(str(path)) or TextFormat(self.encoding or "utf-8")
        data = fmt.encode(text, path)
        if not self.is_loose_file and not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)  # a new chapter in a project whose folder was removed
        atomic_write_bytes(path, data)
        self._remember(path, data, fmt)
        self._preloaded = None

    def _check_unchanged(self, path: Path) -> None:
        stamp = self._stamps.get(str(path))
        if stamp is None:
            return
        state = stamp.matches(path)
        if state is None:
            raise ExternalChangeError(
                f"{path.name} was deleted or moved by another program since writer-app opened it.", path
            )
        if state is False:
            raise ExternalChangeError(
                f"{path.name} was changed by another program since writer-app opened it.", path
            )

    def _remember(self, path: Path, data: bytes, fmt: TextFormat) -> None:
        try:
            self._stamps[str(path)] = FileStamp.of(path, data)
        except OSError:
            self._stamps.pop(str(path), None)
        self._formats[str(path)] = fmt

    def changed_on_disk(self, chapters: list[Chapter] | None = None) -> list[Chapter]:
        """Return the chapters (of ``chapters``, default all) whose files changed or vanished since last read/written."""
        changed = []
        for chapter in self.chapters if chapters is None else chapters:
            path = self.chapter_path(chapter)
            stamp = self._stamps.get(str(path))
            if stamp is not None and stamp.matches(path) is not True:
                changed.append(chapter)
        return changed

    def text_format(self, chapter: Chapter) -> TextFormat | None:
        """How a chapter's file was stored (encoding, BOM, line endings) when last read or written; else None."""
        return self._formats.get(str(self.chapter_path(chapter)))

    def convert_to_utf8(self) -> None:
        """The writer's explicit choice: from now on save every chapter as UTF-8 (no BOM)."""
        self.encoding = None
        self._formats = {key: TextFormat("utf-8", False, fmt.newline) for key, fmt in self._formats.items()}

    # ---------------------------------------------------------------------------------------------- manifest

    def to_manifest(self) -> Manifest:
        """Return the current metadata as a ``Manifest``."""
        return Manifest(
            title=self.title, author=self.author, language=self.language, chapters=self.chapters,
            cast=self.cast, dismissed_characters=self.dismissed_characters, word_list=self.word_list,
            ignored_rules=self.ignored_rules, ignored_texts=self.ignored_texts, ignored_spots=self.ignored_spots,
            trash=self.trash, status_labels=self.status_labels, goals=self.goals,
            extra=self._extra,
        )

    def _stamp_manifest(self, data: bytes) -> None:
        try:
            self._manifest_stamp = FileStamp.of(self.path / MANIFEST_NAME, data)
        except OSError:
            self._manifest_stamp = None

    def manifest_changed_on_disk(self) -> bool:
        """True if another program changed (or removed) ``project.json`` since this project read or wrote it."""
        if self.is_loose_file or self._manifest_stamp is None:
            return False
        return self._manifest_stamp.matches(self.path / MANIFEST_NAME) is not True

    def save_manifest(self, *, force: bool = False) -> None:
        """Write ``project.json`` atomically (for a loose file: its sidecar state).

        Raises ``ExternalChangeError`` if another program changed it since this project read or wrote it (a
        ``git pull``, a sync tool); pass ``force=True`` once the writer chose to keep their version.
        """
        self._check_writable()
        data = self.manifest_bytes()
        self.write_manifest_bytes(data, force=force, serial=self._manifest_serial)

    def manifest_bytes(self) -> bytes:
        """Snapshot the manifest (or a loose file's sidecar state) as the bytes ``save_manifest`` would write.

        Each snapshot is numbered: ``manifest_serial`` right after this call is the number to pass to
        ``write_manifest_bytes`` so an older snapshot never overwrites a newer one.
        """
        self._manifest_serial += 1
        if self.is_loose_file:
            if self.chapters:
                self.title = self.chapters[0].title or self.title
            state = {
                "source": str(self.path), "title": self.title, "author": self.author,
                "language": self.language, "cast": self.cast,
                "dismissed_characters": self.dismissed_characters, "word_list": self.word_list,
                "ignored_rules": self.ignored_rules, "ignored_texts": self.ignored_texts,
                "ignored_spots": self.ignored_spots,
            }
            return (json.dumps(state, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        return dump_manifest(self.to_manifest()).encode("utf-8")

    @property
    def manifest_serial(self) -> int:
        """The number of the newest manifest snapshot taken."""
        return self._manifest_serial

    def write_manifest_bytes(self, data: bytes, *, force: bool = False, serial: int | None = None) -> bool:
        """Write a snapshot from ``manifest_bytes`` atomically and stamp it; any thread, one at a time.

        Returns False (writing nothing) when a newer snapshot (higher ``serial``) was written already. Raises
        ``ExternalChangeError`` if another program changed ``project.json`` since this project read or wrote it
        (``force=True`` overwrites), ``SaveError``/``ReadOnlyProjectError`` if it cannot be written.
        """
        self._check_writable()
        if serial is not None and serial < self._manifest_written:
            return False
        if self.is_loose_file:
            self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.manifest_path, data)
        else:
            path = self.path / MANIFEST_NAME
            if not force and self.manifest_changed_on_disk():
                raise ExternalChangeError(
                    f"{MANIFEST_NAME} in {self.path.name} was changed by another program since writer-app opened "
                    "it; reload the project or keep your version.", path)
            atomic_write_bytes(path, data)
            self._stamp_manifest(data)
        if serial is not None:
            self._manifest_written = max(self._manifest_written, serial)
        return True

    def _persist_manifest(self) -> None:
        """Save the manifest after a chapter operation: through ``manifest_saver`` when set, else now."""
        if self.manifest_saver is not None:
            self._check_writable()
            self.manifest_saver()
        else:
            self.save_manifest()

    def _check_writable(self) -> None:
        if self.read_only:
            reason = self.read_only_reason or f"{self.path.name} is open read-only; nothing can be saved."
            raise ReadOnlyProjectError(reason)

    # ---------------------------------------------------------------------------------------------- safety

    def recovery_journal(self) -> RecoveryJournal:
        """Return the crash-recovery journal of this project (kept under ``data_dir()``)."""
        return RecoveryJournal(self.path)

    def recoverable_texts(self) -> dict[str, str]:
        """Return ``{chapter_id: text}`` from the crash journal that differs from the chapter on disk.

        Records equal to the saved text are stale (saved, then killed before the journal was cleared) and
        are dropped; records of chapters no longer in the project are left alone and not returned.
        """
        journal = self.recovery_journal()
        result: dict[str, str] = {}
        for chapter_id, text in journal.pending().items():
            try:
                chapter = self.chapter_by_id(chapter_id)
            except KeyError:
                log.warning("Recovery record for unknown chapter %s in %s", chapter_id, self.path)
                continue
            try:
                on_disk: str | None = self.read_chapter(chapter)
            except ProjectError:
                on_disk = None
            if on_disk == text:
                if not self.read_only:
                    journal.clear(chapter_id)
            else:
                result[chapter_id] = text
        return result

    def backups_folder(self) -> Path:
        """Where zip backups go: ``<project>/backups`` (a loose file's sidecar folder for a loose file)."""
        if self.is_loose_file:
            return loose_state_dir(self.path) / BACKUP_FOLDER_NAME
        return self.path / BACKUP_FOLDER_NAME

    def backup_members(self) -> list[tuple[Path, str]]:
        """Return ``(file, name in the zip)`` for the manifest, every chapter file (trash included), notes and history."""
        if self.is_loose_file:
            return [(self.path, self.path.name)] + self._desk_members()
        members = [(self.path / MANIFEST_NAME, MANIFEST_NAME)]
        for chapter in self.chapters + [t.chapter for t in self.trash]:
            members.append((self.chapter_path(chapter), chapter.file))
        return members + self._desk_members()

    def _desk_members(self) -> list[tuple[Path, str]]:
        """Chapter notes and the writing history (snapshots stay out: they are a history of their own)."""
        from writer_app.core.history import history_files
        from writer_app.core.notes import notes_files

        folder = self.desk_folder
        return [(path, path.relative_to(folder).as_posix())
                for path in notes_files(folder) + history_files(folder)]

    @property
    def desk_folder(self) -> Path:
        """Where notes, history and snapshots live: the project folder (a loose file's sidecar folder)."""
        return loose_state_dir(self.path) if self.is_loose_file else self.path

    def backup_manager(self, keep: int = 10) -> BackupManager:
        """Return a ``BackupManager`` for this project."""
        return BackupManager.for_project(self, keep=keep)

    def word_count(self) -> int:
        """Count the words of every chapter (reads the files)."""
        from writer_app.core.text import word_count

        return sum(word_count(text) for _chapter, text in self.iter_chapter_texts())


def _read_loose_state(file: Path) -> dict:
    state_path = loose_state_dir(file) / "state.json"
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("Ignoring unreadable sidecar state %s: %s", state_path, error)
        return {}
    return state if isinstance(state, dict) else {}


def _list_of(value: object, kind: type) -> list:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, kind)]


def _sidecar_target(name: str) -> bool:
    """Old-style temp files in a sidecar or backups folder: only of the files writer-app keeps there."""
    return name == "state.json" or (name.startswith("backup-") and name.endswith(".zip"))


def _remove_made(folder: Path, made_folder: Path | None) -> None:
    """Undo a failed ``Project.create``: remove the folders it made, or empty the empty folder it was given."""
    if made_folder is not None:
        shutil.rmtree(made_folder, ignore_errors=True)
        return
    for child in list(folder.iterdir()) if folder.is_dir() else []:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


def _create_error_message(folder: Path, error: BaseException) -> str:
    """One sentence for a project that could not be created (nothing of it is left)."""
    if is_disk_full(error):
        return f"The disk is full, so the project {folder.name} could not be created; nothing was left behind."
    cause = error
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__
    reason = (cause.strerror or str(cause)) if isinstance(cause, OSError) else str(error).rstrip(".")
    return f"The project {folder.name} could not be created ({reason}); nothing was left behind."
