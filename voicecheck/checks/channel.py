"""Channel conventions: length, feed fold, hashtag syntax and count, mentions, links, language.

Every limit comes from the guide's channel profile; a profile that leaves a key out
switches that rule off. Lengths use the channel's own counting (X weighs CJK and emoji
2 and any link 23; other channels count characters).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..text import counting
from ..text.entities import Entity, entities
from ..text.matching import find
from ..text.spans import SpanSet
from .base import Context

CATEGORY = "channel"
# A post is "in" a language when it clearly dominates: bilingual posts stay silent.
_DOMINANCE = 2.0
_HAN_PER_WORD = 1.5  # about 1.5 Chinese characters make one English-word-sized unit


def _length(ctx: Context) -> Iterator[Finding]:
    ch, text = ctx.channel, ctx.post.text
    if ch.max_chars is None:
        return
    cut = counting.cut_index(text.rstrip(), ch.max_chars, ch.counting)
    if cut is None:
        return
    total = counting.post_length(text, ch.counting)
    yield ctx.finding(
        "channel.too-long", CATEGORY, "error", cut, len(text.rstrip()),
        ctx.say("channel.too-long", channel=ctx.channel_label, limit=ch.max_chars, total=total,
                over=total - ch.max_chars,
                how=ctx.say("channel.too-long/twitter") if ch.counting == "twitter" else ""),
    )


def _title(ctx: Context) -> Iterator[Finding]:
    ch, text = ctx.channel, ctx.post.text
    if ch.title_chars is None:
        return
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    title = text[start:end].rstrip()
    if len(title) > ch.title_chars:
        yield ctx.finding(
            "channel.title-too-long", CATEGORY, "warning", start + ch.title_chars,
            start + len(title),
            ctx.say("channel.title-too-long", channel=ctx.channel_label, limit=ch.title_chars,
                    length=len(title)),
        )


def _fold(ctx: Context) -> Iterator[Finding]:
    ch, post = ctx.channel, ctx.post
    fold = ch.fold_chars
    if fold is None or len(post.text.strip()) <= fold:
        return
    lead = len(post.text) - len(post.text.lstrip())
    fold_at = lead + fold
    if post.sentences and post.sentences[0].end > fold_at:
        first = post.sentences[0]
        yield ctx.finding(
            "channel.fold", CATEGORY, "warning", fold_at, first.end,
            ctx.say("channel.fold", channel=ctx.channel_label, fold=fold),
        )
    names = ctx.guide.brand.names()
    if not names:
        return
    # The phrase matcher, not str.casefold: ß folds to ss, so casefold offsets drift from
    # the post's (the finding pointed at the wrong text, or past its end).
    found = entities(post.text)
    links = SpanSet((e.start, e.end) for e in found if e.kind in ("url", "email"))
    positions = [(h.start, h.end) for h in find(post, names)
                 if not links.covers(h.start)]  # northpeak.com is not the brand named
    folded = [n.casefold() for n in names]  # @NorthPeakOutdoor names the brand at the top
    positions += [(e.start, e.end) for e in found
                  if e.kind == "mention" and any(n in e.text.casefold() for n in folded)]
    if positions:
        start, end = min(positions)
        if start >= fold_at:
            yield ctx.finding(
                "channel.brand-after-fold", CATEGORY, "info", start, end,
                ctx.say("channel.brand-after-fold", channel=ctx.channel_label, fold=fold),
            )


def _convert_tag(tag: Entity, style: str) -> str:
    inner = tag.text.strip("#")
    return f"#{inner}#" if style == "#topic#" else "#" + "".join(inner.split())


def _hashtags(ctx: Context, tags: list[Entity]) -> Iterator[Finding]:
    ch = ctx.channel
    if ch.hashtag:
        for tag in tags:
            if tag.style in (ch.hashtag, "xhs"):
                continue
            fixed = _convert_tag(tag, ch.hashtag)
            shape = "closed" if ch.hashtag == "#topic#" else "open"
            yield ctx.finding(
                "channel.hashtag-style", CATEGORY, "warning", tag.start, tag.end,
                ctx.say(f"channel.hashtag-style/{shape}", channel=ctx.channel_label, tag=tag.text),
                [fixed],
            )
    if ch.max_hashtags is not None and len(tags) > ch.max_hashtags:
        extra = tags[ch.max_hashtags:]
        yield ctx.finding(
            "channel.too-many-hashtags", CATEGORY, "warning", extra[0].start, extra[-1].end,
            ctx.say_n("channel.too-many-hashtags", len(tags), count=len(tags), channel=ctx.channel_label,
                    limit=ch.max_hashtags),
        )


def _mentions(ctx: Context, mentions: list[Entity]) -> Iterator[Finding]:
    limit = ctx.channel.max_mentions
    if limit is not None and len(mentions) > limit:
        extra = mentions[limit:]
        yield ctx.finding(
            "channel.too-many-mentions", CATEGORY, "warning", extra[0].start, extra[-1].end,
            ctx.say_n("channel.too-many-mentions", len(mentions), count=len(mentions),
                      channel=ctx.channel_label, limit=limit),
        )


def _links(ctx: Context, urls: list[Entity]) -> Iterator[Finding]:
    if ctx.channel.links:
        return
    instead = "主页链接" if ctx.locale == "zh-Hans" else "主頁連結" if ctx.locale != "en" else ""
    for url in urls:
        yield ctx.finding(
            "channel.link-not-clickable", CATEGORY, "warning", url.start, url.end,
            ctx.say("channel.link-not-clickable", channel=ctx.channel_label),
            [instead or "link in bio"],
        )


def _language(ctx: Context) -> Iterator[Finding]:
    if ctx.channel.name not in ctx.guide.channels:
        return  # no channel chosen: the guide's default language is not a requirement
    want = ctx.locale
    s = ctx.post.scripts
    zh_units, en_units = s.han / _HAN_PER_WORD, s.latin_words
    wrong = (zh_units > _DOMINANCE * en_units and s.han >= 4) if want == "en" else (
        en_units > _DOMINANCE * zh_units and en_units >= 3)
    if wrong:
        yield ctx.whole_post(
            "channel.language", CATEGORY, "warning",
            ctx.say("channel.language/en" if want == "en" else "channel.language/zh",
                    channel=ctx.channel_label, locale=want),
        )


def check(ctx: Context) -> Iterator[Finding]:
    found = entities(ctx.post.text)
    yield from _length(ctx)
    yield from _title(ctx)
    yield from _fold(ctx)
    yield from _hashtags(ctx, [e for e in found if e.kind == "hashtag"])
    yield from _mentions(ctx, [e for e in found if e.kind == "mention"])
    yield from _links(ctx, [e for e in found if e.kind == "url"])
    yield from _language(ctx)
