"""Cue-word lists shared by the ages, prices and names extractors.

Kept as data (``data/cues.yaml``) so an analyst can add a language's phrasing
without touching code; loaded once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).parent / "data" / "cues.yaml"


@cache
def cues() -> dict[str, Any]:
    """The parsed cue file (cached: extraction runs per document)."""
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def alternation(words: list[str]) -> str:
    """A regex alternation, longest first so "años de" beats "años"."""
    return "|".join(sorted(words, key=len, reverse=True))
