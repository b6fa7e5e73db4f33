"""Terminology: words the guide says to avoid, the brand's preferred wording instead."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..findings import Finding
from ..guide.model import Term
from ..messages import sentences
from ..text.entities import ADDRESSES, inside_any, spans
from ..text.matching import Hit, find
from ..text.regional import to_locale_script
from ..text.spans import SpanSet
from .base import Context


def preferred(term: Term, locale: str) -> str | None:
    word = term.preferred_for(locale)
    if word is None and term.prefer:
        word = to_locale_script(next(iter(term.prefer.values())), locale)
    return word


def _in_prose(hits: Iterable[Hit], addresses: SpanSet) -> Iterator[Hit]:
    return (h for h in hits if not inside_any(h.start, h.end, addresses))


def _term_findings(ctx: Context, term: Term, addresses: SpanSet) -> Iterator[Finding]:
    want = preferred(term, ctx.writing_locale)
    exact_ok = set(term.prefer.values())
    for hit in _in_prose(find(ctx.post, term.avoid, term.case_sensitive, term.exceptions), addresses):
        written = ctx.post.text[hit.start : hit.end]
        if written in exact_ok:
            continue
        rule = "terminology.avoid" if want else "terminology.banned"
        message = sentences(ctx.say(rule, want=want, written=written), ctx.pick(term.note))
        yield ctx.finding(rule, "terminology", term.severity, hit.start, hit.end, message,
                          [want] if want else [])


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
