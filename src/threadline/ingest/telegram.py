"""Telegram Desktop exports (single chat or full account) → messages as Documents.

Each message keeps its raw JSON as the evidence blob, its entities (phones,
mentions, links) as Hints with offsets into the text we rebuild, and its
photo/file bytes — loaded only from inside the export folder, because a
hostile export can name any path on the analyst's machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from threadline.errors import IngestError, LimitExceeded
from threadline.ingest.evidence import cap_text, make_blob, parse_timestamp
from threadline.ingest.images import check_image
from threadline.ingest.localfiles import read_inside
from threadline.model import Blob, Document, Hint, ImageRef, IngestItem, Problem, Skipped
from threadline.settings import Limits

#: Entity types that point at someone or somewhere; formatting (bold, italic…) is not a hint.
HINT_TYPES = frozenset(
    {"phone", "mention", "mention_name", "link", "text_link", "email", "hashtag", "cashtag"}
)
_NOT_INCLUDED = "(File not included."


def read_telegram(path: Path, source: str, limits: Limits) -> Iterator[IngestItem]:
    """``path`` is the export folder or its result.json."""
    folder = path if path.is_dir() else path.parent
    result = path / "result.json" if path.is_dir() else path
    try:
        size = result.stat().st_size
        if size > limits.max_file_bytes:
            raise LimitExceeded(
                source, "file", f"result.json is {size} bytes, over {limits.max_file_bytes}"
            )
        with result.open("rb") as handle:
            export = json.load(handle)
    except IngestError as exc:
        yield Problem(source, exc.position, exc.reason)
        return
    except (OSError, ValueError, RecursionError) as exc:
        yield Problem(source, "file", f"unreadable result.json: {exc}")
        return
    if not isinstance(export, dict):
        yield Problem(source, "file", "result.json is not a JSON object")
        return
    for chat in _chats(export):
        yield from _read_chat(chat, folder, source, limits)


def _chats(export: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(export.get("messages"), list):
        return [export]
    chats: list[dict[str, Any]] = []
    for key in ("chats", "left_chats"):
        section = export.get(key)
        listed = section.get("list") if isinstance(section, dict) else None
        if isinstance(listed, list):
            chats.extend(c for c in listed if isinstance(c, dict))
    return chats


def _read_chat(
    chat: dict[str, Any], folder: Path, source: str, limits: Limits
) -> Iterator[IngestItem]:
    chat_id = chat.get("id", "unknown")
    chat_name = str(chat.get("name") or chat_id)
    messages = chat.get("messages")
    if not isinstance(messages, list):
        yield Problem(source, f"chat {chat_id}", "chat has no message list")
        return
    for message in messages:
        if not isinstance(message, dict):
            yield Problem(source, f"chat {chat_id}", "message is not a JSON object")
            continue
        try:
            yield from _read_message(message, chat_id, chat_name, folder, source, limits)
        except IngestError as exc:
            yield Problem(source, exc.position, exc.reason)


def _read_message(
    message: dict[str, Any],
    chat_id: object,
    chat_name: str,
    folder: Path,
    source: str,
    limits: Limits,
) -> Iterator[IngestItem]:
    msg_id = message.get("id", "unknown")
    position = f"chat {chat_id} message {msg_id}"
    if message.get("type") == "service":
        yield Skipped(source, "service message")
        return
    text, hints = message_text(message)
    attachments = [
        (key, message[key])
        for key in ("photo", "file")
        if isinstance(message.get(key), str) and message[key]
    ]
    if not text.strip() and not attachments:
        yield Skipped(source, "empty message")
        return
    raw = json.dumps(message, sort_keys=True, ensure_ascii=False).encode("utf-8")
    if len(raw) > limits.max_record_bytes:
        raise LimitExceeded(source, position, f"message over {limits.max_record_bytes} bytes")
    when = parse_timestamp(message.get("date_unixtime")) or parse_timestamp(message.get("date"))
    raw_blob = make_blob(raw, "application/json", source, position, when)
    yield raw_blob
    images: list[ImageRef] = []
    for key, reference in attachments:
        if reference.startswith(_NOT_INCLUDED):
            yield Skipped(source, f"{key} not included in the export")
            continue
        try:
            blob = _attachment(key, reference, message, folder, source, position, when, limits)
        except IngestError as exc:
            yield Problem(source, position, exc.reason)
            continue
        yield blob
        if blob.media_type.startswith("image/"):
            images.append(ImageRef(sha256=blob.sha256))
    fields: dict[str, str] = {}
    sender = message.get("from_id") or message.get("actor_id")
    name = message.get("from") or message.get("actor")
    account = f"telegram:{sender}" if sender else (f"telegram:{name}" if name else None)
    if name:
        fields["from"] = str(name)
    yield Document(
        ref=f"telegram://{chat_id}/{msg_id}",
        source_kind="telegram",
        source=source,
        position=position,
        text=cap_text(text, limits.max_text_chars, fields),
        url=None,
        site=f"telegram:{chat_name}",
        posted_at=when,
        captured_at=when,
        account=account,
        fields=fields,
        hints=[h for h in hints if h.end is None or h.end <= limits.max_text_chars],
        images=images,
        raw_sha256=raw_blob.sha256,
    )


def message_text(message: dict[str, Any]) -> tuple[str, list[Hint]]:
    """Concatenate a message's text parts; entity parts become Hints whose
    offsets index the returned text. ``text_entities`` (newer exports) wins over
    ``text`` since it always has the list form."""
    parts = message.get("text_entities")
    if not isinstance(parts, list):
        parts = message.get("text", "")
    if isinstance(parts, str):
        return parts, []
    if not isinstance(parts, list):
        return "", []
    pieces: list[str] = []
    hints: list[Hint] = []
    cursor = 0
    for part in parts:
        if isinstance(part, str):
            piece, kind, href = part, None, None
        elif isinstance(part, dict):
            piece = str(part.get("text") or "")
            kind = part.get("type")
            href = part.get("href")
        else:
            continue
        start, cursor = cursor, cursor + len(piece)
        pieces.append(piece)
        if kind in HINT_TYPES:
            value = str(href) if kind == "text_link" and href else piece
            if value:
                hints.append(Hint(kind=kind, value=value, start=start, end=cursor))
    return "".join(pieces), hints


def _attachment(
    key: str,
    reference: str,
    message: dict[str, Any],
    folder: Path,
    source: str,
    position: str,
    when: datetime | None,
    limits: Limits,
) -> Blob:
    """Load a photo/file from inside the export folder; images are checked as images."""
    declared = str(message.get("mime_type") or "")
    is_image = key == "photo" or declared.startswith("image/")
    cap = limits.max_image_bytes if is_image else limits.max_record_bytes
    data = read_inside(folder, reference, source, position, cap)
    media_type = declared or "application/octet-stream"
    if is_image:
        try:
            media_type = check_image(data, source, position, limits)
        except IngestError as exc:
            raise type(exc)(source, position, f"{reference}: {exc.reason}") from None
    return make_blob(data, media_type, source, f"{position} {key} {reference}", when)
