"""Apparent age is a triage cue only."""

from __future__ import annotations

import pytest

from threadline.faces import settings
from threadline.faces.age import minor_cue
from threadline.faces.detect import analyse_image

from .conftest import fixture_bytes


@pytest.mark.parametrize(("name", "low", "high"), [("obama", 35, 65), ("biden", 55, 85),
                                                   ("astronaut", 20, 50)])
def test_adult_ages_are_plausible_and_raise_no_cue(backend, age_model, name, low, high):
    face = analyse_image(fixture_bytes(name), backend, age=age_model)[0]
    assert low <= face.age <= high
    assert minor_cue(face.age) is None


@pytest.mark.parametrize(("age", "cue"), [(None, False), (12.0, True), (17.9, True),
                                          (21.0, True), (23.0, False), (40.0, False)])
def test_minor_cue_below_documented_margin(age, cue):
    signal = minor_cue(age)
    assert (signal is not None) is cue
    if signal:
        assert signal.indicator == "image.apparent_minor" and signal.category == "minor"
        assert signal.detail["estimated_age"] == age and signal.detail["needs_review"] is True
        assert signal.contribution == 0.0


def test_margin_comes_from_data_file():
    assert settings.minor_below() > 18
    assert minor_cue(19.0, below=18.0) is None
