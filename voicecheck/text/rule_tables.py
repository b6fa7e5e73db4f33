"""Families (Chinese) and patterns (English) with their vetoes: what a rule table finds
in a post.

A rule table is a guide's merged `lists`, `families` and `patterns`, or the built-in
reply table (`data/rules/replies.yaml`, always on: a defensive reply is off-voice for
every brand). A hit survives its vetoes:

- it does not overlap one of its exceptions (最好提前, "the only thing");
- it does not overlap a word the guide allows (第一次), unless that word sits inside
  the hit (最后一天！ is urgency although 最后 is allowed);
- no `not_after` word stands just before it in its clause (不能治疗, "does not cure");
- no `unless` word is anywhere in the post outside the hit (a refusal that offers a
  remedy; 无法补发 is no remedy for itself);
- a Chinese hit does not start inside a longer word (segmentation);
- it is not inside a link, an e-mail address or an @handle.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from ..guide.model import Family, Guide, Pattern
from . import families as fam
from . import patterns as pat
from .analysis import AnalysedPost
from .entities import ADDRESSES, inside_any, spans
from .matching import (
    _Phrases,
    excepted,
    overlapping,
    phrase_index,
    starting_within,
    starts_mid_word,
)
from .script import is_han

REPLIES_FILE = "rules/replies.yaml"
_CLAUSE_END = re.compile(r"[，。！？；,.!?;\n]")
# What may stand between two hits of one rule that are one phrase (祛湿排毒, 降血压、顾胃又美白)
_LINK = re.compile(r"[ 、和与及又并且还也跟及兼]{0,2}")
NOT_AFTER_REACH = 8  # characters before a hit that a `not_after` word may sit in

@dataclass(frozen=True, eq=False)
class RuleTable:
    """One rule table, compiled lazily: each template and phrase list once per table."""

    lists: dict[str, list[str]]
    families: tuple[Family, ...]
    patterns: tuple[Pattern, ...]
    allow: tuple[str, ...] = ()
    tokens: tuple[list[dict[str, object]], ...] = field(init=False)
    _compiled: dict[object, object] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", tuple(p.pattern for p in self.patterns))

    def compiled_families(self) -> tuple[tuple[Family, fam.Compiled], ...]:
        """Each family with its compiled template (a template shared by two entries is
        compiled once)."""
        found = self._compiled.get("families")
        if found is None:
            by_match: dict[str, fam.Compiled] = {}
            found = self._compiled["families"] = tuple(
                (entry, by_match.get(entry.match) or by_match.setdefault(
                    entry.match, fam.compile_template(entry.match, self.lists)))
                for entry in self.families)
        return found  # type: ignore[return-value]

    def sieve(self) -> fam.Sieve:
        found = self._compiled.get("sieve")
        if found is None:
            found = self._compiled["sieve"] = fam.Sieve([c for _, c in self.compiled_families()])
        return found  # type: ignore[return-value]

    def phrases(self, templates: tuple[str, ...]) -> _Phrases | None:
        key = ("phrases", templates)
        if key not in self._compiled:
            self._compiled[key] = fam.phrases(templates, self.lists)
        return self._compiled[key]  # type: ignore[return-value]


@dataclass(frozen=True)
class RuleHit:
    entry: Family | Pattern
    start: int  # normalized-text offsets
    end: int
    parts: tuple[tuple[str, int, int], ...] = ()  # (list name, start, end) of a family
    exact: bool = True  # False once merged with another hit: its suggestions no longer fit


_BOOKS: dict[int, tuple[Guide, RuleTable]] = {}


def of_guide(guide: Guide) -> RuleTable:
    """The guide's rule table, built once per guide object."""
    cached = _BOOKS.get(id(guide))
    if cached is not None and cached[0] is guide:
        return cached[1]
    if len(_BOOKS) >= 16:
        _BOOKS.clear()
    table = RuleTable(guide.lists, tuple(guide.families), tuple(guide.patterns),
                    tuple(guide.promotion.allow))
    _BOOKS[id(guide)] = (guide, table)
    return table


@lru_cache(maxsize=1)
def replies() -> RuleTable:
    """The built-in table of defensive and cold replies (every locale)."""
    from ..guide.loader import parse_rule_table

    path = resources.files("voicecheck") / "data" / REPLIES_FILE
    lists, families, patterns = parse_rule_table(path.read_text(encoding="utf-8"),
                                                 f"builtin:{REPLIES_FILE}")
    return RuleTable(lists, tuple(families), tuple(patterns))


