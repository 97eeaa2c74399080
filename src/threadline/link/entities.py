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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from threadline.folding import fold
from threadline.link.unionfind import UnionFind
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
    text_risk: float = 0.0  # the document's own wording, before the link stage's structure
    names: tuple[str, ...] = ()
    ages: tuple[int, ...] = ()
    city: str | None = None
    country: str | None = None
    day: date | None = None
    contacts: tuple[tuple[str, str], ...] = ()  # non-hub linking selectors (kind, value)
    urls: tuple[str, ...] = ()
    usernames: tuple[str, ...] = ()
    group: bool = False  # the text presents several persons ("our ladies Fenna, Rocío…")
    name_ages: tuple[tuple[str, int], ...] = ()  # ages read right after a name ("Perrine: 17")


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


def stable_id(prefix: str, keys: Iterable[str]) -> str:
    """An id that survives re-analysis as long as the group's first member does."""
    first = min(keys)
    return f"{prefix}-{hashlib.sha1(first.encode('utf-8')).hexdigest()[:8]}"


def fold_name(name: str) -> str:
    """"Lucía", "LUCIA" and "lucia" are one working name."""
    return fold(name.strip())


def resolve_persons(
    docs: Sequence[DocFacts], image_edges: Iterable[Edge], community: Mapping[int, int],
    page_links: Iterable[Edge] = (),
) -> list[Person]:
    """Group ads into persons: shared photos (or faces), or the same working
    name (and compatible age) inside one linked community. An ad that names
    several women ("ask for Lucía, Tamara, Lena") shows several persons, and
    an ad that names no one and links to the page of an ad naming one woman
    (``page_links``: "+ fotos") shows her."""
    ads = {d.id: d for d in _person_ads(docs)}
    uf = UnionFind()
    slots: dict[int, list[tuple[int, int]]] = {}
    for d in ads.values():
        slots[d.id] = [(d.id, k) for k in range(max(1, len(d.names)))]
        for slot in slots[d.id]:
            uf.find(slot)
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for e in image_edges:
        # a photo can't be told apart between several women: join only ads
        # that advertise one person each
        if e.a in ads and e.b in ads and _single(ads[e.a]) and _single(ads[e.b]):
            shared[(min(e.a, e.b), max(e.a, e.b))].add(e.value)
    ages = _AgeSpans(uf, {slot: _age(ads[slot[0]], slot[1]) for d in ads.values() for slot in slots[d.id]})
    for (a, b), photos in sorted(shared.items()):
        # the same woman renamed re-uses several of her photos; one photo in
        # common between two differently named ads may be a group ad read as
        # one, so it takes two — and a different name with a different age
        # (Saskia 18, Loredana 21) is two women whose photos one group ad mixed
        if ads[a].names and ads[b].names and _same_name_or_unnamed(ads[a], ads[b]):
            ages.union(slots[a][0], slots[b][0])  # her own name and photos: ages may vary
        elif _same_name_or_unnamed(ads[a], ads[b]) or len(photos) >= 2:
            ages.union_if_agreeing(slots[a][0], slots[b][0])
    for e in page_links:
        if e.a in ads and e.b in ads:
            front, page = (ads[e.a], ads[e.b]) if not ads[e.a].names else (ads[e.b], ads[e.a])
            if not front.names and len(page.names) == 1:
                ages.union_if_agreeing(slots[front.id][0], slots[page.id][0])
    by_name: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for d in ads.values():
        if d.id in community:
            for k, name in enumerate(d.names):
                by_name[(community[d.id], fold_name(name))].append((d.id, k))
    for members in by_name.values():
        # each ad joins the first woman of that name whose ages it fits (Rosmary 18 and
        # Rosmary 44 in one town are two women, and each keeps all her own ads)
        women: list[tuple[int, int]] = []
        for slot in members:
            if not any(ages.union_if_agreeing(w, slot) for w in women):
                women.append(slot)
    unattributed = _attach_unnamed(ads, slots, ages)
    persons = []
    for group in uf.groups([s for d in sorted(ads) for s in slots[d]]):
        members = sorted({doc for doc, _ in group})  # type: ignore[misc]
        names = sorted({ads[doc].names[k] for doc, k in group if k < len(ads[doc].names)})  # type: ignore[misc]
        stated = sorted({_age(ads[doc], k) for doc, k in group} - {None})  # type: ignore[misc]
        if not names and all(doc in unattributed for doc, _ in group):  # type: ignore[misc]
            continue  # ads of a multi-person contact that name no one: not a new victim
        key = [f"{ads[doc].ref}#{k}" for doc, k in group]  # type: ignore[misc]
        persons.append(
            Person(
                id=stable_id("P", key),
                documents=members,
                names=names,
                ages=stated,  # type: ignore[arg-type]
                minor=any(ads[m].minor_risk for m in members),
            )
        )
    return persons


