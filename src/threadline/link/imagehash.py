"""Perceptual hashes: the same photo re-posted on other sites.

Controllers re-use a woman's photos across sites and ads, and each site resizes,
crops and recompresses them, so the SHA-256 of the bytes differs while the
picture does not. PDQ (Meta's 256-bit perceptual hash) survives those edits;
pHash (64-bit, as ``ImageHash`` computes it) is kept alongside for tools that
speak it. PDQ is computed here in matrix form (same bits as the reference
``pdqhash`` on the same luminance) so that the full frame and its 35 crop windows
cost two matrix products instead of 36 hashes. Near-identical images are found by Hamming distance with a
multi-index hash (no all-pairs step), and logos or placeholders shown on many
documents are set aside by :func:`hub_images` before they link anything.

Decoding is done defensively: adversaries post the images, so the pixel count is
checked from the header *before* any pixel is decoded.

Thresholds are in ``link/data/images.yaml`` with the distances measured to
choose them (see ``tests/link/test_imagehash.py`` for the generator).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import combinations

import numpy as np
import yaml
from PIL import Image, ImageOps, UnidentifiedImageError

from threadline.errors import LimitExceeded
from threadline.settings import LIMITS

#: Bits per band of the multi-index: a 256-bit PDQ hash is 16 bands.
_BAND_BITS = 16
#: Band radius probed full frame against full frame: 1 finds every pair within
#: 31 bits (16 bands x (1 + 1)) exactly; beyond, pairs are found when some band
#: is within 1 bit, which re-posts nearly always have. Radius 2 would cost ~8x.
_FULL_RADIUS = 1


@dataclass(frozen=True, slots=True)
class ImageHashes:
    """Perceptual hashes of one image, as hex strings (PDQ 64 chars, pHash 16)."""

    pdq: str
    pdq_quality: int  # 0-100: below ``pdq_min_quality`` the picture is too flat to match
    phash: str
    width: int
    height: int
    #: PDQ of sub-windows (90-95 % crops on a grid): a cropped re-post of this
    #: picture is close to one of them even when far from the full-frame hash.
    pdq_windows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImageRules:
    """The numbers in ``images.yaml`` (see the comments there for why)."""

    pdq_max_distance: int
    pdq_min_quality: int
    decode_side: int
    max_side: int
    window_scales: tuple[float, ...]
    window_step: float
    hub_share: float
    hub_min_docs: int
    hub_max_docs: int
    hub_max_groups: int


@cache
def image_rules() -> ImageRules:
    text = resources.files("threadline.link").joinpath("data", "images.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    raw["window_scales"] = tuple(raw["window_scales"])
    return ImageRules(**{k: raw[k] for k in ImageRules.__slots__})


def _decode(data: bytes, max_pixels: int, rules: ImageRules) -> Image.Image | None:
    """Header first, pixels only when the size is acceptable; None if undecodable.

    JPEGs are decoded straight to luminance at the smallest DCT scale that keeps
    ``decode_side`` pixels on each side: PDQ reads nothing else, and it is most of
    the decoding cost saved."""
    if len(data) > LIMITS.max_image_bytes:
        raise LimitExceeded("image", "-", f"{len(data)} bytes > {LIMITS.max_image_bytes}")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb warning is replaced by the explicit check below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            width, height = img.size
            if width * height > max_pixels:
                raise LimitExceeded(
                    "image", "-", f"{width}x{height} pixels > {max_pixels}: refused as a bomb"
                )
            if width < 1 or height < 1:
                return None
            img.draft("L", (rules.decode_side, rules.decode_side))
            img.load()
    except LimitExceeded:
        raise
    except Image.DecompressionBombError as exc:
        raise LimitExceeded("image", "-", f"refused as a bomb: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None
    return img


def _grey(img: Image.Image) -> Image.Image:
    """Upright luminance (ITU-R 601, PDQ's weights), transparency flattened onto
    white as a browser shows it."""
    with contextlib.suppress(OSError, ValueError, SyntaxError):  # broken EXIF: pixels as stored
        img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    return img if img.mode == "L" else img.convert("L")


def hash_image(data: bytes, max_pixels: int = LIMITS.max_image_pixels) -> ImageHashes | None:
    """PDQ (with its quality), its crop windows and pHash of an image's bytes.

    Returns None for bytes that are not a decodable image (reported by the
    caller, never fatal to a batch); raises :class:`LimitExceeded` for images
    over the byte or pixel limits, checked before decoding.
    """
    rules = image_rules()
    img = _decode(data, max_pixels, rules)
    if img is None:
        return None
    width, height = img.size
    try:
        img = _grey(img)
    except (OSError, ValueError, SyntaxError):
        return None
    if max(img.size) > rules.max_side:
        img.thumbnail((rules.max_side, rules.max_side), Image.Resampling.BOX)
    pdq, quality, windows = _pdq_with_windows(np.asarray(img, dtype=np.float32), rules)
    return ImageHashes(pdq, quality, _phash(img), width, height, windows)


@cache
def _dct8of32() -> np.ndarray:
    """First 8 rows of scipy's unnormalised 32-point DCT-II (8 x 32)."""
    k = np.arange(8)[:, None]
    n = np.arange(32)[None, :]
    return 2 * np.cos(np.pi * k * (2 * n + 1) / 64)


def _phash(grey: Image.Image) -> str:
    """pHash as ``ImageHash.phash`` computes it (32x32 Lanczos, 8x8 low DCT block,
    above its median), without scipy's two full 32-point transforms."""
    pixels = np.asarray(grey.resize((32, 32), Image.Resampling.LANCZOS), dtype=np.float64)
    d = _dct8of32()
    low = (d @ pixels @ d.T).ravel()
    return np.packbits(low > np.median(low)).tobytes().hex()


# --- PDQ in matrix form ------------------------------------------------------------
#
# PDQ (Meta's reference, pdqhashing.cpp): luminance; two passes of 1-D box filters
# along rows and columns ("Jarosz" tent filter, window ceil(side / 128)); sample 64x64
# points; 16x16 low-frequency DCT (coefficients 1-16 of 64); bit = coefficient above
# the median; quality from the 64x64 image's gradients. Every step up to the DCT is
# linear and separable, so PDQ of any rectangle of the luminance is ``R @ L @ C.T``
# with R (16 x H) and C (16 x W) precomputed per rectangle. Stacking the row (column)
# matrices of all windows of one scale hashes every window in two matrix products.


@cache
def _dct16() -> np.ndarray:
    """Rows 1-16 of the 64-point DCT-II, as in the reference (16 x 64)."""
    i = np.arange(1, 17)[:, None]
    j = np.arange(64)[None, :]
    return np.sqrt(2 / 64) * np.cos(np.pi / 128 * i * (2 * j + 1))


def _box_rows(n: int, rows: np.ndarray) -> np.ndarray:
    """Rows ``rows`` of the reference's 1-D box filter on ``n`` pixels (window
    ceil(n / 128), shrunk at the edges, each row an average)."""
    full = (n + 127) // 128  # computeJaroszFilterWindowSize(n, 64)
    half = (full + 2) // 2
    lo = np.maximum(0, rows - (full - half))
    hi = np.minimum(n, rows + half)
    cols = np.arange(n)
    return ((cols >= lo[:, None]) & (cols < hi[:, None])) / (hi - lo)[:, None]


def _sample64(n: int) -> np.ndarray:
    """The reference's filter-and-sample along one side of ``n`` pixels (64 x n):
    two box passes, then the pixel at each of 64 evenly spaced points. Built from
    the few box rows the 64 points read, never the n x n filter."""
    picks = ((np.arange(64) + 0.5) * n / 64).astype(np.int64)
    first = _box_rows(n, picks)  # 64 x n, non-zero on a short run per row
    out = np.zeros((64, n))
    start = first.argmax(axis=1)  # where each row's run begins
    for t in range((n + 127) // 128):  # the run's t-th pixel (zero weight past its end)
        k = np.minimum(start + t, n - 1)
        weight = first[np.arange(64), k] * (start + t < n)
        out += weight[:, None] * _box_rows(n, k)
    return out


@lru_cache(maxsize=1024)
def _side_dct(m: int) -> np.ndarray:
    """DCT rows of a side of ``m`` pixels (16 x m): sampling then the 16 frequencies."""
    return (_dct16() @ _sample64(m)).astype(np.float32)


def _stacked_dct(n: int, spans: list[tuple[int, int]]) -> np.ndarray:
    """DCT rows of each span [start, stop) of a side of ``n`` pixels, stacked (16k x n)."""
    out = np.zeros((16 * len(spans), n), dtype=np.float32)
    for i, (start, stop) in enumerate(spans):
        out[16 * i : 16 * i + 16, start:stop] = _side_dct(stop - start)
    return out


def _spans(n: int, scale: float, step: float) -> list[tuple[int, int]]:
    steps = round((1 - scale) / step) + 1
    return [(round(i * step * n), round(i * step * n + scale * n)) for i in range(steps)]


@lru_cache(maxsize=64)
def _plan(
    height: int, width: int, scales: tuple[float, ...], step: float
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int, np.ndarray]]]:
    """Matrices for one image size: the 64x64 sampling (for quality and the full
    frame) and, per scale, the stacked row/column DCT matrices of its windows."""
    rows = [_sample64(height).astype(np.float32)]
    per_scale = []
    at = 64
    for scale in scales:
        row_spans = _spans(height, scale, step)
        rows.append(_stacked_dct(height, row_spans))
        cols = _stacked_dct(width, _spans(width, scale, step))
        per_scale.append((at, len(row_spans), np.ascontiguousarray(cols.T)))
        at += 16 * len(row_spans)
    return np.concatenate(rows), _sample64(width).T.astype(np.float32), per_scale


