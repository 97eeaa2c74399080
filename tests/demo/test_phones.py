from __future__ import annotations

import random
import unicodedata

import phonenumbers
import pytest

from threadline.demo.phones import STYLES, obfuscate, plain, random_phone, to_e164

WORDS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
ES = phonenumbers.parse("+34612345678")


@pytest.mark.parametrize(("style", "expected"), [
    ("spaced_groups", "6 1 2. 3 4 5. 6 7 8"),
    ("spelled", "seis uno dos tres cuatro cinco seis siete ocho"),
    ("mixed_words", "6uno2 tres4cinco 6siete8"),
    ("letter_swap", "6I2 345 678"),
    ("keycaps", "6\ufe0f\u20e31\ufe0f\u20e32\ufe0f\u20e33\ufe0f\u20e34\ufe0f\u20e3"
                "5\ufe0f\u20e36\ufe0f\u20e37\ufe0f\u20e38\ufe0f\u20e3"),
    ("wa_me", "wa.me/34612345678"),
    ("dashed", "612-34-56-78"),
    ("underscored", "6_1_2_3_4_5_6_7_8"),
    ("api_whatsapp", "api.whatsapp.com/send?phone=34612345678"),
    ("lower_swap", "6l 23 45 67 8"),
])
def test_obfuscation_styles(style: str, expected: str) -> None:
    assert obfuscate(ES, style, "ES", WORDS) == expected


@pytest.mark.parametrize("style", ["math_digits", "fullwidth"])
def test_unicode_digit_styles_normalise_back(style: str) -> None:
    text = unicodedata.normalize("NFKC", obfuscate(ES, style, "ES", WORDS))
    assert text.replace(" ", "") == "612345678"


def test_foreign_numbers_keep_their_country_code() -> None:
    for style in sorted(STYLES):
        text = obfuscate(ES, style, "FR", WORDS)
        assert "34" in text, style


@pytest.mark.parametrize("region", ["ES", "PT", "FR", "NL", "DE", "VE", "CO", "BR"])
def test_random_phones_are_valid_mobiles_and_unique(region: str) -> None:
    rng, taken = random.Random(region), set()
    numbers = [random_phone(region, rng, taken) for _ in range(50)]
    assert len({to_e164(n) for n in numbers}) == 50
    for number in numbers:
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.region_code_for_number(number) == region
        written = plain(number, region, rng)
        assert phonenumbers.parse(written, region) == number
