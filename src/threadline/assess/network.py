"""Network risk: how likely a linked group of ads is a managed operation.

Member documents' risk is summarised by the mean of the top-k (a network is as
worrying as its worst ads, not diluted by many bland ones) and combined with
structure: persons per controlling contact, countries, links to recruitment
posts and potential minors. Same saturating combination and explanation rule
as document risk: the returned signals' contributions add up to the risk.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from threadline.assess.config import RiskConfig, default_config
from threadline.model import Signal

SOURCE = "Project scoring design (issue #3); practitioner network indicators (shared contacts, movement, recruitment links)"


def network_risk(
    doc_risks: Sequence[float],
    persons: int,
    controllers: int,
    countries: int,
    recruitment_links: int,
    minors: int,
    config: RiskConfig | None = None,
) -> tuple[float, list[Signal]]:
    """Risk 0..1 of a network and the signals that explain it."""
    config = config or default_config()
    weights = config.network_weights
    top = sorted(doc_risks, reverse=True)[: max(1, config.network_top_k)]
    base = sum(top) / len(top) if top else 0.0
    raw: list[Signal] = []
    if base > 0:
        raw.append(Signal("network.document_risk", "network", -math.log(1 - min(base, 0.999)),
                          detail={"top_k_mean": base, "k": len(top), "documents": len(doc_risks)}))
    if controllers > 0 and persons / controllers >= config.persons_per_controller:
        raw.append(Signal("network.persons_per_controller", "network",
                          weights.get("persons_per_controller", 0.0),
                          detail={"persons": persons, "controllers": controllers}))
    if countries >= 2:
        raw.append(Signal("network.multi_country", "network", weights.get("multi_country", 0.0),
                          detail={"countries": countries}))
    if recruitment_links > 0:
        raw.append(Signal("network.recruitment_links", "network",
                          weights.get("recruitment_links", 0.0),
                          detail={"links": recruitment_links}))
    if minors > 0:
        raw.append(Signal("network.minors", "network", weights.get("minors", 0.0),
                          detail={"minors": minors}))
    z = sum(s.contribution for s in raw)
    risk = 1.0 - math.exp(-z) if z > 0 else 0.0
    factor = risk / z if z > 0 else 0.0
    out = []
    for s in raw:
        s.detail["weight"] = s.contribution
        s.contribution *= factor
        s.source = SOURCE
        out.append(s)
    return risk, out
