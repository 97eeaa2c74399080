"""Stated origin words become ``nationality`` attributes; language names do not."""

from __future__ import annotations

import pytest

from threadline.extract.nationality import find_nationalities


@pytest.mark.parametrize(("text", "codes"), [
    ("Dayerlin, Nigerianerin, 29 Lenze", ["NG"]),
    ("venezolana y colombiana", ["VE", "CO"]),
    ("Peruaanse schoonheid", ["PE"]),
    ("une Brésilienne très douce", ["BR"]),
    ("brasileira, carinhosa", ["BR"]),
    ("sweet Dominican girl", ["DO"]),
])
def test_origin_words_in_six_languages(text, codes):
    found = find_nationalities(text)
    assert [a.value for a in found] == codes
    assert all(text[a.start:a.end].casefold() == str(a.detail["word"]).casefold() for a in found)


@pytest.mark.parametrize("text", ["Speaks Russian and English", "thai massage", "hablo español",
                                  "ich spreche Deutsch"])
def test_language_names_are_no_origin(text):
    assert find_nationalities(text) == []


def test_the_assessor_counts_an_origin_its_patterns_missed_as_stated_nationality():
    from threadline.assess import assess_document
    from threadline.extract import extract
    from threadline.model import Document

    doc = Document(ref="x", source_kind="jsonl", source="t", position="1",
                   text="Servus, heute da: Dayerlin. Dayerlin, Nigerianerin, 29 Lenze.")
    signals = assess_document(doc, extract(doc)).signals
    origin = [s for s in signals if s.indicator == "validated.ethnicity"]
    assert origin and origin[0].span == "Nigerianerin"
