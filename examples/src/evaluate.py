"""Score the ONNX model on the test set; write metrics and plot data."""
import argparse
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort
import yaml
from sklearn.metrics import confusion_matrix, roc_auc_score, roc_curve

params = yaml.safe_load(open("params.yaml"))["evaluate"]
parser = argparse.ArgumentParser()
parser.add_argument("--model", default="model/model.onnx")
parser.add_argument("--data", default="data/features")
parser.add_argument("--threshold", type=float, default=params["threshold"])
args = parser.parse_args()

data = np.load(f"{args.data}/test.npz")
session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
outputs = session.run(None, {session.get_inputs()[0].name: data["x"]})
proba = outputs[-1].reshape(len(data["x"]), -1)[:, -1]
pred = (proba >= args.threshold).astype(int)

tn, fp, fn, tp = confusion_matrix(data["y"], pred, labels=[0, 1]).ravel()
metrics = {"auc": float(roc_auc_score(data["y"], proba)), "precision": tp / max(tp + fp, 1), "recall": tp / max(tp + fn, 1)}
json.dump({k: round(float(v), 4) for k, v in metrics.items()}, open("evaluation.json", "w"), indent=2)

Path("plots").mkdir(exist_ok=True)
fpr, tpr, _ = roc_curve(data["y"], proba)
json.dump([{"fpr": float(a), "tpr": float(b)} for a, b in zip(fpr, tpr)], open("plots/roc.json", "w"))
json.dump([{"actual": int(a), "predicted": int(p)} for a, p in zip(data["y"], pred)], open("plots/confusion.json", "w"))
print(json.dumps(metrics))
