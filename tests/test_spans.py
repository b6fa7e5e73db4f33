"""Span look-ups answer exactly what the `any()` scans they replaced answered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.text.analysis import Span
from voicecheck.text.spans import SpanIndex, SpanSet

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=25)


@settings(max_examples=300, derandomize=True)
@given(spans, st.integers(0, 75), st.integers(0, 10))
def test_span_set_matches_scanning_every_span(added, start, width):
    end = start + width
    s = SpanSet(added)
    real = [(a, b) for a, b in added if a < b]
    assert s.overlaps(start, end) == any(a < end and start < b for a, b in real)
    assert s.covers(start) == any(a <= start < b for a, b in real)


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.integers(1, 6), max_size=20), st.integers(0, 60), st.integers(0, 8))
def test_span_set_holds_within_one_of_disjoint_spans(widths, start, width):
    disjoint, pos = [], 0
    for i, w in enumerate(widths):
        disjoint.append((pos, pos + w))
        pos += w + (i % 2)  # some touch, some have a gap
    end = start + width
    assert SpanSet(disjoint).holds(start, end) == any(
        a <= start and end <= b for a, b in disjoint)


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.integers(1, 6), max_size=20), st.integers(-2, 80))
def test_span_index_finds_the_span_holding_an_offset(widths, pos):
    items, at = [], 0
    for i, w in enumerate(widths):
        items.append(Span(at, at + w))
        at += w + (i % 3 == 0)
    assert SpanIndex(items).at(pos) == next((s for s in items if s.start <= pos < s.end), None)
