"""HTML → title, visible text, marked-up selectors and image references.

Shared by the WARC and saved-page readers so a page reads the same whichever
way it was collected. Visible text is what an analyst would see: scripts,
styles and templates are dropped, block elements become line breaks (so an
ad's lines stay lines for the extractors), whitespace is collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from threadline.hosts import same_site
from threadline.ingest.evidence import cap_text
from threadline.ingest.sites import extract_fields, site_for
from threadline.model import Document, Hint, ImageRef

_INVISIBLE = ("script", "style", "noscript", "template", "head")
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "option",
        "title",
        "body",
        "html",
    }
)
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ANY_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Page:
    """A parsed page: what the readers need to build a Document."""

    title: str
    text: str
    tree: LexborHTMLParser
    hints: list[Hint] = field(default_factory=list)
    image_sources: list[str] = field(default_factory=list)  # as written (unresolved)
    canonical_url: str | None = None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes: HTTP charset, then <meta charset>, then UTF-8.

    Undecodable bytes become U+FFFD rather than failing the page: a mangled
    character must not cost the analyst the whole ad.
    """
    candidates: list[str] = []
    if content_type and (m := _CHARSET_HEADER.search(content_type)):
        candidates.append(m.group(1))
    if m := _CHARSET_META.search(data[:4096]):
        candidates.append(m.group(1).decode("ascii", "ignore"))
    if data.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            continue
    return data.decode("utf-8", errors="replace")


def parse_page(markup: str, base_url: str | None = None) -> Page:
    """Parse a page; image sources are resolved against ``base_url`` when given
    (a WARC capture's URL). Saved pages pass none, so that relative sources can
    still be found as local files next to the page."""
    tree = LexborHTMLParser(markup)
    canonical = _canonical_url(tree, markup)
    title_node = tree.css_first("title")
    title = _collapse(title_node.text(deep=True)) if title_node else ""
    hints = _hints(tree, base_url or canonical)
    images = _image_sources(tree)
    if base_url:
        images = [urljoin(base_url, src) if _is_web_relative(src) else src for src in images]
    for tag in _INVISIBLE:
        for node in tree.css(tag):
            node.decompose()
    body = tree.body or tree.root
    text = _visible_text(body) if body is not None else ""
    return Page(
        title=title,
        text=text,
        tree=tree,
        hints=hints,
        image_sources=images,
        canonical_url=canonical,
    )


def _is_web_relative(src: str) -> bool:
    """Relative to a page URL (not data:, not already absolute)."""
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src)


def _canonical_url(tree: LexborHTMLParser, markup: str) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    if node and (href := (node.attributes.get("href") or "").strip()).startswith("http"):
        return href
    node = tree.css_first('meta[property="og:url"]')
    if node and (content := (node.attributes.get("content") or "").strip()).startswith("http"):
        return content
    if m := _SAVED_FROM.search(markup[:8192]):
        return m.group(1)
    return None


_MESSENGER = re.compile(r"^(https?://)?(wa\.me|api\.whatsapp\.com|t\.me|telegram\.me)/")


def _hints(tree: LexborHTMLParser, page_url: str | None = None) -> list[Hint]:
    """Selectors the page marked up itself: tel:, mailto:, WhatsApp and Telegram links,
    and links out to pages on other sites ("+ fotos" on a cleaning ad pointing at an
    explicit page: the tie between a front and what it fronts for)."""
    hints: list[Hint] = []
    host = (urlsplit(page_url).hostname or "").lower() if page_url else ""
    chrome: set[int] | None = None  # links in page furniture, gathered on first need
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        lowered = href.lower()
        if lowered.startswith("tel:"):
            hints.append(Hint(kind="tel", value=href))
        elif lowered.startswith("mailto:"):
            hints.append(Hint(kind="mailto", value=href))
        elif _MESSENGER.match(lowered):
            hints.append(Hint(kind="href", value=href))
        elif _is_outbound(lowered, host):
            if chrome is None:
                chrome = _chrome_links(tree)
            if node.mem_id not in chrome:
                hints.append(Hint(kind="href", value=href))
    return hints


def _is_outbound(href: str, host: str) -> bool:
    """An absolute web link to another host than the page's own ("www." and
    sub-domains of the page's host are the same site)."""
    if not href.startswith(("http://", "https://")):
        return False
    try:
        target = (urlsplit(href).hostname or "").lower()
    except ValueError:
        return False
    if not target:
        return False
    if not host:
        return True
    return not same_site(target, host)


