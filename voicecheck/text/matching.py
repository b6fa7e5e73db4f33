"""The one phrase matcher every word-list rule uses (terms, claims, calls to action...).

Matching runs on characters of the canonical (Simplified) text, so 會員 and 会员 are the
same phrase. A hit inside an allowed word (最 in 最近, 第一 in 第一次) is dropped, and
segmentation is consulted only to reject false hits: a Chinese hit that starts inside a
longer word (亲们 in 父亲们).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .analysis import AnalysedPost
from .normalize import fold_case, normalize, to_canonical
from .script import is_han

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Hit:
    start: int  # normalized-text offsets
    end: int
    phrase: str  # the phrase as written in the word list


def _fold(text: str, case_sensitive: bool) -> str:
    """A listed phrase as the post's text is matched: normalized as posts are (ＶＩＰ is
    VIP, a ZWJ emoji sequence loses its joiners, a decomposed é is composed), canonical
    script, lower case unless case matters."""
    text = to_canonical(normalize(text).text)
    return text if case_sensitive else fold_case(text)


_FLAG_RUN = re.compile("[\U0001F1E6-\U0001F1FF]{2,}")  # regional indicators pair into flags


@lru_cache(maxsize=8)
def _inside_flags(text: str) -> frozenset[int]:
    """Offsets between the two letters of a flag: 🇺🇸🇨🇳 is 🇺🇸 + 🇨🇳, and 🇸🇨 (the
    middle two letters) is not in it. Kept for the few texts being matched (their hash
    is cached by str), so each boundary test is one set lookup."""
    return frozenset(k for m in _FLAG_RUN.finditer(text) for k in range(m.start() + 1, m.end(), 2))


_END = ""  # trie key marking "a phrase ends here"; never a character of the text


@dataclass(frozen=True)
class _Phrases:
    """A character trie of folded phrases. One pass over the text finds, at each position,
    the longest phrase that fits (a regex of hundreds of alternatives tries each in turn,
    which made matching most of a check's time)."""

    trie: dict[str, Any]

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping (start, end, phrase as listed)."""
        out: list[tuple[int, int, str]] = []
        n, i, first = len(text), 0, self.trie
        while i < n:
            best = self._longest(text, i) if text[i] in first else None
            if best is None:
                i += 1
                continue
            out.append((i, *best))
            i = best[0]
        return out

    def _longest(self, text: str, i: int) -> tuple[int, str] | None:
        return next(self.ends(text, i), None)

    def ends(self, text: str, i: int) -> Iterator[tuple[int, str]]:
        """(end, phrase as listed) of every phrase starting at i, longest first."""
        if i >= len(text) or (i and _LATIN_EDGE.match(text[i]) and _LATIN_EDGE.match(text[i - 1])):
            return  # past the end, or mid-word: VIP is not in AVIPX
        flags = _inside_flags(text)
        if i in flags:
            return
        node, j, found = self.trie, i, []
        while True:
            if _END in node and _edges_ok(text, j, node[_END][1]) and j not in flags:
                found.append((j, node[_END][0]))
            if j >= len(text):
                break
            ch = text[j]
            if ch.isspace() and " " in node:
                node = node[" "]
                while j < len(text) and text[j].isspace():
                    j += 1
                continue
            node = node.get(ch)
            if node is None:
                break
            j += 1
        yield from reversed(found)


def _edges_ok(text: str, end: int, latin_end: bool) -> bool:
    """A phrase ending in a Latin letter or digit must not run on into a word (VIP/VIPS)."""
    return not (latin_end and end < len(text) and _LATIN_EDGE.match(text[end]))


@lru_cache(maxsize=512)
def _compile(phrases: tuple[str, ...], case_sensitive: bool) -> _Phrases | None:
    trie: dict[str, Any] = {}
    for p in phrases:
        folded = " ".join(_fold(p.strip(), case_sensitive).split())
        if not folded:
            continue
        node = trie
        for ch in folded:
            node = node.setdefault(ch, {})
        node.setdefault(_END, (p, bool(_LATIN_EDGE.match(folded[-1]))))
    return _Phrases(trie) if trie else None


def _haystack(post: AnalysedPost, case_sensitive: bool) -> str:
    return post.norm.canonical if case_sensitive else post.folded


def find(
    post: AnalysedPost,
    phrases: Sequence[str],
    case_sensitive: bool = False,
    exceptions: Iterable[str] = (),
    whole_words: bool = False,
) -> list[Hit]:
    """Hits of `phrases`; `whole_words` also drops Chinese hits that end inside a word
    (网路 in 无线网/路由器), for word swaps where a half-word is never meant."""
    matcher = _compile(tuple(phrases), case_sensitive)
    if matcher is None:
        return []
    hits = [Hit(*found) for found in matcher.scan(_haystack(post, case_sensitive))]
    if not hits:
        return []
    allowed = _allowed_spans(post, tuple(exceptions), case_sensitive)
    return [h for h in hits if not excepted(h.start, h.end, allowed)
            and not starts_mid_word(post, h.start) and not (whole_words and _ends_mid_word(post, h))]


def _allowed_spans(
    post: AnalysedPost, exceptions: tuple[str, ...], case_sensitive: bool
) -> list[tuple[int, int]]:
    matcher = _compile(exceptions, case_sensitive)
    if matcher is None:
        return []
    return [(a, b) for a, b, _ in matcher.scan(_haystack(post, case_sensitive))]


def _near(spans: Sequence[tuple[int, int]], start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of a sorted, non-overlapping list that may overlap [start, end)."""
    i = max(bisect_right(spans, (start, sys.maxsize)) - 1, 0)
    while i < len(spans) and spans[i][0] < end:
        yield spans[i]
        i += 1


def overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in _near(spans, start, end))


def starting_within(spans: Sequence[tuple[int, int]], lo: int, hi: int) -> bool:
    """A span that starts in [lo, hi): a word just before a hit (不能 in 不能代替药物)."""
    return any(lo <= a < hi for a, _ in _near(spans, lo, hi))


def excepted(start: int, end: int, allowed: Sequence[tuple[int, int]]) -> bool:
    """An allowed word that overlaps a hit vetoes it unless the word sits wholly inside a
    longer hit: 最好 is vetoed by 最好提前, 全国第一 by 第一次 (全国第一次举办), but 最后一天！
    keeps its urgency although it contains 最后. `allowed` is a phrase scan's spans:
    sorted and non-overlapping, so only the ones near the hit are looked at."""
    return any(a < end and start < b and not (start <= a and b <= end and (a, b) != (start, end))
               for a, b in _near(allowed, start, end))


def starts_mid_word(post: AnalysedPost, start: int) -> bool:
    """A Chinese hit that starts inside a longer word (亲们 in 父亲们)."""
    text = post.text
    if start == 0 or not (is_han(text[start]) and is_han(text[start - 1])):
        return False
    return not post.starts_token(start)


def _ends_mid_word(post: AnalysedPost, hit: Hit) -> bool:
    text = post.text
    if hit.end == len(text) or not (is_han(text[hit.end - 1]) and is_han(text[hit.end])):
        return False
    return not post.ends_token(hit.end)
