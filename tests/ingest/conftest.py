"""Fixtures for ingest tests (builders live in builders.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tests.ingest.builders import Record, write_warc


@pytest.fixture
def warc_builder(tmp_path: Path) -> Callable[..., Path]:
    def build(records: Iterable[Record], name: str = "crawl.warc.gz", gz: bool = True) -> Path:
        return write_warc(tmp_path / name, records, gz=gz)

    return build
