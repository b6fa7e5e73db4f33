"""CSV for spreadsheets: one row per finding (one row for a post without any), UTF-8 with
a BOM so Excel shows Chinese correctly. Written as results stream in."""

from __future__ import annotations

import csv
from pathlib import Path
from types import TracebackType

from ..findings import Report
from ..readers import Skipped

COLUMNS = ("source", "channel", "campaign", "status", "score", "rule", "category",
           "severity", "start", "end", "text", "message", "suggestions")


def _safe(value: str) -> str:
    """Keep Excel from running a post that starts with '=' or '+' as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class CsvWriter:
    def __init__(self, path: str | Path):
        self._fh = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._fh)
        self._csv.writerow(COLUMNS)

    def add(self, report: Report) -> None:
        status = "pass" if report.passed else "fail"
        head = [_safe(report.source or report.file), report.channel, report.campaign or "",
                status, report.score]
        if not report.findings:
            self._csv.writerow([*head, "", "", "", "", "", "", "", ""])
        for f in report.findings:
            self._csv.writerow([*head, f.rule, f.category, f.severity, f.start, f.end,
                                _safe(f.text), _safe(f.message), " | ".join(f.suggestions)])

    def add_skipped(self, item: Skipped) -> None:
        self._csv.writerow([_safe(item.source), "", "", "skipped", "", "", "", "", "", "", "",
                            _safe(item.reason), ""])

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
