"""What every check shares: its signature, the context it sees, and finding construction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..findings import Finding
from ..guide.model import Channel, Guide
from ..text.analysis import AnalysedPost


@dataclass(frozen=True)
class Context:
    """Everything a check may read. Checks are pure: same context, same findings."""

    post: AnalysedPost
    guide: Guide
    channel: Channel

    @property
    def locale(self) -> str:
        return self.guide.locale_for(self.channel)

    def finding(
        self,
        rule: str,
        category: str,
        severity: str,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str] = (),
    ) -> Finding:
        """Build a finding from a span of the normalized text, reported on the original."""
        ostart, oend = self.post.to_original(start, end)
        return Finding(
            rule=rule,
            category=category,
            severity=severity,
            start=ostart,
            end=oend,
            text=self.post.original[ostart:oend],
            message=message,
            suggestions=tuple(dict.fromkeys(s for s in suggestions if s)),
        )

    def whole_post(self, rule: str, category: str, severity: str, message: str) -> Finding:
        return Finding(
            rule=rule,
            category=category,
            severity=severity,
            start=0,
            end=len(self.post.original),
            text=self.post.original,
            message=message,
        )


Check = Callable[[Context], Iterable[Finding]]
