"""Cities and countries named in an ad.

Where an ad says it is matters twice: it tells the analyst where to act, and it
is how a national phone number is read. The gazetteer is data
(``data/places.yaml``); matching is one compiled alternation over an
accent-folded copy of the text that keeps every offset, so spans point into the
original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from threadline.folding import fold
from threadline.model import Attribute

_DATA = Path(__file__).parent / "data" / "places.yaml"


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical spelling
    country: str  # ISO 3166-1 alpha-2


@cache
def _gazetteer() -> tuple[dict[str, list[Place]], re.Pattern[str], frozenset[str], dict[str, str]]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    names: dict[str, list[Place]] = {}
    for country, entries in raw["cities"].items():
        for entry in entries:
            forms = str(entry).split("|")
            place = Place(forms[0], str(country))
            for form in forms:
                bucket = names.setdefault(fold(form), [])
                if place not in bucket:
                    bucket.append(place)
    cased = frozenset(fold(str(n)) for n in raw.get("cased", []))
    countries: dict[str, str] = {}
    for code, labels in raw["countries"].items():
        countries[fold(str(code))] = str(code)
        for label in labels:
            countries[fold(str(label))] = str(code)
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alt})(?![^\W_])")
    return names, pattern, cased, countries


_ALNUM_RUN = re.compile(r"[^\W_]+")
_ALNUM_CHAR = re.compile(r"[^\W_]")


def _is_alnum(c: str) -> bool:
    """What ``_ALNUM_RUN`` counts as part of a word (str.isalnum differs on a few marks)."""
    return _ALNUM_CHAR.match(c) is not None


@cache
def _heads() -> tuple[frozenset[str], str, int]:
    """First word of every folded name, first characters of names that do not
    start with a letter ("'s-Gravenhage"), and the longest name's length."""
    names = _gazetteer()[0]
    words = frozenset(m.group() for n in names if (m := _ALNUM_RUN.match(n)))
    odd = "".join(sorted({n[0] for n in names if not _ALNUM_RUN.match(n)}))
    return words, odd, max(map(len, names))


def _matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded name) of each gazetteer match, as ``finditer`` over the
    folded text would give them, but trying the alternation only where a word
    that starts a city name is written (folding just a window around it)."""
    pattern = _gazetteer()[1]
    words, odd, longest = _heads()
    folded = fold(text)  # one character for one: offsets are the text's
    # The words of the text that start a city name, found with one C-speed pass and
    # a set intersection; their positions are then looked up with str.find.
    starts: list[int] = []
    for w in words.intersection(_ALNUM_RUN.findall(folded)):
        i = folded.find(w)
        while i >= 0:
            end = i + len(w)
            if (i == 0 or not _is_alnum(folded[i - 1])) and (
                end == len(folded) or not _is_alnum(folded[end])
            ):
                starts.append(i)
            i = folded.find(w, end)
    for c in odd:
        i = text.find(c)
        while i >= 0:
            starts.append(i)
            i = text.find(c, i + 1)
    out: list[tuple[int, int, str]] = []
    limit = 0
    for p in sorted(starts):
        if p < limit:
            continue
        lo = max(0, p - 1)  # the lookbehind and lookahead see one character each
        window = folded[lo : p + longest + 1]
        m = pattern.match(window, p - lo)
        if m is not None:
            limit = lo + m.end()
            out.append((lo + m.start(), limit, m.group()))
    return out


def lookup_city(name: str, prefer: str | None = None) -> Place | None:
    """The gazetteer entry for a city name; ``prefer`` picks among homonyms
    (Valencia is in ES and VE)."""
    places = _gazetteer()[0].get(fold(name.strip()))
    if not places:
        return None
    for p in places:
        if p.country == prefer:
            return p
    return places[0]


def is_place(word: str) -> bool:
    """A city or country name in any of our languages ("Brasil", "Roménia", "Madrid")."""
    key = fold(word.strip())
    names, _, _, countries = _gazetteer()
    return key in names or key in countries


def country_code(name: str) -> str | None:
    """ISO2 for a country name or code in any of our languages ("España" → "ES")."""
    return _gazetteer()[3].get(fold(name.strip()))


def find_cities(text: str, prefer: str | None = None) -> list[Attribute]:
    """City mentions as ``city`` attributes (canonical name, span, country in detail)."""
    cased = _gazetteer()[2]
    out: list[Attribute] = []
    for start, end, key in _matches(text):
        if key in cased and not text[start].isupper():
            continue
        place = lookup_city(key, prefer)
        if place is None:  # pragma: no cover - pattern only holds known names
            continue
        out.append(Attribute("city", place.name, start, end, {"country": place.country}))
    return out
