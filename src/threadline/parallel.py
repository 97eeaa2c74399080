"""Running a pure, CPU-bound function over many items on every core.

Extraction, image hashing and face analysis are pure functions of their input,
so they scale out over processes (the GIL rules out threads). Worker processes
are started with ``spawn`` — a clean interpreter, no inherited database
connections — and only when the work is large enough to pay for their start-up
(about a second each); smaller jobs run in this process.

Because workers are spawned, a script that calls the pipeline must keep its
top-level code under ``if __name__ == "__main__":`` (the usual rule for
multiprocessing): each worker re-imports the main module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers_available() -> int:
    """Cores this process may use (respects CPU affinity and THREADLINE_WORKERS)."""
    configured = os.environ.get("THREADLINE_WORKERS")
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def parallel_map(
    fn: Callable[[T], R], items: Iterable[T], *, min_items: int, chunksize: int = 1
) -> Iterator[R]:
    """``map(fn, items)`` in order, on worker processes when there are at
    least ``min_items`` items and more than one core. ``fn`` must be a
    module-level function (it is pickled by name)."""
    todo = list(items)
    workers = workers_available()
    if workers <= 1 or len(todo) < min_items:
        yield from map(fn, todo)
        return
    # Each worker is one core's worth of work: BLAS threads inside it would
    # only fight the other workers (measured 8x slower matrix products). The
    # workers are spawned when work is submitted, so the setting is held until
    # map() has submitted everything.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        previous = os.environ.get("OPENBLAS_NUM_THREADS")
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        try:
            results = pool.map(fn, todo, chunksize=chunksize)
        finally:
            if previous is None:
                del os.environ["OPENBLAS_NUM_THREADS"]
            else:
                os.environ["OPENBLAS_NUM_THREADS"] = previous
        yield from results
