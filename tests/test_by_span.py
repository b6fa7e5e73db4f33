"""One problem, one entry: findings on one span are shown together; data keeps them apart."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from voicecheck.cli import main
from voicecheck.findings import Finding, by_span

SHOUTING = "亲们！新品上市啦！！欢迎你来尝。"

findings = st.builds(
    Finding, rule=st.sampled_from(["a.x", "b.y", "c.z"]),
    category=st.sampled_from(["formatting", "promotion", "tone"]),
    severity=st.sampled_from(["error", "warning", "info"]),
    start=st.integers(0, 5), end=st.integers(5, 8), text=st.just("t"), message=st.just("m"))


@given(st.lists(findings, max_size=12))
def test_every_finding_is_in_exactly_one_group_of_one_span(items: list[Finding]) -> None:
    groups = by_span(items)
    assert sorted(map(id, (f for g in groups for f in g))) == sorted(map(id, items))
    assert all(len({(f.start, f.end) for f in g}) == 1 for g in groups)
    spans = [(g[0].start, g[0].end) for g in groups]
    assert spans == sorted(set(spans))
    rank = {"error": 3, "warning": 2, "info": 1}
    assert all([rank[f.severity] for f in g] == sorted((rank[f.severity] for f in g),
                                                       reverse=True) for g in groups)


def test_text_output_has_one_entry_the_json_one_finding_per_category(tmp_path: Path,
                                                                      capsys) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(SHOUTING, encoding="utf-8")
    main(["check", str(draft)])
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if line.startswith(f"{draft}:1:9:")]
    assert len(heads) == 1
    assert "[formatting.repeated-punctuation, promotion.exclamations]" in heads[0]
    assert "    promotion: 3 exclamation marks" in out
    assert out.count("suggestion: ！") == 1
    main(["check", "--format", "json", str(draft)])
    data = json.loads(capsys.readouterr().out)
    on_span = [f["category"] for f in data["findings"] if f["text"] == "！！"]
    assert sorted(on_span) == ["formatting", "promotion"]
