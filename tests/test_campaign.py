"""Campaign consistency: facts that must agree, spelling variants, tone spread."""

from __future__ import annotations

import pytest

from voicecheck.campaign import campaign_findings, extract_facts
from voicecheck.findings import Report
from voicecheck.guide import load_guide


def report(source: str, text: str, channel: str, tone: dict[str, int] | None = None,
           campaign: str | None = "spring") -> Report:
    return Report(file=source, channel=channel, language="", detected_language="", score=100,
                  passed=True, scores={}, tone=tone or {}, text=text, source=source,
                  campaign=campaign)


@pytest.mark.parametrize(("text", "expected"), [
    ("3月15日晚8点开售", [("date", "03-15"), ("time", "20:00")]),
    ("On sale March 15 at 8pm", [("date", "03-15"), ("time", "20:00")]),
    ("2024-03-15 10:00 ¥39", [("date", "03-15"), ("time", "10:00"), ("price", "CNY 39")]),
    ("３９元，全场８折", [("price", "CNY 39"), ("discount", "20% off")]),
    ("全場八折 20% off 85折 第二杯半价", [("discount", "20% off"), ("discount", "20% off"),
                                         ("discount", "15% off"), ("discount", "50% off")]),
    ("券码：SPRING20 https://www.clearspring.cn/spring/?utm_source=weibo",
     [("code", "SPRING20"), ("url", "clearspring.cn/spring")]),
    ("$9.99 with code spring20", [("price", "USD 9.99"), ("code", "SPRING20")]),
    # traps: not facts
    ("最近第一次来，一点点心意", []),
    ("3.15 消费者权益日", []),
])
def test_extract_facts(text: str, expected: list[tuple[str, str]]) -> None:
    facts = extract_facts(text)
    assert [(f.kind, f.value) for f in facts] == expected
    for f in facts:
        assert text[f.start:f.end] == f.text


def test_differing_date_points_at_each_post_and_names_the_others() -> None:
    a = report("ex/weibo/a.txt", "3月15日开售，全场8折", "weibo")
    b = report("ex/x/b.txt", "On sale March 16, 20% off", "x")
    found = campaign_findings([a, b])
    for r, other in ((a, "x/b.txt"), (b, "weibo/a.txt")):
        (f,) = found[r.source]
        assert f.rule == "campaign.date" and f.category == "channel"
        assert r.text[f.start:f.end] == f.text
        assert other in f.message


def test_majority_wins() -> None:
    posts = [report("w/a.txt", "3月15日开售", "weibo"),
             report("c/b.txt", "2024年3月15日 开售", "wechat"),
             report("x/c.txt", "On sale March 16", "x")]
    found = campaign_findings(posts)
    assert list(found) == ["x/c.txt"]
    (f,) = found["x/c.txt"]
    assert f.text == "March 16" and "w/a.txt" in f.message and "c/b.txt" in f.message


def test_agreeing_facts_in_other_words_are_fine() -> None:
    posts = [report("w/a.txt", "3月15日晚8点，全场8折，¥39，券码 SPRING20 clearspring.cn/s", "weibo"),
             report("x/b.txt", "March 15, 8pm: 20% off, 39元, code SPRING20 "
                    "https://clearspring.cn/s/?utm_source=x", "x"),
             report("c/c.txt", "开售时间另行通知", "wechat")]  # states nothing: never disagrees
    assert campaign_findings(posts) == {}


def test_posts_of_other_campaigns_are_not_compared() -> None:
    posts = [report("a", "3月15日", "weibo", campaign="spring"),
             report("b", "March 16", "x", campaign="summer"),
             report("c", "March 17", "x", campaign=None)]
    assert campaign_findings(posts) == {}


def test_hashtag_and_name_variants() -> None:
    posts = [report("w/a.txt", "#清泉春茶# ClearSpring 新品", "weibo"),
             report("x/b.txt", "#清泉春茶 New from Clear Spring", "x"),
             report("l/c.txt", "ClearSpring, #清泉春茶", "linkedin")]
    found = campaign_findings(posts)
    # `#tag#` vs `#tag` is the channel's style; only the minority spelling is flagged
    assert list(found) == ["x/b.txt"]
    (f,) = found["x/b.txt"]
    assert f.rule == "campaign.name" and f.text == "Clear Spring" and "ClearSpring" in f.message


def test_traditional_hashtag_is_not_a_variant() -> None:
    posts = [report("w/a.txt", "#清泉春茶#", "weibo"), report("t/b.txt", "#清泉春茶 #春日茶會", "x"),
             report("h/c.txt", "#淸泉春茶", "x")]
    assert all(f.rule != "campaign.hashtag" or f.text != "#清泉春茶"
               for fs in campaign_findings(posts).values() for f in fs)


def test_tone_spread_beyond_channel_targets() -> None:
    guide = load_guide()
    posts = [report("a", "一", "weibo", {"enthusiasm": 40}),
             report("b", "二", "wechat", {"enthusiasm": 45}),
             report("c", "三", "x", {"enthusiasm": 95}),
             report("d", "四", "douyin", {"enthusiasm": 50})]
    found = campaign_findings(posts, guide)
    assert list(found) == ["c"]
    (f,) = found["c"]
    assert f.rule == "campaign.tone-spread" and "enthusiasm" in f.message
    assert (f.start, f.end) == (0, 1)


def test_tone_missing_is_handled() -> None:
    posts = [report("a", "一", "weibo"), report("b", "二", "x"), report("c", "三", "wechat")]
    assert campaign_findings(posts, load_guide()) == {}
