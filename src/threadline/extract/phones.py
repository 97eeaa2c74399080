"""Phone numbers, including the ones ads hide.

Numbers are the selector that links most ads, and traffickers know it: they
write them spaced out, spelled in words, with letters for digits or as emoji
keycaps. We find every such run, but a number is only reported when
``phonenumbers`` says it is valid for the region, and never from a price, date,
time, age, measurement or reference number: a false number links unrelated
women, which is worse than a missed one.

How: one regex pass finds *units* (digit groups, digit words, keycaps, letters
standing for digits); units joined by ordinary or decorative separators form a
*run*; spans that are clearly not phones (prices, dates …) break runs; inside a
run, the longest valid windows of whole units win. Tags say how the number was
written: ``("obfuscated", technique…)`` when it was not a plain run of digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import phonenumbers
import yaml

from threadline.extract.scan import caseless_ok, digit_positions, finditer_at, occurrences
from threadline.model import Hint, Selector

_DATA = Path(__file__).parent / "data" / "phones.yaml"

#: A number needs at least this many digits (no region we serve has shorter mobiles).
MIN_DIGITS = 8
#: E.164 allows 15; "00" + 15 is the longest way to write one.
MAX_DIGITS = 17
#: Runs longer than this many units are cut: hostile input must stay linear.
MAX_WINDOW_UNITS = 24

_CIRCLED = {
    **{chr(0x2460 + i): str(i + 1) for i in range(9)},  # ①..⑨
    "\u24ea": "0",  # ⓪
    **{chr(0x2776 + i): str(i + 1) for i in range(9)},  # ❶..❾
    **{chr(0x2780 + i): str(i + 1) for i in range(9)},  # ➀..➈
    **{chr(0x278A + i): str(i + 1) for i in range(9)},  # ➊..➒
}
_SUBST = {"o": "0", "O": "0", "l": "1", "I": "1", "|": "1"}
_BARE_LETTERS = frozenset("OoIl")
_BARE_LOWER = frozenset("oil")
_LETTER = re.compile(r"[^\W\d_]")


def _is_letter(c: str) -> bool:
    """One character of what ``_LETTER_RUN`` matches."""
    return _LETTER.match(c) is not None


#: Unit kinds written with letters: an everyday word next to one is part of the number.
_SPELT = frozenset({"word", "letters"})

# Separators that may sit between the digit groups of one number. Ordinary
# ones are what phone formats use; anything else (emoji, stars …) marks the
# number as deliberately "spaced".
_ORDINARY_SEP = frozenset(" .-/()\u00a0\t")
_EMOJI = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u25a0-\u25ff"
    "\u2700-\u27bf\ufe0f\u200d\u2000-\u200b"
)
_GAP_RE = re.compile(rf"[ .\-/()\[\]*_~·•|\\\u00a0\t\u2013\u2014{_EMOJI}]{{0,6}}")

_DAY = r"(?:[012]?\d|3[01])"
_DATE = (
    rf"(?<![\d./-])(?:{_DAY}[./-]{_DAY}[./-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
    r"(?![\d]|[./-]\d)"
)
_TIME = (
    r"\d{1,2}[:h.]\d{2}\s*(?:-|–|a|to|à|bis|tot|até)\s*\d{1,2}[:h.]\d{2}|24\s*/\s*7|\d{1,2}:\d{2}"
)
_MONEY = (
    r"(?:€|\$|£|R\$|eur|usd|gbp|chf|cop|mxn|brl|ars)\s*\d[\d.,]*"
    r"|\d[\d.,]*\s*(?:€|\$|£|eur\b|euros?\b|usd\b|gbp\b|chf\b|cop\b|mxn\b|brl\b|ars\b|pesos?\b"
    r"|reais\b|dollars?\b|dólares\b|libras?\b)"
)
_DURATION = (
    r"\d+\s*(?:h|hr|hrs|min|mins|minutos|minutes|hora|horas|hour|hours|heure|heures|std|"
    r"stunden?|uur|dia|día|nuit|noche|night)\b\.?\s*[:=\-]?\s*\d+"
)
_FROM = r"(?:desde|from|a partir de|à partir de|ab|vanaf|apenas|solo|only|por)\s+\d+"
_AGE = (
    r"\d{1,2}\s*(?:años|anos|ans|jahre|jaar|years?|yrs|yo\b|y/o|a\b)"
    r"|(?:age|edad|idade|âge|alter|leeftijd)\s*:?\s*\d{1,2}"
)
_MEASURE = (
    r"\d+(?:[.,]\d+)?\s*(?:kg|kilos?|cm|mts?|m|lbs?|ft)\b"
    r"|(?<![\d\-])\d{2,3}-\d{2}-\d{2,3}(?![\d\-])"
)
_ID = (
    r"(?:\bref(?:erencia|erence)?|\bid|n[º°]|\bno\.|\border|\bpedido|"
    r"\bc[óo]digo|\bcode|\bcod|\banuncio|\bad|\bdni|\bnie|\biban|\bcp|\bpostcode|\bplz|#)"
    # "order number 123…" is an ID, but "my number: 612…" / "mi número:" is a phone cue,
    # so "number" only counts after an ID word, never on its own.
    r"(?:\s*(?:n[º°]|no\.|num(?:ero|ber)?\.?|número))?"
    r"\s*[.:#]?\s*[\w-]*\d[\w-]*"
)
_BLOCKERS = re.compile(
    "|".join(f"(?:{p})" for p in (_DATE, _TIME, _MONEY, _DURATION, _FROM, _AGE, _MEASURE, _ID)),
    re.IGNORECASE,
)

#: Where a blocker can start besides a digit: the literal head of every word alternative.
_BLOCKER_HEADS = (
    "€", "$", "£", "#", "r$", "eur", "usd", "gbp", "chf", "cop", "mxn", "brl", "ars",
    "desde", "from", "a partir de", "à partir de", "ab", "vanaf", "apenas", "solo", "only", "por",
    "age", "edad", "idade", "âge", "alter", "leeftijd",
    "ref", "id", "nº", "n°", "no.", "order", "pedido", "código", "codigo", "cod",
    "anuncio", "ad", "dni", "nie", "iban", "cp", "postcode", "plz",
)  # fmt: skip
#: Substrings without which ``_LINK_RE`` cannot match (checked on lower-cased text).
_LINK_HEADS = ("wa.me", "whatsapp", "tel:")
# Two searches that each start with a character class run at C speed; one
# alternation of both would be tried at every position.
_LETTER_BEFORE_DIGIT = re.compile(r"[OoIl|]\d")
_DIGIT_BEFORE_LETTER = re.compile(r"\d[OoIl|]")
#: Characters a unit other than letters-for-digits can start with.
#: Written "[x][x]*", not "[x]+": a pattern that opens with a class is scanned at C speed.
_UNIT_START = re.compile(rf"[+\d{''.join(_CIRCLED)}][+\d{''.join(_CIRCLED)}]*")
_LETTER_RUN = re.compile(r"[^\W\d_][^\W\d_]*")

_LINK_RE = re.compile(
    r"(?:(?:https?://)?(?:wa\.me|api\.whatsapp\.com/send/?\?(?:[^\s\"'<>]*?&)?phone=)/?"
    r"|whatsapp://send/?\?phone=)(?P<wa>\+?\d{6,15})"
    r"|tel:\s*(?P<tel>\+?[\d\s().\-/]{5,24}\d)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    digits: str
    kind: str  # digits | plus | keycap | circled | unicode | word | letters
    weak: bool = False
    mixed: bool = False  # glued to a digit word or letter ("0six3", "5l"): obfuscation context


@cache
def _trunk_regions() -> tuple[str, ...]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return tuple(str(r) for r in raw.get("trunk_regions", ()))


_MOBILE = frozenset({phonenumbers.PhoneNumberType.MOBILE})


@cache
def _lengths(region: str) -> tuple[str, str, frozenset[int]] | None:
    """(trunk prefix, country code, national lengths) for regions whose national
    numbers are read by plain prefix stripping; None where phonenumbers applies
    transformation rules (AR, BR, CO …) and only it can say."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None or meta.national_prefix_transform_rule:
        return None
    prefix = meta.national_prefix or ""
    if (meta.national_prefix_for_parsing or None) not in (None, prefix or None):
        return None
    lengths = frozenset(meta.general_desc.possible_length or ())
    return prefix, str(meta.country_code), lengths


