"""E-mail addresses, plain or spelled out ("anna at mail dot com").

Spelling an address out is a way to dodge platform filters, so an obfuscated
address is tagged like an obfuscated phone. The spelled form is only accepted
with a known top-level domain, so "meet me at home" never becomes an address.
"""

from __future__ import annotations

import re

from threadline.extract.scan import caseless_ok
from threadline.model import Selector

_TLDS = (
    "com|net|org|info|biz|es|pt|fr|de|nl|be|uk|co\\.uk|it|ch|at|eu|br|com\\.br|mx|com\\.mx|ar|"
    "com\\.ar|co|ve|pe|ec|io|me|example"
)
_PLAIN = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w-])", re.IGNORECASE
)
_AT = r"(?:\s*[(\[{<]\s*(?:at|arroba|arobase|ät)\s*[)\]}>]\s*|\s+(?:at|arroba|arobase)\s+|\s+@\s*|\s*@\s+)"
_DOT = r"(?:\s*[(\[{<]\s*(?:dot|punto|ponto|point|punkt|punt)\s*[)\]}>]\s*|\s+(?:dot|punto|ponto|point|punkt|punt)\s+|\s*\.\s*)"
_SPELLED = re.compile(
    rf"(?<![\w.+-])(?P<user>[a-z0-9][\w.+-]{{0,63}}){_AT}"
    rf"(?P<domain>[a-z0-9-]{{2,63}}(?:{_DOT}[a-z0-9-]{{2,63}})*?){_DOT}(?P<tld>{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_DOT_RE = re.compile(_DOT, re.IGNORECASE)
#: A spelled "at" is a whole word; without one (or an "@") there is no address.
_AT_WORDS = frozenset({"at", "arroba", "arobase", "ät"})
_WORD = re.compile(r"\w+")
#: Where the first plain address can begin: the name run before the first "@".
_PLAIN_START = re.compile(r"[\w.+-]*@")


def _may_be_spelled(text: str) -> bool:
    if "@" in text:
        return True
    low = text.lower()
    if not caseless_ok(text, low):
        return True
    return not _AT_WORDS.isdisjoint(_WORD.findall(low))


def find_emails(text: str) -> list[Selector]:
    """Addresses in ``text`` as lower-cased ``email`` selectors with spans."""
    out: list[Selector] = []
    taken: list[tuple[int, int]] = []
    first = _PLAIN_START.search(text) if "@" in text else None
    for m in _PLAIN.finditer(text, first.start()) if first else ():
        value = m.group().lower().rstrip(".")
        out.append(Selector("email", value, m.start(), m.start() + len(value), m.group()))
        taken.append(m.span())
    for m in _SPELLED.finditer(text) if _may_be_spelled(text) else ():
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        domain = _DOT_RE.sub(".", m.group("domain"))
        value = f"{m.group('user')}@{domain}.{m.group('tld')}".lower()
        out.append(Selector("email", value, m.start(), m.end(), m.group(), tags=("obfuscated",)))
    out.sort(key=lambda s: s.start or 0)
    return out
