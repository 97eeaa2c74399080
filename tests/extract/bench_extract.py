"""Throughput of extract(), run by hand: .venv/bin/python tests/extract/bench_extract.py"""

import random
import time

from threadline.extract import extract
from threadline.model import Document

random.seed(1)
T = [
    "Hola chicos, soy {n}, una chica muy cariñosa y discreta de {c}. Tengo {a} años, 1,65m y 55kg. "
    "Piso privado cerca del centro, 24/7. Precios: media hora 80€, 1 hora 150 euros. "
    "Llámame o escríbeme por WhatsApp al 6{p1} {p2} {p3}. Telegram: @{n}_vip. Solo mayores de 18. "
    "Visítame en {n}-vip.example/perfil. Ref 20241119001. Disponible desde el 19/11/2024.",
    "Hi guys, I'm {n}, new in town! {a} years old, sweet and naughty. Incall/outcall in {c}. "
    "1h 120, 30min 80. Call me: 07{p1} {p2}{p3}1 or wa.me/4477{p1}{p2}{p3}. IG: {n}.real "
    "Email {n} at mail dot com. No withheld numbers. Available 10:00-22:00.",
    "Olá amores, sou a {n}, novinha de {a} anos, muito carinhosa. Estou em {c}. "
    "Ligue: 9{p1} {p2} {p3} ou seis dois uno tres cuatro. Valor R$ 300 a hora. Sem pressa, com muito carinho para você.",
]
cities = ["Madrid", "London", "Lisboa", "Valencia", "Porto", "Berlin"]
docs = []
for i in range(3000):
    t = random.choice(T).format(
        n=random.choice(["Carla", "Anna", "Bia", "Lola"]),
        c=random.choice(cities),
        a=random.randint(19, 35),
        p1=random.randint(10, 99),
        p2=random.randint(100, 999),
        p3=random.randint(100, 999),
    )
    docs.append(
        Document(
            ref=f"d{i}",
            source_kind="html",
            source="x",
            position=str(i),
            text=t,
            site="site.example",
        )
    )
print("avg chars", sum(len(d.text) for d in docs) / len(docs))
for d in docs[:50]:
    extract(d)
t = time.perf_counter()
for d in docs:
    extract(d)
dt = time.perf_counter() - t
print(f"{len(docs) / dt:.0f} docs/s")
