"""Terminology: avoided words, locale-specific preferred words, brand spelling."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.engine import check
from voicecheck.guide import Guide, load_guide, parse_guide

GUIDE = """\
version: 1
brand:
  name: ClearSpring
  aliases: {zh-Hans: 清泉茶饮, zh-Hant: 清泉茶飲}
language: zh-Hans
terms:
  - prefer: ClearSpring
    avoid: [Clear Spring, Clearspring]
    case_sensitive: true
    severity: error
    note: Our name is one word.
  - prefer: {zh-Hans: 会员, zh-Hant: 會員, en: member}
    avoid: [VIP, 贵宾]
  - avoid: [亲们, 宝宝们]
    severity: warning
  - prefer: 顾客
    avoid: [客人]
    exceptions: [客人数]
channels:
  weibo: {language: zh-Hans}
  ig-tw: {language: zh-Hant-TW}
  x: {language: en}
"""


@pytest.fixture(scope="module")
def guide() -> Guide:
    return parse_guide(GUIDE, "test.yaml", Path("."))


def terms(text: str, guide: Guide, channel: str | None = None) -> list[tuple[str, str, list]]:
    report = check(text, guide, channel)
    return [
        (f.rule, f.text, list(f.suggestions))
        for f in report.findings
        if f.category == "terminology"
    ]


def test_avoided_word_with_preferred_suggestion(guide: Guide) -> None:
    assert terms("成为VIP，享受专属优惠", guide, "weibo") == [("terminology.avoid", "VIP", ["会员"])]


def test_suggestion_follows_channel_locale(guide: Guide) -> None:
    assert terms("成為VIP，享受專屬優惠", guide, "ig-tw") == [("terminology.avoid", "VIP", ["會員"])]
    assert terms("Become a VIP today", guide, "x") == [("terminology.avoid", "VIP", ["member"])]


def test_traditional_spelling_caught_through_normalization(guide: Guide) -> None:
    found = terms("親們，週末見！貴賓專屬", guide, "ig-tw")
    assert ("terminology.banned", "親們", []) in found
    assert ("terminology.avoid", "貴賓", ["會員"]) in found


def test_case_sensitive_brand_term(guide: Guide) -> None:
    found = terms("Meet Clearspring and Clear  Spring. ClearSpring is fine.", guide, "x")
    assert found == [
        ("terminology.avoid", "Clearspring", ["ClearSpring"]),
        ("terminology.avoid", "Clear  Spring", ["ClearSpring"]),
    ]


def test_brand_name_case_variants(guide: Guide) -> None:
    found = terms("CLEARSPRING and clearspring are not our name", guide, "x")
    assert [f[0] for f in found] == ["terminology.brand-name", "terminology.brand-name"]
    assert [f[1] for f in found] == ["CLEARSPRING", "clearspring"]


def test_brand_inside_addresses_is_not_a_misspelling(guide: Guide) -> None:
    text = "Visit clearspring.com, write to hi@clearspring.cn or tag @clearspring. clearspring!"
    found = terms(text, guide, "x")
    assert [(f[0], f[1]) for f in found] == [("terminology.brand-name", "clearspring")]


def test_latin_terms_respect_word_boundaries(guide: Guide) -> None:
    assert terms("VIPS and AVIPX are other words", guide, "x") == []


def test_traps_stay_silent(guide: Guide) -> None:
    # 亲们 inside 父亲们 is not the pet name; 客人数 is an allowed word.
    assert terms("父亲们和母亲们都喜欢这款茶", guide, "weibo") == []
    assert terms("今天客人数很多", guide, "weibo") == []
    assert terms("最近第一次来的客人都说好喝", guide, "weibo") == [
        ("terminology.avoid", "客人", ["顾客"])
    ]


def test_fullwidth_and_html_variants_map_to_original(guide: Guide) -> None:
    raw = "<p>成为<b>ＶＩＰ</b>吧😀</p>"
    report = check(raw, guide, "weibo")
    (f,) = [f for f in report.findings if f.category == "terminology"]
    assert raw[f.start : f.end] == f.text == "ＶＩＰ"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(["😀", "👨‍👩‍👧", "<b>", "</b>", "&amp;", "ＡＢ", "營(yíng)", "\n", " "]),
             max_size=8),
    st.sampled_from(["VIP", "亲们", "貴賓", "Clearspring"]),
)
def test_finding_text_equals_original_span(guide: Guide, noise: list[str], word: str) -> None:
    raw = "".join(noise) + " " + word + " " + "".join(reversed(noise))
    for f in check(raw, guide, "weibo").findings:
        assert raw[f.start : f.end] == f.text


def test_no_channel_suggests_in_the_posts_own_language() -> None:
    """An English-default guide checking a Chinese post with no channel chosen suggests the
    Chinese preferred word, and the report says the post was held to Chinese."""
    guide = load_guide(Path(__file__).resolve().parent.parent / "styleguides"
                       / "northpeak-bilingual.yaml")
    report = check("这款外套完全防水，终身保修。", guide)
    assert [(f.text, f.suggestions) for f in report.findings if f.category == "terminology"] == [
        ("完全防水", ("防水透气",)), ("终身保修", ("终身维修",))]
    assert report.language == "zh-Hans"
    english = check("Totally waterproof, with a lifetime warranty.", guide)
    assert english.language == "en"
    assert [f.suggestions for f in english.findings if f.category == "terminology"] == [
        ("waterproof-breathable",), ("lifetime repair",)]
    # a channel fixes the language whatever the post is written in
    assert check("这款外套完全防水。", guide, "x").language == "en"
