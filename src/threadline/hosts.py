"""Host names: when two of them are one site.

Shared by HTML ingest (is a link going out to another site?) and hub detection (is
an e-mail at the site's own domain?): "www.citas.example", "citas.example" and
"m.citas.example" are the same site.
"""

from __future__ import annotations


def same_site(a: str, b: str) -> bool:
    """``a`` and ``b`` (lower-case host names) are one site: equal, or one a sub-domain of the other."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)
