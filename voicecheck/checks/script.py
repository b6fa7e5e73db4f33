"""Script and regional vocabulary: the right characters and words for the post's locale.

- A Traditional post (zh-Hant, -TW, -HK) with Simplified characters, and the reverse.
  Characters valid in both scripts never count. A one-to-many character (后/後, 里/裡,
  干/乾/幹) counts only where OpenCC's phrase table says the word around it needs the
  other form (以后 -> 以後, but 皇后 and 公里 stay).
- A post mostly in the wrong script is one finding with the converted post as suggestion.
- With no script target (English channel, or no channel chosen) a Chinese post that mixes
  scripts gets its minority-script words flagged.
- Taiwan / Hong Kong posts using mainland words (视频 -> 影片), with the regional word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..convert import REGIONS, convert, expected_chars, vocabulary_hits
from ..findings import Finding
from ..text import regional
from ..text.analysis import AnalysedPost
from ..text.script import char_script, is_han
from .base import Context

CATEGORY = "script"
def script_of(locale: str) -> str:
    return "zh-Hant" if locale in regional.TRADITIONAL else "zh-Hans"


def _phrase_says_wrong(post: AnalysedPost, i: int, target: str) -> tuple[int, int] | None:
    """The OpenCC phrase around position i that wants the other form of this character."""
    canon, text = post.norm.canonical, post.text
    phrases, reverse = regional.st_phrases(), regional.ts_phrases()
    for size in range(min(regional.longest_phrase(), 8), 1, -1):
        for start in range(max(0, i - size + 1), min(i, len(text) - size) + 1):
            simp = canon[start : start + size]
            trad = phrases.get(simp)
            if trad is None and target == "zh-Hans":
                # 回覆: the canonical form keeps 覆, so look the written word up as Traditional
                trad = text[start : start + size]
                simp = reverse.get(trad, "")
            if not simp or trad is None:
                continue
            s_ch, t_ch = simp[i - start], trad[i - start]
            if s_ch == t_ch:
                return None  # the phrase keeps this character as it is (皇后, 公里)
            wrong = text[i] == (s_ch if target != "zh-Hans" else t_ch)
            return (start, start + size) if wrong else None
    return None


def wrong_positions(post: AnalysedPost, target: str) -> dict[int, tuple[int, int] | None]:
    """Characters in the wrong script for `target` (a Chinese locale), each with the OpenCC
    phrase that wants the other form (回覆 -> 回复), or None where the character alone is
    wrong."""
    text = post.text
    bad = "hans" if target != "zh-Hans" else "hant"
    out: dict[int, tuple[int, int] | None] = {}
    for i, ch in enumerate(text):
        if not is_han(ch) or ch in regional.also_traditional():
            continue
        kind = char_script(ch)
        if kind == ("hant" if bad == "hans" else "hans"):
            continue  # already in the target script
        if kind == bad and not regional.is_ambiguous(ch):
            out[i] = None
        elif phrase := _phrase_says_wrong(post, i, target):
            out[i] = phrase
    return out


def _word_spans(
    post: AnalysedPost, wrong: dict[int, tuple[int, int] | None]
) -> list[tuple[int, int]]:
    """Each wrong character widened to its phrase, else to the word (token) it sits in;
    touching words merge."""
    spans: list[tuple[int, int]] = []
    for i, phrase in sorted(wrong.items()):
        tok = post.token_at(i)
        s, e = phrase or ((tok.start, tok.end) if tok else (i, i + 1))
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def _right_script_count(post: AnalysedPost, target: str) -> int:
    return post.scripts.hant if target != "zh-Hans" else post.scripts.hans


def _target(ctx: Context) -> tuple[str | None, bool]:
    """(target locale, strict). Strict: the channel or guide fixes the script."""
    post = ctx.post
    majority = "zh-Hant" if post.scripts.hant > post.scripts.hans else "zh-Hans"
    chosen = ctx.channel.name in ctx.guide.channels
    if ctx.locale == "en" or (not chosen and script_of(ctx.locale) != majority):
        return majority, False
    return ctx.locale, True


def check(ctx: Context) -> Iterator[Finding]:
    post = ctx.post
    if post.scripts.han == 0:
        return
    target, strict = _target(ctx)
    vocab = vocabulary_hits(post, target) if target in REGIONS else []
    positions = wrong_positions(post, target)
    brand = ctx.guide.brand.name
    if brand:
        at = post.text.find(brand)
        while at >= 0:
            positions = {p: span for p, span in positions.items()
                         if not at <= p < at + len(brand)}
            at = post.text.find(brand, at + 1)
    script = script_of(target)
    script_name = ctx.say(f"script/{script}")
    wrong_name = ctx.say("script/zh-Hans" if script == "zh-Hant" else "script/zh-Hant")
    expected = expected_chars(post, target) if positions else post.text
    wrong_count = len(positions)
    if strict and wrong_count >= 4 and wrong_count > _right_script_count(post, target):
        whole = ctx.whole_post(
            "script.wrong-script", CATEGORY, "error",
            ctx.say("script.wrong-script", wrong=wrong_name, channel=ctx.channel_label,
                    target=target),
        )
        yield replace(whole, suggestions=(convert(post.original, target),))
        positions = {}
    for v in vocab:
        written = post.text[v.start : v.end]
        also = any(v.start <= p < v.end for p in positions)
        extra = ctx.say("script.regional-vocabulary/also", written=written,
                        wrong=wrong_name) if also else ""
        shape = "script.regional-vocabulary" + ("/mainland" if target == "zh-Hans" else "")
        yield ctx.finding(
            "script.regional-vocabulary", CATEGORY, "warning", v.start, v.end,
            ctx.say(shape, written=written, also=extra,
                    region=ctx.say(f"region/{target}"), word=v.word),
            [v.word],
        )
    wrong = set(positions)
    fixed = [expected[i] if i in wrong else c for i, c in enumerate(post.text)]
    for s, e in _word_spans(post, positions):
        if any(v.start <= s and e <= v.end for v in vocab):
            continue
        rule = "script.mixed" if not strict else (
            "script.simplified-in-traditional" if script == "zh-Hant"
            else "script.traditional-in-simplified"
        )
        written, want = post.text[s:e], "".join(fixed[s:e])
        message = ctx.say("script.other-script" if strict else "script.mixed", written=written,
                          wrong=wrong_name, target=target, script=script_name, want=want)
        yield ctx.finding(rule, CATEGORY, "warning", s, e, message, [want])
