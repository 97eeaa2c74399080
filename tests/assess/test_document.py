import pytest

from threadline.assess import apply_structure, load_config
from threadline.model import Signal

THRESHOLD = load_config().threshold

# Third-party managed ads, one per language: must be flagged.
MANAGED = [
    ("es", "Las chicas nuevas te esperan: jovencita venezolana, fotos reales. Todo servicio "
           "24/7, dirección por WhatsApp. Pregunta por Marta."),
    ("pt", "As meninas novas: novinha brasileira, fotos reais. Todos os serviços, 24 horas, "
           "endereço por WhatsApp. Pergunte por Carla."),
    ("en", "Our girls are waiting: young Romanian girl, real photos. All services 24/7, "
           "address after booking. Ask for Anna."),
    ("fr", "Nos filles vous attendent : petite jeune roumaine, photos réelles. Tous services "
           "jour et nuit, adresse par SMS. Demandez Lina."),
    ("de", "Unsere Mädchen warten: junges Mädchen aus Rumänien, rumänische Schönheit, echte "
           "Fotos. Alle Services rund um die Uhr, Adresse nach Bestätigung. Frag nach Mia."),
    ("nl", "Onze meisjes wachten: jong meisje, Roemeense, echte foto's. Alle services dag en "
           "nacht, adres na bevestiging. Vraag naar Eva."),
]

# Independent first-person ads with ONE risky word each: must not be flagged.
INDEPENDENT = [
    ("es", "Hola, soy Lucía, nueva en la ciudad. Masajes y besos, 120 € la hora. Llámame."),
    ("es", "Soy Carmen, 30 años, disponible 24/7 en mi piso. Discreta y cariñosa."),
    ("pt", "Olá, eu sou a Bia, novinha e simpática. Atendo em local próprio, 100 € a hora."),
    ("en", "Hi, I am Lucy, 25, fresh and friendly. Incall in my own flat, 150 € per hour."),
    ("fr", "Je suis Léa, 28 ans, photos réelles. Je reçois chez moi, discrète."),
    ("de", "Ich bin Mia, 27, echte Fotos, besuchbar in meiner Wohnung. Diskret."),
    ("nl", "Ik ben Eva, 26, echte foto's. Privé ontvangst, discreet en lief."),
]


@pytest.mark.parametrize(("lang", "text"), MANAGED)
def test_managed_ads_are_flagged(assess, lang, text):
    a = assess(text, lang)
    assert a.flagged, [(s.indicator, s.span) for s in a.signals]
    assert a.kind in ("ad", "other")
    assert {s.category for s in a.signals} >= {"managed", "control", "validated"}


@pytest.mark.parametrize(("lang", "text"), INDEPENDENT)
def test_independent_one_risky_word_not_flagged(assess, lang, text):
    a = assess(text, lang)
    assert not a.flagged
    assert a.risk < THRESHOLD / 2
    assert any(s.indicator == "counter.first_person" for s in a.signals)


def test_contributions_explain_risk(assess):
    a = assess(MANAGED[0][1], "es")
    assert abs(sum(s.contribution for s in a.signals) - a.risk) < 1e-9
    assert any(s.category == "combination" for s in a.signals)
    for s in a.signals:
        if s.start is not None:
            assert s.span == MANAGED[0][1][s.start : s.end]
            assert s.source


def test_one_repeated_cue_is_capped(assess):
    once = assess("Our girls, our ladies, the girls, new girls, many girls", "en", phones=3)
    assert once.risk < THRESHOLD


def test_movement_lowers_risk(assess):
    base = "Las chicas te esperan, fotos reales, jovencita"
    assert assess(base + ", nueva en la ciudad", "es").risk < assess(base, "es").risk


def test_obscured_phone_from_selector_tag_not_words(assess):
    plain = assess("Llama al seis cinco nueve", "es", phones=0)
    tagged = assess("Llama al seis cinco nueve", "es", obfuscated=True)
    assert "validated.obscured_phone" not in {s.indicator for s in plain.signals}
    assert "validated.obscured_phone" in {s.indicator for s in tagged.signals}


def test_several_names_is_managed(assess):
    a = assess("Disponibles hoy.", "es", names=("Ana", "Marta", "Lina"))
    assert "managed.multiple_persons" in {s.indicator for s in a.signals}


