"""The one phrase matcher every word-list rule uses (terms, claims, calls to action...).

Matching runs on characters of the canonical (Simplified) text, so 會員 and 会员 are the
same phrase. A hit inside an allowed word (最 in 最近, 第一 in 第一次) is dropped, and
segmentation is consulted only to reject false hits: a Chinese hit that starts inside a
longer word (亲们 in 父亲们).
"""

from __future__ import annotations

import re
import sys
import threading
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import pipelines
from .analysis import AnalysedPost
from .normalize import fold_case, normalize, to_canonical
from .script import is_han


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
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
INDEXED_CHARS = 20_000  # longer texts are walked list by list: an index would hold every hit


@dataclass(frozen=True, eq=False)
class _Phrases:
    """A character trie of folded phrases, and its number in the union of every list
    compiled so far (see `_Union`). One pass over the text finds, at each position, the
    longest phrase that fits (a regex of hundreds of alternatives tries each in turn,
    which made matching most of a check's time)."""

    trie: dict[str, Any]
    key: int
    case_sensitive: bool

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping (start, end, phrase as listed)."""
        return phrase_index(text, self.case_sensitive).scan(self)

    def ends(self, text: str, i: int) -> list[tuple[int, str]]:
        """(end, phrase as listed) of every phrase starting at i, longest first."""
        return phrase_index(text, self.case_sensitive).ends(self, i)

    def walk(self, text: str, i: int) -> list[tuple[int, str]]:
        """`ends`, by walking this list's own trie."""
        n = len(text)
        if i >= n or (i and text[i] in _LATIN and text[i - 1] in _LATIN):
            return []  # past the end, or mid-word: VIP is not in AVIPX
        flags = _inside_flags(text)
        if i in flags:
            return []
        found = _phrase_ends(self.trie, text, i, flags)
        found.reverse()
        return found


def _phrase_ends(node: dict[str, Any], text: str, j: int, flags: frozenset[int]
                 ) -> list[tuple[int, Any]]:
    """(end, what the trie keeps there) of every phrase under `node` that the text spells
    from j on, shortest first; a space in a phrase stands for any run of spaces."""
    n, found = len(text), []
    while True:
        entry = node.get(_END)  # (ends in a Latin letter or digit, what it stands for)
        if entry is not None and not (entry[0] and j < n and text[j] in _LATIN) \
                and j not in flags:  # VIP is not in VIPS
            found.append((j, entry[1]))
        if j >= n:
            return found
        ch = text[j]
        if ch.isspace() and " " in node:
            node = node[" "]
            while j < n and text[j].isspace():
                j += 1
            continue
        node = node.get(ch)
        if node is None:
            return found
        j += 1


class _Union:
    """Every phrase list compiled so far (of one case mode) merged into one trie, so one
    walk over a post finds the phrases of all of them: the tone lexicon, claims, terms,
    regional words and every slot of every family. Each end holds the lists the phrase
    belongs to (by key) and how each lists it. Lists that are gone leave their phrases
    behind until they outnumber the live ones; then the trie is rebuilt."""

    def __init__(self, case_sensitive: bool) -> None:
        self.case_sensitive = case_sensitive
        self.root: dict[str, Any] = {}
        self.version = 0  # lists with a smaller key are in `root`
        self._live: weakref.WeakValueDictionary[int, _Phrases] = weakref.WeakValueDictionary()
        self._size = self._dead = 0
        self._lock = threading.Lock()

    def add(self, trie: dict[str, Any]) -> _Phrases:
        with self._lock:
            if self._dead > max(self._size - self._dead, 10_000):
                root: dict[str, Any] = {}
                self._size = sum(self._insert(root, p) for p in list(self._live.values()))
                self.root, self._dead = root, 0
            phrases = _Phrases(trie, self.version, self.case_sensitive)
            size = self._insert(self.root, phrases)
            self._live[phrases.key] = phrases
            self._size += size
            weakref.finalize(phrases, self._gone, size)
            self.version += 1
        return phrases

    def _gone(self, size: int) -> None:
        self._dead += size  # (never locks: a list may be collected while `add` holds it)

    @staticmethod
    def _insert(root: dict[str, Any], phrases: _Phrases) -> int:
        count = 0
        stack: list[tuple[dict[str, Any], dict[str, Any]]] = [(phrases.trie, root)]
        while stack:
            own, merged = stack.pop()
            for ch, child in own.items():
                if ch == _END:
                    merged.setdefault(_END, (child[0], {}))[1][phrases.key] = child[1]
                    count += 1
                else:
                    stack.append((child, merged.setdefault(ch, {})))
        return count

    def index(self, text: str) -> _Index:
        """Every phrase of every list at every position of `text`, with the tests each
        list's own walk applies (whole Latin words, flags kept whole)."""
        version, root = self.version, self.root
        n, flags = len(text), _inside_flags(text)
        at: dict[int, list[tuple[int, dict[int, str]]]] = {}
        starts: dict[int, list[int]] = {}
        for i in range(n):
            node = root.get(text[i])
            if node is None or (i and text[i] in _LATIN and text[i - 1] in _LATIN) or i in flags:
                continue
            found = _phrase_ends(node, text, i + 1, flags)
            for _, owners in found:
                for key in owners:
                    where = starts.get(key)
                    if where is None:
                        starts[key] = [i]
                    elif where[-1] != i:
                        where.append(i)
            if found:
                at[i] = found
        return _Index(text, version, at, starts)


