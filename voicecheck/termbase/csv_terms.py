"""The term base as a spreadsheet: one row per word, UTF-8 with BOM (Excel opens it).

    concept,language,term,status,part_of_speech,definition,note,case_sensitive,severity,exceptions,inflect
    member,zh-Hans,会员,preferred,noun,"en: A customer in the programme.; zh: 会员计划中的顾客。",,,,,
    member,zh-Hans,贵宾,deprecated,,,,,,,

Rows with the same `concept` are one entry (the term's id; a label starting with `#` only
groups and is not kept); a row with none is an entry of its own. The entry's other
fields come from the first of its rows that gives them. Headers may be Chinese
(概念, 语言, 术语, 状态, 词性, 定义, 备注...), and so may statuses (首选, 许可, 不推荐,
禁用, 避免) and parts of speech (名词...). Errors name file:line:column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .. import limits
from ..files import ReadError, read_regular
from ..guide.model import PARTS_OF_SPEECH, SEVERITIES
from ..guide.schema import Problem
from ..text.decode import DecodeError, decode_bytes
from .cells import format_note, parse_note, split_words
from .forms import STATUSES, Entry, Form, TermBaseError, locale_for_tag

COLUMNS = ("concept", "language", "term", "status", "part_of_speech", "definition", "note",
           "case_sensitive", "severity", "exceptions", "inflect")
_HEADERS = {
    "concept": ("concept", "id", "entry", "概念", "编号", "编码", "条目", "概念编号", "概念ID"),
    "language": ("language", "lang", "locale", "语言", "語言", "语种", "语系"),
    "term": ("term", "word", "text", "术语", "術語", "词条", "詞條", "词语", "用词"),
    "status": ("status", "状态", "狀態", "使用状态"),
    "part_of_speech": ("part_of_speech", "part of speech", "pos", "词性", "詞性"),
    "definition": ("definition", "定义", "定義", "释义", "釋義"),
    "note": ("note", "notes", "备注", "備註", "说明", "說明"),
    "case_sensitive": ("case_sensitive", "case sensitive", "case", "区分大小写", "區分大小寫"),
    "severity": ("severity", "严重程度", "嚴重程度", "级别", "級別"),
    "exceptions": ("exceptions", "例外", "例外词"),
    "inflect": ("inflect", "inflections", "词形变化", "詞形變化"),
}
_STATUS_WORDS = {
    "preferred": ("preferred", "首选", "首選", "推荐", "推薦", "优先", "優先"),
    "admitted": ("admitted", "许可", "許可", "允许", "允許", "可用", "可接受"),
    "deprecated": ("deprecated", "不推荐", "不推薦", "弃用", "棄用", "已弃用", "慎用"),
    "forbidden": ("forbidden", "禁用", "禁止", "禁止使用"),
    "avoid": ("avoid", "避免", "避用"),
}
_POS_WORDS = {"noun": ("名词", "名詞"), "verb": ("动词", "動詞"), "adjective": ("形容词", "形容詞"),
              "adverb": ("副词", "副詞"), "properNoun": ("专有名词", "專有名詞", "proper noun"),
              "other": ("其他",)}
_SEVERITY_WORDS = {"error": ("错误", "錯誤"), "warning": ("警告",), "info": ("提示", "信息")}
_TRUE = ("true", "yes", "y", "1", "是", "对", "對")
_FALSE = ("false", "no", "n", "0", "否", "不")


def _key(text: str) -> str:
    return "".join(text.split()).replace("_", "").replace("-", "").lower()


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(word): name for name, words in table.items() for word in (name, *words)}


_COLUMN_OF = _lookup(_HEADERS)
_STATUS_OF = _lookup(_STATUS_WORDS)
_POS_OF = {**_lookup(_POS_WORDS), **{_key(p): p for p in PARTS_OF_SPEECH}}
_SEVERITY_OF = _lookup({s: _SEVERITY_WORDS.get(s, ()) for s in SEVERITIES})


class _Rows:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, column, message))


def read(path: Path, file: str) -> tuple[list[Entry], list[str]]:
    """Entries of a CSV/TSV term base, and notes on rows left out."""
    try:
        text = decode_bytes(read_regular(path, limits.MAX_TABLE_FILE_BYTES))[0]
    except (ReadError, DecodeError) as exc:
        raise TermBaseError([Problem(file, 1, 1, f"term base {exc}")]) from None
    return parse(text, file)


def parse(text: str, file: str) -> tuple[list[Entry], list[str]]:
    text = text.removeprefix("\ufeff")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _Rows(file)
    notes: list[str] = []
    header: dict[str, int] | None = None
    entries: list[Entry] = []
    by_concept: dict[str, Entry] = {}
    try:
        for record in reader:
            line = reader.line_num
            if not any(c.strip() for c in record):
                continue
            if header is None:
                header = _header(record, rows, line)
                if header is None:
                    break
                continue
            if len(entries) > limits.MAX_TABLE_ROWS:
                rows.error(line, 1, f"more than {limits.MAX_TABLE_ROWS:,} rows (the limit)")
                break
            _row(record, header, rows, line, entries, by_concept, notes)
    except csv.Error as exc:
        rows.error(reader.line_num, 1, f"malformed CSV: {exc}")
    if header is None and not rows.problems:
        rows.error(1, 1, "the term base is empty (a header row and one row per word)")
    if rows.problems:
        raise TermBaseError(rows.problems)
    return entries, notes


def _header(record: list[str], rows: _Rows, line: int) -> dict[str, int] | None:
    header: dict[str, int] = {}
    for i, name in enumerate(record):
        column = _COLUMN_OF.get(_key(name))
        if column is None and name.strip():
            rows.error(line, i + 1, f"unknown column '{name.strip()[:40]}' (known: "
                                    f"{', '.join(COLUMNS)}, or their Chinese names)")
        elif column in header:
            rows.error(line, i + 1, f"column '{column}' given twice")
        elif column is not None:
            header[column] = i
    if "term" not in header and not rows.problems:
        rows.error(line, 1, "no 'term' column (术语) in the header row")
    return None if rows.problems else header


def _row(record: list[str], header: dict[str, int], rows: _Rows, line: int,
         entries: list[Entry], by_concept: dict[str, Entry], notes: list[str]) -> None:
    def cell(name: str) -> tuple[str, int]:
        i = header.get(name)
        return ((record[i].strip() if i is not None and i < len(record) else ""),
                (i or 0) + 1)

    word, col = cell("term")
    if not word:
        rows.error(line, col, "no term in this row")
        return
    status_text, col = cell("status")
    status = _STATUS_OF.get(_key(status_text), None) if status_text else "admitted"
    if status is None:
        rows.error(line, col, f"unknown status '{status_text[:40]}' (one of: "
                              f"{', '.join(STATUSES)}; 首选, 许可, 不推荐, 禁用, 避免)")
        return
    tag, col = cell("language")
    language = locale_for_tag(tag)
    if language is None:
        notes.append(f"{rows.file}:{line}: '{word}' left out: voicecheck checks English and "
                     f"Chinese, not '{tag}'")
        return
    concept, _ = cell("concept")
    entry = by_concept.get(concept) if concept else None
    if entry is None:
        entry = Entry(id="" if concept.startswith("#") else concept)
        entries.append(entry)
        if concept:
            by_concept[concept] = entry
    entry.forms.append(Form(word, status, language))
    _entry_fields(entry, cell, rows, line)


def _entry_fields(entry: Entry, cell: Any, rows: _Rows, line: int) -> None:
    """Fill what the entry does not have yet from this row."""
    pos, col = cell("part_of_speech")
    if pos and not entry.part_of_speech:
        entry.part_of_speech = _POS_OF.get(_key(pos), "")
        if not entry.part_of_speech:
            rows.error(line, col, f"unknown part of speech '{pos[:40]}' (one of: "
                                  f"{', '.join(PARTS_OF_SPEECH)})")
    for name in ("definition", "note"):
        text, _ = cell(name)
        if text and not getattr(entry, name):
            setattr(entry, name, parse_note(text))
    severity, col = cell("severity")
    if severity:
        entry.severity = _SEVERITY_OF.get(_key(severity), "")
        if not entry.severity:
            rows.error(line, col, f"unknown severity '{severity[:40]}' (one of: "
                                  f"{', '.join(SEVERITIES)})")
    exceptions, _ = cell("exceptions")
    if exceptions and not entry.exceptions:
        entry.exceptions = ([w.strip() for w in exceptions.splitlines() if w.strip()]
                            if "\n" in exceptions else split_words(exceptions))
    for name in ("case_sensitive", "inflect"):
        text, col = cell(name)
        if not text:
            continue
        if _key(text) in _TRUE or _key(text) in _FALSE:
            setattr(entry, name, _key(text) in _TRUE)
        else:
            rows.error(line, col, f"{name}: expected true or false (是/否), got '{text[:40]}'")


def dump(entries: list[Entry], delimiter: str = ",") -> str:
    """CSV text (with BOM) of entries: one row per form, entry fields on its first row."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for n, e in enumerate(entries, start=1):
        concept = e.id or f"#{n}"
        for i, form in enumerate(e.forms):
            first = i == 0
            w.writerow([
                concept, form.language, form.text, form.status,
                e.part_of_speech if first else "",
                format_note(e.definition) if first else "",
                format_note(e.note) if first else "",
                ("true" if e.case_sensitive else "") if first else "",
                (e.severity if e.severity != "warning" else "") if first else "",
                _exceptions(e.exceptions) if first else "",
                ("" if e.inflect is None else str(e.inflect).lower()) if first else "",
            ])
    return "\ufeff" + out.getvalue()


def _exceptions(words: list[str]) -> str:
    """Comma-separated, or one per line when a phrase has a comma of its own."""
    return ("\n" if any("," in w or "，" in w for w in words) else ", ").join(words)
