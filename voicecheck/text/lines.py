"""Lines and columns of offsets, for every line ending a file may use: LF, CRLF, and a lone
CR (old Mac exports and some CMS dumps), which counted as no line break put line 2's
findings on line 1.
"""

from __future__ import annotations


def line_number(text: str, pos: int) -> int:
    """1-based line of offset `pos`."""
    return 1 + text.count("\n", 0, pos) + text.count("\r", 0, pos) - text.count("\r\n", 0, pos)


def line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def line_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
    return min(ends) if ends else len(text)
