"""Light/dark/system themes: Fusion with a full palette, plus the small style sheet.

All widgets take colours from palette roles, so switching the palette is enough;
the style sheet only adds spacing in units that scale with the font (pt/em-free QSS
uses pt, which Qt scales with the screen's DPI).
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282c",
    QPalette.ColorRole.ToolTipBase: "#3a3d42",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#9a9ea6",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#4a4d53",
    QPalette.ColorRole.Midlight: "#3f4247",
    QPalette.ColorRole.Mid: "#5c6067",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7fd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb0ff",
    QPalette.ColorRole.LinkVisited: "#b48cff",
}


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in _DARK.items():
        pal.setColor(role, QColor(colour))
    dim = QColor("#7a7e86")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return pal


def style_sheet() -> str:
    try:
        return (resources.files("voicecheck.gui") / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_theme(app: QApplication, name: str) -> None:
    """Set the palette for `name`; "system" keeps the platform style and colour scheme."""
    if name == "dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
    elif name == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(app.style().standardPalette())
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Light)
    else:
        QGuiApplication.styleHints().unsetColorScheme()
        app.setPalette(app.style().standardPalette())
    app.setStyleSheet(style_sheet())
