"""Channel conventions on real posts: counting, fold, hashtags, mentions, links, language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voicecheck.engine import check
from voicecheck.guide import load_guide, parse_guide
from voicecheck.text.counting import cut_index, length

GUIDE = parse_guide(
    """
version: 1
language: zh-Hans
brand: {name: 清泉茶饮, aliases: {en: ClearSpring}}
channels:
  weibo: {language: zh-Hans, max_chars: 2000, fold_chars: 140, hashtag: "#topic#",
          max_hashtags: 3, max_mentions: 2}
  x: {language: en, max_chars: 280, counting: twitter, hashtag: "#topic", max_hashtags: 2}
  instagram: {language: en, max_chars: 2200, fold_chars: 125, hashtag: "#topic", links: false}
  xiaohongshu: {language: zh-Hans, max_chars: 1000, title_chars: 20, hashtag: "#topic"}
""",
    "test.yaml",
)


def rules(text: str, channel: str, guide=GUIDE) -> list[tuple[str, str]]:
    report = check(text, guide, channel)
    return [(f.rule, f.text) for f in report.findings if f.category == "channel"]


def test_twitter_counting_weighs_cjk_emoji_and_links():
    assert length("hello", "twitter") == 5
    assert length("你好", "twitter") == 4
    assert length("👨‍👩‍👧", "twitter") == 2  # one emoji sequence, several code points
    assert length("see https://example.com/a/very/long/path?x=1", "twitter") == 4 + 23
    assert length("你好", "chars") == 2


def test_cut_index_points_at_first_overflowing_piece():
    assert cut_index("中" * 141, 280, "twitter") == 140
    assert cut_index("a" * 280, 280, "twitter") is None


@given(st.text(max_size=200))
def test_char_counting_is_length(text):
    assert length(text, "chars") == len(text)


def test_x_post_over_280_spans_the_overflow():
    text = "Our autumn field report is live. " * 8 + "北峰户外团队在喜马拉雅徒步三周。"
    report = check(text, GUIDE, "x")
    [f] = [f for f in report.findings if f.rule == "channel.too-long"]
    assert text[f.start : f.end] == f.text
    assert f.end == len(text.rstrip())
    assert length(text[: f.start], "twitter") <= 280 < length(text[: f.end], "twitter")


def test_chinese_on_x_counts_double():
    assert rules("新" * 139, "x")[0][0] == "channel.language"
    assert not [r for r in rules("新" * 139, "x") if r[0] == "channel.too-long"]
    assert [r for r in rules("新" * 141, "x") if r[0] == "channel.too-long"]


def test_weibo_hashtag_style_and_suggestion():
    report = check("青提茉莉回来了。#清泉茶饮 #夏日限定#", GUIDE, "weibo")
    [f] = [f for f in report.findings if f.rule == "channel.hashtag-style"]
    assert f.text == "#清泉茶饮" and f.suggestions == ("#清泉茶饮#",)


def test_weibo_topic_on_x_is_converted():
    report = check("Rain all weekend? Layer up. #户外# #hiking", GUIDE, "x")
    [f] = [f for f in report.findings if f.rule == "channel.hashtag-style"]
    assert f.text == "#户外#" and f.suggestions == ("#户外",)


@pytest.mark.parametrize("text", [
    "We're #1 for rain shells? No: ask the guides. C# devs welcome.",
    "Menu at https://clearspring.cn/menu#autumn today",
    "Our RGB is not a tag: &#39; entity",
])
def test_things_that_are_not_hashtags(text):
    assert not [r for r in rules(text, "x") if r[0].startswith("channel.hashtag")]


def test_too_many_hashtags_spans_the_extra_ones():
    found = dict(rules("新品上市。#a# #b# #c# #d# #e#", "weibo"))
    assert found["channel.too-many-hashtags"] == "#d# #e#"


def test_too_many_mentions():
    found = dict(rules("感谢@小林 @阿梅 和@老王 的建议", "weibo"))
    assert found["channel.too-many-mentions"] == "@老王"


def test_link_on_instagram_but_not_on_x():
    text = "Sunrise on the ridge. Trip report: https://northpeak.com/ridge"
    assert ("channel.link-not-clickable", "https://northpeak.com/ridge") in rules(text, "instagram")
    assert not [r for r in rules(text, "x") if r[0] == "channel.link-not-clickable"]


def test_fold_key_message_and_brand():
    lead = "从云南临沧的老茶园到杭州西湖边的茶山，" * 8
    text = lead + "今天终于可以告诉大家新品的名字，由清泉茶饮和茶农共同研发。\n欢迎来试。"
    found = [r[0] for r in rules(text, "weibo")]
    assert "channel.fold" in found and "channel.brand-after-fold" in found
    short = "清泉茶饮新品上市，欢迎来试。" + "我们的茶农很用心。" * 20
    assert not [r for r in rules(short, "weibo") if "fold" in r[0]]


def test_brand_handle_before_the_fold_names_the_brand():
    lead = "从云南临沧的老茶园到杭州西湖边的茶山，" * 8
    tail = "今天终于可以告诉大家新品的名字，由清泉茶饮和茶农共同研发。"
    assert "channel.brand-after-fold" not in [r[0] for r in rules("@清泉茶饮官方 " + lead + tail,
                                                                 "weibo")]
    assert "channel.brand-after-fold" in [r[0] for r in rules("@小林 " + lead + tail, "weibo")]


def test_xiaohongshu_title_length():
    long_title = "在家也能做出清泉茶饮同款白桃乌龙冷泡茶的超详细教程\n正文很短。"
    assert [r for r in rules(long_title, "xiaohongshu") if r[0] == "channel.title-too-long"]
    assert not rules("白桃乌龙冷泡，在家也好做\n正文很短。", "xiaohongshu")


def test_language_mismatch_both_ways_and_bilingual_is_fine():
    assert ("channel.language" in [r[0] for r in
            rules("北峰户外上海设计中心正在招聘产品开发经理，欢迎投递简历。", "instagram")])
    assert "channel.language" in [r[0] for r in rules(
        "Our summer menu is here with three new teas brewed fresh every morning.", "weibo")]
    bilingual = "New autumn menu 秋季新品上市 with osmanthus oolong 桂花乌龙 today."
    assert "channel.language" not in [r[0] for r in rules(bilingual, "instagram")]
    assert "channel.language" not in [r[0] for r in rules(bilingual, "weibo")]


def test_no_channel_means_no_channel_rules():
    guide = load_guide()
    text = "Our summer menu is here with three new teas. #tea#"
    assert not [f for f in check(text, guide).findings if f.category == "channel"]
