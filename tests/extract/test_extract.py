"""extract() on whole documents."""

from __future__ import annotations

from threadline.extract import extract
from threadline.model import Document, Hint

AD = (
    "Hola, soy Laura, chica independiente de 24 años. Estoy en Málaga centro. "
    "1h 150€, media hora 90€. Disponible 19/11/2024 de 10:00 a 22:00. Zona 29001. "
    "Ref 20241119001. Llámame 612 345 678 o escribe laura arroba mail punto com. "
    "Telegram: @laura_mlg  laura-mlg.example/fotos"
)


def test_independent_ad():
    doc = Document("r", "html", "s", "1", AD, site="ads.example", account="ads.example:poster/4411")
    ex = extract(doc)
    assert ex.values("phone") == ["+34612345678"]
    assert ex.values("email") == ["laura@mail.com"]
    assert ex.values("username") == ["telegram:laura_mlg"]
    assert ex.values("domain") == ["laura-mlg.example"]
    assert ex.values("account") == ["ads.example:poster/4411"]
    assert [a.value for a in ex.attribute("language")] == ["es"]
    assert [a.value for a in ex.attribute("age")] == ["24"]
    assert [a.value for a in ex.attribute("city")] == ["Málaga"]
    assert [a.value for a in ex.attribute("country")] == ["ES"]
    assert [a.value for a in ex.attribute("price")] == ["150 EUR", "90 EUR"]
    assert [a.value for a in ex.attribute("name")] == ["Laura"]
    for s in ex.selectors:
        if s.start is not None:
            assert AD[s.start : s.end] == s.raw


def test_telegram_entities_are_used():
    text = "Nueva chica. Info: @anna_vip"
    doc = Document(
        "telegram://c/1",
        "telegram",
        "s",
        "1",
        text,
        hints=[
            Hint("mention", "@anna_vip", 19, 28),
            Hint("phone", "+351912345678"),
            Hint("text_link", "https://t.me/otra_cuenta", 0, 5),
            Hint("email", "anna@mail.example", None, None),
        ],
    )
    ex = extract(doc)
    assert ex.values("phone") == ["+351912345678"]
    assert sorted(ex.values("username")) == ["telegram:anna_vip", "telegram:otra_cuenta"]
    assert ex.values("email") == ["anna@mail.example"]
    assert "t.me" in ex.values("domain")
