"""Template links: one template with its slots swapped links; shared stock phrases don't.

All ads are invented for the test; names, numbers and domains are fictional.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random

import numpy as np
import pytest
from datasketch import MinHash

from threadline.link.templates import (
    discount_other_authors,
    minhash_signatures,
    normalise_for_template,
    template_config,
    template_edges,
)
from threadline.model import Edge

# --- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hola, soy Lucía 🌹💋 tengo 23 años", "hola soy <name> <emoji> tengo <num> anos"),
        ("Llámame al +34 612 34 56 78 ahora", "llamame al <num> ahora"),
        ("Estoy en Madrid centro", "estoy en <city>"),
        ("Nueva en Palma de Mallorca", "nueva en <city>"),
        ("escríbeme: lucia.x@correo.example", "escribeme <email>"),
        ("fotos en www.chicas.example/lucia y @lucia_x", "fotos en <url> y <handle>"),
        ("Me llamo zorela y soy nueva", "me llamo <name> y soy nueva"),  # strong cue: any case
        ("soy nueva en la ciudad", "soy nueva en la ciudad"),  # weak cue, lower case: kept
        ("Ich heiße Quenna, 25 Jahre", "ich heisse <name> <num> jahre"),
        ("Je m'appelle Oriane, 100% réelle", "je m appelle <name> <num> reelle"),
        ("Olá, sou a Brisa, em Lisboa", "ola sou a <name> em <city>"),
        ("Hoi, ik ben Fenna uit Utrecht", "hoi ik ben <name> uit <city>"),
        ("Привет, я Мила, 22 года", "привет я мила <num> года"),  # non-Latin kept, not dropped
        ("ＬＵＣＩＡ ①⑨ 　años", "<name> <num> anos"),  # full-width and circled digits
        ("💋💋 💋 besos 😘", "<emoji> besos <emoji>"),
        ("", ""),
    ],
)
def test_normalise_for_template(text, expected):
    assert normalise_for_template(text) == expected


# --- MinHash equals datasketch's -----------------------------------------------------


def test_signatures_equal_datasketch():
    rng = np.random.default_rng(5)
    sets = [rng.choice(2**32, size=n, replace=False).astype(np.uint32) for n in (1, 7, 40)]
    flat = np.concatenate(sets)
    offsets = np.array([0, 1, 8])
    sigs = minhash_signatures(flat, offsets, num_perm=64, seed=1, chunk_rows=5)
    for row, values in zip(sigs, sets, strict=True):
        m = MinHash(num_perm=64, seed=1, hashfunc=int)
        m.update_batch(values.tolist())
        assert np.array_equal(row, m.hashvalues)


# --- corpora -------------------------------------------------------------------------

TEMPLATE_A = (
    "Hola cariño, soy {name} {emoji} tengo {age} años y acabo de llegar a {city}. Chica "
    "dulce y educada, me encanta conocer gente nueva y pasar un rato tranquilo sin prisas. "
    "Recibo en apartamento privado y discreto cerca de la estación, con aparcamiento fácil. "
    "Tarifa {price} euros la hora. Escríbeme al {phone} y te contesto enseguida {emoji}"
)
TEMPLATE_B = (
    "New girl {name} in {city}! {emoji} {age} years old, elegant companion for dinner dates "
    "and evenings at your hotel. I speak English and a little French, always punctual and "
    "well dressed, outcalls only after a short chat on the phone first. Rates from {price} "
    "for one hour, text {phone} to book {emoji}"
)
TEMPLATE_RU = (
    "Привет, меня зовут {name} {emoji} мне {age} лет, я в городе {city} всего несколько "
    "дней. Спокойная и весёлая девушка, люблю долгие прогулки, хорошее вино и интересные "
    "разговоры. Встречи только по предварительной договорённости, цена {price} за час, "
    "пишите на номер {phone} {emoji}"
)
NAMES = ["Zorela", "Mirtana", "Quenna", "Davila", "Tilda", "Velia", "Ilsabet", "Carmina"]
CITIES = ["Madrid", "Bilbao", "Sevilla", "Valverde", "Porto", "Lyon", "Utrecht", "Zwolle"]
EMOJI = ["💋", "🌹", "🔥🔥", "❤️", "😘", "✨"]
STOCK = [
    "besos", "100% real", "llámame", "WhatsApp", "sin prisas", "fotos reales", "discreción",
    "nueva en la ciudad", "call me", "new in town", "real photos", "beijinhos", "bisous",
]  # fmt: skip


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        name=rng.choice(NAMES),
        age=rng.randint(19, 39),
        city=rng.choice(CITIES),
        price=rng.choice((60, 80, 100, 150)),
        phone=f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        emoji=rng.choice(EMOJI),
    )


def genre_ad(rng: random.Random, vocab: list[str]) -> str:
    """An unrelated ad: the genre's stock phrases mixed with its own words."""
    words = [rng.choice(STOCK) if rng.random() < 0.4 else rng.choice(vocab) for _ in range(45)]
    return f"Hola, soy {rng.choice(NAMES)} " + " ".join(words)


