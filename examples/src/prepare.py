"""Split the raw customer table into train and test sets."""
import sys
from pathlib import Path

import pandas as pd
import yaml

params = yaml.safe_load(open("params.yaml"))["prepare"]
raw, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)

df = pd.read_csv(raw)
test = df.sample(frac=params["split"], random_state=params["seed"])
train = df.drop(test.index)
train.to_csv(out / "train.csv", index=False)
test.to_csv(out / "test.csv", index=False)
