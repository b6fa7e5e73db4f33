"""Style guides: loading, packs, located errors, atomic save."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from voicecheck.guide import (
    GuideError,
    builtin_packs,
    dump_guide,
    load_guide,
    parse_guide,
    read_own_guide,
    save_guide,
)

DESIGN_EXAMPLE = """\
version: 1
brand:
  name: ClearSpring Tea
  aliases: {zh-Hans: 清泉茶饮, zh-Hant: 清泉茶飲}
language: zh-Hans
extends: [builtin:zh-ad-law, builtin:en-hype]
voice:
  summary: Warm, plain-spoken, customer-first. Never boastful.
  tone:
    formality: [30, 70]
    enthusiasm: [10, 60]
    warmth: [50, 100]
    customer_focus: [50, 100]
terms:
  - prefer: ClearSpring
    avoid: [Clear Spring, Clearspring]
    case_sensitive: true
    severity: error
    note: Our name is one word.
  - prefer: {zh-Hans: 会员, zh-Hant: 會員}
    avoid: [VIP]
  - avoid: [亲们, 宝宝们]
    severity: warning
promotion:
  max_exclamations: 1
  max_emoji: 3
  allow: [第一次]
  claims: [史上最低]
channels:
  weibo:
    language: zh-Hans
    max_chars: 2000
    fold_chars: 140
    hashtag: "#topic#"
    max_hashtags: 3
    tone: {formality: [20, 60]}
  x:
    language: en
    max_chars: 280
    counting: twitter
    hashtag: "#topic"
scoring:
  pass: 80
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def problems(text: str, tmp_path: Path) -> list[str]:
    p = write(tmp_path, "g.yaml", text)
    with pytest.raises(GuideError) as exc:
        load_guide(p)
    return [str(x) for x in exc.value.problems]


def test_design_example_loads_with_packs_merged(tmp_path: Path) -> None:
    g = load_guide(write(tmp_path, "g.yaml", DESIGN_EXAMPLE))
    assert g.brand.aliases["zh-Hant"] == "清泉茶飲"
    assert g.terms[0].prefer == {"*": "ClearSpring"} and g.terms[0].case_sensitive
    assert g.terms[1].preferred_for("zh-Hant-TW") == "會員"
    claims = [c.text for c in g.promotion.claims]
    assert "最低价" in claims and "unbeatable" in claims  # from the packs
    assert any(f.match.startswith("{scope}{的?}最{evaluative}") for f in g.families)
    assert "evaluative" in g.lists
    assert claims[-1] == "史上最低"  # the guide's own entries come last
    assert "第一次" in g.promotion.allow and g.promotion.max_exclamations == 1
    weibo = g.channels["weibo"]
    assert g.tone_targets(weibo)["formality"] == (20, 60)
    assert g.tone_targets(weibo)["warmth"] == (50, 100)
    assert g.channels["x"].counting == "twitter"


def test_default_guide_and_builtin_packs() -> None:
    g = load_guide(None)
    assert {"weibo", "x", "instagram"} <= set(g.channels)
    assert {"zh-ad-law", "en-hype"} <= set(builtin_packs())


def test_unknown_key_names_line_column_and_suggests(tmp_path: Path) -> None:
    out = problems("version: 1\nbrand:\n  name: Foo\n  nmae: Bar\n", tmp_path)
    assert len(out) == 1
    assert out[0].endswith("g.yaml:4:3: unknown key 'nmae' (did you mean 'name'?)")


def test_wrong_type_and_reversed_range(tmp_path: Path) -> None:
    out = problems(
        """\
        voice:
          tone:
            formality: [70, 30]
            warmth: high
        promotion:
          max_emoji: lots
        """,
        tmp_path,
    )
    assert any(":3:16: range [70, 30] is reversed" in p for p in out)
    assert any(":4:13: expected a range [low, high], got 'high'" in p for p in out)
    assert any(":6:14: expected a whole number, got 'lots'" in p for p in out)


def test_unknown_channel_language_and_severity(tmp_path: Path) -> None:
    out = problems(
        """\
        channels:
          weibo: {language: zh-CN}
        terms:
          - avoid: [x]
            severity: fatal
        """,
        tmp_path,
    )
    assert any(":2:21: unknown language 'zh-CN'" in p for p in out)
    assert any(":5:15: unknown severity 'fatal'" in p for p in out)


def test_duplicate_term_points_at_second(tmp_path: Path) -> None:
    out = problems(
        """\
        terms:
          - avoid: [VIP]
          - avoid: [vip]
        """,
        tmp_path,
    )
    assert out == [f"{tmp_path / 'g.yaml'}:3:5: duplicate term: 'vip' is already avoided "
                   "(first at line 2)"]


