"""Form edits rewrite only what changed: the brand lead's comments and layout survive."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.guide import Guide
from voicecheck.guide.loader import parse_own_guide, read_own_guide
from voicecheck.guide.model import Term
from voicecheck.guide.saver import dump_guide, guide_to_data
from voicecheck.guide.splice import rewrite

ROOT = Path(__file__).resolve().parent.parent
GUIDES = sorted((ROOT / "styleguides").glob("*-*.yaml"))  # the three documented examples


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def changed_lines(old: str, new: str) -> int:
    return sum(1 for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---")))


EDITS: dict[str, Callable[[Guide], object]] = {
    "term severity": lambda g: g.terms.__setitem__(
        0, dataclasses.replace(g.terms[0], severity="info")),
    "delete term": lambda g: g.terms.pop(1),
    "add term": lambda g: g.terms.append(Term(avoid=("赠品",), prefer={"*": "礼品"},
                                              severity="warning")),
    "channel limit": lambda g: setattr(g.channels[next(iter(g.channels))], "max_chars", 999),
    "tone range": lambda g: g.voice.tone.update(formality=(10, 90)),
    "pass mark": lambda g: setattr(g.scoring, "pass_score", 75),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_one_form_edit_keeps_every_comment(path: Path, edit: str) -> None:
    old = path.read_text(encoding="utf-8")
    guide = read_own_guide(path)
    EDITS[edit](guide)
    out = rewrite(old, guide, str(path))
    assert guide_to_data(read_own_guide_text(out, path)) == guide_to_data(guide)
    assert comments(out) == comments(old)
    assert changed_lines(old, out) <= 8  # the edit, not the file
    assert comments(dump_guide(guide)) == []  # what a plain dump would have cost


def read_own_guide_text(text: str, like: Path) -> Guide:
    return parse_own_guide(text, str(like))


def test_a_changed_item_takes_its_lines_and_keeps_its_neighbours(tmp_path: Path) -> None:
    old = ("# header\nversion: 1\nterms:\n  # the brand\n  - prefer: NorthPeak\n"
           "    avoid: [North Peak]   # two words\n  # cheap talk\n  - avoid: [cheap]\n"
           "scoring:\n  pass: 80   # the default\n")
    path = tmp_path / "g.yaml"
    path.write_text(old, encoding="utf-8")
    guide = read_own_guide(path)
    guide.terms[1] = dataclasses.replace(guide.terms[1], severity="error")
    out = rewrite(old, guide, str(path))
    assert out == ("# header\nversion: 1\nterms:\n  # the brand\n  - prefer: NorthPeak\n"
                   "    avoid: [North Peak]   # two words\n  # cheap talk\n  - avoid: [cheap]\n"
                   "    severity: error\nscoring:\n  pass: 80   # the default\n")


def test_layout_it_cannot_follow_falls_back_to_a_plain_dump(tmp_path: Path) -> None:
    old = "{version: 1, scoring: {pass: 80}}  # all on one line\n"
    path = tmp_path / "g.yaml"
    path.write_text(old, encoding="utf-8")
    guide = read_own_guide(path)
    guide.scoring.pass_score = 70
    assert rewrite(old, guide, str(path)) == dump_guide(guide)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=4),
       st.sampled_from(GUIDES))
def test_any_series_of_edits_gives_exactly_the_new_guide(edits: list[str], path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for edit in edits:
        guide = read_own_guide_text(text, path)
        if edit == "delete term" and len(guide.terms) < 2:
            continue
        EDITS[edit](guide)
        text = rewrite(text, guide, str(path))
        assert guide_to_data(read_own_guide_text(text, path)) == guide_to_data(guide)
    assert set(comments(text)) <= set(comments(path.read_text(encoding="utf-8")))
