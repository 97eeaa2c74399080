"""Youth and minor-coded wording in six languages.

The minor-risk flag must reach a child-protection analyst when an ad sells youth
("Name, 18" with youth wording) or a minor / barely-legal status by itself (school,
"just turned 18"), and must stay silent on adult wording that merely mentions age,
arrival ("new in town") or a disclaimer ("solo mayores de 18"). Inputs go through the
real extractor, as they do in the pipeline.
"""

from __future__ import annotations

import pytest

from threadline.assess import Assessment, assess_document, load_catalogue
from threadline.assess.catalogue import LANGUAGES, scan
from threadline.extract import extract

from .conftest import make_doc

YOUTH_CUES = {"minor.youth_language", "minor.youth_coded"}
LEXICON = {"validated.youth_language", "minor.coded_words", "minor.youth_coded"}


def assess(text: str) -> Assessment:
    doc = make_doc(text)
    return assess_document(doc, extract(doc))


def weighed(a: Assessment) -> set[str]:
    """Minor cues that count (youth wording attributed to an adult weighs 0)."""
    return {c.indicator for c in a.minor_cues if float(c.detail.get("weight", 0.0)) > 0}


def lexicon_hits(text: str) -> list[tuple[str, str]]:
    return [(h.indicator, text[h.start:h.end]) for h in scan(text) if h.indicator in LEXICON]


# An 18-19 age plus youth wording fires; the same ad without the wording does not.
@pytest.mark.parametrize(("start", "youth", "rest"), [
    # es
    ("Lucía, 18 años", "chamaquita traviesa", "llámame"),
    ("Valeria, 19", "soy nuevita en esto", "muy cariñosa"),
    ("Sofía, 18 años", "carita de niña", "te espero"),
    ("Majo, 18", "pibita re linda", "escríbeme"),
    ("Dani, 19 años", "aparento menos edad", "discreta"),
    ("Paola, 18 años", "muy jovencita e inexperta", "ven"),
    ("Kiara, 19", "es mi primera vez", "sé bueno"),
    # pt
    ("Bia, 19", "carinha de anjo", "chama no zap"),
    ("Bia, 18", "pivetinha safada", "chama"),
    ("Inês, 19", "miudinha e inocente", "liga-me"),
    ("Bia, 18", "estreante no ramo", "chama"),
    ("Carol, 19", "bem novinha", "atendo em local próprio"),
    # en
    ("Kate, 18", "sweet little thing", "call me"),
    ("Kate, 19", "baby-faced and innocent", "call me"),
    ("Kate, 18", "young looking with a doll face", "text me"),
    ("Mia, 19", "daddy's girl with pigtails", "text me"),
    ("Kate, 19", "my first time, be gentle", "text me"),
    # fr
    ("Léa, 18 ans", "toute jeunette et timide", "appelle-moi"),
    ("Léa, 19 ans", "visage de poupée", "appelle-moi"),
    ("Léa, 18 ans", "débutante dans le milieu", "appelle-moi"),
    ("Léa, 19 ans", "c'est ma première fois", "sois doux"),
    # de
    ("Lena, 18", "blutjunges Küken", "schreib mir"),
    ("Lena, 19", "sehr junges Mädchen mit Puppengesicht", "ruf an"),
    ("Lena, 18 Jahre", "jung und unerfahren", "ruf an"),
    ("Lena, 19", "süßes Mäderl aus Wien", "ruf an"),
    ("Lena, 18", "jungs Meitli us Züri", "ruf a"),
    # nl
    ("Sanne, 18", "piepjong meissie", "app me"),
    ("Sanne, 19", "jong en onschuldig met een babygezichtje", "app me"),
    ("Sanne, 18", "mijn eerste keer", "wees lief"),
    ("Sanne, 19", "ziet er heel jong uit", "bel me"),
    ("Sanne, 18", "jong wichtje uit Gent", "bel me"),
])
def test_age_18_19_with_youth_wording_fires(start, youth, rest):
    a = assess(f"{start}, {youth}, {rest}.")
    assert a.minor_risk, [(c.indicator, c.span) for c in a.minor_cues]
    assert weighed(a) & YOUTH_CUES
    assert "minor.coded_words" not in weighed(a)  # the youth wording, not a coded word, fired
    assert not assess(f"{start}, {rest}.").minor_risk