#: OpenBLAS runs a product of m*n*k at most this on one thread. Above it, it wakes
#: threads that, on a busy 2-core machine with one hashing worker per core, cost ~8x
#: the product itself (1.2 ms instead of 0.13 ms measured for one image).
_ONE_THREAD_MNK = 1 << 18


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in row slices small enough for BLAS to stay on this thread."""
    per = max(1, _ONE_THREAD_MNK // (a.shape[1] * b.shape[1]))
    if per >= len(a):
        return a @ b
    return np.concatenate([a[i : i + per] @ b for i in range(0, len(a), per)])


def _bits_hex(coefficients: np.ndarray) -> list[str]:
    """(n, 256) DCT coefficients -> PDQ hex: bit i*16+j is coefficient (i, j) above
    the median (the reference's lower median of 256), bit 255 first."""
    median = np.partition(coefficients, 127, axis=1)[:, 127:128]
    packed = np.packbits(coefficients[:, ::-1] > median, axis=1)
    return [row.tobytes().hex() for row in packed]


def _quality(buffer64: np.ndarray) -> int:
    """The reference's quality: significant gradients of the 64x64 image, 0-100."""
    dy = np.trunc((buffer64[:-1, :] - buffer64[1:, :]) * 100 / 255)
    dx = np.trunc((buffer64[:, :-1] - buffer64[:, 1:]) * 100 / 255)
    return min(100, int(np.abs(dy).sum() + np.abs(dx).sum()) // 90)


def _pdq_with_windows(luma: np.ndarray, rules: ImageRules) -> tuple[str, int, tuple[str, ...]]:
    """Full-frame PDQ, its quality, and the PDQ of every crop window (each scale,
    offsets every ``window_step``), all from one luminance array."""
    height, width = luma.shape
    rows, sample_cols, per_scale = _plan(height, width, rules.window_scales, rules.window_step)
    top = _product(rows, luma)  # every row matrix at once
    buffer64 = _product(top[:64], sample_cols)
    d = _dct16()
    full = _bits_hex((d @ buffer64 @ d.T).reshape(1, 256))[0]
    blocks = []
    for at, k, cols in per_scale:
        grid = _product(top[at : at + 16 * k], cols).reshape(k, 16, k, 16)
        # window (x offset i, y offset j), x outer as before
        blocks.append(grid.transpose(2, 0, 1, 3).reshape(k * k, 256))
    windows = _bits_hex(np.concatenate(blocks)) if blocks else []
    return full, _quality(buffer64.astype(np.float64)), tuple(windows)


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


@cache
def _flip_masks(radius: int) -> np.ndarray:
    """Every 16-bit band value at Hamming distance <= radius from 0."""
    masks = [0]
    for r in range(1, radius + 1):
        masks += [sum(1 << b for b in bits) for bits in combinations(range(_BAND_BITS), r)]
    return np.array(masks, dtype=np.uint16)


def _as_bands(hexes: list[str]) -> np.ndarray:
    """Hex hashes -> (n, bytes) uint8, viewable as big-endian 16-bit bands."""
    if not hexes:
        return np.zeros((0, 32), dtype=np.uint8)
    return np.frombuffer(b"".join(bytes.fromhex(h) for h in hexes), dtype=np.uint8).reshape(
        len(hexes), -1
    )


def _sorted_bands(index: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per band: index rows ordered by the band's value, and those values."""
    ib = index.view(">u2")
    out = []
    for band in range(ib.shape[1]):
        order = np.argsort(ib[:, band], kind="stable")
        out.append((order, ib[order, band]))
    return out


def _probe(
    bands: list[tuple[np.ndarray, np.ndarray]], queries: np.ndarray, radius: int
) -> np.ndarray:
    """(query row, index row) pairs sharing some band within ``radius`` bits."""
    qb = queries.view(">u2")
    found = []
    for band, (order, values) in enumerate(bands):
        for mask in _flip_masks(radius):
            probe = qb[:, band] ^ mask
            lo = np.searchsorted(values, probe, "left")
            count = np.searchsorted(values, probe, "right") - lo
            total = int(count.sum())
            if not total:
                continue
            q = np.repeat(np.arange(len(qb)), count)
            within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            found.append(np.stack([q, order[np.repeat(lo, count) + within]], axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    n = max(1, len(bands[0][0]))
    codes = np.sort(pairs[:, 0] * n + pairs[:, 1])
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    return np.stack([codes // n, codes % n], axis=1)


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a ^ b).sum(axis=1, dtype=np.int64)


def close_pairs(
    index: list[tuple[str, str]],
    queries: list[tuple[str, str]],
    max_distance: int,
    radius: int,
    chunk: int = 4096,
) -> dict[tuple[str, str], int]:
    """Key pairs (a < b) with some query hash of one within ``max_distance`` bits
    of some index hash of the other, with their smallest distance.

    Multi-index hashing: each hash is cut into 16-bit bands. Two hashes within
    ``d`` bits have some band within ``d // bands`` bits (pigeonhole), so probing
    every band's neighbours up to ``radius = d // bands`` finds every pair without
    comparing all pairs; a smaller ``radius`` is faster and finds most of them.
    """
    ix, qx = _as_bands([h for _, h in index]), _as_bands([h for _, h in queries])
    best: dict[tuple[str, str], int] = {}
    if not len(ix):
        return best
    bands = _sorted_bands(ix)
    for start in range(0, len(qx), chunk):  # bounded memory for the candidate lists
        pairs = _probe(bands, qx[start : start + chunk], radius)
        if not len(pairs):
            continue
        dist = _distances(qx[start + pairs[:, 0]], ix[pairs[:, 1]])
        close = dist <= max_distance
        for (q, i), d in zip(pairs[close].tolist(), dist[close].tolist(), strict=True):
            a, b = queries[start + q][0], index[i][0]
            key = (a, b) if a < b else (b, a)
            if a != b and d < best.get(key, 1 << 30):
                best[key] = d
    return best


def near_duplicate_pairs(
    hashes: Mapping[str, ImageHashes],
    max_distance: int | None = None,
    *,
    min_quality: int | None = None,
) -> list[tuple[str, str, int]]:
    """Near-identical images ``(sha_a, sha_b, pdq_distance)`` with ``sha_a < sha_b``.

    Two channels, both multi-index (no all-pairs step): full frame against full
    frame, exact for every pair within ``max_distance`` (default
    ``pdq_max_distance`` in ``images.yaml``: measured re-posts stay below it,
    different pictures far above); and full frame against the other image's crop
    windows, for re-posts cut by up to 10 %, probed at band radius 0 (most such
    pairs, at a cost that stays small). Images with PDQ quality under
    ``min_quality`` (flat, blank, tiny) are left out: they all look alike.
    """
    rules = image_rules()
    limit = rules.pdq_max_distance if max_distance is None else max_distance
    floor = rules.pdq_min_quality if min_quality is None else min_quality
    good = {sha: h for sha, h in sorted(hashes.items()) if h.pdq_quality >= floor}
    full = [(sha, h.pdq) for sha, h in good.items()]
    bands = 256 // _BAND_BITS
    best = close_pairs(full, full, limit, min(_FULL_RADIUS, limit // bands))
    windows = [(sha, w) for sha, h in good.items() for w in h.pdq_windows]
    for key, d in close_pairs(windows, full, limit, 0).items():
        if d < best.get(key, 1 << 30):
            best[key] = d
    return sorted((a, b, d) for (a, b), d in best.items())


def hub_images(
    image_to_docs: Mapping[str, set[int]],
    total_docs: int,
    *,
    doc_group: Mapping[int, object] | None = None,
    share: float | None = None,
    min_docs: int | None = None,
    max_docs: int | None = None,
    max_groups: int | None = None,
) -> set[str]:
    """Images that are furniture, not evidence: site logos, "photo verified"
    badges, placeholders. Such an image links nothing.

    An image is a hub when it is on ``max_docs`` documents or more; or on at least
    ``min_docs`` and more than ``share`` of all documents; or — when ``doc_group``
    says which group each document already belongs to (e.g. the person or actor
    its selectors link it to) — on documents of more than ``max_groups`` different
    groups: one woman's photo re-posted stays within a few groups, a stock picture
    spreads across unrelated ones. Defaults are in ``images.yaml``.
    """
    rules = image_rules()
    share = rules.hub_share if share is None else share
    min_docs = rules.hub_min_docs if min_docs is None else min_docs
    max_docs = rules.hub_max_docs if max_docs is None else max_docs
    max_groups = rules.hub_max_groups if max_groups is None else max_groups
    hubs = set()
    for sha, docs in image_to_docs.items():
        n = len(docs)
        if n >= max_docs or (n >= min_docs and total_docs and n / total_docs > share):
            hubs.add(sha)
        elif doc_group is not None and n >= min_docs:
            groups = {doc_group.get(d, ("doc", d)) for d in docs}
            if len(groups) > max_groups:
                hubs.add(sha)
    return hubs
