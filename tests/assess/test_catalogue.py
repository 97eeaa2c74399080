import re

import pytest

from threadline.assess.catalogue import LANGUAGES, keywords, load_catalogue, scan
from threadline.folding import fold


def test_catalogue_loads_with_complete_entries():
    cat = load_catalogue()
    assert len(cat.indicators) >= 35
    for ind in cat.indicators.values():
        assert ind.id and ind.category and ind.note and ind.source, ind.id
        assert isinstance(ind.weight, float)
        if ind.derived is None:
            assert ind.languages, ind.id
        for lang in ind.languages:
            assert lang in LANGUAGES
            assert ind.patterns.get(lang), f"{ind.id} lists {lang} without patterns"


def test_required_categories_present():
    cats = {i.category for i in load_catalogue().indicators.values()}
    assert {"validated", "movement", "managed", "control", "debt", "recruitment", "minor",
            "structure", "counter"} <= cats


def test_every_pattern_compiles_and_is_indexed():
    for ind in load_catalogue().indicators.values():
        for pats in ind.patterns.values():
            for p in pats:
                if p.startswith("re:"):
                    re.compile(p[3:])
                kws, _, _ = keywords(p)
                assert kws and all(kws), p


def test_structure_ids_listed_with_weights():
    inds = load_catalogue().indicators
    for sid in ("contact_multi_person", "ads_per_contact_day", "template_multi_name",
                "multi_city", "multi_country", "recruitment_link", "age_inconsistent"):
        assert f"structure.{sid}" in inds
    assert inds["structure.age_inconsistent"].minor


def test_movement_is_counter_evidence():
    assert load_catalogue().indicators["movement.touring"].weight < 0


@pytest.mark.parametrize("text", ["Mädchen ÉCHTE Fotos", "niña İstanbul", "São João", "ß"])
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "indicator", "span"),
    [
        ("Hola, FOTOS REÁLES y más", "validated.trustworthy_provider", "FOTOS REÁLES"),
        ("Très jeune, photos réelles", "validated.trustworthy_provider", "photos réelles"),
        ("Unsere Mädchen warten", "managed.third_person_group", "Unsere Mädchen"),
        ("Echte foto's, geen nep", "validated.trustworthy_provider", "Echte foto's"),
        ("¡Sin engaños!", "validated.trustworthy_provider", "Sin engaños"),
        ("Novinha 🎀 linda", "validated.youth_language", "🎀"),
    ],
)
def test_spans_point_at_original_text(text, indicator, span):
    hits = [h for h in scan(text) if h.indicator == indicator]
    assert hits, indicator
    assert span in [text[h.start : h.end] for h in hits]


def test_no_match_inside_words_or_domains():
    ids = {h.indicator for h in scan("El virus; contacto soporte@amsterdam-models.example")}
    assert "validated.ethnicity" not in ids
    assert "recruitment.vague_job" not in ids


def test_regex_alternation_gets_word_boundaries_on_every_alternative() -> None:
    """"re:ados?|adolescentes?" (French "ado") must not fire inside Portuguese "adoro"."""
    from threadline.assess.catalogue import scan

    assert not [h for h in scan("adoro pessoas respeitosas", "pt") if h.indicator.startswith("minor")]
    assert [h for h in scan("une ado de 16 ans", "fr") if h.indicator == "minor.youth_coded"]


@pytest.mark.parametrize("gap", range(0, 60))
def test_a_search_window_cut_inside_a_word_is_no_word_boundary(gap: int) -> None:
    """Each keyword hit searches a window; the window's end must not act as a word end
    (a second "adora" cut after "ado" read as French "ado" in a Portuguese group ad)."""
    text = "Yuleidy 💃 adora uma festa. " + "x" * gap + " Anyelin 💃 adora uma festa."
    assert not [h for h in scan(text, "pt") if h.indicator.startswith("minor")]


@pytest.mark.parametrize("gap", range(0, 40, 3))
def test_a_lookahead_past_the_window_still_excludes(gap: int) -> None:
    """"muy joven de espíritu" is adult wording even when the keyword's window ends
    before the lookahead's words."""
    text = "joven " + "x" * gap + " muy joven de espiritu y de corazon"
    assert "validated.youth_language" not in {h.indicator for h in scan(text, "es")}