def _plausible(digits: str, region: str) -> bool:
    """False when ``digits`` cannot be a national number of ``region`` by length
    alone: most candidate windows fail here, before the costly parse."""
    info = _lengths(region)
    if info is None:
        return True
    prefix, cc, lengths = info
    if len(digits) in lengths:  # also right for prefix-less regions (ES, PT, IT)
        return True
    if prefix and digits.startswith(prefix) and len(digits) - len(prefix) in lengths:
        return True
    return digits.startswith(cc) and len(digits) - len(cc) in lengths


_GROUP = re.compile(r"\d+")


@lru_cache(maxsize=16384)
def _trunk_guess(digits: str, groups: tuple[int, ...], skip: tuple[str, ...]) -> str | None:
    """E.164 for a "0…" national number no region of the document accepts, when the
    trunk-prefix regions agree on one reading (see ``trunk_regions`` in phones.yaml).

    ``groups`` is how the digits were grouped in the text ((2, 8) for "06 29834760").
    Ambiguous numbers ("0633614997" is a mobile in FR and NL) give None: a
    guessed country would link unrelated ads.
    """
    if not digits.startswith("0") or digits.startswith("00") or not 9 <= len(digits) <= 12:
        return None
    valid: list[tuple[str, phonenumbers.PhoneNumber]] = []
    for reg in _trunk_regions():
        if reg in skip or not _plausible(digits, reg):
            continue
        try:
            num = phonenumbers.parse(digits, reg)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            valid.append((reg, num))
    if not valid:
        return None
    fmt = phonenumbers.PhoneNumberFormat
    shaped = [
        num
        for _, num in valid
        if tuple(map(len, _GROUP.findall(phonenumbers.format_number(num, fmt.NATIONAL)))) == groups
    ]
    if len(groups) > 1 and len(shaped) == 1:
        return phonenumbers.format_number(shaped[0], fmt.E164)
    mobiles = [num for _, num in valid if phonenumbers.number_type(num) in _MOBILE]
    if len(mobiles) == 1:
        return phonenumbers.format_number(mobiles[0], fmt.E164)
    return None


