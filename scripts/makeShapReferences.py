#!/usr/bin/python3
"""Write test/fixtures/shap/: small ONNX models and the exact SHAP values our engine must reproduce.

Three models, each with a background set, rows to explain, and Shapley values by brute force (every coalition of
features, each hybrid row scored by the model's own library), so the references do not share code with ours:
  xgb_classifier.onnx  xgboost binary:logistic, written as onnxmltools writes it (TreeEnsembleClassifier, class_ids 0,
                       post_transform LOGISTIC, ZipMap); explained in margin space (xgboost predict output_margin=True).
                       Also: the trees with covers (xgboost's JSON dump) and xgboost's pred_contribs (path-dependent
                       TreeSHAP) for the same rows.
  xgb_regressor.onnx   xgboost reg:squarederror as a TreeEnsembleRegressor with BRANCH_LEQ splits (as sklearn
                       converters write them; x < t becomes x <= the float32 just below t).
  mlp.onnx             MatMul/Add/Relu/MatMul/Add/Sigmoid network with fixed random weights, explained in output space.

Run with Debian's packages (no PyPI here):  apt-get install -y python3-xgboost python3-onnx python3-numpy
    /usr/bin/python3 scripts/makeShapReferences.py
"""
import itertools
import json
import math
from pathlib import Path

import numpy as np
import onnx
import xgboost as xgb
from onnx import TensorProto, helper

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "shap"
RNG = np.random.default_rng(20261127)


def shapley(predict, rows, background):
    """Exact interventional Shapley values: v(S) = mean over background z of predict(x on S, z elsewhere)."""
    m = rows.shape[1]
    weights = {s: math.factorial(s) * math.factorial(m - s - 1) / math.factorial(m) for s in range(m)}
    masks = list(itertools.product([0, 1], repeat=m))
    out_base, out_values = [], []
    for x in rows:
        hybrids = np.array([[x[f] if mask[f] else z[f] for f in range(m)] for mask in masks for z in background], dtype=np.float32)
        v = predict(hybrids).reshape(len(masks), len(background)).mean(axis=1).astype(np.float64)
        index = {mask: i for i, mask in enumerate(masks)}
        phi = np.zeros(m)
        for mask in masks:
            for f in range(m):
                if mask[f]:
                    continue
                with_f = list(mask)
                with_f[f] = 1
                phi[f] += weights[sum(mask)] * (v[index[tuple(with_f)]] - v[index[mask]])
        out_base.append(float(v[index[tuple([0] * m)]]))
        out_values.append(phi.tolist())
    return out_base, out_values


def make_data(n, m):
    x = RNG.normal(size=(n, m)).astype(np.float32)
    x[RNG.random(size=x.shape) < 0.05] = np.nan  # xgboost learns default directions for missing values
    return x


def tree_nodes(dump):
    """xgboost JSON dump trees as flat node dicts keyed by nodeid."""
    nodes = {}

    def walk(node):
        nodes[node["nodeid"]] = node
        for child in node.get("children", []):
            walk(child)

    walk(dump)
    return nodes


def ensemble_json(booster, base_margin, features, transform):
    """The trees in Preflight's TreeEnsemble layout (root first, depth first), covers included."""
    trees = []
    for text in booster.get_dump(dump_format="json", with_stats=True):
        nodes = tree_nodes(json.loads(text))
        order = []

        def visit(nid):
            order.append(nid)
            node = nodes[nid]
            if "leaf" not in node:
                visit(node["yes"])
                visit(node["no"])

        visit(0)
        pos = {nid: i for i, nid in enumerate(order)}
        t = {k: [] for k in ("feature", "threshold", "left", "right", "missingGoesLeft", "value", "cover")}
        for nid in order:
            node = nodes[nid]
            leaf = "leaf" in node
            t["feature"].append(-1 if leaf else int(node["split"][1:]))
            t["threshold"].append(0.0 if leaf else float(node["split_condition"]))
            t["left"].append(-1 if leaf else pos[node["yes"]])
            t["right"].append(-1 if leaf else pos[node["no"]])
            t["missingGoesLeft"].append(0 if leaf else int(node["missing"] == node["yes"]))
            t["value"].append(float(node["leaf"]) if leaf else 0.0)
            t["cover"].append(float(node["cover"]))
        trees.append(t)
    return {"trees": trees, "baseScore": base_margin, "transform": transform, "featureNames": features}


