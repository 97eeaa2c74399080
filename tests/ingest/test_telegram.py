from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ingest.builders import (
    SAMPLES,
    assert_blob_before_document,
    png_bytes,
    png_header_claiming,
    split,
)
from threadline.ingest import read_paths
from threadline.ingest.telegram import message_text
from threadline.model import Blob, Hint
from threadline.settings import Limits


def test_single_chat_export() -> None:
    folder = SAMPLES / "telegram_chat"
    items = list(read_paths([folder]))
    blobs, docs, problems, skipped = split(items)
    assert_blob_before_document(items)
    assert [d.ref for d in docs] == ["telegram://1001/2", "telegram://1001/3", "telegram://1001/5"]
    ad = docs[0]
    assert ad.text == (
        "Chicas nuevas en Madrid, llama +34 612 345 678 o escribe a @agencia_sol_demo aquí 24h"
    )
    assert [(h.kind, h.value, ad.text[h.start : h.end]) for h in ad.hints] == [
        ("phone", "+34 612 345 678", "+34 612 345 678"),
        ("mention", "@agencia_sol_demo", "@agencia_sol_demo"),
        ("text_link", "https://t.me/agencia_sol_demo", "aquí"),
    ]
    assert ad.site == "telegram:Trabajo Rápido Madrid"
    assert ad.account == "telegram:channel1001"
    assert ad.posted_at is not None and ad.posted_at.isoformat() == "2024-03-01T10:00:00+00:00"
    assert ad.captured_at == ad.posted_at
    photo = next(b for b in blobs if b.media_type == "image/jpeg")
    assert ad.images[0].sha256 == photo.sha256 and ad.images[0].url is None
    raw = next(b for b in blobs if b.sha256 == ad.raw_sha256)
    assert raw.media_type == "application/json" and json.loads(raw.data)["id"] == 2
    assert docs[1].account == "telegram:user777" and docs[1].hints == []
    assert sorted(s.reason for s in skipped) == ["empty message", "service message"]
    assert [(p.position, "missing" in p.reason) for p in problems] == [
        ("chat 1001 message 5", True)
    ]


def test_full_account_export() -> None:
    items = list(read_paths([SAMPLES / "telegram_full"]))
    blobs, docs, problems, _ = split(items)
    assert problems == []
    assert [d.ref for d in docs] == ["telegram://2002/10", "telegram://42/11"]
    assert [(h.kind, h.value) for h in docs[0].hints] == [
        ("hashtag", "#emprego"),
        ("email", "jobs@recruit-demo.example"),
    ]
    assert docs[0].images and docs[0].images[0].sha256 in {b.sha256 for b in blobs}
    assert docs[1].site == "telegram:Saved Messages"


def test_result_json_path_works_like_its_folder() -> None:
    by_folder = [d.ref for d in split(read_paths([SAMPLES / "telegram_chat"]))[1]]
    by_file = [d.ref for d in split(read_paths([SAMPLES / "telegram_chat/result.json"]))[1]]
    assert by_folder == by_file


@pytest.mark.parametrize(
    ("parts", "text", "hints"),
    [
        ("plain", "plain", []),
        (["a ", {"type": "bold", "text": "b"}], "a b", []),
        (
            ["call ", {"type": "phone", "text": "+351 912 000 000"}, "!"],
            "call +351 912 000 000!",
            [Hint("phone", "+351 912 000 000", 5, 21)],
        ),
        (
            [{"type": "link", "text": "https://x.example"}],
            "https://x.example",
            [Hint("link", "https://x.example", 0, 17)],
        ),
        (
            [{"type": "text_link", "text": "here", "href": "https://x.example"}],
            "here",
            [Hint("text_link", "https://x.example", 0, 4)],
        ),
        ([42, None, {"type": "mention"}], "", []),
    ],
)
def test_message_text(parts: object, text: str, hints: list[Hint]) -> None:
    assert message_text({"text": parts}) == (text, hints)


def _export(tmp_path: Path, messages: list[dict]) -> Path:
    folder = tmp_path / "export"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "ok.png").write_bytes(png_bytes())
    chat = {"name": "Hostile", "type": "private_group", "id": 9, "messages": messages}
    (folder / "result.json").write_text(json.dumps(chat))
    return folder


def _msg(i: int, **extra: object) -> dict:
    return {
        "id": i,
        "type": "message",
        "date": "2024-01-01T00:00:00",
        "from_id": "user1",
        "text": f"message {i}",
        **extra,
    }


def test_hostile_photo_paths_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png_bytes(color=(0, 0, 0)))
    folder = _export(
        tmp_path,
        [
            _msg(1, photo="../../etc/passwd"),
            _msg(2, photo="/etc/passwd"),
            _msg(3, photo="photos/escape.png"),
            _msg(4, photo="photos/ok.png"),
            _msg(5, photo="photos/huge.png"),
            _msg(6, file="photos/../photos/ok.png", mime_type="image/png"),
        ],
    )
    (folder / "photos" / "escape.png").symlink_to(outside)
    (folder / "photos" / "huge.png").write_bytes(png_header_claiming(100_000, 100_000))
    items = list(read_paths([folder]))
    blobs, docs, problems, _ = split(items)
    by_message = {p.position: p.reason for p in problems}
    assert set(by_message) == {f"chat 9 message {i}" for i in (1, 2, 3, 5)}
    assert "leaves the export folder" in by_message["chat 9 message 1"]
    assert "absolute" in by_message["chat 9 message 2"]
    assert "leaves the export folder" in by_message["chat 9 message 3"]
    assert "huge.png" in by_message["chat 9 message 5"]
    assert not any(b.data == outside.read_bytes() for b in blobs)
    assert not any(b"root:" in b.data for b in blobs)
    # every message is still a document; only the safe photos are attached
    assert [len(d.images) for d in docs] == [0, 0, 0, 1, 0, 1]


def test_oversized_result_json_is_refused(tmp_path: Path) -> None:
    folder = _export(tmp_path, [_msg(1)])
    items = list(read_paths([folder], limits=Limits(max_file_bytes=10)))
    assert len(items) == 1 and "over" in items[0].reason


def test_broken_result_json(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "result.json").write_text('{"name": "x", "messages": [')
    items = list(read_paths([folder]))
    assert len(items) == 1 and items[0].position == "file"


def test_long_text_is_truncated_but_blob_whole(tmp_path: Path) -> None:
    folder = _export(tmp_path, [_msg(1, text="x" * 500)])
    items = list(read_paths([folder], limits=Limits(max_text_chars=100)))
    blobs, docs, _, _ = split(items)
    assert len(docs[0].text) == 100 and docs[0].fields["truncated"] == "true"
    assert b"x" * 500 in next(b for b in blobs if isinstance(b, Blob)).data
