"""Findings a post or a project asks not to report, applied after the checks (which stay
pure): a suppressed finding leaves the scores but stays in the report, counted and named
with what suppressed it, never silently dropped.

In a post (HTML comments, invisible in Markdown and stripped before checking):

    <!-- voicecheck off [RULE ...] -->  ...  <!-- voicecheck on [RULE ...] -->
    <!-- voicecheck disable-next-line [RULE ...] -->
    <!-- voicecheck allow TERM ["TWO WORDS" ...] -->    findings inside these words

In front matter: `voicecheck: {disable: [RULE, ...], allow: [TERM, ...]}` for the whole
post. RULE is a rule id, a category or an id prefix (see rules.py); none means every rule.
Project configuration adds `disable:` and `min_severity:` the same way (kind "external").
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import yaml

from .data import YAML_LOADER
from .findings import Finding, Suppressed
from .guide.schema import WORDS, GuideError, ListOf, Problem, Reader, Spec, Str, Struct
from .rules import selects, unknown_selector
from .text.lines import line_number, line_start

__all__ = ["DirectiveError", "RULES", "Suppression", "Suppressions", "for_draft",
           "parse_comments", "parse_front_matter"]

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
VERBS = ("off", "on", "disable-next-line", "allow")
_DIRECTIVE = re.compile(r"<!--\s*voicecheck\b(?P<body>.*?)-->", re.IGNORECASE | re.DOTALL)
# A word of a directive: "quoted words" (straight, curly or corner quotes), else a run
# without spaces or list commas.
_WORD = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|([^\s,，、]+)')
_EVERYWHERE = sys.maxsize


class DirectiveError(GuideError):
    """Located problems in a post's voicecheck comments or front matter (exit code 2)."""


@dataclass(frozen=True)
class Suppression:
    """One reason not to report some findings: a stretch of the post (or all of it), the
    rules it covers (none: every rule) or a severity floor."""

    start: int
    end: int
    rules: tuple[str, ...]
    by: str
    kind: str = "inSource"
    within: bool = False  # an allowed term: the finding must lie inside [start, end)
    below: str | None = None  # minimum severity: findings less severe than this

    def _names(self, f: Finding) -> bool:
        return not self.rules or any(selects(r, f.rule, f.category) for r in self.rules)

    def covers(self, f: Finding) -> bool:
        if self.below is not None:
            return SEVERITY_RANK.get(f.severity, 0) < SEVERITY_RANK[self.below]
        if not self._names(f):
            return False
        if self.within:
            return self.start <= f.start and f.end <= self.end
        return self.start <= f.start < self.end


@dataclass(frozen=True)
class Suppressions:
    items: tuple[Suppression, ...] = ()
    problems: tuple[Problem, ...] = ()

    def __add__(self, other: Suppressions) -> Suppressions:
        return Suppressions(self.items + other.items, self.problems + other.problems)

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Suppressed]]:
        """(findings to report, findings suppressed with what suppressed them)."""
        kept: list[Finding] = []
        dropped: list[Suppressed] = []
        for f in findings:
            by = next((s for s in self.items if s.covers(f)), None)
            if by is None:
                kept.append(f)
            else:
                dropped.append(Suppressed(f, by.by, by.kind))
        return kept, dropped

    def shifted(self, offset: int) -> Suppressions:
        """The same suppressions for the post placed `offset` characters into a file."""
        if not offset:
            return self
        moved = tuple(s if s.end == _EVERYWHERE else
                      replace(s, start=s.start + offset, end=s.end + offset)
                      for s in self.items)
        return Suppressions(moved, self.problems)

    def touches(self, f: Finding) -> bool:
        """Whether f's span overlaps a stretch of the post where its rule is switched off:
        `voicecheck fix` must not rewrite text the post asked to leave alone."""
        return any(s.below is None and s.end != _EVERYWHERE and s.start < f.end
                   and f.start < s.end and s._names(f) for s in self.items)

    def check(self) -> None:
        if self.problems:
            raise DirectiveError(list(self.problems))


def whole_post(rules: tuple[str, ...], by: str, kind: str = "external",
               below: str | None = None) -> Suppression:
    return Suppression(0, _EVERYWHERE, rules, by, kind, below=below)


# --- comments in the post --------------------------------------------------------------

@dataclass
class _Place:
    """Turns offsets into file:line:column for messages."""

    text: str
    file: str
    first_line: int

    def line_col(self, pos: int) -> tuple[int, int]:
        return (self.first_line + line_number(self.text, pos) - 1,
                pos - line_start(self.text, pos) + 1)

    def problem(self, pos: int, message: str) -> Problem:
        return Problem(self.file, *self.line_col(pos), message)


