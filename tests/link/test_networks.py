"""When a linked group is a suspicious network (assess_networks)."""

from __future__ import annotations

from threadline.link.entities import Actor, DocFacts, Person
from threadline.link.networks import Network, assess_networks


def _facts(risks: list[float], countries: list[str],
           text_risks: list[float] | None = None) -> dict[int, DocFacts]:
    text_risks = risks if text_risks is None else text_risks
    return {i: DocFacts(id=i, ref=f"d{i}", risk=r, text_risk=t, country=c)
            for i, (r, t, c) in enumerate(zip(risks, text_risks, countries, strict=True))}


def _persons(groups: list[list[int]]) -> list[Person]:
    return [Person(f"P{i}", docs, [], [], network="N1") for i, docs in enumerate(groups)]


def test_lookalike_first_person_ads_in_two_countries_are_not_an_organisation():
    # three independents joined only by stock sentences: no shared contact, bland text
    docs = _facts([0.4, 0.35, 0.3, 0.0], ["NL", "NL", "DE", "PT"])
    net = Network("N1", [0, 1, 2, 3])
    assess_networks([net], docs, _persons([[0, 1], [2], [3]]), [])
    assert net.risk >= 0.5  # multi-country structure lifts the risk …
    assert not net.suspicious  # … but nobody is behind them


def test_several_persons_whose_ads_read_as_managed_are_suspicious_without_an_actor():
    docs = _facts([0.9, 0.8, 0.85, 0.7], ["ES", "ES", "ES", "ES"])
    net = Network("N1", [0, 1, 2, 3])
    assess_networks([net], docs, _persons([[0, 1], [2, 3]]), [])
    assert net.suspicious


def test_a_controller_makes_a_risky_group_suspicious_even_with_bland_ads():
    docs = _facts([0.4, 0.35, 0.3, 0.3], ["ES", "ES", "FR", "FR"])
    net = Network("N1", [0, 1, 2, 3])
    controller = Actor("A1", [("phone", "+34600000000")], [0, 1, 2, 3], ["controller"], 4, "N1")
    assess_networks([net], docs, _persons([[0], [1], [2], [3]]), [controller])
    assert net.suspicious


def test_lookalike_ads_whose_risk_comes_only_from_their_own_template_links_are_no_network():
    # independents joined by stock sentences: the template-reuse signal lifts each ad's final
    # risk over the flag threshold, but their own wording reads as independent
    docs = _facts([0.6, 0.6, 0.55, 0.5], ["DE", "DE", "NL", "NL"], text_risks=[0.2, 0.1, 0.0, 0.0])
    net = Network("N1", [0, 1, 2, 3])
    assess_networks([net], docs, _persons([[0], [1], [2], [3]]), [])
    assert not net.suspicious
