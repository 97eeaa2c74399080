"""Detection and embedding on public-domain portraits and generated variants."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

from threadline.errors import IngestError, LimitExceeded
from threadline.faces import settings
from threadline.faces.detect import analyse_image, decode_rgb, face_quality
from threadline.settings import Limits

from .conftest import fixture_image, jpeg, side_by_side, synthetic_no_face

MATCH = settings.thresholds("dlib-resnet-v1")


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height (an image bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


VARIANTS = {
    "scale 0.5": lambda im: im.resize((im.width // 2, im.height // 2)),
    "scale 2.0": lambda im: im.resize((im.width * 2, im.height * 2)),
    "crop 10%": lambda im: im.crop((int(im.width * .1), int(im.height * .05), im.width, im.height)),
    "brightness +25%": lambda im: ImageEnhance.Brightness(im).enhance(1.25),
    "mirror": ImageOps.mirror,
    "identity": lambda im: im,
}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("quality", [85, 35])
def test_transformed_copies_match(backend, fixture_faces, variant, quality):
    original = fixture_faces["obama"][0].embedding
    faces = analyse_image(jpeg(VARIANTS[variant](fixture_image("obama")), quality), backend)
    assert len(faces) == 1
    distance = float(np.linalg.norm(faces[0].embedding - original))
    assert MATCH.verdict(distance) == "match", distance


def test_other_photos_of_same_person_match_and_different_people_dont(fixture_faces):
    def dist(a: str, b: str) -> float:
        return float(np.linalg.norm(fixture_faces[a][0].embedding - fixture_faces[b][0].embedding))

    for other in ("obama2", "obama3"):
        assert MATCH.verdict(dist("obama", other)) is not None
    for a, b in [("obama", "biden"), ("obama", "astronaut"), ("biden", "astronaut"),
                 ("obama2", "biden"), ("obama3", "astronaut")]:
        assert MATCH.verdict(dist(a, b)) is None, (a, b)


def test_each_fixture_has_one_good_face(fixture_faces):
    for name, faces in fixture_faces.items():
        assert len(faces) == 1, name
        face = faces[0]
        assert face.embedding is not None and face.embedding.shape == (128,)
        assert face.score >= settings.detection().min_hog_score
        assert 0.5 < face.quality <= 1.0, (name, face.quality)


def test_synthetic_picture_has_no_face(backend):
    assert analyse_image(synthetic_no_face(), backend) == []


def test_two_portraits_side_by_side_give_two_faces(backend):
    faces = analyse_image(side_by_side("obama", "biden"), backend)
    assert len(faces) == 2
    lefts = sorted(f.box[0] for f in faces)
    assert lefts[0] < fixture_image("obama").width <= lefts[1]


def test_boxes_are_in_original_pixels_even_when_detection_is_downscaled(backend, fixture_faces):
    small_box = fixture_faces["obama"][0].box
    big = fixture_image("obama").resize((1280, 1600))  # 4× → detect copy is 640 px
    box = analyse_image(jpeg(big), backend)[0].box
    tolerance = 0.15 * 4 * (small_box[2] - small_box[0])  # HOG boxes snap to its cell grid
    for a, b in zip(box, small_box, strict=True):
        assert abs(a - 4 * b) <= tolerance


def test_exif_orientation_is_applied(backend):
    rotated = fixture_image("obama").rotate(90, expand=True)  # face lies on its side
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": undoes the rotation above
    buf = io.BytesIO()
    rotated.save(buf, "JPEG", quality=90, exif=exif)
    assert len(analyse_image(jpeg(rotated), backend)) == 0  # HOG is upright-only
    faces = analyse_image(buf.getvalue(), backend)
    assert len(faces) == 1


def test_image_bomb_refused_from_header_fast():
    bomb = png_header(60000, 60000)
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(LimitExceeded):
        decode_rgb(bomb)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5 and peak < 10_000_000


def test_our_pixel_limit_applies_below_pillows_own():
    with pytest.raises(LimitExceeded, match="max_image_pixels"):
        decode_rgb(png_header(2000, 2000), Limits(max_image_pixels=1_000_000))


def test_byte_limit_and_garbage():
    with pytest.raises(LimitExceeded):
        decode_rgb(b"x" * 2000, Limits(max_image_bytes=1000))
    with pytest.raises(IngestError, match="unreadable"):
        decode_rgb(b"GIF89a not really an image")


class TinyFaceBackend:
    name, dim, metric = "fake", 4, "l2"

    def detect(self, rgb):
        return [((10, 10, 30, 30), 1.0), ((50, 50, 200, 200), 0.1)]

    def embed(self, rgb, box):
        raise AssertionError("a 20 px face must not be embedded")


def test_small_faces_are_kept_but_not_embedded_and_weak_boxes_dropped():
    faces = analyse_image(synthetic_no_face(), TinyFaceBackend())
    assert len(faces) == 1  # the 0.1-score box is dropped
    assert faces[0].embedding is None and faces[0].quality < 0.3


def test_quality_drops_with_blur(fixture_faces):
    sharp = fixture_image("obama")
    box = fixture_faces["obama"][0].box
    rgb, blurred = np.asarray(sharp), np.asarray(sharp.filter(ImageFilter.GaussianBlur(4)))
    width = box[2] - box[0]
    assert face_quality(blurred, box, width, None) < face_quality(rgb, box, width, None) - 0.2
