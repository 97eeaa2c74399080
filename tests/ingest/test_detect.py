from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.ingest.builders import AD_PAGE, SAMPLES, png_bytes, write_warc
from threadline.ingest import detect_format


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("telegram_chat", "telegram"),
        ("telegram_chat/result.json", "telegram"),
        ("telegram_full", "telegram"),
        ("telegram_full/result.json", "telegram"),
        ("scrape/ads.jsonl", "jsonl"),
        ("scrape/ads.csv", "csv"),
        ("saved_pages", "html-folder"),
        ("saved_pages/page1.html", "html"),
        ("saved_pages/sub/page2.htm", "html"),  # starts with doctype then a comment
        ("scrape", None),  # folder with nothing recognisable at top (jsonl/csv aren't pages)
        ("scrape/img/ad1.png", None),
    ],
)
def test_samples(relative: str, expected: str | None) -> None:
    assert detect_format(SAMPLES / relative) == expected


def test_by_content_not_name(tmp_path: Path) -> None:
    records = [("response", "https://a.example/", AD_PAGE.encode(), "text/html")]
    assert detect_format(write_warc(tmp_path / "crawl.txt", records, gz=True)) == "warc"
    assert detect_format(write_warc(tmp_path / "crawl.bin", records, gz=False)) == "warc"
    jsonl = tmp_path / "export.dat"
    jsonl.write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n')
    assert detect_format(jsonl) == "jsonl"
    csv_file = tmp_path / "ads.txt"
    csv_file.write_text("id;text;city\n1;hola;Madrid\n2;adiós;Sevilla\n")
    assert detect_format(csv_file) == "csv"
    page = tmp_path / "page.json"
    page.write_text("<!-- saved -->\n<!DOCTYPE html><html><body>x</body></html>")
    assert detect_format(page) == "html"
    compact = tmp_path / "chat.json"
    compact.write_text(json.dumps({"name": "c", "id": 1, "messages": []}))
    assert detect_format(compact) == "telegram"
    renamed = tmp_path / "renamed.bak"
    renamed.write_text(json.dumps({"about": "x", "chats": {"list": []}}, indent=1))
    assert detect_format(renamed) == "telegram"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", None),
        (b"\n\n  \n", None),
        (b"just some words\nwithout structure\n", None),
        (b"\x00\x01\x02\x03" * 100, None),
        (gzip.compress(b"\x00" * 100_000), None),  # gzip, but not a WARC inside
        (gzip.compress(b"WARC/1.0\r\n"), "warc"),
        (b"[1, 2, 3]\n", None),
        (b"{broken", None),
        (b'\xef\xbb\xbf{"id": 1, "text": "bom"}\n', "jsonl"),
        (png_bytes(), None),
        (b"id,text\n1,ok\n2,bad\x00nul\n", "csv"),
        (b"1,2,3\n4,5,6\n", None),  # numeric header: data, not a scraper export
    ],
)
def test_hostile_and_ambiguous_files(tmp_path: Path, content: bytes, expected: str | None) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert detect_format(tmp_path / "nope") is None
    (tmp_path / "empty").mkdir()
    assert detect_format(tmp_path / "empty") is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'\n\n{"id": 1, "text": "after blank lines"}\n', "jsonl"),
        (b'{broken\n{"id": 2, "text": "good"}\n', "jsonl"),
        (b'{"messages": [], "name": "x"}\n{"id": 2, "text": "b"}\n', "jsonl"),
        (b'{\n "name": "chat",\n "id": 5,\n "messages": []\n}\n', "telegram"),
    ],
)
def test_json_family(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "data.out"
    path.write_bytes(content)
    assert detect_format(path) == expected
