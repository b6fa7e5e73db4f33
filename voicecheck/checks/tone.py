"""Tone: dimensions outside the guide's targets, and defensive replies to complaints
(the built-in reply table, voicecheck/data/rules/replies.yaml).

Scores come from voicecheck.text.tone (transparent markers); this check only compares
them with `guide.tone_targets(channel)` and names the words that moved a score most,
so the copywriter knows what to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..guide.model import TONE_DIMENSIONS
from ..messages import sentences
from ..text.tone import SIGN_LABELS, Dimension, Influence, lexicon, measure
from . import rule_tables
from .base import Context

MOVERS_SHOWN = 3
MOVER_WORDS = 3  # words named per feature (特此公告、敬请等)
ANCHOR_SHARE = 4  # a finding is anchored on a mover of at least 1/4 the strongest one's points


def _out_of_range(
    ctx: Context, d: Dimension, lo: int, hi: int, used: set[tuple[int, int]]
) -> Finding:
    low = d.score < lo
    miss = lo - d.score if low else d.score - hi
    severity = "info" if miss <= lexicon().near_miss else "warning"
    movers = [i for i in d.influences if (i.points < 0 if low else i.points > 0)]
    where = "" if ctx.channel.name == "default" else ctx.say("tone.range/where",
                                                               channel=ctx.channel_label)
    verdict = ctx.say("tone.range/below" if low else "tone.range/above",
                      dimension=ctx.say(f"tone.dimension/{d.name}"), score=d.score, lo=lo, hi=hi,
                      where=where)
    if movers:
        why = ctx.say("tone.range/movers",
                      movers=ctx.listing(_describe(ctx, i) for i in movers[:MOVERS_SHOWN]))
    else:
        why = ctx.say("tone.range/nothing-up" if low else "tone.range/nothing-down")
    advice = lexicon().advice.get(d.name, {}).get("low" if low else "high", "")
    start, end = _span(ctx, movers, used)
    used.add((start, end))
    return ctx.finding(f"tone.{d.name}", "tone", severity, start, end,
                       sentences(verdict, why, ctx.pick(advice)))


def _describe(ctx: Context, i: Influence) -> str:
    """'啦 ×2 (-8)': what moved the score, by how much."""
    label = ctx.say(SIGN_LABELS[i.feature], amount=i.amount) if i.sign else ctx.listing(
        i.words, MOVER_WORDS)
    return ctx.say("tone.mover/repeated" if i.count > 1 else "tone.mover", label=label,
                   count=i.count, points=i.points)


def _span(ctx: Context, movers: list[Influence], used: set[tuple[int, int]]) -> tuple[int, int]:
    """The most influential word not already highlighted by another tone finding. Words
    come before signs: a run of '!!!' already carries the exclamation and punctuation
    findings, so a third mark on it would only say the same thing again."""
    sentences_ = {(s.start, s.end) for s in ctx.post.sentences}
    whole = (0, len(ctx.post.text))
    words = [u for u in used if u != whole and u not in sentences_]  # a fallback blocks no word
    # a word that barely moved the score is not what to rewrite: the post or its sentence is
    strong = [i for i in movers if abs(i.points) * ANCHOR_SHARE >= abs(movers[0].points)]
    for influence in sorted(strong, key=lambda i: i.sign):
        for span in influence.spans:
            if not any(a < span[1] and span[0] < b for a, b in words):
                return span
    if whole not in used or not ctx.post.sentences:
        return whole
    for s in ctx.post.sentences:
        if (s.start, s.end) not in used:
            return (s.start, s.end)
    return whole


def check(ctx: Context) -> Iterator[Finding]:
    tone = measure(ctx.post, ctx.guide.brand.names())
    yield from rule_tables.findings(ctx, "tone")
    used = {(h.start, h.end) for h in rule_tables.hits(ctx, "tone")}
    targets = ctx.guide.tone_targets(ctx.channel)
    for name in TONE_DIMENSIONS:
        if name not in targets:
            continue
        lo, hi = targets[name]
        d = tone.dimensions[name]
        if not lo <= d.score <= hi:
            yield _out_of_range(ctx, d, lo, hi, used)
