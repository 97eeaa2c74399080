"""The face part of the demo: a watchlist notice and a post that re-uses the
notice's portrait, so ``threadline demo`` shows a match candidate end to end.

No face source that runs offline is fit to put real people into fictional
escort ads, so the ads stay face-free; these two public-domain official
portraits are shown only as themselves (see ``faces/PROVENANCE.md``).
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

IMAGES = Path(__file__).parent / "faces"
NOTICE_ID = "DEMO-0001"


@dataclass(frozen=True, slots=True)
class FaceDemo:
    posts: Path  # a JSONL export to ingest
    watchlist: Path  # a watchlist CSV to import


def write_face_demo(out_dir: Path) -> FaceDemo:
    folder = Path(out_dir) / "faces-demo"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    shutil.copy(IMAGES / "notice.jpg", folder / "notice.jpg")
    shutil.copy(IMAGES / "board.jpg", folder / "images" / "board.jpg")
    watchlist = folder / "watchlist.csv"
    with watchlist.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["notice_id", "notice_type", "name", "country", "image", "restrictions"])
        w.writerow([NOTICE_ID, "demo", "Barack Obama (public-domain official portrait, demo only)",
                    "US", "notice.jpg", "demo data: not a real notice"])
    posts = folder / "board.jsonl"
    post = {"id": "1", "url": "https://community-board.example/post/1",
            "site": "community-board.example", "title": "Official portrait",
            "text": "Re-posting the official White House portrait (public domain).",
            "images": ["images/board.jpg"]}
    posts.write_text(json.dumps(post) + "\n", encoding="utf-8")
    return FaceDemo(posts=posts, watchlist=watchlist)
