"""Batch JSON: an array of DESIGN.md report objects (plus "source"), written one object
at a time so memory stays flat; valid JSON even when the run is interrupted."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType

from ..findings import Report


class JsonArrayWriter:
    def __init__(self, path: str | Path):
        self._fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
        self._fh.write("[")
        self._first = True

    def add(self, report: Report) -> None:
        self._fh.write("\n" if self._first else ",\n")
        self._first = False
        self._fh.write(json.dumps(report.to_dict(), ensure_ascii=False))

    def close(self) -> None:
        self._fh.write("\n]\n")
        self._fh.close()

    def __enter__(self) -> JsonArrayWriter:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
