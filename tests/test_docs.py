"""The repository documents itself: every guide key and report field is in docs/, the
examples there are valid guides, README links the pages and nothing outside the repo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from voicecheck.findings import Finding, Report
from voicecheck.guide import parse_guide
from voicecheck.guide.schema import GUIDE, Either, ListOf, MapOf, Spec, Struct

ROOT = Path(__file__).resolve().parent.parent
GUIDE_DOC = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
REPORT_DOC = (ROOT / "docs" / "report-format.md").read_text(encoding="utf-8")


def _keys(spec: Spec, prefix: str = "") -> list[str]:
    """Every key the schema accepts, as dotted paths (list items and free keys skipped)."""
    if isinstance(spec, Either):
        return _keys(spec.mapping, prefix)
    if isinstance(spec, ListOf | MapOf):
        inner = spec.item if isinstance(spec, ListOf) else spec.value
        return _keys(inner, prefix)
    if isinstance(spec, Struct):
        out = []
        for key, sub in spec.fields.items():
            out.append(prefix + key)
            out.extend(_keys(sub, prefix + key + "."))
        return out
    return []


@pytest.mark.parametrize("path", sorted(set(_keys(GUIDE))))
def test_every_guide_key_is_documented(path: str) -> None:
    leaf = path.rsplit(".", 1)[-1]
    if leaf in ("formality", "enthusiasm", "warmth", "customer_focus", "en", "zh"):
        assert f"`{leaf}`" in GUIDE_DOC
        return
    assert f"`{path}`" in GUIDE_DOC or f"`{leaf}`" in GUIDE_DOC, path


def test_every_rule_a_family_or_pattern_may_raise_is_documented() -> None:
    from voicecheck.guide.model import RULES

    spans = {"phrase": "the phrase", "clause": "the clause it is in"}
    for rule, (category, severity, span) in RULES.items():
        assert f"| `{rule}` | {category} | {severity} | {spans[span]} |" in GUIDE_DOC, rule


def test_the_documented_examples_are_valid_guides() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE_DOC, re.S)
    guides = [b for b in blocks if b.startswith("version:")]
    assert len(guides) >= 5  # one per language situation
    for text in guides:
        parse_guide(text, "docs/guide-format.md", ROOT)


def test_every_report_field_is_documented(tmp_path: Path) -> None:
    finding = Finding("r", "tone", "info", 0, 1, "x", "m")
    report = Report("f", "weibo", "zh-Hans", "zh-Hans", 90, True, {}, {}, [finding],
                    source="a.csv:2", campaign="c")
    for key in [*report.to_dict(), *finding.to_dict()]:
        assert f"`{key}`" in REPORT_DOC, key


def test_readme_links_the_docs_and_nothing_outside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/guide-format.md)" in readme and "(docs/report-format.md)" in readme
    for text in (readme, GUIDE_DOC, REPORT_DOC):
        assert "../shared" not in text
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).exists(), link
