"""Tone: four dimensions, each 0-100, each explained by the markers that moved it.

Scoring is deliberately transparent: every dimension starts at a neutral baseline and
each marker (a word from `data/lexicons/tone-markers.yaml`, an exclamation mark, an
emoji, the brand's own name, long or short sentences) adds signed points. A finding can
then say exactly which words made a post too casual or too cold, and a copywriter can
see what to change. No model, no hidden weights.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..data import YAML_LOADER
from ..guide.model import TONE_DIMENSIONS, Note
from ..guide.schema import (
    Bool,
    Enum,
    GuideError,
    Int,
    ListOf,
    Localized,
    MapOf,
    Problem,
    Reader,
    Spec,
    Str,
    Struct,
)
from . import rule_tables
from .analysis import AnalysedPost
from .counting import EMOJI as EMOJI_CANDIDATE
from .entities import ENTITY_KINDS, inside_any, spans
from .matching import find
from .normalize import Normalized
from .script import HAN, LATIN_WORD
from .spans import SpanSet

LEXICON_FILE = "lexicons/tone-markers.yaml"
# Message keys naming the influences that are signs rather than words.
EMOJI_LABEL, EXCLAMATION_LABEL = "tone.sign/emoji", "tone.sign/exclamation"
SIGN_LABELS = (EMOJI_LABEL, EXCLAMATION_LABEL)


class _Number(Spec):
    def read(self, node: yaml.Node, r: Reader) -> Any:
        try:
            return float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            pass
        r.error(node, "expected a number")
        return None


_POINTS = {d: Int(-100, 100) for d in TONE_DIMENSIONS}
_FEATURE = Struct(dict(_POINTS))
_LEXICON = Struct(
    {
        "version": Int(1, 1),
        "baseline": Int(0, 100),
        "reference_units": Int(1),
        "markers": ListOf(
            Struct(
                {
                    "words": ListOf(Str()),
                    **_POINTS,
                    "person": Enum(("first", "second"), "person"),
                    "whole_word": Bool(),
                    "sentence_start": Bool(),
                    "case_sensitive": Bool(),
                }
            )
        ),
        "features": Struct(
            {
                "exclamation": _FEATURE,
                "emoji": _FEATURE,
                "brand_name": _FEATURE,
                "defensive": _FEATURE,
                "sentence_length": Struct(
                    {"midpoint": Int(1), "per_unit": _Number(), "limit": Int(0, 100)}
                ),
            }
        ),
        "self_promotion": Struct({"min_first_person": Int(1)}),
        "near_miss": Int(0, 100),
        "advice": MapOf(Str(), Struct({"low": Localized(), "high": Localized()})),
    }
)


@dataclass(frozen=True)
class Marker:
    """One lexicon entry: its words move the dimensions in `points`."""

    words: tuple[str, ...]
    points: tuple[tuple[str, int], ...]
    person: str = ""  # "first" | "second" | ""
    whole_word: bool = False
    sentence_start: bool = False  # only as a sentence's first word (an imperative)
    case_sensitive: bool = False


@dataclass(frozen=True)
class Lexicon:
    baseline: int
    reference_units: int
    markers: tuple[Marker, ...]
    features: dict[str, dict[str, int]]
    sentence_length: tuple[float, float, float]  # midpoint, per_unit, limit
    min_first_person: int
    near_miss: int  # points outside a target that make a note rather than a warning
    advice: dict[str, dict[str, Note]]  # dimension -> low/high -> advice
    by_phrase: dict[tuple[str, bool], Marker] = field(default_factory=dict)


def with_curly_apostrophes(phrases: Iterable[str]) -> list[str]:
    """Each phrase plus its typographic-apostrophe spelling (don't / don’t)."""
    out: list[str] = []
    for p in phrases:
        out.append(p)
        if "'" in p:
            out.append(p.replace("'", "\u2019"))
    return out


def parse_lexicon(text: str, file: str) -> Lexicon:
    """Validate the lexicon with the guide schema machinery (errors name file:line:col)."""
    r = Reader(file)
    raw: dict[str, Any] = _LEXICON.read(yaml.compose(text, Loader=YAML_LOADER), r) or {}
    markers: list[Marker] = []
    by_phrase: dict[tuple[str, bool], Marker] = {}
    for entry in raw.get("markers", []):
        m = Marker(
            words=tuple(with_curly_apostrophes(entry.get("words", []))),
            points=tuple((d, entry[d]) for d in TONE_DIMENSIONS if d in entry),
            person=entry.get("person", ""),
            whole_word=entry.get("whole_word", False),
            sentence_start=entry.get("sentence_start", False),
            case_sensitive=entry.get("case_sensitive", False),
        )
        markers.append(m)
        for w in m.words:
            key = (w if m.case_sensitive else w.lower(), m.case_sensitive)
            if key in by_phrase:
                r.problems.append(Problem(file, 1, 1, f"marker word '{w}' is listed twice"))
            by_phrase[key] = m
    if r.problems:
        raise GuideError(r.problems)
    feats = raw.get("features", {})
    sl = feats.get("sentence_length", {})
    return Lexicon(
        baseline=raw.get("baseline", 50),
        reference_units=raw.get("reference_units", 140),
        markers=tuple(markers),
        features={k: v for k, v in feats.items() if k != "sentence_length"},
        sentence_length=(sl.get("midpoint", 22), float(sl.get("per_unit", 0)), sl.get("limit", 0)),
        min_first_person=raw.get("self_promotion", {}).get("min_first_person", 3),
        near_miss=raw.get("near_miss", 0),
        advice=raw.get("advice", {}),
        by_phrase=by_phrase,
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = resources.files("voicecheck") / "data" / LEXICON_FILE
    return parse_lexicon(path.read_text(encoding="utf-8"), f"builtin:{LEXICON_FILE}")


# ---- signs that are not words --------------------------------------------------------

_EXCLAMATION = re.compile("[!！‼⁉]+")
# Symbols the emoji pattern's broad blocks include but that are typography, not emoji,
# unless followed by the emoji variation selector (★ ✓ ❶ ♪ ➤ ⌘).
_TEXT_SYMBOLS = re.compile(
    "[\u2300-\u2319\u231c-\u23e8\u23f4-\u23f7\u23fb-\u23ff\u2605\u2606\u2610\u2612"
    "\u2660-\u2662\u2664\u2667\u2669-\u266f\u2713\u2715\u2717-\u271c\u2720\u2722-\u2727"
    "\u2729-\u2732\u2735-\u2743\u2745\u2746\u2748-\u274b\u274d\u274f-\u2752\u2756"
    "\u2758-\u2762\u2765-\u2794\u2798-\u27af\u27b1-\u27be\u2b00-\u2b04\u2b08-\u2b1a"
    "\u2b1d-\u2b4f\u2b51-\u2b54\u2b56-\u2bff]"
)


def exclamation_runs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, marks) for each run of ! / ！ (‼ counts two)."""
    return [
        (m.start(), m.end(), len(m.group()) + m.group().count("‼"))
        for m in _EXCLAMATION.finditer(text)
    ]


def emoji_clusters(norm: Normalized) -> list[tuple[int, int]]:
    """Emoji as a reader sees them, on normalized offsets.

    A ZWJ family, a flag, a keycap or a skin-toned hand is one emoji. Normalization drops
    zero-width joiners, so pieces whose original text was joined by one are merged back.
    """
    spans: list[tuple[int, int]] = []
    for m in EMOJI_CANDIDATE.finditer(norm.text):
        s, e = m.start(), m.end()
        if e - s == 1 and _TEXT_SYMBOLS.match(norm.text[s]):
            continue
        if spans and spans[-1][1] == s and _joined(norm, s):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _joined(norm: Normalized, i: int) -> bool:
    """Was normalized character i glued to the one before by a zero-width joiner?"""
    gap = norm.original[norm.ends[i - 1] : norm.starts[i]]
    return gap != "" and set(gap) == {"\u200d"}


def units(text: str) -> int:
    """Reading length: Han characters plus two per Latin word."""
    return len(HAN.findall(text)) + 2 * len(LATIN_WORD.findall(text))


# ---- measuring ----------------------------------------------------------------------


@dataclass(frozen=True)
class MarkerHit:
    start: int  # normalized offsets
    end: int
    marker: Marker | None  # None for the brand's own name
    key: str  # the lexicon phrase (or brand name) it matched


@dataclass(frozen=True)
class Influence:
    """One word or sign and what it did to a dimension."""

    label: str  # as written in the post ("啦"), or a message key for a sign ("!", emoji)
    points: float
    count: int
    spans: tuple[tuple[int, int], ...]  # normalized offsets, first occurrence first
    sign: bool = False  # label is a message-catalog key ("tone.sign/emoji"), not post text
    amount: float = 0.0  # the sign's measured value (average sentence length)


@dataclass(frozen=True)
class Dimension:
    name: str
    score: int
    influences: tuple[Influence, ...]  # strongest first


@dataclass(frozen=True)
class Tone:
    dimensions: dict[str, Dimension]
    hits: tuple[MarkerHit, ...]
    first_person: int
    second_person: int

    def values(self) -> dict[str, int]:
        return {name: d.score for name, d in self.dimensions.items()}


def marker_hits(post: AnalysedPost, brand_names: Sequence[str] = ()) -> list[MarkerHit]:
    """Lexicon words (and the brand's names) in the post, non-overlapping, in order.

    Links, emails, @handles and hashtags are labels, not voice: the brand's name in
    northpeak.com or #NorthPeak does not make a post self-centred.
    """
    lex = lexicon()
    hits: list[MarkerHit] = []
    for case_sensitive in (False, True):
        words = [w for m in lex.markers if m.case_sensitive == case_sensitive for w in m.words]
        for h in find(post, words, case_sensitive):
            key = h.phrase if case_sensitive else h.phrase.lower()
            marker = lex.by_phrase[(key, case_sensitive)]
            if marker.whole_word and not _whole_word(post, h.start, h.end):
                continue
            if marker.sentence_start and not _opens_sentence(post, h.start):
                continue
            hits.append(MarkerHit(h.start, h.end, marker, h.phrase))
    taken = SpanSet((h.start, h.end) for h in hits)
    for h in find(post, [n for n in brand_names if n]):
        if not taken.overlaps(h.start, h.end):
            hits.append(MarkerHit(h.start, h.end, None, h.phrase))
    hits.sort(key=lambda h: (h.start, -h.end))
    labels = spans(post.text, ENTITY_KINDS)
    out: list[MarkerHit] = []
    for h in hits:  # the case-insensitive pass wins an overlap (we're vs us)
        if inside_any(h.start, h.end, labels):
            continue
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


def _opens_sentence(post: AnalysedPost, start: int) -> bool:
    """Nothing but spaces, quotes, bullets or emoji before `start` in its sentence."""
    s = post.sentence_at(start)
    return s is not None and not any(c.isalnum() for c in post.text[s.start : start])


def _whole_word(post: AnalysedPost, start: int, end: int) -> bool:
    if not HAN.match(post.text[start]):
        return True
    starts, ends = post.token_bounds
    return start in starts and end in ends


_last: tuple[weakref.ref[AnalysedPost], tuple[str, ...], Tone] | None = None


def measure(post: AnalysedPost, brand_names: Sequence[str] = ()) -> Tone:
    """The post's tone. The engine and two checks ask for the same post in a row, so the
    last result is kept (by identity, weakly; threads at worst recompute)."""
    global _last
    names = tuple(brand_names)
    last = _last
    if last is not None and last[0]() is post and last[1] == names:
        return last[2]
    tone = _measure(post, names)
    _last = (weakref.ref(post), names, tone)
    return tone


def _measure(post: AnalysedPost, brand_names: Sequence[str]) -> Tone:
    lex = lexicon()
    hits = marker_hits(post, brand_names)
    total_units = units(post.text)
    factor = min(1.0, math.sqrt(lex.reference_units / total_units)) if total_units else 1.0

    # (label, spans, per-dimension points per occurrence)
    groups: dict[str, tuple[list[tuple[int, int]], dict[str, int]]] = {}
    labels: dict[str, str] = {}
    for h in hits:
        key = f"word:{h.key.lower()}"
        points = dict(h.marker.points) if h.marker else lex.features.get("brand_name", {})
        groups.setdefault(key, ([], points))[0].append((h.start, h.end))
        labels.setdefault(key, post.text[h.start : h.end])
    for run_start, run_end, marks in exclamation_runs(post.text):
        spans = groups.setdefault(EXCLAMATION_LABEL, ([], lex.features.get("exclamation", {})))[0]
        spans.extend([(run_start, run_end)] * marks)
        labels[EXCLAMATION_LABEL] = EXCLAMATION_LABEL
    for span in emoji_clusters(post.norm):
        groups.setdefault(EMOJI_LABEL, ([], lex.features.get("emoji", {})))[0].append(span)
        labels[EMOJI_LABEL] = EMOJI_LABEL
    for h in rule_tables.hits(post, rule_tables.replies()):  # blaming or stonewalling the reader
        key = f"reply:{post.text[h.start : h.end].lower()}"
        groups.setdefault(key, ([], lex.features.get("defensive", {})))[0].append((h.start, h.end))
        labels.setdefault(key, post.text[h.start : h.end])

    influences: dict[str, list[Influence]] = {d: [] for d in TONE_DIMENSIONS}
    for key, (spans, points) in groups.items():
        n = len(spans)
        unique = tuple(dict.fromkeys(spans))
        for dim, w in points.items():
            if w:
                influences[dim].append(Influence(labels[key], w * math.sqrt(n) * factor, n, unique,
                                                 sign=key in SIGN_LABELS))
    sentence = _sentence_length(post, lex, total_units)
    if sentence is not None:
        influences["formality"].append(sentence)

    dims: dict[str, Dimension] = {}
    for dim in TONE_DIMENSIONS:
        infl = sorted(influences[dim], key=lambda i: -abs(i.points))
        raw = lex.baseline + sum(i.points for i in infl)
        dims[dim] = Dimension(dim, max(0, min(100, round(raw))), tuple(infl))
    first = sum(1 for h in hits if h.marker is None or h.marker.person == "first")
    second = sum(1 for h in hits if h.marker is not None and h.marker.person == "second")
    return Tone(dims, tuple(hits), first, second)


def _sentence_length(post: AnalysedPost, lex: Lexicon, total_units: int) -> Influence | None:
    """Long sentences read formal, clipped ones casual (needs enough text to judge)."""
    midpoint, per_unit, limit = lex.sentence_length
    sized = [(units(post.text[s.start : s.end]), s) for s in post.sentences]
    sized = [(u, s) for u, s in sized if u]
    if not per_unit or total_units < 20 or not sized:
        return None
    average = sum(u for u, _ in sized) / len(sized)
    points = max(-limit, min(limit, (average - midpoint) * per_unit))
    if abs(points) < 1:
        return None
    pick = max(sized, key=lambda x: x[0]) if points > 0 else min(sized, key=lambda x: x[0])
    return Influence("tone.sign/sentence-length", points, 1, ((pick[1].start, pick[1].end),),
                     sign=True, amount=average)
