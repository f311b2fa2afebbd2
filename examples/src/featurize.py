"""Select the four numeric features the model uses."""
import sys
from pathlib import Path

import pandas as pd

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "contract_months"]

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for split in ("train", "test"):
    df = pd.read_csv(src / f"{split}.csv")
    df[FEATURES + ["churned"]].to_csv(out / f"{split}.csv", index=False)
