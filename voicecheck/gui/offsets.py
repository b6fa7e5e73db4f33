"""Python code-point offsets <-> Qt UTF-16 positions.

Findings carry code-point offsets (DESIGN: Text and offsets); QTextDocument counts
UTF-16 code units, so every character outside the Basic Multilingual Plane (emoji,
CJK Extension B) is two Qt positions. One map per text keeps each lookup O(log n).
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Converts offsets for one fixed text; cheap (identity) when the text is all BMP."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters, ascending: each adds one UTF-16 unit.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        """UTF-16 position of code-point `index` (index may equal len(text))."""
        return index + bisect_right(self._astral, index - 1)

    def to_py(self, position: int) -> int:
        """Code-point index of UTF-16 `position`; a position inside a surrogate pair
        rounds down to the start of its character."""
        lo, hi = 0, len(self._astral)
        # Find how many astral characters start before the target character.
        while lo < hi:
            mid = (lo + hi) // 2
            # Qt position of astral char number `mid` is astral[mid] + mid.
            if self._astral[mid] + mid < position:
                lo = mid + 1
            else:
                hi = mid
        # `lo` astral characters start strictly before `position`; the last may straddle it.
        if lo and self._astral[lo - 1] + (lo - 1) + 1 == position:
            return self._astral[lo - 1]
        return position - lo


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
