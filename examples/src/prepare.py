"""Split the raw customer table into train and test sets."""
from pathlib import Path

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

params = yaml.safe_load(open("params.yaml"))["prepare"]

df = pd.read_csv("data/raw/customers.csv")
df = df.dropna(subset=["churned"])
train, test = train_test_split(
    df, test_size=params["split"], random_state=params["seed"], stratify=df["churned"]
)

out = Path("data/prepared")
out.mkdir(parents=True, exist_ok=True)
train.to_csv(out / "train.csv", index=False)
test.to_csv(out / "test.csv", index=False)
print(f"prepared {len(train)} train and {len(test)} test rows")