# Wording that sells a minor or barely-legal status fires by itself, with no stated age.
@pytest.mark.parametrize("text", [
    # es
    "Recién cumplí los 18, ven a verme.",
    "Estudiante de prepa, muy discreta.",
    "Pibita de 18 re linda.",
    "Salidita del insti, escríbeme.",
    "Quinceañera traviesa, escríbeme.",
    "Alumna de secundaria, discreta.",
    # pt
    "Sou de menor, chama no zap.",
    "Fez 18 agora, chama!",
    "Cursando o ensino médio, discreta.",
    "Acabei de fazer 18, liga-me.",
    # en
    "Barley legal girl wants to meet you.",
    "Jus turned 18 and ready to play.",
    "Just had my 18th! Text me.",
    "Sixth former, discreet, text me.",
    "Still in school, discreet.",
    "Nymphet for you, text me.",
    # fr
    "Je viens d'avoir 18 ans, appelle-moi.",
    "En terminale, discrète, appelle-moi.",
    "Je passe mon bac cette année, écris-moi.",
    "Rhétoricienne coquine, écris-moi.",
    "J'ai eu 18 ans la semaine dernière.",
    # de
    "Mache gerade mein Abi, schreib mir.",
    "Seit gestern 18, schreib mir.",
    "Maturantin aus Graz, ruf an.",
    "Schülerin der 12. Klasse, ruf an.",
    # nl
    "Kersvers 18, app me.",
    "Zit nog op de havo, app me.",
    "Zesde middelbaar, discreet.",
    "Net 18 geworden, bel me.",
])
def test_minor_coded_wording_fires_alone(text):
    a = assess(text)
    assert a.minor_risk, [(c.indicator, c.span) for c in a.minor_cues]
    assert "minor.coded_words" in weighed(a)


# Youth wording with an adult age is youth, not a minor.
@pytest.mark.parametrize("text", [
    "Soy Ana, 25 años, joven y cariñosa.",
    "Soy Ana, 24 años, jovencita y cariñosa.",
    "Sou a Bia, 26 anos, bem novinha de corpo.",
    "Hi, I'm Kate, 25, very young and sweet.",
    "Je suis Léa, 27 ans, toute jeunette.",
    "Ich bin Lena, 25, sehr jung und lieb.",
    "Ik ben Sanne, 26, heel jong en lief.",
])
def test_independent_adult_with_young_wording_is_not_minor(text):
    assert not assess(text).minor_risk


# Arrival, first visit, age-of-adult and hygiene wording carries no youth cue at all.
@pytest.mark.parametrize("text", [
    "Nueva en la ciudad, soy Carla.",
    "Primera vez en Madrid, ven a verme.",
    "¿Es tu primera vez con una escort? Te trato con cariño.",
    "Nova na cidade, atendo em local próprio.",
    "Primeira vez em Lisboa, liga-me.",
    "Atendo iniciantes com carinho e paciência.",
    "Muito jovem de espírito, madura de corpo.",
    "New in town for a few days only.",
    "First time in London, busty blonde.",
    "First time clients welcome, newbies welcome.",
    "First timers welcome!",
    "Young at heart, mature and experienced.",
    "Curvy blonde, clean and fresh, fresh towels provided.",
    "Jeune femme de 30 ans, douce et sensuelle.",
    "Première fois à Lyon, de passage.",
    "Toute nouvelle sur Paris, brune.",
    "Très jeune d'esprit, femme mûre.",
    "Junge Frau, 30, bietet entspannende Massage.",
    "Zum ersten Mal in Hamburg, ruf an.",
    "Jung geblieben, 50 Jahre, sinnlich.",
    "Jonge vrouw van 28, sensuele massage.",
    "Voor het eerst in Utrecht, kom langs.",
    "Jong van geest, ervaren dame.",
])
def test_adult_and_arrival_wording_is_not_youth(text):
    assert lexicon_hits(text) == []


