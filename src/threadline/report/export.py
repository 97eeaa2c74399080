"""The link graph for Gephi and i2-style tools: documents as nodes, the
explainable edges ``analyze`` stored (shared selector, template, photo) as
edges, with network, risk and kind as attributes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from sqlalchemy import select

from threadline.report.render import write_atomic
from threadline.store.db import Store
from threadline.store.tables import AssessmentRow, DocumentRow, EdgeRow

FORMATS = ("graphml", "gexf", "csv")


def link_graph(store: Store) -> nx.MultiGraph:
    g = nx.MultiGraph()
    with store.session() as s:
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.ref, DocumentRow.site, DocumentRow.country,
                   AssessmentRow.kind, AssessmentRow.risk, AssessmentRow.flagged,
                   AssessmentRow.minor_risk, AssessmentRow.network_id)
            .join(AssessmentRow, AssessmentRow.document_id == DocumentRow.id)
        ).all()
        ref = {}
        for r in rows:
            ref[r.id] = r.ref
            g.add_node(r.ref, site=r.site or "", country=r.country or "", kind=r.kind,
                       risk=float(r.risk), flagged=bool(r.flagged), minor_risk=bool(r.minor_risk),
                       network=r.network_id or "")
        for e in s.execute(select(EdgeRow.a, EdgeRow.b, EdgeRow.kind, EdgeRow.value, EdgeRow.weight)):
            if e.a in ref and e.b in ref:
                g.add_edge(ref[e.a], ref[e.b], kind=e.kind, value=e.value, weight=float(e.weight))
    return g


def export_graph(store: Store, fmt: str, output: Path) -> Path:
    """Write the graph; for ``csv`` ``output`` is a folder receiving
    ``nodes.csv`` and ``edges.csv`` (fixed names: nothing else is written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    g = link_graph(store)
    if fmt == "csv":
        output.mkdir(parents=True, exist_ok=True)
        nodes = io.StringIO()
        w = csv.writer(nodes)
        w.writerow(["ref", "kind", "risk", "flagged", "minor_risk", "network", "site", "country"])
        for n, a in g.nodes(data=True):
            w.writerow([n, a["kind"], a["risk"], a["flagged"], a["minor_risk"], a["network"],
                        a["site"], a["country"]])
        edges = io.StringIO()
        w = csv.writer(edges)
        w.writerow(["source", "target", "kind", "value", "weight"])
        for a, b, d in g.edges(data=True):
            w.writerow([a, b, d["kind"], d["value"], d["weight"]])
        write_atomic(output / "nodes.csv", nodes.getvalue())
        write_atomic(output / "edges.csv", edges.getvalue())
        return output
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf)
    else:
        nx.write_gexf(nx.Graph(g) if g.number_of_edges() == 0 else _collapse(g), buf)
    write_atomic(output, buf.getvalue().decode("utf-8"))
    return output


def _collapse(g: nx.MultiGraph) -> nx.Graph:
    """GEXF readers handle parallel edges poorly: merge them, summing weights
    and listing what each pair shares."""
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes(data=True))
    for a, b, d in g.edges(data=True):
        if simple.has_edge(a, b):
            e = simple[a][b]
            e["weight"] += d["weight"]
            e["kinds"] = ",".join(sorted(set(e["kinds"].split(",")) | {d["kind"]}))
        else:
            simple.add_edge(a, b, weight=d["weight"], kinds=d["kind"])
    return simple