@cache
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[int]]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for table in raw["digit_words"].values():
        for word, digit in table.items():
            words[str(word).lower()] = str(digit)
    weak = frozenset(str(w).lower() for w in raw["weak_words"])
    codes = frozenset(int(c) for c in raw["bare_international_codes"])
    return words, weak, codes


@cache
def _unit_re(letters: bool = True) -> re.Pattern[str]:
    """Digits, keycaps, circled digits and letters standing for digits.

    Without ``letters`` the (costly) letters-for-digits branch is left out: the
    caller knows no letter touches a digit, so that branch could not match.
    """
    circled = "".join(_CIRCLED)
    rx = (
        r"(?P<plus>\+)(?=\s?\d)"
        r"|(?P<keycap>[0-9]\ufe0f?\u20e3)"
        r"|(?P<digits>(?:\d(?!\ufe0f?\u20e3))+)"
        rf"|(?P<circled>[{circled}])"
    )
    if letters:
        rx += r"|(?P<letters>(?<![^\W\d_])[OoIl]+(?=\d)|(?<=\d)[OoIl]+(?![^\W\d_])|(?<=\d)\|(?=\d))"
    return re.compile(rx)


@cache
def _word_re() -> re.Pattern[str]:
    """Digit words, glued or not, on lower-cased text: the reference the letter-run lookup
    in ``_units`` must agree with (tests/extract/test_scan.py); too slow to scan with."""
    words, _, _ = _lexicon()
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alt})+(?![^\W\d_])")


@cache
def _glued_re() -> re.Pattern[str]:
    words, _, _ = _lexicon()
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(alt, re.IGNORECASE)


@lru_cache(maxsize=65536)
def _split_words(token: str) -> tuple[str, ...] | None:
    """Split glued digit words ("sixseven") into their digits; None if impossible."""
    words, _, _ = _lexicon()
    low = token.lower()
    if low in words:
        return (words[low],)
    parts = _glued_re().findall(low)
    if sum(map(len, parts)) == len(low):
        return tuple(words[p] for p in parts)
    return None  # the unit regex matched by backtracking; too rare to split further


def _unit_matches(text: str) -> Iterator[re.Match[str]]:
    """``_unit_re(letters=False).finditer(text)``, tried only on runs of characters a
    unit can start with (found at C speed) instead of at every position."""
    rx = _unit_re(False)
    limit = 0
    for chunk in _UNIT_START.finditer(text):
        p, end = max(chunk.start(), limit), chunk.end()
        while p < end:
            m = rx.match(text, p)
            if m is None:
                p += 1
                continue
            yield m
            limit = p = m.end()


