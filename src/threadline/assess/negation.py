"""Negated wordings: "sin agencia" is not an agency; "no menores" advertises no minor.

Independent workers often write what they are not ("no agency, no receptionist,
I answer myself"). A catalogue indicator marked ``negatable`` is dropped when a
negation word of the document's language (``negation.yaml``) stands a few words
before its wording in the same clause. Works on the folded text (same offsets as
the original).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from threadline.folding import fold

_CLAUSE_BREAK = re.compile(r"[.;:!?|\n]")
#: Words, an apostrophe kept on the word it ends ("d'agence" -> "d'", "agence").
_TOKEN = re.compile(r"[^\W_]+'?")
_LOOKBACK = 60


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


@cache
def _data() -> dict:
    return yaml.safe_load(
        (resources.files("threadline.assess") / "negation.yaml").read_text("utf-8"))


@cache
def _rules() -> tuple[int, dict[str | None, frozenset[tuple[str, ...]]]]:
    raw = _data()
    by_lang: dict[str | None, frozenset[tuple[str, ...]]] = {
        lang: frozenset(_tokens(fold(str(w))) for w in words)
        for lang, words in raw["words"].items()
    }
    by_lang[None] = frozenset().union(*by_lang.values())
    return int(raw["window"]), by_lang


def negated(folded: str, start: int, language: str | None = None) -> bool:
    """True when a negation word precedes ``folded[start:]`` within the window, in the
    same clause."""
    window, by_lang = _rules()
    cues = by_lang.get(language) or by_lang[None]
    lead = folded[max(0, start - _LOOKBACK):start]
    breaks = list(_CLAUSE_BREAK.finditer(lead))
    if breaks:
        lead = lead[breaks[-1].end():]
    words = _tokens(lead)[-window - 1:]
    return any(tuple(words[i:i + size]) in cues
               for i in range(len(words)) for size in (1, 2))


@cache
def _disclaimer_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = _data()["disclaimer"]
    gap = int(raw["gap"])

    def alternation(words: list[str]) -> str:
        folded = sorted({fold(str(w)) for w in words}, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded)

    before = re.compile(rf"\b(?:{alternation(raw['before'])})\b[^.!?\n]{{0,{gap}}}$")
    after = re.compile(rf"[^.!?\n]{{0,{gap}}}\b(?:{alternation(raw['after'])})")
    return before, after


def disclaimer(folded: str, start: int, end: int) -> bool:
    """A minor-coded phrase inside a prohibition ("no menores", "interdit aux mineurs",
    "menores abstenerse"): a site's or advertiser's disclaimer, the opposite of
    advertising a minor. Any language's words count: disclaimers are often boilerplate
    in the site's language, not the ad's."""
    before, after = _disclaimer_rules()
    return bool(before.search(folded, max(0, start - 30), start) or after.match(folded, end))
