"""Stated nationality or origin ("venezolana", "Nigerianerin", "braziliaanse").

Stated ethnicity/nationality is one of the four predictors of a trafficking case
outcome in the largest validated study (see assess/indicators/validated.yaml); the
assessor's own wording patterns cover common phrasings, and this reader adds every
nationality word of ``data/cues.yaml`` ``demonyms`` as a ``nationality`` attribute
(value: ISO country code) so no language's word form is missing. Words that also
name a language ("russian", "español", "thai" as in Thai massage) are skipped:
"speaks Russian" is no origin.
"""

from __future__ import annotations

import re
from functools import cache

from threadline.extract.cues import cues
from threadline.folding import fold
from threadline.model import Attribute


@cache
def _reader() -> tuple[re.Pattern[str], dict[str, str]]:
    c = cues()
    skip = {fold(str(w)) for w in c["nationality_skip"]}
    code_of = {fold(str(w)): str(code) for code, words in c["demonyms"].items()
               for w in words if fold(str(w)) not in skip}
    words = sorted(code_of, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W\d_])"), code_of


def find_nationalities(text: str) -> list[Attribute]:
    """``nationality`` attributes (ISO code, span) for the origin words in ``text``."""
    rx, code_of = _reader()
    folded = fold(text)  # one character for one: spans are the text's
    return [Attribute("nationality", code_of[m.group()], m.start(), m.end(),
                      {"word": text[m.start():m.end()]}) for m in rx.finditer(folded)]
