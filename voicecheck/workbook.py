"""The rows of an Excel workbook's worksheets, streamed, taking no size on trust.

openpyxl's read-only worksheets believe a sheet's `<dimension>`: a stale one (`A1`, as
some exporters write it) made every row past it vanish without a word, a wide one
(`A1:XFD1048576`) padded each row to 16,384 cells, and a sheet without one was parsed
whole before its first row was read (25 s for three million rows). Here openpyxl still
reads the workbook's parts (shared strings, the styles that make a number a date) and its
worksheet parser streams the rows, but each row is the cells it holds, up to
limits.MAX_TABLE_COLUMNS, numbered as in the sheet.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import limits

# openpyxl warns about what it repairs or drops (no default style, a date out of range,
# print settings); none of it changes a cell's text, and it is no message for a user.
warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")


class Workbook:
    """An open .xlsx: `titles` of its worksheets, `rows(i)` of each; close() it."""

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader

        class SheetsOnly(ExcelReader):
            def read_worksheets(self) -> None:  # where each sheet is; nothing read yet
                self.sheets = [(sheet.name, rel.target) for sheet, rel in self.parser.find_sheets()
                               if rel.target in self.valid_files and "chartsheet" not in rel.Type]

        reader = SheetsOnly(path, read_only=True, data_only=True)
        try:
            reader.read()
        except BaseException:
            reader.archive.close()
            raise
        self._reader = reader
        self.titles = [name for name, _ in reader.sheets]

    def rows(self, index: int) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of each row that holds a cell, in sheet order."""
        from openpyxl.worksheet._reader import WorkSheetParser

        reader, (_, target) = self._reader, self._reader.sheets[index]
        wb = reader.wb
        with reader.archive.open(target) as src:
            parser = WorkSheetParser(src, reader.shared_strings, data_only=True, epoch=wb.epoch,
                                     date_formats=wb._date_formats,
                                     timedelta_formats=wb._timedelta_formats)
            for number, cells in parser.parse():
                kept = [c for c in cells if c["column"] <= limits.MAX_TABLE_COLUMNS]
                values: list[Any] = [None] * max((c["column"] for c in kept), default=0)
                for c in kept:
                    values[c["column"] - 1] = c["value"]
                yield number, values

    def close(self) -> None:
        self._reader.archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