def _units(text: str) -> list[_Unit]:
    _, weak, _ = _lexicon()
    out: list[_Unit] = []
    letters = bool(_LETTER_BEFORE_DIGIT.search(text) or _DIGIT_BEFORE_LETTER.search(text))
    for m in _unit_re().finditer(text) if letters else _unit_matches(text):
        kind = m.lastgroup or ""
        tok = m.group()
        if kind == "digits":
            if tok.isascii():
                digits = tok
            else:
                kind, digits = "unicode", "".join(str(int(c)) for c in tok)
        elif kind == "keycap":
            digits = tok[0]
        elif kind == "circled":
            digits = _CIRCLED[tok]
        elif kind == "letters":
            digits = "".join(_SUBST[c] for c in tok)
        else:
            digits = ""
        out.append(_Unit(m.start(), m.end(), digits, kind))
    low = text.lower()
    if len(low) == len(text):  # a few characters grow when lower-cased; then skip words
        # Digit words are whole runs of letters (what ``_word_re`` matches). The
        # distinct runs are collected at C speed and looked up once each; only the
        # few that are digit words are then located (str.find, whole runs only).
        for tok in set(_LETTER_RUN.findall(low)):
            parts = _split_words(tok)
            bare = parts is None and len(tok) >= 2 and _BARE_LOWER.issuperset(tok)
            if parts is None and not bare:
                continue
            size = len(tok)
            i = low.find(tok)
            while i >= 0:
                end = i + size
                before, after = low[i - 1 : i], low[end : end + 1]
                if not (before and _is_letter(before)) and not (after and _is_letter(after)):
                    if parts is not None:
                        out.append(_Unit(i, end, "".join(parts), "word", tok in weak))
                    elif (
                        _BARE_LETTERS.issuperset(text[i:end])
                        and not before.isdigit()  # glued to digits: a "letters" unit
                        and not after.isdigit()
                    ):
                        # A whole word of digit-like letters ("ll" in "69 77 ll 62 9"):
                        # a digit group only inside a run, like an everyday digit word.
                        digits = "".join(_SUBST[c] for c in text[i:end])
                        out.append(_Unit(i, end, digits, "letters", True))
                i = low.find(tok, end)
        out.sort(key=lambda u: u.start)
    for a, b in zip(out, out[1:], strict=False):
        if a.end == b.start and (a.kind in _SPELT or b.kind in _SPELT):
            a.mixed = b.mixed = True
    return out


def _blocked_spans(text: str, lo: int, hi: int, low: str | None = None) -> list[tuple[int, int]]:
    """Prices, dates … in ``text[lo:hi]``; tried only where one can start (see scan)."""
    if low is None:
        return [m.span() for m in _BLOCKERS.finditer(text, lo, hi)]
    starts = digit_positions(text, lo, hi) + occurrences(low, _BLOCKER_HEADS, lo, hi)
    return [m.span() for m in finditer_at(_BLOCKERS, text, starts, lo, hi)]


def _runs(text: str, units: list[_Unit], blocked: list[tuple[int, int]]) -> list[list[_Unit]]:
    """Group units joined only by separators; blocked units and odd gaps break runs."""

    def is_blocked(u: _Unit) -> bool:
        return any(s < u.end and u.start < e for s, e in blocked)

    runs: list[list[_Unit]] = []
    current: list[_Unit] = []
    for u in units:
        if is_blocked(u):
            if current:
                runs.append(current)
            current = []
            continue
        if current:
            gap = text[current[-1].end : u.start]
            joined = u.kind != "plus" and _GAP_RE.fullmatch(gap) is not None
            if not joined:
                runs.append(current)
                current = []
        current.append(u)
    if current:
        runs.append(current)
    return [_trim_weak(text, r) for r in runs]


def _keeps_weak(weak: _Unit, neighbour: _Unit | None) -> bool:
    """An everyday word ("una", "for") counts as a digit only when glued to a
    digit ("for80") or next to another digit word ("nul zes een")."""
    if neighbour is None:
        return False
    glued = neighbour.start == weak.end or neighbour.end == weak.start
    return glued or neighbour.kind in _SPELT or neighbour.mixed


def _trim_weak(text: str, run: list[_Unit]) -> list[_Unit]:
    """Drop everyday digit words at the edges of a run unless they belong to it."""
    while run and run[0].weak and not _keeps_weak(run[0], run[1] if len(run) > 1 else None):
        run = run[1:]
    while run and run[-1].weak and not _keeps_weak(run[-1], run[-2] if len(run) > 1 else None):
        run = run[:-1]
    return run


