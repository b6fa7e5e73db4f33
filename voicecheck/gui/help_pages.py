"""Help ▸ the repository's own reference pages (docs/*.md) and the keyboard shortcuts.

The pages are the ones README links to, shown with Qt's Markdown renderer, so the app
and the repository never say different things. Links between pages open in the same
window; web links open in the browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .i18n import tr

GUIDE_FORMAT, REPORT_FORMAT = "guide-format.md", "report-format.md"


def docs_dir() -> Path:
    """docs/ of the checkout the app runs from (make run installs it editable)."""
    return Path(__file__).resolve().parent.parent.parent / "docs"


def heading_slug(text: str) -> str:
    """The anchor GitHub gives a heading, so the pages' own #links work here too."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def add_heading_anchors(document: QTextDocument) -> None:
    """Qt's Markdown reader makes no anchors for headings: name each like GitHub does."""
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            target = QTextCharFormat()
            target.setAnchor(True)
            target.setAnchorNames([heading_slug(block.text())])
            cursor.mergeCharFormat(target)
        block = block.next()


class _DocBrowser(QTextBrowser):
    """Follows #links to headings (and to headings of the other pages)."""

    def doSetSource(self, name: QUrl,  # noqa: N802
                    type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource
                    ) -> None:
        super().doSetSource(name, type)
        add_heading_anchors(self.document())
        if name.hasFragment():
            self.scrollToAnchor(name.fragment())


class HelpPage(QDialog):
    """A non-modal reader for one docs/ page (it can follow links to the others)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = _DocBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(docs_dir())])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 150, fm.height() * 48)

    def show_page(self, name: str) -> bool:
        """Show docs/NAME; False (and a note saying where it should be) when missing."""
        path = docs_dir() / name
        if not path.is_file():
            self.browser.setHtml(f"<p>{html.escape(tr('This page is not installed: {0}', path))}"
                                 "</p>")
            return False
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)
        return True

    def show_html(self, body: str) -> None:
        self.browser.setHtml(body)


def shortcuts_html(actions: Iterable[QAction], extra: Iterable[tuple[str, str]]) -> str:
    """A table of every action with a shortcut (as the menus name it), then `extra`
    (what, keys) for keys that are not menu actions."""
    rows = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            for a in actions if not a.shortcut().isEmpty()]
    rows.extend(extra)
    cells = "".join(f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
                    for what, keys in rows)
    return (f"<h2>{html.escape(tr('Keyboard Shortcuts'))}</h2>"
            f"<table cellpadding=4>{cells}</table>")
