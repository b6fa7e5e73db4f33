"""Broken and hostile drafts (issue 16): front matter that cannot be read is a located
error (exit 2), inputs that never end or block are refused, and text that used to give
a silent wrong answer (full-width or decomposed terms, flags, ß before the brand, lone CR
line endings, GB18030 read as Big5) gives the right one, on the right span."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voicecheck.cli import main
from voicecheck.engine import check
from voicecheck.guide import parse_guide
from voicecheck.text.decode import decode_bytes

LAUGHS = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9)
) + "campaign: *a8\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _cli(*args: str | bytes, timeout: float = 30, **kw) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a child process under a time limit: a hang fails the test, not the suite."""
    return subprocess.run([sys.executable, "-m", "voicecheck.cli", *args], capture_output=True,
                          timeout=timeout, **kw)


@pytest.mark.parametrize("front, where, says", [
    ("date: 2024-02-30", "2:7", "'2024-02-30' is not a valid date"),
    ("date: 2024-13-01 25:61:00", "2:7", "is not a valid date"),
    ("campaign: !!int abc", "2:11", "'abc' is not a valid whole number"),
    ("author: !!bool maybe", "2:9", "'maybe' is not a valid yes or no"),
    ("campaign: " + "9" * 5000, "2:11", "is not a valid whole number"),
    ("campaign: " + "[" * 5000, "2:", "front matter is"),
    ("campaign: [spring, summer]", "2:11", "front matter 'campaign' should be text, not a list"),
])
def test_front_matter_that_cannot_be_read_is_located(tmp_path: Path, capsys, front: str,
                                                     where: str, says: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(f"---\n{front}\n---\n新品上市\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(draft))
    assert code == 2 and err.startswith(f"error: {draft}:{where}") and says in err
    assert err.count("\n") == 1 and len(err) < 300
    # in a batch the file is skipped with the same place and reason; the run goes on
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "a.txt").write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("好喝的新茶", encoding="utf-8")
    out = tmp_path / "o.json"
    code, _, err = run(capsys, "batch", str(folder), "--json", str(out), "-j", "1")
    assert code in (0, 1) and len(json.loads(out.read_text(encoding="utf-8"))) == 1
    assert f"skipped {folder / 'a.txt'}:{where}" in err and says in err


def test_front_matter_values_are_taken_as_written(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("---\nchannel: weibo\ncampaign: 2024\nauthor: yes\ndate: 2024-03-15 10:00"
                     "\n---\n新品上市\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(draft))
    assert code in (0, 1) and json.loads(out)["channel"] == "weibo"
    from voicecheck.readers import front_matter

    meta, _ = front_matter(draft.read_text(encoding="utf-8"))
    assert meta["campaign"] == "2024" and meta["author"] == "yes"
    assert meta["date"] == "2024-03-15 10:00"


def test_billion_laughs_front_matter_costs_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(f"---\n{LAUGHS}---\n新品上市\n", encoding="utf-8")
    done = _cli("check", str(draft))  # took 34 s and 3.3 GB
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"front matter 'campaign' should be text, not a list" in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_input(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    done = _cli("check", device)
    assert done.returncode == 2
    assert done.stderr.decode() == (f"error: {device}:1:1: file is a device, not a file (pipe it"
                                    " in with '-' instead)\n")


def test_a_fifo_as_input_and_endless_stdin(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "draft.txt")
    done = _cli("check", str(tmp_path / "draft.txt"))  # blocked forever
    assert done.returncode == 2 and b"is a FIFO (named pipe), not a file" in done.stderr
    with open("/dev/zero", "rb") as zero:  # stdin that never ends is read up to the limit
        done = _cli("check", "-", stdin=zero)
    assert done.returncode == 2 and b"-:1:1: file is too large (over 5.0 MiB" in done.stderr


def test_a_post_over_the_length_limit(tmp_path: Path, capsys, monkeypatch) -> None:
    from voicecheck import limits

    monkeypatch.setattr(limits, "MAX_POST_CHARS", 1000)
    draft = tmp_path / "long.txt"
    draft.write_text("好" * 1001, encoding="utf-8")
    code, _, err = run(capsys, "check", str(draft))
    assert code == 2 and err == (f"error: {draft}:1:1: post is 1,001 characters; voicecheck "
                                 "checks posts of up to 1,000 (split it)\n")


def test_a_name_that_is_not_utf8_gives_valid_json(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(name, "wb") as fh:
        fh.write("全网最低价".encode())
    done = _cli("check", "--format", "json", name)
    report = json.loads(done.stdout.decode("utf-8"))  # a raw 0xFF byte made it invalid
    assert done.returncode == 1 and report["file"].endswith("bad\\xffname.txt")


# --- silent wrong answers -------------------------------------------------------------

def _guide(avoid: str) -> object:
    listed = json.dumps(avoid, ensure_ascii=False)  # YAML cannot read JSON's \ud83d escapes
    return parse_guide(f"version: 1\nlanguage: zh-Hans\nterms:\n  - avoid: [{listed}]\n",
                       "g.yaml", Path("."))


@pytest.mark.parametrize("term, post, found", [
    ("ＶＩＰ", "成为ＶＩＰ会员", ["ＶＩＰ"]),  # a full-width term matches a full-width post...
    ("ＶＩＰ", "成为VIP会员", ["VIP"]),  # ...and a half-width one
    ("👨\u200d👩\u200d👧", "全家 👨\u200d👩\u200d👧 出游", ["👨\u200d👩\u200d👧"]),  # ZWJ sequence
    ("cafe\u0301", "Our café opens", ["café"]),  # a decomposed term, a composed post
    ("café", "Our cafe\u0301 opens", ["cafe\u0301"]),  # and the reverse
    ("🇸🇨", "合作 🇺🇸🇨🇳 伙伴", []),  # Seychelles is not between the US and China flags
    ("🇸🇨", "合作 🇸🇨 伙伴", ["🇸🇨"]),
    ("🇨🇳", "合作 🇺🇸🇨🇳 伙伴", ["🇨🇳"]),
])
def test_terms_match_as_people_read_them(term: str, post: str, found: list[str]) -> None:
    report = check(post, _guide(term))
    hits = [f for f in report.findings if f.category == "terminology"]
    assert [f.text for f in hits] == found
    assert all(post[f.start:f.end] == f.text for f in report.findings)


@pytest.mark.parametrize("before", ["ßßßß straße ", "İİİİ İstanbul ", "ﬁﬁﬁ ", "ß" * 37 + " ",
                                    "Straße " * 9])
def test_brand_after_fold_points_at_the_brand(before: str) -> None:
    """ß case-folds to ss: offsets in the folded text pointed at the wrong span, or past
    the end of the post (IndexError in normalize.py)."""
    guide = parse_guide("version: 1\nlanguage: en\nbrand: {name: NorthPeak}\nchannels:\n"
                        "  weibo: {language: en, fold_chars: 10}\n", "g.yaml", Path("."))
    post = before + "hello there friends, welcome to NorthPeak today"
    report = check(post, guide, "weibo")
    fold = [f for f in report.findings if f.rule == "channel.brand-after-fold"]
    assert [f.text for f in fold] == ["NorthPeak"]
    assert all(post[f.start:f.end] == f.text for f in report.findings)


def test_lone_cr_line_endings_count_as_lines(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "mac.txt"
    draft.write_bytes("第一行没问题\r亲们快来\r\n第三行\n".encode())
    code, out, _ = run(capsys, "check", str(draft))
    assert f"{draft}:2:1: warning [terminology.banned]" in out  # was 1:8
    code, out, _ = run(capsys, "check", "--format", "sarif", str(draft))
    region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 1)


@pytest.mark.parametrize("text", ["营(yíng)销(xiāo)活动", "好(hǎo)喝(hē)", "茶(chá)", "冷泡(lěng pào)",
                                  "喝(hē)你营销(yíng xiāo)", "新品(xīn pǐn)上市", "你好", "营销"])
def test_short_gb18030_posts_with_pinyin_are_not_read_as_big5(text: str) -> None:
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("text", ["清泉茶飲春季新品今天上市", "歡迎來店裡坐坐", "會員"])
def test_big5_posts_stay_big5(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")
