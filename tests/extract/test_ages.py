"""Stated ages: the one reader (the assessor's minor flags use its output), per language."""

import pytest

from threadline.extract.ages import find_ages
from threadline.extract.cues import cues
from threadline.extract.scan import literal_head
from threadline.folding import fold


@pytest.mark.parametrize(("text", "age", "name"), [
    ("Nerea (18) – Brasilianerin", "18", "Nerea"),
    ("Ioana (16), colombiana", "16", "Ioana"),
    ("Sterre ist 16, eine süße Venezolanerin", "16", "Sterre"),
    ("Yulieth is 18, from Colombia", "18", "Yulieth"),
    ("Hola. Lena, 22, morena", "22", "Lena"),
    # a field closed by emoji, a colon or a square bracket
    ("Mia, 19 ✨ Colombian, very sweet", "19", "Mia"),
    ("Lara, 18 🇧🇷 carinhosa", "18", "Lara"),
    ("Inès, 17 💋 douce", "17", "Inès"),
    ("Sanne, 19: Nederlandse meid", "19", "Sanne"),
    ("Mia [19] Colombian", "19", "Mia"),
])
def test_profile_age_after_a_name(text: str, age: str, name: str) -> None:
    found = [a for a in find_ages(text) if a.detail.get("cue") == "named"]
    assert [(a.value, a.detail["name"]) for a in found] == [(age, name)]
    assert text[found[0].start:found[0].end] == age


