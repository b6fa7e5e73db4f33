"""Which script and language a piece of text is in.

A character counts as Simplified-only when OpenCC changes it going to Traditional and
leaves it going to Simplified (and the reverse for Traditional-only). Characters valid
in both scripts (人, 的, 茶) are neutral and never decide anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=4)
def converter(config: str):
    import opencc

    return opencc.OpenCC(config)


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
