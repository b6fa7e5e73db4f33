"""Suppressions: comments in a post, front matter, counted and reported, never silent."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.batch import run_batch
from voicecheck.cli import main
from voicecheck.draft import check_draft
from voicecheck.engine import check
from voicecheck.guide import load_guide
from voicecheck.readers import Skipped
from voicecheck.suppress import DirectiveError, parse_comments

GUIDE = load_guide()
LAUNCH = "亲们！全网最低价！！史上最好喝的乌龙茶，错过再等一年！"


def rules(report) -> list[str]:
    return sorted(f.rule for f in report.findings)


def test_off_and_on_suppress_what_starts_between_them() -> None:
    text = ("全网最低价，欢迎品尝。\n<!-- voicecheck off -->\n全网最低价，欢迎品尝。\n"
            "<!-- voicecheck on -->\n全网最低价，欢迎品尝。\n")
    report = check(text, GUIDE, "weibo")
    claims = [f for f in report.findings if f.rule == "promotion.absolute-claim"]
    assert [text.count("\n", 0, f.start) for f in claims] == [0, 4]
    (hidden,) = [s for s in report.suppressed if s.finding.rule == "promotion.absolute-claim"]
    assert text.count("\n", 0, hidden.finding.start) == 2
    assert hidden.by == "<!-- voicecheck off --> (line 2)" and hidden.kind == "inSource"
    assert report.scores["promotion"] == 100 - 2 * 25  # two errors count, not three


def test_off_for_one_rule_leaves_the_others_and_runs_to_the_end() -> None:
    text = "<!-- voicecheck off promotion.absolute-claim -->\n亲们！全网最低价！"
    report = check(text, GUIDE, "weibo")
    assert "promotion.absolute-claim" not in rules(report)
    assert "terminology.banned" in rules(report)
    assert [s.finding.rule for s in report.suppressed] == ["promotion.absolute-claim"]


def test_disable_next_line_covers_only_the_next_line() -> None:
    text = ("<!-- voicecheck disable-next-line promotion, terminology -->\n亲们！全网最低价！\n"
            "亲们！全网最低价！")
    report = check(text, GUIDE, "weibo")
    named = [f.rule for f in report.findings if f.rule in ("promotion.absolute-claim",
                                                            "terminology.banned")]
    assert Counter(named) == Counter({"promotion.absolute-claim": 1, "terminology.banned": 1})
    assert all(f.start > text.rindex("\n") for f in report.findings
               if f.category in ("promotion", "terminology"))
    assert {s.finding.rule for s in report.suppressed} == {"promotion.absolute-claim",
                                                           "terminology.banned"}


def test_allow_one_term_everywhere_in_the_post_but_nothing_else() -> None:
    quote = "顾客留言说“史上最好喝”，谢谢喜欢！\n史上最好的乌龙茶，全网最低价。"
    text = '<!-- voicecheck allow "史上最好喝" -->\n' + quote
    report = check(text, GUIDE, "weibo")
    claims = [f.text for f in report.findings if f.rule == "promotion.absolute-claim"]
    assert claims == ["史上最好的", "全网最低价"]  # the bare 史上最好 is still flagged
    assert [s.finding.text for s in report.suppressed] == ["史上最好喝"]


def test_front_matter_disables_rules_for_the_whole_post() -> None:
    draft = ("---\nchannel: weibo\nvoicecheck: {disable: [formatting, terminology.banned],"
             " allow: [全网最低价]}\n---\n" + LAUNCH)
    report = check_draft(draft, GUIDE, strict=True)
    assert not [f for f in report.findings if f.category == "formatting"
                or f.rule == "terminology.banned" or f.text == "全网最低价"]
    reasons = {s.by for s in report.suppressed}
    assert reasons == {"front matter voicecheck.disable (line 3)",
                       "front matter voicecheck.allow (line 3)"}
    assert all(draft[s.finding.start:s.finding.end] == s.finding.text for s in report.suppressed)
    assert report.suppressions.touches(report.suppressed[0].finding) is False


def test_suppressed_findings_do_not_score_but_are_counted(tmp_path: Path, capsys) -> None:
    plain, hushed = tmp_path / "plain.txt", tmp_path / "hushed.md"
    plain.write_text(LAUNCH, encoding="utf-8")
    hushed.write_text("<!-- voicecheck off -->\n" + LAUNCH, encoding="utf-8")
    assert main(["check", "-c", "weibo", "-f", "json", str(plain), str(hushed)]) == 1
    a, b = json.loads(capsys.readouterr().out)
    assert a["suppressed"] == [] and b["findings"] == []
    assert b["score"] == 100 and b["passed"] is True
    assert [(s["rule"], s["text"]) for s in b["suppressed"]] == [
        (f["rule"], f["text"]) for f in a["findings"]]
    assert all(s["suppressed_by"] == "<!-- voicecheck off --> (line 1)" for s in b["suppressed"])
    assert main(["check", "-c", "weibo", str(hushed)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(f"{len(b['suppressed'])} suppressed")


@pytest.mark.parametrize(("directive", "where", "message"), [
    ("<!-- voicecheck of -->", "2:17", "unknown voicecheck directive 'of' (did you mean 'off'?)"),
    ("<!-- voicecheck off promotoin -->", "2:21", "unknown rule 'promotoin' (did you mean "
                                                  "'promotion'?)"),
    ("<!-- voicecheck allow -->", "2:1", "'voicecheck allow' needs a term"),
])
def test_directive_mistakes_are_located_exit_2(tmp_path: Path, capsys, directive: str,
                                               where: str, message: str) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(f"第一行\n{directive}\n全网最低价", encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {draft}:{where}: {message}")


def test_front_matter_mistakes_are_located(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("---\nchannel: weibo\nvoicecheck:\n  disable: [promotion.absolut-claim]\n"
                     "  ignore: [x]\n---\nhi", encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {draft}:4:13: unknown rule 'promotion.absolut-claim' (did you mean "
        "'promotion.absolute-claim'?): give a rule id, a category or 'all'",
        f"error: {draft}:5:3: unknown key 'ignore'",
    ]


def test_the_library_is_lenient_while_a_directive_is_being_typed() -> None:
    text = "<!-- voicecheck of -->\n全网最低价"
    assert "promotion.absolute-claim" in rules(check(text, GUIDE))
    assert parse_comments(text).problems
    with pytest.raises(DirectiveError):
        check_draft(text, GUIDE, strict=True)
    assert "promotion.absolute-claim" in rules(check_draft(text, GUIDE))


def test_batch_applies_directives_and_skips_a_post_with_a_located_mistake(tmp_path: Path) -> None:
    (tmp_path / "weibo").mkdir()
    (tmp_path / "weibo" / "a.md").write_text(
        "---\nvoicecheck: {disable: [promotion]}\n---\n" + LAUNCH, encoding="utf-8")
    (tmp_path / "weibo" / "b.md").write_text("hi\n<!-- voicecheck offf -->\n" + LAUNCH,
                                             encoding="utf-8")
    (tmp_path / "posts.csv").write_text(
        "text\n<!-- voicecheck off -->全网最低价\n全网最低价\n", encoding="utf-8")
    results = list(run_batch(tmp_path, GUIDE, workers=1))
    reports = {r.source: r for r in results if not isinstance(r, Skipped)}
    (skipped,) = [r for r in results if isinstance(r, Skipped)]
    assert skipped.source == f"{tmp_path / 'weibo' / 'b.md'}:2:17"
    assert "did you mean 'off'" in skipped.reason
    a = reports[str(tmp_path / "weibo" / "a.md")]
    assert not [f for f in a.findings if f.category == "promotion"] and a.suppressed
    row2, row3 = (reports[f"{tmp_path / 'posts.csv'}:{n}"] for n in (2, 3))
    assert not row2.findings and row2.suppressed and rules(row3) == ["promotion.absolute-claim"]


def test_normalization_hides_comments_and_keeps_offsets_exact() -> None:
    text = "新品<!-- 备注：全网最低价 -->上市，iPhone<!-- x -->用户专享全网最低价"
    report = check(text, GUIDE, "weibo")
    assert all(text[f.start:f.end] == f.text for f in report.findings)
    claims = [f for f in report.findings if f.rule == "promotion.absolute-claim"]
    assert [f.start for f in claims] == [text.rindex("全网最低价")]  # not the one in the comment


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([
    "<!-- 备注 -->", "<!-- TODO: check the price -->", "<!--\n多行\n注释 -->"]))
def test_a_plain_comment_changes_no_finding(seed: int, comment: str) -> None:
    lines = LAUNCH.replace("！", "！\n").splitlines(keepends=True)
    at = seed % (len(lines) + 1)
    with_comment = "".join(lines[:at]) + comment + "".join(lines[at:])
    before = check("".join(lines), GUIDE, "weibo")
    after = check(with_comment, GUIDE, "weibo")
    assert Counter((f.rule, f.text) for f in after.findings) == Counter(
        (f.rule, f.text) for f in before.findings)
    assert after.score == before.score and not after.suppressed
