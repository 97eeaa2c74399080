"""Perceptual hashes: the same photo re-posted on other sites.

Controllers re-use a woman's photos across sites and ads, and each site resizes,
crops and recompresses them, so the SHA-256 of the bytes differs while the
picture does not. PDQ (Meta's 256-bit perceptual hash, ``pdqhash``) survives
those edits; pHash (64-bit, ``ImageHash``) is kept alongside for tools that
speak it. Near-identical images are found by Hamming distance with a
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
from functools import cache
from importlib import resources
from itertools import combinations

import imagehash as phash_lib
import numpy as np
import pdqhash
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
    max_side: int
    window_side: int
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


def _decode(data: bytes, max_pixels: int) -> Image.Image | None:
    """Header first, pixels only when the size is acceptable; None if undecodable."""
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
            img.draft("RGB", (2 * image_rules().max_side, 2 * image_rules().max_side))
            img.load()
    except LimitExceeded:
        raise
    except Image.DecompressionBombError as exc:
        raise LimitExceeded("image", "-", f"refused as a bomb: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None
    return img


def _rgb(img: Image.Image) -> Image.Image:
    """Upright RGB, transparency flattened onto white as a browser shows it."""
    with contextlib.suppress(OSError, ValueError, SyntaxError):  # broken EXIF: pixels as stored
        img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    return img.convert("RGB")


def hash_image(data: bytes, max_pixels: int = LIMITS.max_image_pixels) -> ImageHashes | None:
    """PDQ (with its quality) and pHash of an image's bytes.

    Returns None for bytes that are not a decodable image (reported by the
    caller, never fatal to a batch); raises :class:`LimitExceeded` for images
    over the byte or pixel limits, checked before decoding.
    """
    img = _decode(data, max_pixels)
    if img is None:
        return None
    width, height = img.size
    try:
        img = _rgb(img)
    except (OSError, ValueError, SyntaxError):
        return None
    side = image_rules().max_side
    if max(img.size) > side:
        img.thumbnail((side, side), Image.Resampling.LANCZOS)
    pdq, quality = _pdq(img)
    windows = _windows(img, image_rules())
    return ImageHashes(pdq, quality, str(phash_lib.phash(img)), width, height, windows)


def _pdq(img: Image.Image) -> tuple[str, int]:
    bits, quality = pdqhash.compute(np.asarray(img))
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex(), int(quality)


def _windows(img: Image.Image, rules: ImageRules) -> tuple[str, ...]:
    """PDQ of every window of the grid (each scale, offsets every ``window_step``),
    on a small copy: PDQ looks at 64x64 pixels anyway."""
    small = img.copy()
    small.thumbnail((rules.window_side, rules.window_side), Image.Resampling.BOX)
    w, h = small.size
    out = []
    for scale in rules.window_scales:
        steps = round((1 - scale) / rules.window_step) + 1
        for i in range(steps):
            for j in range(steps):
                x0, y0 = i * rules.window_step * w, j * rules.window_step * h
                box = (round(x0), round(y0), round(x0 + scale * w), round(y0 + scale * h))
                out.append(_pdq(small.crop(box))[0])
    return tuple(out)


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
