"""Span look-ups (and the engine's overlap sweep) answer exactly what the `any()` scans
they replaced answered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.engine import _dedupe
from voicecheck.findings import Finding
from voicecheck.text.analysis import Span
from voicecheck.text.spans import SpanIndex, SpanSet

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=25)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(spans, st.integers(0, 75), st.integers(0, 10))
def test_span_set_matches_scanning_every_span(added, start, width):
    end = start + width
    s = SpanSet(added)
    real = [(a, b) for a, b in added if a < b]
    assert s.overlaps(start, end) == any(a < end and start < b for a, b in real)
    assert s.covers(start) == any(a <= start < b for a, b in real)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=20), st.integers(0, 60), st.integers(0, 8))
def test_span_set_holds_within_one_of_disjoint_spans(widths, start, width):
    disjoint, pos = [], 0
    for i, w in enumerate(widths):
        disjoint.append((pos, pos + w))
        pos += w + (i % 2)  # some touch, some have a gap
    end = start + width
    assert SpanSet(disjoint).holds(start, end) == any(
        a <= start and end <= b for a, b in disjoint)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=20), st.integers(-2, 80))
def test_span_index_finds_the_span_holding_an_offset(widths, pos):
    items, at = [], 0
    for i, w in enumerate(widths):
        items.append(Span(at, at + w))
        at += w + (i % 3 == 0)
    assert SpanIndex(items).at(pos) == next((s for s in items if s.start <= pos < s.end), None)


def _greedy_longest(findings):  # noqa: ANN001, ANN202 - the rule, stated the slow way
    kept = []
    for f in sorted(findings, key=lambda f: f.start - f.end):
        if not any(k.rule == f.rule and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.category, f.rule))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 40), st.integers(0, 6)),
                max_size=30))
def test_one_finding_per_overlap_of_a_rule_is_the_longest(spec):
    """engine._dedupe sweeps runs of overlapping spans instead of checking each finding
    against every one kept; it keeps exactly what that check keeps."""
    findings = [Finding(f"promotion.{r}", "promotion", "warning", s, s + w, "", str(i))
                for i, (r, s, w) in enumerate(spec)]
    seen: set[tuple[str, int, int]] = set()
    unique = [f for f in findings if (f.category, f.start, f.end) not in seen
              and not seen.add((f.category, f.start, f.end))]  # the first per span
    assert _dedupe(findings) == _greedy_longest(unique)
