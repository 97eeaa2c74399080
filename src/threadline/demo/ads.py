"""Writing the texts: ads, job offers, facilitator posts, chatter.

Each function returns a :class:`Doc` carrying its text *and* the truth about it
(class, persons, every phone as E.164, whether a phone was disguised), so the
labels can never drift from what was written.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from phonenumbers import PhoneNumber

from threadline.demo.cast import LANGUAGE_OF_COUNTRY, NETWORK_SLOTS, Actor, Network, Person
from threadline.demo.phones import LINK_STYLES, obfuscate, plain, to_e164
from threadline.demo.photos import Photo

#: A youth line that itself states age 18 or 19 ("recién cumplidos los 18", "just turned 18").
_STATES_18_19 = re.compile(
    r"\b(?:1[89]|dieciocho|diecinueve|dezoito|dezanove|dezenove|eighteen|nineteen|dix-huit"
    r"|dix-neuf|achtzehn|neunzehn|achttien|negentien)\b", re.IGNORECASE)

#: Labelling rule (issue #3): "ages 18-19 with youth cues" IS a potential-minor cue. So the
#: generator never writes youth wording from a youth slot next to a stated adult age of 18-19:
#: adults get youth lines only when they are 20-21 AND the line states no age itself, and an
#: independent aged 18-19 gets no risky line at all; minors (labelled minor=True) keep every
#: youth line, including "just turned 18" with a false stated 18. A phrasebook may also carry
#: youth wording in shared template lines (a network's opener, profile or title is written for
#: all its women): it marks them under ``youth_wording``, and a document using such a line
#: beside a stated age of 18-19 is labelled minor_risk although no one in it is under 18.
MINOR_LABEL_RULE = (
    "minor=True only for persons under 18; minor_risk=True for those documents and for documents "
    "where a template line the phrasebook marks as youth wording appears beside a stated age of "
    "18-19; youth-slot lines are given to adults only at 20-21 and never state an age"
)

#: The sections and slots a ``youth_wording`` mark may name: the lines written for persons of
#: any age (the youth and risky slots carry youth wording by design and are handled above).
YOUTH_MARKABLE: dict[str, tuple[str, ...]] = {
    "network": NETWORK_SLOTS,
    "independent": ("title", "intro", "about", "movement", "price", "contact"),
}


def youth_marked_lines(book: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(section, language, line) of every template line the phrasebook marks as youth wording.

    Marks are indices into the slot's list so a reviewer can mark a held-out phrasebook
    without the line text travelling anywhere else; a bad mark is an error, not ignored."""
    found: set[tuple[str, str, str]] = set()
    for section, languages in (book.get("youth_wording") or {}).items():
        for language, slots in languages.items():
            for slot, indices in slots.items():
                if slot not in YOUTH_MARKABLE.get(section, ()):
                    raise ValueError(f"youth_wording marks {section}.{language}.{slot}, "
                                     "which is not a markable template slot")
                lines = book[section][language][slot]
                for i in indices:
                    if not 0 <= i < len(lines):
                        raise ValueError(f"youth_wording {section}.{language}.{slot}[{i}] is out "
                                         f"of range ({len(lines)} lines)")
                    found.add((section, language, lines[i]))
    return found


def adult_youth_lines(lines: list[str]) -> list[str]:
    """Youth lines an adult may be given: those that state no 18/19 age themselves."""
    return [line for line in lines if not _STATES_18_19.search(line)]


@dataclass
class Doc:
    """One document to write, with its ground truth."""

    cls: str
    language: str
    country: str | None
    city: str | None
    title: str
    text: str
    network: str | None = None
    persons: list[Person] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    obfuscated: bool = False
    marks: list[tuple[str, str]] = field(default_factory=list)  # (entity kind, substring)
    tel: str | None = None  # E.164 for an HTML tel: link
    photos: list[Photo] = field(default_factory=list)
    name: str = ""
    age: int | None = None
    price: str = ""
    poster: str | None = None
    author: str = ""
    links: list[str] = field(default_factory=list)
    ref: str = ""
    site: str | None = None
    when: datetime | None = None
    stated_ages: list[int] = field(default_factory=list)
    youth_template: bool = False  # a line marked as youth wording was written

    @property
    def minor(self) -> bool:
        return any(p.minor for p in self.persons)

    @property
    def minor_risk(self) -> bool:
        """The issue's potential-minor definition: someone under 18, or a stated 18-19 with
        youth wording (only marked template lines can put it there; see MINOR_LABEL_RULE)."""
        return self.minor or (self.youth_template and any(18 <= a <= 19 for a in self.stated_ages))


