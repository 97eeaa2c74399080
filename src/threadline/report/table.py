"""The report in the terminal: the summary, the largest networks and what
holds them together, and the top reasons behind flagged documents."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

SUMMARY_ROWS = (
    ("documents", "Documents"),
    ("potential_victims", "Potential victims"),
    ("potential_exploiters", "Potential exploiters / recruiters / facilitators"),
    ("usernames", "Usernames linked to suspicious activity"),
    ("urls", "URLs linked to suspicious activity"),
    ("phones", "Phones linked to suspicious activity"),
    ("potential_minors", "Potential minors (needs review)"),
    ("flagged_documents", "Flagged documents"),
    ("suspicious_networks", "Suspicious networks"),
    ("watchlist_candidates", "Watchlist match candidates"),
    ("watchlist_matches", "Confirmed watchlist matches"),
)


def render_table(report: dict, console: Console, networks: int = 10) -> None:
    summary = report["summary"]
    t = Table(title="Operation summary", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for key, label in SUMMARY_ROWS:
        if key in summary:
            t.add_row(label, str(summary[key]))
    console.print(t)
    console.print(f"[dim]{escape(report['caveat'])}[/dim]")

    if report["hubs"]:
        h = Table(title="Hub selectors ignored for linking")
        for col in ("kind", "value", "documents", "reason"):
            h.add_column(col)
        for hub in report["hubs"][:10]:
            h.add_row(escape(hub["kind"]), escape(hub["value"][:40]), str(hub["documents"]),
                      escape(hub["reason"]))
        console.print(h)

    nets = Table(title=f"Largest networks (top {networks} by risk)")
    for col in ("network", "suspicious", "risk", "docs", "persons", "actors", "held together by"):
        nets.add_column(col)
    for n in report["networks"][:networks]:
        ties = "; ".join(f"{t['kind']} {t['value'][:24]} ({t['documents']} docs)" for t in n.get("ties", [])[:3])
        nets.add_row(n["id"], "yes" if n["suspicious"] else "no", f"{n['risk']:.2f}",
                     str(n["size"]), str(len(n.get("persons", []))), str(len(n.get("actors", []))),
                     escape(ties))
    console.print(nets)

    flagged = sorted((d for d in report["documents"] if d["flagged"]), key=lambda d: -(d["risk"] or 0))
    if flagged:
        f = Table(title="Top flagged documents and their reasons")
        for col in ("document", "risk", "top reasons"):
            f.add_column(col)
        for d in flagged[:10]:
            reasons = sorted(d["indicators"], key=lambda s: -float(s.get("contribution", 0)))[:3]
            f.add_row(escape(d["ref"][:60]), f"{d['risk']:.2f}",
                      escape("; ".join(_reason(s) for s in reasons)))
        console.print(f)


def _reason(signal: dict) -> str:
    span = signal.get("span")
    return f"{signal['indicator']}" + (f' "{span[:30]}"' if span else "")


def network_panel(network: dict) -> Panel:
    """One network, explained: ties, timeline, persons, actors, documents."""
    ties = Table("kind", "value", "documents", "sites", title="What holds it together")
    for t in network.get("ties", []):
        ties.add_row(escape(t["kind"]), escape(str(t["value"])), str(t["documents"]), str(t["sites"]))
    actors = Table("actor", "roles", title="Actors")
    for a in network.get("actors", []):
        actors.add_row(a["id"], ", ".join(a["roles"]))
    docs = Table("document", title="Documents")
    for ref in network["documents"][:50]:
        docs.add_row(escape(ref))
    head = (
        f"risk {network['risk']:.2f} · {'SUSPICIOUS' if network['suspicious'] else 'not suspicious'} · "
        f"{network['size']} documents · first seen {network.get('first_seen')} · last seen "
        f"{network.get('last_seen')}\nplaces: {escape(' → '.join(network.get('places', [])))}\n"
        f"persons: {len(network.get('persons', []))}"
    )
    return Panel(Group(head, ties, actors, docs), title=f"Network {network['id']}")
