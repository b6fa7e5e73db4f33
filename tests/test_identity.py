"""The application's identity: one icon (SVG source, every PNG size) on the window and in
the Linux desktop entry, one id and one version across the app, the desktop entry, the
AppStream metainfo and the package."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMessageBox

from voicecheck import __version__
from voicecheck.gui.app import application
from voicecheck.gui.identity import APP_ID, ICON_SIZES, icon_file
from voicecheck.gui.main_window import MainWindow
from voicecheck.guide import load_guide

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive: Name, Name[zh_CN]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size(size: int) -> None:
    image = QImage(icon_file(size))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()  # rounded corners: transparent, not a white square
    assert image.pixelColor(0, 0).alpha() == 0


def test_icon_svg_source_renders() -> None:
    renderer = QSvgRenderer(icon_file())
    assert renderer.isValid()
    assert renderer.defaultSize() == QSize(256, 256)


def test_window_uses_the_app_icon(qtbot) -> None:
    app = application()
    assert QGuiApplication.desktopFileName() == APP_ID
    assert QCoreApplication.applicationVersion() == __version__
    assert {QSize(s, s) for s in ICON_SIZES} <= set(app.windowIcon().availableSizes())
    win = MainWindow(load_guide(None), None, persistent=False)
    qtbot.addWidget(win)
    assert win.windowIcon().cacheKey() == app.windowIcon().cacheKey()


def test_about_names_the_version(qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    win = MainWindow(load_guide(None), None, persistent=False)
    qtbot.addWidget(win)
    win.act_about.trigger()
    assert shown and f"voicecheck {__version__}" in shown[0]


def test_package_version_is_the_apps() -> None:
    assert metadata.version("voicecheck") == __version__


def test_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "voicecheck-app"  # install-desktop-entry.sh makes it absolute
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "voicecheck"  # Qt's X11 window class: the application name
    for key in ("GenericName", "Comment"):  # the menu speaks the desktop's Chinese too
        assert {f"{key}[zh_CN]", f"{key}[zh_TW]", f"{key}[zh_HK]"} <= set(entry)


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    assert {b.text for b in root.iter("binary")} == {"voicecheck", "voicecheck-app"}


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_is_valid() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--pedantic", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_readme_install_names_this_version() -> None:
    readme = (LINUX.parent.parent / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install the app", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"voicecheck-(\d[\w.]*?)(?:-linux|/)", install))
    assert named == {__version__}
