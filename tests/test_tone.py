"""Tone: scores move the right way, findings name the words, defensive replies are caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.engine import check
from voicecheck.guide import Guide, GuideError, load_guide, parse_guide
from voicecheck.text.analysis import analyse
from voicecheck.text.tone import lexicon, measure, observe, parse_lexicon, weights


def tone(text: str) -> dict[str, int]:
    return measure(analyse(text)).values()


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(None)


FORMALITY_PAIRS = [
    # (formal announcement, chatty post) on the same topic
    ("尊敬的顾客：兹定于2025年3月1日起，本店营业时间调整为上午九时至晚上九时，敬请留意。特此公告。",
     "宝子们！3月1号起我们营业到晚上九点啦～下班也能来喝茶哦！"),
    ("尊敬的顧客：茲定於2025年3月1日起，本店營業時間調整為上午九時至晚上九時，敬請留意。特此公告。",
     "寶子們！3月1號起我們營業到晚上九點啦～下班也能來喝茶哦！"),
    ("Please be advised that, in accordance with the new schedule, our store will open from "
     "9 a.m. to 9 p.m. beginning 1 March.",
     "Hey guys! We're gonna be open till 9 from March 1st - come hang out!"),
]

WARMTH_PAIRS = [
    # (apologetic, thankful reply, curt reply) to the same complaint
    ("非常抱歉让您久等了，感谢您的耐心。我们理解您的心情，已为您补发，请放心。",
     "已补发。"),
    ("非常抱歉讓您久等了，感謝您的耐心。我們理解您的心情，已為您補發，請放心。",
     "已補發。請自行查詢物流。"),
    ("We're so sorry your order was late, and thank you for your patience. We understand how "
     "frustrating that is and have sent a replacement today.",
     "Replacement sent. You must check tracking yourself."),
]


@pytest.mark.parametrize(("formal", "chatty"), FORMALITY_PAIRS)
def test_formal_announcement_scores_more_formal_than_chatty_post(formal: str, chatty: str) -> None:
    f, c = tone(formal), tone(chatty)
    assert f["formality"] > c["formality"] + 20
    assert c["enthusiasm"] > f["enthusiasm"]


@pytest.mark.parametrize(("warm", "curt"), WARMTH_PAIRS)
def test_apology_and_thanks_score_warmer_than_curt_reply(warm: str, curt: str) -> None:
    w, c = tone(warm), tone(curt)
    assert w["warmth"] > c["warmth"] + 20
    assert w["customer_focus"] > c["customer_focus"]


@pytest.mark.parametrize(
    ("about_you", "about_us"),
    [
        ("你会喜欢这款新茶：清爽、不甜腻，适合你的下午。", "我们推出新茶。我们的工艺，我们的茶园。"),
        ("你會喜歡這款新茶，適合你的下午。", "我們推出新茶。我們的工藝，我們的茶園。"),
        ("You'll love this tea on your afternoon break.", "We launched our tea. Our farm, our craft."),
    ],
)
def test_customer_focus_follows_who_the_post_is_about(about_you: str, about_us: str) -> None:
    assert tone(about_you)["customer_focus"] > 55 > 45 > tone(about_us)["customer_focus"]


BASELINE = {d: round(v) for d, v in weights().baseline.items()}


def test_text_without_features_sits_at_the_learned_baseline() -> None:
    assert observe(analyse("茶叶三月到货。"))[0] == {}
    assert tone("茶叶三月到货。") == BASELINE


def test_particles_and_intensifiers_only_as_words() -> None:
    # 哈 in 哈尔滨, 太 in 太阳, 超 in 超市 are not markers; 太 in 太好喝 is
    assert tone("哈尔滨的太阳照在超市门口。") == BASELINE
    assert tone("这杯太好喝了")["enthusiasm"] > BASELINE["enthusiasm"] + 10
    assert tone("好喝哈")["formality"] < BASELINE["formality"] - 5


def test_report_carries_the_four_numbers(guide: Guide) -> None:
    report = check("感谢您的支持！", guide)
    assert set(report.to_dict()["tone"]) == {"formality", "enthusiasm", "warmth",
                                              "customer_focus"}
    assert report.tone["warmth"] > BASELINE["warmth"] + 10


def test_out_of_range_finding_names_the_words() -> None:
    g = parse_guide(
        "version: 1\nvoice:\n  tone: {formality: [60, 100]}\n"
        "channels:\n  weibo: {language: zh-Hans, tone: {formality: [0, 100]}}\n",
        "g.yaml", Path("."),
    )
    text = "宝子们！新品来啦～超好喝哒，快来试试呀！"
    (f,) = [f for f in check(text, g).findings if f.rule == "tone.formality"]
    assert f.severity == "warning" and f.category == "tone"
    assert "below the target 60-100" in f.message
    assert "宝子们" in f.message and "哒" in f.message
    # anchored on a word the message names (the feature that moved it most)
    assert text[f.start : f.end] == f.text and f.text in f.message
    # the channel's own range overrides voice.tone
    assert not [f for f in check(text, g, "weibo").findings if f.rule == "tone.formality"]


def test_near_miss_is_a_note_and_a_clear_miss_a_warning() -> None:
    text = "茶叶三月到货！！！！"
    warmth = tone(text)["warmth"]
    g = parse_guide(f"version: 1\nvoice:\n  tone: {{warmth: [{warmth + lexicon().near_miss}, 100],"
                    " enthusiasm: [0, 40]}\n", "g.yaml", Path("."))
    # warmth just short of a warm guide's range; four '！' overshoot enthusiasm by far
    found = {f.rule: f for f in check(text, g).findings if f.category == "tone"}
    assert found["tone.warmth"].severity == "info"
    assert found["tone.enthusiasm"].severity == "warning"
    assert "! ×4" in found["tone.enthusiasm"].message


@pytest.mark.parametrize("text", [
    "30秒看懂一杯白桃乌龙是怎么做出来的 #清泉茶饮# #制茶日常#",
    "Full trip report: https://northpeak.com/ridge-report #NorthPeak @northpeak",
    "写信到 hello@northpeak.com 就可以预约。",
])
def test_brand_in_links_tags_and_handles_is_not_talking_about_us(text: str) -> None:
    t = measure(analyse(text), ["清泉茶饮", "NorthPeak", "northpeak"])
    assert t.first_person == 0 and "brand_name" not in t.observations


@pytest.mark.parametrize(("text", "second"), [
    ("Planning a group trip? Drop our events lead a line and our team will help.", 1),
    ("Sunrise on the ridge. Join our guides this weekend.", 1),
    ("The drop in prices surprised our team and our partners.", 0),  # a noun mid-sentence
    ("欢迎来门店坐坐，我们的茶师都在。", 1),  # an invitation addresses the reader
    ("第一次来的朋友可以先试小杯。", 1),      # readers addressed without 你
    ("有興趣嘅朋友可以搵你哋嘅朋友一齊嚟。", 3),  # Cantonese 你哋
])
def test_imperatives_and_invitations_address_the_reader(text: str, second: int) -> None:
    assert measure(analyse(text)).second_person == second


def test_brand_in_prose_still_counts() -> None:
    t = measure(analyse("清泉茶饮今天上新，清泉茶饮门店都有。"), ["清泉茶饮"])
    assert t.first_person == 2 and t.dimensions["customer_focus"].score < 50


def test_several_dimensions_out_of_range_each_get_a_finding() -> None:
    g = parse_guide(
        "version: 1\nvoice:\n  tone: {formality: [60, 100], enthusiasm: [0, 40], "
        "warmth: [70, 100]}\n", "g.yaml", Path("."),
    )
    found = {f.rule: f for f in check("新品来啦!!! 你会喜欢", g).findings if f.category == "tone"}
    assert set(found) == {"tone.formality", "tone.enthusiasm", "tone.warmth"}
    # the one moved by a word is anchored on it; one with nothing to name covers the post
    assert found["tone.enthusiasm"].text == "来啦"
    assert all(f.text for f in found.values())


@pytest.mark.parametrize(
    ("reply", "phrase"),
    [
        ("这不是我们的问题，请联系快递。", "这不是我们的问题"),
        ("您误会了，活动已经结束。", "您误会了"),
        ("商品售出，概不退换。", "概不退换"),
        ("特價商品恕不退換。", "特價商品恕不退換"),  # the clause that reads cold
        ("唔好意思，呢個真係唔關我哋事。", "呢個真係唔關我哋事"),
        ("你哋自己睇唔清楚條款，我哋都冇辦法。", "你哋自己睇唔清楚條款"),
        ("请您下次下单前看清楚规格。", "请您下次下单前看清楚规格"),
        ("That is not our fault, the courier was late.", "That is not our fault"),
        ("Per our policy, refunds take 14 days.", "Per our policy"),
        ("You should have read the size guide.", "You should have read the size guide"),
        ("You failed to read the terms.", "You failed to read the terms"),
    ],
)
def test_defensive_replies(guide: Guide, reply: str, phrase: str) -> None:
    found = [f for f in check(reply, guide).findings if f.rule == "tone.defensive"]
    assert found[0].text == phrase
    assert found[0].severity == "warning"
    # advice, not a rewrite: a caring reply says what the brand will do, which only the
    # brand knows
    assert not found[0].suggestions and "help" in found[0].message


@pytest.mark.parametrize(
    "reply",
    [
        "很抱歉让您久等了，这次是我们的疏忽，已经为您补发。",
        "抱歉！暂时没办法准时送达，我们已为您安排明天一早补送。",
        "Sorry! We can't refund this one, but we'll send a replacement today.",
        "Our refund policy is on the order page; happy to walk you through it.",
        "规定的营业时间是早上十点到晚上十点，欢迎你来坐坐。",
    ],
)
def test_caring_replies_are_not_defensive(guide: Guide, reply: str) -> None:
    assert [f.text for f in check(reply, guide).findings if f.rule == "tone.defensive"] == []


def test_blaming_reply_falls_below_warmth_and_customer_focus_targets() -> None:
    g = parse_guide("version: 1\nvoice:\n  tone: {warmth: [50, 100], customer_focus: [45, 100]}\n",
                    "g.yaml", Path("."))
    report = check("本店概不退换，是您自己没有看清楚说明。", g)
    assert report.tone["warmth"] < 50 and report.tone["customer_focus"] < 45
    assert {"tone.warmth", "tone.customer_focus", "tone.defensive"} <= {f.rule for f in report.findings}


def test_caring_reply_is_not_defensive(guide: Guide) -> None:
    reply = "非常抱歉给您带来不便，我们理解您的心情，这就为您处理退换。"
    assert [f for f in check(reply, guide).findings if f.category == "tone"] == []


def test_lexicon_errors_are_located() -> None:
    bad = "version: 2\nfeatures:\n  - {id: casual, words: [啦], person: third}\n"
    with pytest.raises(GuideError, match=r"lex.yaml:3:.*unknown person 'third'"):
        parse_lexicon(bad, "lex.yaml")
    dup = "version: 2\nfeatures:\n  - {id: casual, words: [啦]}\n  - {id: casual, words: [呀]}\n"
    with pytest.raises(GuideError, match="lex.yaml:4:.*feature 'casual' is listed twice"):
        parse_lexicon(dup, "lex.yaml")
    old = "version: 1\nmarkers: []\n"
    with pytest.raises(GuideError, match=r"lex.yaml:1:10: 1 is out of range"):
        parse_lexicon(old, "lex.yaml")


MARKERS = ["啦", "！", "!", "😀", "您", "你", "我们", "we", "you", "sorry", "感谢", "特此",
           "超级", "amazing", "這不是我們的問題", "not our fault", "哈哈", "。", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKERS), st.text(max_size=5)), max_size=60))
def test_tone_values_always_within_0_100(parts: list[str]) -> None:
    for value in tone("".join(parts)).values():
        assert 0 <= value <= 100


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["😀", "👨\u200d👩\u200d👧", "<i>", "</i>", "&nbsp;", "ＡＢ",
                                 "　", "\n"]), max_size=6),
       st.sampled_from(["这不是我们的问题", "您誤會了", "not our fault", "宝子们冲鸭啦啦啦"]))
def test_tone_findings_point_at_original_text(noise: list[str], hit: str) -> None:
    g = parse_guide("version: 1\nvoice:\n  tone: {formality: [60, 100], warmth: [60, 100]}\n",
                    "g.yaml", Path("."))
    raw = "".join(noise) + hit + "".join(reversed(noise))
    for f in check(raw, g).findings:
        assert raw[f.start : f.end] == f.text


def test_tone_module_imports_on_its_own() -> None:
    # text.tone uses the checks' matcher and the checks use text.tone: no import cycle
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import voicecheck.text.tone"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
