"""Stated ages: "19 años", "tengo 19", "edad: 19", "17yo", "tengo diecisiete", "Nerea (18)",
"Mia, 22,", "Sterre ist 16", "cumplí 17", "🎂17", "just 17,", "Colombiana de 17",
"Sofia | 17 | Latina", "1️⃣7️⃣ años".

This module is the ONE reader of stated ages: the assessor's minor flags use its
``age`` attributes (and run it on the title), so an age format added here counts
everywhere at once. A stated age under 18 is one of the few facts that changes
what an analyst must do, so ages 12-17 are kept and flagged in ``detail``;
thresholds ("mayores de 18 años", "+18", "18 years and over"), durations
("desde hace 15 años", "15 years of experience"), floors ("im 16. Stock"),
prices, times, dates, sizes, house numbers and a known city's district ("Paris 16",
"Marseille (13)") are not ages and are dropped.

The vocabulary is data (``data/cues.yaml`` ``ages:``), written accent-free: the
patterns run on a folded copy of the text that keeps every offset, so "Años",
"anos" and "AÑOS" are one cue and spans still point into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick

from threadline.extract.cues import alternation as _alt
from threadline.extract.cues import cues as _cues
from threadline.extract.places import is_place
from threadline.extract.scan import digit_run_starts, finditer_at, literal_head
from threadline.folding import fold
from threadline.model import Attribute

#: Keycap digits ("1️⃣7️⃣ años", "tengo 1️⃣6️⃣"): ads write ages this way to slip past filters.
_KEYCAPS = re.compile("(?:[0-9]\ufe0f?\u20e3)+")


def _keycap_digits(m: re.Match[str]) -> str:
    """The digits a keycap run shows, then spaces, so the copy keeps its length."""
    digits = "".join(c for c in m.group() if c.isdigit())
    return digits + " " * (len(m.group()) - len(digits))


def _folded(text: str) -> str:
    """The shared fold (lower-case, accent-free, same length), with keycap digits read
    as plain digits (padded with spaces)."""
    low = fold(text)
    if "\u20e3" in low:
        low = _KEYCAPS.sub(_keycap_digits, low)
    return low


@dataclass(frozen=True, slots=True)
class _Reader:
    """The compiled vocabulary (built once per process from cues.yaml)."""

    after: re.Pattern[str]  # "<n> anos", "diecisiete anos", "17yo", "17 🎂"
    before: re.Pattern[str]  # "tengo <n>", "edad: <n>", "ich bin sechzehn"
    not_units: re.Pattern[str]  # "tengo 15 minutos": a count, not an age
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    not_before_cue: re.Pattern[str]
    words: dict[str, int]
    before_heads: tuple[str, ...]
    not_named: frozenset[str]
    place_before: frozenset[str]
    also_names: frozenset[str]
    lo: int
    hi: int


@cache
def _reader() -> _Reader:
    c = _cues()["ages"]
    words = {str(w): int(age) for age, ws in c["words"].items() for w in ws}
    word = _alt([re.escape(w) for w in words])
    after = re.compile(
        rf"(?:(?<![\d/.,:+])(?P<n>\d{{1,2}})|(?<![a-z])(?P<w>{word}))"
        rf"\s*-?\s*(?P<u>{_alt(c['after'])})(?![^\W\d_]|')"
    )
    # "just 17, new", "erst 16 und": an intensifier is an age cue only before a teen number
    # standing alone (not "only 16 students")
    young = (rf"(?:{_alt(c['young_before'])})(?=\s*1[2-9](?!\d)(?:\s*(?:[^\w\s]|$)"
             rf"|\s+(?:{_alt(c['young_after'])})(?![^\W\d_])))")
    before = re.compile(
        rf"(?<![^\W\d_])(?:{_alt(c['before'])}|{young})\s*[:=\-]?\s*"
        rf"(?:(?P<n>\d{{1,2}})(?![\d/.,:]\d|\d|[^\W\d_]|')|(?P<w>{word})(?![a-z]))"
    )
    return _Reader(
        after=after,
        before=before,
        not_units=re.compile(rf"\s*(?:{_alt(c['not_units'])})(?![a-z])"),
        # whole words: "17 agora" is no "ago", "16 años y masajista" no "y mas"
        not_after=re.compile(rf"\s*(?:{_alt(c['not_after'])})(?![^\W\d_])"),
        not_before=re.compile(rf"(?:^|\W)(?:{_alt(c['not_before'])})[\s:]*$"),
        not_before_cue=re.compile(rf"(?:^|\W)(?:{_alt(c['not_before_cue'])})[\s:]*$"),
        words=words,
        before_heads=tuple(sorted({literal_head(str(x))
                                   for x in [*c["before"], *c["young_before"]]})),
        not_named=frozenset(fold(str(w)) for w in c["not_named"]),
        place_before=frozenset(str(w).lower() for w in c["place_before"]),
        also_names=frozenset(fold(str(w)) for w in c["places_also_names"]),
        lo=int(c["min"]),
        hi=int(c["max"]),
    )


def place_also_name(word: str) -> bool:
    """A place that is also a common working name (``places_also_names``): "Paris 16" is a
    district, "Florence 17" a woman and her age. Shared with ``extract()`` so the two layers
    cannot disagree about a word."""
    return fold(word) in _reader().also_names


def _age(n: int, start: int | None, end: int | None, how: str) -> Attribute:
    return Attribute("age", str(n), start, end, {"minor": n < 18, "cue": how})


#: "17 a 20", "23 j 5": a one-letter unit followed by another number is no age unit.
_DIGIT_NEXT = re.compile(r"\s*\d")
#: The last one or two words before a number ("Calle Mayor 17a": "mayor", "calle").
_LAST_WORDS = re.compile(r"([^\W\d_]+)[./]?\s*(?:([^\W\d_]+)[./,]?\s*)?$")


def _after_address_word(low: str, start: int, not_named: frozenset[str]) -> bool:
    """True when one of the two words before ``start`` makes the number a house number,
    a room or a rank ("Calle Mayor 17a", "piso 17a")."""
    m = _LAST_WORDS.search(low, max(0, start - 30), start)
    return m is not None and bool({g for g in m.groups() if g} & not_named)


@cache
def _start_automaton() -> ahocorasick.Automaton:
    """Every before-cue head and age word: one pass finds where a match can start."""
    r = _reader()
    automaton = ahocorasick.Automaton()
    for head in r.before_heads:
        automaton.add_word(head, (False, len(head)))
    for w in r.words:
        automaton.add_word(w, (True, len(w)))
    automaton.make_automaton()
    return automaton


def _starts(low: str) -> tuple[list[int], list[int]]:
    """(where a before-cue starts, where an age word starts): one Aho-Corasick pass,
    several times cheaper than a ``str.find`` per cue and word."""
    cues: list[int] = []
    words: list[int] = []
    for end, (is_word, size) in _start_automaton().iter(low):
        (words if is_word else cues).append(end - size + 1)
    return cues, words


def _value(r: _Reader, m: re.Match[str]) -> int:
    return int(m.group("n")) if m.group("n") else r.words[m.group("w")]


def _number_start(m: re.Match[str]) -> int:
    return m.start("n") if m.group("n") else m.start("w")


def _text_ages(r: _Reader, low: str) -> list[Attribute]:
    """Ages written with a unit after them or a cue before them."""
    out: list[Attribute] = []
    taken: list[tuple[int, int]] = []
    cue_starts, word_starts = _starts(low)
    starts = digit_run_starts(low) + word_starts
    # The unit decides first: "tengo 17 años de experiencia" is rejected as a whole.
    unit_at: set[int] = set()
    for m in finditer_at(r.after, low, starts):
        n, start = _value(r, m), _number_start(m)
        unit_at.add(start)
        if not r.lo <= n <= r.hi or r.not_after.match(low, m.end()):
            continue
        if r.not_before.search(low, max(0, start - 20), start):
            continue
        unit = m.group("u").strip(" .")
        if len(unit) == 1 and unit.isalpha() and (  # "17a", "23 J.": short, so checked more
            _DIGIT_NEXT.match(low, m.end()) or _after_address_word(
                low, start, r.not_named)):
            continue
        taken.append((start, m.end()))
        out.append(_age(n, start, m.end(), "after"))
    for m in finditer_at(r.before, low, cue_starts):
        n, start = _value(r, m), _number_start(m)
        if start in unit_at or not r.lo <= n <= r.hi:
            continue
        if r.not_after.match(low, m.end()) or r.not_units.match(low, m.end()):
            continue
        if r.not_before_cue.search(low, max(0, m.start() - 20), m.start()):
            continue
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        taken.append(m.span())
        attr = _age(n, start, m.end(), "before")
        attr.detail["from"] = m.start()
        out.append(attr)
    return out


#: A working name as profiles write it: one capitalised word of 3-20 letters.
_NAME = r"(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,19})"
#: A profile's age right after a capitalised word (the working name): "Nerea (18)",
#: "Ioana (16 j)", "Mia, 22, Brazilian", "Sterre ist 16", "Yulieth is 18". The number
#: must stand alone and the comma form must be closed by punctuation or the line's end.
#: Pictographs and dingbats: ads close a profile field with emoji ("Mia, 19 ✨", "Lara, 18 🇧🇷").
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF"
_NAMED = re.compile(
    r"(?<![^\W\d_])" + _NAME +
    r"(?:\s*[(\[]\s*(?P<p>\d{2})(?!\d)[^()\[\]\d\n]{0,10}[)\]]"
    r"|\s*,\s*(?P<c>\d{2})(?=\s*(?:[,;:!)|–—·•" + _EMOJI + r"]|\.(?!\d)|-\s|$))"
    r"|\s+(?:ist|is)\s+(?P<v>\d{2})(?!\d|[.,:/]\d))",
    re.MULTILINE,
)
#: A title's "Élodie 18 – net aangekomen", "Valentina 19 | Latina": in a heading the
#: capitalised word before a number closed by punctuation is the name, the number her age.
_HEADING = re.compile(
    r"(?<![^\W\d_])" + _NAME + r"[ \t]+(?P<h>\d{2})"
    r"(?=[ \t]*(?:[,;:!?)|–—·•/*~" + _EMOJI + r"]|-(?!\d)|\.(?!\d)|$))",
    re.MULTILINE,
)
#: "Sofia | 17 | Latina", "🔥 Daisy 🔥 17 🔥", "Julia - 17 - aus Prag": a profile line whose
#: fields are set off by bars, dashes, bullets or emoji. The number must stand between
#: separators on both sides (not a colon, comma or full stop: "Preis: 150", "Ana, 30" have
#: their own readings), so "Valentina 19 Latina" in running text is still no age. Matched
#: from the separator (cheap), then the name is looked for right before it.
_SEPARATED = re.compile(
    r"[|·•–—~*/\-\U0001F000-\U0001FAFF\u2600-\u27BF][^\w\n,.:;()]{0,6}?"
    r"(?P<x>\d{2})(?!\d|[.,:/]\d)"
    r"(?=[ \t]*(?:[|·•–—~*/\-\U0001F000-\U0001FAFF\u2600-\u27BF]|$))",
    re.MULTILINE,
)
_NAME_BEFORE = re.compile(r"(?<![^\W\d_])" + _NAME + r"[ \t]*$")
#: A field list's first field: "Maëlys – Mannheim – 21" names her first, her city next.
_FIRST_FIELD = re.compile(r"[ \t]*" + _NAME + r"[ \t]*[|·•–—~*/\-][^\n]*$")


def _first_field(text: str, end: int) -> re.Match[str] | None:
    """The capitalised word opening the line of a field list ending at ``end``, when the
    line has more than one field before the age."""
    start = text.rfind("\n", 0, end) + 1
    return _FIRST_FIELD.match(text, start, end)


#: The separator closing a profile line's field ("17 | ", "15 - ").
_FIELD_BREAK = re.compile(r"[ \t]*[|·•–—~*/\-]?")
#: "Lucía 16, nueva": a bare number after a name the extractor already knows.
_AFTER_NAME = re.compile(r"[ \t]+(?P<n>\d{2})(?!\d|[.,:/]\d|[^\W\d_])")
#: The word before the name ("Calle Mayor, 23": "calle"), "C/" and "Av." included.
_LAST_WORD = re.compile(r"([^\W\d_]+)[./]?\s*$")


def _word_before(text: str, start: int) -> str | None:
    m = _LAST_WORD.search(text[max(0, start - 20):start])
    return m.group(1) if m else None


def _not_a_name(r: _Reader, name: str, previous: str | None) -> bool:
    """An address, rank or count word ("Calle Mayor, 23", "Top 10", "Zimmer 16"), as the
    candidate itself or the word before it: the number after it is not her age."""
    return bool(({fold(name)} | ({fold(previous)} if previous else set())) & r.not_named)


def _named_ages(r: _Reader, text: str, low: str, names: Iterable[str], heading: bool
                ) -> list[tuple[int, int, int, str, int]]:
    """(age, start, end, name, name start) of ages written after a capitalised word."""
    found: list[tuple[int, int, int, str, int, str]] = []
    for rx in (_NAMED, _HEADING) if heading else (_NAMED,):
        for m in rx.finditer(text):
            group = next(g for g in ("p", "c", "v", "h") if m.groupdict().get(g))
            found.append((int(m.group(group)), m.start(group), m.end(group), m.group("name"),
                          m.start("name"), group))
    for m in _SEPARATED.finditer(text):
        lead = _first_field(text, m.start()) or _NAME_BEFORE.search(
            text, max(0, m.start() - 22), m.start())
        if lead:
            found.append((int(m.group("x")), m.start("x"), m.end("x"), lead.group("name"),
                          lead.start("name"), "x"))
    for name in {n for n in names if n[:1].isupper()}:
        i = text.find(name)
        while i >= 0:
            end = i + len(name)
            if not (i and text[i - 1].isalpha()):
                m = _AFTER_NAME.match(text, end)
                if m:
                    found.append((int(m.group("n")), m.start("n"), m.end("n"), name, i, "s"))
            i = text.find(name, end)
    out = []
    for n, start, end, name, name_start, group in found:
        if not r.lo <= n <= r.hi:
            continue
        if group in "pvxsh" and r.not_units.match(low, end):  # "Ana 30 min", "Lena (20 €)"
            continue
        brk = _FIELD_BREAK.match(low, end) if group == "x" else None
        if brk and r.not_units.match(low, brk.end()):
            continue  # "Masaje - 15 - min": the next field is the number's unit
        if is_place(name) and not place_also_name(name):  # "Paris 16 |", "Wien 15 –",
            continue  # "Marseille (13)": a district or departement, not her age
        if r.after.match(low, start):  # "Lucía 15 años de experiencia": the unit decides
            continue
        previous = _word_before(text, name_start)
        if _not_a_name(r, name, previous):
            continue
        if previous and previous.lower() in r.place_before:  # "à Aubagne (13)"
            continue
        out.append((n, start, end, name, name_start))
    return out


#: "Evellyn: edad 18", "Yamileth, 23a", "Sanne (19 jaar)": a capitalised word right before
#: a stated age, set off by nothing or one separator, is the working name it belongs to.
#: Not after a dash: "Maryuri – Bielefeld – 44J" lists a title's fields, the city last.
_LEAD_NAME = re.compile(r"(?<![^\W\d_])" + _NAME + r"[ \t]*[:,(]?[ \t]*$")


def _lead_name(r: _Reader, text: str, attr: Attribute) -> None:
    """Record in ``attr.detail`` the working name written right before a stated age, so the
    name reader learns names from profile lines whatever the introduction ("te presento
    a Evellyn: edad 18"). Address, rank and count words are not names."""
    begin = int(attr.detail.get("from", attr.start or 0))  # type: ignore[arg-type]
    m = _LEAD_NAME.search(text, max(0, begin - 24), begin)
    if m is None:
        return
    if _not_a_name(r, m.group("name"), _word_before(text, m.start())):
        return
    if r.before.match(_folded(text[m.start("name"):attr.end])):
        return  # "Tengo 25 años": the word is the age cue itself
    attr.detail |= {"name": m.group("name"), "name_start": m.start("name")}


def _field_age(r: _Reader, field: str) -> int | None:
    """A scraped ``age`` field ("17", "17 años", "Edad: 17"): its one standalone number."""
    m = re.search(r"(?<!\d)(\d{1,2})(?!\d)", field) if len(field) <= 30 else None
    return int(m.group(1)) if m and r.lo <= int(m.group(1)) <= r.hi else None


def find_ages(text: str, fields: dict[str, str] | None = None, names: Iterable[str] = (),
              heading: bool = False) -> list[Attribute]:
    """Stated ages in 12..80 as ``age`` attributes: the site's field first (no span), then
    ages in ``text`` with spans. ``names`` are working names already read from the text:
    a bare number right after one ("Lucía 16, nueva") is her age. ``heading`` says
    ``text`` is a title, where "Élodie 18 – new in town" is a name and an age."""
    r = _reader()
    out: list[Attribute] = []
    field = _field_age(r, str((fields or {}).get("age", "")).strip())
    if field is not None:
        out.append(_age(field, None, None, "field"))
    if not text:
        return out
    low = _folded(text)
    found = _text_ages(r, low)
    if "\u20e3" in text:  # a span ending inside a keycap run ends with the run
        for a in found:
            while a.end is not None and a.end < len(text) and (
                    text[a.end] in "\ufe0f\u20e3" or (text[a.end].isdigit() and text[
                        a.end + 1:a.end + 2] in ("\ufe0f", "\u20e3"))):
                a.end += 1
    out += found
    if not text.islower():  # a name needs a capital letter
        taken = [(a.start or 0, a.end or 0) for a in found]
        for attr in found:
            _lead_name(r, text, attr)
        for n, start, end, name, name_start in _named_ages(r, text, low, names, heading):
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            attr = _age(n, start, end, "named")
            attr.detail |= {"name": name, "name_start": name_start}
            out.append(attr)
    return out
