"""The `voicecheck` command: formats, exit codes, errors without tracebacks."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from voicecheck.cli import main

GUIDE = """\
version: 1
language: zh-Hans
terms:
  - prefer: {zh-Hans: 会员, zh-Hant: 會員}
    avoid: [VIP]
    severity: error
channels:
  weibo: {language: zh-Hans}
  x: {language: en}
"""


@pytest.fixture()
def guide(tmp_path: Path) -> Path:
    p = tmp_path / "guide.yaml"
    p.write_text(GUIDE, encoding="utf-8")
    return p


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_matches_design_contract(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("😀 成为VIP会员", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--guide", str(guide), "-c", "weibo", "--format", "json",
                       str(draft))
    data = json.loads(out)
    assert code == 1 and data["passed"] is False
    assert {"file", "channel", "language", "score", "passed", "scores", "tone", "findings"} <= set(
        data
    )
    assert set(data["scores"]) == {"terminology", "tone", "promotion", "channel", "script",
                                   "formatting", "compliance"}
    (f,) = [f for f in data["findings"] if f["category"] == "terminology"]
    assert f == {"rule": "terminology.avoid", "category": "terminology", "severity": "error",
                 "start": 4, "end": 7, "text": "VIP", "message": f["message"],
                 "suggestions": ["会员"]}
    assert "😀 成为VIP会员"[f["start"] : f["end"]] == "VIP"


def test_several_files_give_an_array(tmp_path: Path, guide: Path, capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("欢迎光临", encoding="utf-8")
    b.write_text("欢迎光临", encoding="utf-8")
    code, out, _ = run(capsys, "check", "-g", str(guide), "-f", "json", str(a), str(b))
    assert code == 0 and [r["file"] for r in json.loads(out)] == [str(a), str(b)]


def test_text_format_reads_like_a_compiler(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("第一行\n欢迎成为 VIP 会员", encoding="utf-8")
    code, out, _ = run(capsys, "check", "-g", str(guide), str(draft))
    lines = out.splitlines()
    assert lines[0].startswith(f"{draft}:2:6: error [terminology.avoid]")
    assert lines[1] == "    欢迎成为 VIP 会员"
    assert lines[2] == "             ^~~"  # CJK characters are two columns wide
    assert "\033[" not in out  # no colour when not a terminal
    assert lines[-1].startswith(f"{draft}: FAIL score")


def test_gb18030_and_big5_and_utf16_inputs(tmp_path: Path, guide: Path, capsys) -> None:
    samples = {
        "gbk.txt": "欢迎成为我们的VIP会员，这是一段较长的简体中文文本用于检测编码。".encode("gb18030"),
        "big5.txt": "歡迎成為我們的VIP會員，這是一段較長的繁體中文文字用於偵測編碼。".encode("big5"),
        "u16.txt": "欢迎成为VIP会员".encode("utf-16"),
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = run(capsys, "check", "-g", str(guide), "-f", "json", str(tmp_path / name))
        assert err == ""
        findings = json.loads(out)["findings"]
        assert [f["text"] for f in findings if f["category"] == "terminology"] == ["VIP"], name


def test_stdin(monkeypatch, guide: Path, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("成为VIP".encode())))
    code, out, _ = run(capsys, "check", "-g", str(guide), "-f", "json", "-")
    assert code == 1 and json.loads(out)["file"] == "-"


def test_bad_guide_exits_2_with_located_message(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nterms:\n  - avoid: [x]\n    severty: error\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("hi", encoding="utf-8")
    code, out, err = run(capsys, "check", "-g", str(bad), str(draft))
    assert code == 2 and out == ""
    assert err == f"error: {bad}:4:5: unknown key 'severty' (did you mean 'severity'?)\n"


def test_bad_inputs_exit_2(tmp_path: Path, guide: Path, capsys) -> None:
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cut.txt").write_bytes("新品上市".encode("utf-16")[:-1])  # truncated UTF-16
    (tmp_path / "exports").mkdir()
    for name, reason in [("missing.txt", "cannot be read"), ("bin.dat", "binary"),
                         ("exports", "is a folder (check a folder with: voicecheck batch"),
                         ("empty.txt", "empty"), ("cut.txt", "not valid UTF-16")]:
        code, _, err = run(capsys, "check", "-g", str(guide), str(tmp_path / name))
        assert code == 2 and f"{tmp_path / name}:1:1:" in err and reason in err
    draft = tmp_path / "d.txt"
    draft.write_text("hi", encoding="utf-8")
    code, _, err = run(capsys, "check", "-g", str(guide), "-c", "tiktok", str(draft))
    assert code == 2 and "unknown channel 'tiktok'" in err and "weibo" in err


def test_input_files_are_never_modified(tmp_path: Path, guide: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes("\ufeff成为ＶＩＰ\r\n会员".encode())
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    run(capsys, "check", "-g", str(guide), "-f", "json", str(draft))
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before


def test_guide_validate(tmp_path: Path, guide: Path, capsys) -> None:
    assert run(capsys, "guide", "validate", str(guide)) == (0, f"{guide}: ok\n", "")


def test_console_script_has_no_traceback_on_usage_error(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "voicecheck"
    proc = subprocess.run([str(exe), "check", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = subprocess.run([str(exe), "frobnicate"], capture_output=True, text=True)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_builtin_default_guide_by_name(tmp_path: Path, capsys, monkeypatch) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("全网最低价，快来抢购！", encoding="utf-8")
    named = run(capsys, "check", "--format", "json", "-g", "builtin:default", str(draft))
    assert named == run(capsys, "check", "--format", "json", str(draft))
    # `make run` opens the app on the built-in guide, whatever guide was used last
    import voicecheck.gui.app as app

    seen: dict = {}
    monkeypatch.setattr(app, "main", lambda **kw: seen.update(kw) or 0)
    assert run(capsys, "gui", "--guide", "builtin:default", str(draft))[0] == 0
    assert seen["guide"].source == "<default guide>" and seen["guide_path"] is None


def test_text_format_in_chinese_keeps_rule_ids_and_severities(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("全网最低价，快来抢购！", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--lang", "zh", "--color", "never", str(draft))
    assert code == 1
    assert f"{draft}:1:1: error [promotion.absolute-claim] “全网最低价”属于绝对化用语" in out
    assert "    建议：" in out
    assert f"{draft}: 未通过，得分" in out and "促销用语=" in out and "语气：正式度=" in out


def test_front_matter_sets_the_channel_and_is_not_checked(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "launch.md"
    draft.write_text("---\nchannel: 微博\ncampaign: spring\n---\n亲们！全网最低价！！\n",
                     encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(draft))
    report = json.loads(out)
    text = draft.read_text(encoding="utf-8")
    assert code == 1 and report["channel"] == "weibo"
    assert report["findings"] and all(text[f["start"]:f["end"]] == f["text"]
                                      for f in report["findings"])
    assert min(f["start"] for f in report["findings"]) >= text.index("亲们")
    # --channel wins over the front matter; broken front matter is located
    code, out, _ = run(capsys, "check", "--format", "json", "-c", "x", str(draft))
    assert json.loads(out)["channel"] == "x"
    draft.write_text("---\nchannel: [weibo\n---\nhi\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(draft))
    assert code == 2 and err.startswith(f"error: {draft}:2:") and "front matter" in err


def test_version(capsys) -> None:
    from voicecheck import __version__

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"voicecheck {__version__}"