def _person_ads(docs: Sequence[DocFacts]) -> list[DocFacts]:
    """Documents that advertise a person: ads, and also posts the text
    classifier called "other" that carry an ad's profile (a working name and a
    stated age) and share a contact with ads — an ad whose wording was not
    recognised must not make its woman disappear from the count."""
    ad_contacts = {c for d in docs if d.kind == "ad" for c in d.contacts}
    return [
        d for d in docs
        if d.kind == "ad"
        or (d.kind == "other" and d.names and d.ages and any(c in ad_contacts for c in d.contacts))
    ]


def _same_name_or_unnamed(a: DocFacts, b: DocFacts) -> bool:
    return not a.names or not b.names or fold_name(a.names[0]) == fold_name(b.names[0])


def _single(d: DocFacts) -> bool:
    """An ad that shows one person: not worded as a group, one name at most,
    and one stated age at most (several different ages mean several women
    even when only one name was read)."""
    return not d.group and len(d.names) <= 1 and len(set(d.ages)) <= 1


def _attach_unnamed(ads: Mapping[int, DocFacts], slots: Mapping[int, list[tuple[int, int]]],
                    ages: _AgeSpans) -> set[int]:
    """An ad with no working name joins the one person its contact already
    advertises; unnamed ads of a contact that advertises no named person are
    one person. Where the contact advertises several persons, who is shown
    can't be told: those ads are returned as unattributed, so that they are
    not counted as persons of their own."""
    uf = ages.uf
    persons_of: dict[tuple[str, str], set[object]] = defaultdict(set)
    for d in ads.values():
        if d.names:
            for c in d.contacts:
                persons_of[c].update(uf.find(s) for s in slots[d.id])
    unnamed_by_contact: dict[tuple[str, str], list[int]] = defaultdict(list)
    unattributed: set[int] = set()
    for d in ads.values():
        if d.names or not d.contacts:
            continue
        known = set().union(*(persons_of.get(c, set()) for c in d.contacts))
        if len(known) == 1:
            ages.union_if_agreeing(next(iter(known)), slots[d.id][0])
        elif not known:
            for c in d.contacts:
                unnamed_by_contact[c].append(d.id)
        else:
            unattributed.add(d.id)
    for ids in unnamed_by_contact.values():
        for other in ids[1:]:
            ages.union_if_agreeing(slots[ids[0]][0], slots[other][0])
    return unattributed


class _AgeSpans:
    """A union-find over person slots that keeps each group's youngest and oldest
    stated age, so that a join is judged against the whole group, not one pair.

    Pairwise checks chain: an unnamed ad sharing a photo with "Matilde, 21" and another
    with "Puck, 45" (a stock photo, or one stolen from another woman) made one woman of
    both, and her ages then read as a minor hiding behind changing ages. Joins by a
    different name, an unnamed ad or a name within a community therefore keep a group's
    stated ages within ``AGE_TOLERANCE`` years; only the same working name on the same
    photos joins whatever the ages say (that spread is the age-inconsistency cue)."""

    def __init__(self, uf: UnionFind, age_of: Mapping[tuple[int, int], int | None]) -> None:
        self.uf = uf
        self.span: dict[object, tuple[int, int]] = {
            slot: (age, age) for slot, age in age_of.items() if age is not None}

    def union(self, a: object, b: object) -> None:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return
        self.uf.union(ra, rb)
        root = self.uf.find(ra)
        spans = [s for s in (self.span.pop(ra, None), self.span.pop(rb, None)) if s]
        if spans:
            self.span[root] = (min(s[0] for s in spans), max(s[1] for s in spans))

    def union_if_agreeing(self, a: object, b: object) -> bool:
        sa, sb = self.span.get(self.uf.find(a)), self.span.get(self.uf.find(b))
        if sa and sb and max(sa[1], sb[1]) - min(sa[0], sb[0]) > AGE_TOLERANCE:
            return False
        self.union(a, b)
        return True


