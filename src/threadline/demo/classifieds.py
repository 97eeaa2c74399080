"""The scraper export part of the corpus: one JSON object per line.

Some image entries are absolute URLs of photos also captured in the WARC, so
ingest can match a reference seen in one source to bytes captured in another.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

from threadline.demo.plan import START, Plan

COLUMNS = ("id", "url", "site", "title", "text", "posted_at", "city", "country", "images",
           "account")


def write_classifieds(path: Path, images_dir: Path, plan: Plan, captured: dict[str, str],
                      rng: random.Random) -> None:
    images_dir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    when = START + timedelta(days=2)
    with path.open("w", encoding="utf-8") as out:
        for doc in plan.jsonl:
            images = []
            for photo in doc.photos:
                if photo.sha256 in captured and rng.random() < 0.5:
                    images.append(captured[photo.sha256])
                    continue
                name = f"{photo.sha256[:16]}.jpg"
                if name not in written:
                    written.add(name)
                    (images_dir / name).write_bytes(photo.data)
                images.append(f"{images_dir.name}/{name}")
            when += timedelta(seconds=rng.randint(60, 20_000 * 60 // max(60, len(plan.jsonl))))
            doc.when = when
            row = {"id": doc.ref.rsplit("/", 1)[1], "url": doc.ref, "site": doc.site,
                   "title": doc.title, "text": doc.text,
                   "posted_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "city": doc.city,
                   "country": doc.country, "images": images, "account": doc.poster}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
