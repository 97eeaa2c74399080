"""Running the face path over many images on every core.

Detection and embedding are CPU-bound C++ (dlib releases no GIL worth
having), so images go to a process pool; each worker loads the models once.
Few images are done in-process, where starting workers would cost more than
it saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from threadline.faces.age import AgeEstimator
from threadline.faces.backend import DlibBackend, Face
from threadline.faces.detect import analyse_image

#: The embedding backend the pool runs (its vectors are stored under this name).
BACKEND_NAME = "dlib-resnet-v1"

#: Below this many images, the work is done in this process.
INLINE_MAX = 6

_worker: tuple[DlibBackend, AgeEstimator] | None = None


def _init() -> None:
    global _worker
    _worker = (DlibBackend(), AgeEstimator())


def _one(item: tuple[str, str]) -> tuple[str, list[Face] | None, str | None]:
    sha, path = item
    if _worker is None:
        _init()
    backend, age = _worker  # type: ignore[misc]
    try:
        return sha, analyse_image(Path(path).read_bytes(), backend, age=age, source=sha), None
    except Exception as exc:  # one bad image must not stop the others
        return sha, None, f"{type(exc).__name__}: {exc}"


def analyse_many(
    items: Iterable[tuple[str, Path]], workers: int | None = None
) -> Iterator[tuple[str, list[Face] | None, str | None]]:
    """(sha256, path) pairs → (sha256, faces or None, error or None), in any order."""
    todo = [(sha, str(path)) for sha, path in items]
    workers = workers or min(2, os.cpu_count() or 1)
    if len(todo) <= INLINE_MAX or workers <= 1:
        yield from map(_one, todo)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_init) as pool:
        yield from pool.map(_one, todo, chunksize=4)