def test_missing_and_cyclic_packs(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: [b.yaml]\n")
    write(tmp_path, "b.yaml", "extends: [a.yaml]\n")
    with pytest.raises(GuideError) as exc:
        load_guide(tmp_path / "a.yaml")
    assert "cyclic extends" in str(exc.value)
    out = problems("extends: [builtin:zh-ad-lwa, missing.yaml]\n", tmp_path)
    assert ":1:11: pack 'builtin:zh-ad-lwa' not found (built-in packs:" in out[0]
    assert ":1:30: pack 'missing.yaml' not found" in out[1]


def test_pack_errors_name_the_pack_file(tmp_path: Path) -> None:
    write(tmp_path, "pack.yaml", "promotion:\n  claimz: [x]\n")
    out = problems("extends: [pack.yaml]\n", tmp_path)
    assert out == [f"{tmp_path / 'pack.yaml'}:2:3: unknown key 'claimz' (did you mean 'claims'?)"]


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    out = problems("brand:\n  name: [unclosed\n", tmp_path)
    assert len(out) == 1 and "YAML syntax error" in out[0] and "g.yaml:3:1" in out[0]


def test_guide_pack_values_lose_to_guide(tmp_path: Path) -> None:
    write(tmp_path, "pack.yaml", "language: zh-Hant\npromotion: {max_emoji: 9}\n")
    g = load_guide(write(tmp_path, "g.yaml", "extends: pack.yaml\npromotion: {max_emoji: 1}\n"))
    assert g.language == "zh-Hant" and g.promotion.max_emoji == 1


def test_round_trip_and_atomic_save_with_backup(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", DESIGN_EXAMPLE)
    own = read_own_guide(path)
    assert len(own.terms) == 3 and own.extends == ["builtin:zh-ad-law", "builtin:en-hype"]
    own.brand.name = "ClearSpring"
    save_guide(own, path)
    assert (tmp_path / "g.yaml.bak").read_text(encoding="utf-8") == DESIGN_EXAMPLE
    again = read_own_guide(path)
    assert again.brand.name == "ClearSpring"
    assert dump_guide(again) == dump_guide(own)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    # the saved text is a valid guide with the same effective content
    eff = parse_guide(path.read_text(encoding="utf-8"), str(path))
    assert eff.channels["weibo"].tone == {"formality": (20, 60)}


def test_empty_guide_and_open_range_are_explained(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# just a comment\n", encoding="utf-8")
    with pytest.raises(GuideError) as err:
        load_guide(empty)
    assert [str(p) for p in err.value.problems] == [f"{empty}:1:1: the guide is empty "
                                                    "(start from one in styleguides/)"]
    with pytest.raises(GuideError) as err:
        parse_guide("version: 1\nchannels:\n  weibo: {max_chars: -5}\n", "g.yaml", tmp_path)
    assert str(err.value.problems[0]) == "g.yaml:3:22: -5 is out of range (at least 1)"


def test_unreadable_guide_is_a_guide_error(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="guide cannot be read"):
        load_guide(tmp_path / "nope.yaml")
    p = tmp_path / "bad.yaml"
    p.write_bytes(b"brand:\n  name: \xff\xfe\n")
    with pytest.raises(GuideError, match=r"bad.yaml:2:9: guide is not valid UTF-8"):
        load_guide(p)


def test_every_rule_a_family_or_pattern_may_raise_is_in_the_rulebook() -> None:
    from voicecheck.guide.model import RULES
    from voicecheck.rules import rulebook

    assert set(RULES) <= set(rulebook())


def test_word_lists_inside_inline_choices_are_named_as_a_mistake(tmp_path: Path) -> None:
    """`{forfeit|不候}` matches the word "forfeit", not the list: say so where it is written."""
    out = problems("version: 1\nlists:\n  forfeit: [作废, 失效]\nfamilies:\n"
                   "  - {rule: tone.defensive, match: \"逾期{forfeit|不候}\"}\n", tmp_path)
    assert len(out) == 1 and "g.yaml:5:" in out[0], out
    assert "'forfeit' in '{forfeit|不候}' is matched as the literal word" in out[0]
    ok = write(tmp_path, "ok.yaml", "version: 1\nlists:\n  forfeit: [作废, 失效]\nfamilies:\n"
               "  - {rule: tone.defensive, match: \"逾期{forfeit}\"}\n")
    assert load_guide(ok).families
