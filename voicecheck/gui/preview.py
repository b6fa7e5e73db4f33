"""Channel preview: the post as the feed shows it, with length and the fold marked.

Length follows the channel's counting (X weighs CJK and emoji double, links 23) via
voicecheck.text.counting, the same code the channel check uses, so the counter and
the findings never disagree.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..draft import post_text
from ..guide.model import Channel
from ..text.counting import cut_index, post_length
from ..text.entities import entities
from .i18n import channel_label, tr, tr_n
from .scorecard import FAIL_COLOUR


def linked_spans(text: str, channel: Channel) -> list[tuple[int, int]]:
    """What the channel shows as links: @mentions, URLs (unless its posts cannot link),
    and hashtags written its way: #话题# on Weibo (a lone #话题 is plain text there),
    #topic elsewhere (the closing # of a #话题# stays plain); both when it says nothing."""
    style = channel.hashtag
    out = []
    for e in entities(text):
        if e.kind == "mention" or (e.kind == "url" and channel.links):
            out.append((e.start, e.end))
        elif e.kind == "hashtag" and e.style == "#topic#":
            if style in (None, "#topic#"):
                out.append((e.start, e.end))
            else:
                out.append((e.start, e.end - 1))
        elif e.kind == "hashtag" and style != "#topic#":
            out.append((e.start, e.end))
    return out


def fold_index(text: str, channel: Channel) -> int | None:
    """Where the feed folds the post: never inside a hashtag, mention or link, which the
    platform shows whole or not at all."""
    if not channel.fold_chars:
        return None
    fold = cut_index(text, channel.fold_chars, channel.counting)
    if fold is None:
        return None
    for e in entities(text):
        if e.start < fold < e.end:
            return e.start
    return fold


def preview_html(text: str, channel: Channel, palette: QPalette) -> str:
    """The post as the channel shows it: its hashtags, mentions and links in the link
    colour; up to the fold, a fold marker, the rest dimmed; past max_chars struck out."""
    fold = fold_index(text, channel)
    limit = cut_index(text, channel.max_chars, channel.counting) if channel.max_chars else None
    # Halfway between text and background: readable, visibly "not shown in the feed".
    text_c, base_c = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    dim = QColor((text_c.red() + base_c.red()) // 2, (text_c.green() + base_c.green()) // 2,
                 (text_c.blue() + base_c.blue()) // 2).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    links = linked_spans(text, channel)

    def esc(s: str) -> str:
        return html.escape(s).replace("\n", "<br>")

    cuts = sorted({0, len(text), *(c for c in (fold, limit) if c is not None),
                   *(i for span in links for i in span)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        chunk = esc(text[start:end])
        if limit is not None and start >= limit:
            out.append(f'<span style="color:{FAIL_COLOUR.name()}; text-decoration:line-through">'
                       f"{chunk}</span>")
        elif fold is not None and start >= fold:
            out.append(f'<span style="color:{dim}">{chunk}</span>')
        elif any(a <= start and end <= b for a, b in links):
            out.append(f'<span style="color:{link}">{chunk}</span>')
        else:
            out.append(chunk)
        if end == fold:
            out.append(f'<br><span style="color:{link}">┈┈ ✂ {esc(tr("folds here — “more”"))} '
                       "┈┈</span><br>")
    return "".join(out)


class ChannelPreview(QWidget):
    """A feed-card look at the draft for the selected channel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._channel = Channel(name="default")
        self.title = QLabel()
        bold = QFont(self.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.counter = QLabel()
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)

    def retranslate(self) -> None:
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """The preview's HTML embeds palette colours: a theme switch re-renders it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()

    def set_post(self, text: str, channel: Channel) -> None:
        self._text, self._channel = post_text(text), channel
        self._refresh()

    def count(self) -> int:
        return post_length(self._text, self._channel.counting)

    def _refresh(self) -> None:
        ch = self._channel
        self.title.setText(f"{tr('Preview')} · {channel_label(ch.name)}")
        n = self.count()
        if ch.max_chars:
            over = n - ch.max_chars
            text = tr("{0} / {1}", n, ch.max_chars)
            if over > 0:
                text += " · " + tr("{0} over the limit", over)
                self.counter.setText(f'<span style="color:{FAIL_COLOUR.name()}">{text}</span>')
            else:
                self.counter.setText(text)
        else:
            self.counter.setText(tr_n(n, "{0} character", "{0} characters"))
        bar = self.body.verticalScrollBar().value()
        self.body.setHtml(preview_html(self._text, ch, self.palette()))
        self.body.verticalScrollBar().setValue(bar)
