"""GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per
finding, which the Actions run shows as an annotation on the file's line.

Escaping is GitHub's: in the message `%`, CR and LF; in properties also `:` and `,`.
"""

from __future__ import annotations

from typing import TextIO

from ..findings import Finding, Report
from ..readers import Skipped
from .text_report import suggestion_note

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(report: Report, f: Finding, lang: str = "en") -> str:
    props = {"file": report.file}
    start, end = report.position(f.start), report.position(max(f.start, f.end - 1))
    if start is not None and end is not None:
        props |= {"line": str(start[0]), "col": str(start[1]), "endLine": str(end[0])}
        if end[0] == start[0]:
            props["endColumn"] = str(end[1])
    props["title"] = f.rule
    message = f.message
    if report.first_line is None:
        message = f"{report.source}: {message}"  # a table record: name its row
    if f.suggestions:
        message += " " + suggestion_note(f, lang)
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(message)}"


class GithubWriter:
    def __init__(self, stream: TextIO, lang: str = "en"):
        self.stream, self.lang = stream, lang

    def add(self, report: Report) -> None:
        for f in report.findings:
            self.stream.write(annotation(report, f, self.lang) + "\n")
        self.stream.flush()

    def add_skipped(self, item: Skipped) -> None:
        self.stream.write(f"::warning title=skipped::{escape_data(f'{item.source}: {item.reason}')}\n")

    def close(self, interrupted: bool = False) -> None:
        self.stream.flush()
