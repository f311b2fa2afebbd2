import yaml

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "contract_months"]


def test_params_are_in_range():
    params = yaml.safe_load(open("params.yaml"))
    assert 0 < params["prepare"]["split"] < 1
    assert params["featurize"]["max_features"] <= len(FEATURES)
    assert 0 < params["evaluate"]["threshold"] < 1


def test_model_metadata_lists_the_features_in_order():
    meta = yaml.safe_load(open("model/MLmodel"))
    assert meta["metadata"]["feature_names"] == FEATURES