@pytest.mark.parametrize(
    ("amount", "fires"), [(30, True), (45, True), (100, False), (160, False)]
)
def test_price_below_norm(assess, amount, fires):
    a = assess("Cita.", "es", prices=((amount, "EUR", "hour"),), country="ES")
    assert ("debt.price_below_norm" in {s.indicator for s in a.signals}) is fires


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Se buscan chicas 18-25 años para trabajar en Europa, viaje y alojamiento pagado, "
               "sin experiencia, ganarás 3000 € a la semana. Envía fotos solo por WhatsApp."),
        ("pt", "Procuramos meninas bonitas para trabalhar na Europa, passagem paga, sem "
               "experiência, ganhe 2000 € por semana. Envie fotos pelo WhatsApp. Urgente."),
        ("en", "Hiring hostesses for work abroad, travel and accommodation paid, no experience "
               "needed, earn €3000 per week. Send your photos, WhatsApp only."),
        ("fr", "On recrute hôtesses, travail à l'étranger, voyage payé, sans expérience, "
               "argent facile. Envoie tes photos, uniquement par WhatsApp."),
        ("de", "Wir suchen Hostessen, Arbeit im Ausland, Reise bezahlt, keine Erfahrung, "
               "schnelles Geld. Schick uns Fotos, nur über WhatsApp."),
        ("nl", "Wij zoeken hostesses, werk in het buitenland, reis betaald, geen ervaring, snel "
               "geld. Stuur je foto's, alleen via WhatsApp."),
    ],
)
def test_fake_job_offers_are_recruitment(assess, lang, text):
    a = assess(text, lang)
    assert a.kind == "recruitment"
    assert len({s.indicator for s in a.signals if s.category == "recruitment"}) >= 3


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Se busca camarera con experiencia para restaurante en Madrid. Contrato "
               "indefinido, alta en la seguridad social, 1400 € brutos al mes. Envía tu CV."),
        ("en", "Waitress wanted at Harbour Café Ltd. Permanent contract, £1,900 per month, "
               "paid holidays. Send your CV for an interview."),
        ("de", "Wir suchen eine Kellnerin, Festanstellung, Arbeitsvertrag, 2100 € brutto pro "
               "Monat. Lebenslauf an die GmbH."),
        ("es", "Servicio de limpieza de hogares y oficinas, 15 €/hora, todos los días."),
        ("fr", "Ménage et repassage à domicile, 20 € de l'heure, tous les jours."),
        ("nl", "Schoonmaak van huizen en kantoren, 18 euro per uur. Bel ons."),
    ],
)
def test_legit_jobs_and_cleaning_are_other_and_low(assess, lang, text):
    a = assess(text, lang)
    assert a.kind == "other"
    assert not a.flagged
    assert not a.minor_risk


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("Nina, 16 años, cariñosa", True),
        ("Hola, tengo 17, llámame", True),
        ("Bia, 17 anos, simpática", True),
        ("Colegiala 18, recién llegada", True),
        ("Lisa, 16 ans, douce", True),
        ("Just turned 18, baby face", True),
        ("Jovencita de 19 años", True),
        ("Sara, 18 años, cariñosa", False),
        ("Sara, 24 años, jovencita", False),
        ("Soy Ana, 18 años, discreta", False),
        ("Disponible 24/7, 17 € de descuento", False),
    ],
)
def test_minor_cues(assess, text, minor):
    a = assess(text, "es")
    assert a.minor_risk is minor, [(c.indicator, c.span) for c in a.minor_cues]
    if minor:
        assert all(c.span for c in a.minor_cues)
    assert all(s.category != "minor" for s in a.signals)


def test_minor_age_from_attribute(assess):
    assert assess("Nueva chica", "es", ages=(15,)).minor_risk


def test_apply_structure_raises_risk_and_cancels_first_person(assess):
    a = assess(INDEPENDENT[0][1], "es")
    structural = [Signal("structure.contact_multi_person", "structure", 0.0,
                         detail={"persons": 4}),
                  Signal("structure.template_multi_name", "structure", 0.0)]
    b = apply_structure(a, structural)
    assert b.risk > a.risk
    assert b is not a and a.risk == assess(INDEPENDENT[0][1], "es").risk
    assert abs(sum(s.contribution for s in b.signals) - b.risk) < 1e-9
    counter = [s for s in b.signals if s.indicator == "counter.first_person"]
    assert counter and counter[0].detail.get("cancelled") == "structure"


