from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from threadline.demo import CorpusInfo
from threadline.demo.phones import STYLES
from threadline.demo.phrasebook import load_phrasebook, template_sentences


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


@pytest.mark.parametrize("key", ["names", "obfuscation", "emoji", "employers"])
def test_heldout_uses_other_names_and_styles(key: str) -> None:
    train, heldout = load_phrasebook("train")[key], load_phrasebook("heldout")[key]
    assert set(train).isdisjoint(heldout)


def test_heldout_uses_other_cities() -> None:
    train, heldout = load_phrasebook("train")["cities"], load_phrasebook("heldout")["cities"]
    assert set(train) == set(heldout)
    for country in train:
        assert set(train[country]).isdisjoint(heldout[country]), country


@pytest.mark.parametrize("variant", ["train", "heldout"])
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
