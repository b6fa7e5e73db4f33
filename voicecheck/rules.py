"""The rulebook: every rule id with what it checks and whether `voicecheck fix` may apply
it (data/rules/rulebook.yaml), and how a user names rules (an id, a category, a prefix).

SARIF metadata, suppression directives, project configuration and `fix --rules` all read
rules from here, so a rule name means the same thing everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import data as builtin_data
from .findings import Finding
from .guide.model import CATEGORIES
from .messages import Localized, pick

ALL = "all"


@dataclass(frozen=True)
class RuleInfo:
    id: str
    summary: Localized
    help: Localized
    fix: bool = False
    configure: Localized = ""  # how the user says it is fine: kept out of client reports

    def summary_in(self, lang: str) -> str:
        return pick(self.summary, lang)

    def help_in(self, lang: str) -> str:
        return pick(self.help, lang)

    def configure_in(self, lang: str) -> str:
        return pick(self.configure, lang)


@lru_cache(maxsize=1)
def rulebook() -> dict[str, RuleInfo]:
    table = builtin_data.rules("rulebook")["rules"]
    return {rid: RuleInfo(rid, v["summary"], v["help"], bool(v.get("fix")), v.get("configure", ""))
            for rid, v in table.items()}


def info(rule: str) -> RuleInfo | None:
    return rulebook().get(rule)


def hints(findings: Iterable[Finding], lang: str) -> list[str]:
    """How the user tells voicecheck these findings are fine, once per rule that says."""
    found = (info(rule) for rule in dict.fromkeys(f.rule for f in findings))
    return [text for r in found if r is not None and (text := r.configure_in(lang))]


def fixable(rule: str) -> bool:
    """Whether the rule's one suggestion is a safe replacement (not advice)."""
    found = info(rule)
    return found is not None and found.fix


@lru_cache(maxsize=1)
def selector_names() -> tuple[str, ...]:
    """Every name a user may give for rules: ids, categories, id prefixes, `all`."""
    ids = list(rulebook())
    prefixes = {r.split(".", 1)[0] for r in ids}
    return tuple(dict.fromkeys([ALL, *CATEGORIES, *sorted(prefixes), *ids]))


def unknown_selector(name: str) -> str | None:
    """None when `name` names rules; else the message saying why not (with a did-you-mean)."""
    if name in selector_names():
        return None
    close = difflib.get_close_matches(name, selector_names(), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown rule '{name}'{hint}: give a rule id, a category or '{ALL}'"


def selects(name: str, rule: str, category: str) -> bool:
    """Whether the selector `name` covers a finding of `rule` in `category`."""
    return name in (ALL, rule, category) or rule.startswith(name + ".")
