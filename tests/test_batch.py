"""run_batch: every post checked once, streaming, cancellation, workers, the CLI."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from voicecheck.batch import Post, Skipped, discover, run_batch
from voicecheck.cli import main
from voicecheck.findings import Report
from voicecheck.guide import load_guide


def _folder(root: Path) -> Path:
    for i in range(6):
        d = root / ("weibo" if i % 2 else "x")
        d.mkdir(parents=True, exist_ok=True)
        text = f"亲们，第{i}款新品上市！" if i % 2 else f"Post {i}: a slower cup of tea."
        (d / f"p{i}.txt").write_text(text, encoding="utf-8")
    (root / "bin.txt").write_bytes(bytes(range(256)))
    (root / "other.txt").write_text("频道不在指南里的帖子", encoding="utf-8")
    (root / "weibo" / "claim.txt").write_text("全网最好的茶，史上最低价", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def test_every_post_checked_once(tmp_path: Path, guide) -> None:
    root = _folder(tmp_path)
    seen: list[tuple[int, int]] = []
    results = list(run_batch(root, guide, workers=1, default_channel="bilibili",
                             progress=lambda d, t: seen.append((d, t))))
    reports = [r for r in results if isinstance(r, Report)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    expected = {p.source for p in discover(root) if isinstance(p, Post)}
    assert sorted(r.source for r in reports) == sorted(expected)
    assert [s.source for s in skipped] == [str(root / "bin.txt")]
    assert seen[-1] == (9, 9) and [d for d, _ in seen] == list(range(1, 10))
    by_source = {r.source: r for r in reports}
    weibo = by_source[str(root / "weibo" / "p1.txt")]
    assert weibo.channel == "weibo"
    assert any(f.rule.startswith("terminology") for f in weibo.findings)  # 亲们
    # a channel the guide lacks is checked with its defaults and keeps its name
    assert by_source[str(root / "other.txt")].channel == "bilibili"


def test_two_workers_match_one(tmp_path: Path, guide) -> None:
    root = _folder(tmp_path)

    def digest(workers: int) -> dict[str, tuple[int, list[str]]]:
        return {r.source: (r.score, [f.rule for f in r.findings])
                for r in run_batch(root, guide, workers=workers) if isinstance(r, Report)}

    assert digest(2) == digest(1)


def test_cancel_returns_what_finished(tmp_path: Path, guide) -> None:
    root = _folder(tmp_path)
    cancel = threading.Event()
    out = []
    for r in run_batch(root, guide, workers=1, cancel=cancel):
        out.append(r)
        if len(out) == 2:
            cancel.set()
    assert len(out) == 2


def test_campaign_findings_merge_into_reports(tmp_path: Path, guide) -> None:
    camp = tmp_path / "spring"
    (camp / "weibo").mkdir(parents=True)
    (camp / "x").mkdir()
    (camp / "weibo" / "a.txt").write_text("3月15日开售，欢迎你来", encoding="utf-8")
    (camp / "x" / "b.txt").write_text("On sale March 16. See you there.", encoding="utf-8")
    reports = [r for r in run_batch(tmp_path, guide, workers=1) if isinstance(r, Report)]
    assert {r.campaign for r in reports} == {"spring"}
    for r in reports:
        (f,) = [f for f in r.findings if f.rule == "campaign.date"]
        assert r.text[f.start:f.end] == f.text
        assert r.scores["channel"] < 100


def test_cli_batch_writes_reports_and_exit_codes(tmp_path: Path, capsys) -> None:
    root = _folder(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    code = main(["batch", str(root), "--workers", "1", "--json", str(out / "r.json"),
                 "--csv", str(out / "r.csv"), "--report", str(out / "r.html")])
    assert code == 1  # the absolute claims fail
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert len(data) == 8 and all("source" in d and "findings" in d for d in data)
    assert (out / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "<svg" in (out / "r.html").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "skipped" in err and "bin.txt" in err


def test_cli_batch_passing_folder_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A slower cup of tea for you.", encoding="utf-8")
    assert main(["batch", str(tmp_path), "--workers", "1"]) == 0


@pytest.mark.parametrize("argv", [
    ["batch", "/nonexistent/folder"],
    ["batch", ".", "--channel", "myspace"],
    ["batch", ".", "--workers", "0"],
    ["batch", ".", "--json", "/nonexistent/dir/out.json"],
])
def test_cli_batch_bad_usage(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_cli_batch_empty_folder_is_bad_usage(tmp_path: Path) -> None:
    assert main(["batch", str(tmp_path)]) == 2


def test_ctrl_c_stops_cleanly_and_keeps_what_was_checked(tmp_path: Path) -> None:
    """A real SIGINT to the console script: exit 130, no traceback, a valid partial JSON."""
    folder = tmp_path / "exports" / "weibo"
    folder.mkdir(parents=True)
    for i in range(3000):
        (folder / f"p{i:04d}.txt").write_text(f"清泉茶饮第{i}款新品上市，欢迎来尝尝。",
                                              encoding="utf-8")
    out = tmp_path / "out.json"
    exe = Path(sys.executable).parent / "voicecheck"
    proc = subprocess.Popen([str(exe), "batch", str(tmp_path / "exports"), "-j", "1",
                             "--json", str(out)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size < 20_000) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until posts are being written, then interrupt
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "stopping" in err
    posts = json.loads(out.read_text(encoding="utf-8"))
    assert 0 < len(posts) < 3000
    assert all(p["channel"] == "weibo" for p in posts)
