"""The run history: recording, comparing runs, two writers at once, a run killed -9."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from voicecheck.cli import main
from voicecheck.engine import check
from voicecheck.guide import load_guide
from voicecheck.history import History, default_path, recorded

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assets" / "sample-export"


def test_tests_never_touch_the_real_data_folder() -> None:
    assert str(default_path()).startswith(os.environ["XDG_DATA_HOME"])
    assert not str(default_path()).startswith(str(Path.home() / ".local"))


def _report(text: str, source: str, channel: str | None = None):
    r = check(text, load_guide(None), channel, file=source)
    r.source = source
    return r


def _record(h: History, folder: Path, posts: dict[str, str]) -> int:
    rec = h.start(folder, load_guide(None), "default")
    list(recorded((_report(t, s, "weibo") for s, t in posts.items()), rec))
    return rec.run_id


def test_a_run_is_compared_with_the_previous_run_of_its_folder(tmp_path: Path) -> None:
    with History.open(tmp_path / "h.sqlite3") as h:
        first = _record(h, tmp_path, {"a.txt": "亲们！全网最低价！", "b.txt": "欢迎你来坐坐。",
                                      "c.txt": "宝宝们，冲鸭！！！"})
        previous = h.previous(tmp_path)
        assert previous is not None and previous.id == first
        second = _record(h, tmp_path, {"a.txt": "亲们，欢迎来尝尝。", "b.txt": "全网最低价，欢迎你来坐坐。",
                                       "d.txt": "新品上市。"})
        c = h.compare(second, previous)
    assert {(x.source, x.text) for x in c.new} == {("b.txt", "全网最低价")}
    resolved = {(x.source, x.rule) for x in c.resolved}
    assert ("a.txt", "promotion.absolute-claim") in resolved
    assert not any(x.source == "c.txt" for x in c.resolved)  # c.txt is gone, not fixed
    assert c.still_open >= 1 and (c.new_posts, c.gone_posts) == (1, 1) and c.same_guide


def test_runs_and_trends_per_channel(tmp_path: Path) -> None:
    with History.open(tmp_path / "h.sqlite3") as h:
        _record(h, tmp_path, {"a": "亲们！全网最低价！", "b": "欢迎你来坐坐。"})
        _record(h, tmp_path, {"a": "欢迎你来尝尝。", "b": "欢迎你来坐坐。"})
        t = h.trends(tmp_path)
    assert [r.state for r in t.runs] == ["complete", "complete"]
    weibo = t.channels["weibo"]
    assert [p.pass_rate for p in weibo if p] == [0.5, 1.0]
    assert t.mean_scores[1] > t.mean_scores[0]
    assert "promotion.absolute-claim" in [r.rule for r in t.falling] and not t.rising


WRITER = textwrap.dedent("""
    import sys, time
    from voicecheck.findings import Report
    from voicecheck.guide import load_guide
    from voicecheck import history
    history.FLUSH_POSTS = int(sys.argv[3])
    h = history.History.open(sys.argv[1])
    rec = h.start(sys.argv[2], load_guide(None), "writer")
    print("started", flush=True)
    for i in range(int(sys.argv[4])):
        r = Report(file=f"p{i}", channel="weibo", language="zh-Hans", detected_language="zh-Hans",
                   score=90, passed=True, scores={}, tone={}, source=f"p{i}.txt")
        rec.add(r)
        if i + 1 == int(sys.argv[3]):
            print("flushed", flush=True)
            time.sleep(float(sys.argv[5]))
    rec.finish()
    print("done", flush=True)
