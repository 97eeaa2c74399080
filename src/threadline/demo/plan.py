"""Deciding how many documents of each kind go where, and who is in each.

``size`` is split roughly 55 % web pages, 25 % Telegram messages and 20 % JSONL
rows; inside each, the mix keeps independent adults the majority of escort ads
(≈ 60 %), as on real sites, so a detector that flags every ad is visibly wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from threadline.demo.ads import Doc, Writer
from threadline.demo.cast import (
    DOMESTIC_SITE,
    ESCORT_SITES,
    SITE_OF_COUNTRY,
    Ids,
    Network,
    Person,
    build_network,
    new_independent,
)
from threadline.demo.phones import random_phone, to_e164
from threadline.demo.photos import PhotoPool, site_logo

START = datetime(2024, 11, 1, 8, 0, tzinfo=UTC)
#: Classifieds sites of the JSONL export, by country.
CLASSIFIED_SITES = {"ES": "anuncios-clasificados.example", "PT": "classificados-pt.example",
                    "FR": "petites-annonces-fr.example", "NL": "prikbord-nl.example",
                    "DE": "kleinanzeigen-de.example"}
JOBS_SITE = "empleo-europa.example"
CHATS = ("jobs", "ads", "chat")
#: Above this size JSON is written compact: indenting makes json use its slow pure-Python path.
PRETTY_MAX_SIZE = 5000


def pretty_indent(size: int) -> int | None:
    return 1 if size <= PRETTY_MAX_SIZE else None


@dataclass
class Site:
    domain: str
    country: str
    support_phone: str  # E.164
    support_text: str
    email: str
    logo: bytes


@dataclass
class Plan:
    variant: str
    seed: int
    size: int
    networks: list[Network]
    independents: list[Person]
    sites: dict[str, Site]
    web: list[Doc] = field(default_factory=list)
    telegram: dict[str, list[Doc]] = field(default_factory=dict)
    joins: int = 0
    jsonl: list[Doc] = field(default_factory=list)


class Planner:
    def __init__(self, size: int, seed: int, variant: str, book: dict[str, Any]) -> None:
        self.rng = random.Random(f"{variant}:{seed}:{size}")
        self.book = book
        self.ids = Ids()
        self.pool = PhotoPool(seed)
        self.writer = Writer(book, self.rng)
        self.size = size
        self.seed = seed
        self.variant = variant
        self.stated: set[str] = set()  # minors whose true age an ad has already stated
        self.independents: list[Person] = []
        self.by_site: dict[str, list[Person]] = {}  # site → independents advertising there
        self.counters: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------
    def _number(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 1000) + self.rng.randint(1, 40)
        return self.counters[key]

    def _sites(self) -> dict[str, Site]:
        from threadline.demo.phones import plain

        sites = {}
        for domain in [*sorted(ESCORT_SITES), DOMESTIC_SITE]:
            country = ESCORT_SITES[domain][0] if domain in ESCORT_SITES else "ES"
            num = random_phone(country, self.rng, self.ids.phones, kind="fixed")
            sites[domain] = Site(domain, country, to_e164(num), plain(num, country, self.rng),
                                 f"soporte@{domain}", site_logo(domain))
        return sites

    def _stated_ages(self, persons: list[Person]) -> dict[str, int]:
        ages = {}
        for p in persons:
            if p.minor:
                truthful = p.key not in self.stated or self.rng.random() < 0.35
                self.stated.add(p.key)
                ages[p.key] = p.age if truthful else 18
        return ages

    def _featured(self, net: Network, country: str) -> list[Person]:
        rng = self.rng
        local = [p for p in net.persons if p.country == country] or net.persons
        lead = rng.choice(local if rng.random() < 0.7 else net.persons)
        if rng.random() < 0.8:
            return [lead]
        others = [p for p in net.persons if p is not lead]
        return [lead, *rng.sample(others, min(len(others), rng.randint(1, 2)))]

    def _photos(self, doc: Doc, most: int) -> None:
        for person in doc.persons:
            doc.photos.extend(self.rng.sample(person.photos, min(most, len(person.photos))))

    def _independent(self, site: str) -> Person:
        same = self.by_site.setdefault(site, [])
        if same and self.rng.random() < 0.25:
            return self.rng.choice(same)
        person = new_independent(site, self.book, self.rng, self.ids, self.pool)
        self.independents.append(person)
        same.append(person)
        return person

    def _net_ad(self, net: Network, site: str | None, country: str, language: str,
                city: str | None = None) -> Doc:
        featured = self._featured(net, country)
        doc = self.writer.network_ad(net, featured, language, country,
                                     city or net.cities.get(country) or
                                     self.rng.choice(self.book["cities"][country]),
                                     self._stated_ages(featured))
        doc.site = site
        net.countries.add(country)
        return doc

    # -- formats ---------------------------------------------------------------------------
    def plan(self) -> Plan:
        rng = self.rng
        n_web = round(self.size * 0.55)
        n_tg = round(self.size * 0.25)
        n_jsonl = self.size - n_web - n_tg
        n_networks = max(2, round(self.size / 75))
        networks = [build_network(i + 1, self.book, rng, self.ids, self.pool)
                    for i in range(n_networks)]
        plan = Plan(self.variant, self.seed, self.size, networks, self.independents, self._sites())
        self._web(plan, n_web)
        self._telegram(plan, n_tg)
        self._jsonl(plan, n_jsonl)
        for net in networks:
            if net.origin and net.recruiter:
                net.countries.add(net.origin)
        return plan

    def _spread(self, networks: list[Network], count: int) -> list[Network]:
        """Every network gets some of ``count``; the rest at random."""
        order = [networks[i % len(networks)] for i in range(min(count, 2 * len(networks)))]
        order += [self.rng.choice(networks) for _ in range(count - len(order))]
        self.rng.shuffle(order)
        return order

    def _web(self, plan: Plan, n_web: int) -> None:
        rng = self.rng
        n_dom = max(4, round(n_web * 0.12))
        escort = n_web - n_dom
        n_net = escort - round(escort * 0.64)
        kinds = ["net"] * n_net + ["ind"] * (escort - n_net)
        rng.shuffle(kinds)
        nets = iter(self._spread(plan.networks, n_net))
        when = START
        for kind in kinds:
            when += timedelta(seconds=rng.randint(60, 40_000 * 300 // max(300, n_web)))
            if kind == "net":
                net = next(nets)
                site = rng.choice(net.sites)
                country, languages, _ = ESCORT_SITES[site]
                doc = self._net_ad(net, site, country, rng.choice(languages))
                doc.poster = net.controller.posters.get(site) or self.ids.poster(rng)
                self._photos(doc, 2)
            else:
                site = rng.choice(sorted(ESCORT_SITES))
                person = self._independent(site)
                languages = ESCORT_SITES[site][1]
                doc = self.writer.independent_ad(person, rng.choice(languages))
                doc.site, doc.poster = site, person.posters[site]
                self._photos(doc, 2)
            if doc.marks and doc.marks[0][0] == "phone" and rng.random() < 0.4:
                doc.tel = doc.phones[0]
            doc.ref = f"https://{doc.site}/{ESCORT_SITES[doc.site][2]}/{self._number(doc.site)}"
            doc.when = when
            plan.web.append(doc)
        targets = [d for d in plan.web if d.cls == "trafficking" and d.site == "citas-madrid.example"]
        n_cover = min(len(targets), max(2, round(n_dom * 0.15)))
        dom_cities = self.book["cities"]["ES"]
        for i in range(n_dom):
            when += timedelta(seconds=rng.randint(60, 3000))
            if i < n_cover:
                target = rng.choice(targets)
                net = next(n for n in plan.networks if n.key == target.network)
                doc = self.writer.cover_ad(net, target.persons[0], target.city or "Madrid",
                                           target.ref)
            else:
                num = random_phone("ES", rng, self.ids.phones)
                doc = self.writer.domestic(num, rng.choice(dom_cities))
            doc.site = DOMESTIC_SITE
            doc.poster = self.ids.poster(rng)
            doc.ref = f"https://{DOMESTIC_SITE}/anuncio/{self._number(DOMESTIC_SITE)}"
            doc.when = when
            plan.web.append(doc)

    def _telegram(self, plan: Plan, n_tg: int) -> None:
        rng = self.rng
        n_jobs = round(n_tg * 0.25)
        n_ads = round(n_tg * 0.45)
        recruiting = [n for n in plan.networks if n.recruiter] or plan.networks[:1]
        facilitating = [n for n in plan.networks if n.facilitator]
        jobs: list[Doc] = []
        for _ in range(n_jobs):
            net = rng.choice(recruiting)
            if net.recruiter and rng.random() < 0.75:
                language = "pt" if net.origin == "BR" else "es"
                doc = self.writer.recruitment(net, language, net.home, net.cities[net.home])
                net.countries.add(net.home)
            else:
                country = rng.choice(("ES", "PT"))
                doc = self.writer.genuine_job({"ES": "es", "PT": "pt"}[country], country,
                                              rng.choice(self.book["cities"][country]))
            jobs.append(doc)
        ads: list[Doc] = []
        for _ in range(n_ads):
            roll = rng.random()
            if roll < 0.1 and facilitating:
                net = rng.choice(facilitating)
                language = {"ES": "es", "PT": "pt", "FR": "fr"}.get(net.home, "en")
                doc = self.writer.facilitator_post(net, language, net.home, net.cities[net.home])
                assert net.facilitator is not None
                doc.poster, doc.author = net.facilitator.telegram_id, net.facilitator.display
            elif roll < 0.45:
                net = rng.choice(plan.networks)
                language = "pt" if net.home == "PT" else "es" if net.home == "ES" else "en"
                doc = self._net_ad(net, None, net.home, language)
                controller = net.controller
                doc.poster = controller.telegram_id or self.ids.telegram_user(rng)
                doc.author = controller.display
            else:
                person = self._independent(rng.choice(sorted(ESCORT_SITES)))
                language = "en" if person.country in ("NL", "DE") else \
                    {"ES": "es", "PT": "pt", "FR": "fr"}[person.country]
                doc = self.writer.independent_ad(person, language)
                if "telegram" not in person.posters:
                    person.posters["telegram"] = self.ids.telegram_user(rng)
                doc.poster, doc.author = person.posters["telegram"], person.name
            if doc.persons and rng.random() < 0.8:
                doc.photos = [rng.choice(doc.persons[0].photos)]
            ads.append(doc)
        chat = [self.writer.chatter(rng.choice(("es", "es", "pt", "en")))
                for _ in range(n_tg - n_jobs - n_ads)]
        neighbours: list[str] = []
        for doc in chat:
            if not neighbours or rng.random() < 0.3:
                neighbours.append(self.ids.telegram_user(rng))
            doc.poster = rng.choice(neighbours)
            doc.author = rng.choice(self.book["names"])
        plan.telegram = {"jobs": jobs, "ads": ads, "chat": chat}
        plan.joins = max(2, n_ads // 15)

    def _jsonl(self, plan: Plan, n_jsonl: int) -> None:
        rng = self.rng
        recruiting = [n for n in plan.networks if n.recruiter]
        facilitating = [n for n in plan.networks if n.facilitator]
        n_escort = max(2, round(n_jsonl * 0.2))
        kinds = (["escort"] * n_escort + ["fake"] * round(n_jsonl * 0.2)
                 + ["facilitator"] * round(n_jsonl * 0.05) + ["classified"] * round(n_jsonl * 0.25))
        kinds += ["job"] * max(0, n_jsonl - len(kinds))
        kinds = kinds[:n_jsonl]
        rng.shuffle(kinds)
        first_escort = True
        n1 = plan.networks[0]
        for kind in kinds:
            country = rng.choice(sorted(CLASSIFIED_SITES))
            if kind == "escort" and (first_escort or rng.random() < 0.55):
                net = n1 if first_escort else rng.choice(plan.networks)
                if first_escort:  # the potential minor advertised abroad, in Spanish
                    country = rng.choice(("PT", "FR"))
                    minor = next(p for p in n1.persons if p.minor)
                    city = rng.choice(self.book["cities"][country])
                    doc = self.writer.network_ad(net, [minor], "es", country, city,
                                                 self._stated_ages([minor]))
                    net.countries.add(country)
                else:
                    country = rng.choice(sorted(net.cities))
                    language = "es" if net is n1 and rng.random() < 0.5 else \
                        {"NL": "nl", "DE": "de", "FR": "fr", "PT": "pt", "ES": "es"}[country]
                    doc = self._net_ad(net, None, country, language)
                first_escort = False
                site = CLASSIFIED_SITES[country]
                if site not in net.controller.posters and rng.random() < 0.5:
                    net.controller.posters[site] = self.ids.poster(rng)
                doc.poster = net.controller.posters.get(site) or self.ids.poster(rng)
                self._photos(doc, 2)
            elif kind == "escort":
                person = self._independent(SITE_OF_COUNTRY[country])
                language = {"NL": "nl", "DE": "de", "FR": "fr", "PT": "pt", "ES": "es"}[country]
                doc = self.writer.independent_ad(person, language)
                site = CLASSIFIED_SITES[country]
                person.posters.setdefault(site, self.ids.poster(rng))
                doc.poster = person.posters[site]
                self._photos(doc, 2)
            elif kind == "fake" and recruiting:
                net = rng.choice(recruiting)
                language = "pt" if net.origin == "BR" else "es"
                doc = self.writer.recruitment(net, language, net.home, net.cities[net.home])
                site = JOBS_SITE
                assert net.recruiter is not None
                doc.poster = net.recruiter.posters.setdefault(site, self.ids.poster(rng))
            elif kind == "facilitator" and facilitating:
                net = rng.choice(facilitating)
                language = {"ES": "es", "PT": "pt", "FR": "fr"}.get(net.home, "en")
                doc = self.writer.facilitator_post(net, language, net.home, net.cities[net.home])
                site = CLASSIFIED_SITES[net.home]
                assert net.facilitator is not None
                doc.poster = net.facilitator.posters.setdefault(site, self.ids.poster(rng))
            elif kind == "classified":
                language = {"NL": "en", "DE": "en"}.get(country) or country.lower()
                doc = self.writer.classified(language, country,
                                             rng.choice(self.book["cities"][country]))
                site = CLASSIFIED_SITES[country]
                doc.poster = self.ids.poster(rng)
            else:
                country = rng.choice(("ES", "PT", "FR", "NL"))
                language = {"NL": "en"}.get(country) or country.lower()
                doc = self.writer.genuine_job(language, country,
                                              rng.choice(self.book["cities"][country]))
                site = JOBS_SITE
                doc.poster = f"emp{rng.randrange(100, 999)}"
            doc.site = site
            doc.ref = f"https://{site}/item/{self._number(site)}"
            plan.jsonl.append(doc)
