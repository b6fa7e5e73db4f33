"""Readers for exported post files: text/Markdown, JSON, CSV and XLSX.

Each reader turns one file into `Post`s (or `Skipped` with a reason the user can act
on). Readers only read: files are opened read-only and never written. Which column or
field holds the text, channel, campaign... is found by name (English or Chinese, see
data/rules/exports.yaml) unless the user maps it with a `ColumnMap`.

Every read is bounded (limits.py): a file too large, a post too long or a table with
too many rows is skipped with a reason that names the limit, and only that post, row
or file is lost; the rest of the file is still read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import data as builtin_data
from . import limits
from .files import ReadError, read_regular, regular_size, size_text, too_large
from .text.decode import DecodeError, decode_bytes

FIELDS = ("text", "channel", "campaign", "date", "author")
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".xlsx", ".xlsm")
_NULL = "tag:yaml.org,2002:null"
_META_TEXT = ("channel", "platform", "campaign", "date", "author")  # must be text if given
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Post:
    text: str
    channel: str | None  # from front matter / column / sub-folder name / default
    campaign: str | None
    source: str  # "exports/weibo/a.csv:12" (file, and row for tables)
    file: str
    row: int | None = None
    meta: dict[str, str] = field(default_factory=dict)  # date, author, ...
    # A text file's front matter as written (the file is head + text); None for a record
    # of a table, whose text is not a stretch of its file.
    head: str | None = None


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass(frozen=True)
class ColumnMap:
    """User overrides: the column (or JSON field) name holding each field."""

    text: str | None = None
    channel: str | None = None
    campaign: str | None = None
    date: str | None = None
    author: str | None = None

    def get(self, name: str) -> str | None:
        return getattr(self, name)


@dataclass(frozen=True)
class Defaults:
    """What the folder layout says when the file itself does not."""

    channel: str | None = None
    campaign: str | None = None


def _exports_data() -> dict[str, Any]:
    return builtin_data.rules("exports")


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


@lru_cache(maxsize=1)
def _channel_aliases() -> dict[str, str]:
    return {
        _key(alias): canonical
        for canonical, aliases in _exports_data()["channels"].items()
        for alias in [canonical, *aliases]
    }


def known_channel(name: str) -> str | None:
    """The canonical channel for an export's name for it (微博 -> weibo), or None."""
    return _channel_aliases().get(_key(name))


def normalize_channel(name: str | None) -> str | None:
    """Canonical name when known, else the name lower-cased; None for blank."""
    if name is None or not str(name).strip():
        return None
    return known_channel(str(name)) or str(name).strip().lower()


def _find_columns(headers: list[str], columns: ColumnMap | None) -> dict[str, int]:
    """Field -> column index, from the user's map first, else the known names."""
    keys = [_key(h) for h in headers]
    found: dict[str, int] = {}
    for fld in FIELDS:
        wanted = columns.get(fld) if columns else None
        names = [wanted] if wanted else _exports_data()["columns"][fld]
        for name in names:
            if _key(name) in keys:
                found[fld] = keys.index(_key(name))
                break
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def too_long(text: str) -> str | None:
    """Why a post is too long to check, or None."""
    if len(text) <= limits.MAX_POST_CHARS:
        return None
    return (f"post is {len(text):,} characters; voicecheck checks posts of up to "
            f"{limits.MAX_POST_CHARS:,} (split it)")


def _record_post(
    values: dict[str, str], source: str, file: str, row: int | None, defaults: Defaults
) -> Post | Skipped:
    text = values.get("text", "")
    if not text.strip():
        return Skipped(source, "no post text in this row")
    if (long := too_long(text)) is not None:
        return Skipped(source, long)
    meta = {k: values[k] for k in ("date", "author") if values.get(k, "").strip()}
    return Post(
        text=text,
        channel=normalize_channel(values.get("channel")) or defaults.channel,
        campaign=(values.get("campaign") or "").strip() or defaults.campaign,
        source=source,
        file=file,
        row=row,
        meta=meta,
    )


