"""The language an ad is written in (ISO 639-1), or None when unclear.

Language picks the cue words for ages, names and indicators and is the last
resort for the phone region. Most ads settle it with a handful of function
words (``data/language.yaml``), which is far cheaper than a model; only the
ambiguous rest goes to lingua, restricted to our six languages, in low-accuracy
mode and on the first few hundred characters, so extraction stays fast.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_DATA = Path(__file__).parent / "data" / "language.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LANGS = {
    Language.ENGLISH: "en",
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
    Language.DUTCH: "nl",
}


@cache
def _config() -> dict[str, Any]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    index: dict[str, list[str]] = {}
    for lang, words in raw["stopwords"].items():
        for w in words:
            index.setdefault(str(w).lower(), []).append(str(lang))
    raw["index"] = index
    return raw


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LANGS).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` among en/es/pt/fr/de/nl, or None if too short."""
    cfg = _config()
    words = _WORD.findall(text.lower())
    if sum(len(w) for w in words) < cfg["min_letters"]:
        return None
    index = cfg["index"]
    counts: dict[str, int] = {}
    for w in words:
        for lang in index.get(w, ()):
            counts[lang] = counts.get(lang, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if ranked:
        top, hits = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if hits >= cfg["min_hits"] and hits >= cfg["margin"] * second:
            return top
    found = _detector().detect_language_of(text[: cfg["max_chars"]])
    return _LANGS.get(found) if found is not None else None
