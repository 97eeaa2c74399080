"""Negated wordings ("sin agencia", "no receptionist") are not indicators."""

from __future__ import annotations

import pytest

from threadline.assess.negation import negated
from threadline.folding import fold


@pytest.mark.parametrize(("text", "word", "lang", "expected"), [
    ("Soy Carla, sin agencia.", "agencia", "es", True),
    ("no tengo agencia ni telefonista", "telefonista", "es", True),
    ("Llama a la agencia", "agencia", "es", False),
    ("sin fotos. Agencia Sol", "agencia", "es", False),  # the clause ended
    ("sem agência nem secretária", "secretária", "pt", True),
    ("atendo no apartamento da agência", "agência", "pt", False),  # pt "no" = "in the"
    ("no agency, no receptionist", "receptionist", "en", True),
    ("don't call the agency", "agency", "en", True),
    ("pas d'agence, c'est moi", "agence", "fr", True),
    ("je ne suis pas une agence", "agence", "fr", True),
    ("keine Telefonistin", "telefonistin", "de", True),
    ("noch frei, Agentur Rosa", "agentur", "de", False),  # de "noch" = "still"
    ("geen bureau, gewoon ik", "bureau", "nl", True),
    ("bel het bureau", "bureau", "nl", False),
    ("far, far away from home the agency", "agency", "en", False),
])
def test_negated(text: str, word: str, lang: str, expected: bool) -> None:
    folded = fold(text)
    assert negated(folded, folded.index(fold(word)), lang) is expected


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Soy Lucía y trabajo por mi cuenta en Sevilla, sin agencia. Disponible 24 horas. "
           "Llámame al 612 345 678, no tengo agencia ni telefonista."),
    ("pt", "Sou a Rita e trabalho por conta própria em Faro, sem agência nem secretária. "
           "Disponível a qualquer hora. Liga para 912 345 678."),
    ("en", "Hi, I'm Jess, independent in Leeds, no agency, no receptionist: it's me who "
           "picks up. Available any time. Call 07700 900123."),
    ("fr", "Moi c'est Julie, je travaille pour moi à Lyon, pas d'agence, pas de standard. "
           "Dispo à toute heure. Appelle au 06 12 34 56 78."),
    ("de", "Hier ist Mia, ich arbeite auf eigene Rechnung in Köln, ohne Agentur, keine "
           "Telefonistin. Jederzeit erreichbar. Ruf an: 0151 23456789."),
    ("nl", "Sterre hier, ik werk voor mezelf in Breda, geen bureau, geen telefoniste. "
           "Altijd bereikbaar. Bel 06 12345678."),
])
def test_independent_saying_no_agency_is_not_managed(assess, lang: str, text: str) -> None:
    a = assess(text, lang)
    assert not any(s.indicator == "managed.booker" for s in a.signals), a.signals
    assert not a.flagged


def test_a_real_booker_still_fires(assess) -> None:
    a = assess("Nuevas chicas en Madrid, pregunta por Carla. Reservas con la agencia al "
               "612 345 678.")
    assert any(s.indicator == "managed.booker" for s in a.signals)


def test_every_catalogue_language_has_negation_words_and_negatable_ids_exist() -> None:
    from threadline.assess.catalogue import LANGUAGES, load_catalogue
    from threadline.assess.negation import _rules

    _, by_lang = _rules()
    assert set(LANGUAGES) <= set(by_lang)
    negatable = {i for i, ind in load_catalogue().indicators.items() if ind.negatable}
    assert {"managed.booker", "debt.fees", "kind.ad_service"} <= negatable
    # wordings that carry their own negation must not be negatable
    assert not load_catalogue().indicators["validated.trustworthy_provider"].negatable
    assert not load_catalogue().indicators["control.limited_language"].negatable


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("menores de 18 abstenerse", "menores", True),
    ("prohibido menores de edad", "menores", True),
    ("unter 18 jahren kein zutritt", "unter 18", True),
    ("onder de 18 jaar geen toegang", "onder de 18", True),
    ("strictly no minors", "minors", True),
    ("menor de edad, muy jovencita", "menor de edad", False),
    ("schoolgirl. not for the shy", "schoolgirl", False),  # the clause ended
])
def test_disclaimers_from_the_data_file(text, word, expected):
    from threadline.assess.negation import disclaimer
    from threadline.folding import fold

    folded = fold(text)
    i = folded.index(word)
    assert disclaimer(folded, i, i + len(word)) is expected
