"""Findings and reports: the one format the CLI, reports and GUI all consume."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .text.lines import line_number, line_start

if TYPE_CHECKING:
    from .suppress import Suppressions


@dataclass(frozen=True)
class Finding:
    """One problem, on a span of the original text (Python code-point offsets)."""

    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }


SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def by_span(findings: Iterable[Finding]) -> list[tuple[Finding, ...]]:
    """Findings on the same span, together: one problem ('！！！') that several categories
    see (formatting, promotion) is one entry for a reader, most severe first; groups in
    text order. Scores and the JSON keep one finding per category."""
    groups: dict[tuple[int, int], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.start, f.end), []).append(f)
    return [tuple(sorted(group, key=lambda f: -SEVERITY_RANK.get(f.severity, 0)))
            for _, group in sorted(groups.items())]


def suggestions_of(group: Iterable[Finding]) -> tuple[str, ...]:
    """Every suggestion of a group once, in order."""
    return tuple(dict.fromkeys(s for f in group for s in f.suggestions))


@dataclass(frozen=True)
class Suppressed:
    """A finding the post or the project asked not to report: kept and counted, never
    silently dropped, and left out of the scores."""

    finding: Finding
    by: str  # what suppressed it, as the user wrote it: "<!-- voicecheck off --> (line 3)"
    kind: str = "inSource"  # SARIF's words: inSource (the post) | external (configuration)

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "suppressed_by": self.by}


@dataclass
class Report:
    file: str
    channel: str
    language: str
    detected_language: str
    score: int
    passed: bool
    scores: dict[str, int]
    tone: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    source: str = ""  # batch: where the post came from, "exports/a.csv:12"
    campaign: str | None = None  # batch: campaign the post belongs to, if any
    # The line of `file` that `text` starts on (after front matter the batch readers
    # strip); None when the post is a record of a table (offsets are into its cell).
    first_line: int | None = 1
    suppressed: list[Suppressed] = field(default_factory=list)
    # What applied to this post (kept so later findings, such as campaign ones, and
    # `voicecheck fix` respect it too).
    suppressions: Suppressions | None = field(default=None, repr=False, compare=False)
    # How much one finding weighs in this post (scoring.length_factor), so findings added
    # or set aside later (campaign findings, ones the user ignores) re-score the same way.
    length_factor: float = field(default=1.0, repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int] | None:
        """(line, column) of a text offset in the post's file, 1-based, in code points;
        None for a table record, which has no place in the file's text."""
        if self.first_line is None:
            return None
        return (self.first_line + line_number(self.text, offset) - 1,
                offset - line_start(self.text, offset) + 1)

    def to_dict(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"source": self.source} if self.source else {}
        if self.campaign:
            extra["campaign"] = self.campaign
        return {
            "file": self.file,
            "channel": self.channel,
            "language": self.language,
            "detected_language": self.detected_language,
            "score": self.score,
            "passed": self.passed,
            "scores": dict(self.scores),
            "tone": dict(self.tone),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [s.to_dict() for s in self.suppressed],
            **extra,
        }