#: Years two stated ages of one woman may differ by without it being news (rounding,
#: a birthday between two ads, or 17 → 18 across the legal line).
AGE_TOLERANCE = 2


def _age(d: DocFacts, k: int) -> int | None:
    """The age stated for the k-th named person (ads list names and ages in order)."""
    if len(d.names) <= 1:
        return d.ages[0] if d.ages else None
    # several names: the age written after her name, else trust the order only when there
    # is one age per name (a page's header repeats the lead's age, so counts often differ)
    own = [age for name, age in d.name_ages if fold_name(name) == fold_name(d.names[k])]
    if own:
        return min(own)
    return d.ages[k] if len(d.ages) == len(d.names) else None


def resolve_actors(
    docs: Sequence[DocFacts], person_of: Mapping[int, Iterable[str]], community: Mapping[int, int],
    shared_persons: int = 2,
) -> list[Actor]:
    """Contacts used together are one actor; roles follow from their documents.

    Two contacts are one actor when they serve the same kind of documents
    (ads, recruitment, other) and appear together in two or more of them, or
    one only ever appears beside the other (a poster account always used with
    the same phone). A single ad that mentions two numbers does not on its
    own make their owners one person, nor does a recruiter's or driver's post
    that names the controller's number.

    Contacts of ads that advertise ``shared_persons`` or more of the same
    persons are one actor too: a controller's second phone need never appear
    beside the first, but it sells the same women (the same photos, the same
    working names). Two contacts sharing one woman may be her own phone and her
    controller's, so one shared person is not enough."""
    by_id = {d.id: d for d in docs}
    docs_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    together: dict[tuple[tuple[str, str], tuple[str, str]], int] = defaultdict(int)
    for d in docs:
        for c in d.contacts:
            docs_of[c].add(d.id)
        for i, a in enumerate(d.contacts):
            for b in d.contacts[i + 1 :]:
                together[(a, b)] += 1
    uf = UnionFind()
    for c in docs_of:
        uf.find(c)
    role_of = {c: _dominant_kind(ids, by_id) for c, ids in docs_of.items()}
    for (a, b), n in together.items():
        # a driver's or recruiter's post that names the controller's number is
        # two people working together, not one person: contacts merge only
        # when they serve the same kind of documents
        if role_of[a] != role_of[b]:
            continue
        if n >= 2 or docs_of[a] <= docs_of[b] or docs_of[b] <= docs_of[a]:
            uf.union(a, b)
    _join_lone_accounts(docs_of, by_id, uf)
    _join_on_shared_persons(docs_of, role_of, person_of, shared_persons, uf)
    actors = []
    for group in uf.groups(sorted(docs_of)):
        selectors = sorted(group)  # type: ignore[type-var]
        members = sorted({i for s in selectors for i in docs_of[s]})  # type: ignore[index]
        persons = {p for i in members for p in person_of.get(i, ())}
        roles = []
        # a poster account seen on a single group ad, with no phone or handle beside it, is
        # a listing, not yet evidence of a person behind it (the ad's controller usually
        # shows up through the contacts of other ads): it is no exploiter on its own
        lone_listing = len(members) == 1 and all(k == "account" for k, _ in selectors)  # type: ignore[misc]
        if len(persons) >= 2 and not lone_listing:
            roles.append("controller")
        # likewise an account that posted one job-like post printing other people's numbers
        # and joined none of them (beside one number it joins it: _join_lone_accounts): the
        # listing is no recruiter of its own
        posted_for = lone_listing and any(c not in group for c in by_id[members[0]].contacts)
        if any(by_id[i].kind == "recruitment" for i in members) and not posted_for:
            roles.append("recruiter")
        actors.append(
            Actor(
                id=stable_id("A", (f"{k}:{v}" for k, v in selectors)),  # type: ignore[misc]
                selectors=selectors,  # type: ignore[arg-type]
                documents=members,
                roles=roles,
                persons=len(persons),
            )
        )
    _facilitators(actors, by_id, community)
    return [a for a in actors if a.roles]


