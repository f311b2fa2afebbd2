#!/usr/bin/python3
"""Anchor for bench/shapTrees.mjs: trains a 100-tree, depth-6 xgboost model, times xgboost's C++ TreeSHAP
(pred_contribs, path-dependent) on the rows, and prints the trees (with covers), rows, background and timings as JSON.

Usage: /usr/bin/python3 bench/lib/xgboostShapAnchor.py ROWS BACKGROUND FEATURES
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import xgboost as xgb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "scripts"))
from makeShapReferences import ensemble_json  # noqa: E402  (the trees in Preflight's layout)


def main():
    rows, background, features = (int(a) for a in sys.argv[1:4])
    rng = np.random.default_rng(7)
    x = rng.normal(size=(20000, features)).astype(np.float32)
    logit = x[:, 0] * 2 - x[:, 1] * x[:, 2] + np.sin(x[:, 3] * 3) + (x[:, 4] > 0.5) - 0.5 * x[:, 5:].sum(axis=1) / features
    y = (logit + rng.normal(scale=0.5, size=len(x)) > 0).astype(np.float32)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "nthread": 1, "seed": 1,
                         "min_child_weight": 0}, xgb.DMatrix(x, label=y), num_boost_round=100)
    explain = rng.normal(size=(rows, features)).astype(np.float32)
    bg = rng.normal(size=(background, features)).astype(np.float32)
    dm = xgb.DMatrix(explain)
    booster.predict(dm, pred_contribs=True)  # warm-up
    times = []
    for _ in range(3):
        start = time.perf_counter()
        contribs = booster.predict(dm, pred_contribs=True)
        times.append((time.perf_counter() - start) * 1000)
    ensemble = ensemble_json(booster, 0.0, [f"f{i}" for i in range(features)], "logistic")
    json.dump({"xgboost": xgb.__version__, "pred_contribs_ms": sorted(times)[1], "ensemble": ensemble,
               "rows": explain.flatten().astype(float).tolist(), "background": bg.flatten().astype(float).tolist(),
               "pred_contribs": contribs.flatten().astype(float).tolist(),
               "margin": booster.predict(dm, output_margin=True).astype(float).tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
