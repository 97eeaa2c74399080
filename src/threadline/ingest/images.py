"""Accepting image bytes as evidence without ever decoding a hostile one.

Only JPEG, PNG, GIF and WEBP are accepted (by magic bytes, not by name or
declared type). Dimensions are read from the header with Pillow's lazy
``Image.open`` — no pixel is decoded — so a PNG declaring 100000×100000 is
refused before it can eat the analyst's memory.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image

from threadline.errors import IngestError, LimitExceeded
from threadline.settings import Limits

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image_type(data: bytes) -> str | None:
    """The media type the bytes really are, or None if not an accepted image."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_image(data: bytes, source: str, position: str, limits: Limits) -> str:
    """Validate image bytes and return their real media type.

    Raises IngestError for non-images or unreadable headers and LimitExceeded
    for images over ``max_image_bytes`` or ``max_image_pixels``.
    """
    if len(data) > limits.max_image_bytes:
        raise LimitExceeded(
            source, position, f"image is {len(data)} bytes, over the {limits.max_image_bytes} limit"
        )
    media_type = sniff_image_type(data)
    if media_type is None:
        raise IngestError(source, position, "not a JPEG/PNG/GIF/WEBP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # header only; never .load()
                width, height = image.size
    except Image.DecompressionBombError as exc:
        raise LimitExceeded(source, position, f"image bomb refused: {exc}") from None
    except Exception as exc:  # Pillow raises many types for broken headers
        raise IngestError(source, position, f"unreadable image header: {exc}") from None
    if width * height > limits.max_image_pixels:
        raise LimitExceeded(
            source,
            position,
            f"image declares {width}x{height} pixels, over the {limits.max_image_pixels} limit",
        )
    return media_type
