from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from threadline.demo import CorpusInfo, generate
from threadline.demo.ads import _STATES_18_19, _YOUTH, adult_youth_lines
from threadline.demo.phones import STYLES
from threadline.demo.phrasebook import VARIANTS, load_phrasebook, template_sentences

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _sentences(templates: set[str]) -> set[str]:
    found = set()
    for template in templates:
        for sentence in re.split(r"(?<=[.!?])\s+", template):
            literal = re.sub(r"\{\w+\}", "", sentence).strip(" .,:;!?–-")
            if len(literal.split()) >= 2:
                found.add(sentence.strip())
    return found


def test_heldout_shares_no_sentence_with_train() -> None:
    train = _sentences(template_sentences(load_phrasebook("train")))
    heldout = _sentences(template_sentences(load_phrasebook("heldout")))
    assert len(train) > 100 and len(heldout) > 100
    assert train.isdisjoint(heldout), sorted(train & heldout)[:5]


@pytest.mark.parametrize("other", ["train", "heldout"])
def test_dev_shares_no_sentence_with(other: str) -> None:
    dev = _sentences(template_sentences(load_phrasebook("dev")))
    others = _sentences(template_sentences(load_phrasebook(other)))
    assert len(dev) > 100
    shared = dev & others  # dev's own sentences only: heldout wording is never printed
    assert not shared, f"{len(shared)} shared, e.g. {sorted(shared)[:5]}"


@pytest.mark.parametrize("key", ["names", "obfuscation", "emoji", "employers"])
def test_heldout_uses_other_names_and_styles(key: str) -> None:
    train, heldout = load_phrasebook("train")[key], load_phrasebook("heldout")[key]
    assert set(train).isdisjoint(heldout)


@pytest.mark.parametrize("other", ["train", "heldout"])
@pytest.mark.parametrize("key", ["names", "emoji", "employers", "handle_words"])
def test_dev_uses_other_names(key: str, other: str) -> None:
    shared = set(load_phrasebook("dev")[key]) & set(load_phrasebook(other)[key])
    assert not shared, sorted(shared)


@pytest.mark.parametrize("other", ["train", "heldout"])
def test_dev_uses_another_set_of_styles(other: str) -> None:
    dev, styles = load_phrasebook("dev")["obfuscation"], load_phrasebook(other)["obfuscation"]
    assert set(dev) != set(styles)


def test_heldout_uses_other_cities() -> None:
    train, heldout = load_phrasebook("train")["cities"], load_phrasebook("heldout")["cities"]
    assert set(train) == set(heldout)
    for country in train:
        assert set(train[country]).isdisjoint(heldout[country]), country


@pytest.mark.parametrize("other", ["train", "heldout"])
def test_dev_uses_other_cities_of_the_same_countries(other: str) -> None:
    dev, cities = load_phrasebook("dev")["cities"], load_phrasebook(other)["cities"]
    assert set(dev) == set(cities)
    for country in dev:
        shared = set(dev[country]) & set(cities[country])
        assert not shared, (country, sorted(shared))


def _leaves(node: Any, path: str = "") -> dict[str, list[str]]:
    """Every list of strings of a phrasebook section, by its path."""
    if isinstance(node, list):
        return {path: node}
    return {k: v for key, value in node.items() for k, v in _leaves(value, f"{path}/{key}").items()}


def test_dev_has_the_shape_of_train() -> None:
    """Same keys, at least as many options, and the same placeholders in every slot, so
    that dev renders exactly like train and carries the same labels."""
    train, dev = load_phrasebook("train"), load_phrasebook("dev")
    assert set(dev) == set(train)
    for section in ("network", "independent", "recruitment", "facilitator", "facilitator_link",
                    "domestic", "domestic_cover", "jobs", "roles", "chatter", "classifieds",
                    "items", "nationalities", "digit_words"):
        slots, ours = _leaves(train[section]), _leaves(dev[section])
        assert set(ours) == set(slots), section
        for path, options in slots.items():
            assert len(ours[path]) >= len(options), f"{section}{path}"
            allowed = {p for option in options for p in PLACEHOLDER.findall(option)}
            used = {p for option in ours[path] for p in PLACEHOLDER.findall(option)}
            assert used == allowed, f"{section}{path}"
    assert dev["digit_words"] == train["digit_words"]


@pytest.mark.parametrize("variant", ["train", "dev"])
def test_youth_lines_that_state_an_age_are_recognised(variant: str) -> None:
    """MINOR_LABEL_RULE relies on ads._STATES_18_19 spotting every youth line that states
    18/19 ("18yo" would slip past it), and on ads._YOUTH spotting youth-worded risky lines
    of independents (withheld at 18-19)."""
    book = load_phrasebook(variant)
    for language, slots in book["network"].items():
        youth = slots["youth"]
        stating = [line for line in youth if re.search(r"1[89]", line)]
        assert all(_STATES_18_19.search(line) for line in stating), (language, stating)
        assert adult_youth_lines(youth) and len(adult_youth_lines(youth)) < len(youth), language
    for language, slots in book["independent"].items():
        assert any(_YOUTH.search(line) for line in slots["risky"]), language
        for slot in ("title", "intro", "about", "price", "contact", "movement"):
            assert not any(_YOUTH.search(line) for line in slots[slot]), (language, slot)


@pytest.mark.parametrize("variant", VARIANTS)
def test_phrasebook_is_complete(variant: str) -> None:
    book = load_phrasebook(variant)
    assert set(book["obfuscation"]) <= STYLES
    for words in book["digit_words"].values():
        assert len(words) == 10 and all(isinstance(w, str) for w in words)
    for language, slots in book["network"].items():
        assert set(slots) >= {"title", "opener", "profile", "trust", "price", "availability",
                              "contact", "youth"}, language


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError):
        load_phrasebook("test")


def test_heldout_corpus_text_is_not_train_text(train_corpus: CorpusInfo,
                                               heldout_corpus: CorpusInfo) -> None:
    def texts(info: CorpusInfo) -> set[str]:
        lines = Path(info.paths[2]).read_text("utf-8").splitlines()
        return {json.loads(line)["text"] for line in lines}

    assert texts(train_corpus).isdisjoint(texts(heldout_corpus))
    labels = json.loads(heldout_corpus.labels_path.read_text("utf-8"))
    assert labels["variant"] == "heldout"


def test_dev_corpus_generates_with_labels(tmp_path: Path, train_corpus: CorpusInfo) -> None:
    info = generate(tmp_path, size=300, seed=7, variant="dev")
    labels = json.loads(info.labels_path.read_text("utf-8"))
    assert labels["variant"] == "dev"
    classes = {doc["class"] for doc in labels["documents"].values()}
    assert classes == {"trafficking", "recruitment", "facilitator", "independent", "benign"}
    assert any(p["minor"] for p in labels["persons"].values())
    rows = [json.loads(line) for line in info.paths[2].read_text("utf-8").splitlines()]
    train_rows = train_corpus.paths[2].read_text("utf-8").splitlines()
    assert {r["text"] for r in rows}.isdisjoint(json.loads(line)["text"] for line in train_rows)
    dev_names = set(load_phrasebook("dev")["names"])
    assert {p["name"] for p in labels["persons"].values()} <= dev_names
