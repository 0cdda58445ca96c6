"""Find Java and install a local LanguageTool into the app's cache, with progress and cancel.

language-tool-python downloads on first use with a console progress bar; a desktop app needs its own:
``LanguageToolInstaller.install(progress, cancelled)`` streams the same release archive the library would
fetch, verifies the library's pinned SHA-256, unpacks it where the library looks (``LTP_PATH``), and from then
on ``language_tool_python.LanguageTool`` starts the server without downloading anything.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from writer_app.errors import WriterAppError

log = logging.getLogger(__name__)

MINIMUM_JAVA = 17
CHUNK_BYTES = 256 * 1024

ProgressCallback = Callable[[int, int | None], None]  # (bytes done, bytes total or None)


class LanguageToolInstallError(WriterAppError):
    """LanguageTool could not be installed (no Java, no network, bad download, disk full)."""


class InstallCancelled(LanguageToolInstallError):
    """The writer cancelled the download."""


@dataclass(frozen=True)
class JavaStatus:
    """Whether a usable Java runtime is on the PATH, and a sentence saying so."""

    found: bool
    major: int | None
    message: str

    @property
    def usable(self) -> bool:
        """True when Java is new enough to run LanguageTool."""
        return self.found and (self.major or 0) >= MINIMUM_JAVA


_JAVA_VERSION = re.compile(r'version "(?:1\.)?(\d+)')


def java_status() -> JavaStatus:
    """Look for ``java`` and read its major version."""
    java = shutil.which("java")
    if not java:
        return JavaStatus(False, None, "Java is not installed; LanguageTool needs Java 17 or newer.")
    try:
        output = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=20, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired) as error:
        return JavaStatus(False, None, f"Java could not be run ({error}).")
    match = _JAVA_VERSION.search(output)
    major = int(match.group(1)) if match else None
    if major is None or major < MINIMUM_JAVA:
        return JavaStatus(True, major, f"Java {major or '?'} is too old; LanguageTool needs Java 17 or newer.")
    return JavaStatus(True, major, f"Java {major} found.")


def default_install_dir() -> Path:
    """The folder LanguageTool is unpacked into: the app's cache folder."""
    from writer_app.settings import cache_dir

    return cache_dir() / "languagetool"


class LanguageToolInstaller:
    """Download and unpack one LanguageTool release for the local server."""

    def __init__(self, install_dir: Path | None = None, version: str | None = None) -> None:
        from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION

        self.install_dir = install_dir or default_install_dir()
        self.version = version or LTP_DOWNLOAD_VERSION

    def activate(self) -> None:
        """Point language-tool-python at our install folder (it reads ``LTP_PATH``)."""
        self.install_dir.mkdir(parents=True, exist_ok=True)
        os.environ["LTP_PATH"] = str(self.install_dir)

    @property
    def release_dir(self) -> Path:
        """Where the unpacked release lives once installed."""
        return self.install_dir / f"LanguageTool-{self.version}"

    def is_installed(self) -> bool:
        """True when the server jar of this release is on disk."""
        return any((self.release_dir / name).is_file() for name in ("languagetool-server.jar", "languagetool.jar"))

    def download_url(self) -> str:
        """The release archive the library itself would download."""
        from language_tool_python.download_lt import LocalLanguageTool

        return LocalLanguageTool.from_version_name(self.version).download_url

    def expected_sha256(self) -> str | None:
        """The checksum language-tool-python pins for this release, if any."""
        from language_tool_python.download_lt import EXPECTED_DOWNLOAD_SHA256

        value = EXPECTED_DOWNLOAD_SHA256.get(self.version)
        return value.lower() if isinstance(value, str) else None

    def install(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        fetch: Callable[[str], tuple[int | None, object]] | None = None,
    ) -> Path:
        """Download, verify and unpack the release; returns its folder. Safe to call from a worker thread.

        ``fetch(url) -> (content length or None, iterable of byte chunks)`` is injectable for tests.
        """
        status = java_status()
        if not status.usable:
            raise LanguageToolInstallError(status.message)
        self.activate()
        if self.is_installed():
            return self.release_dir
        fetch = fetch or _requests_fetch
        url = self.download_url()
        log.info("downloading LanguageTool %s from %s", self.version, url)
        try:
            total, chunks = fetch(url)
        except OSError as error:
            raise LanguageToolInstallError(f"LanguageTool could not be downloaded: {error}.") from error
        with tempfile.TemporaryDirectory(dir=self.install_dir, prefix=".download-") as work:
            archive = Path(work) / "languagetool.zip"
            digest = hashlib.sha256()
            done = 0
            try:
                with archive.open("wb") as out:
                    for chunk in chunks:  # type: ignore[attr-defined]
                        if cancelled and cancelled():
                            raise InstallCancelled("The LanguageTool download was cancelled.")
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
            except OSError as error:
                raise LanguageToolInstallError(
                    f"LanguageTool could not be saved to {self.install_dir}: {error.strerror or error}."
                ) from error
            expected = self.expected_sha256()
            if expected and digest.hexdigest() != expected:
                raise LanguageToolInstallError("The LanguageTool download was damaged (checksum mismatch); try again.")
            self._unpack(archive, Path(work))
        if not self.is_installed():
            raise LanguageToolInstallError("The LanguageTool download did not contain a server.")
        return self.release_dir

    def _unpack(self, archive: Path, work: Path) -> None:
        """Unpack into a private folder, then move the release folder into place in one rename."""
        staging = work / "unpacked"
        try:
            with zipfile.ZipFile(archive) as bundle:
                for member in bundle.namelist():
                    target = (staging / member).resolve()
                    if not str(target).startswith(str(staging.resolve())):
                        raise LanguageToolInstallError("The LanguageTool download holds unsafe paths.")
                bundle.extractall(staging)
        except zipfile.BadZipFile as error:
            raise LanguageToolInstallError("The LanguageTool download is not a valid archive; try again.") from error
        candidates = [p for p in staging.iterdir() if p.is_dir() and p.name.startswith("LanguageTool")]
        if not candidates:
            raise LanguageToolInstallError("The LanguageTool download did not contain a LanguageTool folder.")
        if self.release_dir.exists():
            shutil.rmtree(self.release_dir)
        os.replace(candidates[0], self.release_dir)


def _requests_fetch(url: str) -> tuple[int | None, object]:
    """Stream ``url`` with requests (a dependency of language-tool-python)."""
    import requests

    try:
        response = requests.get(url, stream=True, timeout=60)
    except requests.RequestException as error:
        raise OSError(str(error)) from error
    if response.status_code != 200:
        raise OSError(f"the server answered HTTP {response.status_code}")
    length = response.headers.get("Content-Length")
    return (int(length) if length and length.isdigit() else None), response.iter_content(CHUNK_BYTES)
