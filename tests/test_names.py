"""Names a person reads: channels by their names (keys stay in files and JSON), Qt's own
dialogs in the UI language, singular and plural."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from voicecheck import messages
from voicecheck.cli import main
from voicecheck.engine import UnknownChannel, resolve_channel
from voicecheck.gui import i18n
from voicecheck.gui.batch_view import BatchView
from voicecheck.gui.review import ReviewWorkspace
from voicecheck.guide import load_guide

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("lang", "key", "shown"), [
    ("en", "xiaohongshu", "Xiaohongshu"), ("zh", "xiaohongshu", "小红书"),
    ("zh-Hant", "xiaohongshu", "小紅書"), ("en", "x", "X"), ("en", "linkedin", "LinkedIn"),
    ("zh", "weibo", "微博"), ("en", "facebook_hk", "Facebook (Hong Kong)"),
    ("zh-Hant", "instagram_hk", "Instagram（香港）"), ("en", "my_blog", "my_blog"),
])
def test_channel_names(lang: str, key: str, shown: str) -> None:
    assert messages.channel_name(lang, key) == shown


def test_the_default_profile_has_a_name_but_sentences_keep_the_word() -> None:
    assert messages.channel_label("en", "default") == "default profile"
    assert messages.channel_label("zh", None) == "默认配置"


@pytest.mark.parametrize(("typed", "key"), [
    ("weibo", "weibo"), ("Weibo", "weibo"), ("微博", "weibo"), ("WEIBO", "weibo"),
    ("小紅書", "xiaohongshu"), ("Xiaohongshu", "xiaohongshu"), ("twitter", "x"),
    ("领英", "linkedin"),
])
def test_channels_are_found_by_any_name_a_person_uses(typed: str, key: str) -> None:
    assert resolve_channel(load_guide(None), typed) == key


def test_regional_channel_by_its_shown_name_and_unknown_names() -> None:
    guide = load_guide(ROOT / "styleguides" / "shanlan-tea-house-zh-hant.yaml")
    assert resolve_channel(guide, "Facebook (Hong Kong)") == "facebook_hk"
    assert resolve_channel(guide, "Facebook（香港）") == "facebook_hk"
    with pytest.raises(UnknownChannel):
        resolve_channel(guide, "微博")  # this guide has no Weibo profile
    with pytest.raises(UnknownChannel):
        resolve_channel(guide, "tiktok")


@pytest.mark.parametrize("typed", ["Weibo", "微博"])
def test_cli_channel_by_name_keeps_the_key_in_json(tmp_path: Path, capsys, typed: str) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("#清泉新品 上市了，欢迎你来尝。", encoding="utf-8")
    main(["check", "--channel", typed, "--format", "json", str(draft)])
    report = json.loads(capsys.readouterr().out)
    assert report["channel"] == "weibo"
    assert "channel.hashtag-style" in {f["rule"] for f in report["findings"]}


def test_cli_text_summary_names_the_channel(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("新品上市，欢迎你来尝。", encoding="utf-8")
    main(["check", "-c", "xiaohongshu", str(draft)])
    assert "(Xiaohongshu, zh-Hans)" in capsys.readouterr().out
    main(["check", "-c", "xiaohongshu", "--lang", "zh", str(draft)])
    assert "小红书" in capsys.readouterr().out


def test_singular_forms() -> None:
    assert messages.say_n("en", "promotion.exclamations", 1, total=1, limit=0).startswith(
        "1 exclamation mark in")
    assert messages.say_n("en", "promotion.exclamations", 3, total=3, limit=1).startswith(
        "3 exclamation marks in")
    assert i18n.tr_n(1, "{0} finding", "{0} findings") == "1 finding"
    assert i18n.tr_n(2, "{0} finding", "{0} findings") == "2 findings"


def test_review_and_batch_list_channels_by_name(qtbot, english) -> None:
    guide = load_guide(None)
    review, batch = ReviewWorkspace(guide), BatchView()
    qtbot.addWidget(review)
    qtbot.addWidget(batch)
    batch.set_guide(guide)

    def shown(combo) -> dict[object, str]:
        return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}

    assert shown(review.channel)["xiaohongshu"] == "Xiaohongshu"
    assert shown(review.channel)[None] == "default profile"
    i18n.set_language("zh")
    review.retranslate()
    batch.retranslate()
    assert shown(review.channel)["xiaohongshu"] == "小红书"
    assert shown(review.channel)[None] == "默认配置"
    assert shown(batch.channel_box)["weibo"] == "微博"
    review.set_channel("xiaohongshu")
    assert review.channel_name() == "xiaohongshu"  # the key, for the check
    assert "小红书" in review.preview.title.text()
    review.runner.wait()


def test_qt_own_buttons_follow_the_ui_language(qapp, english, tmp_path) -> None:
    def cancel_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")

    assert cancel_text() == "Cancel"
    i18n.set_language("zh")
    assert cancel_text() == "取消"
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    dialog = QFileDialog(None, "t", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert labels and not any(re.search("[A-Za-z]{3}", t) for t in labels), labels
    i18n.set_language("zh-Hant")
    assert cancel_text() == "取消"
    assert QCoreApplication.translate("QFileDialog", "&Open") != "&Open"
    i18n.set_language("en")
    assert cancel_text() == "Cancel"
