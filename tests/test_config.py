"""Project configuration: discovery by walking up, what wins, located errors, config show."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from voicecheck.cli import main
from voicecheck.config import Project, glob_regex, user_config_path

LAUNCH = "亲们！全网最低价！！用iPhone拍照\n"
GUIDE = """\
version: 1
language: zh-Hans
terms:
  - avoid: [亲们]
channels:
  weibo: {language: zh-Hans}
  wechat: {language: zh-Hans}
  x: {language: en, max_chars: 280}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo/.voicecheck.yaml, repo/posts/hk/.voicecheck.yaml, drafts to ignore."""
    root = tmp_path / "repo"
    for d in ("posts/weibo", "posts/x", "posts/hk/deep", "drafts", "styleguides"):
        (root / d).mkdir(parents=True)
    (root / "styleguides" / "brand.yaml").write_text(GUIDE, encoding="utf-8")
    (root / ".voicecheck.yaml").write_text(
        "guide: styleguides/brand.yaml\nchannel: wechat\nchannels:\n  'posts/weibo/**': 微博\n"
        "  'posts/x/**': x\nignore: [drafts/, '*.bak.md']\nmin_severity: warning\n"
        "disable: [formatting.cjk-spacing]\n", encoding="utf-8")
    (root / "posts" / "hk" / ".voicecheck.yaml").write_text("lang: zh\ndisable: [promotion]\n",
                                                            encoding="utf-8")
    for rel in ("posts/weibo/a.md", "posts/x/b.md", "posts/hk/deep/c.md", "drafts/d.md",
                "posts/e.bak.md", "posts/f.md"):
        (root / rel).write_text(LAUNCH, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def settings(path: str):
    return Project(user=None).settings(Path(path))


def test_nearest_file_wins_and_lists_add_up(repo: Path) -> None:
    s = settings("posts/hk/deep/c.md")
    assert s.files == (repo / "posts/hk/.voicecheck.yaml", repo / ".voicecheck.yaml")
    assert s.guide.value == str(repo / "styleguides/brand.yaml")
    assert s.guide.source == f"{repo / '.voicecheck.yaml'}:1:8"
    assert s.lang.value == "zh" and s.lang.source.endswith("posts/hk/.voicecheck.yaml:1:7")
    assert [d.value for d in s.disable] == ["promotion", "formatting.cjk-spacing"]
    assert (settings("posts/weibo/a.md").channel_by_path.value,
            settings("posts/x/b.md").channel_by_path.value) == ("weibo", "x")
    assert settings("posts/f.md").channel.value == "wechat"
    assert settings("drafts/d.md").ignored.value == "drafts/"
    assert settings("posts/e.bak.md").ignored.value == "*.bak.md"
    assert settings("posts/f.md").ignored.value is None


def test_root_true_stops_the_walk_and_the_user_config_comes_last(repo: Path) -> None:
    user = user_config_path()
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("lang: zh-Hant\nmin_severity: error\n", encoding="utf-8")
    try:
        s = Project().settings(Path("posts/f.md"))
        assert s.files[-1] == user and s.lang.value == "zh-Hant"
        assert s.min_severity.value == "warning"  # the project's wins
        (repo / "posts" / "hk" / ".voicecheck.yaml").write_text("root: true\n", encoding="utf-8")
        s = Project().settings(Path("posts/hk/deep/c.md"))
        assert s.files == (repo / "posts/hk/.voicecheck.yaml", user) and s.guide.value is None
    finally:
        user.unlink()


def test_check_applies_channel_ignore_disable_and_min_severity(repo: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "-f", "json", "posts/weibo/a.md", "drafts/d.md",
                         "posts/hk/deep/c.md", "posts/f.md")
    weibo, hk, plain = json.loads(out)
    assert err == ("drafts/d.md: not checked: ignored by 'drafts/' "
                   f"({repo / '.voicecheck.yaml'}:6:10)\n")
    assert (weibo["channel"], hk["channel"], plain["channel"]) == ("weibo", "wechat", "wechat")
    reasons = {s["rule"]: s["suppressed_by"] for s in weibo["suppressed"]}
    assert reasons["formatting.cjk-spacing"].startswith("disable: formatting.cjk-spacing (")
    assert all(f["severity"] != "info" for f in weibo["findings"])
    assert not [f for f in hk["findings"] if f["category"] == "promotion"]
    banned = next(f for f in hk["findings"] if f["rule"] == "terminology.banned")
    assert "不符合我们的品牌语气" in banned["message"]  # posts/hk says lang: zh
    # the command line wins; --config replaces discovery; --no-config ignores it all
    _, out, _ = run(capsys, "check", "-f", "json", "-c", "x", "posts/weibo/a.md")
    assert json.loads(out)["channel"] == "x"
    (repo / "alt.yaml").write_text("min_severity: error\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "-f", "json", "--config", "alt.yaml", "posts/weibo/a.md")
    alt = json.loads(out)
    assert alt["channel"] == "default" and {f["severity"] for f in alt["findings"]} == {"error"}
    _, out, _ = run(capsys, "check", "-f", "json", "--no-config", "drafts/d.md")
    assert json.loads(out)["suppressed"] == []


def test_front_matter_channel_beats_the_configured_one(repo: Path, capsys) -> None:
    (repo / "posts" / "weibo" / "fm.md").write_text("---\nchannel: x\n---\n" + LAUNCH,
                                                     encoding="utf-8")
    _, out, _ = run(capsys, "check", "-f", "json", "posts/weibo/fm.md")
    assert json.loads(out)["channel"] == "x"


def test_sarif_marks_configuration_suppressions_external(repo: Path, capsys) -> None:
    _, out, _ = run(capsys, "check", "-f", "sarif", "posts/weibo/a.md")
    kinds = {r["ruleId"]: r["suppressions"][0]["kind"]
             for r in json.loads(out)["runs"][0]["results"] if r.get("suppressions")}
    assert kinds == {"formatting.cjk-spacing": "external"}


def test_batch_uses_configuration_per_file(repo: Path, capsys) -> None:
    code, out, err = run(capsys, "batch", "posts", "-j", "1", "-f", "jsonl")
    reports = {os.path.relpath(r["source"]): r for r in map(json.loads, out.splitlines())}
    assert set(reports) == {"posts/weibo/a.md", "posts/x/b.md", "posts/hk/deep/c.md",
                            "posts/f.md"}  # e.bak.md ignored
    assert reports["posts/x/b.md"]["channel"] == "x"
    assert reports["posts/f.md"]["channel"] == "wechat"
    assert not [f for f in reports["posts/hk/deep/c.md"]["findings"]
                if f["category"] == "promotion"]
    (repo / "posts" / "x" / ".voicecheck.yaml").write_text("guide: builtin:default\n",
                                                           encoding="utf-8")
    _, _, err = run(capsys, "batch", "posts", "-j", "1", "-f", "jsonl")
    assert "posts/x/.voicecheck.yaml:1:8: guide builtin:default not used" in err


@pytest.mark.parametrize(("text", "where", "message"), [
    ("min_severty: error\n", "1:1", "unknown key 'min_severty' (did you mean 'min_severity'?)"),
    ("min_severity: loud\n", "1:15", "unknown severity 'loud'"),
    ("guide: nope.yaml\n", "1:8", "guide 'nope.yaml' not found"),
    ("disable: [promotion.absolut-claim]\n", "1:11", "unknown rule 'promotion.absolut-claim' "
                                                      "(did you mean 'promotion.absolute-claim'?)"),
    ("lang: fr\n", "1:7", "unknown language 'fr'"),
    ("channels: [weibo]\n", "1:11", "expected a mapping, got a list"),
    ("ignore: [a\n", "2:1", "YAML syntax error"),
])
def test_configuration_errors_are_located_exit_2(repo: Path, capsys, text: str, where: str,
                                                 message: str) -> None:
    (repo / "posts" / ".voicecheck.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", "posts/f.md")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {repo / 'posts/.voicecheck.yaml'}:{where}: {message}")


def test_a_configured_channel_the_guide_lacks_is_located(repo: Path, capsys) -> None:
    (repo / "posts" / ".voicecheck.yaml").write_text("channel: tiktok\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "posts/f.md")
    assert code == 2
    assert err.startswith(f"error: {repo / 'posts/.voicecheck.yaml'}:1:10: unknown channel "
                          "'tiktok'")


def test_config_show_names_every_source(repo: Path, capsys) -> None:
    code, out, _ = run(capsys, "config", "show", "posts/hk/deep/c.md")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "posts/hk/deep/c.md"
    table = {line.split()[0]: line.split() for line in lines[1:-1]}
    assert table["guide"][1:] == [str(repo / "styleguides/brand.yaml"), ".voicecheck.yaml:1:8"]
    assert table["lang"][1:] == ["zh", "posts/hk/.voicecheck.yaml:1:7"]
    assert table["min_severity"][1:] == ["warning", ".voicecheck.yaml:7:15"]
    assert lines[-1] == ("configuration files (nearest first): "
                         f"{repo / 'posts/hk/.voicecheck.yaml'}, {repo / '.voicecheck.yaml'}")
    _, out, _ = run(capsys, "config", "show", "-f", "json", "--guide", "g.yaml", "drafts/d.md")
    rows = {r["key"]: r for r in json.loads(out)["settings"]}
    assert rows["guide"] == {"key": "guide", "value": "g.yaml", "source": "command line"}
    assert rows["ignored"]["source"] == ".voicecheck.yaml:6:10"
    assert rows["channel"]["source"] == ".voicecheck.yaml:2:10"


@pytest.mark.parametrize(("pattern", "yes", "no"), [
    ("drafts/", ["drafts/a.md", "drafts/x/y.md", "a/drafts/b.md"], ["posts/drafts.md"]),
    ("/drafts/", ["drafts/a.md"], ["a/drafts/b.md"]),
    ("*.bak.md", ["a.bak.md", "x/y/a.bak.md"], ["a.md", "bak.md.txt"]),
    ("posts/weibo/**", ["posts/weibo/a.md", "posts/weibo/x/b.md"], ["posts/weibo.md", "weibo/a.md"]),
    ("posts/*/launch-?.md", ["posts/x/launch-1.md"], ["posts/x/y/launch-1.md", "posts/launch-1.md"]),
    ("**/草稿/*.txt", ["草稿/a.txt", "a/b/草稿/c.txt"], ["草稿.txt"]),
    ("[!a]*.md", ["b.md"], ["a.md"]),
])
def test_globs_behave_like_gitignore(pattern: str, yes: list[str], no: list[str]) -> None:
    rx = glob_regex(pattern)
    assert all(rx.fullmatch(p) for p in yes) and not any(rx.fullmatch(p) for p in no)
