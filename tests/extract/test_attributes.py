"""Ages, prices, names, places, language and region."""

from __future__ import annotations

import pytest

from threadline.extract import extract
from threadline.extract.ages import find_ages
from threadline.extract.language import detect_language
from threadline.extract.names import find_names
from threadline.extract.places import find_cities
from threadline.extract.prices import find_prices
from threadline.extract.region import infer_region
from threadline.model import Document, Hint

AGES = [
    ("Hola, tengo 19 años", ["19"]),
    ("19 anos", ["19"]),
    ("j'ai 22 ans", ["22"]),
    ("21 Jahre alt", ["21"]),
    ("ik ben 20 jaar", ["20"]),
    ("age: 19", ["19"]),
    ("19yo", ["19"]),
    ("19 y/o", ["19"]),
    ("edad 17", ["17"]),
    ("24/7", []),
    ("19 años de experiencia", []),
    ("solo mayores de 18 años", []),
    ("+18 años", []),
    ("hace 10 años", []),
    ("90 años", []),
]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_ages(text, expected):
    assert [a.value for a in find_ages(text)] == expected


def test_minor_flag_and_field():
    found = find_ages("tengo 16 años", {"age": "16"})
    assert [(a.value, a.start, a.detail["minor"]) for a in found] == [
        ("16", None, True),
        ("16", 6, True),
    ]


PRICES = [
    ("150€/h", "ES", 150.0, "EUR", "hour"),
    ("1h 150", "ES", 150.0, "EUR", "hour"),
    ("desde 80€", "ES", 80.0, "EUR", None),
    ("media hora 80 euros", "ES", 80.0, "EUR", "half-hour"),
    ("R$ 300 a hora", "BR", 300.0, "BRL", "hour"),
    ("$ 200.000 la hora", "CO", 200000.0, "COP", "hour"),
    ("£120 per hour", "GB", 120.0, "GBP", "hour"),
    ("1.500 MXN", "MX", 1500.0, "MXN", None),
    ("100 CHF", "CH", 100.0, "CHF", None),
    ("80 USD", None, 80.0, "USD", None),
]


@pytest.mark.parametrize(("text", "region", "amount", "currency", "unit"), PRICES)
def test_prices(text, region, amount, currency, unit):
    (p,) = find_prices(text, region)
    assert p.detail == {"amount": amount, "currency": currency, "unit": unit}
    assert p.value == f"{amount:g} {currency}"


