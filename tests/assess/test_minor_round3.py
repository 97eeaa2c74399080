"""Round 3 minor-cue rules: cue groups, youth wording attributed to the person it
describes, prohibitions and durations that are not ages, and the fixes to "fresh"."""

from __future__ import annotations

import pytest

from threadline.assess import apply_structure, assess_document
from threadline.extract.ages import find_ages
from threadline.model import Attribute, Document, Extraction, Signal


def run(text: str, lang: str):
    ex = Extraction()
    ex.attributes.append(Attribute("language", lang))
    ex.attributes += find_ages(text)  # stated ages come from the extractor, as in extract()
    doc = Document(ref="x", source_kind="jsonl", source="t", position="1", text=text)
    return assess_document(doc, ex)


# Two weak youth words without an age are still only "youth wording": no flag.
@pytest.mark.parametrize(("text", "lang"), [
    ("Chiquita y jovencita, cariñosa", "es"),
    ("Novinha, pequena e safada", "pt"),
    ("Young and sweet, your little princess", "en"),
    ("Petite jeune, ado dans l'âme", "fr"),
    ("Junges Mädchen, kleine Maus", "de"),
    ("Jong meisje, klein meisje in je armen", "nl"),
])
def test_youth_words_alone_never_fire(text, lang):
    assert not run(text, lang).minor_risk


# A prohibition of minors is a disclaimer, not a cue.
@pytest.mark.parametrize(("text", "lang"), [
    ("Prohibido menores de 18. Soy Ana.", "es"),
    ("Não atendo menores de idade.", "pt"),
    ("Strictly no under 18s. I'm Kate.", "en"),
    ("Interdit aux mineures. Je suis Léa.", "fr"),
    ("Keine minderjährig Gäste. Ich bin Lena.", "de"),
    ("Geen minderjarig. Ik ben Sanne.", "nl"),
])
def test_prohibitions_are_not_minor_cues(text, lang):
    a = run(text, lang)
    assert not a.minor_risk
    assert all(c.indicator != "minor.coded_words" for c in a.minor_cues)


@pytest.mark.parametrize(("text", "lang"), [
    ("Soy Lucía, colegiala de 18", "es"),
    ("Colegial novinha", "pt"),
    ("Schoolgirl look, I'm Kate", "en"),
    ("Lycéenne coquine", "fr"),
    ("Schulmädchen sucht", "de"),
    ("Schoolmeisje, ik ben Sanne", "nl"),
])
def test_coded_words_still_fire(text, lang):
    assert run(text, lang).minor_risk


# Durations and floors written like ages are not ages.
@pytest.mark.parametrize(("text", "lang"), [
    ("Soy masajista desde hace 15 años", "es"),
    ("Massagista com 15 anos de experiência", "pt"),
    ("15 years of experience, I'm Kate", "en"),
    ("Je fais ce métier depuis 16 ans", "fr"),
    ("Seit 15 Jahren im Geschäft. Wohnung im 16. Stock", "de"),
    ("Al 15 jaar ervaring", "nl"),
])
def test_durations_are_not_ages(text, lang):
    a = run(text, lang)
    assert not a.minor_risk
    assert all(c.indicator != "minor.stated_age_under_18" for c in a.minor_cues)


@pytest.mark.parametrize(("text", "lang"), [
    ("Anouk is Colombian, she is 16 and sweet", "en"),
    ("Sie ist 16 und lieb", "de"),
    ("Eine 17-jährige aus Köln", "de"),
    ("Een 16-jarige uit Utrecht", "nl"),
])
def test_third_person_and_compound_ages_fire(text, lang):
    a = run(text, lang)
    assert a.minor_risk
    assert any(c.indicator == "minor.stated_age_under_18" for c in a.minor_cues)


def test_youth_wording_belongs_to_the_person_it_follows():
    text = ("Ask for Larissa, Manon, Leonie. Larissa, 20 years old, very young, first time "
            "in the city. Manon, 28 years old. Leonie, 19 years old, polite and friendly.")
    a = run(text, "en")
    assert not a.minor_risk
    youth = next(c for c in a.minor_cues if c.indicator == "minor.youth_language")
    assert youth.detail["weight"] == 0.0 and youth.detail["attributed_age"] == 20


def test_youth_wording_after_an_18_19_age_still_fires():
    a = run("Ask for Leonie and Manon. Manon, 28 years old. Leonie, 19 years old, very young.",
            "en")
    assert a.minor_risk


