"""Faces benchmark: throughput, index latency, and FMR/FNMR on fixture pairs.

Run: .venv/bin/python benchmarks/faces_bench.py [--quick] [--upsample 0|1]

* photos/s for the whole image path (decode, detection, embedding, age) with a
  2-process pool, on ad-sized JPEGs generated from the committed fixtures;
* faiss search latency at 10k / 100k / 1M random 128-d vectors;
* false-match / false-non-match rates at the thresholds in thresholds.yaml on
  every pair of fixture faces and generated variants (a SMALL set: 3 people).
"""

from __future__ import annotations

import argparse
import io
import itertools
import multiprocessing as mp
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from threadline.demo.photos import encode  # noqa: E402
from threadline.faces import settings  # noqa: E402
from threadline.faces.age import AgeEstimator  # noqa: E402
from threadline.faces.backend import DlibBackend  # noqa: E402
from threadline.faces.detect import analyse_image  # noqa: E402
from threadline.faces.index import FaceIndex  # noqa: E402

FIXTURES = ROOT / "tests" / "faces" / "fixtures"
PEOPLE = {"obama": "obama", "obama2": "obama", "obama3": "obama", "biden": "biden",
          "astronaut": "collins"}


def jpeg(im: Image.Image, quality: int = 85) -> bytes:
    """JPEG bytes at the quality the face figures were measured with."""
    return encode(im, quality)


def ad_photos(n: int) -> list[bytes]:
    """Ad-sized (1080 px tall) JPEGs with one face, plus every 8th a 2-face composite."""
    base = [Image.open(FIXTURES / f"{p}.jpg").convert("RGB") for p in PEOPLE]
    photos = []
    for i in range(n):
        im = base[i % len(base)]
        if i % 8 == 7:
            other = base[(i + 1) % len(base)]
            canvas = Image.new("RGB", (im.width + other.width, 400), "white")
            canvas.paste(im, (0, 0))
            canvas.paste(other, (im.width, 0))
            im = canvas
        scale = 1080 / im.height
        photos.append(jpeg(im.resize((int(im.width * scale), 1080)), 88))
    return photos


_WORKER: tuple[DlibBackend, AgeEstimator] | None = None


def _init(upsample: int) -> None:
    global _WORKER
    _WORKER = (DlibBackend(upsample=upsample), AgeEstimator())
    analyse_image(jpeg(Image.open(FIXTURES / "obama.jpg")), _WORKER[0], age=_WORKER[1])  # warm


def _work(data: bytes) -> int:
    assert _WORKER is not None
    return len(analyse_image(data, _WORKER[0], age=_WORKER[1]))


def throughput(n: int, upsample: int, processes: int = 2) -> None:
    photos = ad_photos(n)
    ctx = mp.get_context("fork")
    with ctx.Pool(processes, initializer=_init, initargs=(upsample,)) as pool:
        pool.map(_work, photos[: processes * 2])  # make sure both workers are warm
        start = time.perf_counter()
        faces = sum(pool.map(_work, photos, chunksize=2))
        elapsed = time.perf_counter() - start
    print(f"throughput: {n} ad photos (1080 px tall, {faces} faces), {processes} processes, "
          f"HOG upsample {upsample} at {settings.detection().detect_side} px: "
          f"{n / elapsed:.1f} photos/s ({elapsed / n * 1000 * processes:.0f} ms CPU per photo)")
    _init(upsample)
    backend, age = _WORKER
    rgb = np.asarray(Image.open(io.BytesIO(photos[0])).convert("RGB"))
    small = np.asarray(Image.open(io.BytesIO(photos[0])).convert("RGB").resize(
        (int(rgb.shape[1] * 640 / rgb.shape[0]), 640)))
    box = backend.detect(small)[0][0]
    steps = {
        "decode+orient": lambda: Image.open(io.BytesIO(photos[0])).convert("RGB"),
        "detect": lambda: backend.detect(small),
        "embed (1 face)": lambda: backend.embed(small, box),
        "age (1 face)": lambda: age.estimate(small, box),
    }
    for name, fn in steps.items():
        t = time.perf_counter()
        for _ in range(5):
            fn()
        print(f"  step {name:16s} {(time.perf_counter() - t) / 5 * 1000:6.1f} ms")


