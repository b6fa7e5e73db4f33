"""Findings and reports: the one format the CLI, reports and GUI all consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

    def position(self, offset: int) -> tuple[int, int] | None:
        """(line, column) of a text offset in the post's file, 1-based, in code points;
        None for a table record, which has no place in the file's text."""
        if self.first_line is None:
            return None
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.first_line + self.text.count("\n", 0, offset), offset - line_start + 1

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
