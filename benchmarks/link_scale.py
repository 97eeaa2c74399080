"""How template linking and community detection scale (run by hand, not in CI).

    .venv/bin/python benchmarks/link_scale.py            # 10k and 100k documents
    .venv/bin/python benchmarks/link_scale.py 10000 100000 300000

Each size runs in a fresh subprocess so its peak memory (ru_maxrss) is its own.
The corpus is synthetic and fictional: a few hundred templates (one per
"controller") with name, age, city, price, phone and emoji slots filled at random
and 0-2 words edited per ad, plus unrelated filler ads built from the same genre
stock phrases (the hard negatives). Printed per size: seconds and peak RSS for
``template_edges`` and ``communities``, and how well the planted templates came
back (edge precision, share of template ads linked to their template, filler ads
wrongly linked).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict

STOCK = [
    "besos", "100% real", "llámame", "WhatsApp", "sin prisas", "trato de novia", "fotos reales",
    "discreción total", "nueva en la ciudad", "salidas a hotel", "new in town", "call me",
    "available 24h", "no rush", "real photos", "nova na cidade", "chamadas e whatsapp",
    "beijinhos", "nouvelle en ville", "photos réelles", "appelle-moi", "bisous",
    "neu in der Stadt", "diskret", "ruf mich an", "Küsse", "nieuw in de stad", "echte foto's",
    "bel me", "kusjes", "solo whatsapp", "pago en efectivo", "todos los servicios",
    "muy cariñosa", "very sweet", "GFE", "sem pressa", "très douce", "ganz privat", "lief en sexy",
]  # fmt: skip
NAMES = ["Zorela", "Mirtana", "Lucía", "Quenna", "Davila", "Oriane", "Tilda", "Mia", "Fenna",
         "Solène", "Brisa", "Yaretzi", "Noémie", "Ilsabet", "Carmina", "Velia"]  # fmt: skip
CITIES = ["Madrid", "Porto", "Lyon", "Köln", "Utrecht", "Faro", "Valverde", "Bilbao",
          "Gent", "Zwolle", "Nantes", "Lisboa"]  # fmt: skip
EMOJI = ["💋", "🌹", "🔥💋", "❤️", "😘😘", "✨", "🍓", ""]
TEMPLATES = 300
FILLER_SHARE = 0.3


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("aeioulmnrstdkpvbz") for _ in range(rng.randint(3, 9)))


def _template(rng: random.Random, vocab: list[str]) -> list[str]:
    parts = ["Hola", "soy", "{name}", "{emoji}", "{age}", "años", "en", "{city}"]
    while sum(len(p) + 1 for p in parts) < 330:
        parts.append(rng.choice(STOCK) if rng.random() < 0.25 else rng.choice(vocab))
    parts += ["{price}", "€", "tel", "{phone}", "{emoji}"]
    return parts


def _fill(rng: random.Random, parts: list[str], vocab: list[str]) -> str:
    words = list(parts)
    for _ in range(rng.choice((0, 0, 1, 2))):  # operators edit a word now and then
        k = rng.randrange(8, len(words) - 5)
        if rng.random() < 0.5:
            del words[k]
        else:
            words[k] = rng.choice(vocab)
    slots = {
        "{name}": rng.choice(NAMES), "{age}": str(rng.randint(19, 39)),
        "{city}": rng.choice(CITIES), "{price}": str(rng.choice((60, 80, 100, 150, 200))),
        "{phone}": f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "{emoji}": rng.choice(EMOJI),
    }  # fmt: skip
    return " ".join(slots.get(w, w) for w in words)


def _filler(rng: random.Random, vocab: list[str]) -> str:
    parts = [rng.choice(("Hola", "Hi", "Olá", "Coucou", "Hallo", "Hoi")), rng.choice(NAMES)]
    while sum(len(p) + 1 for p in parts) < 380:
        parts.append(rng.choice(STOCK) if rng.random() < 0.35 else rng.choice(vocab))
    return " ".join(parts)


def corpus(n: int, seed: int = 7) -> tuple[list[tuple[int, str]], list[int]]:
    """Documents and their planted template (-1 for unrelated filler ads)."""
    rng = random.Random(seed)
    vocab = [_word(rng) for _ in range(20_000)]
    templates = [_template(rng, vocab) for _ in range(TEMPLATES)]
    docs, labels = [], []
    for i in range(n):
        if rng.random() < FILLER_SHARE:
            docs.append((i, _filler(rng, vocab)))
            labels.append(-1)
        else:
            t = min(int(rng.paretovariate(1.2)) - 1, TEMPLATES - 1)  # skewed run sizes
            t = rng.randrange(TEMPLATES) if rng.random() < 0.5 else t
            docs.append((i, _fill(rng, templates[t], vocab)))
            labels.append(t)
    return docs, labels


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int) -> dict[str, float]:
    from threadline.link.communities import communities
    from threadline.link.templates import template_edges

    docs, labels = corpus(n)
    base = _peak_mib()
    t0, c0 = time.perf_counter(), time.process_time()
    edges = template_edges(docs)
    t1, c1 = time.perf_counter(), time.process_time()
    peak_templates = _peak_mib()
    comm = communities(n, edges)
    t2, c2 = time.perf_counter(), time.process_time()
    good = sum(labels[e.a] == labels[e.b] != -1 for e in edges)
    linked = defaultdict(set)
    for e in edges:
        linked[e.a].add(e.value)
        linked[e.b].add(e.value)
    # Share of template ads whose template id is their template's majority id.
    majority: dict[int, str] = {}
    votes: dict[int, Counter] = defaultdict(Counter)
    for d, tids in linked.items():
        if labels[d] != -1:
            votes[labels[d]].update(tids)
    majority = {t: c.most_common(1)[0][0] for t, c in votes.items()}
    template_docs = [d for d in range(n) if labels[d] != -1]
    recovered = sum(majority.get(labels[d]) in linked.get(d, ()) for d in template_docs)
    filler_linked = sum(1 for d in linked if labels[d] == -1)
    by_comm: dict[int, Counter] = defaultdict(Counter)
    for d, c in comm.items():
        by_comm[c][labels[d]] += 1
    purity = sum(c.most_common(1)[0][1] for c in by_comm.values()) / max(1, len(comm))
    return {
        "docs": n,
        "template_s": round(t1 - t0, 2),
        "template_cpu_s": round(c1 - c0, 2),
        "communities_s": round(t2 - t1, 2),
        "communities_cpu_s": round(c2 - c1, 2),
        "peak_rss_corpus_mib": round(base),
        "peak_rss_after_templates_mib": round(peak_templates),
        "peak_rss_after_communities_mib": round(_peak_mib()),
        "edges": len(edges),
        "edge_precision": round(good / max(1, len(edges)), 4),
        "template_ads_recovered": round(recovered / max(1, len(template_docs)), 4),
        "filler_ads_linked": filler_linked,
        "templates_planted": len(set(labels) - {-1}),
        "template_ids": len({e.value for e in edges}),
        "communities": len(by_comm),
        "community_purity": round(purity, 4),
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(run(int(argv[1]))))
        return
    for n in [int(a) for a in argv] or [10_000, 100_000]:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        print(out.stdout.strip(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
