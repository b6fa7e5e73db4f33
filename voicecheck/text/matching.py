"""The one phrase matcher every word-list rule uses (terms, claims, calls to action...).

Matching runs on characters of the canonical (Simplified) text, so 會員 and 会员 are the
same phrase. A hit inside an allowed word (最 in 最近, 第一 in 第一次) is dropped, and
segmentation is consulted only to reject false hits: a Chinese hit that starts inside a
longer word (亲们 in 父亲们).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .analysis import AnalysedPost
from .normalize import fold_case, to_canonical
from .script import is_han
from .spans import SpanSet

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Hit:
    start: int  # normalized-text offsets
    end: int
    phrase: str  # the phrase as written in the word list


def _fold(text: str, case_sensitive: bool) -> str:
    """A listed phrase as the post's text is matched: canonical script, lower case unless
    case matters, same length."""
    text = to_canonical(text)
    return text if case_sensitive else fold_case(text)


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
        if i and _LATIN_EDGE.match(text[i]) and _LATIN_EDGE.match(text[i - 1]):
            return None  # mid-word: VIP is not in AVIPX
        node, j, best = self.trie, i, None
        while True:
            if _END in node and _edges_ok(text, j, node[_END][1]):
                best = (j, node[_END][0])
            if j >= len(text):
                return best
            ch = text[j]
            if ch.isspace() and " " in node:
                node = node[" "]
                while j < len(text) and text[j].isspace():
                    j += 1
                continue
            node = node.get(ch)
            if node is None:
                return best
            j += 1


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
    return [h for h in hits if not _inside_allowed(h, allowed) and not _starts_mid_word(post, h)
            and not (whole_words and _ends_mid_word(post, h))]


def _allowed_spans(
    post: AnalysedPost, exceptions: tuple[str, ...], case_sensitive: bool
) -> SpanSet:
    matcher = _compile(exceptions, case_sensitive)
    if matcher is None:
        return SpanSet()
    return SpanSet((a, b) for a, b, _ in matcher.scan(_haystack(post, case_sensitive)))


def _inside_allowed(hit: Hit, allowed: SpanSet) -> bool:
    return allowed.holds(hit.start, hit.end)


def _starts_mid_word(post: AnalysedPost, hit: Hit) -> bool:
    text = post.text
    if hit.start == 0 or not (is_han(text[hit.start]) and is_han(text[hit.start - 1])):
        return False
    starts, _ = post.token_bounds
    return hit.start not in starts


def _ends_mid_word(post: AnalysedPost, hit: Hit) -> bool:
    text = post.text
    if hit.end == len(text) or not (is_han(text[hit.end - 1]) and is_han(text[hit.end])):
        return False
    _, ends = post.token_bounds
    return hit.end not in ends
