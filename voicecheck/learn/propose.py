"""Proposals from what the approved posts show (see observe.py and words.py)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..guide.model import TONE_DIMENSIONS
from ..messages import channel_name
from .observe import Observed, platform_profiles
from .proposals import Proposal
from .words import Phrase

BAND = (10, 90)  # the central percentile band a tone range starts from
WIDEN = 20.0  # points added to each end for one post, shrinking with 1/sqrt(posts)
MIN_WIDTH = 20  # no range is narrower than this many points
STYLE_AGREEMENT = 0.8  # share of a channel's tags that must agree for a hashtag style
LANGUAGE_AGREEMENT = 0.6  # share of a channel's posts in one language to name it
LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Simplified Chinese", "zh-Hant": "Traditional Chinese",
                  "zh-Hant-TW": "Traditional Chinese (Taiwan)",
                  "zh-Hant-HK": "Traditional Chinese (Hong Kong)"}


def shown(channel: str | None) -> str:
    return channel_name("en", channel) if channel else "no channel"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _examples(obs: Sequence[Observed], n: int = 3) -> list[str]:
    return [o.source for o in obs[:n]]


def tone_range(values: Sequence[int]) -> tuple[tuple[int, int], str]:
    """The target range for a dimension: the central band of the posts' scores, widened
    by WIDEN/sqrt(posts) at each end (a range from few posts is a guess), at least
    MIN_WIDTH wide, within 0-100; and the sentence that says so."""
    xs = sorted(values)
    n = len(xs)
    if n >= 3:
        qs = statistics.quantiles(xs, n=100, method="inclusive")
        lo, hi = qs[BAND[0] - 1], qs[BAND[1] - 1]
        band = f"{BAND[0]}th-{BAND[1]}th percentile {lo:.0f}-{hi:.0f}"
    else:
        lo, hi = float(xs[0]), float(xs[-1])
        band = f"scores {lo:.0f}-{hi:.0f}" if n > 1 else f"score {lo:.0f}"
    margin = math.ceil(WIDEN / math.sqrt(n))
    a, b = math.floor(lo) - margin, math.ceil(hi) + margin
    if b - a < MIN_WIDTH:
        grow = MIN_WIDTH - (b - a)
        a, b = a - grow // 2, b + grow - grow // 2
    a, b = max(0, a), min(100, b)
    if b - a < MIN_WIDTH:  # against an end of the scale
        a, b = (0, MIN_WIDTH) if a == 0 else (100 - MIN_WIDTH, 100)
    return (a, b), f"{plural(n, 'post')}: {band}, widened by {margin}"


def tone(obs: Sequence[Observed], path: tuple[str, ...], group: str, whose: str
         ) -> list[Proposal]:
    out = []
    for dim in TONE_DIMENSIONS:
        (a, b), why = tone_range([o.tone[dim] for o in obs])
        out.append(Proposal(group, (*path, dim), [a, b], f"{whose} {dim}: {why}", len(obs)))
    return out


def language(obs: Sequence[Observed]) -> Proposal:
    counts = Counter(o.language for o in obs)
    lang, n = counts.most_common(1)[0]
    lang = "zh-Hant" if lang == "zh-Hant" else lang
    others = ", ".join(f"{LANGUAGE_NAMES.get(k, k)} {v}" for k, v in counts.most_common()[1:])
    return Proposal("language", ("language",), lang,
                    f"{n} of {plural(len(obs), 'post')} {_are(n)} {LANGUAGE_NAMES.get(lang, lang)}"
                    + (f" ({others})" if others else ""), len(obs))


def channel(name: str, obs: Sequence[Observed], default_language: str) -> list[Proposal]:
    """A channel's habits: its language, the platform's limits, hashtags, mentions, links."""
    path = ("channels", name)
    who = shown(name)
    out: list[Proposal] = []
    profile: Any = platform_profiles().get(name)
    langs = Counter(o.language for o in obs)
    lang, n = langs.most_common(1)[0]
    if n / len(obs) >= LANGUAGE_AGREEMENT:
        out.append(Proposal("channels", (*path, "language"), lang,
                            f"{who}: {n} of {plural(len(obs), 'post')} {_are(n)} "
                            f"{LANGUAGE_NAMES.get(lang, lang)}", len(obs), examples=_examples(obs)))
    lengths = sorted(o.length for o in obs)
    spread = (f"median {statistics.median(lengths):.0f}"
              + (f", 90th percentile {statistics.quantiles(lengths, n=10, method='inclusive')[8]:.0f}"
                 if len(lengths) >= 3 else "") + f", longest {lengths[-1]:,}")
    counting = getattr(profile, "counting", "chars")
    how = ("X's units (CJK and emoji 2, a link 23)" if counting == "twitter" else "characters")
    if profile is not None and profile.max_chars and lengths[-1] <= profile.max_chars:
        out.append(Proposal("channels", (*path, "max_chars"), profile.max_chars,
                            f"{who}'s own limit; the posts' lengths in {how}: {spread}", len(obs)))
    elif profile is not None and profile.max_chars:
        longest = max(obs, key=lambda o: o.length)
        out.append(Proposal("channels", (*path, "max_chars"), lengths[-1],
                            f"{who} allows {profile.max_chars}, but an approved post is "
                            f"{lengths[-1]} long ({longest.source}); lengths in {how}: {spread}",
                            len(obs), examples=[longest.source]))
    else:
        out.append(Proposal("channels", (*path, "max_chars"), lengths[-1] * 2,
                            f"twice the longest post; lengths in {how}: {spread}", len(obs),
                            accepted=False))
    if counting != "chars":
        out.append(Proposal("channels", (*path, "counting"), counting,
                            f"{who} counts length its own way", len(obs)))
    if profile is not None and profile.fold_chars:
        folded = sum(o.length > profile.fold_chars for o in obs)
        out.append(Proposal("channels", (*path, "fold_chars"), profile.fold_chars,
                            f"where {who}'s feed cuts a post; {folded} of {plural(len(obs), 'post')}"
                            f" {'runs' if folded == 1 else 'run'} past it", len(obs)))
    if profile is not None and profile.title_chars:
        out.append(Proposal("channels", (*path, "title_chars"),
                            max(profile.title_chars, max(o.title for o in obs)),
                            f"{who} shows the first line as a title; the longest first line is "
                            f"{max(o.title for o in obs)} characters", len(obs)))
    out.extend(_hashtags(path, who, obs))
    mentions = [o.mentions for o in obs]
    if any(mentions):
        out.append(Proposal("channels", (*path, "max_mentions"), max(mentions),
                            f"{sum(1 for m in mentions if m)} of {plural(len(obs), 'post')} "
                            f"mention accounts, at most {max(mentions)}", len(obs)))
    linked = [o for o in obs if o.links]
    if profile is not None and not profile.links and not linked:
        out.append(Proposal("channels", (*path, "links"), False,
                            f"links are not clickable on {who}, and no approved post has one",
                            len(obs)))
    elif linked and profile is not None and not profile.links:
        out.append(Proposal("channels", (*path, "links"), True,
                            f"{who} does not make links clickable, but approved posts have "
                            f"links ({len(linked)} of {len(obs)})", len(obs),
                            examples=_examples(linked)))
    return out


def _hashtags(path: tuple[str, ...], who: str, obs: Sequence[Observed]) -> list[Proposal]:
    tagged = [o for o in obs if o.hashtags]
    if not tagged:
        return [Proposal("channels", (*path, "max_hashtags"), 0,
                         f"none of the {plural(len(obs), 'post')} on {who} uses a hashtag",
                         len(obs), accepted=False)]
    counts = sorted(len(o.hashtags) for o in tagged)
    out = [Proposal("channels", (*path, "max_hashtags"), counts[-1],
                    f"{len(tagged)} of {plural(len(obs), 'post')} "
                    f"{'uses' if len(tagged) == 1 else 'use'} hashtags: typically "
                    f"{statistics.median(counts):.0f}, at most {counts[-1]}", len(obs),
                    examples=_examples(tagged))]
    styles = Counter(s for o in tagged for s in o.hashtags if s != "xhs")
    total = sum(styles.values())
    if total:
        style, n = styles.most_common(1)[0]
        written = "#话题#" if style == "#topic#" else "#topic"
        agree = n / total >= STYLE_AGREEMENT
        mixed = ", ".join(f"{v} {'#话题#' if k == '#topic#' else '#topic'}"
                          for k, v in styles.most_common())
        out.append(Proposal("channels", (*path, "hashtag"), style,
                            f"{n} of {plural(total, 'hashtag')} on {who} are written {written}"
                            + ("" if agree else f" (mixed: {mixed}; left out)"), len(tagged),
                            accepted=agree, examples=_examples(tagged)))
    return out


def promotion(obs: Sequence[Observed]) -> list[Proposal]:
    out = []
    for key, attr, what in (("max_exclamations", "exclamations", "exclamation marks"),
                            ("max_emoji", "emoji", "emoji")):
        values = [getattr(o, attr) for o in obs]
        by_channel: dict[str, int] = {}
        for o in obs:
            by_channel[shown(o.channel)] = max(by_channel.get(shown(o.channel), 0), getattr(o, attr))
        habits = ", ".join(f"{c} {v}" for c, v in sorted(by_channel.items(), key=lambda kv: -kv[1]))
        used = sum(1 for v in values if v)
        out.append(Proposal("promotion", ("promotion", key), max(values),
                            f"the most {what} in one approved post; {used} of "
                            f"{plural(len(obs), 'post')} use any (most per channel: {habits})",
                            len(obs)))
    return out


def brand(latin: list[Phrase], chinese: list[Phrase], language: str, given: str | None
          ) -> list[Proposal]:
    """The brand's name in the guide's language, and in the other script as an alias."""
    out = []
    zh_first = language.startswith("zh")
    ranked = [(chinese, "zh"), (latin, "en")] if zh_first else [(latin, "en"), (chinese, "zh")]
    for i, (names, kind) in enumerate(ranked):
        if i == 0 and given:
            out.append(Proposal("brand", ("brand", "name"), given, "the name you gave", 0))
            continue
        if not names:
            continue
        top = names[0]
        others = "; next: " + ", ".join(f"{p.text} ({len(p.sources)})" for p in names[1:3]) \
            if len(names) > 1 else ""
        why = (f"the name written most often: {plural(top.count, 'time')} in "
               f"{plural(len(top.sources), 'post')}{others}")
        if i == 0:
            out.append(Proposal("brand", ("brand", "name"), top.text, why, len(top.sources),
                                examples=top.sources[:3]))
        else:
            locale = "en" if kind == "en" else (language if language.startswith("zh") else "zh-Hans")
            out.append(Proposal("brand", ("brand", "aliases", locale), top.text,
                                why + " (check it is the same brand)", len(top.sources),
                                examples=top.sources[:3]))
    return out


def terms(names: list[Phrase], phrases: list[Phrase], brand_names: set[str]) -> list[Proposal]:
    """Names as written (preferred terms; a rare other spelling: to avoid) and recurring
    phrases (offered, not accepted: a phrase the brand uses is not always a term)."""
    out = []
    for p in names:
        term: dict[str, Any] = {"prefer": p.text}
        recurring = len(p.sources) >= 2
        why = f"{p.text}: {plural(p.count, 'time')} in {plural(len(p.sources), 'post')}; {p.why}"
        if p.variants:
            term["avoid"] = sorted(p.variants)
            term["case_sensitive"] = True
            spelled = ", ".join(f"{v} ({n}×)" for v, n in p.variants.items())
            why += f"; written otherwise far less often: {spelled} (candidates to avoid)"
        if p.text in brand_names and not p.variants:
            continue  # the brand's name is in `brand`
        out.append(Proposal("terms", ("terms",), term, why, len(p.sources), append=True,
                            accepted=recurring or bool(p.variants), examples=p.sources[:3]))
    for p in phrases:
        if p.name or p.text in brand_names or any(p.text == n.text for n in names):
            continue
        out.append(Proposal("terms", ("terms",), {"prefer": p.text},
                            f"{p.text}: {plural(p.count, 'time')} in "
                            f"{plural(len(p.sources), 'post')}; {p.why}", len(p.sources),
                            accepted=False, append=True, examples=p.sources[:3]))
    return out
