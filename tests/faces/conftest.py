"""Shared face fixtures: the models load once per test session (~2 s)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from threadline.demo.photos import encode
from threadline.faces.age import AgeEstimator
from threadline.faces.backend import DlibBackend
from threadline.faces.detect import analyse_image

FIXTURES = Path(__file__).parent / "fixtures"
PEOPLE = {"obama": "obama", "obama2": "obama", "obama3": "obama", "biden": "biden",
          "astronaut": "collins"}


def jpeg(im: Image.Image, quality: int = 85) -> bytes:
    """JPEG bytes at the quality the face figures were measured with."""
    return encode(im, quality)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / f"{name}.jpg").read_bytes()


def fixture_image(name: str) -> Image.Image:
    return Image.open(FIXTURES / f"{name}.jpg").convert("RGB")


def synthetic_no_face(size: tuple[int, int] = (320, 240)) -> bytes:
    """Gradient plus stripes: texture for HOG, but no face."""
    w, h = size
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :].repeat(h, 0)
    stripes = ((np.arange(h)[:, None] // 12) % 2 * 80).repeat(w, 1)
    rgb = np.stack([x, (x + stripes) % 256, 255 - x], axis=-1).astype(np.uint8)
    return jpeg(Image.fromarray(rgb))


def side_by_side(*names: str) -> bytes:
    ims = [fixture_image(n) for n in names]
    h = max(i.height for i in ims)
    canvas = Image.new("RGB", (sum(i.width for i in ims), h), "white")
    x = 0
    for im in ims:
        canvas.paste(im, (x, 0))
        x += im.width
    return jpeg(canvas)


@pytest.fixture(scope="session")
def backend() -> DlibBackend:
    return DlibBackend()


@pytest.fixture(scope="session")
def age_model() -> AgeEstimator:
    return AgeEstimator()


@pytest.fixture(scope="session")
def fixture_faces(backend):
    """The single face of each committed fixture, analysed once."""
    return {name: analyse_image(fixture_bytes(name), backend) for name in PEOPLE}
