"""Stated ages written after a working name."""

import pytest

from threadline.extract.ages import find_ages


@pytest.mark.parametrize(("text", "age", "name"), [
    ("Nerea (18) – Brasilianerin", "18", "Nerea"),
    ("Ioana (16), colombiana", "16", "Ioana"),
    ("Sterre ist 16, eine süße Venezolanerin", "16", "Sterre"),
    ("Yulieth is 18, from Colombia", "18", "Yulieth"),
    ("Hola. Lena, 22, morena", "22", "Lena"),
])
def test_profile_age_after_a_name(text: str, age: str, name: str) -> None:
    found = [a for a in find_ages(text) if a.detail.get("cue") == "named"]
    assert [(a.value, a.detail["name"]) for a in found] == [(age, name)]
    assert text[found[0].start:found[0].end] == age


@pytest.mark.parametrize("text", [
    "Calle Mayor, 23, Madrid", "C/ Mayor, 23.", "Av. Paulista, 25.", "Top 10, the best",
    "The price is 50 €", "Rate is 15 min", "Yulieth is 18.5 cm",
])
def test_not_a_profile_age(text: str) -> None:
    assert not [a for a in find_ages(text) if a.detail.get("cue") == "named"]


def test_names_come_from_profile_ages_but_not_cities_or_nationalities() -> None:
    from threadline.extract import extract
    from threadline.model import Document

    doc = Document(ref="x", source_kind="jsonl", source="t", position="1",
                   text="Neu in Bielefeld: Smilla (23) – Rumänin. Nerea (18). Madrid, 28. "
                        "Venezolanerin (25).")
    x = extract(doc)
    assert [a.value for a in x.attribute("name")] == ["Smilla", "Nerea"]
    assert sorted(a.value for a in x.attribute("age")) == ["18", "23", "25"]


@pytest.mark.parametrize(("text", "age"), [
    ("Yaritza, 18 jr, uit Colombia", "18"), ("Kethlen – Mannheim – 28J", "28"),
    ("Lena 23 J. aus Köln", "23"),
])
def test_abbreviated_year_units(text: str, age: str) -> None:
    assert [a.value for a in find_ages(text)] == [age]
