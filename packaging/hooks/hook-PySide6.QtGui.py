"""QtGui's plugins, trimmed (replaces PyInstaller's hook; trimming here, before PyInstaller
follows their libraries, also keeps out what only a dropped plugin links: GTK for the
gtk3 theme, Qt Quick for the virtual keyboard). Kept: the platforms the app runs on
(xcb, wayland, offscreen for screenshots; windows, cocoa), input methods, the desktop
portal's dialogs, Wayland shells and decorations, SVG (desktop icon themes). The app
draws with raster widgets and its icons are PNG (built into Qt). Plugins are named by
folder and name without lib and suffix, so one list serves Linux, Windows and macOS."""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROPPED_FOLDERS = {"egldeviceintegrations", "xcbglintegrations", "wayland-graphics-integration-client",
                   "wayland-graphics-integration-server", "vectorimageformats", "generic"}
DROPPED = {
    "imageformats/qgif", "imageformats/qicns", "imageformats/qico", "imageformats/qjpeg",
    "imageformats/qpdf", "imageformats/qtga", "imageformats/qtiff", "imageformats/qwbmp",
    "imageformats/qwebp", "platforms/qeglfs", "platforms/qlinuxfb", "platforms/qminimal",
    "platforms/qminimalegl", "platforms/qvnc", "platforms/qvkkhrdisplay", "platforms/qdirect2d",
    "platformthemes/qgtk3",
    "platforminputcontexts/qtvirtualkeyboardplugin",  # on-screen keyboard: 20 MB of Qt Quick
}


def _kept(source: str) -> bool:
    path = source.replace("\\", "/")
    if "/plugins/" not in path:
        return True
    folder, _, name = path.split("/plugins/", 1)[1].rpartition("/")
    stem = re.sub(r"^lib", "", name).split(".", 1)[0]
    return folder not in DROPPED_FOLDERS and f"{folder}/{stem}" not in DROPPED


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if _kept(entry[0])]
