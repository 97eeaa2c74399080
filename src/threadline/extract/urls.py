"""Web addresses and the registered domains behind them.

Ads point to their own sites, booking pages and mirrors; the registered domain
("escorts-vip.example") is what links them, the full URL is what an analyst
opens. tldextract runs offline with ``.example`` added, because all our
fixtures use it and its bundled list lacks it.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import tldextract

from threadline.model import Selector

_SUFFIXES = (
    "com|net|org|info|biz|es|pt|fr|de|nl|be|uk|it|ch|at|eu|br|mx|ar|co|ve|pe|ec|do|py|io|me|"
    "ly|xyz|site|online|club|app|link|example|ru|us|ca|tv|cc|to|gg|vip|top|live"
)
_URL = re.compile(
    r"(?<![\w@./-])(?:(?:https?://|www\.)[^\s<>\"'`]+"
    rf"|(?:[a-z0-9](?:[a-z0-9-]{{0,62}}[a-z0-9])?\.)+(?:{_SUFFIXES})(?![\w-])(?:/[^\s<>\"'`]*)?)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\"»”’…"


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), include_psl_private_domains=False, extra_suffixes=("example",)
    )


def normalise_url(raw: str) -> str:
    """Scheme and host lower-case, no fragment; bare "site.example/x" gets http://."""
    if not re.match(r"[a-z][a-z0-9+.-]*://", raw, re.IGNORECASE):
        raw = "http://" + raw
    parts = urlsplit(raw)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def registered_domain(url: str) -> str | None:
    """ "www.foo.bar.example" → "bar.example" (offline public-suffix list)."""
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    ext = _extractor()(host)
    if not ext.domain or not ext.suffix:
        return None
    return f"{ext.domain}.{ext.suffix}".lower()


def find_urls(text: str) -> list[Selector]:
    """``url`` selectors for every address and one ``domain`` selector beside each."""
    out: list[Selector] = []
    for m in _URL.finditer(text):
        raw = m.group().rstrip(_TRAILING)
        if raw.count("(") > raw.count(")") and m.group()[len(raw) :].startswith(")"):
            raw += ")"
        start, end = m.start(), m.start() + len(raw)
        try:
            url = normalise_url(raw)
            domain = registered_domain(url)
        except ValueError:  # malformed netloc such as an unclosed IPv6 bracket
            continue
        out.append(Selector("url", url, start, end, raw))
        if domain:
            out.append(Selector("domain", domain, start, end, raw))
    return out
