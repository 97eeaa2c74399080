"""Phones: hidden numbers are found and tagged; prices, dates and IDs never become numbers."""

from __future__ import annotations

import pytest

from threadline.extract.phones import find_phones
from threadline.model import Hint

ES, PT, BR, FR, DE = (
    "+34612345678",
    "+351912345678",
    "+5511987654321",
    "+33612345678",
    "+491701234567",
)
NL, BE, GB, CO, VE = (
    "+31612345678",
    "+32470123456",
    "+447911123456",
    "+573001234567",
    "+584121234567",
)
MX, AR = "+525512345678", "+5491123456789"

# (text, region, expected E.164, technique tag)
OBFUSCATED = [
    # Spanish
    ("Llámame: seis uno dos tres cuatro cinco seis siete ocho", "ES", ES, "spelled"),
    ("SEIS UNO DOS TRES CUATRO CINCO SEIS SIETE OCHO", "ES", ES, "spelled"),
    ("wasap 6 uno 2 tres 4 cinco 6 siete 8 besos", "ES", ES, "spelled"),
    ("tel 6l2 345 678", "ES", ES, "letters"),
    ("6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣ solo whatsapp", "ES", ES, "keycap"),
    ("📞 6 1 2 3 4 5 6 7 8", "ES", ES, "spaced"),
    ("6💋1💋2💋3💋4💋5💋6💋7💋8", "ES", ES, "spaced"),
    ("612*345*678", "ES", ES, "spaced"),
    ("6_1_2_3_4_5_6_7_8", "ES", ES, "spaced"),
    ("①②③ no: ⑥①②③④⑤⑥⑦⑧", "ES", ES, "unicode"),
    (
        "llama al tres uno cinco uno dos tres cuatro cinco seis siete",
        "CO",
        "+573151234567",
        "spelled",
    ),
    ("cero cuatro uno dos uno dos tres cuatro cinco seis siete", "VE", VE, "spelled"),
    ("0412 l23 4567 mi amor", "VE", VE, "letters"),
    ("cinco cinco 1234 cinco seis siete ocho", "MX", MX, "spelled"),
    ("55 🔥 1234 🔥 5678", "MX", MX, "spaced"),
    ("3OO 123 4567", "CO", CO, "letters"),
    ("+54 9 11 dos tres cuatro cinco 6789", "AR", AR, "spelled"),
    ("+5️⃣4️⃣9️⃣1️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣", "AR", AR, "keycap"),
    # Portuguese
    ("liga nove um dois três quatro cinco seis sete oito", "PT", PT, "spelled"),
    ("nove um dois tres quatro cinco seis sete oito", "PT", PT, "spelled"),
    ("9I2 345 678", "PT", PT, "letters"),
    ("zap (11) nove 8765-4321", "BR", BR, "spelled"),
    ("um um nove oito sete meia cinco quatro três dois um", "BR", "+5511987654321", "spelled"),
    ("1️⃣1️⃣9️⃣8️⃣7️⃣6️⃣5️⃣4️⃣3️⃣2️⃣1️⃣", "BR", BR, "keycap"),
    ("11 ✨ 98765 ✨ 4321", "BR", BR, "spaced"),
    # French
    ("zéro six un deux trois quatre cinq six sept huit", "FR", FR, "spelled"),
    ("appelle 06 douze? non: 0six 12 34 56 78", "FR", FR, "spelled"),
    ("O6 12 34 56 78", "FR", FR, "letters"),
    ("0 6 1 2 3 4 5 6 7 8", "FR", FR, "spaced"),
    ("zéro quatre sept zéro 12 34 56", "BE", BE, "spelled"),
    ("0470/l2.34.56", "BE", BE, "letters"),
    # German
    ("null eins sieben null eins zwei drei vier fünf sechs sieben", "DE", DE, "spelled"),
    ("Ruf an: 0l70 1234567", "DE", DE, "letters"),
    ("0️⃣1️⃣7️⃣0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣", "DE", DE, "keycap"),
    ("0170 • 123 • 4567", "DE", DE, "spaced"),
    # Dutch
    ("bel nul zes een twee drie vier vijf zes zeven acht", "NL", NL, "spelled"),
    ("nul zes 12 drie vier 56 zeven acht", "NL", NL, "spelled"),
    ("O6-l2345678", "NL", NL, "letters"),
    ("nul vier zeven nul een twee drie vier vijf zes", "BE", BE, "spelled"),
    # English
    ("text me oh seven nine one one one two three four five six", "GB", GB, "spelled"),
    ("07911 one two three four five six", "GB", GB, "spelled"),
    ("O79ll l23456", "GB", GB, "letters"),
    ("0 7 9 1 1 1 2 3 4 5 6", "GB", GB, "spaced"),
    ("for80 2sixseven one9zerofor", "US", "+14802671904", "spelled"),
]


