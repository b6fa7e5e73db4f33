"""Script and regional vocabulary on Simplified, Traditional (TW/HK) and English posts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.engine import check
from voicecheck.guide import parse_guide

GUIDE = parse_guide(
    """
version: 1
language: zh-Hans
brand: {name: 山嵐茶屋}
channels:
  weibo: {language: zh-Hans}
  tw: {language: zh-Hant-TW}
  hk: {language: zh-Hant-HK}
  hant: {language: zh-Hant}
  x: {language: en}
""",
    "test.yaml",
)


def script(text: str, channel: str | None) -> list[tuple[str, str, tuple[str, ...]]]:
    report = check(text, GUIDE, channel)
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    return [(f.rule, f.text, f.suggestions) for f in report.findings if f.category == "script"]


def has(found, rule: str, wrong: str, right: str) -> bool:
    """A finding on the word around `wrong` (jieba decides its extent) suggesting `right`."""
    return any(r == rule and wrong in t and s == (t.replace(wrong, right),) for r, t, s in found)


def test_simplified_chars_in_taiwan_post_with_locale_forms():
    found = script("山嵐茶屋信義門市這週末有品茶體驗，這里準備了茶點，也易于入門。", "tw")
    assert has(found, "script.simplified-in-traditional", "這里", "這裡")
    assert has(found, "script.simplified-in-traditional", "易于", "易於")
    hk = script("山嵐茶屋銅鑼灣分店這週末有品茶體驗，這里準備了茶點。", "hk")
    assert has(hk, "script.simplified-in-traditional", "這里", "這裏")


@pytest.mark.parametrize("text", [
    "乾杯之前，先聞一聞茶香。我們在台北、台中各有一間門市，離捷運站只有幾百公尺。",
    "茶几上的那壺「皇后紅茶」是店長的私房推薦，也是許多著名茶人喜歡的味道。",
    "頭髮乾了再出門，喝一杯熱茶，後來的事就交給時間。",
    "人的茶，天天喝。",
])
def test_valid_traditional_is_silent(text):
    assert script(text, "tw") == []
    assert script(text, "hant") == []


@pytest.mark.parametrize("text", [
    "我们的乾坤袋很著名，茶几上放着皇后的照片，于是我们回复了大家。",
    "今天的茶，人人都喜欢。后来我们又去了公里外的茶园。",
])
def test_valid_simplified_is_silent(text):
    assert script(text, "weibo") == []


def test_traditional_chars_in_simplified_post():
    found = script("我们的新品於是上线了，后来大家都回覆说好喝。", "weibo")
    # the word around a wrong character; for one-to-many characters the OpenCC phrase
    # that decides it (覆 alone is fine in Simplified: 覆盖)
    assert ("script.traditional-in-simplified", "於是", ("于是",)) in found
    assert ("script.traditional-in-simplified", "回覆", ("回复",)) in found
    assert len(found) == 2  # 后 in 后来 is fine in Simplified


def test_one_to_many_chars_flag_only_where_the_phrase_says_so():
    found = script("我們以后再來，心里很開心，麵包很好吃。", "tw")
    texts = {t for _, t, _ in found}
    assert any("以后" in t for t in texts) and any("心里" in t for t in texts)
    assert not script("皇后在三公里外的茶园。", "tw")[1:]  # only the Simplified 园 word


def test_whole_post_in_wrong_script_is_one_finding_with_conversion():
    text = "秋天到了，山岚茶屋的桂花乌龙回来了。我们还拍了一支制茶的视频，欢迎大家看看。"
    found = script(text, "tw")
    wrong = [f for f in found if f[0] == "script.wrong-script"]
    assert len(wrong) == 1 and wrong[0][1] == text
    assert wrong[0][2][0].startswith("秋天到了，山嵐茶屋的桂花烏龍回來了。")
    assert "影片" in wrong[0][2][0]
    assert ("script.regional-vocabulary", "视频", ("影片",)) in found
    assert not [f for f in found if f[0] == "script.simplified-in-traditional"]


@pytest.mark.parametrize(("word", "tw"), [
    ("視頻", "影片"), ("軟件", "軟體"), ("信息", "資訊"), ("網絡", "網路"), ("鼠標", "滑鼠"),
    ("質量", "品質"),
])
def test_mainland_vocabulary_in_taiwan(word, tw):
    found = script(f"我們的{word}很好，歡迎您來看看。", "tw")
    assert ("script.regional-vocabulary", word, (tw,)) in found


@pytest.mark.parametrize(("word", "mainland"), [
    ("软体", "软件"), ("軟體", "软件"), ("萤幕", "屏幕"), ("按赞", "点赞"), ("私讯", "私信"),
    ("质素", "质量"),
])
def test_taiwan_and_hong_kong_vocabulary_in_a_mainland_post(word, mainland):
    found = script(f"这次的{word}很好，欢迎你来看看。", "weibo")
    assert any(r == "script.regional-vocabulary" and t == word and s == (mainland,)
               for r, t, s in found), found


@pytest.mark.parametrize("text", [
    "家里的无线网路由器坏了，换了一个新的。",  # 网/路由器, not 网路
    "这个三位数位置不对。",                    # 数/位置, not 数位
    "这部影片很好看，资讯也很丰富。",            # 影片 (a film) and 资讯 are mainland words too
    "我们的软件和网络都升级了。",
])
def test_mainland_post_traps(text):
    assert script(text, "weibo") == []


def test_hong_kong_keeps_its_own_words():
    assert script("我們的軟件和網絡服務，歡迎在網上預約。", "hk") == []
    found = script("我們拍了一段視頻，茶葉質量如何把關都會分享。最新信息請留意專頁。", "hk")
    assert {(t, s) for _, t, s in found} >= {
        ("視頻", ("影片",)), ("質量", ("質素",)), ("信息", ("資訊",))}


def test_taiwan_words_that_openCC_lists_but_are_fine_in_marketing():
    # 菜單 (a menu), 項目, 程序, 支持, 用戶 are normal Taiwan usage outside software.
    assert script("本季菜單新增三個項目，申請程序很簡單，感謝用戶支持。", "tw") == []


def test_product_name_exception():
    """視頻號 (WeChat Channels) is a name; the 關注 before 我們 is the mainland's "follow"."""
    assert script("歡迎關注我們的視頻號。", "tw") == [
        ("script.regional-vocabulary", "關注", ("追蹤",))]
    assert script("歡迎收看我們的視頻號。", "tw") == []


