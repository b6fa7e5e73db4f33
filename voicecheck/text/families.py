"""Chinese phrase families, matched on characters: a sequence of slots, each a word list.

A family such as "{scope?}最{evaluative}" or "{cure}…{condition}" stands for thousands of
phrases (全城最香, 史上最好喝, 有效降低餐后血糖); listing them would only ever catch the ones
someone thought of. Each slot is a trie (the phrase matcher's), so matching is one walk
per candidate position: the longest phrase that completes the sequence wins, and the
next search starts after it. Matching runs on the canonical (Simplified, lower-case)
text, so Traditional posts match the same families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..guide.templates import Slot, expand, parse
from .analysis import AnalysedPost
from .matching import _compile, _Index, _Phrases, _Walker, phrase_index
from .script import HAN

# A gap may hold words and spaces, never the end of a clause: 降血糖 does not reach
# across "，还能" to a condition in the next clause.
_GAP_STOP = re.compile(r"[，。！？；：,.!?;:\n、（）()「」『』“”\"#@]")
_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十百千万几半]+")
_SPACES = re.compile(r"[ \t\u3000]+")
NUMBER_SLOT = "#"  # the trie key a `{#}` slot compiles to


@dataclass(frozen=True)
class Compiled:
    slots: tuple[tuple[_Phrases | None, bool, bool, str], ...]  # trie, optional, gap, list
    follow: _Phrases | None  # what must come right after (a `{>…}` slot), not part of it
    first: re.Pattern[str] | None  # the characters a hit can start with
    needs_han: bool = False  # every hit holds a Han character: an English post has none
    required: tuple[_Phrases | None, ...] = ()  # lists a hit always holds a phrase of
    # Their keys in the phrase union (None: one of them is empty, so nothing can hit).
    required_keys: frozenset[int] | None = frozenset()


@dataclass(frozen=True)
class FamilyHit:
    start: int  # normalized-text offsets
    end: int
    parts: tuple[tuple[str, int, int], ...]  # (list name, start, end) of each list slot


def _words(slot: Slot, lists: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    return tuple(lists.get(slot.list_name, ())) if slot.list_name else slot.words


def compile_template(template: str, lists: Mapping[str, Sequence[str]]) -> Compiled:
    """The slot tries of a family template (callers keep the result: compiling walks
    every word of its lists)."""
    parsed = parse(template)
    follow = _compile(_words(parsed[-1], lists), False) if parsed[-1].lookahead else None
    if follow is not None:
        parsed = parsed[:-1]
    slots = tuple((None if s.number else _compile(_words(s, lists), False), s.optional,
                   s.gap_before, NUMBER_SLOT if s.number else s.list_name or s.label)
                  for s in parsed)
    first: set[str] = set()
    for slot, (trie, optional, _, _) in zip(parsed, slots, strict=True):
        if slot.number:
            first.update("0123456789零一二两三四五六七八九十百千万几半")
        elif trie is not None:
            first.update(k for k in trie.trie if k)
        if not optional:
            break
    chars = "".join(sorted(first))
    needs_han = any(not s.optional and not s.number and _all_han(_words(s, lists))
                    for s in parsed) or (follow is not None and _all_han(_words(parse(template)[-1],
                                                                              lists)))
    required = tuple(trie for trie, optional, _, name in slots
                     if not optional and name != NUMBER_SLOT) + ((follow,) if follow else ())
    keys = None if None in required else frozenset(p.key for p in required if p is not None)
    return Compiled(slots, follow, re.compile(f"[{re.escape(chars)}]") if chars else None,
                    needs_han, required, keys)


def _all_han(words: Sequence[str]) -> bool:
    return bool(words) and all(HAN.search(w) for w in words)


def phrases(templates: Sequence[str], lists: Mapping[str, Sequence[str]]) -> _Phrases | None:
    """One trie of every phrase a list of gap-free templates stands for."""
    table = {k: list(v) for k, v in lists.items()}
    return _compile(tuple(p for t in templates for p in expand(parse(t), table)), False)


def possible(post: AnalysedPost, compiled: Compiled, index: _Index | _Walker) -> bool:
    """Whether the family can hit the post at all: every list it needs has a phrase in
    it (most families, in most posts, are ruled out here). `index`: the post's folded
    text's phrase index."""
    if compiled.first is None or (compiled.needs_han and not post.scripts.han):
        return False
    return index.has_all(compiled.required_keys)


