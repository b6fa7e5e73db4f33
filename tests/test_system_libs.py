"""The pre-flight check that names the missing system libraries before Qt aborts."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecheck.gui.system_libs import debian_package, install_command, missing_libraries, problem

X11 = {"DISPLAY": ":0"}


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libEGL.so.1", "libegl1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
])
def test_debian_package_names_follow_the_soname(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_missing_libraries_from_ldd_and_the_dlopened_cursor_library() -> None:
    libs = missing_libraries(Path("libqxcb.so"), ldd_missing=lambda _p: ["libxcb-icccm.so.4"],
                             loadable=lambda so: so != "libxcb-cursor.so.0")
    assert libs == ["libxcb-icccm.so.4", "libxcb-cursor.so.0"]
    assert missing_libraries(Path("libqxcb.so"), ldd_missing=lambda _p: [],
                             loadable=lambda _so: True) == []


def test_one_line_with_the_exact_install_command() -> None:
    libs = ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    line = problem(X11, "linux", missing=lambda: libs, is_root=False, have_apt=True)
    assert line is not None and "\n" not in line
    assert line.endswith("sudo apt-get install -y libxcb-cursor0 libxkbcommon-x11-0")
    assert "libxcb-cursor.so.0" in line
    assert install_command(libs, is_root=True).startswith("apt-get install")


def test_no_display_is_said_before_qt_aborts() -> None:
    line = problem({}, "linux", missing=lambda: [])
    assert line is not None and "DISPLAY" in line and "offscreen" in line


@pytest.mark.parametrize("env", [
    {"QT_QPA_PLATFORM": "offscreen"},             # screenshots and tests need no X11
    {"WAYLAND_DISPLAY": "wayland-0"},             # Qt uses Wayland there
    {"DISPLAY": ":0"},
])
def test_nothing_to_say_when_qt_will_start(env: dict[str, str]) -> None:
    assert problem(env, "linux", missing=lambda: []) is None


def test_only_linux_x11_is_checked() -> None:
    def never() -> list[str]:
        raise AssertionError("not checked")

    assert problem({}, "darwin", missing=never) is None
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", missing=never) is None


def test_the_installed_plugin_is_inspected_with_the_real_ldd() -> None:
    """Whatever this machine lacks comes back as sonames apt-get can be asked for."""
    assert all(".so." in lib for lib in missing_libraries())
