"""Stated ages ("19 años", "tengo 19", "age: 19", "Nerea (18)", "Mia, 22,", "Sterre ist 16").

A stated age under 18 is one of the few facts that changes what an analyst
must do, so ages 12-17 are kept, flagged in ``detail``; thresholds such as
"mayores de 18 años" or "+18" and durations ("19 años de experiencia") are not
ages and are dropped.
"""

from __future__ import annotations

import re
from functools import cache

from threadline.extract.cues import alternation as _alt
from threadline.extract.cues import cues as _cues
from threadline.extract.places import fold
from threadline.extract.scan import (
    caseless_ok,
    digit_run_starts,
    finditer_at,
    literal_head,
    occurrences,
)
from threadline.model import Attribute


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = _cues()["ages"]
    after = re.compile(
        rf"(?<![\d/.,:+])(?P<n>\d{{1,2}})\s*(?:{_alt(c['after'])})(?![^\W\d_])", re.IGNORECASE
    )
    before = re.compile(
        rf"(?<![^\W\d_])(?:{_alt(c['before'])})\s*[:=\-]?\s*(?P<n>\d{{1,2}})(?![\d/.,:]\d|\d|\s*(?:cm|kg|h\b|€|\$))",
        re.IGNORECASE,
    )
    not_after = re.compile(rf"\s*(?:{_alt(c['not_after'])})", re.IGNORECASE)
    not_before = re.compile(rf"(?:^|\W)(?:{_alt(c['not_before'])})\s*$", re.IGNORECASE)
    return after, before, not_after, not_before


@cache
def _before_heads() -> tuple[str, ...]:
    return tuple(sorted({literal_head(str(x)) for x in _cues()["ages"]["before"]}))


def _age(n: str, start: int | None, end: int | None, how: str) -> Attribute:
    return Attribute("age", str(int(n)), start, end, {"minor": int(n) < 18, "cue": how})


#: A profile's age right after a capitalised word (the working name): "Nerea (18)",
#: "Mia, 22, Brazilian", "Sterre ist 16", "Yulieth is 18". The number must stand alone
#: (no unit, money or time after it) and the comma form must be closed by punctuation.
_NAMED = re.compile(
    r"(?<![^\W\d_])(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,19})"
    r"(?:\s*\(\s*(?P<p>\d{2})\s*(?:j|a|y|yo|ans|anos|años|jahre|jaar)?\s*\)"
    r"|\s*,\s*(?P<c>\d{2})(?=\s*(?:[,;!)|–—]|\.(?!\d)|-\s|$))"
    r"|\s+(?:ist|is)\s+(?P<v>\d{2})(?!\d|[.,:/]\d|\s*(?:€|\$|£|%|eur|cm|kg|uhr|h\b|min)))",
    re.MULTILINE,
)


#: The word before the name ("Calle Mayor, 23": "calle"), "C/" and "Av." included.
_LAST_WORD = re.compile(r"([^\W\d_]+)[./]?\s*$")


def _named_ages(text: str, lo: int, hi: int) -> list[tuple[str, int, int, str, int]]:
    """(number, start, end, name, name start) of ages written after a capitalised word."""
    out = []
    for m in _NAMED.finditer(text):
        group = "p" if m.group("p") else "c" if m.group("c") else "v"
        n = m.group(group)
        previous = _LAST_WORD.search(text[max(0, m.start() - 20):m.start()])
        words = {fold(m.group("name"))} | ({fold(previous.group(1))} if previous else set())
        if not lo <= int(n) <= hi or words & _not_before_number():
            continue
        out.append((n, m.start(group), m.end(group), m.group("name"), m.start("name")))
    return out


@cache
def _not_before_number() -> frozenset[str]:
    """Words after which a number is an address, a count or a rank, not an age."""
    return frozenset(fold(str(w)) for w in _cues()["ages"]["not_named"])


def find_ages(text: str, fields: dict[str, str] | None = None) -> list[Attribute]:
    """Stated ages in 12..80 as ``age`` attributes with spans (site field first, no span)."""
    c = _cues()["ages"]
    after, before, not_after, not_before = _patterns()
    out: list[Attribute] = []
    field = (fields or {}).get("age", "").strip()
    m = re.match(r"\d{1,2}$", field)
    if m and c["min"] <= int(field) <= c["max"]:
        out.append(_age(field, None, None, "field"))
    taken: list[tuple[int, int]] = []
    # Each pattern is tried only where it can start: "<n> años" at a run of
    # digits, "tengo <n>" at a cue word (see scan); same matches as finditer.
    low = text.lower()
    if caseless_ok(text, low):
        found = (
            (finditer_at(after, text, digit_run_starts(text)), "after"),
            (finditer_at(before, text, occurrences(low, _before_heads())), "before"),
        )
    else:
        found = ((after.finditer(text), "after"), (before.finditer(text), "before"))
    for matches, how in found:
        for m in matches:
            n = int(m.group("n"))
            if not c["min"] <= n <= c["max"]:
                continue
            lead = text[max(0, m.start() - 20) : m.start("n") if how == "after" else m.start()]
            if not_after.match(text, m.end()) or not_before.search(lead):
                continue
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            out.append(_age(m.group("n"), m.start("n"), m.end(), how))
    if any(ch.isupper() for ch in text):
        for n, start, end, name, name_start in _named_ages(text, c["min"], c["max"]):
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            attr = _age(n, start, end, "named")
            attr.detail |= {"name": name, "name_start": name_start}
            out.append(attr)
    return out
