import pytest

from threadline.extract.prices import find_prices


@pytest.mark.parametrize(("text", "unit"), [
    ("een uur kost 220 €, alleen contant", "hour"),
    ("l'heure c'est 110 €", "hour"),
    ("eine Stunde kostet 190 €", "hour"),
    ("a hora custa 230 €", "hour"),
    ("media hora son 80 €", "half-hour"),
    ("la hora. 250 €", None),  # the clause ended before the amount
    ("3 horas 400 €", None),  # a number between: not "per hour"
    ("tarif unique 150 €", None),
])
def test_unit_written_before_the_amount(text: str, unit: str | None) -> None:
    assert find_prices(text)[0].detail["unit"] == unit
