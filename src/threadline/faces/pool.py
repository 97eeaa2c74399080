"""Running the face path over many images on every core.

Detection and embedding are CPU-bound C++ (dlib releases no GIL worth
having), so images go through :func:`threadline.parallel.parallel_map`; each
worker loads the models once, on its first image. Few images are done
in-process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from threadline.faces.age import AgeEstimator
from threadline.faces.backend import DlibBackend, Face
from threadline.faces.detect import analyse_image
from threadline.parallel import parallel_map

#: The embedding backend the pool runs (its vectors are stored under this name).
BACKEND_NAME = "dlib-resnet-v1"

#: Below this many images, the work is done in this process.
INLINE_MAX = 6

_worker: tuple[DlibBackend, AgeEstimator] | None = None


def _one(item: tuple[str, str]) -> tuple[str, list[Face] | None, str | None]:
    global _worker
    sha, path = item
    if _worker is None:
        _worker = (DlibBackend(), AgeEstimator())
    backend, age = _worker
    try:
        return sha, analyse_image(Path(path).read_bytes(), backend, age=age, source=sha), None
    except Exception as exc:  # one bad image must not stop the others
        return sha, None, f"{type(exc).__name__}: {exc}"


def analyse_many(
    items: Iterable[tuple[str, Path]],
) -> Iterator[tuple[str, list[Face] | None, str | None]]:
    """(sha256, path) pairs → (sha256, faces or None, error or None), in order."""
    todo = [(sha, str(path)) for sha, path in items]
    yield from parallel_map(_one, todo, min_items=INLINE_MAX + 1, chunksize=4)
