"""The working name an ad gives ("soy Carla", "ich heiße Lena").

Names are weak selectors (many ads share "Anna"), so they are attributes: the
link stage may use them to support, never to make, a link. A name is the
capitalised word right after a first-person cue, and not an adjective such as
"soy Nueva".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from threadline.extract.cues import alternation as _alt
from threadline.extract.cues import cues as _cues
from threadline.extract.scan import caseless_ok, finditer_at
from threadline.folding import fold
from threadline.model import Attribute

_NAME = r"(?P<name>[A-ZÁÉÍÓÚÑÇÀÈÂÊÔÖÜÃÕ][a-záéíóúñçàèâêôöüãõëïß]{1,19})(?![\w'])"


@cache
def _patterns() -> tuple[re.Pattern[str], frozenset[str]]:
    c = _cues()["names"]
    cues = _alt([re.escape(x).replace("\\ ", r"\s+") for x in c["cues"]])
    rx = re.compile(rf"(?<![^\W\d_])(?i:{cues})[\s,:]+(?:(?i:la|a|o)\s+)?{_NAME}")
    words = [*c["not_names"], *(w for forms in _cues()["demonyms"].values() for w in forms)]
    return rx, frozenset(fold(str(w)) for w in words)


@cache
def _list_pattern() -> re.Pattern[str]:
    """Third-person cue, then one or more names joined by commas or "and"."""
    c = _cues()["names"]
    cues = _alt([re.escape(x).replace("\\ ", r"\s+") for x in c["list_cues"]])
    joiners = _alt([re.escape(x) for x in c["list_joiners"]])
    item = _NAME.replace("?P<name>", "?:")
    return re.compile(
        rf"(?<![^\W\d_])(?i:{cues})[\s,:]+(?P<names>{item}(?:\s*(?:,|(?i:{joiners}))\s*{item})*)"
    )


_ONE_NAME = re.compile(_NAME)


@cache
def _heads() -> tuple[str, ...]:
    """First word of every cue: a match can only start where one is written."""
    c = _cues()["names"]
    return tuple(sorted({str(x).lower().split(" ")[0] for x in [*c["cues"], *c["list_cues"]]}))


def _matches(rx: re.Pattern[str], text: str, starts: list[int] | None) -> Iterable[re.Match[str]]:
    return rx.finditer(text) if starts is None else finditer_at(rx, text, starts)


@cache
def _head_words() -> re.Pattern[str]:
    heads = sorted(_heads(), key=len, reverse=True)
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, heads))})(?![^\W\d_])")


def _starts(text: str) -> list[int] | None:
    """Where a cue's first word is written as a whole word (one C-level pass,
    shared by both patterns), or None when case folding is unusual and the
    text must be scanned whole."""
    low = text.lower()
    if not caseless_ok(text, low):
        return None
    return [m.start() for m in _head_words().finditer(low)]


def find_names(text: str, fields: dict[str, str] | None = None) -> list[Attribute]:
    """``name`` attributes: site field first (no span), then cue + capitalised word."""
    rx, not_names = _patterns()
    out: list[Attribute] = []
    field = (fields or {}).get("name", "").strip()
    if field:
        out.append(Attribute("name", field))
    seen = {a.value for a in out}
    starts = _starts(text)
    if starts == []:
        return out
    for m in _matches(rx, text, starts):
        name = m.group("name")
        if fold(name) in not_names or name in seen:
            continue
        seen.add(name)
        out.append(Attribute("name", name, m.start("name"), m.end("name")))
    for m in _matches(_list_pattern(), text, starts):
        base = m.start("names")
        for n in _ONE_NAME.finditer(m.group("names")):
            name = n.group("name")
            if fold(name) in not_names or name in seen:
                continue
            seen.add(name)
            out.append(Attribute("name", name, base + n.start(), base + n.end()))
    return out


def names_from_ages(ages: list[Attribute], names: list[Attribute]) -> list[Attribute]:
    """Working names read off profile ages ("Nerea (18)", "Mia, 22,"): the word before a
    named age is her name unless it is a known non-name (nationality, adjective). The
    caller has already dropped ages after a city ("Madrid, 28")."""
    _, not_names = _patterns()
    seen = {a.value for a in names}
    out: list[Attribute] = []
    for age in ages:
        name = age.detail.get("name")
        start = age.detail.get("name_start")
        if not isinstance(name, str) or name in seen or not isinstance(start, int):
            continue
        if fold(name) in not_names:
            continue
        seen.add(name)
        out.append(Attribute("name", name, start, start + len(name)))
    return out
