"""Is this ad photo a re-crop, rotation or mirror of that one?

Perceptual hashes (PDQ, pHash) survive resizing and recompression but miss a
10 % re-crop or a 5° rotation (measured: pHash 13–20 bits apart, unrelated
photos ≥ 26). Re-posters crop out watermarks and rotate to dodge exact-match
filters, so we hash many plausible crops/rotations/mirrors of each photo and
compare them against the other photo's plain hash, in both directions, keeping
the closest pair. That is ~30 hashes per photo: use it as a second stage on
candidate pairs, not on every pair of a large collection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageOps

from threadline.faces.detect import decode_rgb
from threadline.settings import LIMITS, Limits

#: Hamming distance (of 64 bits) at or under which two photos are the same picture.
SAME_PHOTO_MAX_BITS = 10
_THUMB = 256
_CROPS = (0.05, 0.10, 0.15, 0.20)
_ANCHORS = ("centre", "left", "right", "top", "bottom", "top-left", "top-right",
            "bottom-left", "bottom-right")
_ANGLES = (-8.0, -5.0, -3.0, 3.0, 5.0, 8.0)


@dataclass(frozen=True, slots=True)
class PhotoMatch:
    """Closest pair found: ``bits`` apart (0..64), and which variant gave it."""

    bits: int
    variant: str

    @property
    def same(self) -> bool:
        return self.bits <= SAME_PHOTO_MAX_BITS


@cache
def _dct_matrix(n: int = 32) -> np.ndarray:
    k = np.arange(n)
    m = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n)) * np.sqrt(2 / n)
    m[0] /= np.sqrt(2)
    return m


def phash(gray: Image.Image) -> np.ndarray:
    """64-bit DCT hash (the classic pHash) of a grayscale image, as 64 booleans."""
    small = np.asarray(gray.resize((32, 32), Image.Resampling.LANCZOS), dtype=np.float64)
    d = _dct_matrix()
    low = (d @ small @ d.T)[:8, :8].reshape(-1)
    return low > np.median(low[1:])


def _crop(im: Image.Image, frac: float, anchor: str) -> Image.Image:
    w, h = im.size
    dx, dy = int(w * frac), int(h * frac)
    boxes = {
        "centre": (dx // 2, dy // 2, w - dx // 2, h - dy // 2),
        "left": (dx, 0, w, h), "right": (0, 0, w - dx, h),
        "top": (0, dy, w, h), "bottom": (0, 0, w, h - dy),
        "top-left": (dx, dy, w, h), "top-right": (0, dy, w - dx, h),
        "bottom-left": (dx, 0, w, h - dy), "bottom-right": (0, 0, w - dx, h - dy),
    }
    return im.crop(boxes[anchor])


def variants(gray: Image.Image) -> dict[str, np.ndarray]:
    """Hashes of the photo itself, its mirror, crops and small rotations."""
    out = {"original": phash(gray), "mirror": phash(ImageOps.mirror(gray))}
    for frac in _CROPS:
        for anchor in _ANCHORS:
            out[f"crop {frac:.0%} {anchor}"] = phash(_crop(gray, frac, anchor))
    for angle in _ANGLES:
        rotated = gray.rotate(angle, resample=Image.Resampling.BILINEAR)
        # drop the black corners a rotation brings in
        margin = abs(np.sin(np.radians(angle))) * 1.1
        out[f"rotate {angle:+.0f}°"] = phash(_crop(rotated, margin, "centre"))
    return out


def _gray(data: bytes, limits: Limits) -> Image.Image:
    rgb, _ = decode_rgb(data, limits, max_side=_THUMB, source="photo")
    return Image.fromarray(rgb).convert("L")


def photo_match(a: bytes, b: bytes, limits: Limits = LIMITS) -> PhotoMatch:
    """Closest hash distance between variants of each photo and the other photo."""
    ga, gb = _gray(a, limits), _gray(b, limits)
    best = PhotoMatch(65, "")
    for base, other, label in ((phash(gb), variants(ga), "a"), (phash(ga), variants(gb), "b")):
        for name, h in other.items():
            bits = int(np.count_nonzero(h != base))
            if bits < best.bits:
                best = PhotoMatch(bits, f"{name} of {label}")
    return best


def same_photo(a: bytes, b: bytes, limits: Limits = LIMITS) -> bool:
    """True when ``b`` looks like a crop/rotation/mirror/re-encode of ``a`` (or back)."""
    return photo_match(a, b, limits).same

