from threadline.assess import load_config, network_risk


def test_network_risk_structure_adds_and_explains():
    low, _ = network_risk([0.2, 0.1], persons=1, controllers=1, countries=1,
                          recruitment_links=0, minors=0)
    high, signals = network_risk([0.8, 0.7, 0.6, 0.1], persons=6, controllers=1, countries=2,
                                 recruitment_links=1, minors=1)
    assert 0 <= low < high <= 1
    ids = {s.indicator for s in signals}
    assert {"network.persons_per_controller", "network.multi_country",
            "network.recruitment_links", "network.minors"} <= ids
    assert abs(sum(s.contribution for s in signals) - high) < 1e-9


def test_network_top_k_not_diluted_by_bland_ads():
    few, _ = network_risk([0.9, 0.9, 0.9], 1, 1, 1, 0, 0)
    many, _ = network_risk([0.9, 0.9, 0.9] + [0.0] * 50, 1, 1, 1, 0, 0)
    assert abs(few - many) < 1e-9


def test_empty_network():
    assert network_risk([], 0, 0, 0, 0, 0) == (0.0, [])


def test_load_config_override(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("threshold: 0.9\ncaps:\n  managed: 0.1\n", encoding="utf-8")
    default, mine = load_config(), load_config(path)
    assert mine.threshold == 0.9 and mine.cap("managed") == 0.1
    assert mine.cap("control") == default.cap("control")
    assert 0 < default.threshold < 1


def test_thresholds_file_documents_choice():
    from importlib import resources

    text = (resources.files("threadline.assess") / "thresholds.yaml").read_text("utf-8")
    assert "CHOSEN" in text and "heldout" in text
