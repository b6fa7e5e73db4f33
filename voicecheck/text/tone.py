"""Tone: four dimensions, each 0-100, each explained by the words and signs that moved it.

Features are what a reviewer hears (`data/lexicons/tone-markers.yaml`: bulletin
formulae, particles, Cantonese, thanks, taking ownership, you and we...). How much each
one moves each dimension is learned from the labelled tone set in benchmarks/tone/ and
shipped as data (`tone-weights.yaml`, written by `make train-tone`): a score is
baseline + sum(weight x value), so a finding can say which features moved it most, by
how much, and where they are in the post. No model runs at check time.
"""

from __future__ import annotations

import math
import re
import sys
import weakref
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..data import YAML_LOADER
from ..guide.model import TONE_DIMENSIONS, Note
from ..guide.schema import (
    GUIDE,
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
    Template,
    TokenPattern,
)
from . import families, patterns, rule_tables
from .analysis import AnalysedPost
from .entities import ENTITY_KINDS, inside_any, spans
from .matching import find
from .signs import emoji_clusters, exclamation_runs, units, with_curly_apostrophes
from .spans import SpanSet

LEXICON_FILE = "lexicons/tone-markers.yaml"
CLAUSE_PERSONS = ("us", "reader", "neither", "any")
WEIGHTS_FILE = "lexicons/tone-weights.yaml"
SIGNS = ("exclamation", "emoji", "brand_name", "question", "question_to_reader",
         "sentence_length", "short_sentences", "clauses_we", "told_coldly", "defensive",
         "lang_en", "lang_hant")
# Signs that only shift a market's baseline (an English or a Traditional post): part of the
# score, never named as what moved it.
BASELINE_SIGNS = frozenset({"lang_en", "lang_hant"})
# Signs whose label is a message key (the others are labelled by the words they found).
SIGN_LABELS = {"exclamation": "tone.sign/exclamation", "emoji": "tone.sign/emoji",
               "question": "tone.sign/question", "question_to_reader": "tone.sign/question",
               "sentence_length": "tone.sign/sentence-length",
               "short_sentences": "tone.sign/short-sentences",
               "clauses_we": "tone.sign/clauses-we", "told_coldly": "tone.sign/told-coldly"}
SENTENCE_MIDPOINT, SENTENCE_SCALE, SENTENCE_LIMIT = 22.0, 10.0, 2.0
SHORT_SENTENCE = 6  # reading units (Han characters, 2 per Latin word): "Sold out." "绝了！"
FORMULA_REACH = 10  # characters between a greeting and the mark it quiets ("Hi Sam!", 你好呀！)
# Clause breaks: punctuation, a comma or full stop that is not inside a number (10,000; 1.2)
_CLAUSE_BREAK = re.compile(r"[，。！？；：!?;:\n…～~—()（）「」【】]+|,(?!\d)|\.(?![\w])")


class _Number(Spec):
    def read(self, node: yaml.Node, r: Reader) -> Any:
        try:
            return float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            pass
        r.error(node, "expected a number")
        return None


_LEXICON = Struct(
    {
        "version": Int(2, 2),
        "reference_units": Int(1),
        "lists": GUIDE.fields["lists"],
        "features": ListOf(
            Struct(
                {
                    "id": Str(),
                    "words": ListOf(Str()),
                    "match": ListOf(Template()),
                    "patterns": ListOf(TokenPattern()),
                    "person": Enum(("first", "second"), "person"),
                    "clause": Enum(CLAUSE_PERSONS, "clause person"),
                    "formula": Bool(),
                    "whole_word": Bool(),
                    "sentence_start": Bool(),
                    "case_sensitive": Bool(),
                },
                keep_origin=True,
            )
        ),
        "signs": ListOf(Enum(SIGNS, "sign")),
        "negation": ListOf(Str()),
        "cold": ListOf(Str()),
        "self_promotion": Struct({"max_customer_focus": Int(0, 100), "min_first_person": Int(1),
                                  "needs": ListOf(Str()), "praise": ListOf(Str()),
                                  "not_with": ListOf(Str())}),
        "near_miss": Int(0, 100),
        "advice": MapOf(Str(), Struct({"low": Localized(), "high": Localized()})),
    }
)
_WEIGHTS = Struct(
    {
        "version": Int(1, 1),
        "trained_on": Str(),
        "baseline": Struct({d: _Number() for d in TONE_DIMENSIONS}),
        "weights": MapOf(Str(), Struct({d: _Number() for d in TONE_DIMENSIONS})),
    }
)