@pytest.mark.parametrize(("text", "region", "expected", "technique"), OBFUSCATED)
def test_obfuscated_numbers_are_found_and_tagged(text, region, expected, technique):
    found = find_phones(text, region)
    assert [s.value for s in found] == [expected]
    assert found[0].tags[0] == "obfuscated"
    assert technique in found[0].tags
    assert found[0].raw == text[found[0].start : found[0].end]


PLAIN = [
    ("Llámame al 612 345 678", "ES", ES),
    ("612-34-56-78", "ES", ES),
    ("(+34) 612.345.678", "ES", ES),
    ("0034 612 345 678", "ES", ES),
    ("06 12 34 56 78", "FR", FR),
    ("+33 6 12 34 56 78", "FR", FR),
    ("(11) 98765-4321", "BR", BR),
    ("+54 9 11 2345-6789", "AR", AR),
    ("0170 1234567", "DE", DE),
    ("07911 123456", "GB", GB),
    ("whatsapp 34612345678", None, ES),
]


@pytest.mark.parametrize(("text", "region", "expected"), PLAIN)
def test_plain_numbers_carry_no_obfuscated_tag(text, region, expected):
    found = find_phones(text, region)
    assert [s.value for s in found] == [expected]
    assert found[0].tags == ()


NOT_PHONES = [
    ("200€", "ES"),
    ("150 euros/hora", "ES"),
    ("1h 120 30min 80 2h 200", "BE"),
    ("Disponible 19/11/2024 y 20/11/2024", "ES"),
    ("2024-11-19 2024-11-20", "DE"),
    ("le 19.11.24 et le 20.11.24", "FR"),
    ("10:00-22:00", "ES"),
    ("de 10.00-22.00 todos los días", "BE"),
    ("24/7", "ES"),
    ("tengo 23 años", "ES"),
    ("age 19, 1,65m, 55kg", "GB"),
    ("medidas 90-60-90 y 1,70", "ES"),
    ("28013 Madrid", "ES"),
    ("1012 AB Amsterdam 2024", "NL"),
    ("ref 123456789", "FR"),
    ("ID: 20241119001", "ES"),
    ("Pedido nº 612345678", "ES"),
    ("anuncio #912345678", "PT"),
    ("un dos tres cuatro, una chica nueva", "ES"),
    ("one two three for you", "GB"),
    ("R$ 300 a hora, 150 meia hora", "BR"),
    ("$ 200.000 la hora, 350.000 2 horas", "CO"),
    ("desde 80 hasta 612", "ES"),
    ("since 2015 years 2016 2017", "GB"),
    ("12345678901234567890", "ES"),
    ("código postal 08001", "ES"),
]


@pytest.mark.parametrize(("text", "region"), NOT_PHONES)
def test_numbers_that_are_not_phones_yield_nothing(text, region):
    assert find_phones(text, region) == []


def test_independent_ad_yields_exactly_one_phone():
    text = (
        "Soy Laura, 24 años, independiente. 1h 150€, media hora 90€. Disponible 19/11/2024 "
        "de 10:00 a 22:00. Zona 28013. Ref 20241119001. Llámame 612 345 678."
    )
    found = find_phones(text, "ES")
    assert [s.value for s in found] == [ES]
    assert text[found[0].start : found[0].end] == "612 345 678"


def test_links_and_tel_are_tagged_by_technique():
    text = "wa.me/34612345678 | https://api.whatsapp.com/send?phone=351912345678 | tel:+33612345678"
    found = find_phones(text, "ES")
    assert [(s.value, s.tags) for s in found] == [
        (ES, ("wa.me",)),
        (PT, ("wa.me",)),
        (FR, ("tel",)),
    ]


def test_two_numbers_in_one_run_are_split():
    found = find_phones("612 345 678 / 699 123 456", "ES")
    assert [s.value for s in found] == [ES, "+34699123456"]


def test_hint_is_trusted_and_not_duplicated():
    text = "Contacto: +34 612 345 678"
    hint = Hint("phone", "+34 612 345 678", 10, 25)
    found = find_phones(text, "FR", [hint])
    assert [(s.value, s.start, s.end) for s in found] == [(ES, 10, 25)]


