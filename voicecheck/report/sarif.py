"""SARIF 2.1.0 for code scanning (GitHub, GitLab, editors' SARIF viewers).

Written as results stream in: the results array first, then the rules met so far (a
JSON object's keys have no order), so a large batch never holds its log in memory.
Columns are code points (`columnKind: unicodeCodePoints`, as our offsets are). Paths
under the working directory are relative to `%SRCROOT%`. Each result carries a
fingerprint built from its rule, file and text (not its line), so re-runs and edits
elsewhere in the file do not open duplicate alerts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Report, Suppressed
from ..readers import Skipped
from ..rules import info
from .text_report import suggestion_note

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "voicecheck/v1"
# SARIF allows only language-REGION here: Traditional (converted the Taiwan way) is zh-TW.
_RUN_LANGUAGE = {"en": "en", "zh": "zh-CN", "zh-Hant": "zh-TW"}


def artifact_uri(file: str, root: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to root when the file is under it, else a file: URI."""
    path = Path(os.path.abspath(file))
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path.as_uri(), None
    return quote(rel.as_posix(), safe="/"), ROOT


class SarifLog:
    """Feed it reports (and skipped items), then `close()`; writes to `stream`."""

    def __init__(self, stream: TextIO, lang: str = "en", root: Path | None = None):
        self.stream, self.lang = stream, lang
        self.root = Path(os.path.abspath(root or Path.cwd()))
        self.rule_index: dict[str, int] = {}
        self.rule_category: dict[str, str] = {}
        self.notifications: list[dict[str, Any]] = []
        self._first = True
        stream.write(f'{{"$schema": "{SCHEMA}", "version": "2.1.0", "runs": [{{\n'
                     f'"columnKind": "unicodeCodePoints", "results": [')

    def add(self, report: Report) -> None:
        seen: Counter[tuple[str, str]] = Counter()
        for item in [*report.findings, *report.suppressed]:
            finding = item.finding if isinstance(item, Suppressed) else item
            key = (finding.rule, _stable_text(report, finding))
            seen[key] += 1
            result = self._result(report, finding, seen[key])
            if isinstance(item, Suppressed):
                result["suppressions"] = [{"kind": item.kind, "status": "accepted",
                                           "justification": item.by}]
            self._write(result)

    def add_skipped(self, item: Skipped) -> None:
        self.notifications.append({"level": "warning",
                                   "message": {"text": f"{item.source}: {item.reason}"}})

    def close(self, interrupted: bool = False) -> None:
        rules = sorted(self.rule_index, key=self.rule_index.__getitem__)
        run_tail = {
            "tool": {"driver": {
                "name": "voicecheck", "version": __version__,
                "rules": [self._rule(r) for r in rules],
            }},
            "language": _RUN_LANGUAGE.get(self.lang, "en"),
            "originalUriBaseIds": {ROOT: {"uri": self.root.as_uri() + "/"}},
            "invocations": [{"executionSuccessful": not interrupted,
                             "toolExecutionNotifications": self.notifications}],
        }
        tail = json.dumps(run_tail, ensure_ascii=False)[1:]  # "}" stays open: after results
        self.stream.write(f"\n], {tail}]}}\n")
        self.stream.flush()

    # --- pieces ------------------------------------------------------------------------

    def _write(self, result: dict[str, Any]) -> None:
        self.stream.write(("\n" if self._first else ",\n") + json.dumps(result, ensure_ascii=False))
        self._first = False

    def _result(self, report: Report, f: Finding, nth: int) -> dict[str, Any]:
        index = self.rule_index.setdefault(f.rule, len(self.rule_index))
        self.rule_category.setdefault(f.rule, f.category)
        uri, base = artifact_uri(report.file, self.root) if report.file != "-" else ("", None)
        location: dict[str, Any] = {"uri": uri} if uri else {
            "description": {"text": "standard input"}}
        if base:
            location["uriBaseId"] = base
        physical: dict[str, Any] = {"artifactLocation": location}
        region = self._region(report, f)
        if region:
            physical["region"] = region
        message = f.message
        if f.suggestions:
            message += " " + suggestion_note(f, self.lang)
        properties: dict[str, Any] = {"category": f.category}
        if f.suggestions:
            properties["suggestions"] = list(f.suggestions)
        if report.first_line is None:
            message = f"{report.source}: {message}"  # a table record: name its row
            properties["source"] = report.source
        return {
            "ruleId": f.rule,
            "ruleIndex": index,
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": message},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {FINGERPRINT: _fingerprint(report, f, nth, uri)},
            "properties": properties,
        }

    @staticmethod
    def _region(report: Report, f: Finding) -> dict[str, Any] | None:
        start, end = report.position(f.start), report.position(f.end)
        if start is None or end is None:
            return None
        region: dict[str, Any] = {"startLine": start[0], "startColumn": start[1],
                                  "endLine": end[0], "endColumn": end[1]}
        if len(f.text) <= 400:
            region["snippet"] = {"text": f.text}
        return region

    def _rule(self, rule: str) -> dict[str, Any]:
        found = info(rule)
        category = self.rule_category.get(rule, rule.split(".", 1)[0])
        out: dict[str, Any] = {"id": rule, "name": _pascal(rule)}
        if found is not None:
            summary, text = found.summary_in(self.lang), found.help_in(self.lang)
            out["shortDescription"] = {"text": summary}
            out["fullDescription"] = {"text": text}
            out["help"] = {"text": text, "markdown": f"**{summary}**\n\n{text}"}
        else:  # a rule the rulebook does not know yet (a guide's own, a newer check)
            out["shortDescription"] = {"text": f"{category}: {rule}"}
        out["properties"] = {"category": category, "tags": [category],
                             "fixable": bool(found and found.fix)}
        return out


def _stable_text(report: Report, f: Finding) -> str:
    """What identifies a finding across edits: its text, unless it spans the whole post."""
    return "" if (f.start, f.end) == (0, len(report.text)) else f.text


def _fingerprint(report: Report, f: Finding, nth: int, uri: str) -> str:
    where = report.source if report.first_line is None else uri
    key = "\0".join((f.rule, where, _stable_text(report, f), str(nth)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _pascal(rule: str) -> str:
    """`promotion.absolute-claim` -> `PromotionAbsoluteClaim` (SARIF's rule name)."""
    return "".join(w[:1].upper() + w[1:] for w in rule.replace("_", "-").replace(".", "-")
                   .split("-"))
