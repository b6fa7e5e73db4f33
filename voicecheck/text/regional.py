"""Script and regional-vocabulary knowledge: OpenCC's dictionaries plus our own data.

OpenCC's phrase table (STPhrases: Simplified word -> Traditional word) is what tells a
one-to-many character apart: 后 is fine in 皇后 but Simplified in 以后 (以後); 里 is fine
in 公里 but not in 心里 (心裡). Regional vocabulary (视频 -> 影片 in Taiwan) comes from
OpenCC's Taiwan phrase table, filtered and extended by data/rules/regional.yaml.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .. import data as builtin_data
from .normalize import to_canonical
from .script import HAN, converter

if TYPE_CHECKING:
    from .analysis import AnalysedPost

TRADITIONAL = ("zh-Hant", "zh-Hant-TW", "zh-Hant-HK")
# Script conversion (no vocabulary) per target locale. Generic zh-Hant uses Taiwan
# character forms (裡, 麵, 吃): OpenCC's bare s2t keeps archaic ones (裏, 麪, 喫).
SCRIPT_CONFIG = {"zh-Hans": "t2s", "zh-Hant": "s2tw", "zh-Hant-TW": "s2tw", "zh-Hant-HK": "s2hk"}


def to_locale_script(word: str, locale: str) -> str:
    """A word written in one script, in the script of `locale` (English: unchanged)."""
    config = SCRIPT_CONFIG.get(locale)
    return converter(config).convert(word) if config else word


def _opencc_dict(name: str) -> list[tuple[str, list[str]]]:
    path = resources.files("opencc") / "dictionary" / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            out.append((key, values.split()))
    return out


def data() -> dict:
    return builtin_data.rules("regional")


@lru_cache(maxsize=4)
def also_traditional(locale: str = "zh-Hant") -> frozenset[str]:
    """Characters and words that look Simplified but the region writes as they are (台灣,
    公布; in Hong Kong the Cantonese 吓 and 晒)."""
    table = data().get("also_traditional", {})
    return frozenset(table.get("all", [])) | frozenset(table.get(locale, []))


def kept_as_written(text: str, locale: str) -> frozenset[int]:
    """Positions a Traditional `locale` writes as they are: its also_traditional
    characters, and every character of its also_traditional words. None for Simplified."""
    if locale == "zh-Hans":
        return frozenset()
    keep = also_traditional(locale)
    out = {i for i, ch in enumerate(text) if ch in keep}
    for word in (w for w in keep if len(w) > 1):
        at = text.find(word)
        while at >= 0:
            out.update(range(at, at + len(word)))
            at = text.find(word, at + 1)
    return frozenset(out)


_last_region: list[tuple[weakref.ref[AnalysedPost], str]] = []


def region_of(post: AnalysedPost) -> str:
    """Taiwan or Hong Kong, from what a Traditional post gives away (a price in NT$ or
    HK$, a place, an MRT or MTR station, Cantonese particles), or generic zh-Hant. The
    checks ask about one post several times in a row: the last answer is kept."""
    last = _last_region[0] if _last_region else None
    if last is not None and last[0]() is post:
        return last[1]
    region = _region_of(post)
    _last_region[:] = [(weakref.ref(post), region)]
    return region


def _region_of(post: AnalysedPost) -> str:
    from .matching import find

    cues = data().get("region_cues", {})
    counts = {region: 3 * len(find(post, tuple(kinds.get("strong", []))))
              + len(find(post, tuple(kinds.get("words", [])), whole_words=True))
              for region, kinds in cues.items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return "zh-Hant"


@lru_cache(maxsize=1)
def listed_words() -> tuple[str, ...]:
    """The regional words this file lists by hand (both sides), for the segmenter: in
    their canonical form, which Traditional text is segmented on, too."""
    words = [w for spec in data().values() if isinstance(spec, dict)
             for k, v in (spec.get("add") or {}).items() for w in (k, v)
             if len(w) > 1 and HAN.search(w)]
    return tuple(dict.fromkeys([*words, *map(to_canonical, words)]))


@dataclass(frozen=True)
class Vocabulary:
    """Mainland word (as listed) -> regional word, plus words never to touch."""

    words: dict[str, str]
    exceptions: tuple[str, ...]
    # words that are another region's only before one of these (关注 @品牌 is "follow",
    # 关注议题 is "pay attention to", normal everywhere)
    before: dict[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def vocabulary(locale: str) -> Vocabulary:
    spec = data().get(locale)
    if not spec:
        return Vocabulary({}, ())
    words: dict[str, str] = {}
    if spec.get("source"):
        skip = {to_canonical(w) for w in spec.get("skip", [])}
        for key, values in _opencc_dict(spec["source"]):
            if key in values or to_canonical(key) in skip:
                continue  # the source word is itself a listed regional form
            words[key] = values[0]
    for key, value in (spec.get("add") or {}).items():
        words = {k: v for k, v in words.items() if to_canonical(k) != to_canonical(key)}
        words[key] = value
    before: dict[str, tuple[str, ...]] = {}
    for key, entry in (spec.get("before") or {}).items():
        words[key] = entry["word"]
        before[key] = tuple(entry["next"])
    return Vocabulary(words, tuple(spec.get("exceptions", [])), before)
