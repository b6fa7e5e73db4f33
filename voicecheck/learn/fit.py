"""Checking the draft against the posts it came from, and relaxing what they do not meet.

Every relaxation only lets more through (a wider range, a higher limit, a style left
out, a pack left out, a contact allowed), so a post that passes keeps passing, and the
rounds end. Each says what it changed and for which post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..findings import Finding, Report
from ..guide import Guide, parse_guide
from ..guide.model import TONE_DIMENSIONS
from ..readers import Post
from .proposals import Proposal, draft_data, find

MAX_ROUNDS = 6
PACK_RULES = ("promotion.", "compliance.health-claim")


def draft_guide(proposals: list[Proposal], base_dir: Path, everything: bool = False) -> Guide:
    """The draft as the loader reads it (its YAML, packs applied): GuideError if invalid."""
    from .render import yaml_of

    return parse_guide(yaml_of(draft_data(proposals, everything)), "<learned guide>", base_dir)


def check_posts(posts: Sequence[Post], guide: Guide, lang: str = "en") -> list[Report]:
    """Each post checked as a batch run would (its channel profile, campaign findings)."""
    from ..batch import _finish_campaign, check_post

    reports = [check_post(p, guide, lang) for p in posts]
    campaigns: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        if r.campaign:
            campaigns.setdefault(r.campaign, []).append(i)
    for members in campaigns.values():
        if len(members) > 1:
            for i, r in zip(members, _finish_campaign([reports[i] for i in members], guide, lang),
                            strict=True):
                reports[i] = r
    return reports


def fit(proposals: list[Proposal], posts: Sequence[Post], base_dir: Path) -> list[Report]:
    """Relax accepted proposals until every post passes (or nothing more can be
    relaxed); the last round's reports."""
    reports: list[Report] = []
    for _ in range(MAX_ROUNDS):
        reports = check_posts(posts, draft_guide(proposals, base_dir))
        failing = [r for r in reports if not r.passed]
        if not failing or not any([_relax(proposals, r) for r in failing]):
            break
    return reports


def _relax(proposals: list[Proposal], report: Report) -> bool:
    changed = False
    for f in report.findings:
        changed |= _relax_one(proposals, report, f)
    return changed


def _note(p: Proposal, what: str, report: Report) -> None:
    p.why += f"; {what} for {report.source or report.file}"
    if (report.source or report.file) not in p.examples:
        p.examples.append(report.source or report.file)


def _relax_one(proposals: list[Proposal], r: Report, f: Finding) -> bool:
    channel_path = ("channels", r.channel)
    rule = f.rule
    dim = rule.removeprefix("tone.")
    if dim in TONE_DIMENSIONS:
        value = r.tone[dim]
        for path in ((*channel_path, "tone", dim), ("voice", "tone", dim)):
            p = find(proposals, *path)
            if p is not None and p.accepted:
                lo, hi = p.value
                if not lo <= value <= hi:
                    p.value = [min(lo, value - 2), max(hi, value + 2)]
                    p.value = [max(0, p.value[0]), min(100, p.value[1])]
                    _note(p, f"widened to {p.value[0]}-{p.value[1]}", r)
                    return True
        return False
    limits = {"channel.too-many-hashtags": "max_hashtags", "channel.too-many-mentions":
              "max_mentions", "channel.too-long": "max_chars", "channel.title-too-long":
              "title_chars"}
    if rule in limits:
        p = find(proposals, *channel_path, limits[rule])
        if p is not None and p.accepted:
            p.accepted = False
            _note(p, "left out: a post goes past it", r)
            return True
        return False
    if rule in ("channel.hashtag-style", "channel.fold", "channel.brand-after-fold",
                "channel.language", "channel.link-not-clickable"):
        key = {"channel.hashtag-style": "hashtag", "channel.fold": "fold_chars",
               "channel.brand-after-fold": "fold_chars", "channel.language": "language",
               "channel.link-not-clickable": "links"}[rule]
        p = find(proposals, *channel_path, key)
        if p is not None and p.accepted:
            p.accepted = False
            _note(p, "left out: a post does not follow it", r)
            return True
        return False
    if rule in ("promotion.exclamations", "promotion.emoji"):
        p = find(proposals, "promotion", "max_exclamations" if rule == "promotion.exclamations"
                 else "max_emoji")
        if p is not None and p.accepted:
            p.accepted = False
            _note(p, "left out", r)
            return True
        return False
    if rule.startswith(PACK_RULES):
        packs = [p for p in proposals if p.path == ("extends",) and p.accepted]
        for p in packs:  # the claim came from a pack: leave the pack out
            p.accepted = False
            _note(p, f"left out: '{f.text}' is a claim it forbids", r)
        return bool(packs)
    if rule.startswith("terminology."):
        for p in proposals:
            avoid = p.value.get("avoid", []) if p.path == ("terms",) and p.accepted and \
                isinstance(p.value, dict) else []
            if f.text in avoid:
                p.value = {k: v for k, v in p.value.items() if k not in ("avoid", "case_sensitive")}
                _note(p, f"'{f.text}' no longer avoided", r)
                return True
        return False
    if rule.startswith("compliance.personal") or rule == "compliance.unknown-email-domain":
        return _allow_contact(proposals, r, f)
    return False


def _allow_contact(proposals: list[Proposal], r: Report, f: Finding) -> bool:
    key, value = _contact(f)
    if key == "allow_domains":
        value = value.split("@")[-1]
    if any(p.path == ("compliance", key) and p.value == value for p in proposals):
        return False
    proposals.append(Proposal(
        "compliance", ("compliance", key), value,
        f"'{value}' is in an approved post ({r.source or r.file}): allowed as the brand's own. "
        "If it is a person's own account, leave this out and take it out of the post",
        1, append=True, examples=[r.source or r.file]))
    return True


def _contact(f: Finding) -> tuple[str, str]:
    if f.rule == "compliance.personal-phone":
        return "allow_phones", f.text.strip()
    if f.rule in ("compliance.personal-email", "compliance.unknown-email-domain"):
        email = re.search(r"[\w.+-]+@[\w.-]+", f.text)
        return ("allow_emails" if f.rule == "compliance.personal-email" else "allow_domains",
                email.group() if email else f.text)
    handle = re.findall(r"[A-Za-z0-9_.-]{3,}", f.text)
    return "allow_handles", handle[-1] if handle else f.text.strip()
