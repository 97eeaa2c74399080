"""Image hashes: re-posted photos stay close, different photos stay far, bombs are refused.

The generator below makes structured synthetic pictures (gradient, shapes, grain) and the
edits reposters make; the distance table in ``link/data/images.yaml`` was measured with it.
Nothing here is a photo of anyone.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageEnhance

from threadline.errors import LimitExceeded
from threadline.link import imagehash as ih
from threadline.link.imagehash import (
    ImageHashes,
    close_pairs,
    hamming,
    hash_image,
    hub_images,
    image_rules,
    near_duplicate_pairs,
)
from threadline.settings import Limits

# --- generator ------------------------------------------------------------------------


def picture(seed: int, size: tuple[int, int] = (320, 240)) -> Image.Image:
    """A different structured RGB picture for every seed."""
    rng = random.Random(seed)
    w, h = size
    c0 = [rng.randrange(256) for _ in range(3)]
    c1 = [rng.randrange(256) for _ in range(3)]
    horizontal = rng.random() < 0.5
    img = Image.new("RGB", size)
    px = img.load()
    for y in range(h):
        for x in range(w):
            t = x / w if horizontal else y / h
            px[x, y] = tuple(int(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
    # A little sensor-like grain, as photos have: PDQ rates flat pictures low quality.
    noise = np.random.default_rng(seed).normal(128, 48, (h, w)).clip(0, 255).astype(np.uint8)
    grain = Image.fromarray(noise).convert("RGB")
    img = Image.blend(img, grain, 0.12)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(6, 12)):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(20, w // 2), y0 + rng.randint(20, h // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice(("ellipse", "rectangle", "polygon", "line"))
        if shape == "ellipse":
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        elif shape == "rectangle":
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        elif shape == "polygon":
            draw.polygon([(rng.randrange(w), rng.randrange(h)) for _ in range(5)], fill=colour)
        else:
            draw.line((x0, y0, x1, y1), fill=colour, width=rng.randint(3, 12))
    return img


def jpeg(img: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def resized(img: Image.Image, scale: float) -> Image.Image:
    w, h = img.size
    return img.resize(
        (max(8, round(w * scale)), max(8, round(h * scale))), Image.Resampling.LANCZOS
    )


def cropped(img: Image.Image, share: float, rng: random.Random | None = None) -> Image.Image:
    """Cut ``share`` of the width and of the height, split at random between the sides."""
    rng = rng or random.Random(0)
    w, h = img.size
    dx, dy = round(w * share), round(h * share)
    left, top = rng.randint(0, dx), rng.randint(0, dy)
    return img.crop((left, top, w - (dx - left), h - (dy - top)))


def brightened(img: Image.Image, factor: float) -> Image.Image:
    return ImageEnhance.Brightness(img).enhance(factor)


def repost(img: Image.Image, rng: random.Random) -> bytes:
    """All the edits at once, at random strengths within the measured ranges:
    resize 50-200 %, crop <= 10 %, brightness +-15 %, JPEG quality 30-95."""
    out = resized(img, rng.uniform(0.5, 2.0))
    out = cropped(out, rng.uniform(0.0, 0.10), rng)
    out = brightened(out, rng.uniform(0.85, 1.15))
    return jpeg(out, rng.randint(30, 95))


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def originals() -> dict[int, Image.Image]:
    return {seed: picture(seed, (320, 240) if seed % 2 else (240, 320)) for seed in range(4)}


@pytest.fixture(scope="module")
def original_hashes(originals) -> dict[int, ImageHashes]:
    return {seed: hash_image(png(img)) for seed, img in originals.items()}


# --- hash_image -----------------------------------------------------------------------


def test_hash_image_shape(original_hashes):
    h = original_hashes[0]
    assert len(h.pdq) == 64 and int(h.pdq, 16) >= 0
    assert len(h.phash) == 16
    assert (h.width, h.height) == (240, 320)
    assert len(h.pdq_windows) == 35
    assert h.pdq_quality >= image_rules().pdq_min_quality


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, None],
    ids=["empty", "text", "broken-png", "truncated-jpeg"],
)
def test_undecodable_is_none(data):
    if data is None:
        data = jpeg(picture(9))[:300]
    assert hash_image(data) is None


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds almost no pixels: a bomb's shape."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [100_000, 9_000])  # over Pillow's own limit, and under it
def test_bomb_refused_from_header(side):
    with pytest.raises(LimitExceeded, match="bomb"):
        hash_image(_png_header(side, side))


def test_pixel_limit_is_a_parameter():
    data = png(picture(1, (100, 80)))
    assert hash_image(data, max_pixels=8_000) is not None
    with pytest.raises(LimitExceeded):
        hash_image(data, max_pixels=7_999)


def test_byte_limit(monkeypatch):
    monkeypatch.setattr(ih, "LIMITS", Limits(max_image_bytes=100))
    with pytest.raises(LimitExceeded):
        hash_image(png(picture(1, (64, 64))))


@pytest.mark.parametrize("mode", ["RGBA", "L", "P", "CMYK"])
def test_modes_hash_like_rgb(originals, original_hashes, mode):
    """PDQ reads luminance, so grey, palette, CMYK and alpha copies stay close."""
    img = originals[0].convert(mode)
    hashed = hash_image(jpeg(img, 95) if mode == "CMYK" else png(img))
    assert hamming(hashed.pdq, original_hashes[0].pdq) <= 31


def test_exif_rotation_is_undone(originals, original_hashes):
    img = originals[1].rotate(90, expand=True)  # stored sideways ...
    exif = Image.Exif()
    exif[0x0112] = 6  # ... with "rotate 90 CW to display"
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95, exif=exif)
    assert hamming(hash_image(buf.getvalue()).pdq, original_hashes[1].pdq) <= 31


# --- near duplicates ------------------------------------------------------------------

EDITS = {
    "resize-50": lambda img, rng: jpeg(resized(img, 0.5), 95),
    "resize-200": lambda img, rng: jpeg(resized(img, 2.0), 95),
    "crop-10": lambda img, rng: png(cropped(img, 0.10, rng)),
    "crop-5": lambda img, rng: png(cropped(img, 0.05, rng)),
    "jpeg-30": lambda img, rng: jpeg(img, 30),
    "darker-15": lambda img, rng: png(brightened(img, 0.85)),
    "brighter-15": lambda img, rng: png(brightened(img, 1.15)),
    "all-at-once": lambda img, rng: repost(img, rng),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_reposts_are_near_duplicates(originals, original_hashes, edit):
    hashes = {f"orig-{s}": h for s, h in original_hashes.items()}
    for seed, img in originals.items():
        hashes[f"edit-{seed}"] = hash_image(EDITS[edit](img, random.Random(seed)))
    pairs = near_duplicate_pairs(hashes)
    assert {(a, b) for a, b, _ in pairs} == {(f"edit-{s}", f"orig-{s}") for s in originals}
    assert all(d <= image_rules().pdq_max_distance for _, _, d in pairs)


def test_different_pictures_are_far(original_hashes):
    more = {s: hash_image(png(picture(s))) for s in range(10, 16)}
    everything = {f"p{s}": h for s, h in {**original_hashes, **more}.items()}
    assert near_duplicate_pairs(everything) == []
    distances = [hamming(a.pdq, b.pdq) for a in everything.values() for b in everything.values()]
    assert min(d for d in distances if d) > image_rules().pdq_max_distance + 20


def test_flat_images_never_match():
    solid = {f"s{i}": hash_image(png(Image.new("RGB", (64, 64), (i * 40, 0, 0)))) for i in range(4)}
    assert all(h.pdq_quality < image_rules().pdq_min_quality for h in solid.values())
    assert near_duplicate_pairs(solid) == []
    assert len(near_duplicate_pairs(solid, min_quality=0)) > 0


def _flip(value: int, bits: list[int]) -> int:
    for b in bits:
        value ^= 1 << b
    return value


def test_multi_index_is_exact_up_to_31_bits():
    rng = random.Random(3)
    values = {f"k{i}": rng.getrandbits(256) for i in range(300)}
    for i in range(60):  # planted neighbours at 0..40 bits
        base = values[f"k{i}"]
        values[f"n{i}"] = _flip(base, rng.sample(range(256), rng.randint(0, 40)))
    hexes = [(k, f"{v:064x}") for k, v in values.items()]
    found = close_pairs(hexes, hexes, 31, 1, chunk=50)
    brute = {
        (min(a, b), max(a, b)): (values[a] ^ values[b]).bit_count()
        for a in values
        for b in values
        if a < b and (values[a] ^ values[b]).bit_count() <= 31
    }
    assert found == brute
    assert len(brute) >= 40


# --- hubs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docs", "total", "groups", "hub"),
    [
        (set(range(3)), 100, None, False),  # one woman's photo on three ads
        (set(range(50)), 10_000, None, False),  # many ads, small share
        (set(range(300)), 1_000_000, None, True),  # absolute cap: a site logo
        (set(range(30)), 1_000, None, True),  # 3 % of all documents
        (set(range(30)), 10_000, dict.fromkeys(range(30), "p1"), False),  # one person's ads
        (set(range(30)), 10_000, {d: d for d in range(30)}, True),  # 30 unrelated groups
    ],
)
def test_hub_images(docs, total, groups, hub):
    assert (hub_images({"img": docs}, total, doc_group=groups) == {"img"}) is hub


# --- the matrix PDQ is PDQ -------------------------------------------------------------


def _dense_sample64(n: int) -> np.ndarray:
    """The reference's two box passes and 64-point sampling, as an n x n filter."""
    full = (n + 127) // 128
    half = (full + 2) // 2
    k = np.arange(n)
    lo, hi = np.maximum(0, k - (full - half)), np.minimum(n, k + half)
    box = ((k[None, :] >= lo[:, None]) & (k[None, :] < hi[:, None])) / (hi - lo)[:, None]
    return (box @ box)[((np.arange(64) + 0.5) * n / 64).astype(int)]


