"""The fast paths give exactly what a plain ``finditer`` over the whole text gives."""

from __future__ import annotations

import pytest

from threadline.extract import phones, places
from threadline.extract.scan import caseless_ok, finditer_at, literal_head, occurrences

TEXTS = [
    "Ref 20241119001. Disponible desde el 19/11/2024, 1h 150€, media hora 80 euros.",
    "Llámame 612 345 678 o seis uno dos tres cuatro cinco seis siete ocho. nº 12345678",
    "kebab 5, page 12, dollars 50, USD 40, £40, ab 60, from 100 #12345678 N° 5",
    "6o2 l23 456 | ①②③④⑤⑥⑦⑧⑨ 6️⃣1️⃣2️⃣ +34 612 345 678 ٦١٢٣٤٥٦٧٨ 6🔥1🔥2 345 678",
    "Las Palmas de Gran Canaria, 's-Gravenhage, St. Gallen, MÁLAGA, nice Nice, Bogota D.C.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_blockers_at_candidates_equal_full_scan(text):
    low = text.lower()
    assert caseless_ok(text, low)
    for lo, hi in ((0, len(text)), (3, max(3, len(text) - 5))):
        full = [m.span() for m in phones._BLOCKERS.finditer(text, lo, hi)]
        assert phones._blocked_spans(text, lo, hi, low) == full


@pytest.mark.parametrize("text", TEXTS)
def test_unit_scan_equals_original_regexes(text):
    units = [(m.start(), m.end()) for m in phones._unit_re(False).finditer(text)]
    assert [(m.start(), m.end()) for m in phones._unit_matches(text)] == units
    words = [m.span() for m in phones._word_re().finditer(text.lower())]
    found = [(u.start, u.end) for u in phones._units(text) if u.kind == "word"]
    assert found == [s for s in words if phones._split_words(text.lower()[slice(*s)])]


@pytest.mark.parametrize("text", TEXTS)
def test_city_candidates_equal_full_scan(text):
    pattern = places._gazetteer()[1]
    full = [(m.start(), m.end(), m.group()) for m in pattern.finditer(places.fold(text))]
    assert places._matches(text) == full


def test_special_case_letters_disable_the_shortcut():
    assert not caseless_ok("ſnap: anna", "ſnap: anna")  # long s matches "s" under IGNORECASE
    assert not caseless_ok("İ", "İ".lower())  # grows when lower-cased
    assert caseless_ok("Málaga 💋", "málaga 💋")


def test_finditer_at_skips_inside_previous_match():
    import re

    rx = re.compile(r"ab+|b")
    text = "abbb b"
    got = [m.span() for m in finditer_at(rx, text, occurrences(text, ("a", "b")))]
    assert got == [m.span() for m in rx.finditer(text)] == [(0, 4), (5, 6)]


@pytest.mark.parametrize(
    ("rx", "head"),
    [("y\\.o\\.", "y.o."), ("1\\s*h", "1"), ("ab?", "a"), ("R\\$", "r$"), ("a|b", "")],
)
def test_literal_head(rx, head):
    assert literal_head(rx) == head