@dataclass(frozen=True)
class Feature:
    id: str
    words: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    patterns: tuple[list[dict[str, object]], ...] = ()
    person: str = ""  # "first" | "second" | ""
    # only in a clause whose subject is us / the reader / nobody, and no negation before it
    # in the clause: who the fault is said of (我们的疏忽 vs 你自己没看清楚); "any": in any
    # clause. Either way its findings highlight the clause.
    clause: str = ""
    formula: bool = False  # a greeting: its "!" is politeness, its "you" orients no clause
    whole_word: bool = False
    sentence_start: bool = False  # only as a sentence's first word (an imperative)
    case_sensitive: bool = False


@dataclass(frozen=True)
class Lexicon:
    reference_units: int
    features: tuple[Feature, ...]
    lists: dict[str, list[str]]
    max_customer_focus: int
    min_first_person: int
    # self-promotion praises us (a `needs` feature is in the post) and is not a reply (no
    # `not_with` feature: a defensive reply is flagged for that, not as self-promotion)
    self_promotion_needs: tuple[str, ...]
    self_promotion_praise: tuple[str, ...]  # words that count as a `needs` feature
    self_promotion_not_with: tuple[str, ...]
    negation: tuple[str, ...]  # words that turn a clause's fault away from its person
    cold: tuple[str, ...]  # features that make a clause addressing the reader a cold one
    near_miss: int  # points outside a target that make a note rather than a warning
    advice: dict[str, dict[str, Note]]  # dimension -> low/high -> advice
    # (layer, phrase folded unless case-sensitive, case flag) -> the features it belongs to;
    # words naming a person (you, 我们) are a layer of their own, so "你会" counting as a
    # benefit does not hide the 你 in it
    by_phrase: dict[tuple[bool, str, bool], tuple[int, ...]] = field(default_factory=dict)
    templates: tuple[tuple[int, families.Compiled], ...] = ()
    pattern_tokens: tuple[list[dict[str, object]], ...] = ()
    pattern_owner: tuple[int, ...] = ()  # feature index of each pattern
    # (person layer, case-sensitive, its phrases) in matching order: the case-blind person
    # pass before the case-sensitive one (we're before US)
    layers: tuple[tuple[bool, bool, tuple[str, ...]], ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """What the weights multiply: formulas only shape other features."""
        return tuple(f.id for f in self.features if not f.formula) + SIGNS


def _read(spec: Struct, text: str, file: str) -> dict[str, Any]:
    r = Reader(file)
    raw: dict[str, Any] = spec.read(yaml.compose(text, Loader=YAML_LOADER), r) or {}
    if r.problems:
        raise GuideError(r.problems)
    return raw


def parse_lexicon(text: str, file: str) -> Lexicon:
    """Validate the lexicon with the guide schema machinery (errors name file:line:col)."""
    raw = _read(_LEXICON, text, file)
    seen: dict[str, int] = {}
    for i, e in enumerate(raw.get("features", [])):
        if e["id"] in seen or e["id"] in SIGNS:
            o = e["_origin"]
            raise GuideError([Problem(o.file, o.line, o.column,
                                      f"feature '{e['id']}' is listed twice")])
        seen[e["id"]] = i
    lists = raw.get("lists", {})
    feats = tuple(
        Feature(id=e["id"], words=tuple(with_curly_apostrophes(_expand(e, lists))),
                templates=tuple(e.get("match", [])), patterns=tuple(e.get("patterns", [])),
                person=e.get("person", ""), clause=e.get("clause", ""),
                formula=e.get("formula", False), whole_word=e.get("whole_word", False),
                sentence_start=e.get("sentence_start", False),
                case_sensitive=e.get("case_sensitive", False))
        for e in raw.get("features", [])
    )
    by_phrase: dict[tuple[bool, str, bool], tuple[int, ...]] = {}
    for i, f in enumerate(feats):
        for w in f.words:
            key = (bool(f.person), w if f.case_sensitive else w.lower(), f.case_sensitive)
            by_phrase[key] = (*by_phrase.get(key, ()), i)
    sp = raw.get("self_promotion", {})
    return Lexicon(
        reference_units=raw.get("reference_units", 140),
        features=feats,
        lists=lists,
        max_customer_focus=sp.get("max_customer_focus", 30),
        min_first_person=sp.get("min_first_person", 2),
        self_promotion_needs=tuple(sp.get("needs", ())),
        self_promotion_praise=tuple(sp.get("praise", ())),
        self_promotion_not_with=tuple(sp.get("not_with", ())),
        negation=tuple(with_curly_apostrophes(raw.get("negation", []))),
        cold=tuple(raw.get("cold", [])),
        near_miss=raw.get("near_miss", 0),
        advice=raw.get("advice", {}),
        by_phrase=by_phrase,
        layers=tuple((layer, cs, tuple(k for (ly, k, c) in by_phrase if ly == layer and c == cs))
                     for layer, cs in ((False, False), (True, False), (True, True))),
        templates=tuple((i, families.compile_template(t, lists))
                        for i, f in enumerate(feats) for t in f.templates),
        pattern_tokens=tuple(p for f in feats for p in f.patterns),
        pattern_owner=tuple(i for i, f in enumerate(feats) for _ in f.patterns),
    )


def _expand(entry: dict[str, Any], lists: dict[str, list[str]]) -> list[str]:
    """A feature's words, "@name" standing for the words of the list `name` (one list of
    fault words serves the features for our fault and the reader's)."""
    out: list[str] = []
    for w in entry.get("words", []):
        if not w.startswith("@"):
            out.append(w)
        elif w[1:] in lists:
            out.extend(lists[w[1:]])
        else:
            o = entry["_origin"]
            raise GuideError([Problem(o.file, o.line, o.column,
                                      f"feature '{entry['id']}': no list '{w[1:]}'")])
    return out


@dataclass(frozen=True)
class Weights:
    baseline: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature id -> dimension -> points per unit


def parse_weights(text: str, file: str) -> Weights:
    raw = _read(_WEIGHTS, text, file)
    return Weights(baseline={d: raw.get("baseline", {}).get(d, 50.0) for d in TONE_DIMENSIONS},
                   weights=raw.get("weights", {}))


def _data(name: str) -> str:
    return (resources.files("voicecheck") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return parse_lexicon(_data(LEXICON_FILE), f"builtin:{LEXICON_FILE}")


@lru_cache(maxsize=1)
def weights() -> Weights:
    return parse_weights(_data(WEIGHTS_FILE), f"builtin:{WEIGHTS_FILE}")


# ---- observing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """One feature in a post: how often, where, and the value the weights multiply."""

    feature: str
    count: int
    value: float
    spans: tuple[tuple[int, int], ...]  # normalized offsets, first occurrence first
    words: tuple[str, ...] = ()  # what was found, as written (empty for a sign)
    amount: float = 0.0  # a sign's measured value (average sentence length, a share)


@dataclass(frozen=True)
class Influence:
    """One feature and what it did to a dimension."""

    feature: str
    points: float
    count: int
    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...] = ()  # the words that carried it; empty: a sign (see SIGN_LABELS)
    amount: float = 0.0

    @property
    def sign(self) -> bool:
        return not self.words


@dataclass(frozen=True)
class Dimension:
    name: str
    score: int
    influences: tuple[Influence, ...]  # strongest first


@dataclass(frozen=True)
class Tone:
    dimensions: dict[str, Dimension]
    observations: dict[str, Observation]
    first_person: int  # mentions of us (we, 我们, the brand's name)
    second_person: int  # ways the post addresses the reader
    first_spans: tuple[tuple[int, int], ...] = ()

    def values(self) -> dict[str, int]:
        return {name: d.score for name, d in self.dimensions.items()}


@dataclass
class _Tally:
    count: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)  # what was found
    places: list[tuple[int, int]] | None = None  # what a finding highlights, if not that


