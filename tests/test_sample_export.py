"""assets/sample-export: the export folder `make run` opens in Batch. Channel sub-folders,
front matter, a CSV with Chinese headers, a campaign across channels, and two posts that
name no channel (said so, in the CLI, the report and the app)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecheck.batch import run_batch
from voicecheck.cli import build_parser, main
from voicecheck.findings import Report
from voicecheck.guide import load_guide

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "assets" / "sample-export"

# source (relative) -> (channel, passed, rules it must raise)
CASES: dict[str, tuple[str, bool, set[str]]] = {
    "weibo/spring-oolong-launch.md": ("weibo", False, {
        "terminology.banned", "promotion.absolute-claim", "formatting.repeated-punctuation",
        "promotion.hard-sell"}),
    "weibo/summer-menu.txt": ("weibo", True, set()),
    "weibo/store-opening.txt": ("weibo", False, {"channel.hashtag-style"}),
    "weibo/store-manager.txt": ("weibo", False, {"compliance.personal-messaging-id"}),
    "小红书/cold-brew-at-home.md": ("xiaohongshu", True, set()),
    "小红书/tea-notes.txt": ("xiaohongshu", True, set()),
    "x/spring-oolong-launch.txt": ("x", True, set()),
    "x/field-report.txt": ("x", False, {"channel.too-long"}),  # "100 PASS" before
    "x/thanks.txt": ("x", True, {"channel.too-many-hashtags"}),
    "linkedin/hiring.txt": ("linkedin", True, set()),
    "notes-for-next-week.txt": ("default", True, set()),
    "content-calendar.csv:2": ("douyin", True, set()),
    "content-calendar.csv:3": ("wechat", True, {"campaign.date"}),
    "content-calendar.csv:4": ("xiaohongshu", False, {"formatting.repeated-punctuation"}),
    "content-calendar.csv:5": ("instagram", True, {"channel.link-not-clickable"}),
    "content-calendar.csv:6": ("default", True, set()),
    "content-calendar.csv:7": ("linkedin", True, set()),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    out = {}
    for r in run_batch(EXPORT, load_guide(None), workers=1):
        assert isinstance(r, Report), r
        out[Path(r.source).relative_to(EXPORT).as_posix()] = r
    return out


def test_every_post_is_read_once(reports: dict[str, Report]) -> None:
    assert sorted(reports) == sorted(CASES)


@pytest.mark.parametrize("source", sorted(CASES))
def test_each_post_is_checked_for_its_channel(reports: dict[str, Report], source: str) -> None:
    channel, passed, rules = CASES[source]
    r = reports[source]
    assert r.channel == channel
    assert r.passed is passed, [(f.rule, f.text) for f in r.findings]
    assert rules <= {f.rule for f in r.findings}


def test_front_matter_and_chinese_csv_headers(reports: dict[str, Report]) -> None:
    launch = reports["weibo/spring-oolong-launch.md"]
    assert launch.campaign == "春季乌龙上新" and not launch.text.startswith("---")
    assert reports["content-calendar.csv:3"].campaign == "春季乌龙上新"  # 活动 column
    assert reports["content-calendar.csv:4"].campaign is None


def test_cli_says_how_many_posts_had_no_channel(tmp_path: Path, capsys) -> None:
    report = tmp_path / "r.html"
    assert main(["batch", str(EXPORT), "-j", "1", "--report", str(report)]) == 1
    err = capsys.readouterr().err
    assert "note: 2 posts had no channel and were checked against the default profile." in err
    assert "2 posts had no channel" in report.read_text(encoding="utf-8")
    assert main(["batch", str(EXPORT), "-j", "1", "--channel", "微博", "--json",
                 str(tmp_path / "r.json")]) == 1
    assert "no channel" not in capsys.readouterr().err


def test_make_run_opens_batch_on_it() -> None:
    run = next(line for line in (ROOT / "Makefile").read_text().splitlines()
               if "voicecheck gui" in line)
    args = build_parser().parse_args(run.split("voicecheck", 1)[1].split())
    assert Path(args.batch) == Path("assets/sample-export")
    assert (ROOT / args.batch).is_dir()


def test_gui_batch_folder_must_exist(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("新品上市。", encoding="utf-8")
    out = tmp_path / "shot.png"
    assert main(["gui", "--batch", str(tmp_path / "nowhere"), "--screenshot", str(out),
                 str(draft)]) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err and not out.exists()
