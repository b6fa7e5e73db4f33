"""The formats `check` and `batch` print on standard output, behind one writer interface:
`add(report)`, `add_skipped(item)`, `close(interrupted)`. Each writes as reports arrive."""

from __future__ import annotations

from typing import Protocol, TextIO

from ..findings import Report
from ..readers import Skipped

FORMATS = ("text", "json", "jsonl", "sarif", "github")


class Writer(Protocol):
    def add(self, report: Report) -> None: ...
    def add_skipped(self, item: Skipped) -> None: ...
    def close(self, interrupted: bool = False) -> None: ...


def open_writer(fmt: str, stream: TextIO, *, lang: str = "en", colour: bool = False,
                failing_only: bool = False) -> Writer:
    """A writer for `fmt` on `stream`. `failing_only`: text lists only failing posts
    (batch's listing); the machine formats always carry every report."""
    if fmt == "text":
        from .text_report import TextWriter

        return TextWriter(stream, colour=colour, lang=lang, failing_only=failing_only)
    if fmt == "json":
        from .json_stream import JsonArrayWriter

        return JsonArrayWriter(stream)
    if fmt == "jsonl":
        from .json_stream import JsonLinesWriter

        return JsonLinesWriter(stream)
    if fmt == "sarif":
        from .sarif import SarifLog

        return SarifLog(stream, lang=lang)
    if fmt == "github":
        from .github import GithubWriter

        return GithubWriter(stream, lang=lang)
    raise ValueError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})")
