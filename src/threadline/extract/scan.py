"""Run a regex only where a match can start: the same matches, a fraction of the work.

Python's ``re`` tries a whole alternation at every position of the text, so a
pattern with fifty cue words costs fifty checks per character, whether or not
the text holds any of them. The extractors know where their matches can start
(a digit, a cue word, a currency sign), so they hand this module those
*candidate* positions, found with ``str.find`` on a lower-cased copy; the
pattern is then tried with ``match`` at each one, in order, skipping positions
inside the previous match — exactly what ``finditer`` would have returned.

Lower-cased ``str.find`` agrees with ``re.IGNORECASE`` except for a few letters
that Unicode folds specially (long s, Kelvin sign, dotless i, final sigma …)
and for characters that grow when lower-cased; :func:`caseless_ok` says when a
text has none, and callers fall back to the plain ``finditer`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

try:  # the table re itself uses for IGNORECASE special cases (CPython ≥ 3.11)
    from re._casefix import _EXTRA_CASES as _FIXES
except ImportError:  # pragma: no cover - other interpreters: treat all non-ASCII as special
    _FIXES = {}


def _special_chars() -> str:
    chars: set[str] = set()
    for key, values in _FIXES.items():
        for code in (key, *values):
            for c in (chr(code), chr(code).upper(), chr(code).lower()):
                if len(c) == 1 and not c.isascii():
                    chars.add(c)
    return "".join(sorted(chars))


_SPECIAL = re.compile(f"[{re.escape(_special_chars())}]" if _FIXES else r"[^\x00-\x7f]")
_DIGIT_RUN = re.compile(r"\d\d*")  # opens with a class: sre scans for it at C speed


def caseless_ok(text: str, low: str) -> bool:
    """True when ``low`` (``text.lower()``) matches like ``re.IGNORECASE`` on ``text``."""
    return len(low) == len(text) and _SPECIAL.search(text) is None


def occurrences(low: str, words: Iterable[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Every start position of every word in ``low[lo:hi]`` (overlaps included)."""
    hi = len(low) if hi is None else hi
    out: list[int] = []
    for w in words:
        i = low.find(w, lo, hi)
        while i >= 0:
            out.append(i)
            i = low.find(w, i + 1, hi)
    return out


def digit_positions(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every position of a ``\\d`` character in ``text[lo:hi]``."""
    hi = len(text) if hi is None else hi
    return [i for m in _DIGIT_RUN.finditer(text, lo, hi) for i in range(*m.span())]


def digit_run_starts(text: str) -> list[int]:
    """Where each maximal run of ``\\d`` characters begins."""
    return [m.start() for m in _DIGIT_RUN.finditer(text)]


def finditer_at(
    pattern: re.Pattern[str],
    text: str,
    starts: Iterable[int],
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern whose (non-empty) matches
    can only begin at one of ``starts``."""
    end = len(text) if endpos is None else endpos
    limit = pos
    for p in sorted(set(starts)):
        if p < limit:
            continue
        if p >= end:
            break
        m = pattern.match(text, p, end)
        if m is not None:
            limit = m.end()
            yield m


_META = set(".^$*+?{}[]|()")


def literal_head(rx: str) -> str:
    """The literal text every match of regex fragment ``rx`` starts with, lower-cased
    ("y\\.o\\." → "y.o.", "1\\s*h" → "1", "ab?" → "a"); "" when there is none."""
    if "|" in rx:
        return ""  # alternatives: no single head
    out: list[str] = []
    i = 0
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            if i + 1 >= len(rx) or rx[i + 1].isalnum():
                break  # a class such as \s or \d
            c, i = rx[i + 1], i + 1
        elif c in _META:
            if c in "*?{" and out:
                out.pop()  # the previous character was optional
            break
        out.append(c)
        i += 1
    return "".join(out).lower()