def _rows_to_posts(
    rows: Iterable[tuple[int, list[Any]]], file: str, defaults: Defaults,
    columns: ColumnMap | None, label: str = "",
) -> Iterator[Post | Skipped]:
    """Header row first (a title row above it is tolerated), then one post per (number,
    cells) row, up to limits.MAX_TABLE_ROWS rows."""
    cols: dict[str, int] | None = None
    seen = 0
    for count, (number, raw) in enumerate(rows, start=1):
        if count > limits.MAX_TABLE_ROWS:
            yield Skipped(f"{file}{label}:{number}", _too_many_rows())
            break
        cells = [_cell(v) for v in raw]
        if not any(c.strip() for c in cells):
            continue
        if cols is None:
            seen += 1
            found = _find_columns(cells, columns)
            if "text" in found:
                cols = found
            elif seen >= 10:
                break
            continue
        values = {f: cells[i] if i < len(cells) else "" for f, i in cols.items()}
        yield _record_post(values, f"{file}{label}:{number}", file, number, defaults)
    if cols is None:
        wanted = (columns.text if columns else None) or "text/content/正文/内容/文案"
        yield Skipped(f"{file}{label}", f"no text column found (looked for {wanted})")


def _too_many_rows() -> str:
    return (f"more than {limits.MAX_TABLE_ROWS:,} rows; the rest of this table is not "
            "checked (split the file)")


