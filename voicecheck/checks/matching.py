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

from ..text.analysis import AnalysedPost
from ..text.normalize import to_canonical
from ..text.script import is_han

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Hit:
    start: int  # normalized-text offsets
    end: int
    phrase: str  # the phrase as written in the word list


def _fold(text: str, case_sensitive: bool) -> str:
    """Canonical script, and lower case when asked, without changing the length."""
    text = to_canonical(text)
    if case_sensitive:
        return text
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _pattern(folded: str) -> str:
    body = r"\s+".join(re.escape(part) for part in folded.split())
    if _LATIN_EDGE.match(folded[0]):
        body = r"(?<![A-Za-z0-9])" + body
    if _LATIN_EDGE.match(folded[-1]):
        body += r"(?![A-Za-z0-9])"
    return body


@lru_cache(maxsize=512)
def _compile(phrases: tuple[str, ...], case_sensitive: bool):
    folded: dict[str, str] = {}
    for p in phrases:
        if p.strip():
            folded.setdefault(_fold(p.strip(), case_sensitive), p)
    if not folded:
        return None, {}
    ordered = sorted(folded, key=len, reverse=True)
    regex = re.compile("|".join(f"({_pattern(f)})" for f in ordered))
    return regex, {i + 1: folded[f] for i, f in enumerate(ordered)}


def _haystack(post: AnalysedPost, case_sensitive: bool) -> str:
    return post.norm.canonical if case_sensitive else _fold(post.norm.canonical, False)


def find(
    post: AnalysedPost,
    phrases: Sequence[str],
    case_sensitive: bool = False,
    exceptions: Iterable[str] = (),
    whole_words: bool = False,
) -> list[Hit]:
    """Hits of `phrases`; `whole_words` also drops Chinese hits that end inside a word
    (网路 in 无线网/路由器), for word swaps where a half-word is never meant."""
    regex, groups = _compile(tuple(phrases), case_sensitive)
    if regex is None:
        return []
    text = _haystack(post, case_sensitive)
    hits = [Hit(m.start(), m.end(), groups[m.lastindex]) for m in regex.finditer(text)]
    if not hits:
        return []
    allowed = _allowed_spans(post, tuple(exceptions), case_sensitive)
    return [h for h in hits if not _inside_allowed(h, allowed) and not _starts_mid_word(post, h)
            and not (whole_words and _ends_mid_word(post, h))]


def _allowed_spans(
    post: AnalysedPost, exceptions: tuple[str, ...], case_sensitive: bool
) -> list[tuple[int, int]]:
    regex, _ = _compile(exceptions, case_sensitive)
    if regex is None:
        return []
    return [(m.start(), m.end()) for m in regex.finditer(_haystack(post, case_sensitive))]


def _inside_allowed(hit: Hit, allowed: list[tuple[int, int]]) -> bool:
    return any(a <= hit.start and hit.end <= b for a, b in allowed)


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
