"""Findings as marks in the draft: tracked spans, category colours, underlines.

A mark holds a QTextCursor over one span and every finding on it (one problem that
several categories see is one mark). Qt moves cursors with every edit, so underlines
stay on the right words while the user types and the next check runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ..draft import post_text
from ..findings import Finding, by_span, suggestions_of
from .offsets import OffsetMap

# Okabe-Ito based: tells categories apart for colour-blind readers, visible on light
# and dark backgrounds.
CATEGORY_COLOURS = {
    "terminology": "#0072B2",
    "tone": "#CC79A7",
    "promotion": "#E69F00",
    "channel": "#009E73",
    "script": "#9467BD",
    "formatting": "#56B4E9",
    "compliance": "#D55E00",
}
# A finding over all of a post longer than this is "about the whole post" (tone, length):
# listed and scored, not underlined. A short post that is all one finding is underlined.
WHOLE_POST_MIN = 30


def category_colour(category: str) -> QColor:
    return QColor(CATEGORY_COLOURS.get(category, "#808080"))


def severity_colour(severity: str, palette: QPalette) -> QColor:
    if severity == "error":
        return QColor("#D55E00")
    if severity == "warning":
        return QColor("#E69F00")
    return palette.color(QPalette.ColorRole.PlaceholderText)


@dataclass(eq=False)
class Mark:
    """The findings on one span (most severe first) and the live span in the document."""

    findings: tuple[Finding, ...]
    cursor: QTextCursor
    whole_post: bool

    @property
    def finding(self) -> Finding:
        """The most severe finding: its category colours the underline."""
        return self.findings[0]

    @property
    def suggestions(self) -> tuple[str, ...]:
        return suggestions_of(self.findings)

    @property
    def ignore_keys(self) -> frozenset[tuple[str, str]]:
        """Ignoring is by rule and wording, so it survives re-checks and edits elsewhere."""
        return frozenset((f.rule, f.text) for f in self.findings)

    def is_intact(self) -> bool:
        """True while the span still holds the text the finding was about."""
        return self.cursor.selectedText() == self.finding.text.replace("\n", "\u2029")

    def contains(self, position: int) -> bool:
        start, end = self.cursor.selectionStart(), self.cursor.selectionEnd()
        return start < end and start <= position <= end


def _post_span(text: str) -> tuple[int, int]:
    """Where the post is in the draft: after its front matter, without edge whitespace."""
    return len(text) - len(post_text(text).lstrip()), len(text.rstrip())


def make_marks(document: QTextDocument, text: str, findings: list[Finding]) -> list[Mark]:
    """Marks in text order; `text` must be the document's current plain text."""
    offsets = OffsetMap(text)
    first, last = _post_span(text)
    marks = []
    for group in by_span(findings):
        f = group[0]
        cur = QTextCursor(document)
        cur.setPosition(offsets.to_qt(f.start))
        cur.setPosition(offsets.to_qt(f.end), QTextCursor.MoveMode.KeepAnchor)
        whole = f.start <= first and f.end >= last and last - first > WHOLE_POST_MIN
        marks.append(Mark(group, cur, whole))
    return marks


def extra_selections(marks: list[Mark], current: Mark | None) -> list[QTextEdit.ExtraSelection]:
    """Underlines by category colour; the current finding also gets a tinted background.

    Whole-post findings (tone, length) are not underlined: a squiggle under everything
    says nothing. They are listed and scored instead.
    """
    out = []
    for m in marks:
        if m.whole_post or m.cursor.selectionStart() == m.cursor.selectionEnd():
            continue
        fmt = QTextCharFormat()
        colour = category_colour(m.finding.category)
        style = (
            QTextCharFormat.UnderlineStyle.DotLine
            if m.finding.severity == "info"
            else QTextCharFormat.UnderlineStyle.WaveUnderline
        )
        fmt.setUnderlineStyle(style)
        fmt.setUnderlineColor(colour)
        # A light tint makes short spans (！！) findable at a glance; stronger when current.
        tint = QColor(colour)
        tint.setAlpha(90 if m is current else 34)
        fmt.setBackground(tint)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = m.cursor
        sel.format = fmt
        out.append(sel)
    return out
