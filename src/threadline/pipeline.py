"""The analysis run: extract → assess → link → score, stored for the report.

This is the one place (with the CLI that calls it) where the stages meet.
Extraction is incremental (only documents whose extractor version is stale);
assessment and linking are recomputed for the whole project on every run,
because a new ad can change every network's shape.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from threadline import faces_step
from threadline.assess import Assessment, apply_structure, assess_document
from threadline.extract import extract
from threadline.link.communities import communities, join_on_shared_contacts
from threadline.link.entities import DocFacts, resolve_actors, resolve_persons
from threadline.link.imagehash import hash_image, hub_images, near_duplicate_pairs
from threadline.link.networks import assess_networks, explain_all, group_communities, network_rules
from threadline.link.pagelinks import page_link_edges
from threadline.link.selectors import (
    contact_aliases,
    contact_groups,
    find_hubs,
    group_edges,
    occurrences_of,
    selector_edges,
)
from threadline.link.structure import front_signals, structural_signals
from threadline.link.templates import discount_other_authors, template_edges
from threadline.model import (
    LINKING_KINDS,
    Attribute,
    Document,
    Edge,
    Extraction,
    Hint,
    Selector,
    Signal,
)
from threadline.parallel import parallel_map
from threadline.settings import current_user
from threadline.store.audit import AuditEvent, record
from threadline.store.db import Store
from threadline.store.tables import (
    DERIVED_TABLES,
    ActorRow,
    AnalysisRun,
    AssessmentRow,
    AttributeRow,
    DocumentImage,
    DocumentRow,
    EdgeRow,
    HubRow,
    ImageHashRow,
    NetworkRow,
    PersonRow,
    SelectorRow,
)

#: Indicators that say an ad presents several persons at once.
GROUP_INDICATORS = frozenset(
    {"managed.third_person_group", "managed.multiple_persons", "managed.third_person_grammar"}
)
#: Bump when extractors change so stored selectors are recomputed.
EXTRACT_VERSION = 1
CHUNK = 2000
#: Documents per extraction batch, and the least work worth starting workers for.
EXTRACT_BATCH = 500
PARALLEL_MIN = 3000


class Steps(Protocol):
    """How the pipeline reports progress (the CLI draws Rich bars)."""

    def __call__(self, description: str, total: int | None) -> Callable[[int], None]: ...


def _no_progress(description: str, total: int | None) -> Callable[[int], None]:
    return lambda n: None


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        ref=row.ref, source_kind=row.source_kind, source=row.source, position=row.position,
        text=row.text, title=row.title, url=row.url, site=row.site, posted_at=row.posted_at,
        captured_at=row.captured_at, city=row.city, country=row.country, account=row.account,
        fields=dict(row.fields or {}),
        hints=[Hint(k, v, s, e) for k, v, s, e in (row.hints or [])],
        raw_sha256=row.raw_sha256,
    )


# --- extraction --------------------------------------------------------------


def extract_rows(batch: list[tuple[int, Document]]) -> tuple[list[dict], list[dict]]:
    """Selector and attribute rows for a batch of documents (runs in workers)."""
    sel_rows: list[dict] = []
    attr_rows: list[dict] = []
    for doc_id, doc in batch:
        ex = extract(doc)
        sel_rows += [
            {"document_id": doc_id, "kind": s.kind, "value": s.value, "platform": s.platform,
             "start": s.start, "end": s.end, "raw": s.raw, "tags": list(s.tags)}
            for s in ex.selectors
        ]
        attr_rows += [
            {"document_id": doc_id, "name": a.name, "value": a.value, "start": a.start,
             "end": a.end, "detail": _jsonable(a.detail)}
            for a in ex.attributes
        ]
    return sel_rows, attr_rows


def _batches(session: Session, ids: list[int]) -> Iterator[list[tuple[int, Document]]]:
    for i in range(0, len(ids), EXTRACT_BATCH):
        chunk = ids[i : i + EXTRACT_BATCH]
        rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(chunk))).all()
        yield [(row.id, document_from_row(row)) for row in rows]


def run_extraction(session: Session, progress: Steps) -> int:
    """Extract selectors for documents whose extractor version is stale, on
    every core when there is enough work to pay for the worker processes."""
    stale = list(
        session.scalars(select(DocumentRow.id).where(DocumentRow.extracted_version < EXTRACT_VERSION))
    )
    advance = progress("Extracting selectors", len(stale))
    results = parallel_map(extract_rows, _batches(session, stale), min_items=PARALLEL_MIN // EXTRACT_BATCH)
    for i, (sel_rows, attr_rows) in enumerate(results):
        ids = stale[i * EXTRACT_BATCH : (i + 1) * EXTRACT_BATCH]
        session.execute(delete(SelectorRow).where(SelectorRow.document_id.in_(ids)))
        session.execute(delete(AttributeRow).where(AttributeRow.document_id.in_(ids)))
        _insert(session, SelectorRow, sel_rows)
        _insert(session, AttributeRow, attr_rows)
        session.execute(
            update(DocumentRow).where(DocumentRow.id.in_(ids)).values(extracted_version=EXTRACT_VERSION)
        )
        advance(len(ids))
    return len(stale)


def _insert(session: Session, table: type, rows: list[dict]) -> None:
    """Bulk insert through SQLAlchemy Core: no ORM bookkeeping per row."""
    for batch in _chunks(rows):
        session.execute(table.__table__.insert(), batch)  # type: ignore[attr-defined]


def _jsonable(value: dict[str, object]) -> dict[str, object]:
    return {k: (v if isinstance(v, str | int | float | bool | None | list | dict) else str(v))
            for k, v in value.items()}


def load_extractions(session: Session) -> dict[int, Extraction]:
    out: dict[int, Extraction] = defaultdict(Extraction)
    for r in session.execute(
        select(SelectorRow.document_id, SelectorRow.kind, SelectorRow.value, SelectorRow.start,
               SelectorRow.end, SelectorRow.raw, SelectorRow.platform, SelectorRow.tags)
    ):
        out[r[0]].selectors.append(Selector(r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7] or ())))
    for r in session.execute(
        select(AttributeRow.document_id, AttributeRow.name, AttributeRow.value, AttributeRow.start,
               AttributeRow.end, AttributeRow.detail)
    ):
        out[r[0]].attributes.append(Attribute(r[1], r[2], r[3], r[4], dict(r[5] or {})))
    return out


# --- assessment ----------------------------------------------------------------


def assess_rows(batch: list[tuple[int, Document, Extraction]]) -> list[tuple[int, Assessment]]:
    """Text-level assessment of a batch of documents (runs in workers)."""
    return [(doc_id, assess_document(doc, ex)) for doc_id, doc, ex in batch]


def run_assessment(
    rows: dict[int, DocumentRow], extractions: dict[int, Extraction], progress: Steps
) -> dict[int, Assessment]:
    """Assess every document, on every core when there is enough work."""
    advance = progress("Assessing risk", len(rows))
    ids = list(rows)
    batches = [
        [(i, document_from_row(rows[i]), extractions[i]) for i in ids[k : k + EXTRACT_BATCH]]
        for k in range(0, len(ids), EXTRACT_BATCH)
    ]
    out: dict[int, Assessment] = {}
    for done in parallel_map(assess_rows, batches, min_items=PARALLEL_MIN // EXTRACT_BATCH):
        out.update(done)
        advance(len(done))
    return out


# --- images ------------------------------------------------------------------


def hash_file(item: tuple[str, str]) -> tuple[str, dict | None, str | None]:
    """(sha256, path) → (sha256, hashes as a dict, error); runs in workers."""
    sha, path = item
    try:
        hashes = hash_image(Path(path).read_bytes())
    except Exception as exc:  # a hostile image must not stop the run
        return sha, None, f"{type(exc).__name__}: {exc}"
    return sha, (dataclasses.asdict(hashes) if hashes else None), (None if hashes else "not decodable")


def run_image_hashing(store: Store, session: Session, progress: Steps) -> dict[str, dict]:
    """Perceptual hashes for every captured image, computed once per content hash."""
    wanted = set(session.scalars(select(DocumentImage.sha256).where(DocumentImage.sha256.is_not(None))))
    known = dict(session.execute(select(ImageHashRow.sha256, ImageHashRow.hashes)).all())
    todo = sorted(wanted - set(known))
    advance = progress("Hashing images", len(todo))
    rows = []
    items = [(sha, str(store.evidence.path(sha))) for sha in todo]
    for sha, value, error in parallel_map(hash_file, items, min_items=200, chunksize=16):
        rows.append({"sha256": sha, "hashes": value, "error": error})
        known[sha] = value
        advance(1)
    _insert(session, ImageHashRow, rows)
    return {k: v for k, v in known.items() if v and k in wanted}


def image_edges(
    session: Session, hashes: dict[str, dict], total_docs: int
) -> tuple[list[Edge], set[str]]:
    from threadline.link.imagehash import ImageHashes

    docs_of: dict[str, set[int]] = defaultdict(set)
    for doc_id, sha in session.execute(
        select(DocumentImage.document_id, DocumentImage.sha256).where(DocumentImage.sha256.is_not(None))
    ):
        docs_of[sha].add(doc_id)
    hubs = hub_images(docs_of, total_docs)
    edges: list[Edge] = []
    for sha, docs in docs_of.items():
        if sha not in hubs:
            edges += group_edges(docs, "image", sha[:16], 0.9)
    typed = {sha: ImageHashes(**h) for sha, h in hashes.items() if sha not in hubs}
    for a, b, _distance in near_duplicate_pairs(typed):
        for da in docs_of[a]:
            for db in docs_of[b]:
                if da != db:
                    edges.append(Edge(min(da, db), max(da, db), "image", f"{a[:16]}~{b[:16]}", 0.85))
    return edges, hubs


# --- the run -----------------------------------------------------------------


def _facts(row: DocumentRow, ex: Extraction, a: Assessment, contacts: Iterable[tuple[str, str]]) -> DocFacts:
    ages = []
    name_ages = []
    for attr in ex.attribute("age"):
        try:
            ages.append(int(attr.value))
        except ValueError:
            continue
        if attr.detail.get("name"):
            name_ages.append((str(attr.detail["name"]), ages[-1]))
    cities = ex.attribute("city")
    countries = ex.attribute("country")
    when = row.posted_at or row.captured_at
    return DocFacts(
        id=row.id, ref=row.ref, site=row.site, kind=a.kind, risk=a.risk, text_risk=a.risk,
        minor_risk=a.minor_risk,
        names=tuple(x.value for x in ex.attribute("name")), ages=tuple(ages),
        city=row.city or (cities[0].value if cities else None),
        country=row.country or (countries[0].value if countries else None),
        day=when.date() if when else None, contacts=tuple(sorted(set(contacts))),
        urls=tuple(ex.values("url")), usernames=tuple(ex.values("username") + ex.values("account")),
        group=any(s.indicator in GROUP_INDICATORS for s in a.signals),
        name_ages=tuple(name_ages),
    )


def analyze(store: Store, progress: Steps = _no_progress, faces: bool = True) -> dict[str, object]:
    """Run the whole analysis in one transaction; return the run's summary.

    ``faces=False`` skips the face step (detection, face links, apparent-age
    cues, watchlist scan) for a quick look; faces already stored still count."""
    started = datetime.now(UTC)
    with store.session() as session:
        extracted = run_extraction(session, progress)
    with store.session() as session:
        rows = {r.id: r for r in session.scalars(select(DocumentRow))}
        extractions = load_extractions(session)
        assessments = run_assessment(rows, extractions, progress)

        occ = occurrences_of(
            (doc_id, s.kind, s.value)
            for doc_id, ex in extractions.items()
            for s in ex.selectors
            if s.kind in LINKING_KINDS
        )
        occ, _ = contact_aliases(occ, (
            s.value for ex in extractions.values() for s in ex.selectors
            if s.kind == "phone" and s.raw.lstrip().startswith(("+", "00"))))
        hubs = find_hubs(occ, {i: r.site for i, r in rows.items()})
        hub_keys = {(h.kind, h.value) for h in hubs}
        edges = selector_edges(occ, hubs)
        # each document's own contacts as linking reads them: aliases merged, hubs left out
        contacts_of: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for key, docs in occ.items():
            if key not in hub_keys:
                for d in docs:
                    contacts_of[d].add(key)
        rules = network_rules()
        advance = progress("Linking templates", None)
        templates = template_edges((i, f"{r.title}\n{r.text}") for i, r in rows.items())
        advance(1)
        edges += discount_other_authors(templates, contacts_of,
                                        float(rules["template_other_contacts_factor"]))
        hashes = run_image_hashing(store, session, progress)
        img_edges, img_hubs = image_edges(session, hashes, len(rows))
        edges += img_edges
        page_links = page_link_edges({i: r.url for i, r in rows.items()}, (
            (i, s.value) for i, ex in extractions.items() for s in ex.selectors if s.kind == "url"))
        edges += page_links
        if faces:
            faces_step.run_faces(store, session, progress)
        same_face = faces_step.face_edges(session)
        edges += same_face
        for doc_id, cues in faces_step.image_minor_cues(session).items():
            if doc_id in assessments:
                assessments[doc_id] = _with_image_cues(assessments[doc_id], cues)

        advance = progress("Finding networks", None)
        groups = [docs for _, _, docs in contact_groups(occ, hubs)]
        community = join_on_shared_contacts(
            communities(sorted(rows), edges), groups, int(rules["join_min_documents"]))
        # a recruiter's number (used mostly in job offers) printed on even one ad ties the
        # job posts to that ad's network
        recruiters = [docs for docs in groups
                      if 2 * sum(assessments[d].kind == "recruitment" for d in docs) > len(docs)]
        community = join_on_shared_contacts(community, recruiters,
                                            int(rules["join_min_documents"]),
                                            int(rules["join_min_recruiter_other"]))
        facts = {i: _facts(rows[i], extractions[i], assessments[i], contacts_of.get(i, ()))
                 for i in rows}
        doc_list = list(facts.values())
        networks = group_communities(community, doc_list)
        network_of = {d: n.id for n in networks for d in n.documents}
        persons = resolve_persons(doc_list, img_edges + same_face, community, page_links)
        person_of: dict[int, list[str]] = defaultdict(list)
        for p in persons:
            for d in p.documents:
                person_of[d].append(p.id)
        actors = resolve_actors(doc_list, person_of, community, int(rules["actor_shared_persons"]))
        for p in persons:
            p.network = _most_common(network_of.get(d) for d in p.documents)
        for a in actors:
            a.network = _most_common(network_of.get(d) for d in a.documents)
        structure = structural_signals(doc_list, persons, actors, templates)
        for doc_id, signals in structure.items():
            assessments[doc_id] = apply_structure(assessments[doc_id], signals)
            facts[doc_id].risk = assessments[doc_id].risk
            facts[doc_id].minor_risk = assessments[doc_id].minor_risk
        for doc_id, signals in front_signals(page_links, facts).items():
            assessments[doc_id] = apply_structure(assessments[doc_id], signals)
            facts[doc_id].minor_risk = assessments[doc_id].minor_risk
        for p in persons:
            p.minor = any(facts[d].minor_risk for d in p.documents)
        assess_networks(networks, facts, persons, actors)
        explain_all(networks, facts, edges, persons, actors)
        advance(1)

        _write_results(session, assessments, network_of, edges, hubs, img_hubs, networks, persons, actors)
        new_candidates = faces_step.scan_watchlist(session)
        if new_candidates:
            record(session, AuditEvent("faces.watchlist_scan", current_user(), "analysis run",
                                       {"new_candidates": new_candidates}))
        summary = {
            "documents": len(rows), "extracted": extracted, "edges": len(edges),
            "hubs": len(hubs) + len(img_hubs), "networks": len(networks),
            "suspicious_networks": sum(n.suspicious for n in networks),
            "persons": len(persons), "actors": len(actors), "face_links": len(same_face),
            "new_watchlist_candidates": new_candidates,
        }
        session.add(AnalysisRun(started_at=started, finished_at=datetime.now(UTC),
                                user=current_user(), summary=summary))
    return summary


def _with_image_cues(a: Assessment, cues: list[tuple[Signal, bool]]) -> Assessment:
    """Apparent-age cues from faces join the minor cues; under 18 they raise the
    flag, between 18 and the review age they are listed for a human only."""
    return dataclasses.replace(
        a,
        minor_cues=[*a.minor_cues, *(c for c, _ in cues)],
        minor_risk=a.minor_risk or any(flag for _, flag in cues),
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _signal_dicts(signals: Iterable[Signal]) -> list[dict]:
    return [
        {"indicator": s.indicator, "category": s.category, "contribution": s.contribution,
         "language": s.language, "span": s.span, "start": s.start, "end": s.end,
         "source": s.source, "detail": _jsonable(dict(s.detail))}
        for s in signals
    ]


def _write_results(session, assessments, network_of, edges, hubs, img_hubs, networks, persons, actors) -> None:  # type: ignore[no-untyped-def]
    for table in DERIVED_TABLES:
        session.execute(delete(table))
    _insert(session, AssessmentRow, [
        {"document_id": i, "kind": a.kind, "risk": round(a.risk, 4), "flagged": a.flagged,
         "minor_risk": a.minor_risk, "signals": _signal_dicts(a.signals),
         "minor_cues": _signal_dicts(a.minor_cues), "network_id": network_of.get(i)}
        for i, a in assessments.items()
    ])
    _insert(session, EdgeRow,
            [{"a": e.a, "b": e.b, "kind": e.kind, "value": e.value, "weight": e.weight} for e in edges])
    hub_rows = [{"kind": h.kind, "value": h.value, "documents": h.documents, "reason": h.reason} for h in hubs]
    hub_rows += [{"kind": "image", "value": sha, "documents": 0, "reason": "logo or placeholder image"}
                 for sha in sorted(img_hubs)]
    _insert(session, HubRow, hub_rows)
    _insert(session, NetworkRow, [
        {"id": n.id, "suspicious": n.suspicious, "risk": n.risk, "size": len(n.documents),
         "signals": _signal_dicts(n.signals), "explanation": n.explanation}
        for n in networks
    ])
    _insert(session, PersonRow, [
        {"id": p.id, "network_id": p.network, "minor": p.minor, "names": p.names,
         "documents": p.documents} for p in persons
    ])
    _insert(session, ActorRow, [
        {"id": a.id, "role": a.role, "roles": a.roles, "network_id": a.network,
         "selectors": [list(s) for s in a.selectors], "documents": a.documents,
         "persons": a.persons} for a in actors
    ])


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