@lru_cache(maxsize=65536)
def _validate(
    digits: str, plus: bool, region: str | None, bare_ok: bool, fallbacks: tuple[str, ...] = ()
) -> str | None:
    """E.164 for a digit string if it is a valid number, else None (cached: ads repeat).

    A national number invalid for ``region`` is read with each of ``fallbacks``
    (the countries of cities the text names) before giving up: "Hamburg …
    01511 7416788" in an English post is German.
    """
    candidates: list[tuple[str, str | None]] = []
    if plus:
        candidates.append(("+" + digits, None))
    elif digits.startswith("00"):
        candidates.append(("+" + digits[2:], None))
    else:
        for reg in (region, *fallbacks):
            if reg and (digits, reg) not in candidates and _plausible(digits, reg):
                candidates.append((digits, reg))
        if bare_ok and 10 <= len(digits) <= 13 and digits[0] != "0":
            candidates.append(("+" + digits, None))
    _, _, codes = _lexicon()
    for i, (s, reg) in enumerate(candidates):
        try:
            num = phonenumbers.parse(s, reg)
        except phonenumbers.NumberParseException:
            continue
        if reg is None and i > 0 and num.country_code not in codes:
            continue
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


def _tags(text: str, window: Sequence[_Unit]) -> tuple[str, ...]:
    kinds = {u.kind for u in window}
    tech: list[str] = []
    if "word" in kinds:
        tech.append("spelled")
    if "letters" in kinds:
        tech.append("letters")
    if "keycap" in kinds:
        tech.append("keycap")
    if kinds & {"circled", "unicode"}:
        tech.append("unicode")
    gaps = [text[a.end : b.start] for a, b in zip(window, window[1:], strict=False)]
    body = [u for u in window if u.kind != "plus"]
    singles = sum(1 for u in body[1:] if u.kind == "digits" and len(u.digits) == 1)
    odd_gap = any(len(g) > 3 or not set(g) <= _ORDINARY_SEP for g in gaps)
    if odd_gap or singles >= 3:
        tech.append("spaced")
    return ("obfuscated", *tech) if tech else ()


def _windows(
    text: str, run: list[_Unit], region: str | None, fallbacks: tuple[str, ...] = ()
) -> list[Selector]:
    """The best non-overlapping valid numbers made of whole units of one run.

    Windows are tried longest first and a window overlapping one already taken
    is never validated: it could not win, and validation is the costly part.
    """
    found: list[tuple[int, int, int, str, bool, bool]] = []  # (-len, i, j, digits, plus, bare)
    n = len(run)
    for i in range(n):
        if run[i].weak and not _keeps_weak(run[i], run[i + 1] if i + 1 < n else None):
            continue
        plus = run[i].kind == "plus"
        digits = ""
        for j in range(i, min(n, i + MAX_WINDOW_UNITS)):
            if j > i and run[j].kind == "plus":
                break
            digits += run[j].digits
            if len(digits) > MAX_DIGITS:
                break
            if len(digits) < MIN_DIGITS:
                continue
            bare_ok = j == i and run[i].kind == "digits"
            found.append((-len(digits), i, j, digits, plus, bare_ok))
    found.sort(key=lambda f: f[:3])
    taken: list[tuple[int, int]] = []
    out: list[Selector] = []
    for _, i, j, digits, plus, bare_ok in found:
        if any(a <= j and i <= b for a, b in taken):
            continue
        e164 = _validate(digits, plus, region, bare_ok, fallbacks)
        if (
            not e164
            and not plus
            and digits[:1] == "0"
            and i == 0
            and j == n - 1
            and not (region and _plausible(digits, region))
        ):
            # Only a number written on its own (the whole run) and not shaped like one
            # of the document's region (an invalid "07700 900…" in GB stays out) is
            # read abroad.
            groups = tuple(len(u.digits) for u in run[i : j + 1])
            e164 = _trunk_guess(digits, groups, (region or "", *fallbacks))
        if not e164:
            continue
        taken.append((i, j))
        window = run[i : j + 1]
        start, end = window[0].start, window[-1].end
        out.append(Selector("phone", e164, start, end, text[start:end], tags=_tags(text, window)))
    return out


