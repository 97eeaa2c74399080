"""Scoring configuration: thresholds, caps, bonuses and weights as data.

The defaults live in ``thresholds.yaml`` next to this module (with how the flag
threshold was chosen); an analyst's own file can override any key, so a unit
can tighten or loosen the flag without touching code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class RiskConfig:
    threshold: float
    minor_threshold: float
    caps: Mapping[str, float]
    default_cap: float
    bonuses: Mapping[str, float]
    price_ratio: float
    weights: Mapping[str, float] = field(default_factory=dict)
    network_top_k: int = 3
    persons_per_controller: float = 3.0
    network_weights: Mapping[str, float] = field(default_factory=dict)
    #: points and limits of the document-kind decision (see assess/kind.py)
    kind: Mapping[str, Any] = field(default_factory=dict)
    #: groups of minor cues that say the same thing ("a stated age", "youth wording"): only the
    #: strongest cue of a group counts, so two weak cues of one kind never add up to a flag
    minor_groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: weight of a minor-coded word ("colegiala") in an ad whose every stated age is 20+
    coded_words_adult_weight: float = 0.5

    def cap(self, category: str) -> float:
        return float(self.caps.get(category, self.default_cap))

    def weight(self, indicator_id: str, default: float) -> float:
        """The catalogue weight unless the user's file overrides it."""
        return float(self.weights.get(indicator_id, default))


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


@cache
def _default_raw() -> dict[str, Any]:
    text = (resources.files("threadline.assess") / "thresholds.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _from_raw(raw: Mapping[str, Any]) -> RiskConfig:
    network = raw.get("network") or {}
    return RiskConfig(
        threshold=float(raw["threshold"]),
        minor_threshold=float(raw["minor_threshold"]),
        caps={k: float(v) for k, v in (raw.get("caps") or {}).items()},
        default_cap=float(raw.get("default_cap", 0.6)),
        bonuses={k: float(v) for k, v in (raw.get("bonuses") or {}).items()},
        price_ratio=float(raw.get("price_ratio", 0.4)),
        weights={k: float(v) for k, v in (raw.get("weights") or {}).items()},
        network_top_k=int(network.get("top_k", 3)),
        persons_per_controller=float(network.get("persons_per_controller", 3)),
        network_weights={k: float(v) for k, v in (network.get("weights") or {}).items()},
        kind=dict(raw.get("kind") or {}),
        minor_groups={k: frozenset(v) for k, v in (raw.get("minor_groups") or {}).items()},
        coded_words_adult_weight=float(raw.get("coded_words_adult_weight", 0.5)),
    )


@cache
def default_config() -> RiskConfig:
    return _from_raw(_default_raw())


def load_config(path: Path | None = None) -> RiskConfig:
    """The packaged thresholds, with the keys of ``path`` (a YAML file) merged over them."""
    if path is None:
        return default_config()
    override = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(override, Mapping):
        raise ValueError(f"{path}: expected a mapping of settings")
    return _from_raw(_merge(_default_raw(), override))