def index_latency(sizes: list[int]) -> None:
    import faiss

    rng = np.random.default_rng(0)
    for n in sizes:
        vectors = rng.normal(size=(n, 128)).astype(np.float32)
        index = FaceIndex(128)
        t = time.perf_counter()
        index.add(np.arange(n), vectors)
        add_s = time.perf_counter() - t
        queries = vectors[rng.integers(0, n, 200)] + 0.01
        faiss.omp_set_num_threads(1)
        t = time.perf_counter()
        for q in queries[:50]:
            index.search(q, k=10)
        single = (time.perf_counter() - t) / 50 * 1000
        faiss.omp_set_num_threads(2)
        t = time.perf_counter()
        index.search(queries, k=10)
        batched = (time.perf_counter() - t) / len(queries) * 1000
        print(f"index flat {n:>9,}: add {add_s:5.2f} s, single query {single:6.2f} ms "
              f"(1 thread), batched {batched:5.2f} ms/query (2 threads)")
        del index, vectors


VARIANTS = {
    "original": lambda im: im,
    "scale 0.5": lambda im: im.resize((im.width // 2, im.height // 2)),
    "crop": lambda im: im.crop((int(im.width * .1), int(im.height * .05), im.width, im.height)),
    "dark": lambda im: ImageEnhance.Brightness(im).enhance(0.7),
    "mirror": ImageOps.mirror,
}


def error_rates() -> None:
    backend = DlibBackend()
    samples: list[tuple[str, np.ndarray]] = []
    for name, person in PEOPLE.items():
        im = Image.open(FIXTURES / f"{name}.jpg").convert("RGB")
        for variant in VARIANTS.values():
            for quality in (85, 40):
                faces = analyse_image(jpeg(variant(im), quality), backend)
                if len(faces) == 1 and faces[0].embedding is not None:
                    samples.append((person, faces[0].embedding))
    genuine, impostor = [], []
    for (pa, ea), (pb, eb) in itertools.combinations(samples, 2):
        (genuine if pa == pb else impostor).append(float(np.linalg.norm(ea - eb)))
    g, i = np.array(genuine), np.array(impostor)
    print(f"error rates on {len(samples)} face samples ({len(PEOPLE)} photos of 3 people x "
          f"{len(VARIANTS)} variants x 2 JPEG qualities): {len(g)} genuine, {len(i)} impostor "
          "pairs (SMALL, highly correlated set)")
    print(f"  genuine distance max {g.max():.3f} (p95 {np.percentile(g, 95):.3f}); "
          f"impostor distance min {i.min():.3f} (p5 {np.percentile(i, 5):.3f})")
    t = settings.thresholds(backend.name)
    for label, thr in (("match", t.match), ("candidate", t.candidate)):
        print(f"  {label} threshold {thr:.2f}: FMR {np.mean(i <= thr):.4f} "
              f"({int(np.sum(i <= thr))}/{len(i)}), FNMR {np.mean(g > thr):.4f} "
              f"({int(np.sum(g > thr))}/{len(g)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="no 1M index, 40 photos")
    parser.add_argument("--upsample", type=int, default=None)
    parser.add_argument("--only", choices=["throughput", "index", "rates"], default=None)
    args = parser.parse_args()
    upsample = settings.detection().upsample if args.upsample is None else args.upsample
    if args.only in (None, "rates"):
        error_rates()
    if args.only in (None, "throughput"):
        throughput(40 if args.quick else 120, upsample)
    if args.only in (None, "index"):
        index_latency([10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000])


if __name__ == "__main__":
    main()