def test_apply_structure_age_inconsistent_is_minor_cue(assess):
    a = assess("Sara, 19 años, cariñosa", "es")
    assert not a.minor_risk
    b = apply_structure(a, [Signal("structure.age_inconsistent", "structure", 0.0,
                                   detail={"ages": [16, 19]})])
    assert b.minor_risk
    assert b.risk == a.risk
    assert any(c.indicator == "structure.age_inconsistent" for c in b.minor_cues)


# Ages written as words are read by the extractor: tests/extract/test_ages.py.


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Te adelantamos el pasaje y lo pagas después con tu trabajo. No importa si no "
               "tienes papeles. Cupos limitados.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
        ("pt", "Passagem e hospedagem por nossa conta, você paga depois com o trabalho. Não "
               "precisa de documentos. Vagas limitadas.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
        ("en", "Flight and accommodation on us, you pay it back from your earnings. No papers "
               "needed. Limited places.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
        ("fr", "Billet et logement à notre charge, tu rembourses avec ton travail. Pas besoin "
               "de papiers. Places limitées.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
        ("de", "Flug und Unterkunft übernehmen wir, du zahlst es später mit deiner Arbeit "
               "zurück. Keine Papiere nötig. Begrenzte Plätze.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
        ("nl", "Vlucht en verblijf betalen wij, je betaalt het later met je werk terug. Geen "
               "papieren nodig. Beperkte plaatsen.",
         {"recruitment.abroad_paid", "debt.debt_to_repay", "recruitment.no_experience",
          "recruitment.urgent"}),
    ],
)
def test_advance_to_repay_and_no_papers_wording(assess, lang, text, expected):
    a = assess(text, lang)
    assert expected <= {s.indicator for s in a.signals}
    assert a.kind == "recruitment"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Te presentamos a Ioana (21), viene de Colombia. Las fotos son reales."),
        ("pt", "Lilou (29) veio da Roménia, o que vc vê nas fotos é o que vai encontrar."),
        ("en", "Raíssa (29) from Romania – she IS the lady in the pics, guaranteed."),
        ("fr", "Voici Ana, originaire de Roumanie, c'est bien elle sur les photos."),
        ("de", "Jana (22) aus Kolumbien, alle Pics aktuell & echt."),
        ("nl", "Ioana (21) uit Colombia, foto's zijn recent en echt."),
    ],
)
def test_origin_country_and_real_photo_claims(assess, lang, text):
    ids = {s.indicator for s in assess(text, lang).signals}
    assert {"validated.ethnicity", "validated.trustworthy_provider"} <= ids


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Soy de Madrid y recibo en mi piso."), ("en", "I am from Leeds, my own flat."),
    ("de", "Ich komme aus Köln, privat."), ("nl", "Ik kom uit Utrecht."),
])
def test_a_home_town_is_not_a_stated_origin(assess, lang, text):
    assert "validated.ethnicity" not in {s.indicator for s in assess(text, lang).signals}


# German capitalises every noun: "Meine Wohnung ist", "Hygiene ist", "Treffen bietet" are a
# first-person ad describing her flat and service, not someone writing about a woman.
@pytest.mark.parametrize("text", [
    "Ich bin Jana, 27, privat in Kassel. Meine Wohnung ist sauber und diskret. 24/7 erreichbar.",
    "Hallo, ich bin Mia. Mein Service ist entspannt, der Termin wird vorher vereinbart.",
    "Ich bin Lea, 29. Ein Besuch bei mir ist diskret, Hygiene ist selbstverständlich.",
    "Ich heiße Tina. Bei mir hat jeder Gast seine Ruhe, mein Studio hat Parkplätze.",
    "Ich bin Sara. Das Treffen bietet dir Entspannung pur, Massage, Escort und Begleitung.",
])
def test_german_nouns_are_not_third_person_names(assess, text):
    a = assess(text, "de")
    assert "managed.third_person_grammar" not in {s.indicator for s in a.signals}
    assert "counter.first_person" in {s.indicator for s in a.signals}
    assert not a.flagged


def test_a_german_name_the_extractor_knows_still_reads_as_third_person(assess):
    text = "Lena ist 25 und wartet auf dich in Köln. Termine über ihren Fahrer."
    a = assess(text, "de", names=("Lena",))
    assert "managed.third_person_grammar" in {s.indicator for s in a.signals}
    assert "managed.third_person_grammar" not in {s.indicator for s in assess(text, "de").signals}