""")


def _writer(db: Path, folder: str, flush: int, posts: int, pause: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), folder, str(flush),
                             str(posts), str(pause)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)


def test_two_processes_record_at_once(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    writers = [_writer(db, str(tmp_path / name), 7, 400, 0.0) for name in ("one", "two")]
    for w in writers:
        out, _ = w.communicate(timeout=120)
        assert w.returncode == 0 and out.split() == ["started", "flushed", "done"]
    with History.open(db) as h:
        runs = h.runs()
        assert sorted((r.posts, r.state) for r in runs) == [(400, "complete")] * 2
        counts = h.conn.execute("SELECT run, COUNT(*) FROM posts GROUP BY run").fetchall()
        assert sorted(n for _, n in counts) == [400, 400]
        assert h.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_run_killed_outright_keeps_what_was_committed(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    w = _writer(db, str(tmp_path / "f"), 25, 1000, 60.0)
    assert w.stdout is not None
    assert w.stdout.readline().strip() == "started"
    assert w.stdout.readline().strip() == "flushed"
    w.send_signal(signal.SIGKILL)
    w.wait(timeout=30)
    with History.open(db) as h:
        assert h.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        [run] = h.runs()
        assert (run.state, run.posts, run.finished) == ("killed", 25, None)
        assert h.conn.execute("SELECT COUNT(*) FROM posts").fetchone() == (25,)
        later = _record(h, tmp_path / "f", {"a": "欢迎你来坐坐。"})
        assert h.previous(tmp_path / "f").id == later


def test_a_database_from_a_newer_voicecheck_is_only_read(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        _record(h, tmp_path, {"a": "欢迎你来坐坐。"})
        h.conn.execute("PRAGMA user_version = 99")
    with History.open(db) as h:
        assert not h.writable and len(h.runs()) == 1
        with pytest.raises(Exception, match="newer voicecheck"):
            h.start(tmp_path, load_guide(None), "x")


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(b"this is not sqlite at all" * 100)
    with History.open(db) as h:
        assert h.runs() == []
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("h.sqlite3.broken-")]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not sqlite")


def test_batch_records_and_compares_and_no_history_does_not(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    assert main(["batch", str(folder), "-j", "1", "--no-history", "--json",
                 str(tmp_path / "x.json")]) in (0, 1)
    with History.open() as h:
        assert h.runs(folder) == []
    assert main(["batch", str(folder), "-j", "1", "--json", str(tmp_path / "1.json")]) == 1
    (folder / "weibo" / "new.txt").write_text("亲们！全网最低价！！", encoding="utf-8")
    (folder / "x" / "thanks.txt").unlink()
    capsys.readouterr()
    report = tmp_path / "r.html"
    assert main(["batch", str(folder), "-j", "1", "--report", str(report)]) == 1
    err = capsys.readouterr().err
    assert "since the last run" in err and "0 new" in err
    html = report.read_text(encoding="utf-8")
    assert "Since the last run" in html and "posts added: 1, gone: 1" in html
    assert main(["history", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("complete") == 2 and "Weibo" in out
    assert main(["history", "--format", "json", str(folder)]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert [r["posts"] for r in data["runs"]] == [17, 17]


def test_history_lists_folders_and_says_when_there_are_none(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty"))
    assert main(["history"]) == 0
    assert "no runs recorded yet" in capsys.readouterr().out
    assert main(["history", str(tmp_path / "nowhere")]) == 2


def test_a_locked_database_does_not_stop_a_run(tmp_path: Path, monkeypatch) -> None:
    from voicecheck import history

    monkeypatch.setattr(history, "BUSY_MS", 50)
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        rec = h.start(tmp_path, load_guide(None), "x")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            out = list(recorded([_report("欢迎你来坐坐。", "a", "weibo")], rec))
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert len(out) == 1 and "history not recorded" in rec.failed


def test_an_older_database_is_migrated_and_keeps_its_runs(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    from voicecheck.history import _SCHEMA
    version_1 = _SCHEMA.replace(",\n  whole INTEGER NOT NULL DEFAULT 0", "").replace(
        ",\n  pid_start TEXT NOT NULL DEFAULT ''", "")
    assert "whole" not in version_1 and "pid_start" not in version_1
    for statement in version_1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO runs (folder, guide_name, guide_file, guide_hash, started, state,"
                 " host, pid, tool) VALUES ('/f', 'g', 'g.yaml', 'h', '2026-01-01T00:00:00+00:00',"
                 " 'complete', 'x', 1, '0')")
    conn.close()
    with History.open(db) as h:
        assert h.conn.execute("PRAGMA user_version").fetchone() == (2,)
        assert [r.guide_name for r in h.runs()] == ["g"]
        _record(h, tmp_path, {"a": "亲们！全网最低价！"})


def test_a_whole_post_finding_is_the_same_finding_when_the_post_changes(tmp_path: Path) -> None:
    from voicecheck.guide import parse_guide

    guide = parse_guide("version: 1\nchannels: {weibo: {language: zh-Hans}}\n", "g.yaml",
                        tmp_path)
    with History.open(tmp_path / "h.sqlite3") as h:
        for text in ("Our spring tea is here. Come and try it.",
                     "Our spring tea is here. Come and try it with a friend."):
            rec = h.start(tmp_path, guide, "g")
            r = check(text, guide, "weibo", file="a.txt")
            r.source = "a.txt"
            assert [(f.rule, f.start, f.end) for f in r.findings] == [
                ("channel.language", 0, len(text))]  # English on a Chinese channel
            list(recorded([r], rec))
        first, second = h.runs()
        c = h.compare(second.id, first)
    assert (c.new, c.resolved, c.still_open) == ([], [], 1)
