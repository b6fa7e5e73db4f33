"""The shipped tone weights are what training on the labelled tone set gives: a lexicon or
tone-set change without `make train-tone` fails here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_tone import OUT  # noqa: E402

from voicecheck.guide.model import TONE_DIMENSIONS  # noqa: E402
from voicecheck.text.tone import lexicon, weights  # noqa: E402

# In a fresh process, as `make train-tone` runs: jieba's dictionary is process state, and
# the words other tests' guides taught it would change how the tone set is segmented.
_FIT = ("import json, sys; sys.path.insert(0, 'benchmarks'); from train_tone import TONE_SET, "
        "fit, load; p, s = load(sorted(TONE_SET.glob('*.yaml'))); w = fit(p, s); "
        "print(json.dumps({'pairs': len(p), 'singles': len(s), 'baseline': w.baseline, "
        "'weights': w.weights}))")


def test_retraining_reproduces_the_shipped_weights() -> None:
    run = subprocess.run([sys.executable, "-c", _FIT], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    raw = json.loads(run.stdout.strip().splitlines()[-1])
    fitted, shipped = SimpleNamespace(**raw), weights()
    assert f"{raw['pairs']} pairs and {raw['singles']} single posts" in OUT.read_text(
        encoding="utf-8")
    # Weights are rounded to 0.1; another CPU's float rounding may tip one across a step.
    for d in TONE_DIMENSIONS:
        assert abs(fitted.baseline[d] - shipped.baseline[d]) <= 0.1 + 1e-9, d
    cells = [(f, d) for f in lexicon().ids for d in TONE_DIMENSIONS]
    off = [(f, d) for f, d in cells
           if abs(fitted.weights.get(f, {}).get(d, 0.0) - shipped.weights.get(f, {}).get(d, 0.0))
           > 1e-9]
    assert all(abs(fitted.weights.get(f, {}).get(d, 0.0) - shipped.weights.get(f, {}).get(d, 0.0))
               <= 0.1 + 1e-9 for f, d in off), off
    assert len(off) <= len(cells) // 50, off


def test_weights_name_only_features_the_lexicon_has() -> None:
    assert set(weights().weights) <= set(lexicon().ids)
