from __future__ import annotations

from pathlib import Path

from tests.ingest.builders import SAMPLES, split
from threadline.ingest import read_paths
from threadline.model import Document, Problem


def test_bad_inputs_become_problems_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    junk_dir = tmp_path / "junk"
    junk_dir.mkdir()
    (junk_dir / "notes.bin").write_bytes(b"\x00\x01")
    paths = [empty, junk_dir, tmp_path / "missing.warc", SAMPLES / "telegram_full"]
    items = list(read_paths(paths))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.source for p in problems] == [str(p) for p in paths[:3]]
    assert problems[0].reason == "empty file"
    assert "no Telegram export" in problems[1].reason
    assert "no such file" in problems[2].reason
    assert len([i for i in items if isinstance(i, Document)]) == 2


def test_streams_lazily() -> None:
    """read_paths is a generator: nothing is read until asked for."""
    items = read_paths([SAMPLES / "scrape" / "ads.jsonl", Path("/nonexistent/x")])
    first = next(items)
    assert first.source.endswith("ads.jsonl")


def test_every_document_source_is_the_path_as_given() -> None:
    path = SAMPLES / "saved_pages"
    _, docs, _, _ = split(read_paths([path]))
    assert {d.source for d in docs} == {str(path)}
