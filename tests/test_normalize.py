"""Normalization keeps an exact map back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.text.analysis import analyse, split_sentences
from voicecheck.text.normalize import fold_case, normalize, to_canonical
from voicecheck.text.script import count_scripts


def test_fullwidth_latin_and_digits_become_ascii() -> None:
    n = normalize("ＶＩＰ会员享８折")
    assert n.text == "VIP会员享8折"
    assert n.to_original(0, 3) == (0, 3)


def test_zero_width_and_bom_removed() -> None:
    n = normalize("\ufeff清\u200b泉")
    assert n.text == "清泉"
    assert n.to_original(0, 2) == (1, 4)


def test_html_tags_and_entities_stripped() -> None:
    raw = "<p>全网<b>最好</b>&nbsp;&amp; best</p>"
    n = normalize(raw)
    assert n.text.strip() == "全网最好\xa0& best"
    i = n.text.index("最好")
    s, e = n.to_original(i, i + 2)
    assert raw[s:e] == "最好"
    amp = n.text.index("&")
    assert raw[slice(*n.to_original(amp, amp + 1))] == "&amp;"


def test_ruby_and_pinyin_annotations_removed() -> None:
    raw = "營(yíng)銷(xiāo)活動 <ruby>茶<rt>chá</rt></ruby>"
    n = normalize(raw)
    assert n.text == "營銷活動 茶"
    s, e = n.to_original(0, 2)
    assert raw[s:e] == "營(yíng)銷"


def test_brackets_that_are_not_pinyin_are_kept() -> None:
    assert normalize("新品(限量)上市 (see below)").text == "新品(限量)上市 (see below)"


def test_comparison_is_not_a_tag() -> None:
    assert normalize("a < b and c > d").text == "a < b and c > d"


@pytest.mark.parametrize("text", [
    "<best ever!!!史上最低>", "<新品>今天上市", "价格<100元>50元", "<a 史上最低>", "<p 全新口味>",
    "<Hello world!> from NorthPeak",
])
def test_angle_brackets_as_text_are_kept(text: str) -> None:
    assert normalize(text).text == text


def test_real_tags_with_attributes_are_stripped() -> None:
    raw = '<a href="https://x.cn" target=_blank>链接</a><img src=x.png /><span class=\'k\'>茶</span>'
    assert normalize(raw).text == "链接茶"


def test_canonical_is_simplified_and_same_length() -> None:
    n = normalize("清泉茶飲會員，歡迎光臨")
    assert n.canonical == "清泉茶饮会员，欢迎光临"
    assert len(n.canonical) == len(n.text)


def test_script_detection() -> None:
    assert count_scripts("欢迎光临清泉茶饮").language == "zh-Hans"
    assert count_scripts("歡迎光臨清泉茶飲").language == "zh-Hant"
    assert count_scripts("Welcome to ClearSpring").language == "en"
    assert count_scripts("欢迎光臨").mixed_script
    assert not count_scripts("人的茶").mixed_script


def test_sentences_split_in_both_languages() -> None:
    text = "新品上市！欢迎品尝。Try it today. Really?\n第二行"
    parts = [text[s.start : s.end].strip() for s in split_sentences(text)]
    assert parts == ["新品上市！", "欢迎品尝。", "Try it today.", "Really?", "第二行"]


def test_tokens_keep_brand_words_whole() -> None:
    post = analyse("清泉茶饮最近推出新品", ("清泉茶饮",))
    words = [post.text[t.start : t.end] for t in post.tokens]
    assert words[:2] == ["清泉茶饮", "最近"]


_pieces = st.sampled_from(
    [
        "全网最好", "營(yíng)銷(xiāo)", "<b>", "</b>", "<br/>", "&amp;", "&#128512;", "😀",
        "👍🏽", "\U00020000", "ＡＢＣ１２３", "\u200b", "\ufeff", " ", "\n", "best ever!!!",
        "清泉", "<rt>qing</rt>", "(", ")", "a", "會員", "&lt;script&gt;", "<", ">", "&",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=3)), max_size=25))
def test_offset_map_is_monotonic_and_in_bounds(parts: list[str]) -> None:
    raw = "".join(parts)
    n = normalize(raw)
    assert len(n.canonical) == len(n.text) == len(n.starts) == len(n.ends)
    prev = 0
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s <= e <= len(raw)
        assert s >= prev
        prev = s


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=20), st.lists(_pieces, max_size=20))
def test_a_word_maps_back_to_itself(before: list[str], after: list[str]) -> None:
    """A plain word surrounded by any mess is found on its exact original span."""
    prefix, suffix = "".join(before), "".join(after)
    raw = f"{prefix}史上最低{suffix}"
    n = normalize(raw)
    i = n.text.find("史上最低")  # no piece contains 史, so this is our word
    s, e = n.to_original(i, i + 4)
    assert raw[s:e] == "史上最低"


_CASES = st.text(st.sampled_from(list("ABCabcΣσΑΒİIıẞßǅ會員后後裡面茶𠀋 ，。ＡＢ")), max_size=30) | \
    st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(_CASES)
def test_fold_case_and_canonical_are_character_by_character(text: str) -> None:
    """The whole-string fast paths give what folding each character gives: the same
    length, Σ lowered alone (never as a final ς), İ kept; each character's Simplified form."""
    from voicecheck.text.normalize import _t2s

    folded = fold_case(text)
    assert folded == "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    canonical = to_canonical(text)
    assert len(canonical) == len(text)
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text):
        assert canonical == "".join(d if len(d := _t2s().convert(c)) == 1 else c for c in text)
    else:
        assert canonical == text
