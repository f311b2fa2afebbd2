"""Score the test set with the ONNX model and write metrics for DVC."""
import argparse
import json

import numpy as np
import onnxruntime as ort
import pandas as pd
from sklearn.metrics import roc_auc_score, roc_curve

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="model/model.onnx")
parser.add_argument("--features", default="data/features")
parser.add_argument("--threshold", type=float, default=0.5)
args = parser.parse_args()

df = pd.read_csv(f"{args.features}/test.csv")
X, y = df.drop(columns="churned").astype("float32").values, df["churned"].values
session = ort.InferenceSession(args.model)
proba = session.run(["probability"], {"float_input": X})[0][:, 0]
fpr, tpr, _ = roc_curve(y, proba)
json.dump({"auc": roc_auc_score(y, proba), "accuracy": float(np.mean((proba > args.threshold) == y))}, open("evaluation.json", "w"))
pd.DataFrame({"fpr": fpr, "tpr": tpr}).to_csv("plots/roc.csv", index=False)