NAMES = [
    ("Hola soy Carla, soy nueva", ["Carla"]),
    ("me llamo Ana", ["Ana"]),
    ("I'm Anna and my name is Lola", ["Anna", "Lola"]),
    ("Je m'appelle Zoé", ["Zoé"]),
    ("ich heiße Lena", ["Lena"]),
    ("sou a Bia", ["Bia"]),
    ("ik ben Femke", ["Femke"]),
    ("Soy Nueva en Madrid", []),
    ("I am New here", []),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names(text, expected):
    assert [a.value for a in find_names(text)] == expected


CITIES = [
    ("estoy en Malaga centro", ["Málaga"], "ES"),
    ("em São Paulo", ["São Paulo"], "BR"),
    ("in den haag", ["Den Haag"], "NL"),
    ("Bruxelles et Antwerpen", ["Bruxelles", "Antwerpen"], "BE"),
    ("muy nice chica", [], None),
    ("Nice, Côte d'Azur", ["Nice"], "FR"),
    ("essen gehen in München", ["München"], "DE"),
]


@pytest.mark.parametrize(("text", "expected", "country"), CITIES)
def test_cities(text, expected, country):
    found = find_cities(text)
    assert [a.value for a in found] == expected
    if found:
        assert found[0].detail["country"] == country
        assert text[found[0].start : found[0].end].lower().startswith(text[found[0].start].lower())


def test_homonym_city_prefers_region():
    assert find_cities("Valencia", "VE")[0].detail["country"] == "VE"
    assert find_cities("Valencia")[0].detail["country"] == "ES"


LANGS = [
    ("Hola chicos, soy una chica muy cariñosa y estoy en el centro", "es"),
    ("Olá amores, sou muito carinhosa e estou aqui para você", "pt"),
    ("Bonjour, je suis une nouvelle fille très douce, appelle moi", "fr"),
    ("Hallo, ich bin neu in der Stadt und sehr zärtlich", "de"),
    ("Hallo, ik ben nieuw in de stad en heel lief, bel mij", "nl"),
    ("Hi guys, I'm new in town and very sweet, call me", "en"),
    ("ok", None),
]


@pytest.mark.parametrize(("text", "expected"), LANGS)
def test_language(text, expected):
    assert detect_language(text) == expected


def _doc(**kw) -> Document:
    return Document("r", kw.pop("source_kind", "html"), "s", "1", kw.pop("text", ""), **kw)


REGIONS = [
    (_doc(country="PT", city="Madrid"), "es", "PT"),
    (_doc(city="Medellín"), "es", "CO"),
    (_doc(hints=[Hint("tel", "tel:+351912345678")]), "es", "PT"),
    (_doc(site="anuncios.es"), "en", "ES"),
    (_doc(url="https://www.ads.co.uk/x"), None, "GB"),
    (_doc(site="ads.example", fields={"country": "España"}), "en", "ES"),
    (_doc(site="ads.example"), "nl", "NL"),
    (_doc(), None, None),
]


@pytest.mark.parametrize(("doc", "language", "expected"), REGIONS)
def test_infer_region(doc, language, expected):
    assert infer_region(doc, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fresh arrivals in Berlin, ask for Lucía, Tamara, Lena. Lucía is 26", ["Lucía", "Tamara", "Lena"]),
        ("Chicas nuevas, pregunta por Carla y Sofía", ["Carla", "Sofía"]),
        ("Vraag naar Emma en Sanne!", ["Emma", "Sanne"]),
        ("Frag nach Mia", ["Mia"]),
        ("Ask for details by WhatsApp", []),
    ],
)
def test_names_listed_in_managed_ads(text, expected):
    assert [a.value for a in find_names(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Te presentamos a Sofía y Lara, nuevas", ["Sofía", "Lara"]),
        ("Meet Anna, 22, just arrived", ["Anna"]),
        ("Maak kennis met Emma", ["Emma"]),
        ("Das ist Mia, neu in Köln", ["Mia"]),
        ("Nueva chica: Valentina, 21 años", ["Valentina"]),
        ("She is sweet and discreet", []),
    ],
)
def test_names_introduced_in_the_third_person(text, expected):
    assert [a.value for a in find_names(text)] == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Ya puedes conocer a Evellyn 💄 Te presento a Evellyn: edad 18, de Paraguay.", "Evellyn"),
    ("Em Guimarães hoje: Yamileth 💗 Yamileth, 23a, dominicana.", "Yamileth"),
    ("Maak kennis met Ambrine: leeftijd 20, Peruaanse", "Ambrine"),
    ("Heute neu: Svenja (21 Jahre), blond", "Svenja"),
])
def test_the_capitalised_word_before_a_stated_age_is_her_name(text, name):
    ex = extract(_doc(text=text))
    assert name in [a.value for a in ex.attribute("name")]


@pytest.mark.parametrize("text", [
    "Hola, 25 años, soy de Madrid", "Tengo 25 años", "Madrid, 25 años, morena",
    "Bonjour, 22 ans", "Edad: 22 años", "Calle Mayor, 23 años de experiencia",
    "Maryuri – Bielefeld – 44J", "veio do Brasil, 23 anos", "Roménia, 25 anos, morena",
    "Peruanerin (24), zärtlich", "una Nigeriaanse, 19 jaar", "Bulgarin, 22 Jahre",
])
def test_greetings_cues_and_places_before_an_age_are_not_names(text):
    ex = extract(_doc(text=text))
    assert ex.attribute("name") == []
    if "experiencia" not in text:
        assert len(ex.attribute("age")) == 1  # the age itself is still read


@pytest.mark.parametrize("text", ["Bonita, 22 años, morena y simpática.",
                                  "Hola. Guapa, 23 años, te espero.", "💋 Slank 21 jaar, lief."])
def test_a_sentences_first_word_before_an_age_is_not_a_name_unless_repeated(text):
    assert extract(_doc(text=text)).attribute("name") == []
    word = next(w for w in ("Bonita", "Guapa", "Slank") if w in text)
    repeated = extract(_doc(text=text.replace(word, "Svenja"), title="Svenja en Madrid"))
    assert [a.value for a in repeated.attribute("name")] == ["Svenja"]


@pytest.mark.parametrize(("text", "age", "name"), [
    ("Valencia, 19, colombiana, cariñosa y discreta", "19", "Valencia"),
    ("Rosario, 22 – argentina, completa", "22", "Rosario"),
    ("Madrid, 28, zona centro, discreción", None, None),
])
def test_a_place_that_is_also_a_working_name_keeps_her_age_in_extract(
        text: str, age: str | None, name: str | None) -> None:
    """extract() drops an age read after a place ("Madrid, 28") but not after a place that
    is also a common working name: the age reader and extract() share that one list."""
    doc = Document(ref="https://ads.example/1", source_kind="jsonl", source="t.jsonl",
                   position="1", text=text)
    ages = [(a.value, a.detail.get("name")) for a in extract(doc).attribute("age")]
    assert ages == ([(age, name)] if age else [])
