"""Rewrite a guide's YAML after a form edit, keeping the brand lead's text where it can.

Example guides are documented with comments, and a brand lead's own guide is too.
Dumping the whole guide after changing one term would throw all of that away. Instead
the new data is compared with the old, section by section and item by item, and only
what changed is re-written: unchanged keys and list items keep their lines, comments
included. Comments inside a changed item go with it.

The result is checked by reading it back: if it does not give exactly the new guide,
the plain dump is used, so a layout we do not understand can cost comments, never data.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import yaml

from ..data import YAML_LOADER
from .loader import parse_own_guide
from .model import Guide
from .saver import dump_data, dump_guide, guide_to_data
from .schema import GuideError

Lines = list[str]


def rewrite(old_text: str, new: Guide, file: str = "<guide>") -> str:
    """YAML for `new`, reusing the lines of `old_text` wherever their data is unchanged."""
    plain = dump_guide(new)
    old_data = _data_of(old_text, file)
    if old_data is None:
        return plain
    try:
        node = yaml.compose(old_text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return plain
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return plain
    new_data = guide_to_data(new)
    lines = old_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    out = _mapping(lines, 0, len(lines), node, old_data, new_data)
    text = "".join(out)
    return text if _data_of(text, file) == new_data else plain


def _data_of(text: str, file: str) -> dict[str, Any] | None:
    """The guide's data as the saver writes it (defaults filled in), or None if invalid."""
    try:
        return guide_to_data(parse_own_guide(text, file))
    except GuideError:
        return None


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _regions(lines: Lines, starts: list[int], end: int) -> list[tuple[int, int, int]]:
    """(lead, start, end) per child: comment and blank lines just above a child are its
    lead and travel with it; the child's own lines run from `start` to `end`."""
    out = []
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        while stop - 1 > start and _is_filler(lines[stop - 1]):
            stop -= 1
        lead = start
        floor = out[-1][2] if out else start
        while lead - 1 >= floor and _is_filler(lines[lead - 1]):
            lead -= 1
        out.append((lead, start, stop))
    return out


def _indent(text: str, column: int) -> Lines:
    pad = " " * column
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]


def _block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _mapping(lines: Lines, begin: int, end: int, node: yaml.MappingNode,
             old: dict[str, Any], new: dict[str, Any]) -> Lines:
    keys = [k.value for k, _ in node.value]
    regions = _regions(lines, [k.start_mark.line for k, _ in node.value], end)
    column = node.value[0][0].start_mark.column if node.value else 0
    first = regions[0][0] if regions else end
    out = lines[begin:first]
    written: set[str] = set()

    def add_new_keys_before(index_in_new: int) -> None:
        for key in list(new)[:index_in_new]:
            if key not in keys and key not in written and new[key] != old.get(key):
                out.extend(_indent(dump_data({key: new[key]}), column))
                written.add(key)

    for (knode, vnode), (lead, start, stop) in zip(node.value, regions, strict=True):
        key = knode.value
        if key in new:
            add_new_keys_before(list(new).index(key))
        if old.get(key) == new.get(key):
            out.extend(lines[lead:stop])
        elif key not in new:
            continue  # removed: its lead comments go with it
        elif _block(vnode) and vnode.start_mark.line > start and _same_shape(old.get(key),
                                                                              new[key]):
            out.extend(lines[lead : start + 1])
            out.extend(_child(lines, start + 1, stop, vnode, old[key], new[key]))
        else:
            out.extend(lines[lead:start])
            out.extend(_indent(dump_data({key: new[key]}), column))
        written.add(key)
    add_new_keys_before(len(new))
    out.extend(lines[regions[-1][2] if regions else first : end])
    return out


def _same_shape(a: Any, b: Any) -> bool:
    return (isinstance(a, dict) and isinstance(b, dict)) or (isinstance(a, list)
                                                             and isinstance(b, list))


def _child(lines: Lines, begin: int, end: int, node: yaml.Node, old: Any, new: Any) -> Lines:
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict):
        return _mapping(lines, begin, end, node, old, new)
    if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and len(old) == len(node.value):
        return _sequence(lines, begin, end, node, old, new)
    column = node.start_mark.column
    return _indent(dump_data(new), column)


def _sequence(lines: Lines, begin: int, end: int, node: yaml.SequenceNode,
              old: list[Any], new: list[Any]) -> Lines:
    """Items that stay keep their lines; changed, added and removed ones are re-written."""
    if not node.value:
        return _indent(dump_data(new), node.start_mark.column)
    regions = _regions(lines, [item.start_mark.line for item in node.value], end)
    dash = _dash_column(lines[regions[0][1]])
    out = lines[begin : regions[0][0]]
    key = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in old]
    new_key = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in new]
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=key, b=new_key,
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            for lead, _, stop in regions[a0:a1]:
                out.extend(lines[lead:stop])
        else:  # a replaced item keeps the comment above it; removed ones lose theirs
            olds = regions[a0:a1]
            for i, item in enumerate(new[b0:b1]):
                if i < len(olds):
                    out.extend(lines[olds[i][0] : olds[i][1]])
                out.extend(_indent(block_item(item), dash))
    out.extend(lines[regions[-1][2] : end])
    return out


def block_item(value: Any) -> str:
    """One block-sequence item: `- text` for a scalar, `- key: ...` for a mapping."""
    if isinstance(value, dict | list):
        return dump_data([value])
    return "- " + dump_data({"_": value})[len("_: "):]


def _dash_column(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
