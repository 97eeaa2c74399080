"""Throughput of ``threadline.extract.extract`` on one core (run by hand, not in CI).

    .venv/bin/python benchmarks/extract_speed.py            # 3,000 ads
    .venv/bin/python benchmarks/extract_speed.py 10000      # more ads, steadier figure

The corpus is synthetic and fictional (made-up names, ``.example`` domains):
ads of 300-1,000 characters in ES, EN, PT, FR, DE and NL, built from stock
sentences, about two thirds with a phone number (plain, international, spaced
or spelled out), some with e-mails, handles, URLs, prices, dates and ages, the
rest with no contact in the text at all. Printed: the corpus shape, docs/s by
wall clock and by process CPU time (the machine is shared, CPU time is the
steadier of the two), and the load average at the start.
"""

from __future__ import annotations

import os
import random
import sys
import time

from threadline.extract import extract
from threadline.model import Document

NAMES = ["Zorela", "Mirtana", "Lucía", "Quenna", "Davila", "Oriane", "Tilda", "Fenna", "Brisa",
         "Noémie", "Ilsabet", "Carmina", "Velia", "Yaretzi", "Solène"]  # fmt: skip
CITIES = {
    "es": ["Madrid", "Valencia", "Bilbao", "Málaga", "Sevilla"],
    "en": ["London", "Manchester", "Leeds", "Bristol"],
    "pt": ["Lisboa", "Porto", "Faro", "Braga"],
    "fr": ["Paris", "Lyon", "Nantes", "Lille"],
    "de": ["Berlin", "Köln", "Hamburg", "München"],
    "nl": ["Amsterdam", "Utrecht", "Zwolle", "Rotterdam"],
}
REGION = {"es": "ES", "en": "GB", "pt": "PT", "fr": "FR", "de": "DE", "nl": "NL"}
SITE = {"es": "anuncios.example", "en": "adverts.example", "pt": "classificados.example",
        "fr": "annonces.example", "de": "kleinanzeigen.example", "nl": "advertenties.example"}  # fmt: skip
EMOJI = ["💋", "🌹", "🔥", "❤️", "😘", "✨", ""]

# Stock sentences per language: {n} name, {c} city, {a} age, {p} price.
BODY = {
    "es": [
        "Hola chicos, soy {n}, una chica muy cariñosa y discreta.",
        "Tengo {a} años y estoy en {c} por pocos días.",
        "Piso privado y discreto cerca del centro, con parking.",
        "Me encanta conocer gente nueva y pasar un buen rato sin prisas.",
        "Fotos 100% reales, sin sorpresas ni engaños.",
        "Trato de novia, besos y mucha complicidad.",
        "Precios: media hora {p}€, 1 hora {q} euros.",
        "Disponible todos los días de 10:00 a 22:00, también salidas a hotel.",
        "Pago en efectivo. Solo mayores de 18.",
        "Ref 2024{r}. Anuncio publicado el 19/11/2024.",
        "Mido 1,65m y peso 55kg, morena de ojos verdes.",
        "No contesto números ocultos ni mensajes de texto.",
    ],
    "en": [
        "Hi guys, I'm {n}, new in town and very sweet.",
        "I am {a} years old, a friendly and open-minded girl.",
        "Incall and outcall in {c}, discreet private flat.",
        "Real photos, no surprises, no rush.",
        "Girlfriend experience, I love to chat and have fun.",
        "Rates: 30min {p}, 1h {q}, overnight on request.",
        "Available 24/7, please book at least one hour ahead.",
        "No withheld numbers, no texts without a name.",
        "Height 165 cm, size 8, long dark hair.",
        "Ad ref {r}, posted 19/11/2024.",
        "Clean, respectful gentlemen only.",
    ],
    "pt": [
        "Olá amores, sou a {n}, novinha e muito carinhosa.",
        "Tenho {a} anos e estou em {c} esta semana.",
        "Apartamento privado e discreto no centro.",
        "Sem pressa, com muito carinho para você.",
        "Fotos reais, sem surpresas.",
        "Valor {p}€ meia hora, {q}€ a hora.",
        "Atendo das 10:00 às 23:00, também hotel.",
        "Não atendo números privados.",
        "Beijinhos e até já.",
        "Anúncio ref {r}, publicado em 19/11/2024.",
    ],
    "fr": [
        "Bonjour messieurs, je suis {n}, nouvelle en ville.",
        "J'ai {a} ans, très douce et souriante.",
        "Je reçois à {c} dans un appartement discret.",
        "Photos réelles, pas de mauvaises surprises.",
        "Tarifs : 30 min {p}€, 1h {q}€.",
        "Disponible de 10h00 à 22h00, sur rendez-vous.",
        "Pas de numéros masqués, merci.",
        "Bisous et à bientôt.",
        "Annonce ref {r} du 19/11/2024.",
        "Je mesure 1,68 m pour 57 kg.",
    ],
    "de": [
        "Hallo, ich bin {n}, neu in der Stadt.",
        "Ich bin {a} Jahre alt, sehr zärtlich und diskret.",
        "Privat in {c}, ganz diskret, mit Parkplatz.",
        "Echte Fotos, keine Überraschungen.",
        "Preise: 30 Min {p}€, 1 Std {q}€.",
        "Termine von 10:00 bis 22:00, auch Hotelbesuche.",
        "Keine unterdrückten Nummern, bitte.",
        "Küsse und bis bald.",
        "Anzeige Nr. {r} vom 19.11.2024.",
        "Ich bin 1,70 m groß und wiege 58 kg.",
    ],
    "nl": [
        "Hallo heren, ik ben {n}, nieuw in de stad.",
        "Ik ben {a} jaar, lief en sexy.",
        "Privé ontvangst in {c}, heel discreet.",
        "Echte foto's, geen verrassingen.",
        "Tarieven: half uur {p}€, 1 uur {q}€.",
        "Bereikbaar van 10:00 tot 22:00, ook hotelbezoek.",
        "Geen anonieme nummers, alsjeblieft.",
        "Kusjes en tot snel.",
        "Advertentie ref {r} van 19-11-2024.",
    ],
}
CALL = {"es": "Llámame o escríbeme por WhatsApp al", "en": "Call or text me on",
        "pt": "Liga-me ou WhatsApp", "fr": "Appelle-moi au", "de": "Ruf mich an unter",
        "nl": "Bel me op"}  # fmt: skip
