"""Applying a suggestion fixes its finding and raises no new problem (issue 9).

Over every post of the labelled corpus: each finding's first suggestion is applied, the
post is checked again, and the finding must be gone from where the suggestion now
stands, with no finding of a category at a place where the first report had none of
that category (a half-width comma flagged as `halfwidth-punctuation`, then as
`mixed-punctuation` once its neighbour is fixed, is the same problem). Converting a
whole post's script is left out: it is a rewrite, and tone reads Traditional posts with a
learned regional offset.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from voicecheck.engine import check
from voicecheck.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402

POSTS = accuracy.load_corpus(sorted(accuracy.CORPUS.glob("*.yaml")))
WHOLE_POST_REWRITES = {"script.wrong-script"}


def _moved(f: Finding, start: int, end: int, delta: int) -> tuple[int, int]:
    """Where an old finding's span lies after text[start:end] was replaced (delta longer);
    one that touched the replaced text stretches over the replacement."""
    lo = f.start if f.start <= start else max(f.start + delta, start)
    hi = f.end + delta if f.end >= end else max(f.end, start)
    return lo, max(hi, lo + 1)


def _problems(post: accuracy.Post) -> list[str]:
    guide = accuracy.guide(post.guide)
    report = check(post.text, guide, post.channel)
    out = []
    for f in report.findings:
        if not f.suggestions or f.rule in WHOLE_POST_REWRITES:
            continue
        fix = f.suggestions[0]
        text = post.text[: f.start] + fix + post.text[f.end :]
        delta = len(fix) - (f.end - f.start)
        before = [(g.category, *_moved(g, f.start, f.end, delta))
                  for g in report.findings if g is not f]
        for g in check(text, guide, post.channel).findings:
            if not any(c == g.category and a < max(g.end, g.start + 1) and g.start < b
                       for c, a, b in before):
                out.append(f"{post.id}: {f.rule} '{f.text}' -> '{fix}' leaves {g.rule} '{g.text}'")
    return out


def test_the_corpus_is_there() -> None:
    assert len(POSTS) >= 600


@pytest.mark.parametrize("post", POSTS, ids=[p.id for p in POSTS])
def test_applying_a_suggestion_fixes_it_and_adds_nothing(post: accuracy.Post) -> None:
    assert _problems(post) == []
