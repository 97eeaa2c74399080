"""Links from shared selectors, with hub selectors set aside.

Two ads that carry the same phone, e-mail, handle or poster account were very
likely placed by the same hand. But a site's own support number is on every
page it serves: linking on it would make one giant fake network. Hubs are
detected by the rules in ``data/hubs.yaml`` and returned with their reason so
the report can say what was ignored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import phonenumbers
import yaml

from threadline.hosts import same_site
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
    own_address_share: float = 0.8
    own_address_companions: int = 3
    global_companion_share: float = 0.5
    page_link_max_sources: int = 20


@cache
def hub_rules(path: Path | None = None) -> HubRules:
    raw = yaml.safe_load((path or DATA / "hubs.yaml").read_text(encoding="utf-8"))
    return HubRules(**raw)


def find_hubs(
    occurrences: Mapping[tuple[str, str], set[int]],
    site_of: Mapping[int, str | None],
    rules: HubRules | None = None,
) -> list[Hub]:
    """Selectors (kind, value) → hubs: by site share, by global share, and the
    site's own contact printed beside its own address (see ``data/hubs.yaml``)."""
    rules = rules or hub_rules()
    total = len(site_of)
    site_sizes = Counter(site_of.values())
    own = _own_address_documents(occurrences, site_of)
    phones_of: dict[int, set[str]] = defaultdict(set)
    for (kind, value), docs in occurrences.items():
        if kind == "phone":
            for d in docs:
                phones_of[d].add(value)
    # where each selector mostly appears: (site, documents there, the site's size)
    shares = {key: _main_site(docs, site_of, site_sizes)
              for key, docs in occurrences.items() if len(docs) >= 2}
    footers = {value for (kind, value), share in shares.items()
               if kind == "phone" and not _is_chat(share[0]) and _on_most_of_site(share, rules)}
    hubs: list[Hub] = []
    for (kind, value), (site, count, size) in shares.items():
        docs = occurrences[(kind, value)]
        n = len(docs)
        if n > rules.global_share * total and n >= rules.global_min_documents:
            beside = sum(1 for d in docs if phones_of[d] - footers - {value})
            if beside >= rules.global_companion_share * n:
                hubs.append(Hub(kind, value, n, f"on {n} of {total} documents (> "
                                f"{rules.global_share:.0%}), beside another number on {beside}"))
                continue
        if _is_chat(site) and kind != "account":
            # a chat has no page furniture: a number in most of its posts is its operator's
            # (a job channel's recruiter); the chat's own posting account stays a hub
            continue
        if _on_most_of_site((site, count, size), rules):
            hubs.append(
                Hub(kind, value, n, f"on {count} of {size} documents of {site}: the site's own contact")
            )
        elif site and (kind, value) in own.get(site, {}).get("addresses", ()):
            hubs.append(Hub(kind, value, n, f"an address at {site}'s own domain: the site's own contact"))
        elif site and _beside_own_address(kind, value, docs, own.get(site), phones_of, rules):
            beside = len(docs & own[site]["documents"])
            hubs.append(Hub(kind, value, n, f"beside {site}'s own address on {beside} of {n} "
                                            "documents, next to many other contacts: the site's own contact"))
    return sorted(hubs, key=lambda h: (-h.documents, h.kind, h.value))


def _main_site(docs: set[int], site_of: Mapping[int, str | None],
               site_sizes: Mapping[str | None, int]) -> tuple[str | None, int, int]:
    """The site most of ``docs`` are on, how many are there, and that site's size."""
    site, count = Counter(site_of.get(d) for d in docs).most_common(1)[0]
    return site, count, site_sizes[site]


def _on_most_of_site(share: tuple[str | None, int, int], rules: HubRules) -> bool:
    """The per-site share rule: on most documents of one large enough site."""
    site, count, size = share
    return bool(site) and size >= rules.site_min_documents and count >= rules.site_share * size


def _is_chat(site: str | None) -> bool:
    return site is not None and site.startswith("telegram:")


def _own_address_documents(
    occurrences: Mapping[tuple[str, str], set[int]], site_of: Mapping[int, str | None]
) -> dict[str, dict[str, set]]:
    """Per site: its own e-mail addresses (at the site's domain, "support@site") and the
    documents that carry one: the page furniture of a full-page capture."""
    own: dict[str, dict[str, set]] = {}
    for (kind, value), docs in occurrences.items():
        if kind != "email" or "@" not in value:
            continue
        domain = value.rsplit("@", 1)[1].lower()
        for d in docs:
            site = (site_of.get(d) or "").lower()
            if site and same_site(domain, site):
                entry = own.setdefault(site, {"addresses": set(), "documents": set()})
                entry["addresses"].add((kind, value))
                entry["documents"].add(d)
    return own


