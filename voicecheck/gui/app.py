"""Start the desktop app: QApplication, settings, theme, language, the main window.

`main()` returns a process exit code. With `screenshot`, the window opens with the
draft, waits until the draft has been checked, saves `window.grab()` and exits: for
the README and for looking at the UI in CI (offscreen platform).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..draft import draft_channel
from ..guide import Guide, load_guide
from . import i18n
from .identity import APP_ID, app_icon
from .main_window import MainWindow
from .theme import THEMES, apply_theme

SCREENSHOT_TIMEOUT_MS = 120_000


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("voicecheck")
        QCoreApplication.setApplicationName("voicecheck")
        app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)  # Wayland and the task bar find the .desktop entry
    QGuiApplication.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def main(
    guide: Guide | None = None,
    guide_path: Path | None = None,
    text: str | None = None,
    file: Path | None = None,
    channel: str | None = None,
    screenshot: Path | None = None,
    language: str | None = None,
    theme: str | None = None,
    tab: int = 0,
    batch_folder: Path | None = None,
) -> int:
    """Run the app. The caller has already loaded and validated the guide and draft."""
    app = application()
    settings = QSettings()
    persistent = screenshot is None
    if guide is None and persistent and settings.value("guide/path"):
        last = Path(str(settings.value("guide/path")))
        try:
            guide, guide_path = load_guide(last), last
        except Exception:  # the last guide moved or broke: start on the default
            guide, guide_path = None, None
    if guide is None:
        guide = load_guide(None)
    i18n.set_language(language or str(settings.value("ui/language", i18n.default_language())))
    theme_name = theme or str(settings.value("ui/theme", "system"))
    apply_theme(app, theme_name if theme_name in THEMES else "system")

    window = MainWindow(guide, guide_path, persistent=persistent)
    if persistent:
        window.restore_settings()
    if batch_folder is not None and hasattr(window.batch, "set_folder"):
        window.batch.set_folder(batch_folder)
    if text is not None:
        window.load_draft(text, file)
    window.begin_session(have_file=text is not None)
    # --channel, else the draft's front matter (load_draft applied it), else the last one.
    named = text is not None and draft_channel(text, guide) is not None
    last_channel = channel or (settings.value("review/channel") if persistent and not named
                               else None)
    if last_channel and last_channel in guide.channels:
        window.review.set_channel(str(last_channel))
    if screenshot is not None:
        window.tabs.setCurrentIndex(tab)
    window.show()
    # After the window is up: load jieba in the background, then check the draft.
    QTimer.singleShot(0, window.review.start)

    if screenshot is None:
        return app.exec()
    # A screenshot of Batch with a folder shows that folder checked.
    batch_run = tab == 1 and batch_folder is not None and hasattr(window.batch, "run")
    if batch_run:
        QTimer.singleShot(0, window.batch.run)
    return _screenshot(app, window, screenshot, batch_run)


def _screenshot(app: QApplication, window: MainWindow, out: Path, batch_run: bool) -> int:
    result = {"code": 1, "done": False, "batch": not batch_run}
    if batch_run:
        window.batch.batchFinished.connect(lambda _c: result.update(batch=True))

    def grab() -> None:
        if result["done"]:
            return
        if window.review.is_checking() or window.review.report is None or not result["batch"]:
            QTimer.singleShot(50, grab)
            return
        if not result.get("selected"):
            # Show what a finding looks like when picked: details and suggestions.
            result["selected"] = True
            picked = [m for m in window.review.findings.visible_marks() if m.suggestions]
            if picked:
                window.review.findings.select(picked[0])
            QTimer.singleShot(200, grab)
            return
        result["done"] = True
        ok = window.grab().save(str(out))
        if not ok:
            print(f"error: {out}: cannot write the screenshot", file=sys.stderr)
        result["code"] = 0 if ok else 2
        window.close()
        app.quit()

    def give_up() -> None:
        print("error: the check did not finish in time; no screenshot taken", file=sys.stderr)
        window.close()
        app.quit()

    # Let layouts settle after the first result, then grab.
    window.review.checked.connect(lambda _r: QTimer.singleShot(300, grab))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    app.exec()
    return result["code"]
