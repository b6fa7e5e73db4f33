"""Render the application icon's PNG sizes from its SVG source (run after editing it):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

The PNGs are checked in: the window, the Linux desktop entry and the bundles use them,
and PyInstaller turns the largest into the Windows .ico and macOS .icns."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from voicecheck.gui.identity import ICON_SIZES, icon_file


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs a GUI application)
    source = icon_file()
    renderer = QSvgRenderer(source)
    if not renderer.isValid():
        print(f"{source}: not a valid SVG", file=sys.stderr)
        return 2
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(icon_file(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
