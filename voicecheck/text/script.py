"""Which script and language a piece of text is in.

A character counts as Simplified-only when OpenCC changes it going to Traditional and
leaves it going to Simplified (and the reverse for Traditional-only). Characters valid
in both scripts (人, 的, 茶) are neutral and never decide anything.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class _Table:
    """One OpenCC dictionary, with every prefix of its keys (a walk from a character
    stops as soon as no key can go on)."""

    def __init__(self, entries: dict[str, str]):
        self.entries = {k: v.split(" ")[0] for k, v in entries.items()}  # first of several
        self.prefixes = frozenset(k[:i] for k in entries for i in range(1, len(k)))
        self.characters = all(len(k) == 1 for k in entries)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of every key in `text`, longest first, then leftmost."""
        found = []
        entries, prefixes, n = self.entries, self.prefixes, len(text)
        for i in range(n):
            for j in range(i + 1, n + 1):
                piece = text[i:j]
                if piece in entries:
                    found.append((-(j - i), i))
                if piece not in prefixes:
                    break
        found.sort()
        return [(i, -length) for length, i in found]


class Converter:
    """`opencc.OpenCC(config).convert`, the same output by the same rule: in each piece
    of text (between OpenCC's separators) the longest key of a dictionary (the leftmost
    of the longest) is converted, then what is left on either side, the same way; what
    a dictionary leaves goes on to the next of its group. Here each dictionary's keys
    are found once per piece, by walking from each character; OpenCC's own loop tries
    every length at every position again after each match, which made it most of a
    Traditional post's check."""

    def __init__(self, config: str):
        import opencc

        own = opencc.OpenCC(config)
        tables: dict[int, _Table] = {}
        self._split = own.split_chars_re
        self._chain = [[tables.setdefault(id(d[2]), _Table(d[2])) for d in group]
                       for group in own._dict_chain_data]

    def convert(self, text: str) -> str:
        pieces = self._split.split(text)
        for group in self._chain:
            pieces[::2] = [_convert(p, group) for p in pieces[::2]]
        return "".join(pieces)


def _convert(text: str, group: list[_Table], k: int = 0) -> str:
    if not text or k == len(group):
        return text
    table = group[k]
    if table.characters:  # each key is one character: what is left are the runs between
        out, left = [], 0
        for i, c in enumerate(text):
            if c in table.entries:
                out += (_convert(text[left:i], group, k + 1), table.entries[c])
                left = i + 1
        out.append(_convert(text[left:], group, k + 1))
        return "".join(out)

    def between(lo: int, hi: int, found: list[tuple[int, int]]) -> str:
        if not found:
            return _convert(text[lo:hi], group, k + 1)
        i, n = found[0]
        return (between(lo, i, [m for m in found if m[0] + m[1] <= i])
                + table.entries[text[i:i + n]]
                + between(i + n, hi, [m for m in found if m[0] >= i + n]))

    return between(0, len(text), table.matches(text))


@cache  # one per OpenCC config: each holds its loaded tables
def converter(config: str) -> Converter:
    return Converter(config)


# What OpenCC's tables may hold besides Han characters (〇 and the full-width point).
CONVERTIBLE_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff〇．]+")


def _dictionaries(config: str) -> list[Path]:
    import json

    import opencc

    root = Path(opencc.__file__).parent

    def files(node: dict) -> list[str]:
        if node.get("type") == "group":
            return [f for d in node["dicts"] for f in files(d)]
        return [node["file"]]

    spec = json.loads((root / "config" / f"{config}.json").read_text(encoding="utf-8"))
    return [root / "dictionary" / f for step in spec["conversion_chain"]
            for f in files(step["dict"])]


@lru_cache(maxsize=8)
def changeable(config: str) -> frozenset[str]:
    """The characters some entry of `config`'s tables changes; every other character
    comes out of the conversion as it went in. Read from OpenCC's dictionaries once and
    kept in the cache folder (reading them takes about 0.2 s)."""
    from importlib.metadata import version

    from .pipelines import cache_dir

    cached = cache_dir() / f"opencc-{version('opencc-python-reimplemented')}-{config}.chars"
    try:
        return frozenset(cached.read_text(encoding="utf-8"))
    except OSError:
        pass
    chars: set[str] = set()
    for path in _dictionaries(config):
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            value = values.split(" ", 1)[0]
            if len(key) == len(value):
                chars.update(a for a, b in zip(key, value, strict=True) if a != b)
            else:
                chars.update(key)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(sorted(chars)))
        os.replace(tmp, cached)
    except OSError:
        pass  # an unwritable cache: read the tables again next time
    return frozenset(chars)


def convert_runs(text: str, config: str) -> str:
    """`converter(config).convert(text)`, converting only the runs of Han characters that
    hold a character the tables change (OpenCC's longest-match segmentation never
    crosses a character outside its tables, so each run converts as it would in place).
    Traditional text that is right holds few such runs; converting all of it is the
    slowest step of a check."""
    can = changeable(config)
    conv = converter(config)
    out: list[str] = []
    last = 0
    for m in CONVERTIBLE_RUN.finditer(text):
        run = m.group()
        if not can.isdisjoint(run):
            out.append(text[last : m.start()])
            out.append(conv.convert(run))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=65536)
def char_script(ch: str) -> str:
    """'hans' (Simplified-only), 'hant' (Traditional-only) or 'both'."""
    to_t = converter("s2t").convert(ch)
    to_s = converter("t2s").convert(ch)
    if to_t != ch and to_s == ch:
        return "hans"
    if to_s != ch and to_t == ch:
        return "hant"
    return "both"


@dataclass(frozen=True)
class ScriptCounts:
    han: int
    hans: int
    hant: int
    latin_words: int

    @property
    def language(self) -> str:
        """en, zh-Hans or zh-Hant: Chinese wins when Han characters outweigh Latin words."""
        if self.han == 0 or self.latin_words > self.han:
            return "en" if self.latin_words else ("zh-Hant" if self.hant > self.hans else "zh-Hans")
        return "zh-Hant" if self.hant > self.hans else "zh-Hans"

    @property
    def mixed_script(self) -> bool:
        return self.hans > 0 and self.hant > 0


def count_scripts(text: str) -> ScriptCounts:
    han = HAN.findall(text)
    kinds = [char_script(c) for c in han]
    return ScriptCounts(
        han=len(han),
        hans=kinds.count("hans"),
        hant=kinds.count("hant"),
        latin_words=len(LATIN_WORD.findall(text)),
    )


def is_han(ch: str) -> bool:
    return bool(HAN.match(ch))
