"""Tone accuracy on the labelled set in benchmarks/tone/: pair ordering and band accuracy.

Run: .venv/bin/python benchmarks/tone_accuracy.py [--validate]
The format is described in benchmarks/tone/README.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TONE_SET = ROOT / "benchmarks" / "tone"
sys.path.insert(0, str(ROOT))

from voicecheck.guide.model import TONE_DIMENSIONS  # noqa: E402
from voicecheck.text.analysis import analyse  # noqa: E402
from voicecheck.text.tone import measure  # noqa: E402

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
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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


def scores(text: str) -> dict[str, int]:
    return measure(analyse(text)).values()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--validate", action="store_true", help="only check the files")
    args = ap.parse_args(argv)
    try:
        pairs, singles = load(sorted(TONE_SET.glob("*.yaml")))
    except (ToneSetError, yaml.YAMLError) as exc:
        print(f"tone set error: {exc}", file=sys.stderr)
        return 2
    if args.validate:
        cells = Counter((p.dimension, p.locale) for p in pairs)
        print(f"{len(pairs)} pairs, {len(singles)} singles")
        for dim in TONE_DIMENSIONS:
            print(f"  {dim:<15}" + "  ".join(f"{loc} {cells[(dim, loc)]}" for loc in LOCALES))
        print("  singles      " + "  ".join(
            f"{loc} {sum(s.locale == loc for s in singles)}" for loc in LOCALES))
        return 0
    order: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for p in pairs:
        right = scores(p.higher)[p.dimension] > scores(p.lower)[p.dimension]
        order[(p.dimension, p.locale)].append(right)
    band: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for s in singles:
        got = scores(s.text)
        for dim, name in s.bands.items():
            lo, hi = BANDS[name]
            band[(dim, s.locale)].append(lo <= got[dim] <= hi)

    def cell(values: list[bool]) -> str:
        return f"{sum(values) / len(values):.2f} ({len(values):>3})" if values else "   -      "

    print(f"{'':<15}" + "".join(f"{loc:>13}" for loc in LOCALES) + f"{'all':>13}")
    for title, table in (("pair ordering", order), ("band accuracy", band)):
        print(title)
        for dim in TONE_DIMENSIONS:
            row = [table[(dim, loc)] for loc in LOCALES]
            print(f"  {dim:<13}" + "".join(f"{cell(v):>13}" for v in row)
                  + f"{cell([x for v in row for x in v]):>13}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
