"""End-to-end throughput of ingest → extract → assess → link, against the floor.

Usage::

    python benchmarks/pipeline_speed.py [--size 100000] [--seed 7] [--faces]

Generates a demo corpus of ``--size`` documents, then in one run:

* floor: the time merely to read the same inputs once — decompress and iterate
  the WARC records, parse the Telegram JSON and the JSONL lines, and decode
  every image file with Pillow — with no parsing of HTML and no database;
* ingest (``threadline ingest``'s code path, SQLite);
* analyze (extraction on all cores, assessment, hubs, templates, image hashes,
  communities, persons, actors, report tables); faces only with ``--faces``.

Prints documents/s for each stage and end to end, pipeline ÷ floor, and the
peak resident memory of this process and of its worker processes.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import tempfile
import time
from pathlib import Path

from PIL import Image
from warcio.archiveiterator import ArchiveIterator

from threadline.demo import generate
from threadline.ingest import read_paths
from threadline.pipeline import analyze
from threadline.settings import current_user
from threadline.store.batches import ingest_items
from threadline.store.db import open_store


def floor(paths: list[Path]) -> float:
    """Read every input once, the least any pipeline must do."""
    start = time.perf_counter()
    for path in paths:
        if path.name.endswith(".warc.gz"):
            with path.open("rb") as fh:
                for record in ArchiveIterator(fh):
                    data = record.content_stream().read()
                    ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                    if ctype.startswith("image/"):
                        Image.open(io.BytesIO(data)).load()
        elif path.is_dir() or path.name == "result.json":
            folder = path if path.is_dir() else path.parent
            json.loads((folder / "result.json").read_text(encoding="utf-8"))
            for photo in (folder / "photos").glob("*"):
                Image.open(photo).load()
        else:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    json.loads(line)
            for image in (path.parent / "classifieds_images").glob("*"):
                Image.open(image).load()
    return time.perf_counter() - start


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--faces", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = generate(Path(tmp) / "corpus", size=args.size, seed=args.seed)
        print(f"generated {corpus.documents} documents in {time.perf_counter() - t0:.1f} s")
        base = floor(corpus.paths)
        store = open_store(Path(tmp) / "project")
        t1 = time.perf_counter()
        summary = ingest_items(store, read_paths(corpus.paths), [str(p) for p in corpus.paths],
                               current_user())
        t2 = time.perf_counter()
        result = analyze(store, faces=args.faces)
        t3 = time.perf_counter()
        store.close()
    n = summary.documents_added
    ingest_s, analyze_s, total = t2 - t1, t3 - t2, t3 - t1
    own, children = peak_mb()
    print(f"documents {n}, images {summary.images}, networks {result['networks']}")
    print(f"floor (read inputs once)   {base:8.1f} s  {n / base:8.0f} docs/s")
    print(f"ingest                     {ingest_s:8.1f} s  {n / ingest_s:8.0f} docs/s")
    print(f"analyze                    {analyze_s:8.1f} s  {n / analyze_s:8.0f} docs/s")
    print(f"end to end                 {total:8.1f} s  {n / total:8.0f} docs/s")
    print(f"pipeline / floor           {total / base:8.2f}")
    print(f"peak RSS: this process {own:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
