"""Watchlist path end to end through the CLI: a notice photo, an ingested post
showing the same person, a candidate after analyze, a human decision, the
audit trail and the report's counts."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from threadline.cli import app
from threadline.store.audit import entries
from threadline.store.db import open_store

from .conftest import FIXTURES

runner = CliRunner()


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_candidate_review_and_report(tmp_path):
    notices = tmp_path / "notices"
    notices.mkdir()
    (notices / "watchlist.csv").write_text(
        "notice_id,notice_type,name,country,image\n"
        "Y-2024-0001,yellow,Demo Person,XX,obama.jpg\n"
        "Y-2024-0002,yellow,Other Person,XX,missing.jpg\n",
        encoding="utf-8",
    )
    shutil.copy(FIXTURES / "obama.jpg", notices / "obama.jpg")
    export = tmp_path / "export"
    (export / "img").mkdir(parents=True)
    shutil.copy(FIXTURES / "obama2.jpg", export / "img" / "a.jpg")
    shutil.copy(FIXTURES / "biden.jpg", export / "img" / "b.jpg")
    rows = [
        {"id": "1", "url": "https://board.example/p/1", "site": "board.example",
         "text": "Community notice board post.", "images": ["img/a.jpg"]},
        {"id": "2", "url": "https://board.example/p/2", "site": "board.example",
         "text": "Another post.", "images": ["img/b.jpg"]},
    ]
    (export / "posts.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    base = ["--data", str(tmp_path / "proj")]

    # purpose is required for audit-logged actions
    refused = runner.invoke(app, [*base, "watchlist", "add", str(notices / "watchlist.csv")], env={})
    assert refused.exit_code == 2
    added = _ok([*base, "watchlist", "add", str(notices / "watchlist.csv"), "--purpose", "case 7"])
    assert "Added 1 notices" in added and "image file not found: missing.jpg" in added

    _ok([*base, "ingest", str(export / "posts.jsonl")])
    _ok([*base, "analyze"])
    report = json.loads(_ok([*base, "report", "--format", "json"]))
    cands = report["watchlist_candidates"]
    assert [(c["notice_id"], c["document"], c["status"]) for c in cands] == [
        ("Y-2024-0001", "https://board.example/p/1", "pending")
    ]
    assert report["summary"]["watchlist_candidates"] == 1
    assert report["summary"]["watchlist_matches"] == 0

    listing = _ok([*base, "review"])
    assert "Y-2024-0001" in listing
    _ok([*base, "review", "confirm", str(cands[0]["id"]), "--note", "same scar, ear shape",
         "--purpose", "case 7"])
    report = json.loads(_ok([*base, "report", "--format", "json"]))
    assert report["summary"]["watchlist_matches"] == 1
    _ok([*base, "analyze"])  # re-analysis keeps the decision
    report = json.loads(_ok([*base, "report", "--format", "json"]))
    assert report["watchlist_candidates"][0]["status"] == "confirmed"

    found = json.loads(_ok([*base, "faces", "search", str(FIXTURES / "obama3.jpg"), "--format", "json",
                            "--purpose", "case 7"]))
    assert found and found[0]["notice_id"] == "Y-2024-0001"
    assert set(found[0]) >= {"notice_id", "notice_type", "similarity", "distance", "face_box"}
    assert json.loads(_ok([*base, "faces", "search", str(FIXTURES / "biden.jpg"), "--format", "json",
                           "--purpose", "case 7"])) == []

    store = open_store(tmp_path / "proj")
    with store.session() as s:
        actions = [e.action for e in entries(s)]
        assert actions.count("faces.search") == 2
        assert "watchlist.add" in actions and "review.confirm" in actions
        confirm = [e for e in entries(s) if e.action == "review.confirm"][0]
        assert confirm.purpose == "case 7" and confirm.detail["note"] == "same scar, ear shape"


def test_searching_with_an_image_bomb_is_refused_cleanly(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0))
                     + chunk(b"IEND", b""))
    result = runner.invoke(app, ["--data", str(tmp_path / "p"), "faces", "search", str(bomb),
                                 "--purpose", "case 7"])
    assert result.exit_code == 1
    assert "cannot search with" in result.output
