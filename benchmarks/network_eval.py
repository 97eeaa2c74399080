"""How well Threadline finds the planted networks, persons and actors.

Usage::

    python benchmarks/network_eval.py [--size 600] [--seed 7] [--variants train heldout] [--faces]

For each variant: generate the labelled demo corpus, run ingest → analyze into a
throw-away project, and compare the report with ``labels.json``:

* pairwise precision / recall / F1 of "same network" over document pairs
  (documents the labels put in a network; predicted = same network id);
* best-match Jaccard per true network;
* controller recall (a true controller is found when a predicted controller
  shares one of its phones, accounts or handles);
* suspicious networks made mostly (> 50 %) of independent adults;
* relative error of the potential-victim and potential-exploiter counts
  (truth: persons and actors of suspicious planted networks that the corpus shows:
  a person advertised in at least one document, an actor whose phone is printed);
* the same pairwise figures and time for a template-only baseline
  (InfoShield-style: documents joined only by shared text templates).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from risk_eval import metrics, report_rows

from threadline.demo import generate
from threadline.ingest import read_paths
from threadline.link.communities import communities
from threadline.link.templates import template_edges
from threadline.model import Document
from threadline.pipeline import analyze
from threadline.report.build import build_report
from threadline.settings import current_user
from threadline.store.batches import ingest_items
from threadline.store.db import open_store


def pairs_of(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        out.update(combinations(sorted(members), 2))
    return out


def prf(predicted: set, truth: set) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(report: dict, labels: dict) -> dict[str, object]:
    docs = labels["documents"]
    true_groups: dict[str, set[str]] = defaultdict(set)
    for ref, lab in docs.items():
        if lab.get("network"):
            true_groups[lab["network"]].add(ref)
    in_truth = set().union(*true_groups.values()) if true_groups else set()
    pred_groups: dict[str, set[str]] = defaultdict(set)
    for d in report["documents"]:
        if d["network"]:
            pred_groups[d["network"]].add(d["ref"])
    p, r, f1 = prf(pairs_of(pred_groups), pairs_of(true_groups))
    jaccard = {
        net: max((len(m & pm) / len(m | pm) for pm in pred_groups.values()), default=0.0)
        for net, m in true_groups.items()
    }
    controllers = [a for a in labels["actors"].values() if a["role"] == "controller"]
    found_selectors = {
        s["value"] for a in report["actors"] if "controller" in a["roles"] for s in a["selectors"]
    }
    found = sum(
        1 for a in controllers
        if found_selectors & set(a.get("phones", []) + a.get("accounts", []) + a.get("usernames", []))
    )
    suspicious = {n["id"] for n in report["networks"] if n["suspicious"]}
    mostly_independent = sum(
        1 for net in suspicious
        if sum(docs[r]["class"] == "independent" for r in pred_groups[net]) > 0.5 * len(pred_groups[net])
    )
    sus_true = {n for n, v in labels["networks"].items() if v.get("suspicious", True)}
    # Only who the corpus shows can be counted: a planted person never advertised in the
    # sampled documents, or an actor none of whose contacts appears, is not in the truth.
    shown = {p for lab in docs.values() for p in lab.get("persons", [])}
    printed = {p for lab in docs.values() for p in lab.get("phones", [])}
    true_victims = sum(1 for key, pl in labels["persons"].items()
                       if pl.get("network") in sus_true and key in shown)
    true_exploiters = sum(1 for a in labels["actors"].values()
                          if a.get("network") in sus_true and set(a.get("phones", [])) & printed)
    s = report["summary"]
    return {
        "pairwise": (p, r, f1),
        "jaccard": jaccard,
        "controller_recall": found / len(controllers) if controllers else float("nan"),
        "suspicious_networks": len(suspicious),
        "true_networks": len(true_groups),
        "mostly_independent_suspicious": mostly_independent,
        "victims": (s["potential_victims"], true_victims),
        "exploiters": (s["potential_exploiters"], true_exploiters),
        "documents_in_truth": len(in_truth),
    }


def template_baseline(corpus_paths: list[Path], labels: dict) -> tuple[tuple[float, float, float], float]:
    docs = [i for i in read_paths(corpus_paths) if isinstance(i, Document)]
    start = time.perf_counter()
    edges = template_edges((n, f"{d.title}\n{d.text}") for n, d in enumerate(docs))
    com = communities(range(len(docs)), edges)
    elapsed = time.perf_counter() - start
    groups: dict[str, set[str]] = defaultdict(set)
    for n, c in com.items():
        groups[str(c)].add(docs[n].ref)
    groups = {k: v for k, v in groups.items() if len(v) > 1}
    truth: dict[str, set[str]] = defaultdict(set)
    for ref, lab in labels["documents"].items():
        if lab.get("network"):
            truth[lab["network"]].add(ref)
    return prf(pairs_of(groups), pairs_of(truth)), elapsed


def run(variant: str, size: int, seed: int, faces: bool, keep: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp) / "corpus", size=size, seed=seed, variant=variant)
        labels = json.loads(corpus.labels_path.read_text(encoding="utf-8"))
        store = open_store(Path(tmp) / "project")
        start = time.perf_counter()
        ingest_items(store, read_paths(corpus.paths), [str(p) for p in corpus.paths], current_user())
        analyze(store, faces=faces)
        elapsed = time.perf_counter() - start
        report = build_report(store)
        m = evaluate(report, labels)
        if keep is not None:  # for error analysis: the report and labels side by side
            out = keep / f"{variant}-{seed}-{size}"
            out.mkdir(parents=True, exist_ok=True)
            (out / "report.json").write_text(json.dumps(report, indent=1, default=str), "utf-8")
            (out / "labels.json").write_text(json.dumps(labels, indent=1), "utf-8")
        docfig = metrics(report_rows(report, labels["documents"]))
        (bp, br, bf), btime = template_baseline(corpus.paths, labels)
        store.close()
    p, r, f1 = m["pairwise"]
    print(f"\n== {variant} (size {size}, seed {seed}, {m['documents_in_truth']} documents in "
          f"{m['true_networks']} planted networks) ==")
    print(f"Threadline     pairwise P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   ingest+analyze {elapsed:.1f} s")
    print(f"template-only  pairwise P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}   linking {btime:.2f} s")
    print("best-match Jaccard per true network: "
          + ", ".join(f"{k} {v:.2f}" for k, v in sorted(m["jaccard"].items())))
    print(f"controller recall {m['controller_recall']:.2f}; suspicious networks {m['suspicious_networks']} "
          f"(mostly independents: {m['mostly_independent_suspicious']})")
    print("after the whole pipeline: flagged P {precision:.3f} R {recall:.3f} "
          "AUC {auc:.3f}; minor_risk P {minor_p:.3f} R {minor_r:.3f}; recruitment "
          "P {recr_p:.3f} R {recr_r:.3f}; independent FPR "
          "{indep_fpr:.3f}".format(**docfig))
    for name in ("victims", "exploiters"):
        got, want = m[name]
        err = abs(got - want) / want if want else float("nan")
        print(f"potential {name}: {got} (truth {want}, relative error {err:.0%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--variants", nargs="+", default=["train", "heldout"])
    ap.add_argument("--faces", action="store_true", help="run the face step too (slow, no faces in demo)")
    ap.add_argument("--keep", type=Path, help="write report.json and labels.json per run under here")
    args = ap.parse_args()
    for v in args.variants:
        run(v, args.size, args.seed, args.faces, args.keep)


if __name__ == "__main__":
    main()
