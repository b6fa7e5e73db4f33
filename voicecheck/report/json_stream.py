"""Streamed JSON: an array of report objects (docs/report-format.md), or JSON Lines
(one report per line), written one report at a time so memory stays flat.

An array written to a file is a whole array after every report: each report goes in
with the closing bracket after it, in one positioned write over the previous closing
bracket, so a run stopped any way at all (Ctrl-C, SIGTERM, kill -9, a crash) leaves a
valid JSON array of the reports written so far."""

from __future__ import annotations

import json
import os
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


_CLOSE = b"\n]\n"


class JsonArrayWriter(_Stream):
    def __init__(self, target: str | Path | TextIO):
        self._first = True
        if isinstance(target, str | Path):
            self._fd: int | None = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                                           | getattr(os, "O_BINARY", 0), 0o666)
            self._end = 1  # where the closing bracket starts
            self._write_at(0, b"[" + _CLOSE)
            return
        self._fd = None
        super().__init__(target)
        self._fh.write("[")

    def _write_at(self, offset: int, data: bytes) -> None:
        assert self._fd is not None
        os.lseek(self._fd, offset, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]

    def add(self, report: Report) -> None:
        lead = "\n" if self._first else ",\n"
        self._first = False
        if self._fd is None:
            self._fh.write(lead + compact(report))
            return
        data = (lead + compact(report)).encode("utf-8")
        self._write_at(self._end, data + _CLOSE)
        self._end += len(data)

    def close(self, interrupted: bool = False) -> None:
        if self._fd is None:
            self._fh.write(_CLOSE.decode())
            self._finish()
        elif self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class JsonLinesWriter(_Stream):
    """One report per line, flushed as it comes: a consumer can read a batch as it runs."""

    def add(self, report: Report) -> None:
        self._fh.write(compact(report) + "\n")
        self._fh.flush()