def _word_hits(post: AnalysedPost, lex: Lexicon, brand_names: Sequence[str]
               ) -> tuple[dict[str, _Tally], list[tuple[int, int, str]]]:
    """Feature words in the post (one hit per place: the longest phrase), plus the
    brand's own names; links, emails, @handles and hashtags are labels, not voice."""
    labels = spans(post.text, ENTITY_KINDS)
    tallies: dict[str, _Tally] = {}
    persons: list[tuple[int, int, str]] = []
    person_starts: set[int] = set()
    taken: list[tuple[int, int, str]] = []
    for layer, case_sensitive, words in lex.layers:
        if case_sensitive:
            taken = [(a, b, p) for a, b, p in persons]  # the case-blind pass wins (we're/us)
        for h in find(post, words, case_sensitive):
            if inside_any(h.start, h.end, labels) or (layer and any(
                    a < h.end and h.start < b for a, b, _ in taken[-4:])):
                continue
            key = h.phrase if case_sensitive else h.phrase.lower()
            counted = False
            for i in lex.by_phrase[(layer, key, case_sensitive)]:
                f = lex.features[i]
                if f.whole_word and not _whole_word(post, h.start, h.end):
                    continue
                if f.sentence_start and not _opens_sentence(post, h.start):
                    continue
                t = tallies.setdefault(f.id, _Tally())
                t.count += 1
                t.spans.append((h.start, h.end))
                counted = True
                if f.person and h.start not in person_starts:
                    persons.append((h.start, h.end, f.person))
                    person_starts.add(h.start)
            if counted and layer:
                taken.append((h.start, h.end, ""))
    addressed = SpanSet((a, b) for a, b, _ in persons)
    for h in find(post, [n for n in brand_names if n]):
        if not inside_any(h.start, h.end, labels) and not addressed.overlaps(h.start, h.end):
            t = tallies.setdefault("brand_name", _Tally())
            t.count += 1
            t.spans.append((h.start, h.end))
            persons.append((h.start, h.end, "first"))
    return tallies, persons


