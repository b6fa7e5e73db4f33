"""Map a guide problem (file:line:col) to the YAML key path it is about.

The loader reports problems by position; the editor needs to know which form field
to highlight. Walking the composed YAML nodes to the deepest one at that position
gives a path like ("terms", 2, "avoid") or ("voice", "tone", "formality").
"""

from __future__ import annotations

import yaml

Path = tuple[str | int, ...]


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line, mark.column


def _contains(node: yaml.Node, pos: tuple[int, int]) -> bool:
    return _at(node.start_mark) <= pos < _at(node.end_mark) or _at(node.start_mark) == pos


def compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def key_path(root: yaml.Node | None, line: int, column: int) -> Path:
    """Key path of the node at 1-based line:column ( () when it is not inside any key)."""
    pos = (line - 1, column - 1)
    path: list[str | int] = []
    node = root
    while node is not None:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if _at(k.start_mark) == pos:
                    return (*path, str(k.value))
                if _contains(v, pos):
                    path.append(str(k.value))
                    nxt = v
                    break
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                if _contains(item, pos):
                    path.append(i)
                    nxt = item
                    break
        node = nxt
    return tuple(path)
