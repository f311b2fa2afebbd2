#!/usr/bin/python3
"""Write examples/model/model.onnx: a tiny, hand-written churn model.

A gradient-boosted ensemble of 8 shallow trees (depth 2-3) over four float features, as an ai.onnx.ml
TreeEnsembleRegressor (SUM of the trees plus a base value: the margin, in log-odds) followed by a Sigmoid (the
churn probability). Input `float_input` float[N, 4]; outputs `margin` float[N, 1] and `probability` float[N, 1].

The thresholds and leaf values are written by hand so the file is deterministic and the model's behaviour is
plausible: many support calls, a short tenure and a month-to-month contract raise churn; long tenure and long
contracts lower it. Leaf values already include the learning rate.

Run with Debian's onnx (no PyPI here):  apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 scripts/makeExampleModel.py
"""
import math
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "contract_months"]
TENURE, CHARGES, CALLS, CONTRACT = range(4)

# Base churn rate 26% -> base margin log(0.26 / 0.74).
BASE_RATE = 0.26
BASE_MARGIN = math.log(BASE_RATE / (1 - BASE_RATE))

# A tree is a leaf value (float) or (feature, threshold, if_leq, if_greater): x[feature] <= threshold goes left.
TREES = [
    (CALLS, 3.5, (TENURE, 12.5, 0.15, -0.20), (CONTRACT, 1.5, 0.45, 0.20)),
    (CONTRACT, 1.5, (CHARGES, 70.0, 0.10, 0.30), (TENURE, 24.5, -0.05, -0.30)),
    (TENURE, 6.5, (CALLS, 2.5, 0.12, 0.35), (CHARGES, 85.0, -0.15, 0.05)),
    (CALLS, 5.5, (CALLS, 1.5, -0.12, 0.04), 0.40),
    (CHARGES, 55.0, (CONTRACT, 11.5, -0.02, -0.22), (TENURE, 36.5, (CALLS, 3.5, 0.08, 0.28), -0.10)),
    (CONTRACT, 11.5, (TENURE, 3.5, 0.25, 0.06), (CONTRACT, 23.5, -0.10, -0.25)),
    (TENURE, 48.5, (CHARGES, 95.0, 0.02, 0.18), (CALLS, 4.5, -0.25, 0.05)),
    (CALLS, 3.5, (CHARGES, 40.0, -0.10, 0.0), (TENURE, 12.5, 0.30, 0.12)),
]


def flatten(trees):
    """The TreeEnsembleRegressor attributes for the trees, nodes numbered depth first from 0 in each tree."""
    a = {k: [] for k in ("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                         "nodes_truenodeids", "nodes_falsenodeids", "target_treeids", "target_nodeids",
                         "target_ids", "target_weights")}

    def visit(tree_id, node, next_id):
        node_id = next_id
        next_id += 1
        a["nodes_treeids"].append(tree_id)
        a["nodes_nodeids"].append(node_id)
        if isinstance(node, tuple):
            feature, threshold, left, right = node
            index = len(a["nodes_modes"])  # this node's position in the parallel nodes_* lists
            a["nodes_featureids"].append(feature)
            a["nodes_values"].append(float(threshold))
            a["nodes_modes"].append("BRANCH_LEQ")
            a["nodes_truenodeids"].append(next_id)  # the left child is numbered next
            a["nodes_falsenodeids"].append(-1)  # set once the left subtree is numbered
            next_id = visit(tree_id, left, next_id)
            a["nodes_falsenodeids"][index] = next_id
            next_id = visit(tree_id, right, next_id)
        else:
            a["nodes_featureids"].append(0)
            a["nodes_values"].append(0.0)
            a["nodes_modes"].append("LEAF")
            a["nodes_truenodeids"].append(0)
            a["nodes_falsenodeids"].append(0)
            a["target_treeids"].append(tree_id)
            a["target_nodeids"].append(node_id)
            a["target_ids"].append(0)
            a["target_weights"].append(float(node))
        return next_id

    for tree_id, tree in enumerate(trees):
        visit(tree_id, tree, 0)
    return a


def predict_margin(row):
    """Reference evaluation in plain Python, to check the ONNX file against."""
    total = BASE_MARGIN
    for node in TREES:
        while isinstance(node, tuple):
            feature, threshold, left, right = node
            node = left if row[feature] <= threshold else right
        total += node
    return total


def build():
    attrs = flatten(TREES)
    ensemble = helper.make_node(
        "TreeEnsembleRegressor", ["float_input"], ["margin"], name="churn_trees", domain="ai.onnx.ml",
        n_targets=1, aggregate_function="SUM", post_transform="NONE", base_values=[BASE_MARGIN], **attrs)
    sigmoid = helper.make_node("Sigmoid", ["margin"], ["probability"], name="to_probability")
    graph = helper.make_graph(
        [ensemble, sigmoid], "churn_gbt",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, ["N", len(FEATURES)])],
        [helper.make_tensor_value_info("margin", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])])
    graph.doc_string = "Churn classifier: " + ", ".join(FEATURES) + " -> margin (log-odds), probability."
    model = helper.make_model(
        graph, ir_version=8, producer_name="preflight-examples", producer_version="1",
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)])
    helper.set_model_props(model, {"feature_names": ",".join(FEATURES)})
    onnx.checker.check_model(model, full_check=True)
    return model


def main():
    out = Path(__file__).resolve().parent.parent / "examples" / "model" / "model.onnx"
    model = build()
    out.write_bytes(model.SerializeToString())
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(TREES)} trees, "
          f"{len(model.graph.node[0].attribute)} attributes)")
    rows = np.array([[60, 45.0, 0, 24], [3, 99.0, 6, 1]], dtype=np.float32)
    for row in rows:
        m = predict_margin(row)
        print(f"expected {row.tolist()}: margin {m:.6f} probability {1 / (1 + math.exp(-m)):.6f}")
    onnx.checker.check_model(onnx.load(str(out)), full_check=True)
    print("onnx.checker: ok")


if __name__ == "__main__":
    sys.exit(main())
