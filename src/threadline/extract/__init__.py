"""The extract stage: one document in, selectors and attributes with spans out.

Pure functions only, so a batch can be spread over processes and every value
can be shown on the text it came from. Order matters: the language picks the
phone region, the region reads national numbers, and numbers are claimed before
prices and ages are looked for.
"""

from __future__ import annotations

from threadline.extract.ages import find_ages, place_also_name
from threadline.extract.emails import find_emails
from threadline.extract.handles import find_accounts, find_handles
from threadline.extract.language import detect_language
from threadline.extract.names import find_names, names_from_ages
from threadline.extract.nationality import find_nationalities
from threadline.extract.phones import find_phones
from threadline.extract.places import country_code, find_cities, is_place, lookup_city
from threadline.extract.prices import find_prices
from threadline.extract.region import infer_region, language_region, text_regions
from threadline.extract.urls import find_urls, normalise_url, registered_domain
from threadline.folding import fold
from threadline.model import Attribute, Document, Extraction, Selector

__all__ = [
    "extract",
    "detect_language",
    "find_ages",
    "find_emails",
    "find_handles",
    "find_accounts",
    "find_names",
    "find_phones",
    "find_cities",
    "find_prices",
    "find_urls",
    "infer_region",
]


def _hint_selectors(doc: Document) -> list[Selector]:
    """E-mails and URLs the source marked up (mailto:, Telegram email/link entities)."""
    out: list[Selector] = []
    for h in doc.hints:
        value = h.value.strip()
        if h.kind in ("email", "mailto"):
            address = value[7:] if value.lower().startswith("mailto:") else value
            address = address.split("?", 1)[0].lower()
            if "@" in address:
                out.append(Selector("email", address, h.start, h.end, h.value))
        elif h.kind in ("link", "text_link", "href") and not value.lower().startswith(
            ("tel:", "mailto:", "#", "javascript:")
        ):
            try:
                url = normalise_url(value)
                domain = registered_domain(url)
            except ValueError:
                continue
            out.append(Selector("url", url, h.start, h.end, h.value))
            if domain:
                out.append(Selector("domain", domain, h.start, h.end, h.value))
    return out


def _places(doc: Document, region: str | None, cities: list[Attribute]) -> list[Attribute]:
    out: list[Attribute] = []
    known = lookup_city(doc.city, region) if doc.city else None
    if doc.city:
        detail: dict[str, object] = {"country": known.country} if known else {}
        out.append(Attribute("city", known.name if known else doc.city, None, None, detail))
    out.extend(cities)
    country = (country_code(doc.country) or doc.country.upper()) if doc.country else None
    if country is None and out:
        country = out[0].detail.get("country")  # type: ignore[assignment]
    if country is None and doc.fields.get("country"):
        country = country_code(doc.fields["country"])
    if country:
        out.append(Attribute("country", str(country)))
    return out


def _dedupe(selectors: list[Selector]) -> list[Selector]:
    seen: set[tuple[str, str, int | None, int | None]] = set()
    out: list[Selector] = []
    for s in selectors:
        key = (s.kind, s.value, s.start, s.end)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` begins the text, a sentence, a line, or follows an emoji."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?…\n" or ord(before[-1]) >= 0x2000


def extract(doc: Document) -> Extraction:
    """Everything the extractors find in ``doc``; spans point into ``doc.text``."""
    text = doc.text
    language = detect_language(f"{doc.title}\n{text}" if doc.title else text)
    # Cities are read once, with homonyms leaning to the language's country: they
    # feed the region (when metadata is silent) and the phone fallbacks.
    cities = find_cities(text, language_region(language))
    region = infer_region(doc, language, cities)
    if region and any(c.detail.get("country") != region for c in cities):
        cities = find_cities(text, region)  # homonyms now lean to the document's region
    # A national number invalid in the region may still be read in the country of a
    # city the text names or of its language ("678 76 49 14" beside a marked-up +58
    # number in a Spanish post).
    fallbacks = (*text_regions(text, language, cities), language_region(language) or "")
    selectors: list[Selector] = find_phones(text, region, doc.hints, fallbacks)
    selectors += find_emails(text)
    selectors += find_handles(text, doc.source_kind, doc.hints)
    selectors += find_urls(text)
    selectors += _hint_selectors(doc)
    selectors += find_accounts(doc)
    attributes: list[Attribute] = []
    if language:
        attributes.append(Attribute("language", language))
    place_attributes = _places(doc, region, cities)
    attributes += place_attributes
    # every place the document names or is filed under: "Bielefeld, 44" is no woman's name
    places = {fold(c.value) for c in cities} | {fold(a.value) for a in place_attributes}
    if doc.city:
        places.add(fold(doc.city))
    names = find_names(text, doc.fields)  # "soy Lucía 16, nueva": the name makes 16 her age
    ages = []
    whole = f"{doc.title}\n{text}" if doc.title else text
    for a in find_ages(text, doc.fields, [n.value for n in names]):
        name = str(a.detail.get("name", ""))
        if name and (fold(name) in places or is_place(name)) and not place_also_name(name):
            if a.detail.get("cue") == "named":  # "Madrid, 28" is no age
                continue
            name = ""  # "Madrid, 28 años": her age, but Madrid is not her name
        elif (name and a.detail.get("cue") != "named" and whole.count(name) < 2
              and _opens_sentence(text, int(a.detail.get("name_start", 0)))):  # type: ignore[arg-type]
            # a sentence's first word is capitalised anyway ("Just 18", "Net 18 geworden"):
            # before an age it is her name only when the ad repeats it (title and text)
            name = ""
        if not name and "name" in a.detail:
            a.detail = {k: v for k, v in a.detail.items() if k not in ("name", "name_start")}
        ages.append(a)
    attributes += ages
    attributes += find_prices(text, region, doc.fields)
    attributes += find_nationalities(text)
    attributes += names + names_from_ages(ages, names)
    return Extraction(selectors=_dedupe(selectors), attributes=attributes)
