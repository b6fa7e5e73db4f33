"""Terminology: words the guide says to avoid, the brand's preferred wording instead."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..findings import Finding
from ..guide.model import Term
from ..messages import sentences
from ..text import english, patterns
from ..text.entities import ADDRESSES, inside_any, spans
from ..text.matching import Hit, find
from ..text.regional import to_locale_script
from ..text.spans import SpanSet
from .base import Context

_LATIN = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")


def preferred(term: Term, locale: str) -> str | None:
    word = term.preferred_for(locale)
    if word is None and term.prefer:
        word = to_locale_script(next(iter(term.prefer.values())), locale)
    return word


def _in_prose(hits: Iterable[Hit], addresses: SpanSet) -> Iterator[Hit]:
    return (h for h in hits if not inside_any(h.start, h.end, addresses))


_PATTERNS: dict[tuple[int, tuple[str, ...]], tuple[Term, tuple[list[dict[str, object]], ...]]] = {}


def _inflection_patterns(term: Term, words: tuple[str, ...], model: str | None
                         ) -> tuple[list[dict[str, object]], ...]:
    """A LEMMA pattern per English word the term flags, so `avoid: leverage` also finds
    leveraged, leverages and leveraging; built once per term and list (kept by identity)."""
    cached = _PATTERNS.get((id(term), words))
    if cached is not None and cached[0] is term:
        return cached[1]
    if len(_PATTERNS) >= 512:
        _PATTERNS.clear()
    found = tuple([{"LEMMA": lemma} for lemma in english.lemmas(word, model)]
                  for word in words if _LATIN.fullmatch(word))
    _PATTERNS[(id(term), words)] = (term, found)
    return found


def _hits(ctx: Context, term: Term, words: list[str]) -> list[tuple[Hit, bool]]:
    """Exact hits of the words, then their inflections (flagged True). Exceptions and
    admitted words shelter what they contain."""
    shelters = [*term.exceptions, *term.admitted]
    exact = find(ctx.post, words, term.case_sensitive, shelters)
    if not term.inflect or ctx.post.doc is None:
        return [(h, False) for h in exact]
    taken = SpanSet((h.start, h.end) for h in exact)
    allowed = SpanSet((h.start, h.end) for h in find(ctx.post, shelters)) if shelters \
        else SpanSet()
    forms = [Hit(h.start, h.end, "") for h in
             patterns.find(ctx.post, _inflection_patterns(term, tuple(words),
                                                          ctx.post.english_model), {})
             if not taken.overlaps(h.start, h.end) and not allowed.overlaps(h.start, h.end)]
    return sorted([(h, False) for h in exact] + [(h, True) for h in forms],
                  key=lambda pair: pair[0].start)


def _term_findings(ctx: Context, term: Term, addresses: SpanSet) -> Iterator[Finding]:
    """Avoided words at the term's severity, deprecated ones as warnings, forbidden ones as
    errors; an admitted word is never flagged, nor an avoided word inside one."""
    locale = ctx.writing_locale
    want = preferred(term, locale)
    exact_ok = set(term.prefer.values())
    groups = term.flagged()
    if want and term.preferred_for(locale):
        # 台灣說「門市」，香港說「分店」: another region's word is wrong in this region's post
        # (same language only: a term's English word in a Chinese post is code-mixing)
        others = [w for loc, w in term.prefer.items()
                  if loc.split("-")[0] == locale.split("-")[0] and w != want
                  and to_locale_script(w, locale) != want]
        if others:
            groups = [*groups, (others, term.severity)]
            exact_ok -= set(others)
    rule = "terminology.avoid" if want else "terminology.banned"
    for words, severity in groups:
        for hit, inflected in _hits(ctx, term, words):
            if inside_any(hit.start, hit.end, addresses):
                continue
            written = ctx.post.text[hit.start : hit.end]
            if written in exact_ok:
                continue
            word = english.inflect_like(want, written) if want and inflected else want
            message = sentences(ctx.say(rule, want=want, written=written), ctx.pick(term.note))
            yield ctx.finding(rule, "terminology", severity, hit.start, hit.end, message,
                              [word] if word else [])


def _brand_spelling(ctx: Context, addresses: SpanSet) -> Iterator[Finding]:
    """The brand name in the wrong case or spacing (Clearspring, CLEARSPRING, Clear-Spring)."""
    name = ctx.guide.brand.name
    if not name or not name.isascii():
        return
    loose = "".join(name.split())
    variants = [name, loose, " ".join(_camel_parts(loose)), "-".join(_camel_parts(loose))]
    for hit in _in_prose(find(ctx.post, variants, case_sensitive=False), addresses):
        written = ctx.post.text[hit.start : hit.end]
        if written != name:
            yield ctx.finding("terminology.brand-name", "terminology", "error", hit.start,
                              hit.end, ctx.say("terminology.brand-name", name=name, written=written),
                              [name])


def _camel_parts(word: str) -> list[str]:
    parts: list[str] = []
    for ch in word:
        if ch.isupper() and parts and not parts[-1][-1].isupper():
            parts.append(ch)
        elif parts:
            parts[-1] += ch
        else:
            parts.append(ch)
    return parts


def check(ctx: Context) -> Iterator[Finding]:
    addresses = spans(ctx.post.text, ADDRESSES)
    for term in ctx.guide.terms:
        yield from _term_findings(ctx, term, addresses)
    yield from _brand_spelling(ctx, addresses)
