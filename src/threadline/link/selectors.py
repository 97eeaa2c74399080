"""Links from shared selectors, with hub selectors set aside.

Two ads that carry the same phone, e-mail, handle or poster account were very
likely placed by the same hand. But a site's own support number is on every
page it serves: linking on it would make one giant fake network. Hubs are
detected by the rules in ``data/hubs.yaml`` and returned with their reason so
the report can say what was ignored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from threadline.model import Edge

DATA = Path(__file__).parent / "data"

#: How strongly a shared selector of each kind says "same hand".
KIND_WEIGHT: dict[str, float] = {"account": 1.0, "phone": 1.0, "email": 1.0, "username": 0.8}

#: Groups up to this size are linked as cliques; larger ones as a sparse
#: connected pattern, so a 5,000-ad selector does not make 12 million edges.
CLIQUE_MAX = 40


@dataclass(frozen=True, slots=True)
class Hub:
    kind: str
    value: str
    documents: int
    reason: str


@dataclass(frozen=True, slots=True)
class HubRules:
    site_share: float
    site_min_documents: int
    global_share: float
    global_min_documents: int
    image_max_documents: int
    image_share: float


@cache
def hub_rules(path: Path | None = None) -> HubRules:
    raw = yaml.safe_load((path or DATA / "hubs.yaml").read_text(encoding="utf-8"))
    return HubRules(**raw)


def find_hubs(
    occurrences: Mapping[tuple[str, str], set[int]],
    site_of: Mapping[int, str | None],
    rules: HubRules | None = None,
) -> list[Hub]:
    """Selectors (kind, value) → hubs, by site share and by global share."""
    rules = rules or hub_rules()
    total = len(site_of)
    site_sizes = Counter(site_of.values())
    hubs: list[Hub] = []
    for (kind, value), docs in occurrences.items():
        n = len(docs)
        if n < 2:
            continue
        if n > rules.global_share * total and n >= rules.global_min_documents:
            hubs.append(Hub(kind, value, n, f"on {n} of {total} documents (> {rules.global_share:.0%})"))
            continue
        per_site = Counter(site_of.get(d) for d in docs)
        for site, count in per_site.most_common(1):
            size = site_sizes[site]
            if site and size >= rules.site_min_documents and count >= rules.site_share * size:
                hubs.append(
                    Hub(kind, value, n, f"on {count} of {size} documents of {site}: the site's own contact")
                )
    return sorted(hubs, key=lambda h: (-h.documents, h.kind, h.value))


def group_edges(docs: Iterable[int], kind: str, value: str, weight: float) -> list[Edge]:
    """Edges that connect a group of documents sharing one thing."""
    ids = sorted(set(docs))
    if len(ids) < 2:
        return []
    if len(ids) <= CLIQUE_MAX:
        return [Edge(a, b, kind, value, weight) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    # A ring plus chords to a few fixed anchors: connected, O(n) edges, and every
    # member well attached so community detection keeps the group together.
    edges = [Edge(ids[i], ids[i + 1], kind, value, weight) for i in range(len(ids) - 1)]
    anchors = ids[:: max(1, len(ids) // 8)][:8]
    edges += [Edge(a, d, kind, value, weight) for a in anchors for d in ids if d != a]
    return edges


def selector_edges(
    occurrences: Mapping[tuple[str, str], set[int]],
    hubs: Iterable[Hub],
) -> list[Edge]:
    """Edges between documents sharing a non-hub linking selector."""
    ignored = {(h.kind, h.value) for h in hubs}
    edges: list[Edge] = []
    for (kind, value), docs in occurrences.items():
        if (kind, value) in ignored or kind not in KIND_WEIGHT:
            continue
        edges += group_edges(docs, kind, value, KIND_WEIGHT[kind])
    return edges


def occurrences_of(rows: Iterable[tuple[int, str, str]]) -> dict[tuple[str, str], set[int]]:
    """(document id, kind, value) rows → {(kind, value): {document ids}}."""
    occ: dict[tuple[str, str], set[int]] = defaultdict(set)
    for doc_id, kind, value in rows:
        occ[(kind, value)].add(doc_id)
    return dict(occ)
