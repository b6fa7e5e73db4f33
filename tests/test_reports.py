"""Batch report writers: CSV for Excel, streamed JSON, self-contained escaped HTML."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from voicecheck.findings import Finding, Report
from voicecheck.readers import Skipped
from voicecheck.report.csv_report import CsvWriter
from voicecheck.report.html_report import HtmlReport, highlight
from voicecheck.report.json_stream import JsonArrayWriter

EVIL = "Try <script>alert(1)</script> 亲们 & \"friends\""


def _report(text: str = EVIL, passed: bool = False, channel: str = "weibo") -> Report:
    start = text.find("亲们")
    findings = [Finding("terminology.banned", "terminology", "warning", start, start + 2,
                        "亲们", "<b>pet</b> name", ("你们",))] if start >= 0 else []
    findings.append(Finding("promotion.absolute-claim", "promotion", "error", 0, 3, text[:3],
                            "claim"))
    return Report(file="a.csv", channel=channel, language="zh-Hans", detected_language="zh-Hans",
                  score=55 if not passed else 95, passed=passed,
                  scores={"terminology": 90, "promotion": 75}, tone={}, findings=findings,
                  text=text, source="a.csv:2", campaign="spring")


def test_csv_has_bom_and_one_row_per_finding(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    with CsvWriter(path) as w:
        w.add(_report())
        clean = _report("A calm post", passed=True)
        clean.findings.clear()
        w.add(clean)
        w.add(_report("=HYPERLINK(\"http://x\") 亲们"))
        w.add_skipped(Skipped("bin.txt", "binary file"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["status"] for r in rows] == ["fail", "fail", "pass", "fail", "fail", "skipped"]
    assert rows[0]["text"] == "亲们" and rows[0]["suggestions"] == "你们"
    assert rows[0]["source"] == "a.csv:2" and rows[0]["campaign"] == "spring"
    assert rows[2]["rule"] == ""
    assert rows[4]["text"] == "'=HY"  # no formula injection in Excel
    assert rows[5]["message"] == "binary file"


def test_json_stream_is_a_valid_array_with_source(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    with JsonArrayWriter(path) as w:
        w.add(_report())
        w.add(_report("另一条", passed=True))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [d["source"] for d in data] == ["a.csv:2", "a.csv:2"]
    assert data[0]["campaign"] == "spring" and data[0]["findings"][0]["rule"]
    empty = tmp_path / "e.json"
    JsonArrayWriter(empty).close()
    assert json.loads(empty.read_text()) == []


def test_html_escapes_post_text_and_is_self_contained(tmp_path: Path) -> None:
    rep = HtmlReport(guide="guide.yaml", folder="exports")
    rep.add(_report())
    rep.add(_report("All good", passed=True, channel="x"))
    rep.add_skipped(Skipped("evil<script>.txt", "binary <file>"))
    page = rep.render()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "evil&lt;script&gt;.txt" in page and "&lt;b&gt;pet&lt;/b&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count("<svg") == 2
    assert "Posts checked" in page and "50%" in page  # pass rate
    assert '<mark class="warning" title="warning: &lt;b&gt;pet&lt;/b&gt; name">亲们</mark>' in page
    out = tmp_path / "r.html"
    rep.write(out)
    written = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)" in written and "<script" not in written.lower()


def test_html_report_in_chinese() -> None:
    rep = HtmlReport(lang="zh", guide="guide.yaml", folder="exports")
    rep.add(_report())
    rep.add(_report("All good", passed=True, channel="x"))
    rep.add_skipped(Skipped("evil<script>.txt", "binary <file>"))
    page = rep.render()
    for words in ("品牌语气检查报告", "已检查文案", "通过率", "按频道", "得分分布", "最常见的问题",
                  "未通过的文案", "已跳过", "跳过 1 个", "文件夹：exports", "失分类别：术语 90、促销用语 75"):
        assert words in page, words
    assert '<mark class="warning" title="警告: &lt;b&gt;pet&lt;/b&gt; name">亲们</mark>' in page
    english = re.sub(r"<[^>]+>", " ", HtmlReport(guide="g", folder="f").render())
    assert "Posts checked" in english and "已检查" not in english
    assert "<script" not in page.lower()


def test_highlight_overlaps_keep_text_intact() -> None:
    text = "全网最好的茶"
    fs = [Finding("a", "promotion", "error", 0, 4, "全网最好", "m1"),
          Finding("b", "terminology", "info", 2, 6, "最好的茶", "m2")]
    html = highlight(text, fs)
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count("<mark") == 3
    assert 'class="error" title="error: m1 · info: m2">最好</mark>' in html


def test_html_keeps_only_failing_posts(tmp_path: Path) -> None:
    rep = HtmlReport()
    for i in range(50):
        rep.add(_report(f"post {i} fine", passed=True))
    rep.add(_report())
    assert len(rep.failing) == 1 and rep.checked == 51
