from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.ingest.builders import SAMPLES, assert_blob_before_document, png_bytes, split
from threadline.ingest import detect_format, read_paths
from threadline.settings import Limits

JSONL_MAP = {"text": "body", "url": "link"}
CSV_MAP = {"text": "body", "url": "link", "title": "titulo"}


def test_jsonl_with_map_keeps_good_lines_and_reports_bad_ones() -> None:
    path = SAMPLES / "scrape" / "ads.jsonl"
    items = list(read_paths([path], column_map=JSONL_MAP))
    blobs, docs, problems, _ = split(items)
    assert_blob_before_document(items)
    assert [d.ref for d in docs] == [
        "https://citas-madrid.example/ad/a1",
        "ads.jsonl#a3",
        "ads.jsonl#line-7",
    ]
    assert [p.position for p in problems] == ["line 2", "line 4", "line 5", "line 6"]
    assert "bad JSON" in problems[0].reason
    assert "not a JSON object" in problems[1].reason
    assert "neither text nor title" in problems[2].reason
    assert "../../outside.png" in problems[3].reason
    first = docs[0]
    assert first.text == "Hola, soy Ana. Nueva en Madrid." and first.title == "Ana, 24"
    assert (first.site, first.city, first.country) == ("citas-madrid.example", "Madrid", "ES")
    assert first.account == "citas-madrid.example:p77"
    assert first.fields == {"age": "24", "site_category": "escort"}  # from sites.yaml
    assert first.posted_at is not None and first.posted_at.isoformat().startswith("2024-03-01T10")
    assert first.images[0].sha256 and first.images[1].url == (
        "https://cdn.citas-madrid.example/a1.jpg"
    )
    line_one = path.read_bytes().split(b"\n")[0]
    assert next(b for b in blobs if b.sha256 == first.raw_sha256).data == line_one
    assert docs[1].posted_at is not None and docs[1].posted_at.year == 2024  # unix seconds
    assert docs[2].posted_at is None  # unparsable date: kept None, not a problem


def test_csv_with_map_bom_semicolons_and_quoted_newline() -> None:
    items = list(read_paths([SAMPLES / "scrape" / "ads.csv"], column_map=CSV_MAP))
    blobs, docs, problems, _ = split(items)
    assert problems == []
    assert_blob_before_document(items)
    assert [d.ref for d in docs] == ["https://rosa-paris.example/annonce/c1", "ads.csv#c2"]
    assert [d.position for d in docs] == ["line 2", "line 4"]
    assert docs[0].text == "Bonjour, je suis Léa.\nNouvelle à Paris."
    assert docs[0].title == "Léa" and docs[0].country == "FR"
    assert docs[0].images[0].sha256 is not None
    assert docs[1].country is None and docs[1].fields["country"] == "France"
    raw = json.loads(next(b for b in blobs if b.sha256 == docs[0].raw_sha256).data)
    assert raw["id"] == "c1"  # BOM stripped from the first header name


