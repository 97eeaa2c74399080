"""FaceIndex: exact and HNSW search, persistence, and finding a notice."""

from __future__ import annotations

import numpy as np
import pytest

from threadline.faces.index import FaceIndex


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_finds_each_vector_and_survives_save_load(tmp_path, kind):
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(500, 128)).astype(np.float32)
    ids = np.arange(1000, 1500)
    index = FaceIndex(128, kind)
    index.add(ids, vectors)
    hits = index.search(vectors[:20] + 0.01, k=3)
    assert [h[0][0] for h in hits] == list(ids[:20])
    assert all(h[0][1] < 0.2 and len(h) == 3 for h in hits)
    index.save(tmp_path / "faces.faiss")
    again = FaceIndex.load(tmp_path / "faces.faiss")
    assert len(again) == 500 and again.kind == kind and again.dim == 128
    assert again.search(vectors[42], k=1)[0][0][0] == 1042


def test_distances_are_euclidean_and_empty_index_is_safe():
    index = FaceIndex(2)
    assert index.search(np.zeros(2), k=5) == [[]]
    index.add([1, 2], np.array([[3.0, 4.0], [0.0, 1.0]]))
    assert index.search(np.zeros(2), k=5)[0] == [(2, 1.0), (1, 5.0)]
    assert index.within(np.zeros(2), radius=2.0) == [(2, 1.0)]
    with pytest.raises(ValueError):
        index.add([1], np.zeros((2, 2)))


def test_finds_the_right_notice(fixture_faces):
    gallery = {"obama": 1, "biden": 2, "astronaut": 3}
    index = FaceIndex(128)
    for name, notice in gallery.items():
        index.add([notice], fixture_faces[name][0].embedding)
    for probe in ("obama2", "obama3"):
        best, distance = index.search(fixture_faces[probe][0].embedding, k=3)[0][0]
        assert best == 1 and distance < 0.5
