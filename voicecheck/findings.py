"""Findings and reports: the one format the CLI, reports and GUI all consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
            **extra,
        }
