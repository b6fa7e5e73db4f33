"""Over-promotion: absolute claims, hard sell, shouting (!!!, emoji, CAPS), posts only about us.

Claims and hard-sell phrases are data (the guide's `promotion` section plus its packs,
e.g. builtin:zh-ad-law and builtin:en-hype) matched with the one phrase matcher; the
guide's `promotion.allow` words are never flagged. Density limits come from the guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..data import lexicon as lexicon_data
from ..findings import Finding
from ..guide.model import Claim
from ..text.entities import entities
from ..text.matching import find
from ..text.signs import emoji_clusters, exclamation_runs, with_curly_apostrophes
from ..text.spans import SpanSet
from ..text.tone import lexicon, measure
from . import rule_tables
from .base import Context

# A run of capitalised Latin words ("BUY NOW", "AMAZING DEAL").
_CAPS_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,}(?:[\s-]+[A-Z]{2,})*(?![A-Za-z0-9])")


_TABLES: dict[int, tuple[Sequence[Claim], dict[str, Claim]]] = {}


def _by_phrase(claims: Sequence[Claim]) -> dict[str, Claim]:
    """The phrase table of a guide's claim list, built once per list (a guide's lists live
    as long as the guide; kept by identity, a few guides at a time)."""
    cached = _TABLES.get(id(claims))
    if cached is not None and cached[0] is claims:
        return cached[1]
    if len(_TABLES) >= 16:
        _TABLES.clear()
    table = _phrase_table(claims)
    _TABLES[id(claims)] = (claims, table)
    return table


def _phrase_table(claims: Sequence[Claim]) -> dict[str, Claim]:
    """Each phrase (and its curly-apostrophe spelling) to its claim; later entries add detail."""
    out: dict[str, Claim] = {}
    for c in claims:
        for phrase in with_curly_apostrophes([c.text]):
            old = out.get(phrase)
            if old is not None:
                c = Claim(
                    text=c.text,
                    suggest=c.suggest or old.suggest,
                    severity=c.severity,
                    note=c.note or old.note,
                    basis=c.basis or old.basis,
                    origin=c.origin or old.origin,
                )
            out[phrase] = c
    return out


def _phrase_findings(ctx: Context, claims: Sequence[Claim], rule: str) -> Iterator[Finding]:
    table = _by_phrase(claims)
    for hit in find(ctx.post, list(table), exceptions=ctx.guide.promotion.allow):
        claim = table[hit.phrase]
        written = ctx.post.text[hit.start : hit.end]
        note = ctx.explain(rule, claim.note, claim.basis)
        yield ctx.finding(rule, "promotion", claim.severity, hit.start, hit.end,
                          ctx.say(rule, written=written, note=note), ctx.localize(claim.suggest))


def _claims(ctx: Context) -> Iterator[Finding]:
    yield from _phrase_findings(ctx, ctx.guide.promotion.claims, "promotion.absolute-claim")


def _hard_sell(ctx: Context) -> Iterator[Finding]:
    yield from _phrase_findings(ctx, ctx.guide.promotion.hard_sell, "promotion.hard-sell")


def _exclamations(ctx: Context) -> Iterator[Finding]:
    limit = ctx.guide.promotion.max_exclamations
    if limit is None:
        return
    runs = exclamation_runs(ctx.post.text)
    total = sum(n for _, _, n in runs)
    if total <= limit:
        return
    seen = 0
    for start, end, marks in runs:  # every run holding marks over the limit
        seen += marks
        if seen <= limit:
            continue
        full_width = ctx.post.in_chinese_sentence(start)
        whole_run_over = seen - marks >= limit
        calmer = ("。" if full_width else ".") if whole_run_over or marks == 1 else (
            "！" if full_width else "!")
        yield ctx.finding(
            "promotion.exclamations", "promotion", "warning", start, end,
            ctx.say_n("promotion.exclamations", total, total=total, limit=limit),
            [calmer],
        )


def _emoji(ctx: Context) -> Iterator[Finding]:
    limit = ctx.guide.promotion.max_emoji
    if limit is None:
        return
    clusters = emoji_clusters(ctx.post.norm)
    if len(clusters) <= limit:
        return
    # Highlight from the row of emoji holding the first one over the limit to the last
    # emoji: every emoji past the limit is in it.
    first = limit
    while first > 0 and _adjacent(ctx.post.text, clusters[first - 1], clusters[first]):
        first -= 1
    start, end = clusters[first][0], clusters[-1][1]
    yield ctx.finding(
        "promotion.emoji", "promotion", "warning", start, end,
        ctx.say("promotion.emoji", count=len(clusters), limit=limit),
    )


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return not text[a[1] : b[0]].strip()


def _all_caps(ctx: Context) -> Iterator[Finding]:
    text = ctx.post.text
    skip = {w.lower() for w in [*ctx.guide.brand.names(), *ctx.guide.promotion.allow]}
    for term in ctx.guide.terms:
        skip.update(w.lower() for w in [*term.avoid, *term.prefer.values()])
    blocked = SpanSet((e.start, e.end) for e in entities(text))
    capitals = lexicon_data("capitals")
    shouted = frozenset(capitals["shouted"])
    for m in _CAPS_RUN.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m.group()) if w.lower() not in skip]
        if not words or blocked.overlaps(m.start(), m.end()):
            continue
        long_word = any(len(w) > capitals["acronym_max"] or w.lower() in shouted for w in words)
        # "FREE GIFT" shouts; "LINE ID" or "NYC VIP" are names and acronyms
        real = [w for w in words if len(w) >= 3]
        shouted_phrase = len(real) >= 2 and sum(map(len, real)) >= 7
        if not (long_word or shouted_phrase) or m.group().lower() in skip:
            continue
        calm = m.group().lower()
        if _sentence_start(text, m.start()):
            calm = calm[0].upper() + calm[1:]
        yield ctx.finding(
            "promotion.all-caps", "promotion", "warning", m.start(), m.end(),
            ctx.say("promotion.all-caps", written=m.group()), [calm],
        )


def _sentence_start(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1].isspace() and text[pos - 1] != "\n":
        pos -= 1
    return pos == 0 or text[pos - 1] in ".!?。！？\n"


def _self_promotion(ctx: Context) -> Iterator[Finding]:
    """All about us: the post praises us, never addresses the reader (an @handle at the
    start addresses one) and its customer focus is low."""
    tone = measure(ctx.post, ctx.guide.brand.names())
    lex = lexicon()
    seen = tone.observations
    if tone.second_person or tone.first_person < lex.min_first_person or (
            tone.dimensions["customer_focus"].score > lex.max_customer_focus
            or not (any(f in seen for f in lex.self_promotion_needs)
                    or find(ctx.post, lex.self_promotion_praise))
            or any(f in seen for f in lex.self_promotion_not_with)
            or ctx.post.text.lstrip().startswith("@")):
        return
    words = [ctx.post.text[a:b] for a, b in tone.first_spans]
    yield ctx.whole_post(
        "promotion.self-promotion", "promotion", "warning",
        ctx.say("promotion.self-promotion", count=tone.first_person,
                words=ctx.listing(dict.fromkeys(words))),
    )


def check(ctx: Context) -> Iterator[Finding]:
    yield from _claims(ctx)
    yield from _hard_sell(ctx)
    yield from rule_tables.findings(ctx, "promotion")
    yield from _exclamations(ctx)
    yield from _emoji(ctx)
    yield from _all_caps(ctx)
    yield from _self_promotion(ctx)
