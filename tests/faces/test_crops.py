"""Re-cropped, rotated and mirrored re-posts of a photo are recognised."""

from __future__ import annotations

import itertools

import pytest
from PIL import Image, ImageOps

from threadline.faces.crops import photo_match, same_photo

from .conftest import PEOPLE, fixture_bytes, fixture_image, jpeg


def _border(im: Image.Image) -> Image.Image:
    return ImageOps.expand(im, border=im.width // 12, fill="white")


def _rotate_crop(im: Image.Image) -> Image.Image:
    w, h = im.size
    return im.rotate(5, resample=Image.Resampling.BILINEAR).crop(
        (w // 20, h // 20, w - w // 20, h - h // 20))


EDITS = {
    "crop 10% centred": lambda im: im.crop((im.width // 20, im.height // 20,
                                            im.width * 19 // 20, im.height * 19 // 20)),
    "crop 10% one side": lambda im: im.crop((im.width // 10, 0, im.width, im.height)),
    "crop 10% corner": lambda im: im.crop((0, im.height // 10, im.width * 9 // 10, im.height)),
    "rotate 5° + crop": _rotate_crop,
    "mirror": ImageOps.mirror,
    "white border": _border,
    "half size, JPEG q40": lambda im: im.resize((im.width // 2, im.height // 2)),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("name", ["obama", "astronaut"])
def test_edited_copy_is_the_same_photo(name, edit):
    edited = jpeg(EDITS[edit](fixture_image(name)), quality=40)
    assert same_photo(fixture_bytes(name), edited)
    assert same_photo(edited, fixture_bytes(name))


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(PEOPLE, 2)))
def test_different_photos_are_not(a, b):
    match = photo_match(fixture_bytes(a), fixture_bytes(b))
    assert not match.same and match.bits >= 16