@pytest.fixture(scope="module")
def corpus() -> tuple[list[tuple[int, str]], dict[int, str]]:
    rng = random.Random(11)
    vocab = ["".join(rng.choice("aeioulmnrstdkp") for _ in range(6)) for _ in range(400)]
    docs, label = [], {}
    for name, template, count in (
        ("A", TEMPLATE_A, 8),
        ("B", TEMPLATE_B, 6),
        ("RU", TEMPLATE_RU, 5),
    ):
        for _ in range(count):
            label[len(docs)] = name
            docs.append((len(docs), fill(template, rng)))
    for _ in range(40):
        label[len(docs)] = "-"
        docs.append((len(docs), genre_ad(rng, vocab)))
    rng.shuffle(docs)
    return docs, label


def components(edges) -> list[set[int]]:
    groups: dict[int, set[int]] = {}
    for e in edges:
        merged = groups.get(e.a, {e.a}) | groups.get(e.b, {e.b})
        for d in merged:
            groups[d] = merged
    return list({id(g): g for g in groups.values()}.values())


def test_template_families_link_and_nothing_else(corpus):
    docs, label = corpus
    edges = template_edges(docs)
    found = sorted(sorted(g) for g in components(edges))
    expected = sorted(
        sorted(d for d, lab in label.items() if lab == name) for name in ("A", "B", "RU")
    )
    assert found == expected
    for e in edges:
        assert e.kind == "template" and e.a < e.b
        assert template_config().threshold <= e.weight <= 1.0


def test_template_id_is_stable_and_explainable(corpus):
    docs, label = corpus
    edges = template_edges(docs)
    smallest_a = min(d for d, lab in label.items() if lab == "A")
    text = dict(docs)[smallest_a]
    expected = "T-" + hashlib.sha1(normalise_for_template(text).encode()).hexdigest()[:8]
    assert {e.value for e in edges if label[e.a] == "A"} == {expected}
    assert template_edges(list(reversed(docs))) == edges  # input order does not matter


def test_stock_phrases_alone_do_not_link():
    """Many ads sharing the genre's phrases (most of each ad): no template edge."""
    rng = random.Random(4)
    docs = []
    for i in range(80):
        phrases = rng.sample(STOCK, 9) + [rng.choice(NAMES), rng.choice(CITIES)]
        docs.append((i, " ".join(phrases) + f" {rng.randint(20, 40)} " + " ".join(phrases[:4])))
    cfg = dataclasses.replace(template_config(), df_cap_min_docs=5)
    assert template_edges(docs, config=cfg) == []


def test_short_texts_never_link():
    docs = [(i, f"Besos, llámame al 61{i} 000 00{i} 💋") for i in range(5)]
    assert template_edges(docs) == []


def test_prolific_template_is_not_mistaken_for_boilerplate():
    """A template on most of the corpus has only common shingles; it must still link."""
    rng = random.Random(8)
    vocab = ["".join(rng.choice("aeioulmnrstdkp") for _ in range(6)) for _ in range(400)]
    docs = [(i, fill(TEMPLATE_A, rng)) for i in range(30)]
    docs += [(30 + i, genre_ad(rng, vocab)) for i in range(10)]
    cfg = dataclasses.replace(template_config(), df_cap_min_docs=5, df_cap_share=0.05)
    groups = components(template_edges(docs, config=cfg))
    assert [sorted(g) for g in groups] == [list(range(30))]


@pytest.mark.parametrize(
    ("edits", "linked"),
    [(0, True), (2, True), (3, True), (40, False)],
)
def test_word_edits(edits, linked):
    """Rewording a few words keeps the link; rewriting most of the ad loses it."""
    rng = random.Random(edits)
    base = fill(TEMPLATE_B, rng).split()
    other = list(base)
    for k in rng.sample(range(len(other)), edits):
        other[k] = "".join(rng.choice("xyzqw") for _ in range(7))
    edges = template_edges([(1, " ".join(base)), (2, " ".join(other))])
    assert bool(edges) is linked


def test_nothing_to_link():
    assert template_edges([]) == []
    assert template_edges([(1, fill(TEMPLATE_A, random.Random(1)))]) == []


def test_template_links_between_differently_signed_documents_weigh_less():
    edges = [Edge(1, 2, "template", "T-1", 0.8), Edge(1, 3, "template", "T-1", 0.8),
             Edge(1, 4, "template", "T-1", 0.8), Edge(1, 2, "phone", "+34611", 1.0)]
    contacts = {1: {("phone", "+34611")}, 2: {("phone", "+34622")},
                3: {("phone", "+34611"), ("phone", "+34633")}}  # 4 prints no readable contact
    out = discount_other_authors(edges, contacts, 0.5)
    assert [e.weight for e in out] == [0.4, 0.8, 0.8, 1.0]
