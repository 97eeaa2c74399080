from __future__ import annotations

from pathlib import Path

from tests.ingest.builders import SAMPLES, assert_blob_before_document, png_bytes, split
from threadline.ingest import read_paths


def test_html_folder() -> None:
    items = list(read_paths([SAMPLES / "saved_pages"]))
    blobs, docs, problems, _ = split(items)
    assert problems == []
    assert_blob_before_document(items)
    assert [d.ref for d in docs] == [  # sorted by relative path: deterministic
        "https://www.rosa-paris.example/annonce/lea-22",  # <link rel=canonical>
        "saved_pages/plain.html",  # no canonical: folder/relative path
        "https://berlin-begleitung.example/anzeige/77",  # "saved from url=" comment
    ]
    lea, plain, mia = docs
    assert lea.source_kind == "html" and lea.position == "page1.html"
    assert (lea.country, lea.city, lea.account) == ("FR", "Paris", "rosa-paris.example:rp-991")
    assert lea.fields["price"] == "150 €" and lea.fields["age"] == "22"
    local = [i for i in lea.images if i.sha256]
    assert len(local) == 1 and local[0].sha256 in {b.sha256 for b in blobs}
    assert "https://cdn.rosa-paris.example/x.jpg" in [i.url for i in lea.images]
    assert plain.site is None and plain.fields == {}
    assert (mia.country, mia.fields.get("age")) == ("DE", "25")
    assert [h.kind for h in mia.hints] == ["href"]


def test_single_page_is_format_html() -> None:
    items = list(read_paths([SAMPLES / "saved_pages" / "sub" / "page2.htm"]))
    _, docs, problems, _ = split(items)
    assert problems == [] and docs[0].ref == "https://berlin-begleitung.example/anzeige/77"


def test_escaping_image_reference_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(png_bytes())
    (folder / "ok.png").write_bytes(png_bytes(color=(0, 255, 0)))
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    (folder / "p.html").write_text(
        '<html><body>ad<img src="../secret.png"><img src="link.png"><img src="ok.png">'
        '<img src="data:image/png;base64,AAAA"></body></html>'
    )
    blobs, docs, problems, _ = split(read_paths([folder]))
    assert len(problems) == 2 and all(p.position == "p.html" for p in problems)
    assert [bool(i.sha256) for i in docs[0].images] == [True]
    assert (tmp_path / "secret.png").read_bytes() not in {b.data for b in blobs}


def test_folder_symlinked_page_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (tmp_path / "outside.html").write_text("<html><body>outside</body></html>")
    (folder / "in.html").write_text("<html><body>inside</body></html>")
    (folder / "out.html").symlink_to(tmp_path / "outside.html")
    _, docs, _, _ = split(read_paths([folder]))
    assert [d.text for d in docs] == ["inside"]
