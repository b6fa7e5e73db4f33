"""Whole-post conversion and the `voicecheck convert` command."""

from __future__ import annotations

import pytest

from voicecheck.cli import main
from voicecheck.convert import convert

DRAFT = (
    "我们的新视频里有软件教程和网络信息，以后再来。台湾的质量很好，皇后在公里外。"
    "https://a.cn/x 欢迎关注视频号"
)


def test_to_taiwan_script_and_vocabulary():
    out = convert(DRAFT, "zh-Hant-TW")
    assert out.startswith("我們的新影片裡有軟體教程和網路資訊，以後再來。台灣的品質很好")
    assert "皇后在公里外" in out and "https://a.cn/x" in out and out.endswith("視頻號")


def test_to_hong_kong_keeps_hong_kong_words():
    out = convert(DRAFT, "zh-Hant-HK")
    assert "影片裏" in out and "軟件" in out and "網絡資訊" in out and "質素" in out


def test_to_generic_traditional_is_script_only():
    out = convert(DRAFT, "zh-Hant")
    assert "視頻" in out and "軟件" in out and "以後" in out


def test_back_to_simplified():
    assert convert("這裡的茶，我們後來回覆了。", "zh-Hans") == "这里的茶，我们后来回复了。"


def test_taiwan_post_to_mainland_wording():
    out = convert("這款軟體的螢幕很清楚，記得按讚、私訊我們。", "zh-Hans")
    assert out == "这款软件的屏幕很清楚，记得点赞、私信我们。"


def test_english_and_layout_untouched():
    text = "New menu!\n\n  Brewed fresh 👍 https://northpeak.com\n"
    for loc in ("zh-Hans", "zh-Hant-TW"):
        assert convert(text, loc) == text


def test_unknown_locale():
    with pytest.raises(ValueError):
        convert("你好", "ja")


def test_cli_convert(tmp_path, capsys):
    f = tmp_path / "draft.txt"
    f.write_text("这里的视频", encoding="utf-8")
    assert main(["convert", "--to", "zh-Hant-TW", str(f)]) == 0
    assert capsys.readouterr().out == "這裡的影片"
    assert f.read_text(encoding="utf-8") == "这里的视频"  # never modifies the file


def test_cli_convert_bad_input(tmp_path, capsys):
    assert main(["convert", "--to", "zh-Hant-TW", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt:1:1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["convert", "--to", "klingon", str(tmp_path / "x.txt")])
    assert exc.value.code == 2
