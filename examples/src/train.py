"""Train a gradient-boosted tree ensemble and export it to ONNX."""
import argparse

import numpy as np
import yaml
from skl2onnx import to_onnx
from sklearn.ensemble import GradientBoostingClassifier

params = yaml.safe_load(open("params.yaml"))["train"]
parser = argparse.ArgumentParser()
parser.add_argument("--n-estimators", type=float, default=params["n_estimators"])
parser.add_argument("--max-depth", type=float, default=params["max_depth"])
parser.add_argument("--learning-rate", type=float, default=params["learning_rate"])
parser.add_argument("--data", default="data/features")
parser.add_argument("--out", default="model/model.onnx")
args = parser.parse_args()

data = np.load(f"{args.data}/train.npz")
model = GradientBoostingClassifier(
    n_estimators=int(args.n_estimators),
    max_depth=int(args.max_depth),
    learning_rate=args.learning_rate,
    random_state=0,
).fit(data["x"], data["y"])

onnx_model = to_onnx(model, data["x"][:1], options={"zipmap": False}, target_opset=17)
with open(args.out, "wb") as f:
    f.write(onnx_model.SerializeToString())
print(f"wrote {args.out}")
