"""Train a gradient-boosted classifier and export it to ONNX."""
import sys
from pathlib import Path

import pandas as pd
import yaml
from skl2onnx import to_onnx
from sklearn.ensemble import GradientBoostingClassifier

params = yaml.safe_load(open("params.yaml"))["train"]
features, model_path = Path(sys.argv[1]), Path(sys.argv[2])

df = pd.read_csv(features / "train.csv")
X, y = df.drop(columns="churned").astype("float32"), df["churned"]
model = GradientBoostingClassifier(
    n_estimators=params["n_estimators"], max_depth=params["max_depth"], learning_rate=params["learning_rate"]
).fit(X, y)
model_path.parent.mkdir(parents=True, exist_ok=True)
model_path.write_bytes(to_onnx(model, X.values[:1]).SerializeToString())
