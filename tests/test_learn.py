"""`voicecheck guide learn`: a draft guide from approved posts that they pass."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from voicecheck.cli import main
from voicecheck.guide import Guide, parse_guide
from voicecheck.guide.model import TONE_DIMENSIONS
from voicecheck.learn import Learned, learn, render_learned
from voicecheck.learn.propose import MIN_WIDTH, tone_range

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assets" / "sample-export"


def _said(text: str) -> str:
    """The draft with wrapped comments joined, to look for what they say."""
    return re.sub(r"\n *# ", " ", text)


@pytest.fixture(scope="module")
def sample() -> tuple[Learned, Guide, str]:
    learned = learn(SAMPLE)
    text = render_learned(learned)
    return learned, parse_guide(text, "draft.yaml", SAMPLE), text


def test_the_sample_export_gives_a_guide_that_validates_and_its_posts_pass(sample, tmp_path,
                                                                           capsys) -> None:
    learned, guide, text = sample
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    assert main(["guide", "validate", str(draft)]) == 0
    assert main(["batch", str(SAMPLE), "--guide", str(draft), "--no-history"]) == 0
    assert "17 passed, 0 failed" in capsys.readouterr().err
    assert learned.failing == [] and len(learned.posts) == 17


def test_tone_ranges_match_what_each_channel_shows(sample) -> None:
    learned, guide, _ = sample
    by_channel: dict[str, list] = {}
    for o in learned.posts:
        if o.channel:
            by_channel.setdefault(o.channel, []).append(o)
    assert set(by_channel) == set(guide.channels)
    for name, posts in by_channel.items():
        targets = guide.tone_targets(guide.channels[name])
        for dim in TONE_DIMENSIONS:
            values = [o.tone[dim] for o in posts]
            lo, hi = targets[dim]
            assert lo <= statistics.median(values) <= hi, (name, dim)
            assert hi - lo >= MIN_WIDTH
            assert lo >= min(values) - 25 and hi <= max(values) + 25, (name, dim, values)
    # few posts, wide range: one Douyin post is +-20, four Weibo posts +-10 around the band
    douyin = [o.tone["warmth"] for o in by_channel["douyin"]][0]
    assert guide.channels["douyin"].tone["warmth"] == (douyin - 20, douyin + 20)


def test_channel_habits_match_what_the_posts_show(sample) -> None:
    _, guide, text = sample
    ch = guide.channels
    assert ch["weibo"].max_hashtags == 3  # store-opening.txt has three
    assert ch["weibo"].hashtag is None  # two #话题# and three #topic: mixed, left out
    assert "mixed: 3 #topic, 2 #话题#; left out" in _said(text)
    assert ch["xiaohongshu"].hashtag == "#topic" and ch["x"].hashtag == "#topic"
    assert ch["x"].counting == "twitter" and ch["x"].language == "en"
    assert ch["x"].max_chars == 299  # field-report.txt is over X's 280: an approved post
    assert ch["instagram"].links is True  # the cold-brew post links its recipe
    assert {ch[c].language for c in ("weibo", "xiaohongshu", "douyin", "wechat")} == {"zh-Hans"}
    assert ch["linkedin"].language == "en"
    assert guide.language == "zh-Hans"
    assert guide.promotion.max_exclamations == 6 and guide.promotion.max_emoji == 0


def test_names_phrases_and_packs(sample) -> None:
    _, guide, text = sample
    assert guide.brand.name == "清泉茶饮" and guide.brand.aliases == {"en": "ClearSpring"}
    preferred = [t.preferred_for("zh-Hans") for t in guide.terms]
    assert "白桃乌龙" in preferred and "春季乌龙" in preferred
    assert "# 白桃乌龙: 6 times in 5 posts" in text
    assert "#   - prefer: 乌龙" in text  # a common word the posts use a lot: offered, left out
    # the launch post's 全网最低价 is a claim the Advertising Law pack forbids
    assert guide.extends == ["builtin:en-hype"]
    assert "weibo/spring-oolong-launch.md: 全网最低价, 错过再等一年" in _said(text)
    assert guide.compliance.allow_handles == ["qingquan_lin88"]


def test_every_proposal_says_where_it_comes_from(sample) -> None:
    learned, _, text = sample
    said = _said(text)
    prefix = learned.folder.rstrip("/") + "/"
    for p in learned.proposals:
        assert p.why and p.why.replace(prefix, "")[:40] in said, p.label
    # a value and its reason sit together: on its line, or on the comment lines above it
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("- builtin:") or line.strip().startswith("formality:"):
            assert "  # " in line or lines[i - 1].lstrip().startswith("#"), line


@pytest.mark.parametrize(("values", "expected"), [
    ([50], (30, 70)),  # one post: +-20
    ([50, 50, 50, 50], (40, 60)),  # four posts: +-10
    ([97], (77, 100)),
    ([2, 3], (0, 20)),  # at least MIN_WIDTH, inside 0-100
    (list(range(0, 101)), (8, 92)),  # 101 posts: the 10th-90th percentile band, +-2
])
def test_tone_range_is_a_central_band_widened_for_few_posts(values, expected) -> None:
    assert tone_range(values)[0] == expected


def _folder(tmp_path: Path, posts: dict[str, str]) -> Path:
    for name, text in posts.items():
        f = tmp_path / "posts" / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return tmp_path / "posts"


def test_a_rare_spelling_of_a_name_is_a_candidate_to_avoid(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {
        **{f"x/p{i}.txt": f"Meet the NorthPeak Ridge {i} shell: built for wet ridges and long "
                          "days. #hiking" for i in range(5)},
        "x/slip.txt": "Northpeak jackets are back in stock for the autumn. #hiking",
    })
    learned = learn(folder)
    guide = parse_guide(render_learned(learned), "d.yaml", folder)
    assert guide.brand.name == "NorthPeak" and guide.language == "en"
    [term] = [t for t in guide.terms if "Northpeak" in t.avoid]
    assert term.prefer == {"*": "NorthPeak"} and term.case_sensitive
    assert learned.failing == []  # the slip costs a warning, not the post


def test_a_pack_the_posts_already_meet_is_proposed(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {
        "weibo/a.txt": "清泉茶饮夏季菜单今天上新，欢迎你来尝尝。#清泉夏日#",
        "weibo/b.txt": "清泉茶饮静安寺店本周六开业，欢迎你来坐坐。#清泉新店#",
    })
    guide = parse_guide(render_learned(learn(folder)), "d.yaml", folder)
    assert guide.extends == ["builtin:zh-ad-law"] and guide.channels["weibo"].hashtag == "#topic#"


def test_cli_writes_refuses_to_overwrite_and_says_when_there_are_no_posts(tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    folder = _folder(tmp_path, {"weibo/a.txt": "清泉茶饮夏季菜单今天上新，欢迎你来尝尝。"})
    assert main(["guide", "learn", str(folder), "--out", str(out)]) == 0
    assert "checked against them: all pass" in capsys.readouterr().err
    first = out.read_text(encoding="utf-8")
    assert main(["guide", "learn", str(folder), "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == first
    assert main(["guide", "learn", str(folder), "--out", str(out), "--force",
                 "--brand", "清泉"]) == 0
    assert "name: 清泉" in out.read_text(encoding="utf-8") and (tmp_path / "draft.yaml.bak").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["guide", "learn", str(empty)]) == 2
    assert "no posts to learn from" in capsys.readouterr().err
