"""A learned guide as proposals: each value with where it goes, why, and what it rests on.

The command line writes the accepted ones as YAML (the others as comments); the app
lists them all with a check box each. Whatever set is accepted, `draft_data` turns it
into guide data the loader validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Where proposals are shown, in this order.
GROUPS = ("brand", "language", "packs", "tone", "channels", "promotion", "terms", "compliance",
          "scoring")


@dataclass
class Proposal:
    group: str  # one of GROUPS
    path: tuple[str, ...]  # where the value goes: ("channels", "weibo", "max_hashtags")
    value: Any
    why: str  # one or two sentences: the YAML comment, the app's tooltip
    posts: int = 0  # how many posts it rests on
    accepted: bool = True  # proposed as on; the app's check box starts so
    append: bool = False  # the value is one item of the list at `path`
    examples: list[str] = field(default_factory=list)  # posts that show it

    @property
    def label(self) -> str:
        return ".".join(self.path)


def draft_data(proposals: list[Proposal], everything: bool = False) -> dict[str, Any]:
    """Guide data of the accepted proposals (all of them with `everything`), in the
    documented key order."""
    data: dict[str, Any] = {"version": 1}
    for p in proposals:
        if not (p.accepted or everything):
            continue
        node = data
        for key in p.path[:-1]:
            node = node.setdefault(key, {})
        last = p.path[-1]
        if p.append:
            node.setdefault(last, []).append(p.value)
        else:
            node[last] = p.value
    order = ["version", "brand", "language", "extends", "voice", "terms", "promotion",
             "channels", "compliance", "scoring"]
    return {k: data[k] for k in order if k in data}


def find(proposals: list[Proposal], *path: str) -> Proposal | None:
    return next((p for p in proposals if p.path == path), None)
