"""The draft text editor: underlines, hover explanations, suggestion menu, file drops."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from ..rules import hints
from . import tooltip
from .highlight import Mark, category_colour
from .i18n import label, language, tr

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def mark_tooltip(mark: Mark) -> str:
    """Rich-text explanation of one span: each category it affects with its severity,
    rule and message, then the suggestions once."""
    parts = []
    for f in mark.findings:
        colour = category_colour(f.category).name()
        parts.append(f'<b style="color:{colour}">{html.escape(label(f.category))}</b> · '
                     f"{html.escape(label(f.severity))} · <code>{html.escape(f.rule)}</code>")
        parts.append(html.escape(f.message))
    if mark.suggestions:
        items = " · ".join(f"<b>{html.escape(s)}</b>" for s in mark.suggestions)
        parts.append(f"{html.escape(tr('Suggestions:'))} {items}")
    parts.extend(f"<i>{html.escape(h)}</i>" for h in hints(mark.findings, language().code))
    return tooltip.rich("<br>".join(parts))


class DraftEditor(QPlainTextEdit):
    """Plain-text draft with findings under the mouse explained and fixable in place."""

    fileDropped = Signal(str)
    suggestionChosen = Signal(object, str)  # Mark, replacement
    ignoreChosen = Signal(object)  # Mark

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks_at: Callable[[int], list[Mark]] = lambda _pos: []
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(tr("Type or paste a draft post here, or drop a .txt/.md file…"))

    # hover ----------------------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = self.viewport().mapFrom(self, e.pos())
            marks = self._marks_under(self.cursorForPosition(pos).position())
            if marks:
                QToolTip.showText(e.globalPos(), "<hr>".join(map(mark_tooltip, marks)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def _marks_under(self, position: int) -> list[Mark]:
        """Underlined marks at `position`; cursorForPosition rounds to the nearest gap,
        so a mark touching the gap on either side counts."""
        return [m for m in self.marks_at(position) if not m.whole_post and m.contains(position)]

    # context menu ---------------------------------------------------------------------
    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(e.pos())
        position = self.cursorForPosition(e.pos()).position()
        marks = self._marks_under(position)
        first = menu.actions()[0] if menu.actions() else None
        for m in marks:
            for s in m.suggestions:
                act = menu.addAction(tr("Replace with “{0}”", s))
                act.triggered.connect(lambda _=False, m=m, s=s: self.suggestionChosen.emit(m, s))
                menu.insertAction(first, act)
            act = menu.addAction(tr("Ignore This Finding") + f" ({m.finding.text[:12]})")
            act.triggered.connect(lambda _=False, m=m: self.ignoreChosen.emit(m))
            menu.insertAction(first, act)
        if marks and first is not None:
            menu.insertSeparator(first)
        menu.exec(e.globalPos())
        menu.deleteLater()

    # drops ----------------------------------------------------------------------------
    @staticmethod
    def _dropped_file(source: QMimeData) -> str | None:
        for url in source.urls() if source.hasUrls() else []:
            if url.isLocalFile():
                return url.toLocalFile()
        return None

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return self._dropped_file(source) is not None or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        path = self._dropped_file(source)
        if path is not None:
            self.fileDropped.emit(path)
            return
        super().insertFromMimeData(source)

    def select_mark(self, mark: Mark) -> None:
        self.setTextCursor(mark.cursor)
        self.ensureCursorVisible()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
