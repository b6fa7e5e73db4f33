"""Scores: severities weigh differently, long posts are not punished like short ones."""

from __future__ import annotations

from pathlib import Path

from voicecheck.engine import check
from voicecheck.findings import Finding
from voicecheck.guide import parse_guide
from voicecheck.scoring import category_scores, overall_score

GUIDE = parse_guide(
    "version: 1\nterms:\n  - avoid: [VIP]\n    severity: error\n  - avoid: [亲们]\n"
    "    severity: warning\n",
    "g.yaml",
    Path("."),
)


def finding(severity: str, category: str = "terminology") -> Finding:
    return Finding("r", category, severity, 0, 1, "x", "m")


def test_severities_weigh_differently() -> None:
    err = overall_score(category_scores([finding("error")], 1.0))
    warn = overall_score(category_scores([finding("warning")], 1.0))
    note = overall_score(category_scores([finding("info")], 1.0))
    assert err < 80 <= warn < note < 100
    assert overall_score(category_scores([], 1.0)) == 100


def test_findings_only_lower_their_own_category() -> None:
    scores = category_scores([finding("error", "promotion")], 1.0)
    assert scores["promotion"] == 75
    assert all(v == 100 for k, v in scores.items() if k != "promotion")


def test_long_post_with_one_issue_scores_higher_than_short_one() -> None:
    short = check("欢迎你成为 VIP。", GUIDE)
    long = check("欢迎你成为 VIP。" + "你的每一杯茶都来自福建高山，我们仔细挑选和烘焙。" * 12, GUIDE)
    assert [f.text for f in short.findings] == [f.text for f in long.findings] == ["VIP"]
    assert long.score > short.score
    assert not short.passed


def test_more_findings_never_raise_the_score() -> None:
    one = check("欢迎你成为 VIP。", GUIDE).score
    two = check("亲们，欢迎你成为 VIP。", GUIDE).score
    assert two < one
