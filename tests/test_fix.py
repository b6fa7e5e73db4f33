"""`voicecheck fix`: safe suggestions only, every encoding kept, files and links kept."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.cli import main
from voicecheck.draft import check_draft
from voicecheck.fix import edits, fix_text
from voicecheck.guide import parse_guide

GUIDE_YAML = """\
version: 1
language: zh-Hans
brand: {name: ClearSpring}
terms:
  - prefer: 会员
    avoid: [VIP]
channels:
  weibo: {language: zh-Hans}
  facebook_tw: {language: zh-Hant-TW}
"""
DRAFT = "欢迎成为VIP,用iPhone拍照!!全网最低价。\n关注Clearspring。\n"
FIXED = "欢迎成为会员，用 iPhone 拍照！全网最低价。\n关注 ClearSpring。\n"
TW_DRAFT = "歡迎來我們的門市，新品視頻在這裡，以后每週更新。\n"  # 视频 is mainland, 以后 Simplified
TW_FIXED = "歡迎來我們的門市，新品影片在這裡，以後每週更新。\n"


@pytest.fixture()
def guide(tmp_path: Path) -> Path:
    p = tmp_path / "guide.yaml"
    p.write_text(GUIDE_YAML, encoding="utf-8")
    return p


def fix(capsys, guide: Path, *args: str) -> tuple[int, str, str]:
    code = main(["fix", "--no-config", "-g", str(guide), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_applies_terms_brand_formatting_and_never_advice(tmp_path: Path, guide: Path,
                                                         capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = fix(capsys, guide, "-c", "weibo", str(draft))
    assert code == 0 and out == ""
    assert draft.read_text(encoding="utf-8") == FIXED  # 全网最低价 (advice) stays
    assert err.startswith(f"{draft}: fixed 6 findings (")
    assert "terminology.avoid" in err and "promotion" not in err
    g = parse_guide(GUIDE_YAML, str(guide))
    assert edits(check_draft(FIXED, g, "weibo")) == []  # nothing safe left


def test_script_and_regional_words_for_a_taiwan_post(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "tw.txt"
    draft.write_text(TW_DRAFT, encoding="utf-8")
    assert fix(capsys, guide, "-c", "facebook_tw", str(draft))[0] == 0
    assert draft.read_text(encoding="utf-8") == TW_FIXED


def test_whole_post_in_the_wrong_script_is_converted(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "tw.txt"
    draft.write_text("欢迎来我们的门市，新品视频在这里，以后每周更新。\n", encoding="utf-8")
    assert fix(capsys, guide, "-c", "facebook_tw", str(draft))[0] == 0
    assert draft.read_text(encoding="utf-8") == TW_FIXED


def test_diff_previews_and_writes_nothing(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(DRAFT.encode())
    code, out, err = fix(capsys, guide, "-c", "weibo", "--diff", str(draft))
    assert code == 0 and draft.read_bytes() == DRAFT.encode()
    assert out.splitlines()[:2] == [f"--- {draft}", f"+++ {draft}"]
    assert f"-{DRAFT.splitlines()[0]}" in out and f"+{FIXED.splitlines()[0]}" in out
    assert err.startswith(f"{draft}: would fix 6 findings")


def test_rules_pick_what_is_fixed(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert fix(capsys, guide, "-c", "weibo", "--rules", "terminology.avoid", str(draft))[0] == 0
    assert draft.read_text(encoding="utf-8") == DRAFT.replace("VIP", "会员")
    for rules, why in (("promotion.absolute-claim", "has no safe fix"),
                       ("terminology.avod", "did you mean 'terminology.avoid'")):
        code, _, err = fix(capsys, guide, "--rules", rules, str(draft))
        assert code == 2 and why in err


ENCODINGS = [
    ("utf-8", DRAFT.encode("utf-8"), FIXED.encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + DRAFT.encode(), codecs.BOM_UTF8 + FIXED.encode()),
    ("utf-8 CRLF", DRAFT.replace("\n", "\r\n").encode(), FIXED.replace("\n", "\r\n").encode()),
    ("utf-16 LE BOM", codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le"),
     codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + DRAFT.encode("utf-16-be"),
     codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")),
    ("utf-16 LE", DRAFT.encode("utf-16-le"), FIXED.encode("utf-16-le")),
    ("utf-16 BE", DRAFT.encode("utf-16-be"), FIXED.encode("utf-16-be")),
    ("utf-32 BOM", codecs.BOM_UTF32_LE + DRAFT.encode("utf-32-le"),
     codecs.BOM_UTF32_LE + FIXED.encode("utf-32-le")),
    ("gb18030", DRAFT.encode("gb18030"), FIXED.encode("gb18030")),
    ("gbk", DRAFT.encode("gbk"), FIXED.encode("gbk")),
]


@pytest.mark.parametrize(("label", "data", "expected"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_encoding_stays_as_it_was(tmp_path: Path, guide: Path, capsys, label: str,
                                        data: bytes, expected: bytes) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(data)
    code, _, err = fix(capsys, guide, "-c", "weibo", str(draft))
    assert code == 0, err
    assert draft.read_bytes() == expected
    before = draft.stat()
    assert fix(capsys, guide, "-c", "weibo", str(draft))[2].endswith("nothing to fix\n")
    assert draft.read_bytes() == expected and draft.stat().st_mtime_ns == before.st_mtime_ns


def test_big5_stays_big5(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "tw.txt"
    draft.write_bytes(TW_DRAFT.replace("以后", "以後").encode("big5"))  # 后 is not in Big5
    assert fix(capsys, guide, "-c", "facebook_tw", str(draft))[0] == 0
    assert draft.read_bytes() == TW_FIXED.encode("big5")
    assert fix(capsys, guide, "-c", "facebook_tw", str(draft))[2].endswith("nothing to fix\n")
    assert draft.read_bytes() == TW_FIXED.encode("big5")


def test_a_fix_the_encoding_cannot_hold_leaves_the_file(tmp_path: Path, guide: Path,
                                                        capsys) -> None:
    draft = tmp_path / "tw.txt"  # a Big5 post checked for a Simplified channel
    data = "歡迎來我們的門市，新品在這裡，每週更新。".encode("big5")
    draft.write_bytes(data)
    code, _, err = fix(capsys, guide, "-c", "weibo", str(draft))
    assert code == 2 and "big5 cannot hold" in err and "not modified" in err
    assert draft.read_bytes() == data


def test_mode_symlink_and_hard_links_are_kept(tmp_path: Path, guide: Path, capsys) -> None:
    real = tmp_path / "real.txt"
    real.write_text(DRAFT, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert fix(capsys, guide, "-c", "weibo", str(link))[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    other = tmp_path / "other.txt"
    real.write_text(DRAFT, encoding="utf-8")
    os.link(real, other)
    assert fix(capsys, guide, "-c", "weibo", str(other))[0] == 0
    assert real.read_text(encoding="utf-8") == FIXED and os.path.samefile(real, other)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_front_matter_and_switched_off_text_are_left_alone(tmp_path: Path, guide: Path,
                                                           capsys) -> None:
    draft = tmp_path / "d.md"
    head = "---\nchannel: weibo\nnote: VIP,iPhone!!\n---\n"
    hushed = "<!-- voicecheck off -->\n用iPhone拍照,VIP!!\n<!-- voicecheck on -->\n"
    draft.write_text(head + DRAFT + hushed, encoding="utf-8")
    assert fix(capsys, guide, str(draft))[0] == 0
    assert draft.read_text(encoding="utf-8") == head + FIXED + hushed


def test_stdin_to_stdout_in_the_same_encoding(guide: Path, monkeypatch, capsysbinary) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("gb18030"))))
    assert main(["fix", "--no-config", "-g", str(guide), "-c", "weibo", "-"]) == 0
    assert capsysbinary.readouterr().out == FIXED.encode("gb18030")


def test_markup_inside_a_span_is_not_rewritten(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    text = "欢迎成为V&#73;P，关注Clear<b>spring</b>。\n"
    draft.write_text(text, encoding="utf-8")
    fix(capsys, guide, "-c", "weibo", str(draft))
    assert "V&#73;P" in draft.read_text(encoding="utf-8")


LINES = [DRAFT.splitlines()[0], "关注Clearspring。", "全网最低价！！", "今天天气很好。",
         "用iPhone拍照", "Hello ，world！", "成为VIP会员", "以后再说。", "「新品」上市(限时)"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=4))
def test_fix_is_idempotent(parts: list[str]) -> None:
    g = parse_guide(GUIDE_YAML, "guide.yaml")

    def check(text: str):
        return check_draft(text, g, "weibo")

    text = "\n".join(parts) + "\n"
    once, _ = fix_text(text, check)
    twice, applied = fix_text(once, check)
    assert twice == once and not applied


def test_export_tables_are_not_rewritten(tmp_path: Path, guide: Path, capsys) -> None:
    table = tmp_path / "posts.csv"
    data = "内容,渠道\n欢迎成为VIP,weibo\n".encode()
    table.write_bytes(data)
    code, _, err = fix(capsys, guide, str(table))
    assert code == 2 and "voicecheck batch" in err and table.read_bytes() == data