# Arrival and newness ("new in town", "brand new", "the new girl", "fresh faces") are movement
# wording, which HTI codes apart from youth and JRSA found counter-indicative; a plain "doll"
# is an endearment. With a stated 18-19 neither may raise minor risk, nor leave a youth cue. Diminutives ("muñequita", "Püppchen") and a
# doll's face ("visage de poupée") still do: the positive cases above keep them.
@pytest.mark.parametrize("text", [
    "Nueva en la ciudad, soy Carla, 19 años.",
    "Nova na cidade! Bia, 19 anos, morena.",
    "New in town! Kate, 19, blonde, curvy.",
    "Nouvelle à Paris ! Léa, 19 ans, brune.",
    "Neu in Berlin! Lena, 19, blond.",
    "Nieuw in Amsterdam! Sanne, 19, blond.",
    "Toutes nouvelles cette semaine à Lyon : Chloé. Chloé, 19 ans, brésilienne, douce.",
    "Toute nouvelle dans notre maison ! Inès, 18 ans, marocaine.",
    "Petite nouvelle à découvrir : Léa, 19 ans, française.",
    "Nos belles sont toutes nouvelles : Eva, 19 ans.",
    "Une vraie poupée, Manon, 19 ans, très douce.",
    "Nouvelle recrue chez nous : Clara, 18 ans, polonaise.",
    "Brand new this week in London: Amy. Amy, 19, Brazilian, sweet.",
    "Fresh faces this week: Jess, 19.",
    "New babes in town: Lucy, 19.",
    "Novedades de la semana en Madrid: Carla, 19 años.",
    "Nuestras muñecas te esperan: Lucía, 19 años.",
    "Novidades da semana em Lisboa: Rita, 19 anos.",
    "As nossas bonecas esperam por ti: Inês, 19 anos.",
    "Brandneu diese Woche: Lena, 19 Jahre.",
    "Ganz neu bei uns: Lisa, 18 Jahre.",
    "Gloednieuw deze week: Sanne, 19 jaar.",
    "Onze poppen wachten: Eva, 19 jaar.",
])
def test_new_in_town_and_newness_with_18_19_are_not_minor(text):
    a = assess(text)
    assert not a.minor_risk, [(c.indicator, c.span) for c in a.minor_cues]
    assert not {c.indicator for c in a.minor_cues} & YOUTH_CUES


# Disclaimers of sites and advertisers are the opposite of advertising a minor.
@pytest.mark.parametrize("text", [
    "Solo mayores de 18. Soy Carla, 19.",
    "Menores de 18 abstenerse. Soy Carla, 19.",
    "Abstenerse menores de edad. Carla, 19.",
    "Prohibida la entrada a menores de 18 años. Carla, 19.",
    "Menores de idade não. Sou a Bia, 19.",
    "Proibida a entrada de menores de idade. Bia, 19.",
    "Não atendo de menor. Bia, 19.",
    "Strictly no under 18s. Kate, 19.",
    "18+ only. Adults only. Kate, 19.",
    "Nobody under 18 allowed. Kate, 19.",
    "Interdit aux mineurs. Léa, 19 ans.",
    "Moins de 18 ans s'abstenir. Léa, 19 ans.",
    "Unter 18 Jahren kein Zutritt. Lena, 19.",
    "Keine Minderjährigen! Lena, 19.",
    "Onder de 18 jaar geen toegang. Sanne, 19.",
    "Geen minderjarigen, alleen 18+. Sanne, 19.",
])
def test_disclaimers_are_not_minor(text):
    a = assess(text)
    assert not a.minor_risk, [(c.indicator, c.span) for c in a.minor_cues]
    assert "minor.coded_words" not in weighed(a)


