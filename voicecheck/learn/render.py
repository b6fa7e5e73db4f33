"""The learned guide as YAML a brand lead reads: every proposal with its reason above it
as a comment, and the ones left out written as comments too, ready to uncomment."""

from __future__ import annotations

import textwrap
from typing import Any

from ..guide.saver import dump_data
from ..guide.splice import block_item
from .proposals import GROUPS, Proposal, draft_data

WIDTH = 92


def yaml_of(data: dict[str, Any]) -> str:
    return dump_data(data)


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, WIDTH - indent - 2, break_on_hyphens=False, break_long_words=False)
    return [f"{pad}# {line}" for line in lines] or [f"{pad}#"]


def render(proposals: list[Proposal], header: list[str], folder: str = "") -> str:
    """YAML of the accepted proposals with their reasons; left-out ones as comments.
    Posts are named relative to `folder`."""
    data = draft_data(proposals)
    why: dict[tuple[str, ...], list[Proposal]] = {}
    for p in proposals:
        if p.accepted:
            why.setdefault(p.path, []).append(p)
    lines = [f"# {h}" if h else "#" for h in header]
    lines.extend(_mapping(data, (), 0, why))
    left = [p for p in proposals if not p.accepted]
    if left:
        lines += ["", "# Proposed but left out (uncomment what you want, under its key):"]
        for p in sorted(left, key=lambda p: GROUPS.index(p.group)):
            lines.append("#")
            lines.extend(_comment(f"{p.label}: {p.why}", 0))
            shown = (block_item(p.value) if p.append else dump_data({p.path[-1]: p.value})
                     ).rstrip("\n")
            lines.extend(f"#   {line}" for line in shown.splitlines())
    text = "\n".join(lines) + "\n"
    return text.replace(folder.rstrip("/") + "/", "") if folder else text


def _mapping(data: dict[str, Any], path: tuple[str, ...], indent: int,
             why: dict[tuple[str, ...], list[Proposal]]) -> list[str]:
    out: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        here = (*path, key)
        reasons = why.get(here, [])
        if isinstance(value, dict) and value:
            for p in reasons:
                out.extend(_comment(p.why, indent))
            out.append(f"{pad}{key}:")
            out.extend(_mapping(value, here, indent + 2, why))
        elif isinstance(value, list) and reasons and reasons[0].append:
            out.append(f"{pad}{key}:")
            for p in reasons:
                out.extend(_comment(p.why, indent + 2))
                out.extend(f"{pad}  {line}" for line in block_item(p.value).rstrip("\n")
                           .splitlines())
        else:
            text = dump_data({key: value}).rstrip("\n").splitlines()
            if len(reasons) == 1 and len(text) == 1 and len(pad + text[0]) + len(reasons[0].why) \
                    + 3 <= WIDTH:
                out.append(f"{pad}{text[0]}  # {reasons[0].why}")
                continue
            for p in reasons:
                out.extend(_comment(p.why, indent))
            out.extend(f"{pad}{line}" for line in text)
    return out
