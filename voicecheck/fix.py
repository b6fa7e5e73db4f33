"""`voicecheck fix`: apply the suggestions that are safe without a person's judgement.

A finding is fixed only when its rule is marked `fix: true` in the rulebook (wording the
guide prescribes, script conversion, punctuation and spacing: never advice such as a
claim's example rewording), it has exactly one suggestion, and applying it rewrites
only what the check saw: not a span normalization folded markup or zero-width
characters into, not text a voicecheck comment switched the rule off for. Fixes are
applied in passes (a fix can move or reveal another) until nothing fixable is left.

Bytes are written back in the encoding they came in (a BOM stays, UTF-16 stays UTF-16,
GB18030 stays GB18030), and only when the unchanged text re-encodes to exactly the
original bytes, so nothing outside the fixed spans can change.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .findings import Finding, Report
from .rules import fixable, rulebook, selects, unknown_selector
from .text.normalize import normalize

MAX_PASSES = 6
WHOLE_POST_CONVERSION = "script.wrong-script"  # its suggestion is convert() of the post


class CannotWrite(ValueError):
    """The fixed text cannot be written back byte-for-byte in the file's encoding."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    rule: str


def fixable_rules() -> list[str]:
    return [r for r, info in rulebook().items() if info.fix]


def rule_selection(names: Iterable[str]) -> tuple[str, ...]:
    """Validate `--rules`: each must name rules, and at least one rule with a safe fix."""
    chosen = tuple(n.strip() for n in names if n.strip())
    for name in chosen:
        why = unknown_selector(name)
        if why:
            raise ValueError(why)
        if not any(selects(name, r, _category(r)) for r in fixable_rules()):
            raise ValueError(f"'{name}' has no safe fix (its suggestions are advice); rules "
                             f"fix applies: {', '.join(fixable_rules())}")
    return chosen


def _category(rule: str) -> str:
    return "channel" if rule.startswith("campaign.") else rule.split(".", 1)[0]


def safe(report: Report, f: Finding, rules: Sequence[str] = ()) -> bool:
    """Whether `voicecheck fix` may apply f's suggestion."""
    if not fixable(f.rule) or len(f.suggestions) != 1 or f.suggestions[0] == f.text:
        return False
    if rules and not any(selects(r, f.rule, f.category) for r in rules):
        return False
    if report.suppressions is not None and report.suppressions.touches(f):
        return False
    return f.rule == WHOLE_POST_CONVERSION or len(normalize(f.text).text) == len(f.text)


def _stage(f: Finding) -> int:
    """Wording before layout: a whole-post conversion, then words (terms, script,
    regional vocabulary), then spacing and punctuation around the final words."""
    return 0 if f.rule == WHOLE_POST_CONVERSION else 2 if f.category == "formatting" else 1


def edits(report: Report, rules: Sequence[str] = ()) -> list[Edit]:
    """Non-overlapping safe edits of the earliest stage present, the widest first where
    two start together."""
    found = [f for f in report.findings if safe(report, f, rules)]
    stage = min((_stage(f) for f in found), default=0)
    candidates = sorted((f for f in found if _stage(f) == stage),
                        key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Edit] = []
    for f in candidates:
        if out and f.start < out[-1].end:
            continue  # overlaps: retried on the next pass, on the fixed text
        out.append(Edit(f.start, f.end, f.suggestions[0], f.rule))
    return out


def apply(text: str, changes: Sequence[Edit]) -> str:
    for e in sorted(changes, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def fix_text(text: str, check: Callable[[str], Report], rules: Sequence[str] = ()
             ) -> tuple[str, Counter[str]]:
    """The text with every safe fix applied, and how many of each rule were applied."""
    applied: Counter[str] = Counter()
    seen = {text}
    for _ in range(MAX_PASSES):
        changes = edits(check(text), rules)
        if not changes:
            break
        fixed = apply(text, changes)
        if fixed in seen:  # two fixes undoing each other: stop before going round
            break
        seen.add(fixed)
        text = fixed
        applied.update(e.rule for e in changes)
    return text, applied


# --- encodings ---------------------------------------------------------------------------

_BOM_ORDER = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be",
              codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be"}


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """`text` in the encoding (and byte order, and BOM) `original` was read in."""
    if encoding in ("utf-16", "utf-32"):
        size = 2 if encoding == "utf-16" else 4
        bom = original[:size]
        return bom + text.encode(_BOM_ORDER[bom])
    return text.encode(encoding)


def write_back(before: str, after: str, encoding: str, original: bytes) -> bytes:
    """The bytes to write, or CannotWrite (nothing is written then)."""
    try:
        same = encode_like(before, encoding, original) == original
    except (UnicodeEncodeError, KeyError, LookupError):
        same = False
    if not same:
        raise CannotWrite(f"read as {encoding}, which does not give back the same bytes; "
                          "not modified")
    try:
        return encode_like(after, encoding, original)
    except UnicodeEncodeError as exc:
        raise CannotWrite(f"the fixed text has '{after[exc.start:exc.end]}', which {encoding} "
                          "cannot hold; not modified") from None
