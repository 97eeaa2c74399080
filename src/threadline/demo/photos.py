"""Synthetic, text-free pictures standing in for the photos ads show.

Image linking is tested on exact and near-duplicate reuse, so each person gets
a recognisable palette and figure, and :func:`variant` makes the edits
networks apply when they repost (resize, small crop, recompression,
brightness). A later faces module replaces :func:`person_photo` with real face
crops when a face source is installed; keep the signature.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageEnhance

PHOTO_SIZE = (320, 400)
JPEG_QUALITY = 80
VARIANT_KINDS: tuple[str, ...] = ("resize", "crop", "recompress", "brightness")


def _palette(key: str) -> list[tuple[int, int, int]]:
    digest = hashlib.sha256(key.encode()).digest()
    return [(digest[i], digest[i + 1], digest[i + 2]) for i in range(0, 15, 3)]


@functools.cache
def _gradient(angle: int) -> Image.Image:
    """A grey ramp used as the blend mask of backgrounds (computed once per angle)."""
    return Image.linear_gradient("L").rotate(angle).resize(PHOTO_SIZE)


def person_photo(person_key: str, index: int, rng: random.Random) -> Image.Image:
    """A distinct portrait-shaped picture: the person's palette, a figure posed per index,
    and a busy background of its own (real photos of different people are far apart in
    perceptual-hash space; plain look-alike backgrounds would make false image links)."""
    width, height = PHOTO_SIZE
    colours = _palette(person_key)
    mask = _gradient(rng.choice((0, 90, 180, 270)))
    img = Image.composite(Image.new("RGB", PHOTO_SIZE, colours[0]),
                          Image.new("RGB", PHOTO_SIZE, colours[1]), mask)
    draw = ImageDraw.Draw(img)
    for _ in range(10 + index % 3 + rng.randrange(8)):
        x, y = rng.randrange(width), rng.randrange(height)
        rx, ry = rng.randrange(10, 90), rng.randrange(10, 90)
        fill = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - rx, y - ry, x + rx, y + ry), fill=fill)
    for _ in range(rng.randrange(2, 6)):
        draw.line([(rng.randrange(width), rng.randrange(height)) for _ in range(3)],
                  fill=tuple(rng.randrange(256) for _ in range(3)), width=rng.randrange(3, 12))
    cx = width // 2 + rng.randrange(-80, 81)
    top = height // 4 + rng.randrange(-40, 41)
    head, body = rng.randrange(30, 60), rng.randrange(55, 100)
    draw.ellipse((cx - head, top - head - 10, cx + head, top + head + 10), fill=colours[3])
    draw.rounded_rectangle((cx - body, top + head + 5, cx + body, height + 20), radius=40,
                           fill=colours[4])
    return img


def encode(img: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def variant(img: Image.Image, kind: str, rng: random.Random) -> bytes:
    """JPEG bytes of ``img`` edited the way reposted photos are: resized, cropped by at
    most 10 % of each side, recompressed at another quality, or brightness-shifted."""
    if kind == "resize":
        factor = rng.uniform(0.6, 0.9)
        size = (max(1, int(img.width * factor)), max(1, int(img.height * factor)))
        return encode(img.resize(size, Image.Resampling.BILINEAR))
    if kind == "crop":
        dx = int(img.width * rng.uniform(0.02, 0.10))
        dy = int(img.height * rng.uniform(0.02, 0.10))
        left, top = rng.randrange(dx + 1), rng.randrange(dy + 1)
        box = (left, top, img.width - (dx - left), img.height - (dy - top))
        return encode(img.crop(box))
    if kind == "recompress":
        return encode(img, quality=rng.randrange(45, 70))
    if kind == "brightness":
        return encode(ImageEnhance.Brightness(img).enhance(rng.choice((0.8, 0.9, 1.1, 1.2))))
    raise ValueError(f"unknown variant kind {kind!r}")


def site_logo(domain: str) -> bytes:
    """A site's logo (PNG): the same bytes on every page of the site, i.e. a hub image."""
    colours = _palette(domain)
    img = Image.new("RGB", (160, 48), colours[0])
    draw = ImageDraw.Draw(img)
    draw.ellipse((6, 6, 42, 42), fill=colours[1])
    draw.rectangle((54, 16, 150, 32), fill=colours[2])
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


class PhotoPool:
    """Draws each person's photo set once, within a budget of drawn pictures.

    Drawing and encoding costs milliseconds, so a 100 000-document corpus cannot
    give every person fresh pictures; past ``max_drawn`` base pictures a person
    borrows an already drawn set (recorded in the labels, so the sharing is known).
    Persons created first (network members) therefore always get their own photos.
    The budget covers every person of the corpora the evaluations use (up to about
    5,000 documents): borrowed sets put one picture on several women, which is a
    planted stolen-photo link the person and risk figures would otherwise measure.
    """

    def __init__(self, seed: int, max_drawn: int = 5000) -> None:
        self.seed = seed
        self.max_drawn = max_drawn
        self.drawn = 0
        self._sets: list[list[Photo]] = []

    def photo_set(self, person_key: str, bases: int, variants: int, rng: random.Random) -> list[Photo]:
        if self.drawn + bases > self.max_drawn and self._sets:
            return list(rng.choice(self._sets))
        photos: list[Photo] = []
        for index in range(bases):
            local = random.Random(f"{self.seed}:{person_key}:{index}")
            img = person_photo(person_key, index, local)
            photos.append(Photo.of(encode(img)))
            for kind in local.sample(VARIANT_KINDS, variants):
                photos.append(Photo.of(variant(img, kind, local)))
        self.drawn += bases
        self._sets.append(photos)
        return photos


class Photo:
    """Encoded picture bytes and their SHA-256 (the evidence identity)."""

    __slots__ = ("data", "sha256")

    def __init__(self, data: bytes, sha256: str) -> None:
        self.data = data
        self.sha256 = sha256

    @classmethod
    def of(cls, data: bytes) -> Photo:
        return cls(data, hashlib.sha256(data).hexdigest())
