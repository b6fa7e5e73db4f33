"""Tooltips that show text exactly as written.

Qt renders a tooltip as rich text when it looks like markup, and tooltips here carry
post text, finding messages that quote it, and guide values: a post with `<img src=…>`
or `<b>` in it would have been rendered, not shown. Every such tooltip is made here:
escaped, inside rich text that keeps its line breaks.
"""

from __future__ import annotations

import html


def rich(markup: str) -> str:
    """Markup built from escaped pieces, as a tooltip that keeps line breaks."""
    return f"<p style='white-space:pre-wrap'>{markup}</p>"


def plain(text: str | None) -> str:
    """Text as a tooltip showing exactly that text ("" stays "": no tooltip)."""
    return rich(html.escape(text)) if text else ""
