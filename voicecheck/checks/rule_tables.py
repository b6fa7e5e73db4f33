"""Findings of the rule tables: the guide's families (Chinese) and patterns (English),
and the built-in reply table. Each hit is raised by the category its rule belongs to
(promotion, compliance or tone), with the legal basis for the post's region."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..text import rule_tables
from ..text.normalize import to_canonical
from .base import Context

_PART = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")


def hits(ctx: Context, category: str) -> Iterator[rule_tables.RuleHit]:
    locale = ctx.writing_locale
    for table in (rule_tables.of_guide(ctx.guide), rule_tables.replies()):
        for h in rule_tables.hits(ctx.post, table):
            if h.entry.category == category and h.entry.applies_to(locale):
                yield h


def findings(ctx: Context, category: str) -> Iterator[Finding]:
    for h in hits(ctx, category):
        entry = h.entry
        written = ctx.post.text[h.start : h.end]
        note = ctx.explain(entry.rule, entry.note, entry.basis)
        offered = [_fill(ctx, s, h) for s in ctx.localize(entry.suggest)] if h.exact else []
        yield ctx.finding(entry.rule, category, entry.level, h.start, h.end,
                          ctx.say(entry.rule, written=written, note=note),
                          [s for s in offered if not _claims_in(ctx, s)])


def _claims_in(ctx: Context, suggestion: str) -> bool:
    """A filled suggestion that is itself a listed claim (很顶级的 for 最顶级的) is none."""
    folded = to_canonical(suggestion).lower()
    return any(to_canonical(c.text).lower() in folded for c in ctx.guide.promotion.claims)


def _fill(ctx: Context, suggestion: str, hit: rule_tables.RuleHit) -> str:
    """`{name}` in a suggestion is what the hit's `name` slot matched, as written."""
    parts = {name: ctx.post.text[s:e] for name, s, e in reversed(hit.parts)}
    return _PART.sub(lambda m: parts.get(m.group(1), ""), suggestion)