def test_spanless_hint_kept_once():
    found = find_phones("no number in text", None, [Hint("tel", "tel:+351912345678")])
    assert [(s.value, s.start, s.tags) for s in found] == [(PT, None, ("tel",))]


def test_without_region_only_international_forms():
    assert find_phones("612 345 678", None) == []
    assert [s.value for s in find_phones("+34 612 345 678", None)] == [ES]


def test_hostile_input_stays_linear():
    assert find_phones("1 " * 5000, "ES") is not None


# Second round: causes of missed numbers seen on the demo corpora, as table cases.
# (text, region, fallbacks, expected E.164 values, technique tag or None for plain)
RECALL = [
    # "number"/"número" is a phone cue, not an ID label
    ("My number: 06 81221861.", "NL", (), ["+31681221861"], None),
    ("Mi número: 658 48 61 48.", "ES", (), ["+34658486148"], None),
    ("O meu número: 923 912 497. Contacto: 234 999 105", "PT", (), ["+351923912497",
                                                                   "+351234999105"], None),
    # national number invalid in the region, valid where a named city is
    ("independent in Hamburg … 01511 7416788", "GB", ("DE",), ["+4915117416788"], None),
    ("Working with 015185611068 and 01515 0719165", "GB", ("DE",),
     ["+4915185611068", "+4915150719165"], None),
    # Spanish 2-2-2 grouping beside a marked-up foreign number: language region fallback
    ("678 76 49 14 / +58 416-3747193", "VE", ("ES",), ["+34678764914", "+584163747193"], None),
    # no region evidence at all: the grouping says which trunk-0 country
    ("escribir al 06 33 61 49 97 con fotos", "ES", (), ["+33633614997"], None),
    ("Escreve para 06 29834760 e explicamos", "PT", (), ["+31629834760"], None),
    ("Manda foto para 01518 4969471 pelo zap", "PT", (), ["+4915184969471"], None),
    # digits glued to number words; an everyday word ("dos", "sept") at the end counts
    ("+57 3dos1 ocho0uno 6uno8 dos", "CO", (), ["+573218016182"], "spelled"),
    ("Réservations au 0six3 trois6un 4neuf9 sept, WhatsApp", "FR", (), ["+33633614997"],
     "spelled"),
    # letters for digits at word starts and as whole words inside a run
    ("OI5 I85 6II O68", "DE", (), ["+4915185611068"], "letters"),
    ("Reach me directly: o6 4l 58 oo 83.", "NL", (), ["+31641580083"], "letters"),
    ("Whats 69 77 ll 62 9, te contestamos", "ES", (), ["+34697711629"], "letters"),
    ("Buchung ol 5l 84 96 94 7l (nur Nachrichten)", "DE", (), ["+4915184969471"], "letters"),
    # keycaps
    ("Citas: 6️⃣8️⃣0️⃣8️⃣0️⃣4️⃣8️⃣7️⃣3️⃣ solo WhatsApp", "ES", (), ["+34680804873"], "keycap"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "region", "fallbacks", "expected", "technique"), RECALL)
def test_recall_cases(text, region, fallbacks, expected, technique):
    found = find_phones(text, region, (), fallbacks)
    assert [s.value for s in found] == expected
    for s in found:
        assert s.raw == text[s.start : s.end]
    if technique is None:
        assert found[0].tags == ()
    else:
        assert found[0].tags[0] == "obfuscated" and technique in found[0].tags


NOT_PHONES_ROUND2 = [
    ("Order number 612345678", "ES", ()),
    ("ad number 0612345678", "FR", ()),
    ("Pedido número: 912345678", "ES", ()),
    # ambiguous trunk-0 number with no evidence: FR and NL both read it as a mobile
    ("Solo WhatsApp 0633614997, envía fotos", "ES", ()),
    # shaped like a GB number but invalid there: never read abroad
    ("Call or text me on 07700 900123.", "GB", ()),
    # whole-word "lo"/"Il" are not digits outside a number
    ("Il est 10 heures, lo siento", "FR", ()),
    ("o 6 o", "ES", ()),
]


@pytest.mark.parametrize(("text", "region", "fallbacks"), NOT_PHONES_ROUND2)
def test_round2_non_phones_yield_nothing(text, region, fallbacks):
    assert find_phones(text, region, (), fallbacks) == []


def test_ambiguous_trunk_hint_is_not_guessed():
    hint = Hint("phone", "0633614997", 0, 10)
    assert find_phones("0633614997", "ES", [hint]) == []
