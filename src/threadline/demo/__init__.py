"""A generated, fictional, labelled corpus for Threadline's tests, demo and benchmarks.

Real investigation data can't be shared or committed, so every stage is
exercised on this corpus instead: the same formats real tools produce (WARC,
Telegram Desktop export, scraper JSONL) and a ``labels.json`` with the ground
truth (class of each document, persons, networks, actors, phones) keyed by the
refs ingest computes. Variant ``train`` is what indicator patterns may be
written against; ``dev`` is where errors are studied; ``dev2`` is a second
development set kept untouched until a change needs a generalisation check;
``heldout`` uses different phrasings, names, cities and phone disguises, to
measure detection honestly at the end.

All names, phones, accounts and pictures are invented; domains end in ``.example``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadline.demo.ads import MINOR_LABEL_RULE, Doc
from threadline.demo.cast import actor_label, person_label
from threadline.demo.classifieds import write_classifieds
from threadline.demo.phrasebook import VARIANTS, load_phrasebook
from threadline.demo.plan import Plan, Planner, pretty_indent
from threadline.demo.telegram import write_telegram
from threadline.demo.warc import write_warc

__all__ = ["VARIANTS", "CorpusInfo", "generate"]


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    paths: list[Path]  # the inputs to ingest
    labels_path: Path
    documents: int


def generate(out_dir: Path, size: int = 300, seed: int = 7, variant: str = "train") -> CorpusInfo:
    """Write the corpus and ``labels.json`` into ``out_dir``; the same (size, seed,
    variant) always gives byte-identical files."""
    if size < 50:
        raise ValueError("size must be at least 50 for every case of the corpus to appear")
    book = load_phrasebook(variant)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = Planner(size, seed, variant, book).plan()
    rng = random.Random(f"files:{variant}:{seed}:{size}")
    warc_path = out_dir / "web.warc.gz"
    captured = write_warc(warc_path, plan, rng)
    telegram_path = write_telegram(out_dir / "telegram", plan, rng)
    jsonl_path = out_dir / "classifieds.jsonl"
    write_classifieds(jsonl_path, out_dir / "classifieds_images", plan, captured, rng)
    labels = build_labels(plan)
    labels_path = out_dir / "labels.json"
    labels_path.write_text(json.dumps(labels, ensure_ascii=False, indent=pretty_indent(size),
                                      sort_keys=True),
                           encoding="utf-8")
    return CorpusInfo([warc_path, telegram_path, jsonl_path], labels_path,
                      len(labels["documents"]))


def _doc_label(doc: Doc) -> dict[str, Any]:
    return {"class": doc.cls, "minor": doc.minor, "minor_risk": doc.minor_risk,
            "network": doc.network,
            "persons": [p.key for p in doc.persons], "language": doc.language,
            "country": doc.country, "phones": list(doc.phones),
            "obfuscated_phone": doc.obfuscated}


def build_labels(plan: Plan) -> dict[str, Any]:
    """The ground truth, read off the plan that the files were written from."""
    docs = [*plan.web, *(d for chat in plan.telegram.values() for d in chat), *plan.jsonl]
    documents = {}
    for doc in docs:
        if doc.ref in documents:
            raise AssertionError(f"duplicate document ref {doc.ref}")
        documents[doc.ref] = _doc_label(doc)
    persons = {p.key: person_label(p) for net in plan.networks for p in net.persons}
    persons |= {p.key: person_label(p) for p in plan.independents}
    actors = {a.key: actor_label(a) for net in plan.networks for a in net.actors()}
    networks = {net.key: {"persons": [p.key for p in net.persons],
                          "actors": [a.key for a in net.actors()],
                          "countries": sorted(net.countries), "suspicious": True}
                for net in plan.networks}
    sites = {s.domain: {"phones": [s.support_phone], "emails": [s.email], "hub": True}
             for s in plan.sites.values()}
    return {"variant": plan.variant, "seed": plan.seed, "size": plan.size,
            "minor_rule": MINOR_LABEL_RULE, "documents": documents, "networks": networks, "persons": persons,
            "actors": actors, "sites": sites}
