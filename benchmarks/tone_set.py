"""The labelled tone set (benchmarks/tone/, format in its README): loading and checking.

Shared by tone_accuracy.py (measuring) and train_tone.py (fitting the weights).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from voicecheck.guide.model import TONE_DIMENSIONS

TONE_SET = Path(__file__).resolve().parent / "tone"


class _Strict(yaml.SafeLoader):
    """A loader that refuses a repeated key (safe_load keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ToneSetError(f"line {key_node.start_mark.line + 1}: key {key!r} repeated")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
LOCALES = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en")
BANDS = {"low": (0, 40), "mid": (30, 70), "high": (60, 100)}


class ToneSetError(Exception):
    """A tone-set file that does not follow the format."""


@dataclass(frozen=True)
class Pair:
    id: str
    locale: str
    dimension: str
    higher: str
    lower: str


@dataclass(frozen=True)
class Single:
    id: str
    locale: str
    text: str
    bands: dict[str, str]


def _text(raw: Any, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ToneSetError(f"{where}: needs a non-empty {key!r}")
    return value


def load(files: list[Path]) -> tuple[list[Pair], list[Single]]:
    pairs: list[Pair] = []
    singles: list[Single] = []
    for path in files:
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Strict) or {}
        except ToneSetError as exc:
            raise ToneSetError(f"{path.name}: {exc}") from None
        locale = doc.get("locale")
        if locale not in LOCALES:
            raise ToneSetError(f"{path.name}: locale {locale!r} is not one of {', '.join(LOCALES)}")
        for i, raw in enumerate(doc.get("pairs") or [], 1):
            where = f"{path.name}: pair {i} ({raw.get('id')})"
            if raw.get("dimension") not in TONE_DIMENSIONS:
                raise ToneSetError(f"{where}: dimension must be one of {', '.join(TONE_DIMENSIONS)}")
            pairs.append(Pair(str(raw.get("id")), raw.get("locale", locale), raw["dimension"],
                              _text(raw, "higher", where), _text(raw, "lower", where)))
        for i, raw in enumerate(doc.get("singles") or [], 1):
            where = f"{path.name}: single {i} ({raw.get('id')})"
            bands = raw.get("bands") or {}
            if set(bands) != set(TONE_DIMENSIONS) or not set(bands.values()) <= set(BANDS):
                raise ToneSetError(f"{where}: bands needs each dimension as low, mid or high")
            singles.append(Single(str(raw.get("id")), raw.get("locale", locale),
                                  _text(raw, "text", where), dict(bands)))
    dupes = [k for k, n in Counter([p.id for p in pairs] + [s.id for s in singles]).items() if n > 1]
    if dupes:
        raise ToneSetError(f"duplicate ids: {', '.join(sorted(dupes))}")
    return pairs, singles
