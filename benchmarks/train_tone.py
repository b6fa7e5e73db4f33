"""Fit the tone weights from the labelled tone set (benchmarks/tone/).

Run: .venv/bin/python benchmarks/train_tone.py (`make train-tone`) rewrites
voicecheck/data/lexicons/tone-weights.yaml; the same inputs give the same file, byte for
byte. `tone_accuracy.py` uses `fit` on cross-validation folds to measure what the weights
do on posts they were not fitted on.

The model is linear per dimension: score = baseline + sum(weight x feature value), the
features being the lexicon's (tone-markers.yaml) and the signs. Two kinds of labels fit
it at once: pairs (the `higher` post must score at least MARGIN above the `lower` one on
the pair's dimension: a smooth hinge) and single posts (each dimension's score must fall
inside its band: a squared hinge on the band's inner edges). Weights are fitted by
full-batch gradient descent from zero, a fixed number of steps, so the result does not
depend on the machine beyond floating-point rounding (weights are rounded to 0.1).
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tone_set import BANDS, Pair, Single, load  # noqa: E402

from voicecheck.guide import load_guide  # noqa: E402
from voicecheck.guide.model import TONE_DIMENSIONS  # noqa: E402
from voicecheck.text.analysis import analyse  # noqa: E402
from voicecheck.text.tone import WEIGHTS_FILE, Weights, lexicon, observe  # noqa: E402

TONE_SET = ROOT / "benchmarks" / "tone"
OUT = ROOT / "voicecheck" / "data" / WEIGHTS_FILE
MARGIN, TEMPERATURE = 8.0, 4.0
INNER = {"low": (0.0, 30.0), "mid": (42.0, 58.0), "high": (70.0, 100.0)}
L2, STEPS, RATE = 0.00001, 3000, 0.3
BAND_WEIGHT = 3.0  # singles against pairs in the loss
FOLDS = 5


@cache
def brand_names() -> tuple[str, ...]:
    """The example brands' names, so the tone set is measured as their posts are."""
    names: list[str] = []
    for guide in sorted((ROOT / "styleguides").glob("*.yaml")):
        names.extend(load_guide(guide).brand.names())
    return tuple(dict.fromkeys(names))


@cache
def features(text: str) -> tuple[float, ...]:
    observed, _ = observe(analyse(text), brand_names())
    return tuple(observed[f].value if f in observed else 0.0 for f in lexicon().ids)


def fold_of(item_id: str) -> int:
    return zlib.crc32(item_id.encode()) % FOLDS


@dataclass
class _Data:
    pair_diff: np.ndarray  # (pairs, features): higher - lower
    pair_dim: np.ndarray  # (pairs,) dimension index
    single_x: np.ndarray  # (singles, features)
    single_lo: np.ndarray  # (singles, dims)
    single_hi: np.ndarray


def _data(pairs: Sequence[Pair], singles: Sequence[Single]) -> _Data:
    n = len(lexicon().ids)
    diff = np.array([np.subtract(features(p.higher), features(p.lower)) for p in pairs]
                    ).reshape(-1, n)
    dims = np.array([TONE_DIMENSIONS.index(p.dimension) for p in pairs], dtype=int)
    sx = np.array([features(s.text) for s in singles]).reshape(-1, n)
    lo = np.array([[INNER[s.bands[d]][0] for d in TONE_DIMENSIONS] for s in singles]).reshape(
        -1, len(TONE_DIMENSIONS))
    hi = np.array([[INNER[s.bands[d]][1] for d in TONE_DIMENSIONS] for s in singles]).reshape(
        -1, len(TONE_DIMENSIONS))
    return _Data(diff, dims, sx, lo, hi)


def fit(pairs: Sequence[Pair], singles: Sequence[Single]) -> Weights:
    """Weights fitted on these pairs and singles (Adam on the smooth hinge losses)."""
    data = _data(pairs, singles)
    ids = lexicon().ids
    n, k = len(ids), len(TONE_DIMENSIONS)
    w = np.zeros((n, k))
    b = np.full(k, 50.0)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros(k), np.zeros(k)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n_pairs = max(1, len(data.pair_dim))
    n_singles = max(1, len(data.single_x))
    for step in range(1, STEPS + 1):
        g_w = 2 * L2 * w
        g_b = np.zeros(k)
        if len(data.pair_dim):
            delta = np.einsum("pf,pf->p", data.pair_diff, w[:, data.pair_dim].T)
            z = (MARGIN - delta) / TEMPERATURE
            grad = -1.0 / (1.0 + np.exp(-z))  # d softplus(z)*T / d delta
            contrib = data.pair_diff * grad[:, None] / n_pairs
            for d in range(k):
                g_w[:, d] += contrib[data.pair_dim == d].sum(axis=0)
        if len(data.single_x):
            s = data.single_x @ w + b
            below = np.minimum(0.0, s - data.single_lo)
            above = np.maximum(0.0, s - data.single_hi)
            g = 2 * BAND_WEIGHT * (below + above) / n_singles / 100.0
            g_w += data.single_x.T @ g
            g_b += g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        w -= RATE * (m_w / (1 - beta1**step)) / (np.sqrt(v_w / (1 - beta2**step)) + eps)
        b -= RATE * 10 * (m_b / (1 - beta1**step)) / (np.sqrt(v_b / (1 - beta2**step)) + eps)
    return Weights(
        baseline={d: round(float(b[j]), 1) for j, d in enumerate(TONE_DIMENSIONS)},
        weights={f: {d: round(float(w[i, j]), 1) for j, d in enumerate(TONE_DIMENSIONS)
                     if round(float(w[i, j]), 1) != 0.0}
                 for i, f in enumerate(ids)},
    )


def render(w: Weights, pairs: int, singles: int) -> str:
    lines = [
        "# Tone weights: points per unit of each feature (tone-markers.yaml), per dimension.",
        "# Written by `make train-tone` (benchmarks/train_tone.py) from the labelled tone set",
        "# in benchmarks/tone/: do not edit by hand; change the lexicon or the set and retrain.",
        "version: 1",
        f'trained_on: "{pairs} pairs and {singles} single posts"',
        "baseline: {" + ", ".join(f"{d}: {w.baseline[d]}" for d in TONE_DIMENSIONS) + "}",
        "weights:",
    ]
    for f in lexicon().ids:
        row = w.weights.get(f, {})
        if row:
            lines.append(f"  {f}: {{" + ", ".join(f"{d}: {row[d]}" for d in TONE_DIMENSIONS
                                                  if d in row) + "}")
    return "\n".join(lines) + "\n"


def main() -> int:
    pairs, singles = load(sorted(TONE_SET.glob("*.yaml")))
    OUT.write_text(render(fit(pairs, singles), len(pairs), len(singles)), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: fitted on {len(pairs)} pairs and {len(singles)} singles")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["BANDS", "fit", "fold_of", "render"]
