"""Shared corpora: generated once per test session (generation is the slow part)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from threadline.demo import CorpusInfo, generate


@pytest.fixture(scope="session")
def train_corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusInfo:
    return generate(tmp_path_factory.mktemp("train"), size=300, seed=7, variant="train")


@pytest.fixture(scope="session")
def heldout_corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusInfo:
    return generate(tmp_path_factory.mktemp("heldout"), size=300, seed=7, variant="heldout")


@pytest.fixture(scope="session")
def train_labels(train_corpus: CorpusInfo) -> dict[str, Any]:
    return json.loads(Path(train_corpus.labels_path).read_text("utf-8"))
