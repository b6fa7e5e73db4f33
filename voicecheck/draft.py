"""A draft as a copywriter keeps it: optional YAML front matter, then the post.

`voicecheck check`, the batch readers and the app read front matter the same way: its
channel applies unless one is chosen, only the post after it is checked, and findings
point into the whole draft so editors and line numbers stay right.
"""

from __future__ import annotations

from dataclasses import replace

from .engine import UnknownChannel, check, resolve_channel
from .findings import Finding, Report
from .guide.model import Guide
from .messages import DEFAULT as DEFAULT_LANG
from .readers import FrontMatterError, front_matter
from .suppress import Suppressions, for_draft

__all__ = ["FrontMatterError", "check_draft", "draft_channel", "post_text"]


def post_text(draft: str) -> str:
    """What gets posted: the draft without its front matter."""
    try:
        return draft[front_matter(draft)[1] :]
    except FrontMatterError:
        return draft


def _named_channel(meta: dict[str, str], guide: Guide) -> str | None:
    named = meta.get("channel") or meta.get("platform")
    try:
        return resolve_channel(guide, str(named)) if named else None
    except UnknownChannel:
        return None


def draft_channel(text: str, guide: Guide) -> str | None:
    """The channel the draft's front matter names, if the guide has it."""
    try:
        return _named_channel(front_matter(text)[0], guide)
    except FrontMatterError:
        return None


def check_draft(text: str, guide: Guide, channel: str | None = None, file: str = "-", *,
                lang: str = DEFAULT_LANG, fallback_channel: str | None = None,
                project: Suppressions | None = None, strict: bool = False) -> Report:
    """Check the post after the front matter (FrontMatterError when it is broken).

    `channel` wins over the front matter's, which wins over `fallback_channel` (project
    configuration). The draft's voicecheck comments and front matter, plus `project`,
    say what to suppress; `strict` raises DirectiveError on a mistake in them (the app
    checks while the user types one, so it is lenient)."""
    meta, body = front_matter(text)
    rules = for_draft(text[:body], text[body:], file) + (project or Suppressions())
    if strict:
        rules.check()
    chosen = channel or _named_channel(meta, guide) or fallback_channel
    report = check(text[body:], guide, chosen, file=file, lang=lang, suppressions=rules)
    if not body:
        return report
    return replace(report, text=text, findings=[_shift(f, body) for f in report.findings],
                   suppressed=[replace(s, finding=_shift(s.finding, body))
                               for s in report.suppressed],
                   suppressions=rules.shifted(body))


def _shift(f: Finding, offset: int) -> Finding:
    return replace(f, start=f.start + offset, end=f.end + offset)
