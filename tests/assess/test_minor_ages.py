"""Minor-risk cues: ages under 18 anywhere (text, title, fields["age"], name + bare
number, words), 18-19 only with a youth cue, and the document's other ages noted."""

from __future__ import annotations

import pytest

from threadline.assess import assess_document
from threadline.model import Attribute, Document, Extraction


def run(text: str, *, title: str = "", fields: dict | None = None, names: tuple = (),
        lang: str = "es"):
    ex = Extraction()
    ex.attributes.append(Attribute("language", lang))
    for n in names:
        start = text.find(n)
        ex.attributes.append(Attribute("name", n, start if start >= 0 else None,
                                       start + len(n) if start >= 0 else None))
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
