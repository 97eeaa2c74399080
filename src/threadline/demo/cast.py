"""Who the demo corpus is about: planted networks, their members and actors, and
independent adults.

The ground truth (labels.json) is read off these objects, so every fact a
detector should recover (who controls which phone, which person appears in which
photos, which recruiter feeds which network) is decided here, before any text is
written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from phonenumbers import PhoneNumber

from threadline.demo.phones import random_phone, to_e164
from threadline.demo.photos import Photo, PhotoPool

#: Escort sites of the corpus: domain → (country, languages, path word for ad pages).
ESCORT_SITES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "citas-madrid.example": ("ES", ("es",), "anuncio"),
    "rosa-paris.example": ("FR", ("fr",), "annonce"),
    "amsterdam-models.example": ("NL", ("nl", "en"), "advertentie"),
    "berlin-begleitung.example": ("DE", ("de",), "anzeige"),
    "lisboa-acompanhantes.example": ("PT", ("pt",), "anuncio"),
}
DOMESTIC_SITE = "limpiezas-hogar.example"
SITE_OF_COUNTRY = {country: site for site, (country, _, _) in ESCORT_SITES.items()}
LANGUAGE_OF_COUNTRY = {"ES": "es", "PT": "pt", "FR": "fr", "NL": "nl", "DE": "de",
                       "VE": "es", "CO": "es", "BR": "pt"}
NETWORK_SLOTS = ("title", "opener", "profile", "trust", "price", "availability", "contact")


@dataclass
class Person:
    key: str
    name: str
    age: int
    minor: bool
    network: str | None
    country: str
    city: str
    nationality: int  # index into the phrasebook's nationality list
    photos: list[Photo] = field(default_factory=list)
    phone: PhoneNumber | None = None  # independents only: her own number
    posters: dict[str, str] = field(default_factory=dict)  # site → poster id


@dataclass
class Actor:
    key: str
    role: str  # controller | recruiter | facilitator
    network: str
    phones: list[PhoneNumber] = field(default_factory=list)
    posters: dict[str, str] = field(default_factory=dict)  # site → poster id
    telegram_id: str | None = None  # "user5012345678"
    handle: str | None = None  # without the @
    display: str = ""

    def accounts(self) -> list[str]:
        found = [f"{site}:{poster}" for site, poster in sorted(self.posters.items())]
        if self.telegram_id:
            found.append(f"telegram:{self.telegram_id}")
        return found


@dataclass
class Network:
    key: str
    home: str  # country
    sites: list[str]
    origin: str | None  # recruitment country when the network recruits abroad
    persons: list[Person]
    controller: Actor
    recruiter: Actor | None
    facilitator: Actor | None
    template: dict[str, dict[str, int]]  # language → slot → option index
    emoji: list[str]
    cities: dict[str, str]  # country → city the network works in
    countries: set[str] = field(default_factory=set)  # filled as ads are placed

    def actors(self) -> list[Actor]:
        return [a for a in (self.controller, self.recruiter, self.facilitator) if a]


class Ids:
    """Counters and uniqueness sets shared by everything that mints identifiers."""

    def __init__(self) -> None:
        self.phones: set[str] = set()
        self.posters: set[str] = set()
        self.telegram: set[str] = set()
        self.counts: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def poster(self, rng: random.Random) -> str:
        while True:
            value = f"u{rng.randrange(1000, 999999)}"
            if value not in self.posters:
                self.posters.add(value)
                return value

    def telegram_user(self, rng: random.Random) -> str:
        while True:
            value = f"user{rng.randrange(10**9, 8 * 10**9)}"
            if value not in self.telegram:
                self.telegram.add(value)
                return value


def _template(book: dict[str, Any], rng: random.Random) -> dict[str, dict[str, int]]:
    return {lang: {slot: rng.randrange(len(options[slot])) for slot in NETWORK_SLOTS}
            for lang, options in book["network"].items()}


def build_network(
    index: int, book: dict[str, Any], rng: random.Random, ids: Ids, pool: PhotoPool
) -> Network:
    """One planted network; N1 is always the cross-border one (LatAm recruitment → ES/PT/FR)
    and always includes a potential minor, so every corpus has both cases."""
    key = f"N{index}"
    cross = index == 1
    if cross:
        home, sites, origin = "ES", ["citas-madrid.example", "lisboa-acompanhantes.example",
                                     "rosa-paris.example"], rng.choice(["VE", "CO"])
    else:
        site = rng.choice(sorted(ESCORT_SITES))
        home, sites = ESCORT_SITES[site][0], [site]
        if rng.random() < 0.5:
            sites.append(rng.choice([s for s in sorted(ESCORT_SITES) if s != site]))
        origin = rng.choice(["VE", "CO", "BR", None])
    cities = {ESCORT_SITES[s][0]: rng.choice(book["cities"][ESCORT_SITES[s][0]]) for s in sites}

    controller = Actor(ids.next("A"), "controller", key, display=f"{rng.choice(book['names'])} M.")
    home_phones = 1 + (rng.random() < 0.4)
    controller.phones = [random_phone(home, rng, ids.phones) for _ in range(home_phones)]
    for site in sites:
        if rng.random() < 0.6:
            controller.posters[site] = ids.poster(rng)
    if cross or rng.random() < 0.6:
        controller.telegram_id = ids.telegram_user(rng)
        words = rng.sample(book["handle_words"], 2)
        controller.handle = f"{words[0]}_{words[1]}_{rng.randrange(10, 99)}"

    recruiter = None
    if cross or (origin and rng.random() < 0.6):
        recruiter = Actor(ids.next("A"), "recruiter", key, display=f"Empleos {rng.choice(book['names'])}")
        if rng.random() < 0.4 and not cross:
            recruiter.phones = [controller.phones[0]]
        else:
            recruiter.phones = [random_phone(origin or home, rng, ids.phones)]
    facilitator = None
    if cross or rng.random() < 0.4:
        facilitator = Actor(ids.next("A"), "facilitator", key, display="Transfers 24h")
        facilitator.phones = [random_phone(home, rng, ids.phones)]
        facilitator.telegram_id = ids.telegram_user(rng)

    persons = []
    names = rng.sample(book["names"], rng.randint(3, 8))
    nat_count = min(len(v) for v in book["nationalities"].values())
    for i, name in enumerate(names):
        minor = (cross and i == 0) or rng.random() < 0.04
        age = rng.choice((16, 17)) if minor else rng.randint(18, 29)
        country = ESCORT_SITES[sites[i % len(sites)]][0]
        person = Person(ids.next("P"), name, age, minor, key, country, cities[country],
                        nationality=rng.randrange(nat_count))
        person.photos = pool.photo_set(person.key, rng.randint(2, 3), rng.randint(1, 2), rng)
        persons.append(person)
    return Network(key, home, sites, origin, persons, controller, recruiter, facilitator,
                   _template(book, rng), rng.sample(book["emoji"], 3), cities)


def new_independent(
    site: str, book: dict[str, Any], rng: random.Random, ids: Ids, pool: PhotoPool
) -> Person:
    """An independent adult advertising herself on one site, in one city, with her own phone."""
    country = ESCORT_SITES[site][0]
    age = rng.randint(18, 22) if rng.random() < 0.25 else rng.randint(23, 45)
    person = Person(ids.next("P"), rng.choice(book["names"]), age, False, None, country,
                    rng.choice(book["cities"][country]), nationality=0)
    person.phone = random_phone(country, rng, ids.phones)
    person.posters[site] = ids.poster(rng)
    person.photos = pool.photo_set(person.key, rng.randint(1, 2), 0, rng)
    return person


def person_label(person: Person) -> dict[str, Any]:
    return {"name": person.name, "age": person.age, "minor": person.minor,
            "network": person.network, "photos": [p.sha256 for p in person.photos]}


def actor_label(actor: Actor) -> dict[str, Any]:
    return {"role": actor.role, "network": actor.network,
            "phones": [to_e164(p) for p in actor.phones], "accounts": actor.accounts(),
            "usernames": [f"telegram:{actor.handle}"] if actor.handle else []}