@pytest.mark.parametrize("n", [1, 5, 63, 64, 65, 128, 129, 200, 256, 257, 400, 512])
def test_sampling_matches_the_dense_filter(n):
    assert np.allclose(ih._sample64(n), _dense_sample64(n))


def _luma(img: Image.Image) -> np.ndarray:
    """pdqhash's own luminance (float weights), so both sides read the same numbers."""
    a = np.asarray(img.convert("RGB"), dtype=np.float64)
    return (a[..., 0] * 0.299 + a[..., 1] * 0.587 + a[..., 2] * 0.114).astype(np.float32)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_full_frame_is_the_reference_pdq(originals, seed):
    pdqhash = pytest.importorskip("pdqhash")
    img = originals[seed]
    bits, quality = pdqhash.compute(np.asarray(img))
    reference = np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()
    full, ours, _ = ih._pdq_with_windows(_luma(img), image_rules())
    assert (full, ours) == (reference, quality)


def test_hash_image_is_the_reference_pdq_within_rounding():
    """Through hash_image (Pillow's integer luminance), for a picture under max_side."""
    pdqhash = pytest.importorskip("pdqhash")
    img = picture(5, (image_rules().max_side, 200))
    bits, quality = pdqhash.compute(np.asarray(img))
    reference = np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()
    hashed = hash_image(png(img))
    assert hamming(hashed.pdq, reference) <= 4
    assert abs(hashed.pdq_quality - quality) <= 2