def _structures(post: AnalysedPost, lex: Lexicon, tallies: dict[str, _Tally]) -> None:
    """Templates (Chinese) and token patterns (English) of the features."""
    for i, compiled in lex.templates:
        for h in families.find(post, compiled, 4):
            t = tallies.setdefault(lex.features[i].id, _Tally())
            t.count += 1
            t.spans.append((h.start, h.end))
    covered: dict[str, SpanSet] = {}  # per feature, what its words and patterns found
    if lex.pattern_tokens and post.doc is not None:
        for h in patterns.find(post, lex.pattern_tokens, lex.lists):
            fid = lex.features[lex.pattern_owner[h.index]].id
            t = tallies.setdefault(fid, _Tally())
            found = covered.get(fid)
            if found is None:
                found = covered[fid] = SpanSet(t.spans)
            if found.overlaps(h.start, h.end):
                continue  # the feature's words found it already ("Drop by" and its verb)
            found.add(h.start, h.end)
            t.count += 1
            t.spans.append((h.start, h.end))


def _opens_sentence(post: AnalysedPost, start: int) -> bool:
    """Nothing but spaces, quotes, bullets or emoji before `start` in its sentence."""
    s = post.sentence_at(start)
    return s is not None and not any(c.isalnum() for c in post.text[s.start : start])


def _whole_word(post: AnalysedPost, start: int, end: int) -> bool:
    if not post.text[start].isalpha() or post.text[start].isascii():
        return True
    return post.starts_token(start) and post.ends_token(end)


def observe(post: AnalysedPost, brand_names: Sequence[str] = ()
            ) -> tuple[dict[str, Observation], list[tuple[int, int, str]]]:
    """Every feature the post shows, with its value, and the places it names us or
    addresses the reader."""
    lex = lexicon()
    tallies, persons = _word_hits(post, lex, brand_names)
    _structures(post, lex, tallies)
    formula_ids = {f.id for f in lex.features if f.formula}
    formulas = sorted({span for fid in formula_ids if fid in tallies
                       for span in tallies[fid].spans})
    for start, end, marks in exclamation_runs(post.text):
        if _after_formula(post, formulas, start):
            continue  # "Hi!" and 你好！ greet; they are not excited
        t = tallies.setdefault("exclamation", _Tally())
        t.count += marks
        t.spans.extend([(start, end)] * marks)
    for span in emoji_clusters(post.norm):
        t = tallies.setdefault("emoji", _Tally())
        t.count += 1
        t.spans.append(span)
    for h in rule_tables.hits(post, rule_tables.replies()):  # blaming or stonewalling
        t = tallies.setdefault("defensive", _Tally())
        t.count += 1
        t.spans.append((h.start, h.end))
    seconds = sorted(a for a, _, p in persons if p == "second")
    for s in post.sentences:
        if post.text[s.start : s.end].rstrip()[-1:] not in ("?", "？"):
            continue
        kinds = ["question"]
        i = bisect_left(seconds, s.start)
        if i < len(seconds) and seconds[i] < s.end:  # "you" in the question
            kinds.append("question_to_reader")
        for kind in kinds:
            t = tallies.setdefault(kind, _Tally())
            t.count += 1
            t.spans.append((s.start, s.end))
    clauses = _Clauses(post.text)
    oriented = [(a, b, p) for a, b, p in persons if not _inside_sorted(formulas, a, b)]
    said_of = clauses.persons(oriented)
    _by_clause(post, lex, clauses, oriented, tallies)
    _told_coldly(lex, clauses, oriented, tallies)
    total = units(post.text)
    damp = min(1.0, math.sqrt(lex.reference_units / total)) if total else 1.0
    out = {
        fid: Observation(fid, t.count, math.sqrt(t.count) * damp,
                         tuple(dict.fromkeys(t.spans if t.places is None else t.places)),
                         () if fid in SIGN_LABELS else tuple(dict.fromkeys(
                             post.text[a:b] for a, b in t.spans)))
        for fid, t in tallies.items() if t.count and fid not in formula_ids
    }
    out.update(_orientation(clauses, said_of))
    out.update(_rhythm(post, total))
    language = post.language
    for sign, on in (("lang_en", language == "en"), ("lang_hant", language == "zh-Hant")):
        if on:
            out[sign] = Observation(sign, 1, 1.0, ())
    return out, persons


