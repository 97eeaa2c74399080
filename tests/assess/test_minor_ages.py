"""Minor-risk cues: ages under 18 anywhere (text, title, fields["age"], name + bare
number, words), 18-19 only with a youth cue, and the document's other ages noted."""

from __future__ import annotations

import pytest

from threadline.assess import assess_document
from threadline.extract.ages import find_ages
from threadline.model import Attribute, Document, Extraction


def run(text: str, *, title: str = "", fields: dict | None = None, names: tuple = (),
        lang: str = "es"):
    ex = Extraction()
    ex.attributes.append(Attribute("language", lang))
    for n in names:
        start = text.find(n)
        ex.attributes.append(Attribute("name", n, start if start >= 0 else None,
                                       start + len(n) if start >= 0 else None))
    # Stated ages come from the extractor (the one reader of ages), as in extract().
    ex.attributes += find_ages(text, fields, names)
    doc = Document(ref="x", source_kind="jsonl", source="t", position="1", text=text,
                   title=title, fields=fields or {})
    return assess_document(doc, ex)


def cue_ids(a) -> set[str]:
    return {c.indicator for c in a.minor_cues}


def test_under_18_in_title_fires():
    a = run("Chica nueva en Madrid, llámame.", title="Lucía, 16 años, Madrid")
    assert a.minor_risk
    cue = next(c for c in a.minor_cues if c.indicator == "minor.stated_age_under_18")
    assert cue.detail["field"] == "title" and cue.start is None and "16" in cue.span


def test_under_18_in_fields_age_fires():
    a = run("Chica nueva en Madrid, llámame.", fields={"age": "17"})
    assert a.minor_risk
    assert any(c.detail.get("field") == "fields.age" for c in a.minor_cues)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hola, soy Lucía 16, nueva en Madrid.", ("Lucía",)),
        ("Mia, 17, disponible hoy.", ()),
    ],
)
def test_name_followed_by_teen_number_fires(text, names):
    assert run(text, names=names).minor_risk


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tengo diecisiete años, escríbeme.", "es"),
        ("Tenho dezasseis anos.", "pt"),
        ("Casi 18, muy jovencita.", "es"),
        ("Quase 18, liga-me.", "pt"),
        ("Almost 18 and new here.", "en"),
        ("Bientôt majeure, écris-moi.", "fr"),
        ("Noch nicht 18, schreib mir.", "de"),
        ("Bijna 18, app me.", "nl"),
        ("Tengo 17 añitos", "es"),
        ("Ich bin eine 16-jährige", "de"),
        ("Estudiante de secundaria, discreta.", "es"),
    ],
)
def test_minor_wording_fires(text, lang):
    assert run(text, lang=lang).minor_risk


@pytest.mark.parametrize(
    "text",
    [
        "Soy Carla, 18 años, independiente en Madrid.",
        "Carla 18, Madrid. Precio 150 €.",
        "Habitación 15 en el hotel, llama al 18 00.",
        "Top 15 restaurantes de Madrid.",
        "Soy Nina, 25 años, morena.",
        "Meninas novas em Lisboa, 19 anos.",
    ],
)
def test_adult_or_numeric_text_does_not_fire(text):
    assert not run(text).minor_risk


def test_19_with_youth_coded_word_fires_and_other_ages_are_noted():
    a = run("Virgencita de 19 años, mi amiga tiene 25 años.")
    assert a.minor_risk
    age = next(c for c in a.minor_cues if c.indicator == "minor.age_18_19")
    assert age.detail["ages"] == [19, 25]
    assert "minor.youth_coded" in cue_ids(a)


def test_youth_coded_word_alone_does_not_fire():
    assert not run("Virgencita, llámame.").minor_risk


# --- The extractor is the one reader of ages: the assessor uses its attributes --------


def test_assessor_does_not_reparse_the_text():
    """An extraction without ages means no stated age, whatever the text says."""
    ex = Extraction(attributes=[Attribute("language", "es")])
    doc = Document(ref="x", source_kind="jsonl", source="t", position="1",
                   text="Tengo 16 años, escríbeme.")
    a = assess_document(doc, ex)
    assert all(c.indicator != "minor.stated_age_under_18" for c in a.minor_cues)


def test_stated_age_cue_points_at_the_extracted_age():
    a = run("Hola, acabo de cumplir 17, escríbeme.")
    cue = next(c for c in a.minor_cues if c.indicator == "minor.stated_age_under_18")
    assert (cue.span, cue.detail["age"]) == ("17", 17) and cue.start == 23


@pytest.mark.parametrize(("text", "lang"), [
    ("Hola, acabo de cumplir 17, escríbeme.", "es"),
    ("Oi, fiz 17 e sou novinha.", "pt"),
    ("Just turned 17, text me.", "en"),
    ("Je viens d’avoir 17 ans, écris-moi.", "fr"),
    ("Gerade 17 geworden, schreib mir.", "de"),
    ("Net 17 geworden, app me.", "nl"),
    ("Sofía 🎂17 💋", "es"),
])
def test_new_age_formats_fire_through_the_pipeline(text, lang):
    from threadline.extract import extract

    doc = Document(ref="x", source_kind="jsonl", source="t", position="1", text=text)
    a = assess_document(doc, extract(doc))
    assert any(c.indicator == "minor.stated_age_under_18" for c in a.minor_cues)


@pytest.mark.parametrize("text", [
    "Masajista desde hace 15 años, solo mayores de 18.",
    "15 years of experience, 18+ only.",
    "Seit 15 Jahren dabei, Wohnung im 16. Stock.",
    "Chicas de 16 a 25 años? No: solo mayores de edad.",
])
def test_durations_floors_and_ranges_do_not_fire_through_the_pipeline(text):
    from threadline.extract import extract

    doc = Document(ref="x", source_kind="jsonl", source="t", position="1", text=text)
    a = assess_document(doc, extract(doc))
    assert all(c.indicator != "minor.stated_age_under_18" for c in a.minor_cues)


@pytest.mark.parametrize("title", ["Lucía 16 – Madrid", "Valentina | 16 años", "Mia, 17"])
def test_title_age_is_read_by_the_same_reader(title):
    a = run("Chica nueva en Madrid, llámame.", title=title)
    cue = next(c for c in a.minor_cues if c.indicator == "minor.stated_age_under_18")
    assert cue.detail["field"] == "title" and cue.start is None


@pytest.mark.parametrize("title", ["Top 15 – Madrid", "Masajes desde hace 15 años", "Sala 16"])
def test_title_numbers_that_are_not_ages(title):
    a = run("Chica nueva en Madrid, llámame.", title=title)
    assert all(c.indicator != "minor.stated_age_under_18" for c in a.minor_cues)


@pytest.mark.parametrize(("raw", "minor"), [("17 años", True), ("16", True), ("1990", False),
                                            ("25", False)])
def test_fields_age_is_read_leniently(raw, minor):
    a = run("Chica nueva en Madrid, llámame.", fields={"age": raw})
    cue = [c for c in a.minor_cues if c.indicator == "minor.stated_age_under_18"]
    assert bool(cue) is minor
    if minor:
        assert cue[0].detail["field"] == "fields.age" and cue[0].span == raw
