"""Finding messages in English and Chinese: the catalog, every rule family, localized notes."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from test_samples import CASES, GUIDES, ROOT, SAMPLES

from voicecheck import data, messages
from voicecheck.campaign import campaign_findings
from voicecheck.cli import main
from voicecheck.engine import check
from voicecheck.findings import Report
from voicecheck.guide import GuideError, load_guide, parse_guide
from voicecheck.text.script import HAN
from voicecheck.text.tone import lexicon


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


@pytest.mark.parametrize("key", sorted(messages.catalog()))
def test_catalog_entry_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = messages.catalog()[key]
    assert set(entry) == {"en", "zh"}
    assert _fields(entry["en"]) == _fields(entry["zh"])


def test_chinese_templates_space_latin_and_numbers_only_at_placeholders() -> None:
    assert messages.say("zh", "channel.too-many-hashtags", count=5, channel="X", limit=2) == (
        "用了 5 个话题标签，超出 X 的上限（2 个）。只保留读者真正会搜索的。")
    # a placeholder's own text is left exactly as written
    assert messages.say("zh", "terminology.avoid", want="会员", written="VIP会员") == (
        "应写作“会员”，而不是“VIP会员”。")


def test_note_picks_the_run_language_and_falls_back_to_the_other() -> None:
    assert messages.pick({"en": "One word.", "zh": "一个词。"}, "zh") == "一个词。"
    assert messages.pick({"en": "One word."}, "zh") == "One word."
    assert messages.pick({"zh": "一个词。"}, "en") == "一个词。"
    assert messages.pick("As written.", "zh") == "As written."


def test_lists_and_cut_lists() -> None:
    assert messages.listing("en", ["a", "b", "c"], 2) == "a, b and 1 more"
    assert messages.listing("zh", ["a", "b", "c"], 2) == "a、b 等另外 1 个"


# --- every rule family in Chinese ---------------------------------------------------------

BRAND = "version: 1\nbrand: {name: ClearSpring}\n"  # a guide with no term for the name


def _guide(name: str | None = None):
    if name == BRAND:
        return parse_guide(BRAND, "brand.yaml", Path("."))
    return load_guide(ROOT / "styleguides" / name) if name else load_guide()


# (guide, channel, post, rule, a piece of the Chinese message)
FAMILIES = [
    (None, None, "亲们，新品到店，欢迎来尝。", "terminology.banned", "不符合我们的品牌语气"),
    (None, None, "成为我们的VIP会员，欢迎来尝。", "terminology.avoid", "应写作“会员”"),
    (BRAND, None, "Clearspring 的新品到店，欢迎来尝。", "terminology.brand-name",
     "品牌名应写作“ClearSpring”，而不是“Clearspring”。"),
    (None, None, "全网最低价，欢迎你来尝。", "promotion.absolute-claim",
     "“全网最低价”属于绝对化用语。《广告法》第九条"),
    (None, None, "手慢无，欢迎你来尝。", "promotion.hard-sell", "请写明真实的期限或数量"),
    (None, "x", "BUY ONE GET ONE FREE this weekend for you.", "promotion.all-caps", "全部大写"),
    (None, None, "新品到了！真好喝！快来！欢迎你！", "promotion.exclamations", "个感叹号"),
    (None, None, "新品到了😀😀😀😀😀，欢迎你。", "promotion.emoji", "个表情"),
    (None, None, "我们的新品是我们最用心的作品，我们的团队为我们的门店准备了很久。",
     "promotion.self-promotion", "却一次也没有对读者说话"),
    (None, None, "这不是我们的问题，您自己没看说明。", "tone.defensive", "听起来像在辩解"),
    (None, "weibo", "亲们新品来啦！！超好喝哦～宝子们冲鸭！", "tone.", "影响最大的是："),
    (None, "weibo", "#清泉茶饮 新品到店，欢迎你来尝。", "channel.hashtag-style",
     "微博话题应写成 #话题#（前后都有 #），“#清泉茶饮”不会被识别为话题。"),
    (None, "x", "We hope you like it. " * 20, "channel.too-long", "X 最多 280 字"),
    (None, "weibo", "This is our new tea and we hope you will love it very much.",
     "channel.language", "而微博频道设定为中文（zh-Hans）"),
    ("shanlan-tea-house-zh-hant.yaml", "facebook", "歡迎您來看我們的新視頻，這里很好。",
     "script.", "是简体字"),
    ("shanlan-tea-house-zh-hant.yaml", "facebook", "歡迎您來看我們的新视频。",
     "script.regional-vocabulary", "台湾读者习惯说“影片”"),
    (None, "wechat", "新品上市啦,欢迎你来尝尝.", "formatting.", "中文句子里用了半角"),
    (None, None, "欢迎你来尝尝ClearSpring新品。", "formatting.cjk-spacing", "中文与英文单词之间"),
    (None, None, "欢迎你来尝，店长电话13812345678。", "compliance.personal-phone",
     "疑似个人内地手机号"),
    (None, None, "欢迎你来尝，有事发邮件到 amy.w@gmail.com。", "compliance.personal-email",
     "是个人邮箱（gmail.com）"),
]


@pytest.mark.parametrize(("guide_name", "channel", "post", "rule", "expected"), FAMILIES)
def test_each_rule_family_speaks_chinese(guide_name, channel, post, rule, expected) -> None:
    guide = _guide(guide_name)
    zh = [f for f in check(post, guide, channel, lang="zh").findings if f.rule.startswith(rule)]
    en = [f for f in check(post, guide, channel).findings if f.rule.startswith(rule)]
    assert zh, f"no {rule} finding"
    assert any(expected in f.message for f in zh), [f.message for f in zh]
    assert all(HAN.search(f.message) for f in zh)
    assert [f.message for f in en] != [f.message for f in zh]


def test_tone_names_signs_and_advice_in_chinese() -> None:
    report = check("新品来啦！！！超好喝！！！😀😀", _guide(), "weibo", lang="zh")
    (f,) = [f for f in report.findings if f.rule == "tone.enthusiasm"]
    assert f.message.startswith("“热情度”得分") and "高于微博的目标区间" in f.message
    assert "感叹号×" in f.message
    assert f.message.endswith(lexicon().advice["enthusiasm"]["high"]["zh"])


def _campaign_reports() -> list[Report]:
    def report(source: str, text: str, channel: str) -> Report:
        return Report(file=source, channel=channel, language="", detected_language="",
                      score=100, passed=True, scores={}, tone={}, text=text, source=source,
                      campaign="春季上新")
    return [report("ex/weibo/a.txt", "3月15日开售 #清泉茶饮#", "weibo"),
            report("ex/x/b.txt", "On sale March 16 #ClearSpringTea", "x"),
            report("ex/wechat/c.txt", "3月15日开售 #清泉 茶饮#", "wechat")]


def test_campaign_findings_in_chinese() -> None:
    en = campaign_findings(_campaign_reports())
    zh = campaign_findings(_campaign_reports(), lang="zh")
    (date,) = zh["ex/x/b.txt"]
    assert date.message == ("活动“春季上新”：日期“March 16”与 wechat/c.txt、weibo/a.txt 中的“3月15日”"
                            "不一致。")
    assert [(f.rule, f.start, f.end) for fs in en.values() for f in fs] == [
        (f.rule, f.start, f.end) for fs in zh.values() for f in fs]


# --- English and Chinese runs differ only in their messages ---------------------------------

def _without_messages(report: Report) -> dict:
    d = report.to_dict()
    for f in d["findings"]:
        f.pop("message")
    return d


@pytest.mark.parametrize("sample", sorted(CASES))
def test_languages_agree_on_everything_but_the_words(sample: str) -> None:
    guide_key, channel, _ = CASES[sample]
    guide = _guide(GUIDES[guide_key])
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    en, zh = check(text, guide, channel), check(text, guide, channel, lang="zh")
    assert _without_messages(en) == _without_messages(zh)
    assert all(HAN.search(f.message) for f in zh.findings)


# --- localized notes in guides ---------------------------------------------------------------

NOTE_GUIDE = """\
version: 1
terms:
  - avoid: [亲们]
    note: {note}
