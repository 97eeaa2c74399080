from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from threadline.ingest.sites import FIELD_NAMES, extract_fields, load_sites, site_for

DEMO_SITES = {
    "citas-madrid.example": "ES",
    "rosa-paris.example": "FR",
    "amsterdam-models.example": "NL",
    "berlin-begleitung.example": "DE",
    "lisboa-acompanhantes.example": "PT",
    "limpiezas-hogar.example": "ES",
}


@pytest.mark.parametrize(("host", "country"), sorted(DEMO_SITES.items()))
def test_demo_sites_configured(host: str, country: str) -> None:
    site = site_for(host)
    assert site is not None and site.country == country
    assert set(site.fields) <= set(FIELD_NAMES)
    assert {"name", "age", "price", "city", "phone", "poster_id"} <= set(site.fields)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.citas-madrid.example", "citas-madrid.example"),
        ("CITAS-MADRID.EXAMPLE.", "citas-madrid.example"),
        ("notcitas-madrid.example", None),
        ("unknown.example", None),
        (None, None),
    ],
)
def test_site_for_matches_host_suffix(host: str | None, expected: str | None) -> None:
    site = site_for(host)
    assert (site.host if site else None) == expected


def test_limpiezas_is_domestic_services() -> None:
    assert load_sites()["limpiezas-hogar.example"].category == "domestic-services"


def test_extract_fields() -> None:
    tree = LexborHTMLParser(
        '<span class="ad-name"> Eva  María </span><span class="ad-age"></span>'
        '<a class="ad-phone" href="tel:+31612345678">06-1234 5678</a>'
        '<span class="ad-poster" data-poster-id="am-5"></span>'
    )
    fields = extract_fields(tree, site_for("amsterdam-models.example"))
    assert fields == {"name": "Eva María", "phone": "06-1234 5678", "poster_id": "am-5"}
