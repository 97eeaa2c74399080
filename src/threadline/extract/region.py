"""Which country's rules read a document's national phone numbers.

A number such as "612 345 678" only means something with a region; the best
evidence comes first (the collector's own country, the ad's city, a +CC
number the source marked up, the site's domain), the language last.
"""

from __future__ import annotations

from functools import cache, lru_cache

import phonenumbers
import tldextract

from threadline.extract.places import country_code, find_cities, lookup_city
from threadline.model import Attribute, Document

_LANGUAGE_REGION = {"es": "ES", "pt": "PT", "fr": "FR", "de": "DE", "nl": "NL", "en": "GB"}


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), include_psl_private_domains=False, extra_suffixes=("example",)
    )


@lru_cache(maxsize=4096)
def _tld_region(host: str | None) -> str | None:
    if not host:
        return None
    suffix = _extractor()(host).suffix.lower()
    last = suffix.rsplit(".", 1)[-1]
    if last == "uk":
        return "GB"
    code = last.upper()
    return code if len(code) == 2 and code in phonenumbers.SUPPORTED_REGIONS else None


def _hint_region(doc: Document) -> str | None:
    for h in doc.hints:
        if h.kind not in ("phone", "tel"):
            continue
        value = h.value[4:] if h.value.lower().startswith("tel:") else h.value
        value = value.strip()
        if value.startswith("00"):
            value = "+" + value[2:]
        if not value.startswith("+"):
            continue
        try:
            num = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            continue
        region = phonenumbers.region_code_for_number(num)
        if region and region != "001":
            return region
    return None


def language_region(language: str | None) -> str | None:
    """The country a language's ads are read in when nothing better says (es → ES)."""
    return _LANGUAGE_REGION.get(language or "")


def text_regions(
    text: str, language: str | None = None, cities: list[Attribute] | None = None
) -> tuple[str, ...]:
    """Countries of the cities named in ``text``, most-named first (ties: first named).

    "independent in Hamburg … 01511 7416788" in an English Telegram post is a
    German number: the city says so where the language would say GB. Homonyms
    (Valencia ES/VE) lean to the language's country. ``cities`` is the output
    of :func:`find_cities` when the caller already has it.
    """
    if cities is None:
        cities = find_cities(text, language_region(language))
    counts: dict[str, int] = {}
    for a in cities:
        c = a.detail.get("country")
        if isinstance(c, str):
            counts[c] = counts.get(c, 0) + 1
    return tuple(sorted(counts, key=lambda c: -counts[c]))  # stable: first named wins ties


def infer_region(
    doc: Document, language: str | None, cities: list[Attribute] | None = None
) -> str | None:
    """ISO alpha-2 region for ``doc``, or None when nothing says.

    A city named in the text outranks the language (an English ad in Berlin
    gives German numbers) but not metadata, a marked-up +CC number or the TLD.
    """
    if doc.country:
        return country_code(doc.country) or doc.country.upper()
    if doc.city:
        place = lookup_city(doc.city)
        if place:
            return place.country
    hinted = _hint_region(doc)
    if hinted:
        return hinted
    field = doc.fields.get("country")
    if field and country_code(field):
        return country_code(field)
    for host in (doc.site, doc.url):
        region = _tld_region(host)
        if region:
            return region
    named = text_regions(doc.text, language, cities)
    if not named and doc.title:
        named = text_regions(doc.title, language)
    if named:
        return named[0]
    return _LANGUAGE_REGION.get(language or "")