SPELLED = {"es": "seis uno dos tres cuatro cinco seis siete ocho",
           "en": "zero seven seven zero zero nine zero zero one two three",
           "pt": "nove um dois três quatro cinco seis sete oito",
           "fr": "zéro six un deux trois quatre cinq six sept huit",
           "de": "null eins fünf eins zwei drei vier fünf sechs sieben acht",
           "nl": "nul zes een twee drie vier vijf zes zeven acht"}  # fmt: skip


def _phone(lang: str, rng: random.Random) -> str:
    """One number as ads write it: national, international, spaced or spelled."""
    d = "".join(rng.choice("0123456789") for _ in range(8))
    national = {
        "es": f"6{d[:2]} {d[2:5]} {d[5:8]}",
        "en": f"07700 900{d[:3]}",
        "pt": f"9{d[:2]} {d[2:5]} {d[5:8]}",
        "fr": f"06 {d[:2]} {d[2:4]} {d[4:6]} {d[6:8]}",
        "de": f"0151 {d[:4]} {d[4:8]}",
        "nl": f"06-{d}",
    }[lang]
    style = rng.random()
    if style < 0.55:
        return national
    if style < 0.75:
        cc = {"es": "34", "en": "44", "pt": "351", "fr": "33", "de": "49", "nl": "31"}[lang]
        return f"+{cc} {national.lstrip('0').replace('-', ' ')}"
    if style < 0.9:
        return " ".join(national.replace(" ", "").replace("-", ""))  # "6 1 2 3 4 …"
    return SPELLED[lang]


def make_ad(rng: random.Random, with_phone: bool) -> tuple[str, str]:
    """A fictional ad of 300-1,000 characters and its language."""
    lang = rng.choice(list(BODY))
    target = rng.randint(300, 950)
    slots = {
        "n": rng.choice(NAMES),
        "c": rng.choice(CITIES[lang]),
        "a": rng.randint(19, 38),
        "p": rng.choice([60, 70, 80, 90, 100]),
        "q": rng.choice([120, 150, 180, 200]),
        "r": rng.randint(10000, 99999),
    }
    greeting, *pool = BODY[lang]
    rng.shuffle(pool)
    parts = [greeting.format(**slots)]
    contact: list[str] = []
    if with_phone:
        contact.append(f"{CALL[lang]} {_phone(lang, rng)}.")
    if rng.random() < 0.4:
        contact.append(f"Telegram: @{slots['n'].lower()}_{rng.randint(1, 99)}")
    if rng.random() < 0.25:
        contact.append(f"{slots['n'].lower()}{rng.randint(1, 99)}@mail.example")
    if rng.random() < 0.3:
        contact.append(f"https://{slots['n'].lower()}-vip.example/perfil")
    budget = target - sum(len(c) + 1 for c in contact)
    while pool and sum(len(p) + 1 for p in parts) < budget:
        parts.append(f"{pool.pop(0).format(**slots)} {rng.choice(EMOJI)}".rstrip())
    parts.insert(rng.randint(1, len(parts)), " ".join(contact))
    text = " ".join(p for p in parts if p)
    while len(text) < 300:  # short pools: repeat a sentence, as real ads do
        text += " " + BODY[lang][0].format(**slots)
    return text[:1000], lang


def corpus(n: int, seed: int = 1) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        text, lang = make_ad(rng, with_phone=rng.random() < 0.65)
        docs.append(Document(f"bench:{i}", "html", "bench", str(i), text, site=SITE[lang]))
    return docs


def main(n: int = 3000) -> None:
    docs = corpus(n)
    lengths = sorted(len(d.text) for d in docs)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"{n} ads, chars min/median/max {lengths[0]}/{lengths[n // 2]}/{lengths[-1]}")
    for d in docs[:100]:  # warm caches: lexicons, compiled regexes, lingua
        extract(d)
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(len(extract(d).values("phone")) for d in docs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"phones found: {found}")
    print(f"{n / wall:,.0f} docs/s (wall)   {n / cpu:,.0f} docs/s (cpu)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