def _link_phones(
    text: str, region: str | None, low: str | None = None, fallbacks: tuple[str, ...] = ()
) -> list[Selector]:
    out: list[Selector] = []
    if low is not None and not any(h in low for h in _LINK_HEADS):
        return out
    for m in _LINK_RE.finditer(text):
        if m.group("wa"):
            digits = m.group("wa").lstrip("+")
            e164 = _validate(digits, True, None, False)
            tag = "wa.me"
        else:
            raw = m.group("tel")
            digits = re.sub(r"\D", "", raw)
            e164 = _validate(digits, raw.startswith("+"), region, True, fallbacks)
            tag = "tel"
        if e164:
            out.append(Selector("phone", e164, m.start(), m.end(), m.group(), tags=(tag,)))
    return out


def _hint_phones(
    text: str, hints: Iterable[Hint], region: str | None, fallbacks: tuple[str, ...] = ()
) -> list[Selector]:
    """Phones the source marked up itself (Telegram phone entities, tel: links): trusted."""
    out: list[Selector] = []
    for h in hints:
        value = h.value
        tag: tuple[str, ...] = ()
        if h.kind in ("href", "link", "text_link") and _LINK_RE.search(value):
            for s in _link_phones(value, region, None, fallbacks):
                out.append(Selector("phone", s.value, h.start, h.end, value, tags=s.tags))
            continue
        if h.kind not in ("phone", "tel"):
            continue
        if value.lower().startswith("tel:"):
            value, tag = value[4:], ("tel",)
        digits = re.sub(r"\D", "", value)
        e164 = _validate(digits, value.strip().startswith("+"), region, True, fallbacks)
        if e164 is None and not value.strip().startswith("+"):
            groups = tuple(map(len, _GROUP.findall(value)))
            e164 = _trunk_guess(digits, groups, (region or "", *fallbacks))
        if e164 is None and len(digits) >= 6:  # trusted: accept a merely possible number
            try:
                num = phonenumbers.parse(value, region)
                if phonenumbers.is_possible_number(num):
                    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            except phonenumbers.NumberParseException:
                e164 = None
        if e164:
            out.append(Selector("phone", e164, h.start, h.end, h.value, tags=tag))
    return out


def _overlaps(a: Selector, b: Selector) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    return a.start < b.end and b.start < a.end


def find_phones(
    text: str,
    region: str | None,
    hints: Sequence[Hint] = (),
    fallbacks: Sequence[str] = (),
) -> list[Selector]:
    """Every phone number in ``text`` as an E.164 :class:`Selector` with its span.

    ``region`` (ISO alpha-2) is how national numbers are read; without it only
    numbers written with ``+``/``00`` or in links are found. ``fallbacks`` are
    further regions (those of cities the text names) for a national number that
    is invalid in ``region``. ``hints`` from the source win over what the text
    scan found on the same span.
    """
    fallbacks = tuple(r for r in fallbacks if r and r != region)
    low: str | None = text.lower()
    if not caseless_ok(text, low):  # type: ignore[arg-type]
        low = None  # rare letters fold specially: scan everything, as re would
    selectors = _hint_phones(text, hints, region, fallbacks)
    for s in _link_phones(text, region, low, fallbacks):
        if not any(_overlaps(s, t) for t in selectors):
            selectors.append(s)
    claimed = [(s.start, s.end) for s in selectors if s.start is not None and s.end is not None]
    units = [u for u in _units(text) if not any(a < u.end and u.start < b for a, b in claimed)]
    for rough in _runs(text, units, []):
        if sum(len(u.digits) for u in rough) < MIN_DIGITS:
            continue
        # Prices, dates … are only looked for around runs that could be numbers.
        lo, hi = max(0, rough[0].start - 40), min(len(text), rough[-1].end + 20)
        for run in _runs(text, rough, _blocked_spans(text, lo, hi, low)):
            if sum(len(u.digits) for u in run) >= MIN_DIGITS:
                for s in _windows(text, run, region, fallbacks):
                    if not any(_overlaps(s, t) for t in selectors):
                        selectors.append(s)
    # A spanless hint repeated in the text is the same number: keep the located one.
    located = {s.value for s in selectors if s.start is not None}
    selectors = [s for s in selectors if s.start is not None or s.value not in located]
    seen: set[tuple[str, int | None]] = set()
    out: list[Selector] = []
    for s in sorted(selectors, key=lambda s: (s.start is None, s.start or 0)):
        if (s.value, s.start) not in seen:
            seen.add((s.value, s.start))
            out.append(s)
    return out