def test_mixed_scripts_on_english_channel_flag_the_minority():
    found = script("我们的新品上線了，欢迎来体验。", "x")
    assert has(found, "script.mixed", "上線", "上线")


def test_english_post_has_no_script_findings():
    assert script("Our autumn menu is here: osmanthus oolong, brewed fresh.", "tw") == []


def test_brand_name_in_its_own_script_is_not_flagged():
    assert script("山嵐茶屋的新品上线了，欢迎大家来尝尝。", "weibo") == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="我们們的这這里裡后後乾干台灣湾视頻频，。 abc", max_size=30))
def test_findings_are_exact_spans(text):
    script(text, "tw")
    script(text, "weibo")


_MIXED = "后里面干发台系只才表皇天以公乾隆頭髮發財裡裏并于是的人茶，。 !a1〇．"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_MIXED, max_size=40), st.sampled_from(["s2t", "t2s", "t2tw", "t2hk"]))
def test_converting_runs_equals_converting_the_text(text: str, config: str) -> None:
    """Only runs holding a character the tables change are converted: the result must be
    OpenCC's own, whatever the phrases around."""
    from voicecheck.text.script import convert_runs, converter

    assert convert_runs(text, config) == converter(config).convert(text)


def test_region_variants_after_s2t_are_opencc_s2tw_and_s2hk() -> None:
    from voicecheck.text.script import converter

    text = "以后在台湾发表的文章里面，头发干了才系上发带；皇后的公里数。"
    traditional = converter("s2t").convert(text)
    assert converter("t2tw").convert(traditional) == converter("s2tw").convert(text)
    assert converter("t2hk").convert(traditional) == converter("s2hk").convert(text)


_CONFIGS = ("s2t", "t2s", "t2tw", "t2hk", "s2tw", "s2hk")


@pytest.fixture(scope="module")
def opencc_pairs():
    import opencc

    from voicecheck.text.script import converter

    return {c: (opencc.OpenCC(c), converter(c)) for c in _CONFIGS}


def _piece(keys: list[str]) -> st.SearchStrategy[str]:
    """Text made of dictionary keys, cut anywhere and run together, among other
    characters and OpenCC's separators: where longest-match choices compete."""
    return st.lists(st.one_of(st.sampled_from(keys).flatmap(
        lambda k: st.integers(0, len(k)).map(lambda i: k[i:])),
        st.sampled_from(list("的了，。 \n-ABC好人茶"))), max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), config=st.sampled_from(_CONFIGS))
def test_our_converter_gives_what_opencc_gives(opencc_pairs, data, config: str) -> None:
    """The converter every check uses reimplements OpenCC's matching for speed; it must
    never give another text (后/後 in 皇后 and 以后, 乾隆, 香薰 hinge on it)."""
    theirs, ours = opencc_pairs[config]
    keys = sorted({k for group in ours._chain for table in group for k in table.entries})
    text = data.draw(_piece(keys))
    assert ours.convert(text) == theirs.convert(text)


def test_our_converter_where_two_keys_overlap(opencc_pairs) -> None:
    """Two keys of one length sharing a character (AB, BC in ABC): OpenCC takes the
    leftmost; the strings where taking the other would change the text."""
    for config in ("s2t", "t2s"):
        theirs, ours = opencc_pairs[config]
        table = ours._chain[0][0].entries
        pairs = {}
        for key in table:
            if len(key) == 2:
                pairs.setdefault(key[0], []).append(key)
        tried = 0
        for key in table:
            for other in pairs.get(key[-1], []) if len(key) == 2 else ():
                text = key + other[1]
                if table[key] + theirs.convert(other[1]) != theirs.convert(key[0]) + table[other]:
                    assert ours.convert(text) == theirs.convert(text), text
                    tried += 1
            if tried >= 100:
                break
        assert tried >= 50


@pytest.mark.parametrize("text", ["以后皇后天后都来了", "乾隆年间的乾坤", "香薰蜡烛，慰藉心灵",
                                  "頭髮發展，後來回覆", "台灣的軟體與網路", ""])
def test_our_converter_on_one_to_many_words(opencc_pairs, text: str) -> None:
    for theirs, ours in opencc_pairs.values():
        assert ours.convert(text) == theirs.convert(text)
