"""Formatting conventions: spacing, full-width punctuation, repeated marks, and what stays."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.engine import check
from voicecheck.guide import load_guide

GUIDE = load_guide()


def fmt(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    report = check(text, GUIDE)
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    return [(f.rule, f.text, f.suggestions) for f in report.findings
            if f.category == "formatting"]


def test_halfwidth_punctuation_in_chinese():
    found = fmt("你好,世界.我们在这里!")
    assert [(r, t, s) for r, t, s in found] == [
        ("formatting.halfwidth-punctuation", ",", ("，",)),
        ("formatting.halfwidth-punctuation", ".", ("。",)),
        ("formatting.halfwidth-punctuation", "!", ("！",)),
    ]


def test_mixed_punctuation_in_one_sentence():
    found = fmt("今天天气很好，我们去喝茶,好吗？")
    assert found == [("formatting.mixed-punctuation", ",", ("，",))]


def test_halfwidth_with_space_and_brackets():
    assert ("formatting.halfwidth-punctuation", ", ", ("，",)) in fmt("茶包来泡, 真好喝")
    assert ("formatting.halfwidth-punctuation", "(限时)", ("（限时）",)) in fmt("新品上市(限时)")


def test_spacing_between_chinese_and_latin_words_one_finding_per_word():
    found = fmt("我们用了ClearSpring的茶包")
    assert found == [("formatting.cjk-spacing", "了ClearSpring的", ("了 ClearSpring 的",))]
    assert ("formatting.cjk-spacing", "iPhone15只", ("iPhone15 只",)) in fmt("iPhone15只要")


@pytest.mark.parametrize("text", [
    "2024年新品，iPhone 15 只要3.5%折扣。",
    "3月15日起，全场满199元减30，上午10:00开门。",
    "电话400-820-8820，邮箱hi@clearspring.cn。",
    "详情见https://clearspring.cn/menu?id=3&x=1。",
    "#ClearSpring新品# 感谢@清泉茶饮 的支持。",
    "“好喝”，他说：“下次还来。”",
    "Hello world, this is fine. Thanks!",
    "喝茶……真好。",
])
def test_things_that_must_not_be_touched(text):
    assert fmt(text) == []


def test_repeated_punctuation_by_sentence_language():
    assert ("formatting.repeated-punctuation", "！！！", ("！",)) in fmt("新品上市啦！！！")
    assert ("formatting.repeated-punctuation", "!!!", ("！",)) in fmt("新品上市啦!!!")
    assert ("formatting.repeated-punctuation", "??", ("?",)) in fmt("Ready for the trail??")
    found = fmt("新品上市啦!!!")
    assert not [f for f in found if f[0] == "formatting.halfwidth-punctuation"]


def test_fullwidth_in_english_sentence():
    found = fmt("Sunrise on the ridge，worth the 4am start.")
    assert found == [("formatting.fullwidth-in-english", "，", (", ",))]


def test_traditional_text_gets_the_same_rules():
    found = fmt("山嵐茶屋新品上市,歡迎來試試。")
    assert found == [("formatting.mixed-punctuation", ",", ("，",))]


def test_space_before_fullwidth_punctuation():
    assert ("formatting.space-before-punctuation", " ！", ("！",)) in fmt("好喝 ！真的")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="新品上市ab12 ,.!?，。！？%:#@", max_size=30))
def test_spans_always_match_the_text(text):
    fmt(text)