def _decode(path: Path, file: str, limit: int) -> str | Skipped:
    try:
        data = read_regular(path, limit)
    except ReadError as exc:
        return Skipped(file, f"file {exc}")
    try:
        return decode_bytes(data, max_bytes=limit)[0]
    except DecodeError as exc:
        return Skipped(file, str(exc))


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line, self.column = line, column


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """A post's YAML front matter (keys lower-cased, values as written) and where its
    text starts; ({}, 0) when there is none. `voicecheck check` and batch read drafts the
    same way.

    Values are taken as the text written, never constructed: `date: 2024-02-30` is a
    date someone typed, not a crash, and aliases are never expanded (a "billion laughs"
    block costs nothing). A list or mapping where channel, campaign, date or author
    should be text is a located error."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    try:  # the pure-Python composer: it places an unclosed bracket where it opens
        node = yaml.compose(m.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        raise FrontMatterError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                               line, col) from None
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply", 2, 1) from None
    if not isinstance(node, yaml.MappingNode):
        return {}, 0
    meta: dict[str, str] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            continue
        key = str(knode.value).lower()
        if isinstance(vnode, yaml.ScalarNode):
            _check_scalar(key, vnode)
            if vnode.tag != _NULL:
                meta[key] = str(vnode.value)
        elif key in _META_TEXT:
            kind = "a list" if isinstance(vnode, yaml.SequenceNode) else "a mapping"
            raise FrontMatterError(f"front matter '{key}' should be text, not {kind}",
                                   vnode.start_mark.line + 2, vnode.start_mark.column + 1)
    return meta, m.end()


_SCALARS = yaml.SafeLoader("")
_KINDS = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "yes or no"}


def _check_scalar(key: str, node: yaml.ScalarNode) -> None:
    """A value that YAML cannot read as what it says it is (`date: 2024-02-30`,
    `!!int abc`, `!!bool maybe`, a number of 5,000 digits) is a located error."""
    try:
        _SCALARS.construct_object(node)
    except (ValueError, TypeError, AttributeError, KeyError, yaml.YAMLError):
        kind = _KINDS.get(node.tag.rsplit(":", 1)[-1], node.tag.rsplit(":", 1)[-1])
        value = " ".join(node.value.split())
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise FrontMatterError(f"front matter '{key}': '{shown}' is not a valid {kind} (put it "
                               "in quotes if it is meant as text)",
                               node.start_mark.line + 2, node.start_mark.column + 1) from None


def read_text_post(path: Path, file: str, defaults: Defaults) -> Iterator[Post | Skipped]:
    """A .txt/.md file is one post; YAML front matter may set channel, campaign, date..."""
    text = _decode(path, file, limits.MAX_POST_FILE_BYTES)
    if isinstance(text, Skipped):
        yield text
        return
    try:
        meta, body = front_matter(text)
    except FrontMatterError as exc:
        yield Skipped(f"{file}:{exc.line}:{exc.column}", str(exc))
        return
    head, text = text[:body], text[body:]
    if not text.strip():
        yield Skipped(file, "file has no post text")
        return
    if (long := too_long(text)) is not None:
        yield Skipped(file, long)
        return
    yield Post(
        text=text,
        head=head,
        channel=normalize_channel(meta.pop("channel", None) or meta.pop("platform", None))
        or defaults.channel,
        campaign=meta.pop("campaign", "").strip() or defaults.campaign,
        source=file,
        file=file,
        meta=meta,
    )


def _json_records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("posts", "data", "items", "records", "results"):
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    return None


def read_json(
    path: Path, file: str, defaults: Defaults, columns: ColumnMap | None
) -> Iterator[Post | Skipped]:
    """One post object, a list of them, or {"posts": [...]}; fields found by name."""
    text = _decode(path, file, limits.MAX_TABLE_FILE_BYTES)
    if isinstance(text, Skipped):
        yield text
        return
    try:
        records = _json_records(json.loads(text))
    except json.JSONDecodeError as exc:
        yield Skipped(f"{file}:{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}")
        return
    except (RecursionError, ValueError) as exc:  # nested too deeply; a 5,000-digit number
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        yield Skipped(file, f"invalid JSON: {reason.split(';')[0]}")
        return
    if records is None:
        yield Skipped(file, "JSON holds no post object or list of posts")
        return
    many = len(records) > 1
    for number, rec in enumerate(records, start=1):
        source = f"{file}#{number}" if many else file
        if number > limits.MAX_TABLE_ROWS:
            yield Skipped(source, _too_many_rows())
            break
        if not isinstance(rec, dict):
            yield Skipped(source, "not a post object")
            continue
        keys = [str(k) for k in rec]
        cols = _find_columns(keys, columns)
        values = {f: _cell(rec[keys[i]]) for f, i in cols.items()}
        yield _record_post(values, source, file, number if many else None, defaults)


def read_csv(
    path: Path, file: str, defaults: Defaults, columns: ColumnMap | None
) -> Iterator[Post | Skipped]:
    text = _decode(path, file, limits.MAX_TABLE_FILE_BYTES)
    if isinstance(text, Skipped):
        yield text
        return
    # A cell may be as long as the file: a cell over MAX_POST_CHARS costs its row only.
    csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_TABLE_FILE_BYTES))
    try:
        yield from _rows_to_posts(enumerate(csv.reader(io.StringIO(text), _dialect(text, path)),
                                            start=1), file, defaults, columns)
    except csv.Error as exc:
        yield Skipped(file, f"malformed CSV: {exc}")


def _dialect(text: str, path: Path) -> Any:
    """The delimiter is sniffed; quoting is always the standard one (quotes doubled
    inside a quoted cell, as Excel and Python write it): the sniffer's guess of
    doublequote=False split one post with quotes and a line break into two."""
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|")
    except csv.Error:
        return csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel

    class Dialect(csv.excel):
        delimiter = sniffed.delimiter

    return Dialect


def read_xlsx(
    path: Path, file: str, defaults: Defaults, columns: ColumnMap | None
) -> Iterator[Post | Skipped]:
    """Every worksheet with a text column; rows streamed (workbook.Workbook)."""
    import zipfile

    from .workbook import Workbook

    try:
        size = regular_size(path)
    except ReadError as exc:
        yield Skipped(file, f"file {exc}")
        return
    if size > limits.MAX_TABLE_FILE_BYTES:
        yield Skipped(file, f"file {too_large(size, limits.MAX_TABLE_FILE_BYTES)}")
        return
    try:
        with zipfile.ZipFile(path) as z:  # sizes as declared: reading stops there
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > limits.MAX_WORKBOOK_BYTES:
            yield Skipped(file, f"workbook unpacks to {size_text(unpacked)}; the limit is "
                                f"{size_text(limits.MAX_WORKBOOK_BYTES)}")
            return
        wb = Workbook(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        yield Skipped(file, f"cannot open as an Excel workbook: {exc}")
        return
    with wb:
        for index, title in enumerate(wb.titles):
            label = f"[{title}]" if len(wb.titles) > 1 else ""
            try:
                yield from _rows_to_posts(wb.rows(index), file, defaults, columns, label)
            except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError,
                    IndexError, SyntaxError) as exc:  # SyntaxError: expat's ParseError
                yield Skipped(f"{file}{label}", f"the rest of this worksheet cannot be read: "
                                                f"{exc}")


def read_file(
    path: Path, file: str, defaults: Defaults, columns: ColumnMap | None = None
) -> Iterator[Post | Skipped]:
    """Dispatch on the file suffix; anything else is reported as skipped."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield from read_text_post(path, file, defaults)
    elif suffix == ".json":
        yield from read_json(path, file, defaults, columns)
    elif suffix in (".csv", ".tsv"):
        yield from read_csv(path, file, defaults, columns)
    elif suffix in (".xlsx", ".xlsm"):
        yield from read_xlsx(path, file, defaults, columns)
    else:
        yield Skipped(file, f"unsupported file type ({suffix or 'no extension'})")
