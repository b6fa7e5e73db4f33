"""Killed runs and workers (issue 16, family 6): a batch stopped by SIGTERM or kill -9
leaves a readable JSON array; SIGTERM stops like Ctrl-C (reports written, exit 130);
workers exit when their parent dies."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from voicecheck.findings import Report
from voicecheck.report.json_stream import JsonArrayWriter

POST = "亲们！全网最低价{i}！！新品上市，快来抢购 #夏日# 欢迎你来门店试一试。"


def _report(i: int) -> Report:
    return Report(file=f"p{i}.txt", channel="weibo", language="zh-Hans",
                  detected_language="zh-Hans", score=50, passed=False, scores={}, tone={},
                  text="亲们", source=f"p{i}.txt")


def test_the_json_file_is_a_whole_array_after_every_report(tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    writer = JsonArrayWriter(path)
    assert json.loads(path.read_text(encoding="utf-8")) == []
    for i in range(5):
        writer.add(_report(i))
        assert [r["source"] for r in json.loads(path.read_text(encoding="utf-8"))] == [
            f"p{k}.txt" for k in range(i + 1)]
    writer.close()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 5


def _start(tmp_path: Path, n: int, *extra: str) -> tuple[subprocess.Popen[bytes], Path]:
    folder = tmp_path / "ex"
    folder.mkdir()
    for i in range(n):
        (folder / f"p{i:05d}.txt").write_text(POST.format(i=i) * 8, encoding="utf-8")
    out = tmp_path / "o.json"
    proc = subprocess.Popen([sys.executable, "-m", "voicecheck.cli", "batch", str(folder),
                             "--json", str(out), *extra], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    return proc, out


def _wait_for_reports(proc: subprocess.Popen[bytes], out: Path, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 4000:
            return
        time.sleep(0.2)
    pytest.fail("the batch wrote no reports in time" if proc.poll() is None
                else "the batch finished before it could be stopped")


def _stop_all(proc: subprocess.Popen[bytes]) -> None:
    """Whatever the test left running: the batch's process group (workers included)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_batch_leaves_readable_json(tmp_path: Path, sig: signal.Signals) -> None:
    proc, out = _start(tmp_path, 3000, "-j", "1", "--report", str(tmp_path / "r.html"))
    try:
        _wait_for_reports(proc, out)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        reports = json.loads(out.read_text(encoding="utf-8"))  # no closing ']' (6 of 6)
        assert 0 < len(reports) < 3000
        if sig == signal.SIGTERM:  # like Ctrl-C: what was checked is written, exit 130
            assert proc.returncode == 130
            assert "stopping: finishing posts in progress" in proc.stderr.read().decode()
            assert (tmp_path / "r.html").read_text(encoding="utf-8").endswith("</html>")
    finally:
        _stop_all(proc)


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    """They stayed alive for more than 13 minutes, with the resource tracker."""
    proc, out = _start(tmp_path, 3000, "-j", "2")
    kids: list[int] = []
    try:
        _wait_for_reports(proc, out)
        kids = _children(proc.pid)
        assert len(kids) >= 2
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_running(k) for k in kids):
            time.sleep(0.2)
        assert not [k for k in kids if _running(k)]
    finally:
        _stop_all(proc)
