"""Persons and actors: who is advertised, and who is behind the ads.

A *person* is a woman (or man) advertised: ads showing the same photos, or
the same working name and age under the same contacts, are one person. An
*actor* is a potential exploiter: contact selectors used together (a phone
and a Telegram handle in one ad) resolve into one actor — one individual
behind many accounts — whose role follows from what those contacts do:
advertising several different persons makes a ``controller``, contact in
fake job offers a ``recruiter``, contact in logistics/other posts tied to a
network a ``facilitator``. Every one of these is a lead for human review.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from threadline.model import Edge

ROLE_ORDER = ("controller", "recruiter", "facilitator")


@dataclass(slots=True)
class DocFacts:
    """What linking needs to know about one document."""

    id: int
    ref: str
    site: str | None = None
    kind: str = "ad"  # ad | recruitment | other
    risk: float = 0.0
    minor_risk: bool = False
    names: tuple[str, ...] = ()
    ages: tuple[int, ...] = ()
    city: str | None = None
    country: str | None = None
    day: date | None = None
    contacts: tuple[tuple[str, str], ...] = ()  # non-hub linking selectors (kind, value)
    urls: tuple[str, ...] = ()
    usernames: tuple[str, ...] = ()


@dataclass(slots=True)
class Person:
    id: str
    documents: list[int]
    names: list[str]
    ages: list[int]
    minor: bool = False
    network: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    selectors: list[tuple[str, str]]
    documents: list[int]
    roles: list[str] = field(default_factory=list)
    persons: int = 0
    network: str | None = None

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self, items: Iterable[object]) -> list[list[object]]:
        out: dict[object, list[object]] = defaultdict(list)
        for x in items:
            out[self.find(x)].append(x)
        return list(out.values())


def stable_id(prefix: str, keys: Iterable[str]) -> str:
    """An id that survives re-analysis as long as the group's first member does."""
    first = min(keys)
    return f"{prefix}-{hashlib.sha1(first.encode('utf-8')).hexdigest()[:8]}"


def fold_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def resolve_persons(
    docs: Sequence[DocFacts], image_edges: Iterable[Edge], community: Mapping[int, int]
) -> list[Person]:
    """Group ads into persons: shared photos, or the same working name (and
    compatible age) inside one linked community."""
    ads = {d.id: d for d in docs if d.kind == "ad"}
    uf = UnionFind()
    for e in image_edges:
        if e.a in ads and e.b in ads:
            uf.union(e.a, e.b)
    by_name: dict[tuple[int, str], list[int]] = defaultdict(list)
    for d in ads.values():
        if d.id in community:
            for name in d.names[:1]:
                by_name[(community[d.id], fold_name(name))].append(d.id)
    for ids in by_name.values():
        for other in ids[1:]:
            a, b = ads[ids[0]], ads[other]
            if not a.ages or not b.ages or abs(a.ages[0] - b.ages[0]) <= 2:
                uf.union(ids[0], other)
    persons = []
    for group in uf.groups(sorted(ads)):
        members = sorted(int(g) for g in group)  # type: ignore[call-overload]
        names = sorted({n for m in members for n in ads[m].names[:1]})
        ages = sorted({a for m in members for a in ads[m].ages})
        persons.append(
            Person(
                id=stable_id("P", (ads[m].ref for m in members)),
                documents=members,
                names=names,
                ages=ages,
                minor=any(ads[m].minor_risk for m in members),
            )
        )
    return persons


def resolve_actors(docs: Sequence[DocFacts], person_of: Mapping[int, str]) -> list[Actor]:
    """Contacts used together are one actor; roles follow from their documents."""
    by_id = {d.id: d for d in docs}
    uf = UnionFind()
    docs_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for d in docs:
        for c in d.contacts:
            docs_of[c].add(d.id)
            uf.find(c)
        for c in d.contacts[1:]:
            uf.union(d.contacts[0], c)
    actors = []
    for group in uf.groups(sorted(docs_of)):
        selectors = sorted(group)  # type: ignore[type-var]
        members = sorted({i for s in selectors for i in docs_of[s]})  # type: ignore[index]
        kinds = {by_id[i].kind for i in members}
        persons = {person_of[i] for i in members if i in person_of}
        roles = []
        if len(persons) >= 2:
            roles.append("controller")
        if "recruitment" in kinds:
            roles.append("recruiter")
        if "other" in kinds and len(members) >= 2 and kinds != {"other"}:
            roles.append("facilitator")
        if not roles:
            continue
        actors.append(
            Actor(
                id=stable_id("A", (f"{k}:{v}" for k, v in selectors)),  # type: ignore[misc]
                selectors=selectors,  # type: ignore[arg-type]
                documents=members,
                roles=roles,
                persons=len(persons),
            )
        )
    return actors