def parse_comments(text: str, file: str = "-", first_line: int = 1) -> Suppressions:
    """The voicecheck comments in a post (`first_line`: where the post starts in `file`)."""
    if "voicecheck" not in text and "VOICECHECK" not in text.upper():
        return Suppressions()
    place = _Place(text, file, first_line)
    items: list[Suppression] = []
    problems: list[Problem] = []
    opened: dict[str, tuple[int, str]] = {}  # rule ("" = every rule) -> (start, by)
    for m in _DIRECTIVE.finditer(text):
        words = [(w.start(), next(g for g in w.groups() if g)) for w in
                 _WORD.finditer(m.group("body"))]
        base = m.start("body")
        said = " ".join(m.group("body").split())
        by = f"<!-- voicecheck {said} --> (line {place.line_col(m.start())[0]})"
        if not words:
            problems.append(place.problem(m.start(), _verb_problem("")))
            continue
        (_, verb), args = words[0], words[1:]
        verb = verb.lower()
        if verb not in VERBS:
            problems.append(place.problem(base + words[0][0], _verb_problem(verb)))
            continue
        if verb == "allow":
            if not args:
                problems.append(place.problem(m.start(), "'voicecheck allow' needs a term"))
            for _, term in args:
                items.extend(_occurrences(text, term, by))
            continue
        rules = []
        for at, rule in args:
            why = unknown_selector(rule)
            if why:
                problems.append(place.problem(base + at, why))
            else:
                rules.append(rule)
        if args and not rules:
            continue  # every rule named was wrong: suppress nothing rather than everything
        if verb == "off":
            for rule in rules or [""]:
                opened.setdefault(rule, (m.start(), by))
        elif verb == "on":
            for rule in rules or list(opened):
                if rule in opened:
                    start, off_by = opened.pop(rule)
                    items.append(Suppression(start, m.end(), (rule,) if rule else (), off_by))
        else:  # disable-next-line
            line_end = text.find("\n", m.end())
            if line_end >= 0:
                next_end = text.find("\n", line_end + 1)
                end = len(text) if next_end < 0 else next_end + 1
                items.append(Suppression(line_end + 1, end, tuple(rules), by))
    for rule, (start, by) in opened.items():  # no 'on': off to the end of the post
        items.append(Suppression(start, len(text) + 1, (rule,) if rule else (), by))
    return Suppressions(tuple(items), tuple(problems))


def _verb_problem(verb: str) -> str:
    close = difflib.get_close_matches(verb, VERBS, n=1, cutoff=0.5) if verb else []
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    shown = f" '{verb}'" if verb else ""
    return f"unknown voicecheck directive{shown}{hint} (one of: {', '.join(VERBS)})"


def _occurrences(text: str, term: str, by: str) -> Iterable[Suppression]:
    at = text.find(term)
    while at >= 0:
        yield Suppression(at, at + len(term), (), by, within=True)
        at = text.find(term, at + 1)


# --- front matter ------------------------------------------------------------------------

class RuleName(Spec):
    """A rule id, a category, an id prefix or `all` (a did-you-mean otherwise)."""

    expected = "a rule"

    def read(self, node: yaml.Node, r: Reader) -> Any:
        value = Str().read(node, r)
        if value is None:
            return None
        why = unknown_selector(value)
        if why:
            r.error(node, why)
            return None
        return value


RULES = ListOf(RuleName(), single_ok=True)
FRONT_MATTER = Struct({"disable": RULES, "allow": WORDS})


def parse_front_matter(head: str, file: str, text: str) -> Suppressions:
    """`voicecheck:` in a draft's front matter (`head`, the `---` block as written) for
    the post `text` after it."""
    if "voicecheck" not in head:
        return Suppressions()
    try:
        node = next(yaml.compose_all(head, Loader=YAML_LOADER), None)
    except yaml.YAMLError:
        return Suppressions()  # the front matter reader reports broken YAML, located
    if not isinstance(node, yaml.MappingNode):
        return Suppressions()
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "voicecheck":
            r = Reader(file)
            raw = FRONT_MATTER.read(value, r) or {}
            line = key.start_mark.line + 1
            items: list[Suppression] = []
            if raw.get("disable"):
                items.append(whole_post(tuple(raw["disable"]),
                                        f"front matter voicecheck.disable (line {line})",
                                        kind="inSource"))
            for term in raw.get("allow", []):
                items.extend(_occurrences(text, term, f"front matter voicecheck.allow (line {line})"))
            return Suppressions(tuple(items), tuple(r.problems))
    return Suppressions()


def for_draft(head: str, text: str, file: str) -> Suppressions:
    """Everything a draft says about itself: front matter `head`, comments in `text`."""
    first_line = head.count("\n") + 1
    return parse_front_matter(head, file, text) + parse_comments(text, file, first_line)
