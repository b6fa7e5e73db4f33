"""The template syntax of Chinese phrase families (`match:` in a guide's `families`).

A template is literal characters, `{name}` slots filled from a word list of the guide's
`lists` (`{name?}` may be absent), `{a|b|c}` inline choices (`{a|b?}` optional;
`{tail:的|嘅}` names them for a suggestion's "{tail}"), `{#}` a number (3, 500, 1,000,
三, 十五, 两), `{>…}` what must follow without being part of the phrase (`最好{>的|！}`:
最好 as a claim, not 最好提前) and `…` gaps of up to the family's `gap` characters:
"{scope?}最{evaluative}", "{cure}…{condition}", "仅剩{#}{unit}". Spaces between slots in
the post are skipped (只剩 5 台 matches "只剩{#}{unit}"). Templates are parsed here, where
the guide is validated, so a mistake is reported at its line and column; the matcher
(voicecheck.text.families) only compiles parsed slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

GAP = "…"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_LABEL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:")


class TemplateError(ValueError):
    """A template that cannot be read; `column` is 1-based within the template."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Slot:
    """One position of a template: words from a list, inline choices or one literal."""

    words: tuple[str, ...] = ()  # literal or inline choices
    list_name: str = ""  # a word list of the guide, resolved at compile time
    number: bool = False  # `{#}`: digits or Chinese numerals
    label: str = ""  # `{tail:的|嘅}`: inline choices a suggestion can name, as "{tail}"
    lookahead: bool = False  # `{>…}`: must follow the phrase, is not part of it
    optional: bool = False
    gap_before: bool = False  # a `…` gap separates it from the slot before


def parse(template: str) -> tuple[Slot, ...]:
    """The slots of a template, or TemplateError naming the column."""
    slots: list[Slot] = []
    i, gap, literal = 0, False, ""

    def flush() -> None:
        nonlocal literal, gap
        if literal:
            slots.append(Slot(words=(literal,), gap_before=gap))
            literal, gap = "", False

    while i < len(template):
        ch = template[i]
        if ch == GAP:
            flush()
            if not slots:
                raise TemplateError("a template cannot start with a gap", i + 1)
            gap = True
            i += 1
        elif ch == "{":
            flush()
            end = template.find("}", i)
            if end < 0:
                raise TemplateError("'{' is not closed", i + 1)
            body = template[i + 1 : end]
            lookahead = body.startswith(">")
            body = body.removeprefix(">")
            if lookahead and end != len(template) - 1:
                raise TemplateError("a '{>…}' slot can only end a template", i + 1)
            optional = body.endswith("?")
            body = body.removesuffix("?")
            if not body:
                raise TemplateError("empty slot '{}'", i + 1)
            if body == "#":
                slot = Slot(number=True)
            elif "|" in body or ":" in body:
                label, _, choices = body.rpartition(":") if _LABEL.match(body) else ("", "", body)
                words = tuple(w for w in choices.split("|"))
                if any(not w or w != w.strip() for w in words):
                    raise TemplateError(f"empty or padded choice in '{{{body}}}'", i + 1)
                slot = Slot(words=words, label=label)
            elif _NAME.fullmatch(body):
                slot = Slot(list_name=body)
            else:
                slot = Slot(words=(body,))
            slots.append(replace(slot, optional=optional, gap_before=gap, lookahead=lookahead))
            gap = False
            i = end + 1
            if template.startswith("?", i):
                raise TemplateError("a '?' after a slot is matched as text: write {a|b?} for an"
                                    " optional slot", i + 1)
        elif ch == "}":
            raise TemplateError("'}' without '{'", i + 1)
        else:
            literal += ch
            i += 1
    flush()
    if gap:
        raise TemplateError("a template cannot end with a gap", len(template))
    if not slots or all(s.optional for s in slots):
        raise TemplateError("a template needs at least one required slot", 1)
    return tuple(slots)


def list_names(slots: tuple[Slot, ...]) -> list[str]:
    return [s.list_name for s in slots if s.list_name]


MAX_EXPANSION = 20000  # phrases one gap-free template may stand for


def expand(slots: tuple[Slot, ...], lists: dict[str, list[str]]) -> list[str]:
    """Every phrase a gap-free template stands for (exceptions, `not_after`, `unless`)."""
    phrases = [""]
    for slot in slots:
        if slot.number or slot.lookahead:
            raise TemplateError("{#} and {>…} slots only belong in `match`", 1)
        words = list(lists.get(slot.list_name, [])) if slot.list_name else list(slot.words)
        if slot.optional:
            words.append("")
        phrases = [p + w for p in phrases for w in words]
        if len(phrases) > MAX_EXPANSION:
            raise TemplateError(f"stands for more than {MAX_EXPANSION} phrases", 1)
    return [p for p in dict.fromkeys(phrases) if p]
