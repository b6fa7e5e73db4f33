"""Past one machine: check_records as a pure per-record function, and voicecheck batch
on a Dask cluster (a LocalCluster of two worker processes) giving the local pool's reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from voicecheck.batch import (
    Post,
    Skipped,
    check_post,
    check_records,
    discover,
    finish_campaigns,
    run_batch,
)
from voicecheck.cli import main
from voicecheck.findings import Report
from voicecheck.guide import load_guide

SAMPLES = Path(__file__).resolve().parent.parent / "assets" / "sample-export"


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample export (channel folders, a content calendar with campaigns) and a post
    whose voicecheck directive is wrong."""
    root = tmp_path_factory.mktemp("archive") / "export"
    shutil.copytree(SAMPLES, root)
    (root / "weibo" / "bad-directive.txt").write_text(
        "<!-- voicecheck sometimes -->\n亲们，新品上市！", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _everything(results) -> list[dict]:
    return sorted((r.to_dict() if isinstance(r, Report) else {"skipped": r.source,
                                                              "reason": r.reason}
                   for r in results), key=json.dumps)


def test_records_are_checked_as_check_post_checks_them(guide) -> None:
    records = [
        {"text": "亲们，全网最低价，快来抢购！！！", "channel": "微博", "file": "a.csv", "source": "a.csv:2"},
        {"text": "We're thrilled to announce the BEST tea in the world!!!", "channel": "twitter"},
        Post("清泉茶饮春季新品今天上市。", "weibo", None, "b.txt", "b.txt"),
    ]
    reports = check_records(records, guide)
    expected = [check_post(Post(records[0]["text"], "weibo", None, "a.csv:2", "a.csv"), guide),
                check_post(Post(records[1]["text"], "x", None, "record 2", "record 2"), guide),
                check_post(records[2], guide)]
    assert [r.to_dict() for r in reports] == [r.to_dict() for r in expected]
    assert reports[0].channel == "weibo" and any(f.category == "promotion" for f in reports[0].findings)
    assert reports[1].channel == "x"


def test_a_record_with_a_wrong_directive_comes_back_skipped(guide) -> None:
    [skipped] = check_records([{"text": "<!-- voicecheck sometimes -->\n你好",
                                "file": "c.txt"}], guide)
    assert isinstance(skipped, Skipped) and "sometimes" in skipped.reason


def test_a_guide_path_is_loaded_once_per_process(tmp_path: Path) -> None:
    from voicecheck import batch

    path = tmp_path / "brand.yaml"
    path.write_text("version: 1\nlanguage: zh-Hans\nbrand: {name: 山嵐茶屋}\n", encoding="utf-8")
    first = check_records([{"text": "山嵐茶屋的新茶"}], path)
    check_records([{"text": "又一杯"}], str(path))
    assert batch._guide_at.cache_info().hits >= 1
    assert first[0].to_dict() == check_records([{"text": "山嵐茶屋的新茶"}],
                                               load_guide(path))[0].to_dict()


def test_finish_campaigns_adds_what_the_pool_adds(export: Path, guide) -> None:
    posts = [p for p in discover(export) if isinstance(p, Post)]
    assert any(p.campaign for p in posts)
    pooled = _everything(r for r in run_batch(export, guide, workers=1) if isinstance(r, Report))
    assert _everything(r for r in finish_campaigns(check_records(posts, guide), guide)
                       if isinstance(r, Report)) == pooled


def test_a_dask_cluster_gives_the_local_pool_reports(export: Path, guide, scheduler: str) -> None:
    from distributed import Client

    local = _everything(run_batch(export, guide, workers=2))
    on_dask = _everything(run_batch(export, guide, dask=scheduler))
    assert on_dask == local
    assert any("skipped" in r for r in on_dask)  # the bad directive, as the pool says it
    with Client(scheduler) as client:  # each worker got ready (jieba taught the guide) there
        ready = client.run(lambda: __import__("voicecheck.batch").batch._ready_for[0].source)
    assert sorted(ready.values()) == [guide.source, guide.source]


def test_cli_batch_dask_writes_the_same_json(export: Path, scheduler: str, tmp_path: Path,
                                             capsys) -> None:
    local, remote = tmp_path / "local.json", tmp_path / "dask.json"
    main(["batch", str(export), "--json", str(local), "--no-history", "-j", "1"])
    main(["batch", str(export), "--json", str(remote), "--no-history", "--dask", scheduler])
    assert sorted(json.loads(remote.read_text(encoding="utf-8")), key=json.dumps) == \
        sorted(json.loads(local.read_text(encoding="utf-8")), key=json.dumps)


@pytest.mark.parametrize("args, said", [
    (["--dask", "nonsense://nowhere"], "cannot reach the Dask scheduler at nonsense://nowhere"),
    (["--dask", "tcp://127.0.0.1:9", "-j", "2"], "--workers and --dask cannot be used together"),
])
def test_cli_dask_mistakes_are_usage_errors(export: Path, args: list[str], said: str,
                                            capsys) -> None:
    assert main(["batch", str(export), "--no-history", *args]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


def test_the_readme_dask_bag_example_runs(scheduler: str, tmp_path: Path, monkeypatch) -> None:
    """README's "More than one machine" snippet, as written, on the local cluster."""
    import re

    from distributed import Client

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## More than one machine"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "archive").mkdir()
    rows = [{"text": "亲们，全网最低价，快来抢购！！！", "channel": "微博"},
            {"text": "<!-- voicecheck sometimes -->\n你好", "channel": "weibo"},
            {"text": "The BEST tea in the world!!!", "channel": "twitter"}]
    for i in range(2):
        (tmp_path / "archive" / f"part{i}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "brand.yaml").write_text(
        "version: 1\nlanguage: zh-Hans\nbrand: {name: 清泉}\nchannels:\n"
        "  weibo: {language: zh-Hans}\n  x: {language: en}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with Client(scheduler):  # the snippet runs on the default (this) client
        exec(compile(code, "README.md", "exec"), {})
    out = [json.loads(line) for f in sorted((tmp_path / "checked").glob("*.jsonl"))
           for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(out) == 6
    assert [o.get("channel") for o in out[:3]] == ["weibo", None, "x"]
    assert "formatting.repeated-punctuation" in {f["rule"] for f in out[0]["findings"]}
    assert "sometimes" in out[1]["reason"]
