"""Tone accuracy on the labelled set in benchmarks/tone/: pair ordering and band accuracy.

Run: .venv/bin/python benchmarks/tone_accuracy.py [--validate] (part of `make accuracy`).
The format is described in benchmarks/tone/README.md. The weights are learned from this
set (train_tone.py), so the figures that count are the held-out ones: the set is cut
into 5 folds by id, weights are fitted on four and every item of the fifth is scored
with them. The shipped weights' own (in-sample) figures follow.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402
from tone_set import BANDS, LOCALES, TONE_SET, Pair, Single, ToneSetError, load  # noqa: E402
from train_tone import FOLDS, features, fit, fold_of  # noqa: E402

from voicecheck.guide.model import TONE_DIMENSIONS  # noqa: E402
from voicecheck.text.tone import Weights, lexicon, weights  # noqa: E402

Scorer = Callable[[str], dict[str, float]]


def scorer(w: Weights) -> Scorer:
    ids = lexicon().ids

    def scores(text: str) -> dict[str, float]:
        x = features(text)
        return {d: max(0.0, min(100.0, round(w.baseline[d] + sum(
            w.weights.get(f, {}).get(d, 0.0) * v for f, v in zip(ids, x, strict=True)))))
            for d in TONE_DIMENSIONS}

    return scores


def tables(pairs: Sequence[Pair], singles: Sequence[Single],
           score_of: Callable[[str], Scorer]) -> tuple[dict, dict]:
    """Pair ordering and band hits per (dimension, locale); `score_of(id)` gives the scorer
    for an item (its fold's, held out)."""
    order: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for p in pairs:
        s = score_of(p.id)
        order[(p.dimension, p.locale)].append(s(p.higher)[p.dimension] > s(p.lower)[p.dimension])
    band: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for item in singles:
        got = score_of(item.id)(item.text)
        for dim, name in item.bands.items():
            lo, hi = BANDS[name]
            band[(dim, item.locale)].append(lo <= got[dim] <= hi)
    return order, band


def print_tables(title: str, order: dict, band: dict) -> None:
    def cell(values: list[bool]) -> str:
        return f"{sum(values) / len(values):.2f} ({len(values):>3})" if values else "   -      "

    print(title)
    print(f"{'':<17}" + "".join(f"{loc:>13}" for loc in LOCALES) + f"{'all':>13}")
    for name, table in (("pair ordering", order), ("band accuracy", band)):
        print(f"  {name}")
        for dim in TONE_DIMENSIONS:
            row = [table[(dim, loc)] for loc in LOCALES]
            print(f"    {dim:<13}" + "".join(f"{cell(v):>13}" for v in row)
                  + f"{cell([x for v in row for x in v]):>13}")


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
    folds = [scorer(fit([p for p in pairs if fold_of(p.id) != k],
                        [s for s in singles if fold_of(s.id) != k])) for k in range(FOLDS)]
    print_tables(f"held out ({FOLDS}-fold cross-validation by id)",
                 *tables(pairs, singles, lambda item_id: folds[fold_of(item_id)]))
    shipped = scorer(weights())
    print_tables("shipped weights (fitted on the whole set)",
                 *tables(pairs, singles, lambda _: shipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