@pytest.mark.parametrize("text", [
    "Calle Mayor, 23, Madrid", "C/ Mayor, 23.", "Av. Paulista, 25.", "Top 10, the best",
    "The price is 50 €", "Rate is 15 min", "Yulieth is 18.5 cm",
    "Promo, 15 🔥 today only", "Vagas, 16 ✨", "Zimmer, 16 ✨", "Calle Mayor, 19 🏠",
    "Oferta, 15: solo hoy", "Sala [15] masajes",
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


# --- One reader of stated ages: every format, per language ----------------------------

STATED = [
    # es
    ("edad: 17", 17), ("Lucía, 17a, recién llegada", 17), ("Lucía, 17 a. recién llegada", 17),
    ("17 añitos", 17), ("17 primaveras", 17), ("tengo 17 años", 17), ("Tengo 17", 17),
    ("cumplí 17", 17), ("acabo de cumplir 17", 17), ("ella tiene 16, es colombiana", 16),
    ("Tengo diecisiete años", 17), ("tengo dieciséis", 16), ("Tengo dieciséis años", 16), ("solo tengo 17", 17),
    ("Tengo 17 y busco amigo", 17),
    # pt
    ("17 aninhos", 17), ("fiz 17", 17), ("Tenho dezasseis anos", 16), ("tenho dezessete", 17),
    ("ela tem 17", 17), ("idade: 17", 17),
    # en
    ("17yo", 17), ("17 y/o", 17), ("17-year-old", 17), ("17 yrs old", 17), ("age 17", 17),
    ("just turned 17", 17), ("I’m 16", 16), ("she's 17", 17), ("seventeen years old", 17),
    ("I am seventeen", 17), ("a sixteen-year-old", 16),
    # fr
    ("âgée de 17 ans", 17), ("17ans", 17), ("vient d’avoir 17 ans", 17), ("dix-sept ans", 17),
    ("elle a seize ans", 16), ("j'ai 16", 16), ("17 printemps", 17),
    # de
    ("Alter 17", 17), ("Alter: 17", 17), ("17 J.", 17), ("gerade 17 geworden", 17),
    ("Eine 17-jährige aus Köln", 17), ("Ich bin eine 16-Jährige", 16), ("ich bin sechzehn", 16),
    ("Sie ist 16 und lieb", 16), ("17 Lenze", 17), ("siebzehn Jahre alt", 17), ("er ist 17", 17),
    # nl
    ("17jr", 17), ("17 lentes", 17), ("17 jaar oud", 17), ("net 17 geworden", 17),
    ("Een 16-jarige uit Utrecht", 16), ("zeventien jaar", 17), ("ik ben zestien", 16),
    ("ze is 17", 17), ("zij is 16", 16), ("17 jaartjes", 17),
    # any language
    ("17 🎂", 17), ("🎂17", 17), ("🎂 17", 17),
    ("Mia, 19 summers young", 19), ("only 18 springs", 18), ("Mia, 19y, Colombian", 19),
]


@pytest.mark.parametrize(("text", "age"), STATED)
def test_stated_age_formats(text: str, age: int) -> None:
    found = find_ages(text)
    assert [a.value for a in found] == [str(age)]
    assert found[0].detail["minor"] is (age < 18)
    start, end = found[0].start, found[0].end
    assert start is not None and end is not None and text[start:end].strip() == text[start:end]
    if any(ch.isdigit() for ch in text):
        assert text[start:start + len(str(age))] == str(age)


#: Durations, thresholds, requirements, ranges, prices, times, sizes, phone fragments,
#: dates, house numbers and floors written near an age word: none is a person's age.
NOT_AGES = [
    # es
    "Soy masajista desde hace 15 años", "19 años de experiencia", "solo mayores de 18 años",
    "+18 años", "Disponible de 10 a 22h", "Calle Mayor 17a", "17a planta", "el 17/05/2024",
    "tengo 15 minutos", "Precio: 1h 150€, 30 min 80€", "chicas de 18 a 25 años",
    "chicas entre 18 y 25 años", "debes tener 18 años", "Tel: +34 612 17 18 19",
    "llevo 15 años en España", "Mide 1,65, 55 kg, talla 38", "la habitación tiene 17 m2",
    "edad 18-25", "18 años o más", "tengo 20 fotos nuevas", "Lena (25 €)",
    # pt
    "Massagista com 15 anos de experiência", "há 15 anos", "maiores de 18 anos",
    "tem 15 minutos", "Rua Augusta, 17, Lisboa", "fez 15 programas hoje",
    # en
    "15 years of experience", "18 years and over", "18+ only", "age 18+",
    "You must be 18 years old to enter", "open 10 a.m. to 12 a.m.", "I'm 24/7 available",
    "i'm 30 min from the airport", "for 15 years now", "minimum age 18", "I am 100% real",
    # fr
    "Je fais ce métier depuis 16 ans", "il y a 15 ans", "18 ans et plus",
    "interdit aux moins de 18 ans", "Il faut avoir 18 ans", "dispo 7j/7 24h/24",
    # de
    "Seit 15 Jahren im Geschäft", "Wohnung im 16. Stock", "im 16. Bezirk", "ab 18 Jahren",
    "ich bin 24 Stunden erreichbar", "Mehr als 15 Jahre Erfahrung", "18 Jahre und älter",
    # nl
    "Al 15 jaar ervaring", "18 jaar of ouder", "vanaf 18 jaar", "ik ben 24/7 bereikbaar",
    "15 jaar geleden",
]


@pytest.mark.parametrize("text", NOT_AGES)
def test_not_a_stated_age(text: str) -> None:
    assert find_ages(text) == []


def test_age_outside_12_to_80_is_dropped() -> None:
    assert find_ages("90 años") == [] and find_ages("tengo 11 años") == []
    assert [a.value for a in find_ages("tengo 12 años")] == ["12"]


def test_spans_point_into_the_original_text() -> None:
    text = "Hola 💋 ÉLLA TIENE DIECISÉIS AÑOS, llámame"
    [age] = find_ages(text)
    assert (age.value, text[age.start:age.end]) == ("16", "DIECISÉIS AÑOS")
    text = "Ich bin Lena – ich bin 17 und neu"
    [age] = find_ages(text)
    assert text[age.start:age.end] == "17"


def test_bare_number_after_a_known_name() -> None:
    text = "Hola, soy Lucía 16, nueva en Madrid."
    assert find_ages(text) == []  # without the name, "Lucía 16" is any word and a number
    [age] = find_ages(text, names=["Lucía"])
    assert (age.value, age.detail["name"], text[age.start:age.end]) == ("16", "Lucía", "16")
    assert find_ages("Soy Ana 30 min 80 €", names=["Ana"]) == []
    assert find_ages("Soy Ana 15 años de experiencia", names=["Ana"]) == []


@pytest.mark.parametrize(("title", "age"), [
    ("Élodie 18 – net aangekomen", 18), ("Valentina 19 | Latina", 19), ("Lucía 16", 16),
    ("Nina, 17 años, Madrid", 17), ("Mia 19 ✨ new in Madrid", 19),
])
def test_heading_name_and_age(title: str, age: int) -> None:
    assert [a.value for a in find_ages(title, heading=True)] == [str(age)]


@pytest.mark.parametrize("title", ["Sala 15: masajes", "Peso 55, altura 165", "Top 15 – Madrid",
                                   "Zona 20 - centro", "Junio 15, 2024"])
def test_heading_numbers_that_are_not_ages(title: str) -> None:
    assert find_ages(title, heading=True) == []


def test_heading_form_is_not_read_in_running_text() -> None:
    assert find_ages("Valentina 19 | Latina") == []


@pytest.mark.parametrize(("field", "age"), [("17", 17), ("17 años", 17), ("Edad: 17", 17),
                                            (" 25 ", 25)])
def test_site_age_field(field: str, age: int) -> None:
    [attr] = find_ages("", {"age": field})
    assert (attr.value, attr.start, attr.detail["cue"]) == (str(age), None, "field")


@pytest.mark.parametrize("field", ["1990", "", "9", "n/a", "100"])
def test_site_age_field_without_an_age(field: str) -> None:
    assert find_ages("", {"age": field}) == []


def test_address_and_count_words_before_a_named_number() -> None:
    for text in ("Fotos (12)", "Junio, 15, 2024", "Habitación, 16.", "Calle Mayor, 16,"):
        assert find_ages(text) == [], text


# --- The vocabulary is data, and written so it can match ------------------------------


def _fragments() -> list[str]:
    c = cues()["ages"]
    out = [str(x) for key in ("after", "before", "not_units", "not_after", "not_before",
                              "not_before_cue") for x in c[key]]
    return out + [str(w) for words in c["words"].values() for w in words]


def test_age_cues_are_written_folded() -> None:
    """The patterns run on the folded text: an accent or a capital could never match."""
    unfolded = [x for x in _fragments() if fold(x) != x]
    assert unfolded == []


def test_every_before_cue_has_a_literal_start() -> None:
    """Matches are tried only where a cue's first characters are written (scan.py)."""
    assert all(literal_head(str(x)) for x in cues()["ages"]["before"])


def test_age_words_are_13_to_19() -> None:
    words = cues()["ages"]["words"]
    assert sorted(words) == list(range(13, 20))
    assert all(len(ws) >= 6 for ws in words.values())  # six languages each


@pytest.mark.parametrize(("text", "age"), [
    ("een lieve meid van 17, heel jong", 17), ("chica de 18 muy jovencita", 18),
    ("novinha de 16 safadinha", 16), ("sweet girl of 18", 18), ("ein Mädchen von 17", 17),
])
def test_a_girl_of_n_states_her_age(text, age):
    assert [int(a.value) for a in find_ages(text)] == [age]


@pytest.mark.parametrize("text", ["una chica de 20h a 23h", "chica de 1,70 de altura",
                                  "meisje van 06-12345678"])
def test_a_girl_of_n_is_not_an_hour_a_height_or_a_number(text):
    assert find_ages(text) == []


def test_a_field_lists_first_field_is_the_name_not_the_city_before_the_age():
    found = find_ages("Maëlys – Mannheim – 21\nlet me introduce myself")
    assert [(a.value, a.detail.get("name")) for a in found] == [("21", "Maëlys")]
    found = find_ages("Hoy: Sofia | 17 | Latina")
    assert [(a.value, a.detail.get("name")) for a in found] == [("17", "Sofia")]