class _Index:
    """What `_Union.index` found in one text, asked list by list."""

    __slots__ = ("_at", "_starts", "text", "version")

    def __init__(self, text: str, version: int, at: dict[int, list[tuple[int, dict[int, str]]]],
                 starts: dict[int, list[int]]) -> None:
        self.text, self.version, self._at, self._starts = text, version, at, starts

    def present(self) -> Set[int]:
        """The keys of the lists with a phrase in the text (lists compiled after the
        index was made, key >= version, are not known)."""
        return self._starts.keys()

    def has_all(self, keys: frozenset[int] | None) -> bool:
        """Whether each list (by key; None: a list that is empty) has a phrase in the text."""
        if keys is None:
            return False
        if max(keys, default=-1) < self.version:
            return self._starts.keys() >= keys
        return all(k >= self.version or k in self._starts for k in keys)

    def ends(self, phrases: _Phrases, i: int) -> list[tuple[int, str]]:
        key = phrases.key
        if key >= self.version:  # compiled after this index was made
            return phrases.walk(self.text, i)
        found = self._at.get(i)
        if not found:
            return []
        return [(end, owners[key]) for end, owners in reversed(found) if key in owners]

    def scan(self, phrases: _Phrases) -> list[tuple[int, int, str]]:
        key = phrases.key
        if key >= self.version:
            return _walk_scan(phrases, self.text)
        out: list[tuple[int, int, str]] = []
        pos = 0
        for start in self._starts.get(key, ()):
            if start < pos:
                continue
            for end, owners in reversed(self._at[start]):
                if key in owners:
                    out.append((start, end, owners[key]))
                    pos = end
                    break
        return out


class _Walker:
    """The `_Index` answers for a long text, by walking each list's own trie."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def present(self) -> None:
        return None  # every list may be

    def has_all(self, keys: frozenset[int] | None) -> bool:
        return keys is not None

    def ends(self, phrases: _Phrases, i: int) -> list[tuple[int, str]]:
        return phrases.walk(self.text, i)

    def scan(self, phrases: _Phrases) -> list[tuple[int, int, str]]:
        return _walk_scan(phrases, self.text)


def _walk_scan(phrases: _Phrases, text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    n, i, first = len(text), 0, phrases.trie
    while i < n:
        best = phrases.walk(text, i) if text[i] in first else None
        if not best:
            i += 1
            continue
        out.append((i, *best[0]))
        i = best[0][0]
    return out


_UNIONS = {False: _Union(False), True: _Union(True)}
_INDEXES: dict[tuple[bool, str], _Index] = {}


def phrase_index(text: str, case_sensitive: bool = False) -> _Index | _Walker:
    """The phrases of every compiled list in `text` (a post's folded or canonical text),
    found in one walk and kept for the few texts being checked."""
    if len(text) > INDEXED_CHARS:
        return _Walker(text)
    union = _UNIONS[case_sensitive]
    key = (case_sensitive, text)
    found = _INDEXES.get(key)
    if found is None or found.version != union.version:
        found = union.index(text)
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        _INDEXES[key] = found
    return found


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
        node.setdefault(_END, (folded[-1] in _LATIN, p))
    return _UNIONS[case_sensitive].add(trie) if trie else None


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


# Adverbs and modals jieba glues to the verb after them (能喝, 就好, 都淡了): a hit that
# starts on that verb starts a word of its own.
_GLUED = frozenset("能会會也就都可要再还還更常每又才便亦仍")


def starts_mid_word(post: AnalysedPost, start: int) -> bool:
    """A Chinese hit that starts inside a longer word (亲们 in 父亲们)."""
    text = post.text
    if start == 0 or not (is_han(text[start]) and is_han(text[start - 1])):
        return False
    if post.starts_token(start) or (post.starts_token(start - 1) and text[start - 1] in _GLUED):
        return False
    return _in_dictionary_word(post, start)


def _ends_mid_word(post: AnalysedPost, hit: Hit) -> bool:
    text = post.text
    if hit.end == len(text) or not (is_han(text[hit.end - 1]) and is_han(text[hit.end])):
        return False
    return not post.ends_token(hit.end) and _in_dictionary_word(post, hit.end - 1)


def _in_dictionary_word(post: AnalysedPost, pos: int) -> bool:
    """Whether the word around `pos` can veto a hit: one jieba's HMM glued together at the
    start of a Chinese run, where it has no context (天包 in 30 天包瘦, 率冠绝 in 5** 率冠绝全港),
    is a guess, and so is a rule list's phrase jieba never knew (也能喝 in 也能喝出少女肌);
    one jieba knows, or one its HMM made inside a run (欧包 in 全麦欧包), is a word."""
    start, end = post.word_at(pos)
    word = post.norm.canonical[start:end]
    if start > 0 and is_han(post.text[start - 1]) and not pipelines.taught_only(word):
        return True
    return pipelines.knows(word)
