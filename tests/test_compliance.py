"""Personal contact details: what a brand post must not publish, and the traps that stay."""

from __future__ import annotations

import pytest

from voicecheck.engine import check
from voicecheck.guide import load_guide, parse_guide

DEFAULT = load_guide()
BRAND = parse_guide(
    """
version: 1
language: zh-Hans
compliance:
  allow_handles: [ClearSpringTea]
  allow_domains: [clearspring.cn]
  allow_emails: [amy.pr@gmail.com]
  allow_phones: [138-0013-8000]
""",
    "brand.yaml",
)


def comp(text: str, guide=DEFAULT) -> list[tuple[str, str]]:
    report = check(text, guide)
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    return [(f.rule, f.text) for f in report.findings if f.category == "compliance"]


@pytest.mark.parametrize(("text", "number"), [
    ("团购可以直接打店长电话 138 0013 8000。", "138 0013 8000"),
    ("预约请致电 13900139000，谢谢。", "13900139000"),
    ("联系 +86-139-0013-9000 即可。", "+86-139-0013-9000"),
    ("想預訂的朋友可以直接打給店長 0912-345-678。", "0912-345-678"),
    ("或撥 +886 912 345 678 聯絡我們。", "+886 912 345 678"),
    ("團體預約請 WhatsApp 9123 4567 與店長聯絡。", "9123 4567"),
    ("Call Amy on +852 6123 4567 to book.", "+852 6123 4567"),
])
def test_personal_mobiles(text, number):
    assert ("compliance.personal-phone", number) in comp(text)


@pytest.mark.parametrize("text", [
    "客服热线 400-820-8820（每天9:00-21:00），我们会第一时间处理。",
    "订单号 13800138000 已发货，门店电话 021-62345678。",
    "运单号：SF13800138000，发票号 2024031513800138。",
    "3月15日起满199元减30，价格 91234567 元的套餐不存在。",
    "致電分店 +852 2345 6789，或台北門市 02-2345-6789。",
    "关注公众号：ClearSpringTea，或在微信搜索「清泉茶饮」。",
    "支持微信支付和 QQ群 87654321 里的会员活动。",
    "Our LINE official account is @shanlantea.",
])
def test_traps_stay_silent(text):
    assert comp(text) == []


def test_personal_messaging_ids():
    found = comp("有问题加我微信 hz_amy2024，VX: tea_amy88，或者 QQ 12345678。")
    assert ("compliance.personal-messaging-id", "加我微信 hz_amy2024") in found
    assert ("compliance.personal-messaging-id", "VX: tea_amy88") in found
    assert ("compliance.personal-messaging-id", "QQ 12345678") in found
    assert ("compliance.personal-messaging-id", "LINE ID: shanlan_amy") in comp(
        "或加店長的 LINE ID: shanlan_amy，我們會盡快回覆您。")
    assert ("compliance.personal-messaging-id", "WeChat: amy_outdoors88") in comp(
        "Add our events lead on WeChat: amy_outdoors88 to book.")


def test_personal_emails_and_brand_domains():
    found = comp("简历发到 amy_hr2024@qq.com 或 hello@clearspring.cn。", BRAND)
    assert found == [("compliance.personal-email", "amy_hr2024@qq.com")]
    assert comp("Press: amy.pr@gmail.com", BRAND) == []
    assert comp("Write to amy@agency-x.com", BRAND) == [
        ("compliance.unknown-email-domain", "amy@agency-x.com")]
    assert comp("Write to amy@agency-x.com") == []  # no brand domains listed: no opinion


def test_whitelists():
    assert comp("店长电话 138-0013-8000，微信 ClearSpringTea。", BRAND) == []
    assert comp("店长电话 138-0013-8000，微信 ClearSpringTea。") != []


@pytest.mark.parametrize(("text", "lang", "app"), [
    ("想订团体的朋友可以加我微信 hz_amy2024。", "en", "personal WeChat account"),
    ("想訂團體的朋友可以加店長的 LINE ID: shanlan_amy。", "en", "personal LINE account"),
    ("想订团体的朋友可以加我微信 hz_amy2024。", "zh", "个人微信账号"),
])
def test_messaging_id_message_names_the_app(text, lang, app):
    (f,) = [f for f in check(text, DEFAULT, lang=lang).findings
            if f.rule == "compliance.personal-messaging-id"]
    assert app in f.message
