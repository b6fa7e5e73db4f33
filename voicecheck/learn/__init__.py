"""Learn a draft style guide from a folder of approved posts.

The posts are read with the batch readers; what they show becomes proposals (see
proposals.py): tone ranges per channel from the posts' own tone scores, each channel's
habits, the brand's names and phrases, the promotion limits and packs the posts already
meet. The draft is then checked against the same posts and relaxed until they pass
(fit.py). `voicecheck guide learn` writes it as YAML with a reason on every value; the
app shows the proposals to accept or leave.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import discover
from ..files import display_name
from ..findings import Report
from ..readers import ColumnMap, Post, Skipped
from . import propose, words
from .fit import check_posts, draft_guide, fit
from .observe import Observed, observe
from .proposals import Proposal, draft_data
from .render import render

__all__ = ["Learned", "NoPosts", "Proposal", "draft_data", "learn", "render_learned"]

PACKS = {"builtin:zh-ad-law": "zh", "builtin:en-hype": "en"}


class NoPosts(ValueError):
    """The folder has no post to learn from."""


@dataclass
class Learned:
    folder: str
    posts: list[Observed]
    skipped: list[Skipped]
    proposals: list[Proposal]
    reports: list[Report] = field(default_factory=list)  # the draft's check of the posts
    when: str = field(default_factory=lambda: dt.date.today().isoformat())

    @property
    def failing(self) -> list[Report]:
        return [r for r in self.reports if not r.passed]


def learn(folder: str | Path, *, brand: str | None = None, default_channel: str | None = None,
          columns: ColumnMap | None = None, progress: Callable[[str], None] | None = None,
          cancel: threading.Event | None = None) -> Learned:
    """Proposals from the posts in `folder`, fitted so that every post passes the draft.
    NoPosts when there is none; `progress(step)` names each step as it starts."""
    def step(what: str) -> None:
        if cancel is not None and cancel.is_set():
            raise InterruptedError("cancelled")
        if progress is not None:
            progress(what)

    root = Path(folder)
    step("reading posts")
    found = list(discover(root, default_channel, columns))
    posts = [p for p in found if isinstance(p, Post)]
    skipped = [s for s in found if isinstance(s, Skipped)]
    if not posts:
        raise NoPosts(f"{display_name(root)}: no posts to learn from")
    pairs = [(p.source, p.text) for p in posts]
    step("finding names and phrases")
    chinese = words.chinese_phrases(pairs)
    english = words.english_phrases(pairs)
    latin = words.latin_names(pairs)
    zh_names = words.chinese_names(pairs, chinese)
    for p in zh_names:
        p.name = True
    step("measuring tone")
    rough = [observe(p, (), ()) for p in posts[:200]]  # the language, before names are known
    language = propose.language(rough)
    brand_props = propose.brand(latin, zh_names, language.value, brand)
    names = tuple(str(p.value) for p in brand_props)
    known = tuple(dict.fromkeys([*names, *(n.text for n in zh_names)]))
    observed = [observe(p, names, known) for p in posts]
    proposals = [*brand_props, propose.language(observed)]
    proposals += propose.tone(observed, ("voice", "tone"), "tone", "all posts")
    by_channel: dict[str, list[Observed]] = {}
    for o in observed:
        if o.channel:
            by_channel.setdefault(o.channel, []).append(o)
    for name, obs in sorted(by_channel.items()):
        proposals += propose.channel(name, obs, proposals[len(brand_props)].value)
        proposals += propose.tone(obs, ("channels", name, "tone"), "tone", propose.shown(name))
    proposals += propose.promotion(observed)
    proposals += propose.terms([*zh_names, *latin[:8]],
                               [*chinese, *english], set(names))
    step("checking the posts against the draft")
    reports = fit(proposals, posts, root)
    step("trying the rule packs")
    proposals += _packs(proposals, posts, observed, reports, root)
    reports = fit(proposals, posts, root)
    _pass_mark(proposals, reports)
    return Learned(display_name(root), observed, skipped, proposals, reports)


def _pass_mark(proposals: list[Proposal], reports: list[Report]) -> None:
    """The last resort: posts that fail on what no guide setting changes (punctuation,
    spacing, script) lower the pass mark to their score, and say so."""
    failing = [r for r in reports if not r.passed]
    if not failing:
        return
    lowest = min(r.score for r in failing)
    what = "; ".join(f"{r.source} ({r.score}: " + ", ".join(dict.fromkeys(
        f.rule for f in r.findings)) + ")" for r in failing[:3])
    proposals.append(Proposal(
        "scoring", ("scoring", "pass"), lowest,
        f"lowered from 80 so that every approved post passes: {what}. No guide setting "
        "changes these findings; fix the posts and raise it back", len(failing),
        examples=[r.source for r in failing[:3]]))
    for r in failing:
        r.passed = True


def _packs(proposals: list[Proposal], posts: list[Post], observed: list[Observed],
           without: list[Report], root: Path) -> list[Proposal]:
    """Each built-in pack for a language the posts are in: proposed when no post that
    passes without it fails with it."""
    languages = {"en" if o.language == "en" else "zh" for o in observed}
    out = []
    for pack, lang in PACKS.items():
        if lang not in languages:
            continue
        trial = Proposal("packs", ("extends",), pack, "", append=True)
        with_pack = check_posts(posts, draft_guide([*proposals, trial], root))
        hits = [(r, [f for f in r.findings if f.rule.startswith(("promotion.", "compliance.health"))
                     and f.rule not in ("promotion.exclamations", "promotion.emoji")])
                for r in with_pack]
        broken = [r for r, before in zip(with_pack, without, strict=True)
                  if before.passed and not r.passed]
        flagged = [(r, fs) for r, fs in hits if fs]
        if broken:
            claims = "; ".join(f"{r.source}: " + ", ".join(dict.fromkeys(
                _clip(f.text) for f in fs)) for r, fs in hits if r in broken and fs)
            trial.why = (f"left out: {propose.plural(len(broken), 'approved post')} would fail "
                         f"it ({claims}). "
                         "Add it back once they are fixed")
            trial.accepted = False
        else:
            trial.why = ("no approved post fails it" + (
                f" ({len(flagged)} get notes or warnings from it)" if flagged else
                " (none makes a claim it flags)"))
        trial.posts = len(observed)
        trial.examples = [r.source for r, _ in flagged[:3]]
        out.append(trial)
    return out


def _clip(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def render_learned(learned: Learned) -> str:
    """The draft guide as commented YAML."""
    n = len(learned.posts)
    header = [
        f"Draft style guide learned by `voicecheck guide learn` from {n:,} approved posts",
        f"in {learned.folder} ({learned.when}).",
        "Every value says where it comes from; review them before using this as your guide.",
        "Tone ranges are on the 0-100 scale of voicecheck's tone measures.",
    ]
    if learned.skipped:
        header.append(f"{len(learned.skipped):,} files or rows could not be read and are not in it.")
    failing = learned.failing
    if failing:
        header.append(f"{len(failing)} posts still fail this draft: "
                      + ", ".join(r.source for r in failing[:5]))
    else:
        header.append(f"Checked against the same posts: all {n:,} pass.")
    return render(learned.proposals, [*header, ""], learned.folder)
