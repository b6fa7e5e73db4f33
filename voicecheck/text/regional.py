"""Script and regional-vocabulary knowledge: OpenCC's dictionaries plus our own data.

OpenCC's phrase table (STPhrases: Simplified word -> Traditional word) is what tells a
one-to-many character apart: 后 is fine in 皇后 but Simplified in 以后 (以後); 里 is fine
in 公里 but not in 心里 (心裡). Regional vocabulary (视频 -> 影片 in Taiwan) comes from
OpenCC's Taiwan phrase table, filtered and extended by data/rules/regional.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import data as builtin_data
from .normalize import to_canonical
from .script import converter

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


@lru_cache(maxsize=1)
def also_traditional() -> frozenset[str]:
    return frozenset(data().get("also_traditional", []))


@lru_cache(maxsize=1)
def st_phrases() -> dict[str, str]:
    """Simplified word -> its one Traditional form (ambiguous entries left out)."""
    return {k: v[0] for k, v in _opencc_dict("STPhrases.txt") if len(v) == 1 and len(k) == len(v[0])}


@lru_cache(maxsize=1)
def ts_phrases() -> dict[str, str]:
    """Traditional word -> Simplified word (every listed Traditional form; first wins)."""
    out: dict[str, str] = {}
    for simp, trads in _opencc_dict("STPhrases.txt"):
        for trad in trads:  # 回复 -> 回覆 / 回復: both are Traditional for 回复
            if len(trad) == len(simp) and trad != simp:
                out.setdefault(trad, simp)
    return out


@lru_cache(maxsize=1)
def longest_phrase() -> int:
    return max(len(k) for k in st_phrases())


@lru_cache(maxsize=2)
def own_alternatives(name: str) -> dict[str, frozenset[str]]:
    """Per character, the characters it may become (STCharacters / TSCharacters)."""
    return {k: frozenset(v) for k, v in _opencc_dict(name)}


def is_ambiguous(ch: str) -> bool:
    """A character that is itself valid in the other script (后, 干, 里, 乾, 於)."""
    if ch in also_traditional():
        return True
    for table in ("STCharacters.txt", "TSCharacters.txt"):
        alts = own_alternatives(table).get(ch)
        if alts and ch in alts:
            return True
    return ch not in own_alternatives("STCharacters.txt") and ch not in own_alternatives(
        "TSCharacters.txt"
    )


@dataclass(frozen=True)
class Vocabulary:
    """Mainland word (as listed) -> regional word, plus words never to touch."""

    words: dict[str, str]
    exceptions: tuple[str, ...]


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
    return Vocabulary(words, tuple(spec.get("exceptions", [])))
