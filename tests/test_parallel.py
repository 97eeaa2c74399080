import os

from threadline.parallel import parallel_map


def _square(x: int) -> int:
    return x * x


def _blas_threads(_: int) -> str | None:
    return os.environ.get("OPENBLAS_NUM_THREADS")


def test_small_jobs_run_here_and_keep_order(monkeypatch):
    monkeypatch.setenv("THREADLINE_WORKERS", "2")
    assert list(parallel_map(_square, range(5), min_items=10)) == [0, 1, 4, 9, 16]


def test_workers_keep_order_and_run_single_threaded_blas(monkeypatch):
    monkeypatch.setenv("THREADLINE_WORKERS", "2")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert list(parallel_map(_square, range(40), min_items=4, chunksize=5)) == [x * x for x in range(40)]
    assert set(parallel_map(_blas_threads, range(4), min_items=2)) == {"1"}
    assert "OPENBLAS_NUM_THREADS" not in os.environ
