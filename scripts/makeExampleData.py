#!/usr/bin/python3
"""Write examples/model/eval_sample.csv: 300 customers to explain the example churn model with and to check it for
fairness. Columns: the model's four features (in its input order), `senior_citizen` (the sensitive attribute, not a model
input) and `churned` (the observed label, drawn from the model's own probability so the model is well calibrated on it).

Deterministic (fixed seed). Run with Debian's numpy:  /usr/bin/python3 scripts/makeExampleData.py
"""
import csv
import math
from pathlib import Path

import numpy as np

from makeExampleModel import FEATURES, predict_margin

ROWS = 300


def main():
    rng = np.random.default_rng(20261127)
    out = Path(__file__).resolve().parent.parent / "examples" / "model" / "eval_sample.csv"
    with out.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([*FEATURES, "senior_citizen", "churned"])
        for _ in range(ROWS):
            senior = int(rng.random() < 0.2)
            tenure = int(rng.integers(1, 72))
            charges = round(float(rng.uniform(20, 110)), 2)
            calls = int(rng.poisson(2.0))
            contract = int(rng.choice([1, 12, 24], p=[0.5, 0.3, 0.2]))
            margin = predict_margin([tenure, charges, calls, contract])
            churned = int(rng.random() < 1 / (1 + math.exp(-margin)))
            writer.writerow([tenure, charges, calls, contract, senior, churned])
    print(f"wrote {out} ({ROWS} rows)")


if __name__ == "__main__":
    main()