def _join_lone_accounts(docs_of: Mapping[tuple[str, str], set[int]],
                        by_id: Mapping[int, DocFacts], uf: UnionFind) -> None:
    """A poster account seen on one document that prints exactly one other contact is that
    contact's: the account that posted a cleaning-site front reading as a job offer, with
    the controller's phone, is the controller's listing whatever kind the post reads as
    (one individual behind several accounts, not a second exploiter)."""
    for c, ids in docs_of.items():
        if c[0] != "account" or len(ids) != 1:
            continue
        others = {x for x in by_id[next(iter(ids))].contacts if x[0] != "account"}
        if len(others) == 1:
            uf.union(c, others.pop())


_MAX_CONTACTS_PER_PERSON = 100


def _join_on_shared_persons(docs_of: Mapping[tuple[str, str], set[int]],
                            role_of: Mapping[tuple[str, str], str],
                            person_of: Mapping[int, Iterable[str]], shared: int,
                            uf: UnionFind) -> None:
    """Union ad contacts that advertise at least ``shared`` of the same persons.

    Only contacts seen in two or more documents, or on a group ad, take part (a one-ad
    poster account already joins its ad's phone; one that posted a group ad with no
    readable phone still joins the controller selling the same women), and a person
    advertised through more than
    ``_MAX_CONTACTS_PER_PERSON`` contacts is skipped: pairs are counted per person, and
    such a person is a hub, not evidence that two of her contacts are one hand."""
    contacts_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c, ids in docs_of.items():
        if role_of[c] == "ad" and (len(ids) >= 2 or any(
                len(set(person_of.get(i, ()))) >= 2 for i in ids)):
            for i in ids:
                for p in person_of.get(i, ()):
                    contacts_of[p].add(c)
    common: dict[tuple[tuple[str, str], tuple[str, str]], int] = defaultdict(int)
    for contacts in contacts_of.values():
        if len(contacts) > _MAX_CONTACTS_PER_PERSON:
            continue
        ordered = sorted(contacts)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                common[(a, b)] += 1
    for (a, b), n in common.items():
        if n >= shared:
            uf.union(a, b)


def _dominant_kind(ids: Iterable[int], docs: Mapping[int, DocFacts]) -> str:
    """The kind of document (ad, recruitment, other) a contact mostly serves."""
    counts: dict[str, int] = defaultdict(int)
    for i in ids:
        counts[docs[i].kind] += 1
    return max(sorted(counts), key=lambda k: counts[k])


def _facilitators(actors: list[Actor], docs: Mapping[int, DocFacts], community: Mapping[int, int]) -> None:
    """A contact in logistics/other posts (flats, drivers, papers) is a
    facilitator when those posts are linked into a community that has a
    controller or recruiter — tied to a network, not merely present."""
    run_by = {community[i] for a in actors if a.roles for i in a.documents if i in community}
    for a in actors:
        if "controller" in a.roles or "recruiter" in a.roles:
            continue
        if all(kind == "account" for kind, _ in a.selectors):
            continue  # a logistics offer gives a way to reach it: a phone, e-mail or handle
        others = [i for i in a.documents if docs[i].kind == "other"]
        if any(community.get(i) in run_by for i in others if i in community):
            a.roles.append("facilitator")
