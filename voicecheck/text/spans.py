"""Span look-ups in O(log n), so per-post work stays near-linear on long posts.

Checks keep asking "does this range touch a link or a kept match?" and "which sentence
holds this offset?". Scanning every span with `any()` for each question made a dense
2 MB post take minutes; these answer by bisection over sorted offsets instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar


class SpanSet:
    """The union of the spans added (overlapping ones merge, touching ones stay apart).

    `overlaps(a, b)` is `any(s < b and a < e)` over every span added, `covers(pos)` is
    `any(s <= pos < e)`; `holds(a, b)` asks whether one span contains all of [a, b)
    (exact for spans that never overlapped, as a phrase scan's are). Empty spans add
    nothing.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        first = bisect_right(self._ends, start)  # spans ending after `start`...
        last = bisect_left(self._starts, end, first)  # ...and starting before `end`
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)

    def holds(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._ends[i]


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


class SpanIndex(Generic[S]):
    """Sorted, non-overlapping spans (sentences, tokens): the one holding an offset."""

    __slots__ = ("_spans", "_starts")

    def __init__(self, spans: Sequence[S]) -> None:
        self._spans = spans
        self._starts = [s.start for s in spans]

    def at(self, pos: int) -> S | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._spans[i].end:
            return self._spans[i]
        return None
