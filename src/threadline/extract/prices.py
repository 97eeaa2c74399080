"""Prices ("150€/h", "1h 150", "desde 80€").

Prices are evidence for the assess stage (very low or uniform prices across a
network are an indicator) and, just as important here, they are what phone
finding must never mistake for a number. Amount, currency and unit go in
``detail`` so scoring never re-parses text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from threadline.extract.cues import alternation as _alt
from threadline.extract.cues import cues as _cues
from threadline.extract.scan import caseless_ok, digit_run_starts, finditer_at, occurrences
from threadline.model import Attribute

_AMOUNT = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d{1,6}(?:[.,]\d{1,2})?"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    c = _cues()["prices"]
    cur = _alt([re.escape(k) for k in c["currencies"]])
    after = re.compile(rf"(?<![\d.,])(?P<a>{_AMOUNT})\s*(?P<c>{cur})(?![^\W\d_])", re.IGNORECASE)
    before = re.compile(rf"(?<![^\W\d_])(?P<c>{cur})\s*(?P<a>{_AMOUNT})(?![\d])", re.IGNORECASE)
    bare = re.compile(
        r"(?<![\w.,])(?P<d>1\s*h(?:ora|our|r)?|30\s*min(?:utos|utes|s)?|1/2\s*h|½\s*h|60\s*min)"
        rf"\s*[:=\-]?\s*(?P<a>{_AMOUNT})(?![\d.,]|\s*(?:{cur}))",
        re.IGNORECASE,
    )
    hour = re.compile(rf"\s*(?:{_alt(c['hour'])})", re.IGNORECASE)
    half = re.compile(rf"\s*(?:{_alt(c['half_hour'])})", re.IGNORECASE)
    return after, before, bare, hour, half


@cache
def _unit_before() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """The unit written before the amount, with nothing but words (no digits, no clause
    break) between: "una hora son 250 €", "een uur kost 220 €"."""
    c = _cues()["prices"]
    tail = r"(?![^\W\d_])[^\d.;!?|\n]*$"
    words = [re.escape(str(w)).replace("\\ ", r"\s*") for w in c["hour_before"]]
    halves = [re.escape(str(w)).replace("\\ ", r"\s*") for w in c["half_hour_before"]]
    hour = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(words)}){tail}", re.IGNORECASE)
    half = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(halves)}){tail}", re.IGNORECASE)
    return hour, half, int(c["unit_lookback"])


@cache
def _currency_heads() -> tuple[str, ...]:
    return tuple(sorted({str(k).lower() for k in _cues()["prices"]["currencies"]}))


def _matches(text: str) -> list[tuple[re.Pattern[str], Iterable[re.Match[str]]]]:
    """Each pattern's matches, tried only where it can start (see scan): an amount
    at a run of digits, a currency at one of its spellings, "½ h" at "½"."""
    after, before, bare, _, _ = _patterns()
    low = text.lower()
    if not caseless_ok(text, low):
        return [(rx, rx.finditer(text)) for rx in (after, before, bare)]
    runs = digit_run_starts(text)
    return [
        (after, finditer_at(after, text, runs)),
        (before, finditer_at(before, text, occurrences(low, _currency_heads()))),
        (bare, finditer_at(bare, text, runs + occurrences(low, ("½",)))),
    ]


def _amount(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        return float(re.sub(r"\D", "", raw))
    return float(raw.replace(",", "."))


def _currency(symbol: str | None, region: str | None) -> str | None:
    c: dict[str, Any] = _cues()["prices"]
    if symbol is None:
        return c["region_currency"].get(region or "")
    code = c["currencies"].get(symbol.lower(), c["currencies"].get(symbol))
    if code is None:  # "$" / "pesos": depends on where the ad is
        return c["dollar_regions"].get(region or "", "USD" if symbol.strip() == "$" else None)
    return code


def _unit(text: str, start: int, end: int) -> str | None:
    _, _, _, hour, half = _patterns()
    hour_before, half_before, lookback = _unit_before()
    before = text[max(0, start - 15) : start]
    wider = text[max(0, start - lookback) : start]
    if half.match(text, end) or half.search(before + " ") or half_before.search(wider):
        return "half-hour"
    if hour.match(text, end) or re.search(
        r"(?:1\s*h(?:ora|our)?|60\s*min)\s*[:=\-]?\s*$", before, re.I
    ) or hour_before.search(wider):
        return "hour"
    return None


def _price(
    amount: float, currency: str | None, unit: str | None, start: int | None, end: int | None
) -> Attribute:
    value = f"{amount:g} {currency}" if currency else f"{amount:g}"
    return Attribute(
        "price", value, start, end, {"amount": amount, "currency": currency, "unit": unit}
    )


def find_prices(
    text: str, region: str | None = None, fields: dict[str, str] | None = None
) -> list[Attribute]:
    """``price`` attributes; a bare "1h 150" takes the region's currency."""
    bare = _patterns()[2]
    out: list[Attribute] = []
    taken: list[tuple[int, int]] = []
    for rx, matches in _matches(text):
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            symbol = m.groupdict().get("c")
            currency = _currency(symbol, region)
            if symbol is None and rx is bare:
                d = m.group("d").lower()
                unit = "half-hour" if ("30" in d or "/" in d or "½" in d) else "hour"
            else:
                unit = _unit(text, m.start(), m.end())
            taken.append(m.span())
            out.append(_price(_amount(m.group("a")), currency, unit, m.start(), m.end()))
    field = (fields or {}).get("price")
    if field:
        inner = find_prices(field, region)
        if inner:
            p = inner[0]
            out.insert(0, Attribute("price", p.value, None, None, p.detail))
        elif re.fullmatch(rf"\s*({_AMOUNT})\s*", field):
            out.insert(0, _price(_amount(field.strip()), _currency(None, region), None, None, None))
    out.sort(key=lambda a: (a.start is not None, a.start or 0))
    return out
