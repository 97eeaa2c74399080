"""Nearest-neighbour search over face embeddings (faiss).

Exact search (``IndexFlatL2``) is the default: at 100k–1M faces it answers in
milliseconds, is deterministic and has nothing to tune, which matters when a
result is shown to an analyst as a lead. HNSW is offered for very large
galleries (> ~200k) where exact batched search becomes the bottleneck; it is
approximate and can miss a true neighbour.

Ids are the caller's integers (face row ids in the store), so the lead can wire
the index to the database without a second mapping table.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def _faiss():
    import faiss

    return faiss


class FaceIndex:
    """Embeddings of one backend (``dim``), searchable by L2 distance.

    ``kind`` is "flat" (exact) or "hnsw" (approximate, M=32, efSearch=128).
    Distances returned are Euclidean, comparable with thresholds.yaml.
    """

    def __init__(self, dim: int = 128, kind: str = "flat") -> None:
        faiss = _faiss()
        if kind == "flat":
            inner = faiss.IndexFlatL2(dim)
        elif kind == "hnsw":
            inner = faiss.IndexHNSWFlat(dim, 32)
            inner.hnsw.efConstruction = 40
            inner.hnsw.efSearch = 128
        else:
            raise ValueError(f"unknown index kind {kind!r} (flat, hnsw)")
        self.dim = dim
        self.kind = kind
        self._index = faiss.IndexIDMap2(inner)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: np.ndarray | list[int], vectors: np.ndarray) -> None:
        """Add vectors under integer ids (int64); shapes must agree."""
        ids_arr = np.asarray(ids, dtype=np.int64).reshape(-1)
        vecs = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim))
        if len(ids_arr) != len(vecs):
            raise ValueError(f"{len(ids_arr)} ids for {len(vecs)} vectors")
        self._index.add_with_ids(vecs, ids_arr)

    def search(self, query: np.ndarray, k: int = 10) -> list[list[tuple[int, float]]]:
        """For each query vector, up to ``k`` (id, distance) pairs, nearest first."""
        q = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(-1, self.dim))
        if len(self) == 0:
            return [[] for _ in range(len(q))]
        dist2, ids = self._index.search(q, min(k, len(self)))
        return [
            [(int(i), float(np.sqrt(max(d, 0.0)))) for i, d in zip(row_i, row_d, strict=True)
             if i != -1]
            for row_i, row_d in zip(ids, dist2, strict=True)
        ]

    def within(self, query: np.ndarray, radius: float, k: int = 50) -> list[tuple[int, float]]:
        """Neighbours of one vector closer than ``radius`` (e.g. the candidate threshold)."""
        return [(i, d) for i, d in self.search(query, k)[0] if d <= radius]

    def save(self, path: str | os.PathLike[str]) -> None:
        _faiss().write_index(self._index, str(Path(path)))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FaceIndex:
        faiss = _faiss()
        raw = faiss.read_index(str(Path(path)))
        self = cls.__new__(cls)
        self._index = raw
        self.dim = raw.d
        inner = faiss.downcast_index(raw.index) if hasattr(raw, "index") else raw
        self.kind = "hnsw" if isinstance(inner, faiss.IndexHNSWFlat) else "flat"
        return self
