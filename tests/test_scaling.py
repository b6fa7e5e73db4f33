"""Per-post work grows linearly with the post (issue 16: dense posts were quadratic).

Measured as Python and C function calls (a profile hook counts them), not seconds: the
count is deterministic, and a scan over every link or sentence per punctuation mark,
or difflib over a whole 2 MB line, multiplies it by 16 when the post grows 4 times.
"""

from __future__ import annotations

import sys

import pytest

from voicecheck.engine import check
from voicecheck.guide import load_guide

GUIDE = load_guide()


def _calls(text: str) -> int:
    count = 0

    def hook(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        count += 1

    sys.setprofile(hook)
    try:
        report = check(text, GUIDE, "weibo")
    finally:
        sys.setprofile(None)
    assert all(text[f.start : f.end] == f.text for f in report.findings)
    return count


@pytest.mark.parametrize("unit", [
    # every kind of entity, phone, messaging ID, shouting and punctuation, line by line
    "亲们！新品上市啦！！全网最低价, 快来 https://a.example.com/x?y=1 #夏日# @清泉 "
    "hi@gmail.com 13800138000 加我微信 abc12345 Buy NOW！ 🇺🇸🇨🇳 OK. 好喝,真的(限时)。\n",
    # one endless line that autocorrect rewrites everywhere
    "好喝,真的 iPhone很好 #话题# @某人 a.com 最好！",
])
def test_work_grows_linearly_with_a_dense_post(unit):
    check(unit, GUIDE, "weibo")  # load what is loaded once
    small, large = _calls(unit * 30), _calls(unit * 120)
    assert large / small < 5.5, (small, large)


@pytest.mark.parametrize("unit", [
    # one rule's findings were each checked for overlap against every one kept
    # (engine._dedupe): 6.0x for 4x the post
    "最好，",
    # tone: every "you" against every one counted, every question against every "you"
    # and the brand name against every "you" (5.45x); 400 of it stay under
    # matching.INDEXED_CHARS, past which matching takes another (also linear) path
    "Do you like it? You and ClearSpring! ",
])
def test_work_grows_linearly_with_one_phrase_repeated(unit):
    check(unit, GUIDE, "weibo")
    small, large = _calls(unit * 100), _calls(unit * 400)
    assert large / small < 4.8, (small, large)