class _Vetoes:
    """The vetoes of one post against one table; each phrase list is scanned once (a
    scan per hit made dense posts quadratic)."""

    def __init__(self, post: AnalysedPost, table: RuleTable):
        self.post, self.table = post, table
        self.blocked = spans(post.text, ADDRESSES)
        self._found: dict[tuple[str, ...], list[tuple[int, int]]] = {}

    def present(self, templates: Sequence[str]) -> list[tuple[int, int]]:
        """Spans of the phrases `templates` stand for: sorted, non-overlapping."""
        key = tuple(templates)
        if key not in self._found:
            trie = self.table.phrases(key) if key else None
            self._found[key] = [(a, b) for a, b, _ in trie.scan(self.post.folded)] if trie else []
        return self._found[key]

    def vetoed(self, entry: Family | Pattern, start: int, end: int) -> bool:
        if inside_any(start, start + 1, self.blocked):
            return True
        if entry.unless and any(not (start <= a and b <= end)
                                for a, b in self.present(entry.unless)):
            return True  # a remedy elsewhere in the post; 无法补发's own 补发 is none
        if isinstance(entry, Family) and not self.post.in_chinese_sentence(start) and not any(
                is_han(c) for c in self.post.text[start:end]):
            return True  # a Chinese family's 100% or no.1 in an English sentence: patterns' job
        if overlapping(self.present(entry.exceptions), start, end):
            return True
        if excepted(start, end, self.present(self.table.allow)):
            return True
        if entry.not_after:
            text = self.post.folded
            lo = max(0, start - NOT_AFTER_REACH)
            clause = max((m.end() for m in _CLAUSE_END.finditer(text, lo, start)), default=lo)
            if starting_within(self.present(entry.not_after), clause, start):
                return True
        return starts_mid_word(self.post, start)


_last: tuple[weakref.ref[AnalysedPost], dict[int, tuple[RuleTable, list[RuleHit]]]] | None = None


def hits(post: AnalysedPost, table: RuleTable) -> list[RuleHit]:
    """Every surviving hit of the table, in text order. Three categories and the tone
    measure ask for the same post in a row, so the last post's answers are kept (weakly;
    threads at worst recompute)."""
    global _last
    last = _last
    if last is None or last[0]() is not post:
        last = _last = (weakref.ref(post), {})
    cached = last[1].get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    found = _hits(post, table)
    last[1][id(table)] = (table, found)
    return found


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the mark before it to the mark after it."""
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    nxt = _CLAUSE_END.search(text, end)
    hi = nxt.start() if nxt else len(text)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _hit(post: AnalysedPost, entry: Family | Pattern, start: int, end: int,
         parts: tuple[tuple[str, int, int], ...] = ()) -> RuleHit:
    if entry.whole_clause:
        lo, hi = _clause(post.text, start, end)
        return RuleHit(entry, lo, hi, parts, exact=(lo, hi) == (start, end))
    return RuleHit(entry, start, end, parts)


def _hits(post: AnalysedPost, table: RuleTable) -> list[RuleHit]:
    vetoes = _Vetoes(post, table)
    out: list[RuleHit] = []
    index = phrase_index(post.folded)
    families = table.compiled_families()
    for i in table.sieve().candidates(index):
        entry, compiled = families[i]
        if not fam.possible(post, compiled, index):
            continue
        for h in fam.find(post, compiled, entry.gap, index):
            if not vetoes.vetoed(entry, h.start, h.end):
                out.append(_hit(post, entry, h.start, h.end, h.parts))
    if table.patterns and post.doc is not None:
        for h in pat.find(post, table.tokens, table.lists):
            entry = table.patterns[h.index]
            if not vetoes.vetoed(entry, h.start, h.end):
                out.append(_hit(post, entry, h.start, h.end))
    kept: list[RuleHit] = []
    last: dict[str, int] = {}  # per rule, the index in `kept` of its last hit
    for h in sorted(out, key=lambda h: (h.start, -h.end)):  # one finding per phrase
        i = last.get(h.entry.rule)
        prev = kept[i] if i is not None else None
        if prev is not None and h.end <= prev.end:
            continue  # inside a longer hit of the same rule
        if prev is not None and prev.entry.locales == h.entry.locales and (
                h.start < prev.end or _LINK.fullmatch(post.folded[prev.end : h.start])):
            kept[i] = replace(prev, end=h.end, parts=prev.parts + h.parts, exact=False)
            continue  # overlapping or adjacent (美白淡斑, 祛湿、排毒): one claim, one finding
        last[h.entry.rule] = len(kept)
        kept.append(h)
    return kept
