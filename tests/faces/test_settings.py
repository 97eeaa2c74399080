"""thresholds.yaml is complete, consistent and carries its measurements."""

from __future__ import annotations

import pytest

from threadline.faces import settings


def test_match_is_stricter_than_candidate_and_measured():
    t = settings.thresholds("dlib-resnet-v1")
    assert 0 < t.match < t.candidate < 1.0
    assert {"false_match_rate", "false_non_match_rate", "genuine_pairs", "impostor_pairs"} <= set(
        t.measured)


@pytest.mark.parametrize(("distance", "verdict"), [(0.1, "match"), (0.7, None)])
def test_verdict(distance, verdict):
    assert settings.thresholds("dlib-resnet-v1").verdict(distance) == verdict


def test_unknown_backend_has_no_borrowed_threshold():
    with pytest.raises(KeyError):
        settings.thresholds("onnx:someone-elses-model")


def test_detection_settings():
    d = settings.detection()
    assert d.detect_side <= d.work_side and 0 < d.min_hog_score < 1 and d.min_face_px >= 20