def _inside_sorted(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of these sorted, non-overlapping spans."""
    i = bisect_left(spans, (start, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _after_formula(post: AnalysedPost, formulas: Sequence[tuple[int, int]], mark: int) -> bool:
    """A mark just after a greeting that opens its sentence ("Hi there!", 您好！)."""
    i = bisect_left(formulas, (mark, 0)) - 1
    if i < 0 or mark - formulas[i][1] > FORMULA_REACH:
        return False
    s = post.sentence_at(formulas[i][0])
    return s is not None and s.end >= mark and not any(
        c.isalnum() for c in post.text[s.start : formulas[i][0]])


class _Clauses:
    """The post cut at clause punctuation: who each clause names, in O(log n) a look-up."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for m in [*_CLAUSE_BREAK.finditer(text), None]:
            end = m.start() if m else len(text)
            if any(c.isalnum() for c in text[pos:end]):
                self.spans.append((pos, end))
            pos = m.end() if m else pos
        self._starts = [a for a, _ in self.spans]

    def at(self, pos: int) -> int:
        i = bisect_left(self._starts, pos + 1) - 1
        return i if i >= 0 and pos < self.spans[i][1] else -1

    def persons(self, persons: Sequence[tuple[int, int, str]]) -> list[int]:
        """Per clause: 1 if it names us, 2 if it addresses the reader, 3 both, 0 neither."""
        said = [0] * len(self.spans)
        for start, _, person in persons:
            k = self.at(start)
            if k >= 0:
                said[k] |= 1 if person == "first" else 2
        return said


def _by_clause(post: AnalysedPost, lex: Lexicon, clauses: _Clauses,
               persons: Sequence[tuple[int, int, str]], tallies: dict[str, _Tally]) -> None:
    """Keep a clause feature's hits only where the clause's subject is its person, and no
    negation comes before it there: a fault said of us is owned (是我们安排得不好), one
    said of the reader is blame (是你自己没看清楚). The subject is the person named last
    before the hit in its clause, else the first after it ("we let you down"). What a
    clause feature says, its clause says: the clause is what a finding highlights."""
    wanted = [f for f in lex.features if f.clause and f.id in tallies]
    if not wanted:
        return
    negated: dict[int, int] = {}  # clause -> where its first negation starts
    for h in find(post, lex.negation):
        k = clauses.at(h.start)
        if k >= 0 and h.start < negated.get(k, sys.maxsize):
            negated[k] = h.start
    named = sorted((a, p) for a, _, p in persons)
    starts = [a for a, _ in named]

    def subject(k: int, at: int) -> str:
        i = bisect_left(starts, at)
        for j in (i - 1, i):
            if 0 <= j < len(named) and clauses.at(named[j][0]) == k:
                return "us" if named[j][1] == "first" else "reader"
        return "neither"

    for f in wanted:
        t = tallies[f.id]
        kept = [(a, b) for a, b in t.spans if (k := clauses.at(a)) >= 0 and (
            f.clause == "any" or (subject(k, a) == f.clause and negated.get(k, sys.maxsize) > a))]
        t.spans, t.count = kept, len(kept)
        t.places = [clauses.spans[clauses.at(a)] for a, _ in kept]


def _told_coldly(lex: Lexicon, clauses: _Clauses, persons: Sequence[tuple[int, int, str]],
                 tallies: dict[str, _Tally]) -> None:
    """The reader addressed in a clause that refuses, blames or deflects (你要退货就自己填):
    that 你 is told, not served, so it counts here and not as addressing the reader."""
    cold = {clauses.at(a) for fid in lex.cold if fid in tallies for a, _ in tallies[fid].spans}
    cold.discard(-1)
    if not cold:
        return
    told = [(a, b) for a, b, p in persons if p == "second" and clauses.at(a) in cold]
    if not told:
        return
    moved = set(told)
    for f in lex.features:
        t = tallies.get(f.id)
        if f.person == "second" and t is not None:
            kept = [sp for sp in t.spans if sp not in moved]
            t.spans, t.count = kept, len(kept)
    tallies["told_coldly"] = _Tally(len(told), [clauses.spans[clauses.at(a)] for a, _ in told])


def _orientation(clauses: _Clauses, said_of: list[int]) -> dict[str, Observation]:
    """The share of clauses that name us and never the reader: a post about us."""
    picked = [clauses.spans[k] for k, said in enumerate(said_of) if said == 1]
    if not picked:
        return {}
    share = len(picked) / len(said_of)
    return {"clauses_we": Observation("clauses_we", 1, share, tuple(picked), amount=share)}


def _rhythm(post: AnalysedPost, total: int) -> dict[str, Observation]:
    """Long sentences read formal, clipped ones casual, and a run of fragments ("Sold
    out. Again.") excited (needs enough text to judge)."""
    sized = [(units(post.text[s.start : s.end]), s) for s in post.sentences]
    sized = [(u, s) for u, s in sized if u]
    if total < 20 or not sized:
        return {}
    average = sum(u for u, _ in sized) / len(sized)
    value = max(-SENTENCE_LIMIT, min(SENTENCE_LIMIT, (average - SENTENCE_MIDPOINT) / SENTENCE_SCALE))
    pick = max(sized, key=lambda x: x[0]) if value > 0 else min(sized, key=lambda x: x[0])
    out = {"sentence_length": Observation("sentence_length", 1, value,
                                          ((pick[1].start, pick[1].end),), amount=average)}
    short = [(s.start, s.end) for u, s in sized if u <= SHORT_SENTENCE]
    if short and len(sized) > 1:
        share = len(short) / len(sized)
        out["short_sentences"] = Observation("short_sentences", 1, share, tuple(short),
                                             amount=share)
    return out


# ---- measuring ------------------------------------------------------------------------


def score(observations: dict[str, Observation], w: Weights
          ) -> dict[str, tuple[float, list[Influence]]]:
    """Raw (unclamped) score and influences per dimension."""
    out: dict[str, tuple[float, list[Influence]]] = {}
    for dim in TONE_DIMENSIONS:
        raw, infl = w.baseline[dim], []
        for fid, o in observations.items():
            points = w.weights.get(fid, {}).get(dim, 0.0) * o.value
            raw += points
            if abs(points) >= 0.5 and fid not in BASELINE_SIGNS:
                infl.append(Influence(fid, points, o.count, o.spans, o.words, o.amount))
        infl.sort(key=lambda i: -abs(i.points))
        out[dim] = (raw, infl)
    return out


_last: tuple[weakref.ref[AnalysedPost], tuple[str, ...], Tone] | None = None


def measure(post: AnalysedPost, brand_names: Sequence[str] = ()) -> Tone:
    """The post's tone. The engine and two checks ask for the same post in a row, so the
    last result is kept (by identity, weakly; threads at worst recompute)."""
    global _last
    names = tuple(brand_names)
    last = _last
    if last is not None and last[0]() is post and last[1] == names:
        return last[2]
    observations, persons = observe(post, names)
    dims = {dim: Dimension(dim, max(0, min(100, round(raw))), tuple(infl))
            for dim, (raw, infl) in score(observations, weights()).items()}
    first = [(a, b) for a, b, p in persons if p == "first"]
    tone = Tone(dims, observations, len(first), len(persons) - len(first), tuple(first))
    _last = (weakref.ref(post), names, tone)
    return tone
