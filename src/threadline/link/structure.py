"""Structural signals: facts computed across documents, not words.

A phone that advertises five different women, a template reused under many
names, a person who moves between countries within days, an ad whose contact
also recruits for "work in Europe": none of these can be seen in one ad. Each
becomes a :class:`Signal` (category ``structure``) on the documents it
concerns, for the risk stage to weigh and for the report to explain.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from threadline.link.entities import Actor, DocFacts, Person
from threadline.model import Edge, Signal

#: Ads per contact on one day above which posting looks industrial.
ADS_PER_DAY = 4
#: Age inconsistency: years apart, and the youngest stated age, for a minor cue.
AGE_SPREAD = 3
YOUNGEST = 21
#: Days within which appearances in several cities/countries count as movement.
MOVEMENT_DAYS = 30


def _signal(indicator: str, **detail: object) -> Signal:
    return Signal(indicator=indicator, category="structure", contribution=0.0, detail=dict(detail))


def structural_signals(
    docs: Sequence[DocFacts],
    persons: Sequence[Person],
    actors: Sequence[Actor],
    template_edges: Iterable[Edge],
) -> dict[int, list[Signal]]:
    by_id = {d.id: d for d in docs}
    out: dict[int, list[Signal]] = defaultdict(list)

    for actor in actors:
        label = ", ".join(f"{k}:{v}" for k, v in actor.selectors[:3])
        if "controller" in actor.roles:
            for i in actor.documents:
                if by_id[i].kind == "ad":
                    out[i].append(
                        _signal("structure.contact_multi_person", contact=label, persons=actor.persons)
                    )
        if "recruiter" in actor.roles and "controller" in actor.roles:
            for i in actor.documents:
                out[i].append(_signal("structure.recruitment_link", contact=label))
        per_day = Counter(by_id[i].day for i in actor.documents if by_id[i].day)
        busy = {day for day, n in per_day.items() if n >= ADS_PER_DAY}
        for i in actor.documents:
            if by_id[i].day in busy:
                out[i].append(
                    _signal("structure.ads_per_contact_day", contact=label,
                            day=str(by_id[i].day), ads=per_day[by_id[i].day])
                )
        _movement(out, [by_id[i] for i in actor.documents], contact=label)

    groups: dict[str, set[int]] = defaultdict(set)
    for e in template_edges:
        groups[e.value].update((e.a, e.b))
    for template, members in groups.items():
        names = {n.casefold() for i in members for n in by_id[i].names[:1] if i in by_id}
        if len(names) >= 2:
            for i in _recycled(members, by_id):
                out[i].append(_signal("structure.template_multi_name", template=template,
                                      names=len(names)))

    for person in persons:
        members = [by_id[i] for i in person.documents]
        _movement(out, members, person=person.id)
        if _age_inconsistent(person.ages):
            for d in members:
                out[d.id].append(
                    _signal("structure.age_inconsistent", person=person.id, ages=person.ages)
                )
        elif person.ages and min(person.ages) < 18:
            # her ads that state no age (a cleaning-site front, an unnamed repost) show the
            # same girl another ad states under 18: each must reach an analyst too
            for d in members:
                if not d.ages:
                    out[d.id].append(_signal("structure.person_stated_minor", person=person.id,
                                             ages=person.ages))
    return {k: _dedupe(v) for k, v in out.items()}


def _recycled(members: Iterable[int], by_id: Mapping[int, DocFacts]) -> list[int]:
    """Documents of a multi-name template that one hand wrote for several women: their
    contact is also on the template's ad for another name, or they print no readable contact.
    A woman who wrote the genre's stock sentences under her own single number is not one of
    them: a thousand independents' look-alike ads are not a recycled text."""
    docs = [by_id[i] for i in members if i in by_id]
    names_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for d in docs:
        for c in d.contacts:
            names_of[c].update(n.casefold() for n in d.names[:1])
    return [d.id for d in docs if not d.contacts or any(len(names_of[c]) >= 2 for c in d.contacts)]


def front_signals(page_links: Iterable[Edge], docs: Mapping[int, DocFacts]) -> dict[int, list[Signal]]:
    """A page that links to a page with minor risk carries the cue too.

    A cleaning-site ad whose "+ fotos" opens an explicit ad of a potential minor
    fronts for that girl, whatever its own harmless words say (the operation's
    domestic-services site). Run after the other structural signals, so that a
    page flagged only across ads (16 in one, 18 in the next) counts as well. A page
    that names several women says nothing of which one the front shows: no cue."""
    out: dict[int, list[Signal]] = defaultdict(list)
    for e in page_links:
        for front, page in ((e.a, e.b), (e.b, e.a)):
            if front in docs and page in docs and e.value in docs[front].urls \
                    and docs[page].minor_risk and not docs[front].minor_risk \
                    and len(docs[page].names) <= 1:
                out[front].append(_signal("structure.links_to_minor_page", page=docs[page].ref))
    return dict(out)


def _age_inconsistent(ages: Sequence[int]) -> bool:
    """Stated ages of one person that can't all be true and reach down to
    where a minor may be hiding: a spread of AGE_SPREAD years or more with the
    youngest at most YOUNGEST. One or two years apart is rounding or a
    birthday, not a cue — except across 18: a woman stated 16 in one ad and 18
    in the next is a minor whose later ads give the lowest legal age, and every
    one of her ads must reach an analyst (the cue then weighs as a stated age
    under 18, ``under_18_elsewhere``)."""
    if len(ages) < 2:
        return False
    return (max(ages) - min(ages) >= AGE_SPREAD and min(ages) <= YOUNGEST) or min(ages) < 18 <= max(ages)


def _movement(out: Mapping[int, list[Signal]], members: Sequence[DocFacts], **who: object) -> None:
    dated = [d for d in members if d.day]
    if len(dated) < 2:
        return
    span = (max(d.day for d in dated) - min(d.day for d in dated)).days  # type: ignore[operator]
    if span > MOVEMENT_DAYS:
        return
    countries = sorted({d.country for d in dated if d.country})
    cities = sorted({d.city.casefold() for d in dated if d.city})
    if len(countries) >= 2:
        for d in dated:
            out[d.id].append(_signal("structure.multi_country", countries=countries, days=span, **who))  # type: ignore[index]
    elif len(cities) >= 2:
        for d in dated:
            out[d.id].append(_signal("structure.multi_city", cities=cities, days=span, **who))  # type: ignore[index]


def _dedupe(signals: list[Signal]) -> list[Signal]:
    """One signal per indicator per document: the strongest evidence is enough
    to explain, and repeats must not inflate the score."""
    seen: dict[str, Signal] = {}
    for s in signals:
        seen.setdefault(s.indicator, s)
    return list(seen.values())
