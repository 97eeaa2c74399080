"""The indicator catalogue: data files in ``indicators/*.yaml``, compiled once.

Indicators are declared as data (like followthemoney's schemata) so that an
analyst or reviewer can read, cite and change them without reading code. Each
has an id, category, weight, note (why it matters) and source (citation), and
either text patterns per language or ``derived`` (computed from selectors,
attributes or the link stage instead of words).

Pattern syntax: a plain phrase matches case- and accent-insensitively between
word boundaries, each space matching up to three separators ("no fake",
"no-fake", "nofake"); ``re:`` introduces a regex written for the folded
(lower-case, accent-free) text. All patterns of one category become ONE
alternation so a document is scanned once per category, not once per phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from re import _constants as _c
from re import _parser

import ahocorasick
import yaml

from threadline.folding import fold

LANGUAGES: tuple[str, ...] = ("es", "pt", "en", "fr", "de", "nl")

#: Categories whose patterns are matched against document text, in scan order.
TEXT_CATEGORIES: tuple[str, ...] = (
    "validated",
    "movement",
    "managed",
    "control",
    "debt",
    "recruitment",
    "minor",
    "counter",
    "kind",
)


#: How far around a keyword hit a free regex is run (patterns are short phrases).
WINDOW = 40


@dataclass(frozen=True, slots=True)
class Indicator:
    """One catalogue entry. ``weight`` is its raw (pre-cap) contribution to the
    risk logit; negative weights are counter-evidence."""

    id: str
    category: str
    description: str
    note: str
    source: str
    weight: float
    languages: tuple[str, ...] = ()
    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    derived: str | None = None
    minor: bool = False
    #: dropped when a negation word precedes its wording ("sin agencia"): see negation.py
    negatable: bool = False


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """One pattern ready to confirm a keyword hit. ``languages`` lists every
    catalogue language that declares the same pattern for the indicator."""

    indicator: str
    category: str
    languages: tuple[str, ...]
    regex: re.Pattern[str]
    #: a phrase starting with a letter/digit must start at a word boundary
    word_start: bool = False


@dataclass(frozen=True, slots=True)
class Catalogue:
    indicators: dict[str, Indicator]
    patterns: tuple[CompiledPattern, ...]
    #: Aho-Corasick automaton: keyword -> indices of patterns that need it
    automaton: ahocorasick.Automaton

    def by_category(self, category: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.category == category]


def _fold_regex(pattern: str) -> str:
    """Fold only the non-ASCII letters of a regex: lower-casing it whole would
    turn ``\\W`` into ``\\w``."""
    return "".join(fold(ch) if ord(ch) > 127 else ch for ch in pattern)


def pattern_regex(pattern: str) -> str:
    """Regex source for one catalogue pattern, to run on folded text.

    Phrases get no leading ``\\b`` so the regex engine can use its fast
    literal-prefix search; :func:`scan` checks the start boundary instead.
    """
    if pattern.startswith("re:"):
        return _bounded_regex(_fold_regex(pattern[3:]))
    words = fold(pattern).split()
    body = r"[\s\W_]{0,3}".join(re.escape(w) for w in words)
    if words and words[-1][-1].isalnum():
        body = body + r"\b"
    return body


def _bounded_regex(src: str) -> str:
    """Give a catalogue regex the word boundaries a phrase gets: ``rusa?s?``
    must not fire inside "virus". Only added where the regex starts with
    letters (leading ``\\b``) or ends with a letter, optionally followed by ``?``."""
    lead = _leading_literals(_parser.parse(src, re.IGNORECASE))
    tail = src[:-1] if src.endswith("?") else src
    head = "\\b" if not src.startswith("\\b") and lead and all(k[:1].isalnum() for k in lead) else ""
    end = "\\b" if tail[-1:].isalnum() and not tail.endswith("\\b") and tail[-2:-1] != "\\" else ""
    # grouped first: "ados?|adolescentes?" must get its boundaries on every alternative
    return f"(?:{head}(?:{src}){end})"


def _indicator(raw: dict, category: str, default_source: str | None) -> Indicator:
    patterns = {
        lang: tuple(str(p) for p in (pats or ()))
        for lang, pats in (raw.get("patterns") or {}).items()
    }
    return Indicator(
        id=str(raw["id"]),
        category=str(raw.get("category", category)),
        description=str(raw.get("description", "")),
        note=str(raw.get("note", "")),
        source=str(raw.get("source") or default_source or ""),
        weight=float(raw["weight"]),
        languages=tuple(raw.get("languages") or ()),
        patterns=patterns,
        derived=raw.get("derived"),
        minor=bool(raw.get("minor", False)),
        negatable=bool(raw.get("negatable", False)),
    )


def _required_literals(items: _parser.SubPattern | list) -> set[str] | None:
    """A set of literal strings, one of which every match must contain.

    Walks the parsed regex: literal runs, groups, alternations of literals and
    small character classes. The most selective candidate wins (longest
    shortest member, then fewest members).
    """
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        found: set[str] | None = None
        if op is _c.SUBPATTERN:
            found = _required_literals(av[3])
        elif op is _c.BRANCH:
            alts = [_required_literals(a) for a in av[1]]
            if all(alts):
                found = set().union(*alts)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found = _required_literals(av[2])
        elif op is _c.IN and all(o is _c.LITERAL for o, _ in av):
            found = {chr(v) for _, v in av}
        if found:
            candidates.append(found)
    if run:
        candidates.append({"".join(run)})
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(_selectivity, s)), -len(s)))


def _selectivity(keyword: str) -> int:
    """Rough rarity of a keyword: its length, but currency signs count as rare."""
    return 3 if keyword in ("€", "$", "£") else len(keyword)


def _leading_literals(items: _parser.SubPattern | list) -> set[str] | None:
    """The literal strings one of which every match STARTS with, if known."""
    items = [(op, av) for op, av in items if op is not _c.AT]
    if not items:
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        run = []
        for op2, av2 in items:
            if op2 is not _c.LITERAL:
                break
            run.append(chr(av2))
        return {"".join(run)}
    if op is _c.SUBPATTERN:
        return _leading_literals(av[3])
    if op is _c.BRANCH:
        alts = [_leading_literals(a) for a in av[1]]
        return set().union(*alts) if all(alts) else None  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _leading_literals(av[2])
    return None


def keywords(pattern: str) -> tuple[set[str], int | None, int]:
    """Literal strings (folded) of which every match of ``pattern`` contains
    one, and where to look for the match around a keyword hit: ``back`` is
    how far before the keyword's end a match may start (``None``: the match
    starts exactly at the keyword), ``fwd`` how far after it may end. This is
    the cheap first pass that decides whether a pattern's regex runs at all.
    """
    if pattern.startswith("re:"):
        parsed = _parser.parse(_fold_regex(pattern[3:]), re.IGNORECASE)
        lead = _leading_literals(parsed)
        if lead and min(map(len, lead)) >= 4:
            return {k.lower() for k in lead}, None, 0
        found = _required_literals(parsed)
        if not found:
            raise ValueError(f"pattern {pattern!r} has no required literal to index")
        return {k.lower() for k in found}, WINDOW, WINDOW
    words = fold(pattern).split()
    # Prefer the first word (the regex can then be tried at that one place).
    i = 0 if len(words[0]) >= 3 else max(range(len(words)), key=lambda k: len(words[k]))
    if i == 0:
        return {words[0]}, None, 0
    back = sum(len(w) + 3 for w in words[:i]) + len(words[i])
    fwd = sum(len(w) + 3 for w in words[i + 1 :]) + 1
    return {words[i]}, back, fwd


def _alternation(
    compiled: list[CompiledPattern], indices: list[int]
) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """One regex trying several patterns at the same place; group ``pN`` is pattern N."""
    if not indices:
        return None
    ordered = sorted(indices, key=lambda n: -len(compiled[n].regex.pattern))
    src = "|".join(f"(?P<p{n}>{compiled[n].regex.pattern})" for n in ordered)
    return re.compile(src, re.IGNORECASE), {f"p{n}": n for n in ordered}


def _per_indicator(
    compiled: list[CompiledPattern], indices: list[int]
) -> tuple[tuple[re.Pattern[str], dict[str, int]], ...]:
    """:func:`_alternation` for each indicator among ``indices``."""
    groups: dict[str, list[int]] = {}
    for n in indices:
        groups.setdefault(compiled[n].indicator, []).append(n)
    return tuple(a for g in groups.values() if (a := _alternation(compiled, g)) is not None)


def _compile(indicators: dict[str, Indicator]) -> tuple[tuple[CompiledPattern, ...], object]:
    sources: dict[tuple[str, str], list[str]] = {}
    raw_of: dict[tuple[str, str], str] = {}
    for ind in indicators.values():
        for lang, pats in ind.patterns.items():
            for p in pats:
                key = (ind.id, pattern_regex(p))
                sources.setdefault(key, []).append(lang)
                raw_of.setdefault(key, p)
    compiled: list[CompiledPattern] = []
    automaton = ahocorasick.Automaton()
    by_keyword: dict[str, list[tuple[int, int | None, int]]] = {}  # keyword -> entries
    raw_of_n: list[str] = []
    for n, ((ind_id, src), langs) in enumerate(sources.items()):
        ind = indicators[ind_id]
        raw = raw_of[(ind_id, src)]
        raw_of_n.append(raw)
        word_start = raw[:1].isalnum() or src.startswith("(?:\\b")
        compiled.append(
            CompiledPattern(
                ind_id, ind.category, tuple(langs), re.compile(src, re.IGNORECASE), word_start
            )
        )
        kws, back, fwd = keywords(raw)
        for kw in kws:
            by_keyword.setdefault(kw, []).append((n, back, fwd))
    for kw, entries in by_keyword.items():
        # All patterns anchored at this keyword become one alternation (one regex
        # call per keyword hit); those that must start a word are skipped when the
        # keyword is found inside a word ("por" in "importante").
        anchored_ws = [n for n, back, _ in entries if back is None and compiled[n].word_start]
        anchored = [n for n, back, _ in entries if back is None and not compiled[n].word_start]
        windowed = tuple((n, back, fwd) for n, back, fwd in entries if back is not None)
        # A phrase's keyword is one of its whole words: a hit inside a longer word
        # ("am" in "Amsterdam") cannot start any windowed phrase match.
        whole = bool(windowed) and kw[:1].isalnum() and kw[-1:].isalnum() and all(
            not raw_of_n[n].startswith("re:") for n, _, _ in windowed)
        # One alternation per indicator: a hit of one indicator must not hide
        # another's at the same place ("chicas jovenes": group noun AND youth).
        automaton.add_word(
            kw, (len(kw), _per_indicator(compiled, anchored_ws),
                 _per_indicator(compiled, anchored), windowed, whole)
        )
    automaton.make_automaton()
    return tuple(compiled), automaton


@cache
def load_catalogue() -> Catalogue:
    """Read and compile every ``indicators/*.yaml`` file once per process."""
    folder = resources.files("threadline.assess") / "indicators"
    indicators: dict[str, Indicator] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        category = str(data.get("category", entry.name[:-5]))
        for raw in data.get("indicators") or ():
            ind = _indicator(raw, category, data.get("source"))
            if ind.id in indicators:
                raise ValueError(f"duplicate indicator id {ind.id!r} in {entry.name}")
            indicators[ind.id] = ind
    patterns, automaton = _compile(indicators)
    return Catalogue(indicators, patterns, automaton)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern hit: indicator id, language and offsets into the text."""

    indicator: str
    category: str
    language: str | None
    start: int
    end: int


def _in_address(folded: str, start: int, end: int) -> bool:
    """A word inside a domain, e-mail or handle ("amsterdam-models.example",
    "jobs@...") is not the advertiser's wording."""
    before = folded[start - 1] if start > 0 else " "
    after = folded[end : end + 2]
    if before in "@/_" or (before in "-." and start > 1 and folded[start - 2].isalnum()):
        return True
    return len(after) == 2 and after[0] in ".@_" and after[1].isalnum()


#: Characters searched past a window, so a pattern's negative lookahead ("muy joven" not
#: followed by "de espíritu") sees the words it must exclude.
_LOOKAHEAD = 32


def _word_end(folded: str, hi: int, size: int) -> int:
    """``hi`` moved to the end of the word it falls in: a regex searched up to ``endpos``
    sees a word boundary there, so a window cut inside "adora" would let "ado\\b" match."""
    if hi >= size:
        return size
    while hi < size and folded[hi - 1].isalnum() and folded[hi].isalnum():
        hi += 1
    return hi


def scan(text: str, preferred_language: str | None = None, folded: str | None = None
         ) -> list[Hit]:
    """Every indicator hit in ``text``, spans in the original string.

    Keywords are found in one Aho-Corasick pass; only the patterns whose
    keyword occurs are run, and only in a window around the keyword, so the
    cost grows with the hits, not with the catalogue. Language is the
    catalogue language of the pattern, preferring the document's own when the
    same pattern exists in several.
    """
    if not text:
        return []
    if folded is None:
        folded = fold(text)
    size = len(folded)
    catalogue = load_catalogue()
    patterns = catalogue.patterns
    found: list[tuple[int, int, int]] = []  # (pattern, start, end) of each raw match
    add = found.append
    for last, (length, ws_alt, alt, windowed, whole) in catalogue.automaton.iter(folded):
        end = last + 1
        begin = end - length
        inside = begin > 0 and folded[begin - 1].isalnum()
        if windowed and whole and (inside or (end < size and folded[end].isalnum())):
            windowed = ()
        if ws_alt and not inside:
            for regex, groups in ws_alt:
                m = regex.match(folded, begin)
                if m is not None:
                    add((groups[m.lastgroup], m.start(), m.end()))  # type: ignore[index]
        for regex, groups in alt:
            m = regex.match(folded, begin)
            if m is not None:
                add((groups[m.lastgroup], m.start(), m.end()))  # type: ignore[index]
        for n, back, fwd in windowed:
            lo = end - back
            hi = _word_end(folded, end + fwd + _LOOKAHEAD, size)
            for m in patterns[n].regex.finditer(folded, lo if lo > 0 else 0, hi):
                add((n, m.start(), m.end()))
    hits: list[Hit] = []
    seen: set[tuple[str, int, int]] = set()
    for n, s, e in found:
        p = patterns[n]
        if e == s or (p.word_start and s > 0 and folded[s - 1].isalnum()):
            continue
        if _in_address(folded, s, e):
            continue
        key = (p.indicator, s, e)
        if key in seen:
            continue
        seen.add(key)
        lang = preferred_language if preferred_language in p.languages else p.languages[0]
        hits.append(Hit(p.indicator, p.category, lang, s, e))
    hits.sort(key=lambda h: (h.start, h.end))
    return hits