def tree_attributes(ensemble, prefix, leq):
    """TreeEnsemble* attributes; with leq, splits are BRANCH_LEQ on the float32 just below each threshold."""
    a = {k: [] for k in ("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                         "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true")}
    leaves = {f"{prefix}_{k}": [] for k in ("treeids", "nodeids", "ids", "weights")}
    for tid, t in enumerate(ensemble["trees"]):
        for i, feature in enumerate(t["feature"]):
            leaf = feature < 0
            a["nodes_treeids"].append(tid)
            a["nodes_nodeids"].append(i)
            a["nodes_featureids"].append(0 if leaf else feature)
            threshold = np.float32(t["threshold"][i])
            if leq and not leaf:
                threshold = np.nextafter(threshold, np.float32(-np.inf))
            a["nodes_values"].append(float(threshold))
            a["nodes_modes"].append("LEAF" if leaf else ("BRANCH_LEQ" if leq else "BRANCH_LT"))
            a["nodes_truenodeids"].append(0 if leaf else t["left"][i])
            a["nodes_falsenodeids"].append(0 if leaf else t["right"][i])
            a["nodes_missing_value_tracks_true"].append(0 if leaf else t["missingGoesLeft"][i])
            if leaf:
                leaves[f"{prefix}_treeids"].append(tid)
                leaves[f"{prefix}_nodeids"].append(i)
                leaves[f"{prefix}_ids"].append(0)
                leaves[f"{prefix}_weights"].append(t["value"][i])
    return {**a, **leaves}


def save_model(graph, name, features, full_check=True):
    model = helper.make_model(graph, ir_version=8, producer_name="makeShapReferences", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)])
    helper.set_model_props(model, {"feature_names": ",".join(features)})
    # onnx 1.12's strict shape inference cannot type ZipMap's output, so that model gets the structural check only.
    onnx.checker.check_model(model, full_check=full_check)
    (OUT / name).write_bytes(model.SerializeToString())


def write_reference(name, model, space, features, background, rows, base, shap, extra=None):
    data = {"model": model, "output_space": space, "features": features,
            "background": [[None if np.isnan(v) else float(v) for v in r] for r in background],
            "rows": [[None if np.isnan(v) else float(v) for v in r] for r in rows],
            "expected": {"base": base, "shap": shap}, **(extra or {})}
    (OUT / name).write_text(json.dumps(data, indent=1) + "\n")


def xgb_classifier():
    m = 5
    features = [f"x{i}" for i in range(m)]
    x = make_data(600, m)
    logit = 1.5 * np.nan_to_num(x[:, 0]) - np.nan_to_num(x[:, 1]) * np.nan_to_num(x[:, 2]) + 0.5 * (np.nan_to_num(x[:, 3]) > 0.3)
    y = (logit + RNG.normal(scale=0.5, size=len(x)) > 0).astype(np.float32)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "base_score": 0.4, "seed": 1},
                        xgb.DMatrix(x, label=y, missing=np.nan), num_boost_round=12)
    base_margin = float(math.log(0.4 / 0.6))
    ensemble = ensemble_json(booster, base_margin, features, "logistic")
    attrs = tree_attributes(ensemble, "class", leq=False)
    classifier = helper.make_node("TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
                                  classlabels_int64s=[0, 1], post_transform="LOGISTIC", base_values=[base_margin], **attrs)
    zipmap = helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml", classlabels_int64s=[0, 1])
    # seq(map(int64, float)), built field by field: onnx 1.12's helper has no make_map_type_proto.
    map_type = onnx.TypeProto()
    entry = map_type.sequence_type.elem_type.map_type
    entry.key_type = TensorProto.INT64
    entry.value_type.tensor_type.elem_type = TensorProto.FLOAT
    graph = helper.make_graph([classifier, zipmap], "xgb_classifier",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", m])],
                              [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
                               helper.make_value_info("output_probability", map_type)])
    save_model(graph, "xgb_classifier.onnx", features, full_check=False)
    background, rows = make_data(12, m), make_data(6, m)
    margin = lambda h: booster.predict(xgb.DMatrix(h, missing=np.nan), output_margin=True)
    base, shap = shapley(margin, rows, background)
    contribs = booster.predict(xgb.DMatrix(rows, missing=np.nan), pred_contribs=True)
    write_reference("xgb_classifier.json", "xgb_classifier.onnx", "margin", features, background, rows, base, shap, {
        "ensemble": ensemble,
        "margin": margin(rows).astype(float).tolist(),
        "probability": booster.predict(xgb.DMatrix(rows, missing=np.nan)).astype(float).tolist(),
        "pred_contribs": contribs.astype(float).tolist(),
        "xgboost_version": xgb.__version__,
    })


