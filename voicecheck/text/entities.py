"""Things in a post that are not prose: links, emails, hashtags, @mentions.

Channel, formatting and compliance checks all need the same idea of where a URL or a
hashtag is (a URL is never re-spaced, an email is never a "personal WeChat ID"), so the
patterns live here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .spans import SpanSet

# URLs are ASCII: CJK right after a link is common in Weibo posts and is not part of it.
_TLD = r"(?:com|cn|net|org|io|co|tw|hk|me|ly|app|shop|store|info|biz|tv|gl|gd|cc|xyz|ai)"
URL = re.compile(
    r"(?:https?://|www\.)[!-~]+"
    rf"|(?<![A-Za-z0-9@.-])(?:[A-Za-z0-9-]+\.)+{_TLD}(?:\.(?:cn|tw|hk))?(?:/[!-~]*)?"
    r"(?![A-Za-z0-9@-])",
    re.IGNORECASE,
)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
# Look-behinds are ASCII: Chinese text runs straight into tags, mentions and emails.
# Weibo topics: `#话题#` (no line break or '#' inside, no padding spaces).
PAIRED_TAG = re.compile(r"(?<![A-Za-z0-9_&])#(?=[^\s#])([^#\n]{1,60}?)(?<=[^\s#])#")
# Xiaohongshu exports its own topics as `#话题[话题]#`: native there, never re-written.
XHS_TAG = re.compile(r"#[^#\s]{1,40}\[话题\]#")
# X / Instagram / Xiaohongshu: `#topic`, a word that is not only digits (#1 is not a tag).
SINGLE_TAG = re.compile(r"(?<![A-Za-z0-9_&#/])#(?!\d+\b)(\w+)")
MENTION = re.compile(r"(?<![A-Za-z0-9_.@])@([\w\u4e00-\u9fff-]{1,30}(?:\.[\w-]{1,30})*)")


@dataclass(frozen=True)
class Entity:
    kind: str  # url | email | hashtag | mention
    start: int
    end: int
    text: str
    style: str = ""  # hashtags: "#topic#" | "#topic" | "xhs"


def hashtags(text: str) -> list[Entity]:
    """All hashtags in order; a `#a#` pair wins over reading it as `#a`."""
    taken = SpanSet((m.start(), m.end()) for m in URL.finditer(text))  # links, then tags
    out: list[Entity] = []
    for pattern, style in ((XHS_TAG, "xhs"), (PAIRED_TAG, "#topic#"), (SINGLE_TAG, "#topic")):
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            if style == "#topic#" and _looks_like_two_single_tags(m.group(1)):
                continue
            taken.add(m.start(), m.end())
            out.append(Entity("hashtag", m.start(), m.end(), m.group(), style))
    return sorted(out, key=lambda e: e.start)


def _looks_like_two_single_tags(inner: str) -> bool:
    """`#tea #coffee` is two X tags, not one Weibo topic 'tea #coffee'."""
    return bool(re.search(r"\s", inner)) and inner.isascii() and len(inner.split()) > 3


def entities(text: str) -> list[Entity]:
    """URLs, emails, hashtags and mentions, non-overlapping, in text order."""
    return list(_entities(text))


@lru_cache(maxsize=8)
def _entities(text: str) -> tuple[Entity, ...]:
    """Kept for the few texts being checked: five checks ask about the same post."""
    out: list[Entity] = [Entity("email", m.start(), m.end(), m.group())
                         for m in EMAIL.finditer(text)]
    taken = SpanSet((e.start, e.end) for e in out)
    for m in URL.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)":
                end -= 1
            out.append(Entity("url", m.start(), end, text[m.start():end]))
            taken.add(m.start(), end)
    for tag in hashtags(text):
        if not taken.overlaps(tag.start, tag.end):
            out.append(tag)
            taken.add(tag.start, tag.end)
    for m in MENTION.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            out.append(Entity("mention", m.start(), m.end(), m.group()))
    return tuple(sorted(out, key=lambda e: e.start))


ENTITY_KINDS = frozenset({"url", "email", "hashtag", "mention"})
# Addresses cannot be re-worded: a term or a brand name inside northpeak.com,
# hi@northpeak.com or @northpeak is not prose.
ADDRESSES = frozenset({"url", "email", "mention"})


def spans(text: str, kinds: Iterable[str]) -> SpanSet:
    wanted = set(kinds)
    return SpanSet((e.start, e.end) for e in _entities(text) if e.kind in wanted)


def inside_any(start: int, end: int, taken: SpanSet) -> bool:
    return taken.overlaps(start, end)