#: Page furniture: a link there is the site's (partners, social media), not the ad's.
_CHROME_LINKS = "header a[href], nav a[href], footer a[href]"


def _chrome_links(tree: LexborHTMLParser) -> set[int]:
    """The links inside header, nav or footer, found by one selector query (walking up
    from every link would cost links x depth on a deeply nested hostile page)."""
    return {n.mem_id for n in tree.css(_CHROME_LINKS)}


def _image_sources(tree: LexborHTMLParser) -> list[str]:
    """<img src>, the first srcset candidate, and og:image, de-duplicated in order."""
    seen: dict[str, None] = {}
    for node in tree.css("img"):
        src = (node.attributes.get("src") or "").strip()
        if src and not src.startswith("data:"):
            seen.setdefault(src, None)
        srcset = (node.attributes.get("srcset") or "").strip()
        if srcset:
            first = srcset.split(",")[0].strip().split(" ")[0]
            if first and not first.startswith("data:"):
                seen.setdefault(first, None)
    for node in tree.css('meta[property="og:image"]'):
        content = (node.attributes.get("content") or "").strip()
        if content:
            seen.setdefault(content, None)
    return list(seen)


#: Stands for a block break while the text is gathered, so that the page's own
#: whitespace can be collapsed in one pass over the page instead of once per text
#: node. Pages that contain it take the node-by-node path.
_BREAK = "\ue000"


def _visible_text(root: LexborNode) -> str:
    """Walk the tree iteratively (hostile pages nest deeper than Python recurses)."""
    parts: list[str] = []
    breaks = 0
    stack: list[LexborNode | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:  # end-of-block marker
            parts.append(_BREAK)
            breaks += 1
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if tag in _BLOCKS:
            parts.append(_BREAK)
            breaks += 1
            stack.append(None)
        stack.extend(reversed(list(node.iter(include_text=True))))
    gathered = "".join(parts)
    if gathered.count(_BREAK) != breaks:  # the page holds the marker itself
        return _visible_text_by_node(root)
    # source whitespace (newlines too) becomes spaces; the breaks are the only newlines
    text = _SPACES.sub(" ", _ANY_SPACE.sub(" ", gathered).replace(_BREAK, "\n"))
    lines = (line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def _visible_text_by_node(root: LexborNode) -> str:
    """:func:`_visible_text` one text node at a time (pages holding ``_BREAK``)."""
    parts: list[str] = []
    stack: list[LexborNode | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:  # end-of-block marker
            parts.append("\n")
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(_ANY_SPACE.sub(" ", node.text_content or ""))  # source newlines are spaces
            continue
        if tag in _BLOCKS:
            parts.append("\n")
            stack.append(None)
        children = list(node.iter(include_text=True))
        stack.extend(reversed(children))
    lines = (_collapse(line) for line in "".join(parts).split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def page_document(
    page: Page,
    *,
    ref: str,
    url: str | None,
    source_kind: str,
    source: str,
    position: str,
    raw_sha256: str,
    max_text_chars: int,
    captured_at: datetime | None = None,
    images: list[ImageRef] | None = None,
) -> Document:
    """A Document from a parsed page, with the site's labelled fields when the
    host is configured in ``sites.yaml``; unknown sites keep title + text."""
    host = urlsplit(url).hostname if url else None
    fields: dict[str, str] = {}
    site = site_for(host)
    account = None
    country = None
    if site is not None:
        fields = extract_fields(page.tree, site)
        if "poster_id" in fields:
            account = f"{site.host}:{fields['poster_id']}"
        stated = fields.get("country", "")
        country = stated.upper() if len(stated) == 2 and stated.isalpha() else site.country
        if site.category:
            fields["site_category"] = site.category
    text = cap_text(page.text, max_text_chars, fields)
    return Document(
        ref=ref,
        source_kind=source_kind,
        source=source,
        position=position,
        text=text,
        title=page.title,
        url=url,
        site=host,
        captured_at=captured_at,
        city=fields.get("city"),
        country=country,
        account=account,
        fields=fields,
        hints=list(page.hints),
        images=images if images is not None else [ImageRef(url=u) for u in page.image_sources],
        raw_sha256=raw_sha256,
    )