@pytest.mark.parametrize(
    ("content", "problem_lines", "refs"),
    [
        (b"id,text\n1,ok\n2,bad\x00nul\n3,fine\n", ["line 3"], ["t.csv#1", "t.csv#3"]),
        (b"id,text\n1,ok\n2,caf\xe9 latin1\n3,fine\n", ["line 3"], ["t.csv#1", "t.csv#3"]),
        (b"id;text;title\n1;;\n2;texto;\n", ["line 2"], ["t.csv#2"]),
        (b"id,text\n\n1,ok\n,\n", [], ["t.csv#1"]),
    ],
)
def test_csv_bad_rows(
    tmp_path: Path, content: bytes, problem_lines: list[str], refs: list[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    _, docs, problems, _ = split(read_paths([path]))
    assert [p.position for p in problems] == problem_lines
    assert [d.ref for d in docs] == refs


def test_oversized_jsonl_line_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [
        json.dumps({"id": 1, "text": "a"}),
        json.dumps({"id": 2, "text": "b" * 5000}),
        json.dumps({"id": 3, "text": "c"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    _, docs, problems, _ = split(read_paths([path], limits=Limits(max_record_bytes=1000)))
    assert [d.ref for d in docs] == ["big.jsonl#1", "big.jsonl#3"]
    assert [p.position for p in problems] == ["line 2"]


def test_invalid_utf8_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "caf\xe9"}\n')
    _, docs, problems, _ = split(read_paths([path]))
    assert [d.ref for d in docs] == ["x.jsonl#1"]
    assert problems[0].position == "line 2" and "UTF-8" in problems[0].reason


def test_row_images_loaded_only_from_export_folder(tmp_path: Path) -> None:
    export = tmp_path / "export"
    (export / "img").mkdir(parents=True)
    (export / "img" / "a.png").write_bytes(png_bytes())
    (tmp_path / "outside.png").write_bytes(png_bytes(color=(1, 2, 3)))
    (export / "img" / "link.png").symlink_to(tmp_path / "outside.png")
    row = {"id": 1, "text": "t", "images": "img/a.png; img/link.png | /etc/hosts | img/nope.png"}
    (export / "rows.jsonl").write_text(json.dumps(row) + "\n")
    blobs, docs, problems, _ = split(read_paths([export / "rows.jsonl"]))
    assert len(docs) == 1 and len(docs[0].images) == 1
    reasons = " / ".join(p.reason for p in problems)
    assert "link.png" in reasons and "/etc/hosts" in reasons and "nope.png" in reasons
    assert (tmp_path / "outside.png").read_bytes() not in {b.data for b in blobs}


def test_bare_poster_ids_are_namespaced_by_site(tmp_path):
    from threadline.ingest.tabular import _account

    assert _account("u50074", "empleo-europa.example") == "empleo-europa.example:u50074"
    assert _account("telegram:user1", "x.example") == "telegram:user1"
    assert _account("u1", None) == "u1"
    assert _account("", "x.example") is None


@pytest.mark.parametrize("reader", ["read_jsonl", "read_csv"])
def test_an_input_that_cannot_be_opened_is_one_problem_naming_it(tmp_path: Path, reader: str) -> None:
    from threadline.ingest import tabular
    from threadline.model import Problem

    missing = tmp_path / "gone.jsonl"
    items = list(getattr(tabular, reader)(missing, str(missing), None, Limits()))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert items[0].source == str(missing) and items[0].reason.startswith("cannot open:")


def test_a_warc_that_cannot_be_opened_is_one_problem(tmp_path: Path) -> None:
    from threadline.ingest.warc import read_warc
    from threadline.model import Problem

    items = list(read_warc(tmp_path / "gone.warc.gz", "gone.warc.gz", Limits()))
    assert len(items) == 1 and isinstance(items[0], Problem) and "cannot open" in items[0].reason


def _rows(n: int) -> bytes:
    return "".join(json.dumps({"id": i, "text": f"Ana, 24, Madrid {i}", "site": "a.example"}) + "\n"
                   for i in range(1, n + 1)).encode()


def test_gzipped_jsonl_and_csv_exports_read_like_plain_ones(tmp_path: Path) -> None:
    plain = tmp_path / "ads.jsonl"
    plain.write_bytes(_rows(3))
    packed = tmp_path / "ads.jsonl.gz"
    packed.write_bytes(gzip.compress(_rows(3)))
    table = tmp_path / "ads.csv.gz"
    table.write_bytes(gzip.compress(b"id;text;site\n1;Lena, 22;b.example\n2;Mia, 25;b.example\n"))
    assert detect_format(packed) == "jsonl" and detect_format(table) == "csv"
    _, plain_docs, _, _ = split(read_paths([plain]))
    _, docs, problems, _ = split(read_paths([packed, table]))
    assert not problems
    assert [d.text for d in docs[:3]] == [d.text for d in plain_docs]
    assert [d.ref for d in docs] == ["ads.jsonl.gz#1", "ads.jsonl.gz#2", "ads.jsonl.gz#3",
                                     "ads.csv.gz#1", "ads.csv.gz#2"]


def test_a_gzip_bomb_stops_at_the_limit_naming_the_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(_rows(2) + b" " * 5_000_000 + b"\n" + _rows(1)))
    good = tmp_path / "good.jsonl"
    good.write_bytes(_rows(2))
    assert len(bomb.read_bytes()) < 20_000
    _, docs, problems, _ = split(read_paths([bomb, good], limits=Limits(max_decompressed_bytes=1_000_000)))
    assert [(p.source, p.position) for p in problems] == [(str(bomb), "file")]
    assert "decompresses past 1000000 bytes" in problems[0].reason
    assert [d.ref for d in docs] == ["bomb.jsonl.gz#1", "bomb.jsonl.gz#2", "good.jsonl#1", "good.jsonl#2"]


def test_a_truncated_gzip_export_is_one_clear_problem(tmp_path: Path) -> None:
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(_rows(2000))[:3000])
    _, docs, problems, _ = split(read_paths([cut]))
    assert len(problems) == 1 and problems[0].source == str(cut)
    assert "corrupt gzip data" in problems[0].reason
    assert all(d.ref.startswith("cut.jsonl.gz#") for d in docs)
