#!/usr/bin/env python3
"""Reference values for the insights' statistics, from scipy/numpy, committed as test/fixtures/insights/statsReference.json.

The unit tests compare our TypeScript implementations (engine/insights/robustStats.ts) against these numbers, so the
reference is an independent implementation rather than our own output. Regenerate with:
    python3 scripts/makeInsightsReference.py
"""
import json
import pathlib

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261127)
cases = []
for i in range(12):
    n1 = int(rng.integers(5, 15))
    n2 = int(rng.integers(8, 35))
    shift = float(rng.choice([0.0, 0.1, 0.3, 0.8]))
    # Job durations: lognormal around a few minutes, rounded to whole seconds as the API reports them (so ties occur).
    base = np.round(np.exp(rng.normal(5.0, 0.25, n2)))
    recent = np.round(np.exp(rng.normal(5.0 + shift, 0.25, n1)))
    if i % 4 == 0:
        recent[: n1 // 2] = base[: n1 // 2]  # force ties across samples
    res = stats.mannwhitneyu(recent, base, alternative="greater", method="asymptotic", use_continuity=True)
    xs = np.arange(n2, dtype=float)
    ts = stats.theilslopes(base, xs)
    cases.append({
        "a": recent.tolist(),
        "b": base.tolist(),
        "u": float(res.statistic),
        "pGreater": float(res.pvalue),
        "theilSenSlope": float(ts.slope),
        "median": float(np.median(base)),
        "p90": float(np.percentile(base, 90)),
    })

out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "insights" / "statsReference.json"
import scipy  # noqa: E402  (only for its version)

body = ",\n  ".join(json.dumps(c) for c in cases)
out.write_text(f'{{"generator": "scripts/makeInsightsReference.py", "scipy": "{scipy.__version__}", "cases": [\n  {body}\n]}}\n')
print(f"wrote {out} ({len(cases)} cases)")
