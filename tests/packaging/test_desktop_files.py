"""The freedesktop launcher and the AppStream metadata validate, and the metadata matches the package."""

from __future__ import annotations

import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, required_tool
from writer_app import __version__

pytestmark = pytest.mark.packaging

PACKAGING = ROOT / "packaging"
APP_ID = "io.github.writerapp.WriterApp"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _metainfo() -> ElementTree.Element:
    return ElementTree.parse(METAINFO).getroot()


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    run = subprocess.run([required_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "", run.stdout + run.stderr


def test_the_metainfo_passes_appstreamcli_validate_offline() -> None:
    run = subprocess.run([required_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_metainfo_release_matches_the_package_version() -> None:
    releases = _metainfo().findall("releases/release")
    assert releases, "no release entry"
    assert releases[0].get("version") == __version__  # the newest release comes first
    assert releases[0].get("date")


def test_the_metainfo_carries_a_content_rating() -> None:
    rating = _metainfo().find("content_rating")
    assert rating is not None and rating.get("type", "").startswith("oars-")


def test_the_metainfo_screenshot_is_a_png_in_the_repository_of_the_declared_size() -> None:
    images = _metainfo().findall("screenshots/screenshot/image")
    assert images and _metainfo().find("screenshots/screenshot[@type='default']") is not None
    for image in images:
        url = (image.text or "").strip()
        assert url.startswith("https://") and "/packaging/screenshots/" in url, url
        local = PACKAGING / "screenshots" / url.rsplit("/", 1)[1]
        data = local.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", local
        width, height = struct.unpack(">II", data[16:24])
        assert (str(width), str(height)) == (image.get("width"), image.get("height"))
        assert len(data) < 300_000, "keep the screenshot small"


def test_the_launcher_icon_and_metainfo_name_the_same_application() -> None:
    entries = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entries["Icon"] == APP_ID and (PACKAGING / f"{APP_ID}.svg").is_file()
    root = _metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == entries["Exec"].split()[0] == "writer-app"


def test_the_flatpak_manifest_refers_only_to_files_that_exist() -> None:
    manifest = (PACKAGING / f"{APP_ID}.yml").read_text(encoding="utf-8")
    referenced = {word for line in manifest.splitlines() if not line.lstrip().startswith("#")
                  for word in line.replace("- ", " ").split() if word.endswith((".json", ".desktop", ".xml", ".svg"))}
    assert referenced, "the manifest names no files"
    for word in referenced:
        name = Path(word).name
        assert (PACKAGING / name).is_file(), f"the Flatpak manifest refers to {word}, which does not exist"


def test_the_running_app_names_the_installed_desktop_file(qapp) -> None:
    from PySide6.QtGui import QGuiApplication

    from writer_app.app import create_application

    create_application()
    assert f"{QGuiApplication.desktopFileName()}.desktop" == DESKTOP.name  # Wayland matches windows by it
