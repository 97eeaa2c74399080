"""The operation report, read from what ``analyze`` stored.

Counts follow the operation's own language: potential victims are persons in
suspicious networks, potential exploiters the distinct actors (controllers,
recruiters, facilitators) of those networks, and the usernames and URLs those
networks use. Everything is "potential": leads for human review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import threadline
from threadline.store.db import Store
from threadline.store.faces import match_candidates
from threadline.store.tables import (
    ActorRow,
    AnalysisRun,
    AssessmentRow,
    AttributeRow,
    DocumentRow,
    HubRow,
    NetworkRow,
    PersonRow,
    SelectorRow,
)

REPORT_SELECTOR_KINDS = ("phone", "email", "username", "url", "account")


class NotAnalyzed(RuntimeError):
    """The project has documents but ``analyze`` has not run since."""


def _selectors_by_doc(session: Session) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = defaultdict(lambda: {k: [] for k in REPORT_SELECTOR_KINDS})
    for doc_id, kind, value in session.execute(
        select(SelectorRow.document_id, SelectorRow.kind, SelectorRow.value)
        .where(SelectorRow.kind.in_(REPORT_SELECTOR_KINDS))
        .order_by(SelectorRow.id)
    ):
        bucket = out[doc_id][kind]
        if value not in bucket:
            bucket.append(value)
    return out


def _merge(target: dict[str, set[str]], source: dict[str, list[str]]) -> None:
    for kind, values in source.items():
        target[kind].update(values)


def build_report(store: Store) -> dict[str, object]:
    with store.session() as session:
        run = session.scalars(select(AnalysisRun).order_by(AnalysisRun.id.desc()).limit(1)).first()
        n_docs = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        if n_docs and run is None:
            raise NotAnalyzed("documents were ingested but never analysed: run `threadline analyze`")
        docs = {
            r.id: r
            for r in session.execute(
                select(DocumentRow.id, DocumentRow.ref, DocumentRow.url, DocumentRow.site,
                       DocumentRow.country, DocumentRow.city)
            )
        }
        analysed = {a.document_id: a for a in session.scalars(select(AssessmentRow))}
        stale = len(set(docs) - set(analysed))
        selectors = _selectors_by_doc(session)
        language = dict(
            session.execute(
                select(AttributeRow.document_id, AttributeRow.value).where(AttributeRow.name == "language")
            ).all()
        )
        countries = defaultdict(list)
        for doc_id, value in session.execute(
            select(AttributeRow.document_id, AttributeRow.value).where(AttributeRow.name == "country")
        ):
            countries[doc_id].append(value)
        networks = list(session.scalars(select(NetworkRow).order_by(NetworkRow.risk.desc(), NetworkRow.id)))
        persons = list(session.scalars(select(PersonRow).order_by(PersonRow.id)))
        actors = list(session.scalars(select(ActorRow).order_by(ActorRow.id)))
        hubs = list(session.scalars(select(HubRow).order_by(HubRow.documents.desc())))
        watch = match_candidates(session)

    ref = {i: d.ref for i, d in docs.items()}
    country_of = {i: d.country or (countries[i][0] if countries.get(i) else None) for i, d in docs.items()}
    suspicious = {n.id for n in networks if n.suspicious}
    person_of: dict[int, list[str]] = defaultdict(list)
    for p in persons:
        for d in p.documents:
            person_of[d].append(p.id)

    documents = []
    for i, d in docs.items():
        a = analysed.get(i)
        documents.append({
            "ref": d.ref,
            "kind": a.kind if a else None,
            "risk": a.risk if a else None,
            "flagged": bool(a and a.flagged),
            "minor_risk": bool(a and a.minor_risk),
            "network": a.network_id if a else None,
            "person": person_of[i][0] if person_of.get(i) else None,
            "persons": person_of.get(i, []),
            "site": d.site,
            "country": country_of[i],
            "city": d.city,
            "language": language.get(i),
            "selectors": selectors[i] if i in selectors else {k: [] for k in REPORT_SELECTOR_KINDS},
            "indicators": [_indicator(s) for s in (a.signals if a else [])],
            "minor_cues": [_indicator(s) for s in (a.minor_cues if a else [])],
        })

    net_docs: dict[str, list[int]] = defaultdict(list)
    for i, a in analysed.items():
        if a.network_id:
            net_docs[a.network_id].append(i)

    hub_values = {(h.kind, h.value) for h in hubs}
    network_list = []
    suspicious_selectors: dict[str, set[str]] = {k: set() for k in REPORT_SELECTOR_KINDS}
    for n in networks:
        sel: dict[str, set[str]] = {k: set() for k in REPORT_SELECTOR_KINDS}
        for i in net_docs[n.id]:
            _merge(sel, selectors.get(i, {}))
        for kind in sel:  # a site's own contact is not the network's
            sel[kind] = {v for v in sel[kind] if (kind, v) not in hub_values}
        if n.suspicious:
            for k in REPORT_SELECTOR_KINDS:
                suspicious_selectors[k] |= sel[k]
            suspicious_selectors["url"] |= {docs[i].url for i in net_docs[n.id] if docs[i].url}
        network_list.append({
            "id": n.id, "suspicious": n.suspicious, "risk": n.risk, "size": n.size,
            "documents": sorted(ref[i] for i in net_docs[n.id]),
            "selectors": {k: sorted(v) for k, v in sel.items()},
            "signals": [_indicator(s) for s in n.signals],
            **n.explanation,
        })

    suspicious_actors = [a for a in actors if a.network_id in suspicious]
    suspicious_persons = [p for p in persons if p.network_id in suspicious]
    minor_docs = {i for i, a in analysed.items() if a.minor_risk}
    minors_outside_persons = len(minor_docs - set(person_of))
    summary = {
        "documents": len(docs),
        "potential_victims": len(suspicious_persons),
        "potential_exploiters": len(suspicious_actors),
        "usernames": len(suspicious_selectors["username"] | suspicious_selectors["account"]),
        "urls": len(suspicious_selectors["url"]),
        "phones": len(suspicious_selectors["phone"]),
        "potential_minors": sum(1 for p in persons if p.minor) + minors_outside_persons,
        "flagged_documents": sum(1 for a in analysed.values() if a.flagged),
        "networks": len(networks),
        "suspicious_networks": len(suspicious),
        "documents_by_kind": dict(Counter(a.kind for a in analysed.values())),
        "by_country": _breakdown(docs, analysed, suspicious, country_of, key="country"),
        "by_site": _breakdown(docs, analysed, suspicious, country_of, key="site"),
        "cross_border": _cross_border(network_list, persons, docs, country_of, suspicious),
        "watchlist_candidates": len(watch),
        "watchlist_matches": sum(1 for c in watch if c["status"] == "confirmed"),
        "not_yet_analysed": stale,
    }
    return {
        "threadline": threadline.__version__,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "analysed_at": run.finished_at.isoformat(timespec="seconds") if run and run.finished_at else None,
        "caveat": "Potential, not proven: every count, score, role and match is a lead for human review.",
        "summary": summary,
        "hubs": [{"kind": h.kind, "value": h.value, "documents": h.documents, "reason": h.reason}
                 for h in hubs],
        "networks": network_list,
        "actors": [
            {"id": a.id, "role": a.role, "roles": a.roles, "network": a.network_id,
             "selectors": [{"kind": k, "value": v} for k, v in a.selectors],
             "documents": sorted(ref[i] for i in a.documents), "persons": a.persons}
            for a in actors
        ],
        "persons": [
            {"id": p.id, "documents": sorted(ref[i] for i in p.documents), "minor": p.minor,
             "names": p.names, "network": p.network_id,
             "countries": sorted({country_of[i] for i in p.documents if country_of[i]})}
            for p in persons
        ],
        "documents": documents,
        "watchlist_candidates": [
            {"id": c["id"], "notice_id": c["notice_id"], "notice_type": c["notice_type"],
             "document": c["document"], "documents": c["documents"], "image": c["image"],
             "distance": c["distance"], "status": c["status"]}
            for c in watch
        ],
    }


def _indicator(signal: dict) -> dict[str, object]:
    keys = ("indicator", "category", "language", "span", "start", "end", "contribution", "source", "detail")
    return {k: signal.get(k) for k in keys if signal.get(k) not in (None, {}, "")}


def _breakdown(docs, analysed, suspicious, country_of, key: str) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for i, d in docs.items():
        name = (country_of[i] if key == "country" else d.site) or "unknown"
        a = analysed.get(i)
        out[name]["documents"] += 1
        if a and a.flagged:
            out[name]["flagged"] += 1
        if a and a.network_id in suspicious:
            out[name]["in_suspicious_networks"] += 1
        if a and a.minor_risk:
            out[name]["minor_risk"] += 1
    return {k: dict(v) for k, v in sorted(out.items())}


def _cross_border(networks, persons, docs, country_of, suspicious) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Persons advertised in two countries, and networks whose recruitment and
    ads sit in different countries."""
    out: list[dict[str, object]] = []
    for p in persons:
        cs = sorted({country_of[i] for i in p.documents if country_of[i]})
        if len(cs) >= 2:
            out.append({"type": "person", "id": p.id, "countries": cs,
                        "suspicious": p.network_id in suspicious})
    for n in networks:
        cs = n.get("countries") or []
        if len(cs) >= 2:
            out.append({"type": "network", "id": n["id"], "countries": cs,
                        "suspicious": n["suspicious"]})
    return out
