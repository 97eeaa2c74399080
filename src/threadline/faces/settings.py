"""The face pipeline's thresholds, read once from ``thresholds.yaml``.

Why a data file: the match and candidate distances are measured, not guessed,
and must be re-tuned when the model or the population changes; keeping them
(with the rates they were measured at) in YAML lets an operator see and change
them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Detection:
    detect_side: int
    work_side: int
    upsample: int
    min_hog_score: float
    min_face_px: int


@dataclass(frozen=True, slots=True)
class MatchThresholds:
    """``match``: distance at or below which two faces are reported as the same
    person (still a lead for a human); ``candidate``: looser, shown for review."""

    match: float
    candidate: float
    measured: dict[str, Any]

    def verdict(self, distance: float) -> str | None:
        """'match', 'candidate' or None for a distance."""
        if distance <= self.match:
            return "match"
        if distance <= self.candidate:
            return "candidate"
        return None


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("threadline.faces").joinpath("thresholds.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def detection() -> Detection:
    """Detection settings (sizes, HOG score floor, minimum face to embed)."""
    return Detection(**_raw()["detection"])


def thresholds(backend_name: str) -> MatchThresholds:
    """Match thresholds for one embedding backend; KeyError if never measured,
    because a threshold borrowed from another model is meaningless."""
    entry = _raw()["backends"][backend_name]
    return MatchThresholds(entry["match"], entry["candidate"], dict(entry.get("measured") or {}))


def minor_below() -> float:
    """Apparent age under which a face gets a 'needs review' cue."""
    return float(_raw()["age"]["minor_below"])
