"""The whole path on a small generated corpus, through the CLI, on SQLite and
PostgreSQL: ingest → analyze → report, idempotent re-ingest, report shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli import app

runner = CliRunner()


def _run(args: list[str]) -> str:
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _pipeline(base: list[str], corpus, tmp_path: Path) -> dict:
    _run([*base, "ingest", *map(str, corpus.paths)])
    _run([*base, "analyze"])
    out = tmp_path / "report.json"
    _run([*base, "report", "--format", "json", "-o", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


def _check_shape(report: dict, labels: dict) -> None:
    s = report["summary"]
    for key in ("documents", "potential_victims", "potential_exploiters", "usernames", "urls",
                "phones", "potential_minors"):
        assert isinstance(s[key], int), key
    assert s["documents"] == len(labels["documents"])
    doc = report["documents"][0]
    assert set(doc) >= {"ref", "risk", "flagged", "minor_risk", "network", "selectors"}
    assert set(doc["selectors"]) >= {"phone", "email", "username", "url", "account"}
    for n in report["networks"]:
        assert set(n) >= {"id", "suspicious", "risk", "documents", "selectors"}
    for a in report["actors"]:
        assert a["role"] in ("controller", "recruiter", "facilitator")
        assert a["selectors"] and a["documents"]
    for p in report["persons"]:
        assert set(p) >= {"id", "documents", "minor"}
    refs = {d["ref"] for d in report["documents"]}
    assert refs == set(labels["documents"])


def _check_findings(report: dict, labels: dict) -> None:
    """The planted structure is found: not constants, real results."""
    s = report["summary"]
    assert s["potential_victims"] > 0 and s["potential_exploiters"] > 0
    assert s["potential_minors"] >= 1
    assert any(n["suspicious"] for n in report["networks"])
    # site footers are hubs, not network glue
    assert any("site's own contact" in h["reason"] for h in report["hubs"])
    by_ref = {d["ref"]: d for d in report["documents"]}
    # every planted phone in a document's text is found, normalised to E.164
    missed = [
        (ref, p) for ref, lab in labels["documents"].items() for p in lab.get("phones", [])
        if p not in by_ref[ref]["selectors"]["phone"]
    ]
    assert len(missed) <= 0.05 * sum(len(lab.get("phones", [])) for lab in labels["documents"].values())
    # a cleaning-site front is tied to the explicit page it links to, and shows its girl
    fronts = [r for r, lab in labels["documents"].items()
              if lab["class"] == "trafficking" and "limpiezas" in r]
    assert fronts
    for ref in fronts:
        (page,) = by_ref[ref]["selectors"]["url"]
        assert by_ref[ref]["network"] is not None and by_ref[ref]["network"] == by_ref[page]["network"]
        if by_ref[page]["minor_risk"]:
            assert by_ref[ref]["minor_risk"]
    # independents are rarely flagged
    indep = [r for r, lab in labels["documents"].items() if lab["class"] == "independent"]
    flagged = [r for r in indep if by_ref[r]["flagged"]]
    assert len(flagged) <= 0.1 * len(indep)


@pytest.mark.slow
def test_end_to_end_sqlite(demo_corpus, tmp_path):
    labels = json.loads(Path(demo_corpus.labels_path).read_text(encoding="utf-8"))
    base = ["--data", str(tmp_path / "proj")]
    report = _pipeline(base, demo_corpus, tmp_path)
    _check_shape(report, labels)
    _check_findings(report, labels)

    again = runner.invoke(app, [*base, "ingest", *map(str, demo_corpus.paths)])
    assert again.exit_code == 0
    assert "documents added" in again.output
    _run([*base, "analyze"])
    report2 = json.loads(_run([*base, "report", "--format", "json"]))
    assert report2["summary"]["documents"] == report["summary"]["documents"]
    assert report2["summary"]["potential_victims"] == report["summary"]["potential_victims"]

    table = _run([*base, "report"])
    assert "Potential victims" in table
    html_out = tmp_path / "r.html"
    _run([*base, "report", "--format", "html", "-o", str(html_out)])
    page = html_out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "Threadline operation report" in page

    net = report["networks"][0]["id"]
    assert net in _run([*base, "network", net])
    _run([*base, "export", "--format", "graphml", "-o", str(tmp_path / "g.graphml")])
    assert (tmp_path / "g.graphml").read_text().count("<node ") == report["summary"]["documents"]
    _run([*base, "export", "--format", "csv", "-o", str(tmp_path / "csv")])
    assert (tmp_path / "csv" / "edges.csv").exists()


@pytest.mark.slow
@pytest.mark.postgres
def test_end_to_end_postgres_matches_sqlite(demo_corpus, tmp_path, pg_url):
    labels = json.loads(Path(demo_corpus.labels_path).read_text(encoding="utf-8"))
    pg = _pipeline(["--data", str(tmp_path / "pg"), "--db", pg_url], demo_corpus, tmp_path)
    _check_shape(pg, labels)
    lite = _pipeline(["--data", str(tmp_path / "lite")], demo_corpus, tmp_path)
    for key in ("documents", "potential_victims", "potential_exploiters", "usernames", "urls",
                "phones", "potential_minors", "networks"):
        assert pg["summary"][key] == lite["summary"][key], key


@pytest.mark.slow
def test_demo_command_runs_everything_and_shows_a_watchlist_candidate(tmp_path):
    base = ["--data", str(tmp_path / "proj")]
    out = _run([*base, "demo", "--size", "60", "--corpus", str(tmp_path / "corpus")])
    assert "Potential victims" in out
    report = json.loads(_run([*base, "report", "--format", "json"]))
    assert report["summary"]["watchlist_candidates"] == 1
    cand = report["watchlist_candidates"][0]
    assert cand["notice_id"] == "DEMO-0001" and cand["status"] == "pending"
    assert cand["document"] == "https://community-board.example/post/1"