def xgb_regressor():
    m = 4
    features = ["age", "income", "tenure", "score"]
    x = make_data(500, m)
    y = 3 * np.nan_to_num(x[:, 0]) + np.sin(np.nan_to_num(x[:, 1]) * 2) + np.nan_to_num(x[:, 2]) * np.nan_to_num(x[:, 3])
    booster = xgb.train({"objective": "reg:squarederror", "max_depth": 3, "eta": 0.3, "base_score": 0.25, "seed": 1},
                        xgb.DMatrix(x, label=y, missing=np.nan), num_boost_round=10)
    ensemble = ensemble_json(booster, 0.25, features, "identity")
    attrs = tree_attributes(ensemble, "target", leq=True)
    regressor = helper.make_node("TreeEnsembleRegressor", ["input"], ["variable"], domain="ai.onnx.ml", n_targets=1,
                                 aggregate_function="SUM", post_transform="NONE", base_values=[0.25], **attrs)
    graph = helper.make_graph([regressor], "xgb_regressor", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", m])],
                              [helper.make_tensor_value_info("variable", TensorProto.FLOAT, ["N", 1])])
    save_model(graph, "xgb_regressor.onnx", features)
    background, rows = make_data(10, m), make_data(5, m)
    predict = lambda h: booster.predict(xgb.DMatrix(h, missing=np.nan), output_margin=True)
    base, shap = shapley(predict, rows, background)
    write_reference("xgb_regressor.json", "xgb_regressor.onnx", "output", features, background, rows, base, shap,
                    {"ensemble": ensemble, "prediction": predict(rows).astype(float).tolist()})


def mlp():
    m, hidden = 6, 8
    features = [f"in{i}" for i in range(m)]
    w1 = RNG.normal(scale=0.8, size=(m, hidden)).astype(np.float32)
    b1 = RNG.normal(scale=0.3, size=(hidden,)).astype(np.float32)
    w2 = RNG.normal(scale=0.8, size=(hidden, 1)).astype(np.float32)
    b2 = np.array([0.1], dtype=np.float32)
    init = [helper.make_tensor(name, TensorProto.FLOAT, v.shape, v.flatten().tolist()) for name, v in
            (("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2))]
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h0"]), helper.make_node("Add", ["h0", "b1"], ["h1"]),
             helper.make_node("Relu", ["h1"], ["h2"]), helper.make_node("MatMul", ["h2", "w2"], ["o0"]),
             helper.make_node("Add", ["o0", "b2"], ["logit"]), helper.make_node("Sigmoid", ["logit"], ["probability"])]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", m])],
                              [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])], init)
    save_model(graph, "mlp.onnx", features)
    predict = lambda h: 1 / (1 + np.exp(-(np.maximum(h.astype(np.float64) @ w1 + b1, 0) @ w2 + b2)))
    background = RNG.normal(size=(8, m)).astype(np.float32)
    rows = RNG.normal(size=(5, m)).astype(np.float32)
    base, shap = shapley(predict, rows, background)
    write_reference("mlp.json", "mlp.onnx", "output", features, background, rows, base, shap,
                    {"prediction": predict(rows).flatten().astype(float).tolist()})


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    xgb_classifier()
    xgb_regressor()
    mlp()
    for f in sorted(OUT.iterdir()):
        print(f"wrote {f.relative_to(OUT.parent.parent.parent)} ({f.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
