from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from warcio.archiveiterator import ArchiveIterator

from threadline.demo import CorpusInfo, generate
from threadline.demo.ads import Writer, youth_marked_lines
from threadline.demo.cast import NETWORK_SLOTS, Actor, Network, Person
from threadline.demo.phrasebook import load_phrasebook

CLASSES = {"trafficking", "recruitment", "facilitator", "independent", "benign"}
JSONL_COLUMNS = {"id", "url", "site", "title", "text", "posted_at", "city", "country", "images",
                 "account"}


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _warc_records(path: Path) -> list[tuple[str, str, str | None, bytes]]:
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            media = record.http_headers.get_header("Content-Type") if record.http_headers else None
            found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                          media, record.content_stream().read()))
    return found


def _refs_in_files(info: CorpusInfo) -> list[str]:
    warc, telegram, jsonl = info.paths
    refs = [uri for kind, uri, media, _ in _warc_records(warc)
            if kind == "response" and media and media.startswith("text/html")]
    export = json.loads(telegram.read_text("utf-8"))
    for chat in export["chats"]["list"]:
        refs += [f"telegram://{chat['id']}/{m['id']}" for m in chat["messages"]
                 if m["type"] == "message"]
    refs += [json.loads(line)["url"] for line in jsonl.read_text("utf-8").splitlines()]
    return refs


def test_same_seed_gives_identical_files(train_corpus: CorpusInfo, tmp_path: Path) -> None:
    again = generate(tmp_path, size=300, seed=7, variant="train")
    assert _hashes(tmp_path) == _hashes(train_corpus.labels_path.parent)
    assert again.documents == train_corpus.documents


def test_other_seed_gives_other_corpus(train_corpus: CorpusInfo, tmp_path: Path) -> None:
    generate(tmp_path, size=300, seed=8, variant="train")
    assert (tmp_path / "labels.json").read_bytes() != train_corpus.labels_path.read_bytes()


def test_every_written_document_has_one_label(train_corpus: CorpusInfo,
                                              train_labels: dict[str, Any]) -> None:
    refs = _refs_in_files(train_corpus)
    assert len(refs) == len(set(refs)), "refs must be unique"
    assert set(refs) == set(train_labels["documents"])
    assert 270 <= train_corpus.documents <= 330  # size ± 10 %


def test_format_split(train_labels: dict[str, Any]) -> None:
    kinds = Counter("web" if r.startswith("https://") and "/item/" not in r
                    else "telegram" if r.startswith("telegram://") else "jsonl"
                    for r in train_labels["documents"])
    assert kinds["web"] == 165 and kinds["telegram"] == 75 and kinds["jsonl"] == 60


def test_class_mix(train_labels: dict[str, Any]) -> None:
    docs = train_labels["documents"].values()
    counts = Counter(d["class"] for d in docs)
    assert set(counts) == CLASSES
    escort = counts["independent"] + counts["trafficking"]
    assert 0.5 <= counts["independent"] / escort <= 0.7
    assert counts["benign"] >= 0.15 * len(docs)
    assert counts["recruitment"] >= 5 and counts["facilitator"] >= 2


def test_networks_and_minors(train_labels: dict[str, Any]) -> None:
    networks, persons, docs = (train_labels[k] for k in ("networks", "persons", "documents"))
    assert 3 <= len(networks) <= 5
    for key, net in networks.items():
        assert 3 <= len(net["persons"]) <= 8
        assert any(d["network"] == key and d["class"] == "trafficking" for d in docs.values())
    assert len(networks["N1"]["countries"]) >= 3  # the cross-border network
    minors = {k for k, p in persons.items() if p["minor"]}
    assert minors and all(persons[k]["network"] for k in minors)
    abroad = [d for d in docs.values()
              if d["minor"] and d["language"] == "es" and d["country"] in ("PT", "FR")]
    assert abroad, "a potential minor advertised abroad"
    for doc in docs.values():
        assert doc["minor"] == any(persons[p]["minor"] for p in doc["persons"])


def test_independents_are_alone(train_labels: dict[str, Any]) -> None:
    persons = train_labels["persons"]
    for doc in train_labels["documents"].values():
        if doc["class"] == "independent":
            assert doc["network"] is None and len(doc["persons"]) == 1
            assert not persons[doc["persons"][0]]["minor"]
            assert len(doc["phones"]) == 1


def test_phones_are_valid_e164(train_labels: dict[str, Any]) -> None:
    phones = [p for d in train_labels["documents"].values() for p in d["phones"]]
    phones += [p for a in train_labels["actors"].values() for p in a["phones"]]
    assert phones
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone


def test_obfuscation_rates(train_labels: dict[str, Any]) -> None:
    docs = train_labels["documents"].values()
    rate = {cls: sum(d["obfuscated_phone"] for d in docs if d["class"] == cls)
            / sum(1 for d in docs if d["class"] == cls) for cls in ("trafficking", "independent")}
    assert 0.15 <= rate["trafficking"] <= 0.5
    assert rate["independent"] < rate["trafficking"]


def test_warc_has_pages_images_and_a_revisit(train_corpus: CorpusInfo) -> None:
    records = _warc_records(train_corpus.paths[0])
    kinds = Counter((kind, (media or "").split(";")[0]) for kind, _, media, _ in records)
    assert records[0][0] == "warcinfo"
    assert kinds[("request", "")] == kinds[("response", "text/html")] == 165
    assert kinds[("response", "image/jpeg")] > 0 and kinds[("response", "image/png")] == 6
    assert kinds[("revisit", "text/html")] >= 1
    page = next(body for kind, _, media, body in records
                if kind == "response" and media and "html" in media).decode("utf-8")
    for marker in ('class="ad-title"', 'class="ad-text"', 'class="site-footer"', "mailto:"):
        assert marker in page


def test_telegram_export_shape(train_corpus: CorpusInfo) -> None:
    export = json.loads(train_corpus.paths[1].read_text("utf-8"))
    chats = export["chats"]["list"]
    assert "about" in export and 2 <= len(chats) <= 3
    messages = [m for c in chats for m in c["messages"]]
    assert any(m["type"] == "service" and m["action"] == "join_group_by_link" for m in messages)
    texts = [m["text"] for m in messages if m["type"] == "message"]
    assert any(isinstance(t, str) for t in texts) and any(isinstance(t, list) for t in texts)
    entity_types = {e["type"] for t in texts if isinstance(t, list) for e in t
                    if isinstance(e, dict)}
    assert {"phone", "bold"} <= entity_types
    photos = [m["photo"] for m in messages if "photo" in m]
    assert photos and all((train_corpus.paths[1].parent / p).is_file() for p in photos)


def test_jsonl_rows(train_corpus: CorpusInfo) -> None:
    lines = train_corpus.paths[2].read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert all(set(row) == JSONL_COLUMNS and row["url"] for row in rows)
    images = [i for row in rows for i in row["images"]]
    assert any(i.startswith("https://") for i in images), "some refer to WARC-captured photos"
    local = [i for i in images if not i.startswith("https://")]
    assert local and all((train_corpus.paths[2].parent / i).is_file() for i in local)


def test_person_photos_are_in_the_files(train_corpus: CorpusInfo,
                                        train_labels: dict[str, Any]) -> None:
    folder = train_corpus.labels_path.parent
    seen = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.jpg")}
    seen |= {hashlib.sha256(body).hexdigest()
             for kind, _, media, body in _warc_records(train_corpus.paths[0])
             if media == "image/jpeg"}
    network_photos = {sha for p in train_labels["persons"].values() if p["network"]
                      for sha in p["photos"]}
    assert len(network_photos & seen) >= 0.5 * len(network_photos)


@pytest.mark.parametrize("variant", ["train", "dev", "dev2", "heldout"])
def test_larger_corpus_generates(tmp_path: Path, variant: str) -> None:
    info = generate(tmp_path, size=2000, seed=3, variant=variant)
    assert 1800 <= info.documents <= 2200


@pytest.mark.parametrize("variant", ["train", "dev", "dev2"])
def test_an_independent_aged_18_or_19_gets_no_risky_line(variant: str) -> None:
    """MINOR_LABEL_RULE: risky lines may carry youth wording, and youth wording beside a
    stated 18-19 is a minor cue; she is an adult, so she never gets one. At 20 she may."""
    book = load_phrasebook(variant)
    writer = Writer(book, random.Random(5))
    for language in book["independent"]:
        risky = [line for line in book["independent"][language]["risky"] if "{" not in line]
        seen = {18: 0, 19: 0, 20: 0}
        for age in seen:
            person = Person("P1", "Alba", age, False, None, "ES", "Madrid", 0)
            person.phone = phonenumbers.parse("+34611222333")
            for _ in range(60):
                text = writer.independent_ad(person, language).text
                seen[age] += sum(line in text for line in risky)
        assert seen[18] == seen[19] == 0, (language, seen)
        assert seen[20] > 0, language


