"""Compiler-style text output: `file:line:col: severity [rule] message`, line, underline."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import TextIO

from ..findings import Finding, Report, by_span, suggestions_of
from ..messages import channel_label, say
from ..rules import hints
from ..text.lines import line_end, line_number, line_start

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _GREEN, _RESET = "\033[1m", "\033[1;32m", "\033[0m"


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line_col(text: str, pos: int) -> tuple[int, int, int, int]:
    """(line, column) 1-based in code points, plus the line's start and end offsets."""
    start = line_start(text, pos)
    return line_number(text, pos), pos - start + 1, start, line_end(text, pos)


def suggestion_note(f: Finding, lang: str) -> str:
    """"Suggestion: a | b" to follow a finding's message on the same line."""
    note = say(lang, "text/suggestion", items=" | ".join(f.suggestions))
    return note[:1].upper() + note[1:]


def _entry(group: tuple[Finding, ...], report: Report, colour: bool, lang: str) -> list[str]:
    """One span's findings as one entry: the most severe heads it, naming every rule;
    the other categories' messages follow under the underlined line."""
    f = group[0]
    line, col, ls, le = line_col(report.text, f.start)
    line, col = report.position(f.start) or (line, col)  # in the file, past front matter
    sev = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if colour else f.severity
    rules = ", ".join(g.rule for g in group)
    head = f"{report.file}:{line}:{col}: {sev} [{rules}] {f.message}"
    out = [f"{_BOLD}{head}{_RESET}" if colour else head]
    source = report.text[ls:le].replace("\t", " ")
    if source.strip():
        end = min(f.end, le)
        pad = display_width(source[: f.start - ls])
        width = max(1, display_width(report.text[f.start : end]))
        mark = "^" + "~" * (width - 1)
        out.append(f"    {source}")
        out.append(f"    {' ' * pad}{_GREEN + mark + _RESET if colour else mark}")
    out.extend("    " + say(lang, "text/also", category=say(lang, f"category/{g.category}"),
                            message=g.message) for g in group[1:])
    suggestions = suggestions_of(group)
    if suggestions:
        out.append("    " + say(lang, "text/suggestion", items=" | ".join(suggestions)))
    out.extend("    " + say(lang, "text/hint", hint=hint) for hint in hints(group, lang))
    return out


def render(reports: list[Report], colour: bool = False, lang: str = "en") -> str:
    """Findings like a compiler's (rule ids and severities stay as they are, for tools);
    the words around them are in `lang`."""
    lines: list[str] = []
    for r in reports:
        for group in by_span(r.findings):
            lines.extend(_entry(group, r, colour, lang))
        verdict = say(lang, "text/pass" if r.passed else "text/fail")
        if colour:
            verdict = f"{_GREEN if r.passed else _COLOURS['error']}{verdict}{_RESET}"
        cats = " ".join(f"{say(lang, f'category/{c}')}={s}" for c, s in r.scores.items() if s < 100)
        tone = " ".join(f"{d if lang == 'en' else say(lang, f'tone.dimension/{d}')}={v}"
                        for d, v in r.tone.items())  # English keeps the JSON keys
        summary = say(lang, "text/summary", file=r.file, verdict=verdict, score=r.score,
                      channel=channel_label(lang, r.channel), language=r.language)
        hidden = f"  {say(lang, 'text/suppressed', n=len(r.suppressed))}" if r.suppressed else ""
        lines.append(summary + (f"  {cats}" if cats else "")
                     + (f"  {say(lang, 'text/tone', values=tone)}" if tone else "") + hidden)
    return "\n".join(lines)


class TextWriter:
    """The text format as reports stream in; batch lists only failing posts, by source."""

    def __init__(self, stream: TextIO, colour: bool = False, lang: str = "en",
                 failing_only: bool = False):
        self.stream, self.colour, self.lang, self.failing_only = stream, colour, lang, failing_only

    def add(self, report: Report) -> None:
        if self.failing_only and report.passed:
            return
        shown = replace(report, file=report.source or report.file)
        self.stream.write(render([shown], colour=self.colour, lang=self.lang) + "\n")
        self.stream.flush()

    def add_skipped(self, item: object) -> None:
        """Skipped files are summarised on stderr."""

    def close(self, interrupted: bool = False) -> None:
        self.stream.flush()
