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

import re
from collections.abc import Iterator
from dataclasses import replace

from ..convert import REGIONS, convert, expected_at, vocabulary_hits
from ..findings import Finding
from ..text import pipelines, regional
from ..text.analysis import AnalysedPost
from ..text.script import convert_runs, converter, is_han
from .base import Context

CATEGORY = "script"
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
def script_of(locale: str) -> str:
    return "zh-Hant" if locale in regional.TRADITIONAL else "zh-Hans"


def _converted(text: str, config: str) -> str:
    """The text converted by OpenCC (`config`), kept the same length."""
    conv = convert_runs(text, config)
    if len(conv) != len(text):  # a phrase changed length: judge character by character
        one = converter(config)
        conv = "".join(c if len(d := one.convert(c)) != 1 else d for c in text)
    return conv


def _conversions(text: str, script: str) -> list[str]:
    """The text converted into `script` every way OpenCC knows: Simplified, or generic,
    Taiwan and Hong Kong Traditional. s2tw and s2hk are s2t followed by the region's
    variant table (so OpenCC's own configs chain them): converting once and applying
    each region's variants gives the same texts at a third of the cost."""
    if script == "zh-Hans":
        return [_converted(text, "t2s")]
    traditional = _converted(text, "s2t")
    return [traditional, *(_converted(traditional, variants) for variants in ("t2tw", "t2hk"))]


def wrong_positions(post: AnalysedPost, target: str) -> list[int]:
    """Characters in the wrong script for `target` (a Chinese locale). OpenCC converts the
    post with its phrase tables, so a one-to-many character is judged in its word: 后
    stays in 皇后 and 天后 but not in 以后, 乾 stays in 乾隆, 香薰 and 慰藉 are Simplified
    too. Only the script counts, never a variant, and characters the region writes as
    they are (台, Cantonese 吓 and 晒) never do."""
    text = post.text
    keep = regional.kept_as_written(text, target)
    # wrong when every conversion changes it: a variant one table prefers (裏 / 裡,
    # 吃 / 喫) is not a script error
    first, *others = _conversions(text, script_of(target))
    if first == text:
        return []
    return [i for i, (ch, conv) in enumerate(zip(text, first, strict=True))
            if conv != ch and is_han(ch) and i not in keep
            and all(other[i] != ch for other in others)]


def _word_spans(post: AnalysedPost, wrong: list[int], target: str) -> list[tuple[int, int]]:
    """Each wrong character widened to its word; touching words merge. Words are cut on
    the Simplified form of the corrected text (回覆说 is 回复/说), where jieba knows them."""
    simplified = _converted(post.text, "t2s") if target == "zh-Hans" else post.norm.canonical
    words: dict[int, tuple[int, int]] = {}
    for m in _HAN_RUN.finditer(simplified):
        if any(m.start() <= i < m.end() for i in wrong):
            for s, e in pipelines.segment_chinese(m.group(), m.start(), post.user_words):
                for i in range(s, e):
                    words[i] = (s, e)
    spans: list[tuple[int, int]] = []
    for i in wrong:
        s, e = words.get(i, (i, i + 1))
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def _spaced(text: str, start: int, end: int, word: str) -> str:
    """`word` in place of text[start:end], with the space Chinese copy puts between a Han
    character and a Latin word (二维码 -> " QR Code" after 的)."""
    if word[:1].isascii() and word[:1].isalnum() and start > 0 and is_han(text[start - 1]):
        word = " " + word
    if word[-1:].isascii() and word[-1:].isalnum() and end < len(text) and is_han(text[end]):
        word += " "
    return word


def _right_script_count(post: AnalysedPost, target: str) -> int:
    return post.scripts.hant if target != "zh-Hans" else post.scripts.hans


def _target(ctx: Context) -> tuple[str | None, bool]:
    """(target locale, strict). Strict: the channel or guide fixes the script."""
    post = ctx.post
    majority = "zh-Hant" if post.scripts.hant > post.scripts.hans else "zh-Hans"
    chosen = ctx.channel.name in ctx.guide.channels
    if not chosen and post.scripts.hant:  # a Taiwan or Hong Kong post shows where it is
        region = regional.region_of(post)
        if region != "zh-Hant":
            return region, False
    if ctx.locale == "en" or (not chosen and script_of(ctx.locale) != majority):
        return (regional.region_of(post) if majority == "zh-Hant" else majority), False
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
            positions = [p for p in positions if not at <= p < at + len(brand)]
            at = post.text.find(brand, at + 1)
    script = script_of(target)
    script_name = ctx.say(f"script/{script}")
    wrong_name = ctx.say("script/zh-Hans" if script == "zh-Hant" else "script/zh-Hant")
    wrong_count = len(positions)
    if strict and wrong_count >= 4 and wrong_count > _right_script_count(post, target):
        whole = ctx.whole_post(
            "script.wrong-script", CATEGORY, "error",
            ctx.say("script.wrong-script", wrong=wrong_name, channel=ctx.channel_label,
                    target=target),
        )
        yield replace(whole, suggestions=(convert(post.original, target),))
        positions = []
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
            [_spaced(post.text, v.start, v.end, v.word)],
        )
    expected = expected_at(post, target, positions)
    fixed = [expected.get(i, c) for i, c in enumerate(post.text)]
    for s, e in _word_spans(post, positions, target):
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