promotion:
  claims:
    - {{text: 史上最低, note: {{en: Never say it., zh: 不要这样说。}}}}
"""


def test_a_localized_note_validates_and_follows_the_run_language() -> None:
    guide = parse_guide(NOTE_GUIDE.format(note="{en: Say 你 or 您., zh: 直接称呼“你”或“您”。}"),
                        "g.yaml", Path("."))
    assert guide.terms[0].note == {"en": "Say 你 or 您.", "zh": "直接称呼“你”或“您”。"}
    post = "亲们，史上最低，欢迎你来尝。"
    zh = {f.rule: f.message for f in check(post, guide, lang="zh").findings}
    en = {f.rule: f.message for f in check(post, guide).findings}
    assert zh["terminology.banned"].endswith("请勿使用。直接称呼“你”或“您”。")
    assert en["terminology.banned"] == "'亲们' is not used in our voice. Say 你 or 您."
    assert zh["promotion.absolute-claim"].endswith("不要这样说。")
    assert en["promotion.absolute-claim"].endswith("Never say it.")


def test_a_one_language_note_is_used_for_both() -> None:
    guide = parse_guide(NOTE_GUIDE.format(note="{zh: 只写了中文。}"), "g.yaml", Path("."))
    (f,) = [f for f in check("亲们好", guide).findings if f.rule == "terminology.banned"]
    assert f.message.endswith("只写了中文。")


@pytest.mark.parametrize(("note", "column", "error"), [
    ("{fr: x}", 12, "unknown key 'fr'"),
    ("42", 11, "expected text or {en: …, zh: …}, got '42'"),
    ("{}", 11, "got an empty mapping"),
    ("{en: [a, b]}", 16, "expected text, got a list"),
])
def test_a_bad_note_is_a_located_error(note: str, column: int, error: str) -> None:
    with pytest.raises(GuideError) as exc:
        parse_guide(NOTE_GUIDE.format(note=note), "g.yaml", Path("."))
    (problem,) = exc.value.problems
    assert (problem.file, problem.line, problem.column) == ("g.yaml", 4, column)
    assert error in problem.message


def test_builtin_notes_and_tone_advice_have_chinese() -> None:
    guide = load_guide()
    notes = [c.note for c in [*guide.promotion.claims, *guide.promotion.hard_sell] if c.note]
    notes += [t.note for t in guide.terms if t.note]
    assert notes and all(isinstance(n, dict) and HAN.search(n["zh"]) for n in notes)
    advice = [a for d in lexicon().advice.values() for a in d.values()]
    assert len(advice) == 8 and all(HAN.search(a["zh"]) and a["en"].isascii() or "你" in a["en"]
                                    for a in advice)


def test_messages_catalog_is_loaded_by_the_rules_loader() -> None:
    assert data.rules("messages")["messages"] is messages.catalog()


# --- the command line -------------------------------------------------------------------------

def test_cli_check_lang_zh_changes_only_the_messages(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("亲们！全网最低价，成为VIP会员！！", encoding="utf-8")
    outputs = {}
    for lang in ("en", "zh"):
        assert main(["check", "--format", "json", "--lang", lang, str(draft)]) == 1
        outputs[lang] = json.loads(capsys.readouterr().out)
    assert main(["check", "--format", "json", str(draft)]) == 1
    assert json.loads(capsys.readouterr().out) == outputs["en"]  # en is the default
    en, zh = outputs["en"], outputs["zh"]
    assert [f["message"] for f in en["findings"]] != [f["message"] for f in zh["findings"]]
    for d in (en, zh):
        for f in d["findings"]:
            f.pop("message")
    assert en == zh
    assert main(["check", "--lang", "zh", str(draft)]) == 1
    assert "“全网最低价”属于绝对化用语。《广告法》第九条" in capsys.readouterr().out


def test_cli_batch_lang_zh_reaches_worker_processes(tmp_path: Path) -> None:
    root = tmp_path / "exports" / "春季上新"
    for channel, text in (("weibo", "3月15日开售，亲们快来！"), ("x", "On sale March 16.")):
        (root / channel).mkdir(parents=True)
        (root / channel / "post.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["batch", str(tmp_path / "exports"), "--workers", "2", "--lang", "zh",
                 "--json", str(out)]) in (0, 1)
    findings = [f for r in json.loads(out.read_text(encoding="utf-8")) for f in r["findings"]]
    rules = {f["rule"] for f in findings}
    assert {"terminology.banned", "campaign.date"} <= rules
    assert all(HAN.search(f["message"]) for f in findings)


def test_traditional_chinese_converts_our_words_never_the_post() -> None:
    text = "亲们！全网最低价，欢迎来尝。"
    zh = check(text, load_guide(None), "weibo", lang="zh")
    hant = check(text, load_guide(None), "weibo", lang="zh-Hant")
    assert [(f.rule, f.start, f.end, f.suggestions) for f in hant.findings] == [
        (f.rule, f.start, f.end, f.suggestions) for f in zh.findings]
    claim = next(f.message for f in hant.findings if f.rule == "promotion.absolute-claim")
    assert claim.startswith("“全网最低价”屬於絕對化用語")  # the quote is the post, as written
    assert "《廣告法》" in claim


def test_cli_lang_zh_hant(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("全网最低价", encoding="utf-8")
    assert main(["check", "--lang", "zh-Hant", "--color", "never", str(draft)]) == 1
    out = capsys.readouterr().out
    assert "屬於絕對化用語" in out and "未通過" in out