def test_windows_are_the_pdq_of_the_crop(originals):
    """Windows and full frames are compared with each other: they must be one function."""
    rules = image_rules()
    luma = _luma(originals[1])
    h, w = luma.shape
    full, _, windows = ih._pdq_with_windows(luma, rules)
    assert windows[0] == full  # scale 1.0
    k = round((1 - rules.window_scales[-1]) / rules.window_step) + 1
    xs = ih._spans(w, rules.window_scales[-1], rules.window_step)
    ys = ih._spans(h, rules.window_scales[-1], rules.window_step)
    last = windows[-k * k :]
    for i, (x0, x1) in enumerate(xs):
        for j, (y0, y1) in enumerate(ys):
            crop = np.ascontiguousarray(luma[y0:y1, x0:x1])
            assert last[i * k + j] == ih._pdq_with_windows(crop, rules)[0]


def test_phash_is_imagehash_phash(originals):
    phash_lib = pytest.importorskip("imagehash")
    for img in originals.values():
        grey = img.convert("L")
        assert ih._phash(grey) == str(phash_lib.phash(grey))


@pytest.mark.parametrize("shape", [(3, 5, 4), (208, 200, 160), (80, 160, 80), (2, 600, 600)])
def test_sliced_product_is_the_product(shape):
    m, k, n = shape
    rng = np.random.default_rng(0)
    a, b = rng.random((m, k), dtype=np.float32), rng.random((k, n), dtype=np.float32)
    assert np.allclose(ih._product(a, b), a @ b, rtol=1e-5)
