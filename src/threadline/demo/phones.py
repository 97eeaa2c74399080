"""Fictional but *valid* phone numbers, and the ways ads write them.

Extractors are tested against these numbers, so each one must pass
``phonenumbers.is_valid_number`` for its region: otherwise a correct extractor
would be marked wrong. Obfuscation styles are named so a phrasebook can choose
which ones its variant uses (heldout uses styles train never shows).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType

_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_KEYCAP = "\ufe0f\u20e3"


def random_phone(
    region: str, rng: random.Random, taken: set[str], kind: str = "mobile"
) -> PhoneNumber:
    """A valid number of ``region`` not in ``taken`` (E.164 strings), which it joins.

    Starts from the region's example number and redraws the trailing digits, so the
    number keeps a real operator prefix and only the validity check decides.
    """
    ptype = PhoneNumberType.MOBILE if kind == "mobile" else PhoneNumberType.FIXED_LINE
    example = phonenumbers.example_number_for_type(region, ptype)
    nsn = phonenumbers.national_significant_number(example)
    keep = max(1, len(nsn) - 8)
    for _ in range(1000):
        digits = nsn[:keep] + "".join(rng.choice("0123456789") for _ in nsn[keep:])
        num = PhoneNumber(country_code=example.country_code, national_number=int(digits))
        if not phonenumbers.is_valid_number(num):
            continue
        if kind == "mobile" and phonenumbers.number_type(num) not in _MOBILE_TYPES:
            continue
        e164 = to_e164(num)
        if e164 not in taken:
            taken.add(e164)
            return num
    raise RuntimeError(f"could not draw a valid {kind} number for {region}")


def to_e164(num: PhoneNumber) -> str:
    return phonenumbers.format_number(num, PhoneNumberFormat.E164)


def region_of(num: PhoneNumber) -> str:
    return phonenumbers.region_code_for_number(num) or ""


def plain(num: PhoneNumber, ad_country: str, rng: random.Random) -> str:
    """The number as an honest ad writes it: national format at home, international abroad
    (an ad in France with a Spanish number must carry +34 for anyone to call it)."""
    if region_of(num) == ad_country and rng.random() < 0.8:
        text = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
        return text.replace(" ", "") if rng.random() < 0.2 else text
    return phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL)


def _parts(num: PhoneNumber, ad_country: str) -> tuple[str, str]:
    """(prefix kept literally, digits to disguise)."""
    if region_of(num) == ad_country:
        national = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
        return "", "".join(c for c in national if c.isdigit())
    return f"+{num.country_code} ", phonenumbers.national_significant_number(num)


def _groups(digits: str, size: int) -> list[str]:
    return [digits[i : i + size] for i in range(0, len(digits), size)]


def _spaced_groups(digits: str, words: list[str]) -> str:
    return ". ".join(" ".join(g) for g in _groups(digits, 3))


def _spelled(digits: str, words: list[str]) -> str:
    return " ".join(words[int(d)] for d in digits)


def _mixed_words(digits: str, words: list[str]) -> str:
    spelled = [d if i % 2 == 0 else words[int(d)] for i, d in enumerate(digits)]
    return " ".join("".join(spelled[i : i + 3]) for i in range(0, len(spelled), 3))


def _letter_swap(digits: str, words: list[str]) -> str:
    swapped = digits.replace("1", "I").replace("0", "O")
    return " ".join(_groups(swapped, 3))


def _keycaps(digits: str, words: list[str]) -> str:
    return "".join(d + _KEYCAP for d in digits)


def _dashed(digits: str, words: list[str]) -> str:
    return "-".join([digits[:3], *_groups(digits[3:], 2)])


def _math_digits(digits: str, words: list[str]) -> str:
    return " ".join("".join(chr(0x1D7CE + int(d)) for d in g) for g in _groups(digits, 3))


def _fullwidth(digits: str, words: list[str]) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


def _underscored(digits: str, words: list[str]) -> str:
    return "_".join(digits)


def _lower_swap(digits: str, words: list[str]) -> str:
    return " ".join(_groups(digits.replace("0", "o").replace("1", "l"), 2))


#: Styles that disguise the digits; the prefix (+CC) is kept as written.
DIGIT_STYLES: dict[str, Callable[[str, list[str]], str]] = {
    "spaced_groups": _spaced_groups,
    "spelled": _spelled,
    "mixed_words": _mixed_words,
    "letter_swap": _letter_swap,
    "keycaps": _keycaps,
    "dashed": _dashed,
    "math_digits": _math_digits,
    "fullwidth": _fullwidth,
    "underscored": _underscored,
    "lower_swap": _lower_swap,
}
#: Styles that write the full international number inside a messaging link.
LINK_STYLES: dict[str, str] = {
    "wa_me": "wa.me/{digits}",
    "api_whatsapp": "api.whatsapp.com/send?phone={digits}",
}
STYLES: frozenset[str] = frozenset(DIGIT_STYLES) | frozenset(LINK_STYLES)


def obfuscate(num: PhoneNumber, style: str, ad_country: str, digit_words: list[str]) -> str:
    """The complete number written in ``style`` (never truncated: labels must stay true)."""
    if style in LINK_STYLES:
        return LINK_STYLES[style].format(digits=to_e164(num)[1:])
    prefix, digits = _parts(num, ad_country)
    return prefix + DIGIT_STYLES[style](digits, digit_words)
