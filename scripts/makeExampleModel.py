#!/usr/bin/python3
"""Writes examples/model/model.onnx: a tiny gradient-boosted churn model (hand-set trees, deterministic).

Run with Debian's python3-onnx: /usr/bin/python3 scripts/makeExampleModel.py
Inputs: float_input [N, 4] = tenure_months, monthly_charges, support_calls, contract_months.
Outputs: margin [N, 1] (log-odds) and probability [N, 1] = sigmoid(margin).
"""
from pathlib import Path

import onnx
from onnx import TensorProto, helper

# Each tree: list of nodes (feature, threshold, left, right) or leaves ('leaf', value); node 0 is the root.
# BRANCH_LEQ: go left when x[feature] <= threshold.
TENURE, CHARGES, CALLS, CONTRACT = 0, 1, 2, 3
TREES = [
    [(CALLS, 3.5, 1, 2), (TENURE, 12.0, 3, 4), (CONTRACT, 11.5, 5, 6), ("leaf", 0.15), ("leaf", -0.55), ("leaf", 1.1), ("leaf", 0.35)],
    [(CONTRACT, 1.5, 1, 2), (CHARGES, 70.0, 3, 4), ("leaf", -0.45), ("leaf", 0.2), ("leaf", 0.65)],
    [(TENURE, 6.0, 1, 2), ("leaf", 0.5), (CALLS, 5.5, 3, 4), ("leaf", -0.3), ("leaf", 0.4)],
    [(CHARGES, 95.0, 1, 2), ("leaf", -0.1), ("leaf", 0.45)],
    [(CALLS, 1.5, 1, 2), ("leaf", -0.35), (TENURE, 24.0, 3, 4), ("leaf", 0.25), ("leaf", -0.05)],
]
BASE_MARGIN = -1.2


def tree_attributes():
    attrs = {k: [] for k in ("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                             "nodes_truenodeids", "nodes_falsenodeids", "target_treeids", "target_nodeids", "target_ids",
                             "target_weights")}
    for tree_id, nodes in enumerate(TREES):
        for node_id, node in enumerate(nodes):
            attrs["nodes_treeids"].append(tree_id)
            attrs["nodes_nodeids"].append(node_id)
            if node[0] == "leaf":
                attrs["nodes_featureids"].append(0)
                attrs["nodes_values"].append(0.0)
                attrs["nodes_modes"].append("LEAF")
                attrs["nodes_truenodeids"].append(0)
                attrs["nodes_falsenodeids"].append(0)
                attrs["target_treeids"].append(tree_id)
                attrs["target_nodeids"].append(node_id)
                attrs["target_ids"].append(0)
                attrs["target_weights"].append(node[1])
            else:
                feature, threshold, left, right = node
                attrs["nodes_featureids"].append(feature)
                attrs["nodes_values"].append(threshold)
                attrs["nodes_modes"].append("BRANCH_LEQ")
                attrs["nodes_truenodeids"].append(left)
                attrs["nodes_falsenodeids"].append(right)
    return attrs


def main():
    ensemble = helper.make_node(
        "TreeEnsembleRegressor", ["float_input"], ["margin"], domain="ai.onnx.ml",
        n_targets=1, aggregate_function="SUM", base_values=[BASE_MARGIN], post_transform="NONE", **tree_attributes())
    sigmoid = helper.make_node("Sigmoid", ["margin"], ["probability"])
    graph = helper.make_graph(
        [ensemble, sigmoid], "churn_gbdt",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("margin", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)],
                              producer_name="preflight-examples")
    model.ir_version = 8
    model.metadata_props.append(onnx.StringStringEntryProto(key="feature_names", value="tenure_months,monthly_charges,support_calls,contract_months"))
    onnx.checker.check_model(model)
    out = Path(__file__).resolve().parent.parent / "examples" / "model" / "model.onnx"
    out.write_bytes(model.SerializeToString())
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
