"""Before Qt starts on Linux: is there a display, and are the libraries Qt's X11 plugin
loads installed?

Without this, a fresh machine gets Qt's own abort ("could not load the Qt platform plugin
xcb", a core dump and a make error) instead of the one command that fixes it. Nothing
here imports a Qt module: the point is to speak before Qt fails.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# Loaded with dlopen by some Qt 6 releases, so ldd cannot see it.
DLOPENED = ("libxcb-cursor.so.0",)
# Debian packages whose name does not follow from the library's soname.
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)


def debian_package(soname: str) -> str:
    """Debian's package for a shared library, by its naming policy: libxcb-cursor.so.0 ->
    libxcb-cursor0, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a digit before the
    version gets a hyphen)."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower()
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def xcb_plugin() -> Path | None:
    """Qt's X11 platform plugin inside the installed PySide6, if it has one."""
    try:
        import PySide6  # the package only: no Qt library is loaded
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def _ldd_missing(library: Path) -> list[str]:
    """Libraries the dynamic loader cannot find for `library` (all levels down)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return _NOT_FOUND.findall(out)


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(plugin: Path | None = None,
                      ldd_missing: Callable[[Path], list[str]] = _ldd_missing,
                      loadable: Callable[[str], bool] = _loadable) -> list[str]:
    """Sonames the X11 plugin needs that are not installed, in a stable order."""
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return []
    missing = list(ldd_missing(plugin))
    missing += [lib for lib in DLOPENED if lib not in missing and not loadable(lib)]
    return list(dict.fromkeys(missing))


def install_command(sonames: Iterable[str], is_root: bool) -> str:
    packages = " ".join(dict.fromkeys(debian_package(s) for s in sonames))
    return f"{'' if is_root else 'sudo '}apt-get install -y {packages}"


def _uses_x11(env: Mapping[str, str]) -> bool:
    """Qt picks X11 unless told otherwise or a Wayland session is running."""
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if platform:
        return platform == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def problem(env: Mapping[str, str] | None = None, platform: str = sys.platform,
            missing: Callable[[], list[str]] = missing_libraries,
            is_root: bool | None = None, have_apt: bool | None = None) -> str | None:
    """One line saying what stops the app from opening, or None when nothing does."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or not _uses_x11(env):
        return None
    libs = missing()
    if libs:
        root = os.geteuid() == 0 if is_root is None else is_root
        apt = shutil.which("apt-get") is not None if have_apt is None else have_apt
        fix = (install_command(libs, root) if apt
               else "install the packages that provide them")
        return (f"the desktop app needs system libraries that are missing "
                f"({', '.join(libs)}); install them with: {fix}")
    if not env.get("DISPLAY"):
        return ("no display to open the window on (DISPLAY is not set): start it from a "
                "desktop session, or take a screenshot without one with "
                "QT_QPA_PLATFORM=offscreen voicecheck gui --screenshot OUT.png FILE")
    return None
