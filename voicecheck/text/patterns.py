"""English token patterns (spaCy's Matcher) over a post's English Doc.

Patterns are data: the packs' and the guide's `patterns`, in spaCy's own syntax, with
`"@name"` standing for a word list. They are compiled once per pipeline and pattern set;
a pattern on POS, tags, dependencies or entities joins only where the Doc carries them
(a trained pipeline sets them; spaCy's blank one does not).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..guide.schema import TRAINED_ONLY
from . import english
from .analysis import AnalysedPost

_lock = threading.Lock()
_CACHE: dict[tuple[int, str | None, frozenset[str]], tuple[object, Any]] = {}
# The annotation spaCy's Matcher asks a Doc to have before it matches each attribute.
_ANNOTATION = {"POS": "POS", "TAG": "TAG", "MORPH": "MORPH", "DEP": "DEP", "ENT_TYPE": "ENT_IOB",
               "ENT_IOB": "ENT_IOB", "ENT_ID": "ENT_IOB", "ENT_KB_ID": "ENT_IOB"}


Tokens = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class PatternHit:
    start: int  # normalized-text offsets
    end: int
    index: int  # which pattern of the list


def _needs(pattern: Tokens) -> frozenset[str]:
    return frozenset(_ANNOTATION[key] for token in pattern for key in token if key in TRAINED_ONLY)


def _annotated(doc: Any) -> frozenset[str]:
    """What the Doc carries of what trained-only patterns ask for: a pipeline that tags
    some words but not others (a rule-based stand-in) leaves a Doc without tags, and
    spaCy refuses to match TAG on it rather than match nothing."""
    return frozenset(a for a in set(_ANNOTATION.values()) if doc.has_annotation(a))


def _resolve(value: Any, lists: Mapping[str, Sequence[str]]) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, lists) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("@"):
        return [w.lower() for w in lists.get(value[1:], ())]
    return value


# Token attributes a pattern can name literally (TEXT is ORTH), as spaCy names them.
_LITERAL = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "LEMMA": "LEMMA"}
_COLUMNS = ("ORTH", "LOWER", "NORM", "LEMMA")
_OPTIONAL = re.compile(r"[?*!]|\{0|\{,")  # an OP under which a token may be absent


def _anchors(pattern: Tokens) -> tuple[tuple[int, frozenset[int]], ...]:
    """(column, string ids) for each token every match of the pattern holds and names
    literally: that token has one of these values in that column of `_COLUMNS`. A Doc
    missing any of them cannot match, and most Docs miss one for most patterns: spaCy's
    Matcher tries every pattern at every token, which made it most of an English check."""
    from spacy.strings import get_string_id

    found = []
    for token in pattern:
        if _OPTIONAL.match(str(token.get("OP", ""))):
            continue
        for key, value in token.items():
            column = _LITERAL.get(key)
            if isinstance(value, dict):
                value = value.get("IN")
            words = [value] if isinstance(value, str) else value if isinstance(value, list) \
                and all(isinstance(v, str) for v in value) else []
            if column and words:
                found.append((_COLUMNS.index(column), frozenset(map(get_string_id, words))))
    return tuple(sorted(found, key=lambda a: len(a[1])))  # the rarest first


@dataclass(frozen=True)
class _Compiled:
    """One Matcher per pattern (results are per pattern anyway: LONGEST is per key), so
    a Doc only meets the patterns its words make possible."""

    matchers: tuple[tuple[Any, tuple[tuple[int, frozenset[int]], ...]], ...]

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        columns = _columns(doc)
        out: list[tuple[int, int, int]] = []
        for matcher, anchors in self.matchers:
            if all(not values.isdisjoint(columns[column]) for column, values in anchors):
                out.extend(matcher(doc))
        return out


def _columns(doc: Any) -> list[set[int]]:
    """The string ids each column of `_COLUMNS` holds in the Doc, read once per Doc (the
    guide's tables, the replies, tone and every term ask about the same one)."""
    found = doc.user_data.get(_COLUMNS)
    if found is None:
        from spacy import attrs

        found = doc.user_data[_COLUMNS] = [
            set(c) for c in doc.to_array([getattr(attrs, c) for c in _COLUMNS]).T.tolist()]
    return found


def _matcher(patterns: Sequence[Tokens], lists: Mapping[str, Sequence[str]],
             model: str | None, annotated: frozenset[str]) -> _Compiled:
    """The matchers of a pattern list, built once per list (kept by identity: a guide's
    lists live as long as the guide), pipeline and kind of Doc: patterns on tags,
    dependencies or entities join only where the Doc has them."""
    key = (id(patterns), model, annotated)
    with _lock:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] is patterns:
            return cached[1]  # type: ignore[return-value]
    pipe = english.pipeline(model)
    from spacy.matcher import Matcher

    matchers = []
    for i, pattern in enumerate(patterns):
        if not _needs(pattern) <= annotated:
            continue
        resolved = [{k: _resolve(v, lists) for k, v in t.items()} for t in pattern]
        matcher = Matcher(pipe.nlp.vocab, validate=True)
        matcher.add(str(i), [resolved], greedy="LONGEST")
        matchers.append((matcher, _anchors(resolved)))
    compiled = _Compiled(tuple(matchers))
    with _lock:
        if len(_CACHE) >= 16:
            _CACHE.clear()
        _CACHE[key] = (patterns, compiled)
    return compiled


# A wildcard at a pattern's edge may take a comma or a conjunction: "Guaranteed to keep you
# dry or" is shown as "Guaranteed to keep you dry".
_EDGE_WORDS = frozenset({"and", "or", "but", "so", "that", "the", "a", "an"})
_EDGE_MARKS = frozenset(",;:-—–()\"'“”‘’")


def _trimmed(doc: Any, match_id: int, start: int, end: int) -> tuple[int, int, int]:
    def loose(token: Any) -> bool:
        return token.is_space or token.text in _EDGE_MARKS

    while end - start > 1 and (loose(doc[end - 1]) or doc[end - 1].lower_ in _EDGE_WORDS):
        end -= 1
    while end - start > 1 and loose(doc[start]):
        start += 1
    return match_id, start, end


def find(post: AnalysedPost, patterns: Sequence[Tokens],
         lists: Mapping[str, Sequence[str]]) -> list[PatternHit]:
    """Hits of `patterns` in the post's English, longest first where they overlap.
    `patterns` must be a long-lived sequence (a guide's): its matcher is kept by identity."""
    doc = post.doc
    if doc is None or not patterns:
        return []
    matcher = _matcher(patterns, lists, post.english_model, _annotated(doc))
    vocab = doc.vocab.strings
    found = sorted(((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), int(vocab[m]))
                    for m, s, e in (_trimmed(doc, *hit) for hit in matcher(doc)) if s < e),
                   key=lambda h: (h[0], -h[1], h[2]))
    out: list[PatternHit] = []
    for start, end, index in found:
        if not out or start >= out[-1].end:
            out.append(PatternHit(start, end, index))
    return out
