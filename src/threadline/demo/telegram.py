"""The Telegram part of the corpus as Telegram Desktop exports it (full account export,
machine-readable JSON): ``result.json`` plus the photos folder beside it.

Telegram marks phones, mentions, links and hashtags as entities and writes
``text`` as a plain string when there are none, else as a list mixing strings
and entity objects; ingest must handle both, so the demo writes both.
"""

from __future__ import annotations

import io
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from threadline.demo.ads import Doc
from threadline.demo.plan import START, Plan, pretty_indent

CHAT_SPECS = {  # key → (name, type)
    "jobs": ("Trabajo en Europa 🇪🇺 Empleos y viajes", "public_channel"),
    "ads": ("Anuncios VIP Ibérica", "public_supergroup"),
    "chat": ("Vecinos del barrio", "private_group"),
}


def _parts(text: str, marks: list[tuple[str, str]]) -> list[str | dict[str, str]]:
    """Split ``text`` into plain strings and entity objects, in order of appearance."""
    parts: list[str | dict[str, str]] = []
    cursor = 0
    spans = []
    for kind, value in marks:
        start = text.find(value)
        if start >= 0:
            spans.append((start, kind, value))
    for start, kind, value in sorted(spans):
        if start < cursor:
            continue
        if start > cursor:
            parts.append(text[cursor:start])
        parts.append({"type": kind, "text": value})
        cursor = start + len(value)
    if cursor < len(text):
        parts.append(text[cursor:])
    return parts


def _message(doc: Doc, msg_id: int, when: datetime, chat_name: str, chat_id: int,
             rng: random.Random) -> dict[str, Any]:
    marks = list(doc.marks)
    text = doc.text
    if doc.cls in ("trafficking", "independent") and doc.city and rng.random() < 0.5:
        tag = "#" + doc.city.replace(" ", "").lower()
        text += f" {tag}"
        marks.append(("hashtag", tag))
    parts = _parts(text, marks)
    if doc.title and rng.random() < 0.5:
        parts = [{"type": "bold", "text": doc.title}, "\n", *parts]
    entities = [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in parts]
    if doc.poster:
        sender, sender_id = doc.author or doc.poster, doc.poster
    else:  # channel post: the channel itself is the author
        sender, sender_id = chat_name, f"channel{chat_id}"
    message: dict[str, Any] = {
        "id": msg_id, "type": "message",
        "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
        "date_unixtime": str(int(when.timestamp())),
        "from": sender, "from_id": sender_id,
        "text": parts if any(isinstance(p, dict) for p in parts) else text,
        "text_entities": entities if any(e["type"] != "plain" for e in entities)
        else [{"type": "plain", "text": text}],
    }
    return message


def write_telegram(folder: Path, plan: Plan, rng: random.Random) -> Path:
    """Write the export; set each document's ref to ``telegram://chat/message``."""
    photos_dir = folder / "photos"
    photos_dir.mkdir(parents=True, exist_ok=True)
    chats = []
    photo_count = 0
    for index, (key, docs) in enumerate(plan.telegram.items()):
        name, kind = CHAT_SPECS[key]
        chat_id = 1_700_000_000 + index * 10_000_019 + rng.randrange(10_000_000)
        msg_id = rng.randrange(2, 400)
        when = START.replace(tzinfo=None) + timedelta(hours=rng.randrange(48))
        messages: list[dict[str, Any]] = []
        joins = set(rng.sample(range(len(docs) + 1), min(plan.joins, len(docs) + 1))) \
            if key == "ads" else set()
        for position, doc in enumerate([*docs, None]):
            if position in joins:
                user = f"user{rng.randrange(10**9, 8 * 10**9)}"
                messages.append({"id": msg_id, "type": "service",
                                 "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                                 "date_unixtime": str(int(when.replace(tzinfo=UTC).timestamp())),
                                 "actor": rng.choice(plan.independents or plan.networks[0].persons).name,
                                 "actor_id": user, "action": "join_group_by_link",
                                 "inviter": "Group", "text": "", "text_entities": []})
                msg_id += 1
                when += timedelta(seconds=rng.randint(30, 600))
            if doc is None:
                break
            stamp = when.replace(tzinfo=UTC)
            message = _message(doc, msg_id, stamp, name, chat_id, rng)
            if doc.photos:
                photo = doc.photos[0]
                photo_count += 1
                rel = f"photos/photo_{photo_count}@{when.strftime('%d-%m-%Y_%H-%M-%S')}.jpg"
                (folder / rel).write_bytes(photo.data)
                width, height = Image.open(io.BytesIO(photo.data)).size
                message |= {"photo": rel, "width": width, "height": height}
            doc.ref = f"telegram://{chat_id}/{msg_id}"
            doc.when = stamp
            messages.append(message)
            msg_id += rng.randint(1, 3)
            when += timedelta(seconds=rng.randint(120, 4 * 3600 * 100 // max(100, len(docs))))
        chats.append({"name": name, "type": kind, "id": chat_id, "messages": messages})
    export = {
        "about": "Here is the data you requested from Telegram. (fictional demo export)",
        "chats": {"about": "This page lists all chats from this export.", "list": chats},
    }
    path = folder / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=pretty_indent(plan.size)), encoding="utf-8")
    return path