def _book_marking(section: str, slot: str) -> dict[str, Any]:
    """train's phrasebook with every ``slot`` line of ``section`` marked as youth wording."""
    book = dict(load_phrasebook("train"))
    book["youth_wording"] = {section: {lang: {slot: list(range(len(slots[slot])))}
                                       for lang, slots in book[section].items()}}
    return book


def _network(persons: list[Person]) -> Network:
    controller = Actor("A1", "controller", "N1", [phonenumbers.parse("+34611222444")])
    template = {"es": dict.fromkeys(NETWORK_SLOTS, 0)}
    return Network("N1", "ES", ["site.example"], None, persons, controller, None, None,
                   template, ["🌹"], {"ES": "Madrid"})


@pytest.mark.parametrize(("age", "expected"), [(18, True), (19, True), (20, False), (25, False)])
def test_a_marked_template_line_beside_a_stated_18_or_19_is_minor_risk(age: int,
                                                                      expected: bool) -> None:
    """MINOR_LABEL_RULE: a network's shared opener carrying youth wording reaches its adult
    18-19-year-olds too; the issue counts that as a potential-minor case, not as a minor."""
    adult = Person("P1", "Alba", age, False, "N1", "ES", "Madrid", 0)
    net = _network([adult])
    marked = Writer(_book_marking("network", "opener"), random.Random(1))
    doc = marked.network_ad(net, [adult], "es", "ES", "Madrid", {})
    assert (doc.minor, doc.minor_risk, doc.stated_ages) == (False, expected, [age])
    plain = Writer(load_phrasebook("train"), random.Random(1)).network_ad(
        net, [adult], "es", "ES", "Madrid", {})
    assert plain.text == doc.text and not plain.minor_risk


def test_a_group_ad_with_a_marked_line_is_minor_risk_when_any_woman_is_stated_18() -> None:
    older = Person("P1", "Alba", 26, False, "N1", "ES", "Madrid", 0)
    young = Person("P2", "Nerea", 18, False, "N1", "ES", "Madrid", 1)
    net = _network([older, young])
    writer = Writer(_book_marking("network", "opener"), random.Random(2))
    assert writer.network_ad(net, [older, young], "es", "ES", "Madrid", {}).minor_risk
    assert not writer.network_ad(net, [older], "es", "ES", "Madrid", {}).minor_risk


def test_a_minor_is_minor_risk_without_any_marked_line() -> None:
    minor = Person("P1", "Alba", 16, True, "N1", "ES", "Madrid", 0)
    doc = Writer(load_phrasebook("train"), random.Random(3)).network_ad(
        _network([minor]), [minor], "es", "ES", "Madrid", {"P1": 18})
    assert doc.minor and doc.minor_risk and doc.stated_ages == [18]


def test_an_independent_with_a_marked_line_and_a_stated_19_is_minor_risk() -> None:
    person = Person("P1", "Alba", 19, False, None, "ES", "Madrid", 0)
    person.phone = phonenumbers.parse("+34611222333")
    writer = Writer(_book_marking("independent", "contact"), random.Random(4))
    docs = [writer.independent_ad(person, "es") for _ in range(30)]
    # every ad writes a contact line; only those that state her age are minor_risk
    assert all(d.youth_template for d in docs)
    assert {d.minor_risk for d in docs} == {True, False}
    assert all(d.minor_risk == (d.stated_ages == [19]) for d in docs)
    assert any("19" in d.text or "19" in d.title for d in docs if d.minor_risk)


@pytest.mark.parametrize(("marks", "message"), [
    ({"network": {"es": {"youth": [0]}}}, "not a markable template slot"),
    ({"independent": {"es": {"risky": [0]}}}, "not a markable template slot"),
    ({"network": {"es": {"opener": [99]}}}, "out of range"),
])
def test_bad_youth_marks_are_refused(marks: dict[str, Any], message: str) -> None:
    book = dict(load_phrasebook("train")) | {"youth_wording": marks}
    with pytest.raises(ValueError, match=message):
        youth_marked_lines(book)


@pytest.mark.parametrize("variant", ["train", "dev", "dev2", "heldout", "heldout2"])
def test_every_phrasebook_declares_valid_youth_marks(variant: str) -> None:
    """Each phrasebook was read for youth wording outside its youth slots (the key is
    present, maybe empty); its marks point at real template lines."""
    book = load_phrasebook(variant)
    assert "youth_wording" in book
    youth_marked_lines(book)


def test_labels_carry_minor_risk_over_minor(train_labels: dict[str, Any]) -> None:
    docs = train_labels["documents"].values()
    assert all(d["minor_risk"] or not d["minor"] for d in docs)
    assert any(d["minor"] for d in docs)
