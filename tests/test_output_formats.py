"""`--format sarif|github|jsonl` on check and batch, tested on real output.

The SARIF schema (tests/data/sarif-schema-2.1.0.json) is the OASIS errata01 schema as
published in the oasis-tcs/sarif-spec repository (sarif-2.1/schema/).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from voicecheck.cli import main
from voicecheck.engine import check
from voicecheck.report.github import escape_data, escape_property
from voicecheck.report.json_stream import JsonLinesWriter
from voicecheck.rules import rulebook

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))
LAUNCH = "亲们！全网最低价！！史上最好喝的乌龙茶，错过再等一年！\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def valid_sarif(text: str) -> dict:
    log = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- SARIF -------------------------------------------------------------------------------

def test_sarif_is_schema_valid_with_rules_help_and_code_point_regions(in_tmp: Path,
                                                                       capsys) -> None:
    posts = in_tmp / "posts" / "微博 草稿"
    posts.mkdir(parents=True)
    (posts / "launch.txt").write_text("😀😀 第二行\n" + LAUNCH, encoding="utf-8")
    (posts / "ok.txt").write_text("欢迎光临，祝你今天愉快。", encoding="utf-8")
    code, out, _ = run(capsys, "check", "-c", "weibo", "-f", "sarif",
                       "posts/微博 草稿/launch.txt", "posts/微博 草稿/ok.txt")
    log = valid_sarif(out)
    assert code == 1 and log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == in_tmp.resolve().as_uri() + "/"
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert results and {r["ruleId"] for r in results} == {r["id"] for r in rules}
    for result in results:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert unquote(uri) == "posts/微博 草稿/launch.txt" and " " not in uri
    claim = next(r for r in results if r["ruleId"] == "promotion.absolute-claim")
    region = claim["locations"][0]["physicalLocation"]["region"]
    # line 2 of the file; columns count code points (the emoji line above is irrelevant)
    assert (region["startLine"], region["startColumn"]) == (2, 4)
    assert region["endColumn"] - region["startColumn"] == len("全网最低价")
    assert region["snippet"]["text"] == "全网最低价"
    assert claim["level"] == "error" and "实惠的价格" in claim["message"]["text"]


@pytest.mark.parametrize(("lang", "tag", "words"), [("zh", "zh-CN", "绝对化用语"),
                                                   ("zh-Hant", "zh-TW", "絕對化用語")])
def test_sarif_in_chinese_is_valid_and_says_so(in_tmp: Path, capsys, lang: str, tag: str,
                                               words: str) -> None:
    (in_tmp / "d.txt").write_text(LAUNCH, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--lang", lang, "-f", "sarif", "d.txt")
    (run_,) = valid_sarif(out)["runs"]
    claim = next(r for r in run_["tool"]["driver"]["rules"] if r["id"] == "promotion.absolute-claim")
    assert run_["language"] == tag and words in claim["shortDescription"]["text"]


def test_sarif_fingerprints_survive_reruns_and_edits_above(in_tmp: Path, capsys) -> None:
    draft = in_tmp / "d.txt"
    draft.write_text(LAUNCH + "史上最好喝的乌龙茶\n", encoding="utf-8")

    def prints() -> list[tuple[str, str, int]]:
        _, out, _ = run(capsys, "check", "-c", "weibo", "-f", "sarif", "d.txt")
        return [(r["ruleId"], r["partialFingerprints"]["voicecheck/v1"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in valid_sarif(out)["runs"][0]["results"]]

    first = prints()
    assert first == prints()
    same_claims = [p for r, p, _ in first if r == "promotion.absolute-claim"]
    assert len(same_claims) == len(set(same_claims)) == 3  # 史上最好 twice: two alerts
    draft.write_text("新的一行\n" + draft.read_text(encoding="utf-8"), encoding="utf-8")
    moved = prints()
    assert {p for _, p, _ in moved} >= {p for _, p, _ in first}
    assert all(line == 1 + old for (_, _, line), (_, _, old) in
               zip(sorted(moved)[:1], sorted(first)[:1], strict=True))


def test_sarif_lists_suppressed_findings_as_suppressions(in_tmp: Path, capsys) -> None:
    (in_tmp / "d.md").write_text("<!-- voicecheck disable-next-line promotion -->\n" + LAUNCH,
                                 encoding="utf-8")
    _, out, _ = run(capsys, "check", "-c", "weibo", "-f", "sarif", "d.md")
    results = valid_sarif(out)["runs"][0]["results"]
    hidden = [r for r in results if r.get("suppressions")]
    assert hidden and all(r["ruleId"].startswith("promotion.") for r in hidden)
    assert hidden[0]["suppressions"][0]["kind"] == "inSource"
    assert "disable-next-line" in hidden[0]["suppressions"][0]["justification"]


def test_sarif_from_stdin_and_outside_the_working_directory(tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LAUNCH.encode())))
    _, out, _ = run(capsys, "check", "-f", "sarif", "-")
    loc = valid_sarif(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "uri" not in loc["artifactLocation"] and loc["region"]["startLine"] == 1
    elsewhere = tmp_path / "far" / "d.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_text(LAUNCH, encoding="utf-8")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    _, out, _ = run(capsys, "check", "-f", "sarif", str(elsewhere))
    art = valid_sarif(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]
    assert art["uri"] == elsewhere.resolve().as_uri() and "uriBaseId" not in art


def test_batch_sarif_locates_text_posts_in_their_file_and_names_table_rows(in_tmp: Path,
                                                                           capsys) -> None:
    folder = in_tmp / "exports"
    (folder / "weibo").mkdir(parents=True)
    (folder / "weibo" / "a.md").write_text("---\ncampaign: spring\n---\n" + LAUNCH,
                                           encoding="utf-8")
    (folder / "posts.csv").write_text("text,channel\n欢迎光临\n全网最低价，快来！,weibo\n",
                                      encoding="utf-8")
    (folder / "bad.json").write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "batch", "exports", "-j", "1", "-f", "sarif")
    log = valid_sarif(out)
    results = log["runs"][0]["results"]
    md = next(r for r in results if r["ruleId"] == "promotion.absolute-claim"
              and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
              == "exports/weibo/a.md")
    assert md["locations"][0]["physicalLocation"]["region"]["startLine"] == 4  # past front matter
    row = next(r for r in results if "posts.csv" in
               r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert "region" not in row["locations"][0]["physicalLocation"]
    assert row["message"]["text"].startswith("exports/posts.csv:3: ")
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("bad.json" in n["message"]["text"] for n in notes)
    assert code == 1 and "checked 3 posts" in err


def test_every_rule_the_samples_trigger_is_in_the_rulebook() -> None:
    from test_samples import CASES, GUIDES, SAMPLES
    from test_samples import guide as guide_for

    seen: set[str] = set()
    for name, (guide, channel, expected) in CASES.items():
        text = (SAMPLES / name).read_text(encoding="utf-8")
        seen |= {f.rule for f in check(text, guide_for(guide), channel).findings} | expected
    assert len(seen) > 20 and GUIDES and seen <= set(rulebook())


# --- GitHub annotations ----------------------------------------------------------------

_ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    m = _ANNOTATION.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group("props").split(","))
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group("message"))


def test_github_annotations_parse_and_point_at_the_span(in_tmp: Path, capsys) -> None:
    name = "a,b:c%.txt"
    (in_tmp / name).write_text("第一行\n" + LAUNCH, encoding="utf-8")
    code, out, _ = run(capsys, "check", "-c", "weibo", "-f", "github", name)
    lines = out.splitlines()
    assert code == 1 and lines
    parsed = [parse_annotation(line) for line in lines]
    assert {p["file"] for _, p, _ in parsed} == {name}
    level, props, message = next(a for a in parsed if a[1]["title"] == "promotion.absolute-claim")
    assert level == "error" and (props["line"], props["col"]) == ("2", "4")
    assert props["endColumn"] == str(4 + len("全网最低价") - 1)
    assert "absolute claim" in message and "Suggestion: 实惠的价格" in message
    assert {lvl for lvl, _, _ in parsed} <= {"error", "warning", "notice"}


def test_github_escaping_is_githubs() -> None:
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


# --- JSON Lines ----------------------------------------------------------------------------

def test_jsonl_is_one_report_per_line(in_tmp: Path, capsys) -> None:
    for name in ("a.txt", "b.txt"):
        (in_tmp / name).write_text(LAUNCH, encoding="utf-8")
    _, out, _ = run(capsys, "check", "-f", "jsonl", "a.txt", "b.txt")
    lines = out.splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["a.txt", "b.txt"]
    (in_tmp / "exports").mkdir()
    for i in range(5):
        (in_tmp / "exports" / f"{i}.txt").write_text(LAUNCH if i % 2 else "欢迎光临",
                                                     encoding="utf-8")
    code, out, _ = run(capsys, "batch", "exports", "-j", "1", "-f", "jsonl")
    reports = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(reports) == 5 and {r["source"] for r in reports} == {
        os.path.join("exports", f"{i}.txt") for i in range(5)}


def test_jsonl_streams_each_report_as_it_comes() -> None:
    class Recorder(io.StringIO):
        flushed: list[str] = []

        def flush(self) -> None:
            self.flushed.append(self.getvalue())

    from voicecheck.guide import load_guide

    stream = Recorder()
    writer = JsonLinesWriter(stream)
    guide = load_guide()
    for text in ("欢迎光临", LAUNCH):
        writer.add(check(text, guide))
        assert stream.flushed[-1].count("\n") == len(stream.flushed)  # on the line, now
    writer.close()
