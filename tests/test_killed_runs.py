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

from voicecheck import batch
from voicecheck.batch import Post, Skipped
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


def _worker_pids(pid: int) -> list[int]:
    """The batch's pool workers (not multiprocessing's resource tracker)."""
    return [k for k in _children(pid)
            if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_worker_costs_no_post(tmp_path: Path) -> None:
    """A worker killed mid-run (the out-of-memory killer, a kill -9) ended the run with a
    BrokenProcessPool traceback, exit 1, no HTML report and 2,528 of 3,000 posts; now the
    pool starts again and the chunks it lost are checked again."""
    n = 300
    proc, out = _start(tmp_path, n, "-j", "2", "--report", str(tmp_path / "r.html"))
    try:
        _wait_for_reports(proc, out)
        workers = _worker_pids(proc.pid)
        assert workers
        os.kill(workers[0], signal.SIGKILL)
        proc.wait(timeout=600)
        err = proc.stderr.read().decode()
        assert proc.returncode == 1, err  # the posts fail their guide: the run finished
        assert "Traceback" not in err
        sources = [r["source"] for r in json.loads(out.read_text(encoding="utf-8"))]
        assert len(sources) == len(set(sources)) == n
        assert (tmp_path / "r.html").read_text(encoding="utf-8").endswith("</html>")
    finally:
        _stop_all(proc)


def test_workers_that_cannot_start_leave_the_posts_to_the_run(tmp_path: Path) -> None:
    """A worker that dies before reading the pipe it is started through (here: its
    interpreter is /bin/false) left the batch blocked writing the ~80 KB guide into that
    pipe, for good; then, with multiprocessing's helper dead too, a BrokenPipeError was
    taken for a closed standard output: exit 0, nothing said, an empty array."""
    folder = tmp_path / "ex"
    folder.mkdir()
    for i in range(40):
        (folder / f"p{i:02d}.txt").write_text(POST.format(i=i), encoding="utf-8")
    code = ("import multiprocessing, sys\nmultiprocessing.set_executable('/bin/false')\n"
            "from voicecheck.cli import main\nsys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", code, "batch", str(folder), "-j", "2",
                           "--json", str(tmp_path / "o.json")], capture_output=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr.decode()
    assert len(json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))) == 40
    assert "checked 40 posts" in done.stderr.decode()


def test_a_broken_pipe_that_is_not_stdout_is_no_success(tmp_path: Path) -> None:
    code = ("import sys\nimport voicecheck.cli.check as c\n"
            "def run(args):\n    raise BrokenPipeError(32, 'Broken pipe')\n"
            "c.run = run\nfrom voicecheck.cli import main\nsys.exit(main(['check', '-']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, input=b"x",
                          timeout=120)
    assert done.returncode == 2 and b"error: [Errno 32] Broken pipe" in done.stderr


def _kill_on(posts: list) -> list:  # noqa: ANN001 - runs in the pool's worker processes
    if any(p.text == "KILL" for p in posts):
        os._exit(9)
    return [Skipped(p.source, "checked") for p in posts]


def _dead_on_arrival() -> None:
    os._exit(3)


class _TestPool:
    """A process pool like batch's own, running `_kill_on` (or never starting)."""

    def __init__(self, initializer=None) -> None:  # noqa: ANN001
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.starts = 0

        def start() -> None:
            self.starts += 1
            self.executor = ProcessPoolExecutor(
                2, mp_context=multiprocessing.get_context("spawn"), initializer=initializer)

        def restart() -> None:
            self.executor.shutdown(wait=True)
            start()

        start()
        self.pool = batch._Pool(2, lambda posts: self.executor.submit(_kill_on, posts),
                                lambda: self.executor.shutdown(wait=True), restart)


def _posts(n: int, kill: int | None) -> list[list[Post]]:
    posts = [Post("KILL" if i == kill else f"第{i}条", None, None, f"p{i}", f"p{i}")
             for i in range(n)]
    return [posts[i:i + 4] for i in range(0, n, 4)]


def test_a_post_that_kills_its_worker_is_skipped_and_only_it() -> None:
    test = _TestPool()
    here_got: list = []
    try:
        results = list(batch._checked_by(test.pool, iter(_posts(60, kill=37)), lambda: False,
                                         lambda todo: iter(here_got.extend(todo) or ())))
    finally:
        test.pool.close()
    got = {r.source: r.reason for r in results}
    assert len(results) == len(got) == 60 and not here_got
    assert "stopped, and again when it checked the post alone" in got.pop("p37")
    assert set(got.values()) == {"checked"}
    assert test.starts <= 4  # the lost chunks, then the one chunk alone, then its post alone


def test_a_pool_that_cannot_start_hands_every_post_to_this_process() -> None:
    test = _TestPool(initializer=_dead_on_arrival)
    try:
        results = list(batch._checked_by(
            test.pool, iter(_posts(20, kill=None)), lambda: False,
            lambda todo: (Skipped(p.source, "here") for p in todo)))
    finally:
        test.pool.close()
    assert sorted(r.source for r in results) == sorted(f"p{i}" for i in range(20))
    assert {r.reason for r in results} == {"here"}