class Writer:
    """Renders phrasebook templates for one corpus (one variant, one random stream)."""

    def __init__(self, book: dict[str, Any], rng: random.Random) -> None:
        self.book = book
        self.rng = rng
        self.youth_marked = youth_marked_lines(book)

    def _line(self, doc: Doc, section: str, line: str) -> str:
        """``line`` as chosen for ``doc``, noting whether the phrasebook marks it as youth wording."""
        if (section, doc.language, line) in self.youth_marked:
            doc.youth_template = True
        return line

    # -- pieces ------------------------------------------------------------------
    def phone(self, doc: Doc, num: PhoneNumber, disguise_rate: float) -> str:
        """Write ``num`` into ``doc`` (plain or disguised) and record it in the truth."""
        rng = self.rng
        if rng.random() < disguise_rate:
            style = rng.choice(self.book["obfuscation"])
            words = self.book["digit_words"][doc.language]
            text = obfuscate(num, style, doc.country or "", words)
            doc.obfuscated = True
            if style in LINK_STYLES:
                doc.marks.append(("link", text))
        else:
            text = plain(num, doc.country or "", rng)
            doc.marks.append(("phone", text))
        e164 = to_e164(num)
        if e164 not in doc.phones:
            doc.phones.append(e164)
        return text

    def price(self, language: str, low: int, high: int) -> str:
        amount = self.rng.randrange(low, high + 1, 10)
        return f"€{amount}" if language == "en" else f"{amount} €"

    def _nationality(self, language: str, person: Person) -> str:
        options = self.book["nationalities"][language]
        return options[person.nationality % len(options)]

    # -- escort ads --------------------------------------------------------------
    def network_ad(self, net: Network, featured: list[Person], language: str, country: str,
                   city: str, stated_age: dict[str, int]) -> Doc:
        """Third-person ad from the network's single template, details swapped."""
        rng, slots = self.rng, self.book["network"][language]
        pick = net.template[language]
        doc = Doc("trafficking", language, country, city, "", "", network=net.key,
                  persons=list(featured))
        lead = featured[0]
        values = {"city": city, "emoji": rng.choice(net.emoji), "names": ", ".join(p.name for p in featured),
                  "price": self.price(language, 80, 250)}
        parts = [self._line(doc, "network", slots["opener"][pick["opener"]]).format_map(values)]
        for person in featured:
            age = stated_age.get(person.key, person.age)
            values |= {"name": person.name, "age": age,
                       "nationality": self._nationality(language, person)}
            profile = self._line(doc, "network", slots["profile"][pick["profile"]])
            parts.append(profile.format_map(values))
            if "{age}" in profile:
                doc.stated_ages.append(age)
            if person.minor:
                parts.append(rng.choice(slots["youth"]))
            elif 20 <= age <= 21 and rng.random() < 0.5:
                # Adults: never youth wording with a stated 18-19 (MINOR_LABEL_RULE).
                lines = adult_youth_lines(slots["youth"])
                if lines:
                    parts.append(rng.choice(lines))
        for slot in ("trust", "price", "availability"):
            parts.append(self._line(doc, "network", slots[slot][pick[slot]]).format_map(values))
        phones = [self.phone(doc, rng.choice(net.controller.phones), 0.3)]
        recruiter = net.recruiter
        if recruiter and recruiter.phones[0] not in net.controller.phones and rng.random() < 0.2:
            phones.append(self.phone(doc, recruiter.phones[0], 0.3))
        values["phone"] = " / ".join(phones)
        parts.append(self._line(doc, "network", slots["contact"][pick["contact"]]).format_map(values))
        if net.controller.handle and rng.random() < 0.3:
            mention = f"@{net.controller.handle}"
            parts.append(f"Telegram: {mention}")
            doc.marks.append(("mention", mention))
        values |= {"name": lead.name, "age": stated_age.get(lead.key, lead.age),
                   "nationality": self._nationality(language, lead)}
        title = self._line(doc, "network", slots["title"][pick["title"]])
        if "{age}" in title:
            doc.stated_ages.append(values["age"])
        doc.title = title.format_map(values)
        doc.text = " ".join(parts)
        doc.name, doc.age, doc.price = lead.name, values["age"], values["price"]
        return doc

    def independent_ad(self, person: Person, language: str) -> Doc:
        """First-person ad by an independent adult: own phone, one city, at most a risky word."""
        rng, slots = self.rng, self.book["independent"][language]
        doc = Doc("independent", language, person.country, person.city, "", "",
                  persons=[person])
        values = {"name": person.name, "age": person.age, "city": person.city,
                  "price": self.price(language, 100, 300)}
        used: list[str] = []

        def line(raw: str) -> str:
            used.append(raw)
            return self._line(doc, "independent", raw)

        parts = [line(rng.choice(slots["intro"])).format_map(values)]
        if rng.random() < 0.7:
            parts.append(line(rng.choice(slots["about"])))
        if rng.random() < 0.35 and person.age >= 20:
            # no risky line next to a stated 18-19 (MINOR_LABEL_RULE): a phrasebook's risky
            # words include youth wording, and no word list here can tell which lines of an
            # unseen phrasebook carry it (a narrow one let held-out youth lines through)
            parts.append(rng.choice(slots["risky"]))
        if rng.random() < 0.2:
            parts.append(line(rng.choice(slots["movement"])).format_map(values))
        parts.append(line(rng.choice(slots["price"])).format_map(values))
        assert person.phone is not None
        values["phone"] = self.phone(doc, person.phone, 0.1)
        parts.append(line(rng.choice(slots["contact"])).format_map(values))
        doc.title = line(rng.choice(slots["title"])).format_map(values)
        doc.text = " ".join(parts)
        if any("{age}" in raw for raw in used):
            doc.stated_ages.append(person.age)
        doc.name, doc.age, doc.price = person.name, person.age, values["price"]
        return doc

    # -- network support -----------------------------------------------------------
    def recruitment(self, net: Network, language: str, country: str, city: str) -> Doc:
        rng, slots = self.rng, self.book["recruitment"][language]
        assert net.recruiter is not None
        doc = Doc("recruitment", language, country, city, "", "", network=net.key)
        values = {"city": city, "pay": rng.randrange(1500, 4001, 500)}
        values["phone"] = self.phone(doc, net.recruiter.phones[0], 0.2)
        doc.title = rng.choice(slots["title"]).format_map(values)
        doc.text = " ".join(rng.choice(slots[s]).format_map(values)
                            for s in ("offer", "terms", "contact"))
        return doc

    def facilitator_post(self, net: Network, language: str, country: str, city: str) -> Doc:
        rng = self.rng
        assert net.facilitator is not None
        doc = Doc("facilitator", language, country, city, "", "", network=net.key)
        values = {"city": city, "phone": self.phone(doc, net.facilitator.phones[0], 0.15)}
        parts = [rng.choice(self.book["facilitator"][language]).format_map(values)]
        controller = net.controller
        if controller.handle:
            handle = f"@{controller.handle}"
            doc.marks.append(("mention", handle))
        else:
            handle = self.phone(doc, controller.phones[0], 0.0)
        parts.append(rng.choice(self.book["facilitator_link"][language]).format(handle=handle))
        doc.text = " ".join(parts)
        doc.title = doc.text.split(".")[0].split(",")[0][:60]
        return doc

    def cover_ad(self, net: Network, person: Person, city: str, link: str) -> Doc:
        """A 'domestic' ad on the cleaning site that is a front for the network's explicit page."""
        rng, slots = self.rng, self.book["domestic_cover"]["es"]
        doc = Doc("trafficking", "es", "ES", city, "", "", network=net.key, persons=[person],
                  links=[link])
        values = {"city": city, "phone": self.phone(doc, net.controller.phones[0], 0.3)}
        doc.title = rng.choice(slots["title"]).format_map(values)
        doc.text = rng.choice(slots["text"]).format_map(values)
        return doc

    # -- benign ----------------------------------------------------------------------
    def domestic(self, num: PhoneNumber, city: str) -> Doc:
        rng, slots = self.rng, self.book["domestic"]["es"]
        doc = Doc("benign", "es", "ES", city, "", "")
        values = {"city": city, "hourly": rng.randrange(10, 18),
                  "employer": rng.choice(self.book["employers"])}
        values["phone"] = self.phone(doc, num, 0.0)
        doc.title = rng.choice(slots["title"]).format_map(values)
        doc.text = rng.choice(slots["text"]).format_map(values)
        return doc

    def genuine_job(self, language: str, country: str, city: str) -> Doc:
        rng = self.rng
        employer = rng.choice(self.book["employers"])
        ascii_name = unicodedata.normalize("NFKD", employer).encode("ascii", "ignore").decode()
        domain = ascii_name.lower().replace(" ", "-") + ".example"
        role = rng.choice(self.book["roles"][language])
        values = {"employer": employer, "role": role, "city": city, "domain": domain,
                  "salary": f"{rng.randrange(17000, 32001, 500):,}".replace(",", ".")}
        text = rng.choice(self.book["jobs"][language]).format_map(values)
        return Doc("benign", language, country, city, f"{role.capitalize()} – {employer}", text)

    def classified(self, language: str, country: str, city: str) -> Doc:
        rng = self.rng
        item = rng.choice(self.book["items"][language])
        values = {"item": item, "city": city, "price": self.price(language, 20, 600)}
        text = rng.choice(self.book["classifieds"][language]).format_map(values)
        return Doc("benign", language, country, city, text.split(",")[0][:60], text)

    def chatter(self, language: str) -> Doc:
        country = {"es": "ES", "pt": "PT"}.get(language)
        text = self.rng.choice(self.book["chatter"][language])
        return Doc("benign", language, country, None, "", text)


def language_for(country: str) -> str:
    return LANGUAGE_OF_COUNTRY[country]


def actor_name(actor: Actor) -> str:
    return actor.display or actor.key
