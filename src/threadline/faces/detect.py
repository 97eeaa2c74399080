"""From image bytes to faces: safe decode, detect, judge quality, embed.

Ad images are supplied by adversaries, so the pixel count is checked from the
header before anything is decoded (a 60000×60000 PNG is a few hundred bytes
and would need 10 GB decoded). Detection runs on a downscaled copy because HOG
cost grows with pixels and the ads' faces are large; embeddings are computed
on a bigger working copy because a 150 px chip from a tiny copy loses detail.
"""

from __future__ import annotations

import io
import warnings
from typing import Protocol

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from threadline.errors import IngestError, LimitExceeded
from threadline.faces import settings
from threadline.faces.backend import Box, Face, FaceBackend
from threadline.settings import LIMITS, Limits


class AgeModel(Protocol):
    def estimate(self, rgb: np.ndarray, box: Box) -> float: ...


def image_size(data: bytes, source: str = "image") -> tuple[int, int]:
    """(width, height) read from the header only; refuses files PIL can't identify."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                return im.size
    except Image.DecompressionBombError as exc:
        raise LimitExceeded(source, "header", f"image bomb: {exc}") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise IngestError(source, "header", f"unreadable image: {exc}") from exc


def decode_rgb(
    data: bytes, limits: Limits = LIMITS, max_side: int | None = None, source: str = "image"
) -> tuple[np.ndarray, float]:
    """Decode to an EXIF-oriented RGB array, at most ``max_side`` on its longest side.

    Returns the array and the factor that maps its pixels back to the original
    (oriented) image, so boxes can be reported in original coordinates.
    Raises LimitExceeded before decoding when the bytes or pixels are over limits.
    """
    if len(data) > limits.max_image_bytes:
        raise LimitExceeded(source, "bytes", f"{len(data)} bytes > {limits.max_image_bytes}")
    width, height = image_size(data, source)
    if width * height > limits.max_image_pixels:
        raise LimitExceeded(
            source, "header", f"{width}×{height} px > max_image_pixels {limits.max_image_pixels}"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            if max_side and im.format == "JPEG":
                im.draft("RGB", (max_side, max_side))  # DCT scaling: decode at 1/2, 1/4, 1/8
            im.load()
            im = ImageOps.exif_transpose(im)
            im = im.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise IngestError(source, "decode", f"unreadable image: {exc}") from exc
    original_long = max(width, height)  # exif rotation keeps the longest side
    if max_side and max(im.size) > max_side:
        im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return np.asarray(im), original_long / max(im.size)


def laplacian_variance(gray: np.ndarray) -> float:
    """Sharpness: variance of the 4-neighbour Laplacian (low means blurred)."""
    g = gray.astype(np.float32)
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4 * g[1:-1, 1:-1]
    return float(lap.var()) if lap.size else 0.0


def face_quality(rgb: np.ndarray, box: Box, width_px: float,
                 landmarks: np.ndarray | None) -> float:
    """0..1 trust in a face for matching, from size, sharpness and frontal pose.

    size: 0 at 20 px wide (original pixels), 1 from 100 px; sharpness: Laplacian
    variance of the face resized to 64×64, 1 from 150; pose: how far the nose
    sits from the midpoint between the eyes, relative to the eye distance (0 for
    frontal, 0.5 for a turned face → score 0). Geometric mix so any weak part shows.
    """
    size = float(np.clip((width_px - 20) / 80, 0, 1))
    left, top, right, bottom = (max(0, v) for v in box)
    crop = rgb[top:bottom, left:right]
    if crop.size == 0:
        return 0.0
    gray = np.asarray(Image.fromarray(crop).convert("L").resize((64, 64)))
    sharp = float(np.clip(laplacian_variance(gray) / 150, 0, 1))
    pose = 1.0
    if landmarks is not None and len(landmarks) == 5:
        eye_a, eye_b, nose = landmarks[0:2].mean(0), landmarks[2:4].mean(0), landmarks[4]
        eye_dist = float(np.linalg.norm(eye_a - eye_b)) or 1.0
        offset = abs(float(nose[0] - (eye_a[0] + eye_b[0]) / 2)) / eye_dist
        pose = float(np.clip(1 - 2 * offset, 0, 1))
    return round(size**0.4 * max(sharp, 1e-3) ** 0.3 * max(pose, 1e-3) ** 0.3, 3)


def _scale(box: Box, factor: float, shape: tuple[int, ...]) -> Box:
    h, w = shape[:2]
    left, top, right, bottom = (int(round(v * factor)) for v in box)
    return (max(0, left), max(0, top), min(w, right), min(h, bottom))


def analyse_image(
    data: bytes,
    backend: FaceBackend,
    limits: Limits = LIMITS,
    age: AgeModel | None = None,
    source: str = "image",
) -> list[Face]:
    """Faces in an image, boxes in original (EXIF-oriented) pixels.

    Faces under ``min_face_px`` wide keep their box and quality but get no
    embedding: matching them would produce confident-looking noise. Raises
    LimitExceeded for bombs and IngestError for undecodable bytes.
    """
    cfg = settings.detection()
    work, to_original = decode_rgb(data, limits, cfg.work_side, source)
    small = Image.fromarray(work)
    if max(small.size) > cfg.detect_side:
        small.thumbnail((cfg.detect_side, cfg.detect_side), Image.Resampling.BILINEAR)
    to_work = max(work.shape[:2]) / max(small.size)
    faces: list[Face] = []
    for det_box, score in backend.detect(np.asarray(small)):
        if score < cfg.min_hog_score:
            continue
        box = _scale(det_box, to_work, work.shape)
        width_px = (box[2] - box[0]) * to_original
        landmarks_of = getattr(backend, "landmarks", None)
        marks = landmarks_of(work, box) if landmarks_of else None
        quality = face_quality(work, box, width_px, marks)
        face = Face(box=_scale(box, to_original, (10**9, 10**9)), score=round(score, 3),
                    quality=quality)
        if width_px >= cfg.min_face_px:
            face.embedding = backend.embed(work, box)
            if age is not None:
                face.age = age.estimate(work, box)
        faces.append(face)
    return faces
