from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from threadline.demo.photos import VARIANT_KINDS, PhotoPool, encode, person_photo, variant


def test_persons_get_distinct_pictures() -> None:
    a = encode(person_photo("P1", 0, random.Random(1)))
    b = encode(person_photo("P2", 0, random.Random(1)))
    assert a != b
    assert a == encode(person_photo("P1", 0, random.Random(1)))


@pytest.mark.parametrize("kind", VARIANT_KINDS)
def test_variants_are_small_near_copies(kind: str) -> None:
    img = person_photo("P1", 0, random.Random(1))
    data = variant(img, kind, random.Random(2))
    out = Image.open(io.BytesIO(data))
    assert out.format == "JPEG" and max(out.size) <= 640
    assert data != encode(img)
    if kind == "crop":
        assert out.width >= 0.9 * img.width and out.height >= 0.9 * img.height
    if kind == "resize":
        assert out.width < img.width


def test_pool_reuses_sets_past_its_budget() -> None:
    pool = PhotoPool(seed=1, max_drawn=3)
    rng = random.Random(1)
    first = pool.photo_set("P1", 2, 1, rng)
    assert len(first) == 4 and len({p.sha256 for p in first}) == 4
    second = pool.photo_set("P2", 2, 0, rng)
    assert [p.sha256 for p in second] == [p.sha256 for p in first]