# Job-ad requirements, prices and times are not school or age wording.
@pytest.mark.parametrize("text", [
    "Vaga: recepcionista, ensino médio completo, salário fixo.",
    "Requisitos: bachillerato terminado, buena presencia.",
    "Receptionist wanted, high school diploma required, full time.",
    "Opleiding: middelbare school afgerond, rijbewijs B.",
    "Bijbaan voor scholieren: vakkenvuller gezocht.",
    "Apenas 18 € la media hora.",
    "Just 18 minutes from the airport.",
    "Termine erst ab 18 Uhr, erst 18:30 frei.",
    "Net 18 euro per kwartier.",
    "Erstklassiger Service, 1. Klasse.",
])
def test_requirements_and_numbers_are_not_coded(text):
    assert all(ind != "minor.coded_words" for ind, _ in lexicon_hits(text))
    assert not assess(text).minor_risk


def test_working_name_nina_is_not_child_wording():
    a = assess("Soy Nina, 19 años, cariñosa y discreta.")
    assert not a.minor_risk
    assert not weighed(a) & YOUTH_CUES


@pytest.mark.parametrize("text", ["Bia, 18 aninhos, carinhosa.", "Kiara, 18 añitos, cariñosa."])
def test_diminutive_age_unit_is_not_coded(text):
    a = assess(text)
    assert a.minor_risk  # an 18 with youth wording (the diminutive), not a coded word alone
    assert "minor.coded_words" not in weighed(a)


def test_negated_youth_wording_is_dropped():
    a = assess("No soy primeriza, Carla, 19 años, experta.")
    assert not a.minor_risk
    assert all(s.indicator != "validated.youth_language" for s in a.signals)


# "Young" with an intensifier is youth wording, never a coded word that fires alone.
@pytest.mark.parametrize("text", ["Muy joven", "Muito jovem", "Very young", "Très jeune",
                                  "Sehr jung", "Heel jong", "Jovencita", "Novinha"])
def test_plain_young_wording_is_not_coded(text):
    ids = {ind for ind, _ in lexicon_hits(text)}
    assert "validated.youth_language" in ids
    assert "minor.coded_words" not in ids
    assert not assess(f"{text}, escríbeme.").minor_risk


@pytest.mark.parametrize("lang", LANGUAGES)
def test_youth_lexicon_is_broad_in_every_language(lang):
    inds = load_catalogue().indicators
    assert len(inds["validated.youth_language"].patterns[lang]) >= 25
    assert len(inds["minor.coded_words"].patterns[lang]) >= 25
    assert len(inds["minor.youth_coded"].patterns[lang]) >= 7


@pytest.mark.parametrize(("text", "youth"), [
    ("Es su primera vez, pequeñita.", True),
    ("¿Es tu primera vez con una escort?", False),
    ("It's her first time.", True),
    ("Is this your first time?", False),
    ("C'est sa première fois.", True),
    ("C'est ta première fois ?", False),
    ("Das ist ihr erstes Mal.", True),
    ("Ist es dein erstes Mal?", False),
    ("Het is haar eerste keer.", True),
    ("Is het je eerste keer?", False),
])
def test_first_time_of_the_person_not_of_the_client(text, youth):
    """"Her first time" sells the person's inexperience; "your first time" reassures a client."""
    ids = {ind for ind, _ in lexicon_hits(text)}
    assert ("validated.youth_language" in ids) is youth


# School words that name an adult's school, a gym or a count are not minor-coded.
@pytest.mark.parametrize("text", [
    "Je suis en école de commerce, 23 ans.",
    "Je vais au gymnase tous les matins.",
    "Voy a la escuela de baile los martes.",
    "Vou à escola de samba no domingo.",
    "12 Klasse Girls warten auf dich.",
    "Only 18 spots left this week.",
    "Quartos de maior e de menor porte.",
    "Toutes nouvelles photos cette semaine.",
])
def test_adult_school_gym_and_counts_are_not_coded(text):
    assert all(ind != "minor.coded_words" for ind, _ in lexicon_hits(text)), lexicon_hits(text)
    assert not assess(text).minor_risk


def test_looking_years_younger_is_not_a_coded_age():
    # Only the lexicon is checked: the age extractor reads "15 years" as an age by itself.
    assert lexicon_hits("Looks 15 years younger than her age.") == []
    assert ("minor.coded_words", "looks 15") in lexicon_hits("She looks 15, text me.")
