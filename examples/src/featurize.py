"""Select the model's numeric features and write them as float32 arrays."""
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "contract_months"]

params = yaml.safe_load(open("params.yaml"))["featurize"]
features = FEATURES[: params["max_features"]]

out = Path("data/features")
out.mkdir(parents=True, exist_ok=True)
for split in ("train", "test"):
    df = pd.read_csv(f"data/prepared/{split}.csv")
    x = df[features].fillna(0).to_numpy(dtype=np.float32)
    y = df["churned"].astype(np.int64).to_numpy()
    np.savez(out / f"{split}.npz", x=x, y=y, features=np.array(features))
    print(f"{split}: {x.shape[0]} rows x {x.shape[1]} features")
