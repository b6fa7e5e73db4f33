"""Streamed JSON: an array of report objects (docs/report-format.md), or JSON Lines
(one report per line), written one report at a time so memory stays flat. The array is
valid JSON even when the run is interrupted."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import TextIO

from ..findings import Report


def compact(report: Report) -> str:
    """One report as one line of JSON."""
    return json.dumps(report.to_dict(), ensure_ascii=False)


class _Stream:
    """Writes to a path (opened and closed here) or to an open text stream (left open)."""

    def __init__(self, target: str | Path | TextIO):
        self._owned = isinstance(target, str | Path)
        self._fh: TextIO = (open(target, "w", encoding="utf-8")  # noqa: SIM115
                            if isinstance(target, str | Path) else target)

    def _finish(self) -> None:
        if self._owned:
            self._fh.close()
        else:
            self._fh.flush()

    def __enter__(self):  # noqa: ANN204
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def add_skipped(self, item: object) -> None:
        """Skipped files are listed on stderr and in the CSV/HTML reports, not here."""

    def close(self, interrupted: bool = False) -> None:
        self._finish()


class JsonArrayWriter(_Stream):
    def __init__(self, target: str | Path | TextIO):
        super().__init__(target)
        self._fh.write("[")
        self._first = True

    def add(self, report: Report) -> None:
        self._fh.write("\n" if self._first else ",\n")
        self._first = False
        self._fh.write(compact(report))

    def close(self, interrupted: bool = False) -> None:
        self._fh.write("\n]\n")
        self._finish()


class JsonLinesWriter(_Stream):
    """One report per line, flushed as it comes: a consumer can read a batch as it runs."""

    def add(self, report: Report) -> None:
        self._fh.write(compact(report) + "\n")
        self._fh.flush()