def _beside_own_address(
    kind: str,
    value: str,
    docs: set[int],
    own: dict[str, set] | None,
    phones_of: Mapping[int, set[str]],
    rules: HubRules,
) -> bool:
    """A site's phone printed in its footer: nearly always beside the site's own address,
    and beside many different contacts (each ad's own). A controller posting only on that
    site is beside the address too, but always with the same one or two other numbers."""
    if own is None or kind != "phone" or len(docs) < rules.own_address_companions:
        return False
    if len(docs & own["documents"]) < rules.own_address_share * len(docs):
        return False
    companions = set().union(*(phones_of[d] for d in docs)) - {value}
    return len(companions) >= rules.own_address_companions


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


def contact_groups(
    occurrences: Mapping[tuple[str, str], set[int]],
    hubs: Iterable[Hub],
) -> Iterator[tuple[str, str, set[int]]]:
    """(kind, value, documents) of every linking selector that is not a hub: the
    contacts that say "same hand" (edges here, joined communities in the pipeline)."""
    ignored = {(h.kind, h.value) for h in hubs}
    for (kind, value), docs in occurrences.items():
        if kind in KIND_WEIGHT and (kind, value) not in ignored:
            yield kind, value, docs


def selector_edges(
    occurrences: Mapping[tuple[str, str], set[int]],
    hubs: Iterable[Hub],
) -> list[Edge]:
    """Edges between documents sharing a non-hub linking selector."""
    edges: list[Edge] = []
    for kind, value, docs in contact_groups(occurrences, hubs):
        edges += group_edges(docs, kind, value, KIND_WEIGHT[kind])
    return edges


def occurrences_of(rows: Iterable[tuple[int, str, str]]) -> dict[tuple[str, str], set[int]]:
    """(document id, kind, value) rows → {(kind, value): {document ids}}."""
    occ: dict[tuple[str, str], set[int]] = defaultdict(set)
    for doc_id, kind, value in rows:
        occ[(kind, value)].add(doc_id)
    return dict(occ)


def contact_aliases(
    occurrences: Mapping[tuple[str, str], set[int]], explicit_phones: Iterable[str] = (),
) -> tuple[dict[tuple[str, str], set[int]], dict[tuple[str, str], tuple[str, str]]]:
    """One contact read two ways is one contact. Returns the merged occurrences and the
    alias map (variant key → canonical key) for the documents' own contact lists.

    * A bare "@diosas_velvet" (platform ``unknown``) is the ``telegram:diosas_velvet`` the
      ads name, when exactly one platform in the corpus has that handle: a driver's post
      that says "book via @diosas_velvet" points at the controller's Telegram.
    * A number written without its country code was given the region the text suggests
      (a Spanish-language post → +34). When the same national digits appear elsewhere
      written with an explicit code (``explicit_phones``: "+351 960 …" or "00351 …"), and
      only one such code, the guessed reading is that number.
    """
    aliases = _handle_aliases(occurrences) | _phone_aliases(occurrences, set(explicit_phones))
    if not aliases:
        return dict(occurrences), aliases
    merged: dict[tuple[str, str], set[int]] = defaultdict(set)
    for key, docs in occurrences.items():
        merged[aliases.get(key, key)] |= docs
    return dict(merged), aliases


def _handle_aliases(occurrences: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    known: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, value in occurrences:
        platform, _, handle = value.partition(":")
        if kind == "username" and handle and platform != "unknown":
            known[handle.casefold()].add((kind, value))
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, value in occurrences:
        if kind == "username" and value.startswith("unknown:"):
            targets = known.get(value.partition(":")[2].casefold(), set())
            if len(targets) == 1:
                aliases[(kind, value)] = next(iter(targets))
    return aliases


def _phone_aliases(occurrences: Iterable[tuple[str, str]], explicit: set[str]
                   ) -> dict[tuple[str, str], tuple[str, str]]:
    by_digits: dict[int, set[str]] = defaultdict(set)
    for kind, value in occurrences:
        if kind == "phone":
            try:
                number = phonenumbers.parse(value)
            except phonenumbers.NumberParseException:
                continue
            by_digits[number.national_number].add(value)
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    for values in by_digits.values():
        if len(values) < 2:
            continue
        stated = values & explicit
        if len(stated) == 1:
            target = next(iter(stated))
            for v in values - explicit:
                aliases[("phone", v)] = ("phone", target)
    return aliases
