"""The application's identity, shared by the window, the Linux desktop entry and AppStream
metainfo (packaging/linux/, named by APP_ID) and the bundles (packaging/voicecheck.spec)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

APP_ID = "io.github.voicecheck.voicecheck"  # reverse-DNS: the .desktop file and Wayland app id
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # voicecheck/gui/icons/voicecheck-N.png


def icon_file(size: int | None = None) -> str:
    """The PNG of one size, or the SVG source without a size."""
    name = f"voicecheck-{size}.png" if size else "voicecheck.svg"
    return str(resources.files("voicecheck.gui") / "icons" / name)


def app_icon() -> QIcon:
    """The icon at every rendered size, so no size is scaled from another (PNG needs no
    image-format plugin, so the bundle ships none for it)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(icon_file(size))
    return icon
