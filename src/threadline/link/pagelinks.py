"""Links from one captured page to another: a front and what it fronts for.

A domestic-services ad that says "+ fotos" and links to an explicit page on an
escort site is tied to that page by its own author, more firmly than any shared
wording: the operation found exactly such a site. When both pages were captured,
the link becomes an edge between the two documents (kind ``page_link``, value
the target URL). A page that dozens of others link to is a directory or a home
page, not one woman's ad, and links to it are set aside.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from threadline.extract.urls import normalise_url
from threadline.link.selectors import hub_rules
from threadline.model import Edge


def page_key(url: str) -> str:
    """One spelling per page: normalised, no trailing slash, "www." dropped."""
    try:
        norm = normalise_url(url.strip())
    except ValueError:
        return ""
    _, _, rest = norm.partition("://")
    if rest.startswith("www."):
        rest = rest[4:]
    return rest.rstrip("/")


def page_link_edges(page_url: Mapping[int, str | None],
                    links: Iterable[tuple[int, str]], max_sources: int | None = None) -> list[Edge]:
    """Edges from documents that link to another captured document's own URL.

    ``page_url`` is each document's capture URL; ``links`` are (document, URL it
    links to) pairs, as the extractor read them. A page linked from more than
    ``max_sources`` documents (``hubs.yaml`` ``page_link_max_sources``) links nothing."""
    limit = hub_rules().page_link_max_sources if max_sources is None else max_sources
    doc_at: dict[str, int] = {}
    for doc, url in page_url.items():
        if url and (key := page_key(url)):
            doc_at.setdefault(key, doc)
    sources: dict[int, set[int]] = defaultdict(set)
    shown: dict[tuple[int, int], str] = {}
    for doc, url in links:
        target = doc_at.get(page_key(url))
        if target is None or target == doc:
            continue
        sources[target].add(doc)
        shown[(doc, target)] = url
    edges = []
    for (doc, target), url in sorted(shown.items()):
        if len(sources[target]) <= limit:
            edges.append(Edge(min(doc, target), max(doc, target), "page_link", url, 1.0))
    return edges