@pytest.mark.parametrize(("text", "lang"), [
    ("Kiara es venezolana, tiene 18 añitos y es muy cariñosa.", "es"),
    ("Sou a Bia, tenho 19 aninhos e sou carinhosa.", "pt"),
])
def test_diminutive_age_unit_is_youth_wording_with_an_18_19_age(text, lang):
    a = run(text, lang)
    assert a.minor_risk
    # with an adult age of 20+ it is youth wording alone: no flag
    assert not run(text.replace("18", "24").replace("19", "24"), lang).minor_risk


@pytest.mark.parametrize("text", [
    "Fresh arrivals this week in Köln, ask for Nina. Nina is Romanian, she is 18.",
    "Fresh in town! I'm Kate, 19 years old.",
])
def test_fresh_arrivals_is_movement_not_youth(text):
    a = run(text, "en")
    assert not a.minor_risk
    assert all(s.indicator != "validated.youth_language" for s in a.signals)


def test_fresh_alone_is_still_youth():
    a = run("Hi, I'm Lucy, fresh and friendly, 19 years old.", "en")
    assert a.minor_risk


def test_age_inconsistent_with_adult_18_19_needs_youth_wording():
    a = run("Femke ist aus Venezuela, sie ist 18 und sehr lieb.", "de")
    b = apply_structure(a, [Signal("structure.age_inconsistent", "structure", 0.0,
                                   detail={"ages": [18, 25]})])
    assert not b.minor_risk
    c = apply_structure(run("Femke, 18 Jahre, jung und frisch.", "de"),
                        [Signal("structure.age_inconsistent", "structure", 0.0,
                                detail={"ages": [18, 25]})])
    assert c.minor_risk


def test_age_inconsistent_reaching_under_18_fires_alone():
    a = run("Femke, 25 Jahre, sehr lieb.", "de")
    b = apply_structure(a, [Signal("structure.age_inconsistent", "structure", 0.0,
                                   detail={"ages": [16, 25]})])
    assert b.minor_risk
    cue = next(c for c in b.minor_cues if c.indicator == "structure.age_inconsistent")
    assert cue.detail["under_18_elsewhere"] == 16


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Voici Puck, majeure depuis peu, 18 ans tout juste."),
    ("es", "Ioana, mayor de edad hace poco."),
    ("pt", "A Bia é maior de idade há pouco."),
    ("en", "Mia, 18 just turned, new in town."),
    ("de", "Lena, seit kurzem volljährig."),
    ("nl", "Yaritza, sinds kort 18."),
])
def test_recently_of_age_in_either_order_is_a_minor_cue(assess, lang, text):
    assert assess(text, lang).minor_risk


# A minor-coded word next to adult ages only (20+) is costume or marketing: it weighs as
# youth wording. With an 18-19 age, no age, or an age under 18 it still fires.
@pytest.mark.parametrize(("text", "lang", "fires"), [
    ("Carla, 25 años, colegiala traviesa con uniforme escolar", "es", False),
    ("Ambrine, leeftijd 20, schoolmeisje in uniform", "nl", False),
    ("Kate, 26 years old, naughty schoolgirl roleplay", "en", False),
    ("Carla, 19 años, colegiala traviesa", "es", True),
    ("Colegiala traviesa, recién llegada", "es", True),
    ("Kate, 26, and Mia, 19, schoolgirl fantasy", "en", True),
])
def test_coded_words_beside_adult_ages_only_weigh_as_youth_wording(text, lang, fires):
    result = run(text, lang)
    assert result.minor_risk is fires
    coded = [c for c in result.minor_cues if c.indicator == "minor.coded_words"]
    assert coded, "the cue stays visible to the analyst"


def test_a_coded_phrase_after_an_adults_age_in_a_group_ad_is_hers():
    text = ("Em Covilhã hoje: Loredana, Anyelin. Loredana (20) peruana adora uma festa. "
            "Saiu da escola faz pouco, bem inocente. Anyelin (19) dominicana adora uma festa.")
    result = run(text, "pt")
    coded = [c for c in result.minor_cues if c.indicator == "minor.coded_words"]
    assert coded and coded[0].detail.get("attributed_age") == 20
    assert not result.minor_risk
    # the same phrase after the 19-year-old's age is hers: it fires
    swapped = text.replace("(20)", "(2x)").replace("(19)", "(20)").replace("(2x)", "(19)")
    assert run(swapped, "pt").minor_risk
