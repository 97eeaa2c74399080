"""Networks: communities in the weighted link graph, each able to explain
itself — which shared selectors, templates and photos hold it together, when
and where it was active, who is advertised in it and who runs it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from threadline.assess import load_config, network_risk
from threadline.link.entities import Actor, DocFacts, Person, stable_id
from threadline.model import Edge, Signal

DATA = Path(__file__).parent / "data"


@cache
def network_rules() -> dict[str, float]:
    return yaml.safe_load((DATA / "networks.yaml").read_text(encoding="utf-8"))


@dataclass(slots=True)
class Network:
    id: str
    documents: list[int]
    risk: float = 0.0
    suspicious: bool = False
    signals: list[Signal] = field(default_factory=list)
    explanation: dict[str, object] = field(default_factory=dict)


def group_communities(community: Mapping[int, int], docs: Sequence[DocFacts]) -> list[Network]:
    """Communities of two or more documents become networks with stable ids."""
    ref = {d.id: d.ref for d in docs}
    members: dict[int, list[int]] = defaultdict(list)
    for doc, com in community.items():
        members[com].append(doc)
    return [
        Network(id=stable_id("N", (ref[i] for i in ids)), documents=sorted(ids))
        for ids in members.values()
        if len(ids) >= 2
    ]


def _by_network(networks: Sequence[Network], edges: Sequence[Edge], persons: Sequence[Person],
                actors: Sequence[Actor]) -> tuple[dict, dict, dict]:
    """Edges, persons and actors of each network, in one pass over each list
    (a per-network scan of a million edges would be quadratic)."""
    network_of = {d: n.id for n in networks for d in n.documents}
    edges_in: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        net = network_of.get(e.a)
        if net is not None and network_of.get(e.b) == net:
            edges_in[net].append(e)
    persons_in: dict[str | None, list[Person]] = defaultdict(list)
    for p in persons:
        persons_in[p.network].append(p)
    actors_in: dict[str | None, list[Actor]] = defaultdict(list)
    for a in actors:
        actors_in[a.network].append(a)
    return edges_in, persons_in, actors_in


def explain_all(
    networks: Sequence[Network],
    docs: Mapping[int, DocFacts],
    edges: Sequence[Edge],
    persons: Sequence[Person],
    actors: Sequence[Actor],
) -> None:
    """Set each network's explanation: what holds it together, its timeline
    and its people."""
    edges_in, persons_in, actors_in = _by_network(networks, edges, persons, actors)
    for net in networks:
        net.explanation = explain(net, docs, edges_in[net.id], persons_in[net.id], actors_in[net.id])


def explain(
    network: Network,
    docs: Mapping[int, DocFacts],
    edges: Sequence[Edge],
    persons: Sequence[Person],
    actors: Sequence[Actor],
) -> dict[str, object]:
    """One network explained, from its own edges, persons and actors."""
    holding: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in edges:
        holding[(e.kind, e.value)].update((e.a, e.b))
    inside = set(network.documents)
    ties = sorted(
        (
            {"kind": k, "value": v, "documents": len(ds),
             "sites": len({docs[i].site for i in ds if docs[i].site})}
            for (k, v), ds in holding.items()
        ),
        key=lambda t: (-int(t["documents"]), str(t["kind"]), str(t["value"])),
    )
    days = sorted(docs[i].day for i in inside if docs[i].day)
    moves: list[str] = []
    for i in sorted(inside, key=lambda i: (docs[i].day or days[0] if days else 0, i)):
        place = docs[i].city or docs[i].country
        if place and (not moves or moves[-1] != place):
            moves.append(place)
    return {
        "ties": ties[:25],
        "first_seen": str(days[0]) if days else None,
        "last_seen": str(days[-1]) if days else None,
        "places": moves[:30],
        "countries": sorted({docs[i].country for i in inside if docs[i].country}),
        "sites": sorted({docs[i].site for i in inside if docs[i].site}),
        "kinds": dict(Counter(docs[i].kind for i in inside)),
        "persons": [p.id for p in persons],
        "actors": [{"id": a.id, "roles": a.roles} for a in actors],
    }


def assess_networks(
    networks: Sequence[Network],
    docs: Mapping[int, DocFacts],
    persons: Sequence[Person],
    actors: Sequence[Actor],
) -> None:
    """Score each network from its documents' (final) risk and its structure."""
    threshold = float(network_rules()["suspicious_risk"])
    config = load_config()
    _, persons_in, actors_in = _by_network(networks, (), persons, actors)
    for net in networks:
        members = [docs[i] for i in net.documents]
        net_persons = persons_in[net.id]
        net_actors = actors_in[net.id]
        risk, signals = network_risk(
            [d.risk for d in members],
            persons=len(net_persons),
            controllers=sum(1 for a in net_actors if "controller" in a.roles),
            countries=len({d.country for d in members if d.country}),
            recruitment_links=sum(1 for d in members if d.kind == "recruitment"),
            minors=sum(1 for p in net_persons if p.minor),
        )
        net.risk = round(float(risk), 4)
        net.signals = list(signals)
        # one person's own ads with no one behind them are an advertiser, not a
        # network: her flags and minor cues still stand on her documents. Several
        # persons with no shared contact (joined by a look-alike text, say) are
        # organised only when their own ads read as managed — their wording, not the
        # structural signals the look-alike text itself produced.
        top = sorted((d.text_risk for d in members), reverse=True)[: config.network_top_k]
        managed_text = bool(top) and sum(top) / len(top) >= config.threshold
        organised = any(a.roles for a in net_actors) or (len(net_persons) >= 2 and managed_text)
        net.suspicious = net.risk >= threshold and organised
