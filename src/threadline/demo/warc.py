"""The web part of the corpus as a crawler would leave it: WARC/1.0, gzip per record.

Ingest reads WARCs by content, so the records must be what real crawlers
(wget, Browsertrix, Heritrix) write: warcinfo first, request/response pairs,
image responses, and revisit records for pages seen again unchanged.
Record ids are derived from the seed so the file is byte-for-byte reproducible.
"""

from __future__ import annotations

import html
import io
import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from threadline.demo.ads import Doc
from threadline.demo.plan import Plan, Site

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) threadline-demo-crawler/1.0"


def warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def photo_url(site: str, sha256: str) -> str:
    return f"https://{site}/photos/{sha256[:16]}.jpg"


def render_page(doc: Doc, site: Site, rng: random.Random) -> str:
    """The ad page in the markup the site config reads, with the site's shared footer."""
    esc = html.escape
    fields = [f'<h1 class="ad-title">{esc(doc.title)}</h1>']
    if doc.name:
        fields.append(f'<span class="ad-name">{esc(doc.name)}</span>')
    if doc.age is not None:
        fields.append(f'<span class="ad-age">{doc.age}</span>')
    if doc.price:
        fields.append(f'<span class="ad-price">{esc(doc.price)}</span>')
    if doc.city:
        fields.append(f'<span class="ad-city">{esc(doc.city)}</span>')
    if doc.tel:
        fields.append(f'<a class="ad-phone" href="tel:{doc.tel}">{esc(doc.marks[0][1])}</a>')
    if doc.poster:
        fields.append(f'<span class="ad-poster" data-poster-id="{doc.poster}">{doc.poster}</span>')
    fields.append(f'<div class="ad-text">{esc(doc.text)}</div>')
    for link in doc.links:
        fields.append(f'<p class="ad-more"><a href="{esc(link)}">+ fotos</a></p>')
    imgs = []
    for photo in doc.photos:
        url = photo_url(site.domain, photo.sha256)
        src = url if rng.random() < 0.3 else url.split(site.domain, 1)[1]
        imgs.append(f'<img src="{src}" alt="">')
    if imgs:
        fields.append(f'<div class="ad-photos">{" ".join(imgs)}</div>')
    body = "\n".join(fields)
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.language}"><head><meta charset="utf-8">'
        f"<title>{esc(doc.title)} | {site.domain}</title></head>\n<body>\n"
        f'<header><a href="/"><img class="logo" src="/static/logo.png" alt="{site.domain}"></a>'
        f"</header>\n<main><article class=\"ad\">\n{body}\n</article></main>\n"
        f'<footer class="site-footer">Contacto / support: <a href="tel:{site.support_phone}">'
        f'{esc(site.support_text)}</a> · <a href="mailto:{site.email}">{site.email}</a>'
        f"</footer>\n</body></html>\n"
    )


class _Warc:
    def __init__(self, stream: io.BufferedWriter, rng: random.Random) -> None:
        self.writer = WARCWriter(stream, gzip=True)
        self.rng = rng

    def _id(self) -> str:
        return f"<urn:uuid:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}>"

    def warcinfo(self, when: datetime, filename: str) -> None:
        payload = (b"software: threadline-demo\r\nformat: WARC File Format 1.0\r\n"
                   b"description: fictional demo corpus\r\n")
        headers = StatusAndHeaders("", [("WARC-Type", "warcinfo"), ("WARC-Record-ID", self._id()),
                                        ("WARC-Filename", filename), ("WARC-Date", warc_date(when)),
                                        ("Content-Type", "application/warc-fields")],
                                   protocol="WARC/1.0")
        record = self.writer.create_warc_record("", "warcinfo", warc_headers=headers,
                                                payload=io.BytesIO(payload), length=len(payload))
        self.writer.write_record(record)

    def exchange(self, url: str, when: datetime, body: bytes, media_type: str,
                 request: bool = True) -> str:
        """Write request (pages only, as crawlers log them) + response; return the response's
        payload digest (for revisits)."""
        host, _, path = url.split("://", 1)[1].partition("/")
        date = warc_date(when)
        http = StatusAndHeaders("200 OK", [("Content-Type", media_type),
                                           ("Content-Length", str(len(body)))],
                                protocol="HTTP/1.1")
        response_id = self._id()
        response = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date})
        if not request:
            self.writer.write_record(response)
            return response.rec_headers.get_header("WARC-Payload-Digest")
        request_record = self.writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET /{path} HTTP/1.1",
                                          [("Host", host), ("User-Agent", USER_AGENT)],
                                          is_http_request=True),
            warc_headers_dict={"WARC-Record-ID": self._id(), "WARC-Date": date,
                               "WARC-Concurrent-To": response_id})
        self.writer.write_record(request_record)
        self.writer.write_record(response)
        return response.rec_headers.get_header("WARC-Payload-Digest")

    def revisit(self, url: str, digest: str, first: datetime, when: datetime) -> None:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            url, digest, url, warc_date(first), http_headers=http,
            warc_headers_dict={"WARC-Record-ID": self._id(), "WARC-Date": warc_date(when)})
        self.writer.write_record(record)


def write_warc(path: Path, plan: Plan, rng: random.Random) -> dict[str, str]:
    """Write ``web.warc.gz``; return sha256 → absolute URL of every captured photo."""
    captured: dict[str, str] = {}
    logos: set[str] = set()
    urls: set[str] = set()
    revisits: list[tuple[str, str, datetime]] = []
    with path.open("wb") as stream:
        warc = _Warc(stream, rng)
        warc.warcinfo(plan.web[0].when or datetime.now(), path.name)
        for doc in plan.web:
            assert doc.when is not None and doc.site is not None
            site = plan.sites[doc.site]
            page = render_page(doc, site, rng).encode("utf-8")
            digest = warc.exchange(doc.ref, doc.when, page, "text/html; charset=utf-8")
            if len(revisits) < 1 or rng.random() < 0.01:
                revisits.append((doc.ref, digest, doc.when))
            at = doc.when + timedelta(seconds=1)
            if site.domain not in logos:
                logos.add(site.domain)
                warc.exchange(f"https://{site.domain}/static/logo.png", at, site.logo, "image/png",
                              request=False)
            for photo in doc.photos:
                url = photo_url(site.domain, photo.sha256)
                if url not in urls:
                    urls.add(url)
                    warc.exchange(url, at, photo.data, "image/jpeg", request=False)
                    captured.setdefault(photo.sha256, url)
        last = plan.web[-1].when or datetime.now()
        for i, (url, digest, first) in enumerate(revisits):
            warc.revisit(url, digest, first, last + timedelta(hours=6, minutes=i))
    return captured
