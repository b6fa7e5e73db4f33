"""Batch report writers: CSV for Excel, streamed JSON, self-contained escaped HTML."""

from __future__ import annotations

import csv
import json
import re
from html import escape
from pathlib import Path

import pytest

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


def test_html_keeps_only_the_posts_it_shows(tmp_path: Path) -> None:
    rep = HtmlReport()
    for i in range(50):
        clean = _report(f"post {i} fine", passed=True)
        clean.findings.clear()
        rep.add(clean)
    rep.add(_report())
    rep.add(_report("passing, with a claim", passed=True))
    assert (len(rep.failing), len(rep.passing), rep.checked) == (1, 1, 52)


# --- what a client reads (issue 12) ----------------------------------------------------

def _checked(text: str, channel: str | None = None, source: str = "exports/a.txt") -> Report:
    from voicecheck.engine import check
    from voicecheck.guide import load_guide

    report = check(text, load_guide(None), channel)
    report.source = source
    return report


def test_html_header_names_the_guide_by_name_and_file() -> None:
    from voicecheck.guide import load_guide
    from voicecheck.messages import guide_label

    root = Path(__file__).resolve().parent.parent
    named = load_guide(root / "styleguides" / "clearspring-tea-zh-hans.yaml")
    label = guide_label("en", named)
    assert label.startswith("清泉茶饮 (") and label.endswith("clearspring-tea-zh-hans.yaml)")
    assert guide_label("en", load_guide(None)) == "built-in default guide (builtin:default)"
    assert guide_label("zh", load_guide(None)) == "内置默认指南（builtin:default）"
    page = HtmlReport(guide=label, folder="exports").render()
    assert f"Guide: {escape(label)}" in page and "&lt;default guide&gt;" not in page


def test_passing_posts_with_findings_are_shown_collapsed() -> None:
    rep = HtmlReport()
    rep.add(_checked("亲们！全网最低价！！", source="exports/fail.txt"))
    rep.add(_checked("新品到店，欢迎你来尝尝，VIP会员另有小礼物。", source="exports/pass.txt"))
    rep.add(_checked("新品到店，欢迎你来尝尝。", source="exports/clean.txt"))
    page = rep.render()
    failing, passing = page.split("Passed, with findings to look at")
    assert "exports/fail.txt" in failing and "<article" in failing
    assert '<details class="post"><summary' in passing and "exports/pass.txt" in passing
    assert "2 findings</span></summary>" in passing
    assert "exports/clean.txt" not in page  # nothing to look at


def test_client_view_keeps_guide_settings_out_and_internal_view_has_them() -> None:
    post = "店长微信 abc_tea123，有事加我。"
    client = HtmlReport(view="client")
    internal = HtmlReport(view="internal")
    for rep in (client, internal):
        rep.add(_checked(post))
    client_page, internal_page = client.render(), internal.render()
    assert "compliance.allow" not in client_page
    assert "<code>compliance." not in client_page  # rule ids are for the people who run it
    assert "personal WeChat account" in client_page  # the finding itself is there
    assert "compliance.allow_handles" in internal_page
    assert "<code>compliance.personal-messaging-id</code>" in internal_page


def test_one_entry_per_span_in_the_report() -> None:
    rep = HtmlReport()
    rep.add(_checked("亲们！新品上市啦！！欢迎你来尝。"))
    page = rep.render()
    entries = re.findall(r"<li class=\"\w+\">.*?</li>", page)
    on_marks = [e for e in entries if "“！！”" in e]
    assert len(on_marks) == 1
    assert "formatting" in on_marks[0] and "promotion" in on_marks[0]


def test_posts_without_a_channel_are_counted_and_explained() -> None:
    client, internal = HtmlReport(), HtmlReport(view="internal", lang="zh")
    for rep in (client, internal):
        rep.add(_checked("新品到店，欢迎你来尝尝。"))
        rep.add(_checked("新品到店，欢迎你来尝尝。", source="b.txt"))
        rep.add(_checked("New tea is in, come and try it.", "x"))
    assert "2 posts had no channel and were checked against the default profile." in (
        client.render())
    assert "sub-folder" not in client.render()
    assert "有 2 篇文案没有指定频道" in internal.render() and "--channel" in internal.render()
    assert "default profile" in client.render() and ">X<" in client.render()  # names, not keys




def test_html_report_memory_stays_flat(tmp_path: Path, monkeypatch) -> None:
    """Issue 16: --report held every failing post (151 -> 415 MB for 2k -> 14k posts).
    The detail is rendered on arrival and spooled to disk; memory holds a sort key per
    post. Measured in allocated bytes (tracemalloc), not time."""
    import tracemalloc

    from voicecheck.report import html_report

    monkeypatch.setattr(html_report, "SPOOL_IN_MEMORY", 32 * 1024)
    text = "清泉茶饮新品上市，亲们快来！" * 300  # 4,200 characters, about 12 KB of UTF-8
    with HtmlReport(folder="exports") as rep:
        rep.add(_report(text))
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for i in range(300):  # 3.6 MB of post text
            r = _report(text)
            r.source = f"exports/weibo/post-{i:04d}.txt"
            rep.add(r)
        grown = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        assert grown < 300 * 1024, grown
        out = tmp_path / "r.html"
        rep.write(out)
    page = out.read_text(encoding="utf-8")
    assert page.count('<article class="post">') == 301
    sources = re.findall(r'<span class="src">([^<]+)</span>', page)
    assert sources[1:] == [f"weibo/post-{i:04d}.txt" for i in range(300)]  # by score, source
    assert page.endswith("</html>") and leftover_temps(tmp_path) == []


def leftover_temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_html_write_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    """An interrupted write leaves the previous report (not half a page); a report
    file keeps its mode instead of becoming mkstemp's 0600."""
    out = tmp_path / "r.html"
    out.write_text("previous", encoding="utf-8")
    out.chmod(0o644)
    rep = HtmlReport()
    rep.add(_report())

    def broken():  # noqa: ANN202
        yield "<!DOCTYPE html>"
        raise KeyboardInterrupt

    rep._page = broken  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        rep.write(out)
    assert out.read_text(encoding="utf-8") == "previous" and leftover_temps(tmp_path) == []
    HtmlReport().write(out)
    assert out.stat().st_mode & 0o777 == 0o644 and "</html>" in out.read_text(encoding="utf-8")


def test_highlight_marks_each_piece_with_the_findings_over_it() -> None:
    """Many findings in one post: each piece is marked with exactly the findings over it."""
    text = "最" * 3000
    fs = [Finding("r", "promotion", "warning", i, i + 2, "最最", f"m{i}") for i in range(0, 2998)]
    html = highlight(text, fs)
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count("<mark") == 2999
    assert 'title="warning: m0 · warning: m1"' in html
