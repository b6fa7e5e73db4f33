"""The sample drafts in assets/samples/ against the example guides.

Each sample is checked with the guide and channel it was written for. Good posts must
pass with nothing to say about channel, script, formatting or compliance; bad posts
must get the specific rules a human reviewer would raise.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from voicecheck.engine import check
from voicecheck.guide import load_guide

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "assets" / "samples"
GUIDES = {
    "cs": "clearspring-tea-zh-hans.yaml",
    "sl": "shanlan-tea-house-zh-hant.yaml",
    "np": "northpeak-bilingual.yaml",
}
MINE = ("channel", "script", "formatting", "compliance")

# sample -> (guide, channel, rules that must be raised; empty = a good post)
CASES: dict[str, tuple[str, str, set[str]]] = {
    "weibo-launch.txt": ("cs", "weibo", {"formatting.repeated-punctuation",
                                         "promotion.absolute-claim", "terminology.banned"}),
    "weibo-summer-menu.txt": ("cs", "weibo", set()),
    "weibo-x-style-tags.txt": ("cs", "weibo", {"channel.hashtag-style",
                                               "channel.too-many-hashtags"}),
    "weibo-long-intro.txt": ("cs", "weibo", {"channel.fold", "channel.brand-after-fold"}),
    "weibo-traditional-chars.txt": ("cs", "weibo", {"script.traditional-in-simplified"}),
    "weibo-store-manager-wechat.txt": ("cs", "weibo", {"compliance.personal-phone",
                                                       "compliance.personal-messaging-id"}),
    "weibo-hotline-order.txt": ("cs", "weibo", set()),
    "weibo-complaint-reply.txt": ("cs", "weibo", set()),
    "weibo-english-on-weibo.txt": ("cs", "weibo", {"channel.language"}),
    "weibo-personal-email.txt": ("cs", "weibo", {"compliance.personal-email"}),
    "wechat-tea-notes.txt": ("cs", "wechat", set()),
    "wechat-halfwidth-punct.txt": ("cs", "wechat", {
        "formatting.repeated-punctuation", "formatting.halfwidth-punctuation",
        "formatting.mixed-punctuation", "formatting.cjk-spacing"}),
    "xhs-title-too-long.txt": ("cs", "xiaohongshu", {"channel.title-too-long"}),
    "xhs-good-review.txt": ("cs", "xiaohongshu", set()),
    "douyin-caption.txt": ("cs", "douyin", set()),
    "douyin-weibo-tags.txt": ("cs", "douyin", {"channel.hashtag-style"}),
    "fb-tw-new-menu.txt": ("sl", "facebook", set()),
    "fb-tw-simplified-draft.txt": ("sl", "facebook", {"script.wrong-script",
                                                      "script.regional-vocabulary"}),
    "fb-tw-mixed-script.txt": ("sl", "facebook", {"script.simplified-in-traditional"}),
    "fb-tw-traps.txt": ("sl", "facebook", set()),
    "ig-tw-new-menu.txt": ("sl", "instagram", {"script.regional-vocabulary",
                                               "channel.link-not-clickable"}),
    "ig-tw-good.txt": ("sl", "instagram", set()),
    "fb-hk-weekend.txt": ("sl", "facebook_hk", set()),
    "fb-hk-mainland-words.txt": ("sl", "facebook_hk", {"script.regional-vocabulary"}),
    "fb-hk-whatsapp.txt": ("sl", "facebook_hk", {"compliance.personal-phone"}),
    "line-tw-mobile.txt": ("sl", "line", {"compliance.personal-phone",
                                          "compliance.personal-messaging-id"}),
    "x-promo-en.txt": ("np", "x", set()),
    "x-too-long.txt": ("np", "x", {"channel.too-long"}),
    "x-weibo-tags.txt": ("np", "x", {"channel.hashtag-style", "channel.too-many-hashtags"}),
    "x-too-many-mentions.txt": ("np", "x", {"channel.too-many-mentions"}),
    "linkedin-hiring-en.txt": ("np", "linkedin", set()),
    "linkedin-buried-lede.txt": ("np", "linkedin", {"channel.fold"}),
    "linkedin-chinese-draft.txt": ("np", "linkedin", {"channel.language"}),
    "ig-trail-en.txt": ("np", "instagram", {"channel.link-not-clickable",
                                            "formatting.fullwidth-in-english"}),
    "fb-en-gmail.txt": ("np", "facebook", {"compliance.personal-email",
                                           "compliance.personal-messaging-id"}),
    "weibo-northpeak-zh.txt": ("np", "weibo", set()),
    "wechat-xhs-mixed-note.txt": ("np", "wechat", {"script.traditional-in-simplified"}),
}


@cache
def guide(key: str):
    return load_guide(ROOT / "styleguides" / GUIDES[key])


def run(name: str):
    key, channel, _ = CASES[name]
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return text, check(text, guide(key), channel, file=name)


def test_there_are_enough_samples_and_all_are_covered():
    names = {p.name for p in SAMPLES.glob("*.txt")}
    assert len(names) >= 30
    assert names == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample(name):
    text, report = run(name)
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    expected = CASES[name][2]
    found = {f.rule for f in report.findings}
    if expected:
        assert expected <= found, f"missing {expected - found}"
        for rule in expected:  # warnings alone may still pass; the category score drops
            assert report.scores[rule.split(".")[0]] < 100
    else:
        mine = [(f.rule, f.text) for f in report.findings if f.category in MINE]
        assert mine == []
        assert not [f for f in report.findings if f.severity == "error"
                    and f.category != "terminology"]
        assert report.passed, [(f.rule, f.text) for f in report.findings]


def test_no_unexpected_rules_of_mine_on_bad_posts():
    """Bad posts get the rules they were written for, not a pile of extras."""
    for name, (_, _, expected) in CASES.items():
        if not expected:
            continue
        _, report = run(name)
        mine = {f.rule for f in report.findings if f.category in MINE}
        extra = mine - expected
        assert extra <= {"channel.fold", "channel.brand-after-fold"}, (name, extra)


def test_example_guides_load_with_real_channel_limits():
    sl, np_, cs = guide("sl"), guide("np"), guide("cs")
    assert cs.channels["weibo"].max_chars == 2000 and cs.channels["weibo"].fold_chars == 140
    assert cs.channels["xiaohongshu"].title_chars == 20
    assert np_.channels["x"].counting == "twitter" and np_.channels["x"].max_chars == 280
    ig = np_.channels["instagram"]
    assert (ig.max_chars, ig.fold_chars, ig.max_hashtags, ig.links) == (2200, 125, 30, False)
    assert np_.channels["linkedin"].max_chars == 3000
    assert sl.locale_for(sl.channels["facebook_hk"]) == "zh-Hant-HK"
    assert {"weibo", "wechat", "xiaohongshu", "douyin"} <= set(cs.channels)
    assert {"x", "linkedin", "instagram", "facebook"} <= set(np_.channels)
