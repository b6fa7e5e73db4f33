"""What each approved post shows: its channel, language, tone, signs and length."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..readers import Post
from ..text import counting, regional
from ..text.analysis import AnalysedPost, analyse
from ..text.entities import entities
from ..text.signs import emoji_clusters, exclamation_runs
from ..text.tone import measure


@lru_cache(maxsize=1)
def platform_profiles() -> dict[str, object]:
    """The built-in default guide's channel profiles: each platform's own limits."""
    from ..guide import load_guide

    return dict(load_guide(None).channels)


def counting_for(channel: str | None) -> str:
    profile = platform_profiles().get(channel or "")
    return getattr(profile, "counting", "chars")


@dataclass(frozen=True)
class Observed:
    post: Post
    analysed: AnalysedPost
    language: str  # en | zh-Hans | zh-Hant-TW | zh-Hant-HK | zh-Hant
    tone: dict[str, int]
    hashtags: tuple[str, ...]  # styles, one per tag: "#topic#" | "#topic" | "xhs"
    mentions: int
    links: int
    emoji: int
    exclamations: int
    length: int  # counted the channel's way
    title: int  # characters of the first line

    @property
    def source(self) -> str:
        return self.post.source

    @property
    def channel(self) -> str | None:
        return self.post.channel


def observe(post: Post, brand_names: tuple[str, ...], words: tuple[str, ...]) -> Observed:
    analysed = analyse(post.text, words)
    language = analysed.language
    if language == "zh-Hant":
        language = regional.region_of(analysed)
    found = entities(post.text)
    text = post.text.strip()
    return Observed(
        post=post, analysed=analysed, language=language,
        tone=measure(analysed, brand_names).values(),
        hashtags=tuple(e.style for e in found if e.kind == "hashtag"),
        mentions=sum(e.kind == "mention" for e in found),
        links=sum(e.kind == "url" for e in found),
        emoji=len(emoji_clusters(analysed.norm)),
        exclamations=sum(n for _, _, n in exclamation_runs(post.text)),
        length=counting.post_length(post.text, counting_for(post.channel)),
        title=len(text.split("\n", 1)[0].rstrip()),
    )