class Sieve:
    """Which of many families a post's phrase index may leave possible, without asking
    each: every family is filed under one list it needs, and only the families filed
    under lists the post holds are candidates (a superset of the possible ones)."""

    def __init__(self, families: Sequence[Compiled]):
        self._always: list[int] = []  # families that need no list
        self._by_key: dict[int, list[int]] = {}
        for i, c in enumerate(families):
            if c.required_keys is None or c.first is None:
                continue  # an empty list it needs: never possible
            if c.required_keys:
                self._by_key.setdefault(max(c.required_keys), []).append(i)
            else:
                self._always.append(i)
        self._newest = max(self._by_key, default=-1)

    def candidates(self, index: _Index | _Walker) -> list[int]:
        """The families' positions, in order."""
        present = index.present()
        found = set(self._always)
        keys = self._by_key.keys() if present is None else self._by_key.keys() & present
        for key in keys:
            found.update(self._by_key[key])
        if present is not None and self._newest >= index.version:  # lists the index lacks
            for key, where in self._by_key.items():
                if key >= index.version:
                    found.update(where)
        return sorted(found)


def find(post: AnalysedPost, compiled: Compiled, gap: int,
         index: _Index | _Walker | None = None) -> list[FamilyHit]:
    """Leftmost-longest, non-overlapping hits of a family."""
    text = post.folded
    index = index or phrase_index(text)
    out: list[FamilyHit] = []
    if not possible(post, compiled, index) or compiled.first is None:
        return out
    i = 0
    while (m := compiled.first.search(text, i)) is not None:
        i = m.start()
        best = _match(index, compiled.slots, 0, i, gap, compiled.follow)
        if best is not None and best[0] > i:
            out.append(FamilyHit(i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    return out


def _match(index: _Index | _Walker, slots: tuple[tuple[_Phrases | None, bool, bool, str], ...],
           k: int, pos: int, gap: int, follow: _Phrases | None, gapped_in: bool = False
           ) -> tuple[int, tuple[tuple[str, int, int], ...]] | None:
    """The longest way slots[k:] match from `pos` (end, list parts), or None. A gap
    before an optional slot that is absent passes on to the next one (全…{的?}最)."""
    text = index.text
    if k == len(slots):
        if follow is not None and not index.ends(follow, pos):
            return None
        return pos, ()
    trie, optional, gapped, name = slots[k]
    gapped = (gapped or gapped_in) and k > 0
    for at in _starts(text, pos, gap if gapped else 0, k > 0):
        for end in _ends(index, at, trie, name):
            rest = _match(index, slots, k + 1, end, gap, follow)
            if rest is not None:
                part = ((name, at, end),) if name and name != NUMBER_SLOT else ()
                return rest[0], part + rest[1]
    if optional:
        return _match(index, slots, k + 1, pos, gap, follow, gapped)
    return None


def _ends(index: _Index | _Walker, at: int, trie: _Phrases | None, name: str) -> Iterator[int]:
    if name == NUMBER_SLOT:
        m = _NUMBER.match(index.text, at)
        if m:
            yield m.end()
    elif trie is not None:
        for end, _ in index.ends(trie, at):
            yield end


def _starts(text: str, pos: int, gap: int, skip_spaces: bool) -> Iterator[int]:
    """Where the next slot may start: right here (or after spaces: 只剩 5 台), or up to
    `gap` characters on, never past the end of a clause."""
    yield pos
    spaces = _SPACES.match(text, pos) if skip_spaces else None
    if spaces:
        yield spaces.end()
    for at in range(pos + 1, min(len(text), pos + gap + 1)):
        if _GAP_STOP.match(text, at - 1):
            return
        yield at
