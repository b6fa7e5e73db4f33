"""Scores from findings.

Each category starts at 100 and loses a weight per finding by severity, scaled down for
long posts (one slip in a long article matters less than in a one-liner). The overall
score decays with the sum of category losses, so one error fails a short post at the
default pass mark of 80 while a single warning does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from .findings import Finding, Report
from .guide.model import CATEGORIES
from .text.script import ScriptCounts

WEIGHTS = {"error": 25, "warning": 10, "info": 3}
REFERENCE_UNITS = 140  # about one feed post


def length_factor(scripts: ScriptCounts) -> float:
    """1 up to a feed-post length, then 1/sqrt growth, never below 0.4."""
    units = scripts.han + 2 * scripts.latin_words
    if units <= REFERENCE_UNITS:
        return 1.0
    return max(0.4, math.sqrt(REFERENCE_UNITS / units))


def category_scores(findings: Iterable[Finding], factor: float) -> dict[str, int]:
    loss = dict.fromkeys(CATEGORIES, 0.0)
    for f in findings:
        loss[f.category] += WEIGHTS[f.severity] * factor
    return {c: max(0, round(100 - loss[c])) for c in CATEGORIES}


def overall_score(scores: dict[str, int]) -> int:
    deficit = sum(100 - s for s in scores.values())
    return round(100 * math.exp(-deficit / 100))


def rescored(report: Report, findings: list[Finding], pass_score: int) -> Report:
    """The report with `findings` instead of its own, scored the same way."""
    scores = category_scores(findings, report.length_factor)
    score = overall_score(scores)
    return replace(report, findings=findings, scores=scores, score=score,
                   passed=score >= pass_score)
