"""Saved web pages (one .html file or a folder of them) → Documents.

Analysts often have "Save page as…" folders rather than WARCs. The page's own
canonical URL (or the "saved from url=" comment browsers write) is its ref, so
the same ad saved twice, or also captured in a WARC, points at one place.
Local images are loaded only from inside the folder given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from threadline.ingest.evidence import make_blob
from threadline.ingest.html import decode_html, page_document, parse_page
from threadline.ingest.localfiles import load_local_image
from threadline.model import Blob, ImageRef, IngestItem, Problem
from threadline.settings import Limits

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def html_files(folder: Path) -> list[Path]:
    """Every saved page under ``folder``, sorted so re-ingests are deterministic.
    Symlinked files are left out: they could point anywhere."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in HTML_SUFFIXES and p.is_file() and not p.is_symlink()
    )


def read_html_folder(folder: Path, source: str, limits: Limits) -> Iterator[IngestItem]:
    for page_path in html_files(folder):
        relative = page_path.relative_to(folder).as_posix()
        yield from read_html_page(
            page_path,
            source,
            limits,
            root=folder,
            fallback_ref=f"{folder.name}/{relative}",
            position=relative,
        )


def read_html_page(
    page_path: Path,
    source: str,
    limits: Limits,
    *,
    root: Path | None = None,
    fallback_ref: str | None = None,
    position: str | None = None,
) -> Iterator[IngestItem]:
    """One saved page: its Blob, any local image Blobs, then its Document."""
    root = root or page_path.parent
    position = position or page_path.name
    try:
        size = page_path.stat().st_size
        if size > limits.max_record_bytes:
            yield Problem(source, position, f"page is {size} bytes, over {limits.max_record_bytes}")
            return
        data = page_path.read_bytes()
    except OSError as exc:
        yield Problem(source, position, f"cannot read: {exc}")
        return
    page = parse_page(decode_html(data))
    url = page.canonical_url
    blob = make_blob(data, "text/html", source, position, url=url)
    yield blob
    images: list[ImageRef] = []
    page_dir = page_path.parent.relative_to(root) if page_path.parent != root else Path()
    for src in page.image_sources:
        if _SCHEME.match(src) or src.startswith("//"):
            if src.lower().startswith(("http:", "https:", "//")):
                images.append(ImageRef(url=urljoin(url, src) if url else src))
            continue
        local = unquote(urlsplit(src).path)
        if not local or local.startswith("/"):  # site-absolute: a reference, not a local file
            images.append(ImageRef(url=urljoin(url, src) if url else src))
            continue
        reference = (page_dir / local).as_posix()
        candidate = root / reference
        if not candidate.exists() and not candidate.is_symlink():
            images.append(ImageRef(url=urljoin(url, src) if url else src))  # asset not saved
            continue
        image = load_local_image(root, reference, source, position, limits)
        yield image
        if isinstance(image, Blob):
            images.append(ImageRef(sha256=image.sha256, url=urljoin(url, src) if url else None))
    yield page_document(
        page,
        ref=url or fallback_ref or page_path.name,
        url=url,
        source_kind="html",
        source=source,
        position=position,
        raw_sha256=blob.sha256,
        max_text_chars=limits.max_text_chars,
        images=images,
    )
