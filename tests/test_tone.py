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


def found(text: str, feature: str) -> tuple[str, ...]:
    """The words `feature` found in `text` (empty: not found)."""
    o = observe(analyse(text))[0].get(feature)
    return o.words if o else ()


@pytest.mark.parametrize(("text", "ours", "yours"), [
    ("是我们安排得不好，让你久等了。", ("安排得不好",), ()),
    ("係我哋執單嗰陣睇漏咗，真係唔好意思。", (), ()),  # no fault word: nothing to say
    ("是你自己没看清楚说明。", (), ("没看清楚",)),
    ("係你自己冇睇清楚啫。", (), ("冇睇清楚",)),
    ("The error was on our side and we are sorry.", ("error",), ()),
    ("Sorry, the mix-up was ours.", ("mix-up",), ()),  # the subject may come after
    ("You were right: it was our oversight.", ("oversight",), ()),
    ("If you'd read the menu you'd have seen it.", (), ("If you'd", "you'd have")),
    ("这不是我们的错。", (), ()),  # a negated fault owns nothing (and is defensive)
    ("订单出错，已补发。", (), ()),  # a fault said of nobody
])
def test_a_fault_is_ours_or_the_readers_by_the_subject_of_its_clause(
        text: str, ours: tuple[str, ...], yours: tuple[str, ...]) -> None:
    assert found(text, "fault_ours") == ours
    assert found(text, "fault_yours") == yours


def test_owning_a_fault_reads_warmer_than_blaming_the_reader() -> None:
    owned, blamed = tone("是我们打包时没注意，已经给你补发。"), tone("是你自己没注意，已经补发。")
    assert owned["warmth"] > blamed["warmth"] + 10
    assert owned["customer_focus"] > blamed["customer_focus"]


def test_a_greeting_is_polite_not_excited() -> None:
    # the "!" after a greeting is not excitement; the same mark after news is
    assert "exclamation" not in observe(analyse("Hi there! The fee is £30 a year."))[0]
    assert "exclamation" not in observe(analyse("你好！这款面霜孕期可以用。"))[0]
    assert "exclamation" in observe(analyse("Great news! The fee is now £20."))[0]
    # a greeting's 你 addresses no clause of the post
    assert "clauses_we" in observe(analyse("你好，我们今天休息。"))[0]
    assert "greeting" not in lexicon().ids  # a formula has no weight of its own


def test_intensifiers_are_read_with_their_scope() -> None:
    assert found("This one is so good.", "intensified_praise") == ("so good",)
    assert found("Storm's coming, so pack gloves.", "intensified_praise") == ()
    assert found("Storm's coming, so pack gloves.", "intensifier") == ()  # "so" joins clauses
    assert found("这杯真的超好喝", "intensified_praise") == ("超好喝",)
    assert found("非常抱歉让您久等了", "intensified_feeling") == ("非常抱歉",)
    assert found("回家好好休息", "intensified_praise") == ()  # 好好 is how, not praise
    praised = tone("这杯超好喝，真的很香")["enthusiasm"]
    assert praised > tone("这杯是乌龙，是热的")["enthusiasm"] + 10


@pytest.mark.parametrize(("text", "offer"), [
    ("本周第二杯半价，全场8折。", True),
    ("Up to 30% off every jacket this weekend.", True),
    ("满200减30，送完即止。", True),
    ("根据会员守则第八条处理。", False),
    ("今年的第一款夏季限定。", False),
])
def test_what_the_reader_gets_is_an_offer(text: str, offer: bool) -> None:
    assert bool(found(text, "offer")) == offer


def test_clauses_only_about_us_pull_customer_focus_down() -> None:
    about_us = observe(analyse("我们成立于2015年，我们有十二家门店，我们的茶园在南投。"))[0]
    assert about_us["clauses_we"].value == 1.0
    turned = observe(analyse("我们成立于2015年，欢迎你来门店坐坐，你会喜欢的。"))[0]
    assert turned["clauses_we"].value == pytest.approx(1 / 3)
    assert tone("我们成立于2015年，欢迎你来门店坐坐。")["customer_focus"] > tone(
        "我们成立于2015年，我们有十二家门店。")["customer_focus"]


def test_a_clause_feature_highlights_its_clause() -> None:
    g = parse_guide("version: 1\nvoice:\n  tone: {warmth: [50, 100]}\n", "g.yaml", Path("."))
    text = "你好，鞋底开胶属于人为损坏，请理解。"
    (f,) = [f for f in check(text, g).findings if f.rule == "tone.warmth"]
    assert f.text == "鞋底开胶属于人为损坏" and "人为损坏" in f.message


def test_the_reader_told_coldly_is_not_the_reader_served() -> None:
    told = observe(analyse("你要退货就自己填表单寄回来，运费你出。"))[0]
    assert told["told_coldly"].count == 2 and "you" not in told
    served = observe(analyse("你要退货的话，我们帮你填好表单，运费我们出。"))[0]
    assert "told_coldly" not in served and served["you"].count == 2
    assert tone("你要退货的话，我们帮你填好表单。")["warmth"] > tone(
        "你要退货就自己填表单寄回来。")["warmth"] + 10


def test_greetings_and_quantities_are_not_excitement() -> None:
    assert found("Hi! The annual fee is £30.", "casual_en") == ()
    assert found("Thank you for so many years.", "intensified_praise") == ()
    assert found("该优惠券已过期，请理解。", "care") == ()  # 请理解 asks, it does not understand
    assert found("该优惠券已过期，请理解。", "refusal") == ("请理解",)


def test_condolences_are_warm() -> None:
    text = "本校前校长于本月3日安详离世，全体师生深表哀悼，谨向其家人致以慰问。"
    assert set(found(text, "care")) == {"深表哀悼", "慰问"}


def test_cantonese_apologies_and_degree_complements() -> None:
    assert found("真係好對唔住，係我哋排期出錯。", "apology") == ("對唔住",)
    assert found("真係好唔好意思，星期六要改期。", "apology") == ("好唔好意思",)  # not 好唔好
    assert found("黃昏坐喺海邊看日落，美得令人捨不得離開。", "exclamative") == ("美得令人",)


def test_cheers_and_trap_words_for_enthusiasm() -> None:
    assert found("新品上市，手刀冲！", "excited") == ("手刀冲",)
    assert found("这件冲锋衣防水。", "excited") == ()


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
    unknown = "version: 2\nfeatures:\n  - {id: fault, words: [\"@faults\"]}\n"
    with pytest.raises(GuideError, match="lex.yaml:3:.*feature 'fault': no list 'faults'"):
        parse_lexicon(unknown, "lex.yaml")
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
