"""Accent- and case-folding that keeps every character where it was: the one fold
the extractors, the assessor and the linker match on (templates keep their own,
case-preserving NFKD variant, to find capitalised names).

Advertisers write "fotos reales", "fotos reáles" and "FOTOS REALES" for the same
claim. Patterns are matched on a folded copy of the text, but the analyst must
see the span in the ORIGINAL text, so folding maps each character to exactly one
character: offsets in the folded copy are offsets in the original.
``str.lower`` is not used because it can change length ("İ" → "i̇").
"""

from __future__ import annotations

import unicodedata
from functools import cache


@cache
def _table() -> dict[int, str]:
    """Map every accented/upper-case letter of the Latin blocks to its plain
    lower-case base letter, one character for one character."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch and base.isascii():
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    # Typographic apostrophes and dashes written by phones and word processors.
    for ch in "\u2019\u2018\u00b4`":
        table[ord(ch)] = "'"
    for ch in "\u2010\u2011\u2012\u2013\u2014":
        table[ord(ch)] = "-"
    table[ord("\u00a0")] = " "
    return table


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length.

    Fast path: ``str.lower`` is C-speed and length-preserving for nearly all
    text; only the few non-ASCII characters then go through the table. Where
    ``lower`` would change the length, the whole text is translated instead.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return text.translate(_table())
    if lowered.isascii():
        return lowered
    return lowered.translate(_table())
