"""Watchlist import: good rows kept, every bad row reported with its reason."""

from __future__ import annotations

import pytest

from threadline.errors import UnsafePathError
from threadline.faces.watchlist import (
    WatchlistEntry,
    import_watchlist,
    notice_id_from_filename,
    safe_child,
)
from threadline.model import Problem

from .conftest import fixture_bytes, side_by_side, synthetic_no_face

CSV = """notice_id,notice_type,name,country,image,restrictions
N-001,missing,Alex Example,ES,photos/obama.jpg,
N-001,missing,Alex Example,ES,photos/obama2.jpg,
N-002,missing,Sam Sample,PT,photos/biden.jpg,law-enforcement only
N-003,missing,Kim Nobody,FR,photos/gone.jpg,
N-004,wanted,Lee Broken,DE,photos/broken.jpg,
N-001,wanted,Someone Else,NL,photos/obama3.jpg,
N-005,missing,Pat Outside,ES,../outside.jpg,
N-006,missing,Abs Path,ES,/etc/passwd,
N-007,missing,No Face,EN,photos/noface.jpg,
N-008,missing,Two Faces,EN,photos/two.jpg,
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory, backend):
    root = tmp_path_factory.mktemp("watchlist")
    photos = root / "case" / "photos"
    photos.mkdir(parents=True)
    for name in ("obama", "obama2", "obama3", "biden"):
        (photos / f"{name}.jpg").write_bytes(fixture_bytes(name))
    (photos / "broken.jpg").write_bytes(b"this is not a jpeg")
    (photos / "noface.jpg").write_bytes(synthetic_no_face())
    (photos / "two.jpg").write_bytes(side_by_side("obama", "biden"))
    (root / "outside.jpg").write_bytes(fixture_bytes("astronaut"))
    (root / "case" / "notices.csv").write_text(CSV, "utf-8")
    return list(import_watchlist(root / "case" / "notices.csv", backend))


def test_good_rows_are_kept_with_their_fields(imported):
    entries = [e for e in imported if isinstance(e, WatchlistEntry)]
    assert [(e.notice_id, e.image) for e in entries] == [
        ("N-001", "photos/obama.jpg"), ("N-001", "photos/obama2.jpg"), ("N-002", "photos/biden.jpg")]
    biden = entries[2]
    assert (biden.name, biden.country, biden.restrictions) == ("Sam Sample", "PT",
                                                                "law-enforcement only")
    assert len(biden.sha256) == 64 and biden.face.embedding.shape == (128,)
    assert biden.position == "line 4"


@pytest.mark.parametrize(("line", "reason"), [
    (5, "not found"), (6, "unreadable"), (7, "already imported as 'Alex Example'"),
    (8, "relative"), (9, "relative"), (10, "no face"), (11, "2 faces"),
])
def test_each_bad_row_is_reported(imported, line, reason):
    problems = {p.position: p.reason for p in imported if isinstance(p, Problem)}
    assert reason in problems[f"line {line}"]


def test_every_row_is_accounted_for(imported):
    assert len(imported) == CSV.count("\n") - 1


def test_missing_columns_are_refused(tmp_path, backend):
    (tmp_path / "w.csv").write_text("notice_id,image\nX,a.jpg\n", "utf-8")
    [problem] = import_watchlist(tmp_path / "w.csv", backend)
    assert "notice_type" in problem.reason


def test_folder_import_groups_numbered_photos(tmp_path, backend):
    (tmp_path / "A-12.jpg").write_bytes(fixture_bytes("obama"))
    (tmp_path / "A-12_2.jpg").write_bytes(fixture_bytes("obama3"))
    (tmp_path / "B-7.png").write_bytes(fixture_bytes("biden"))  # JPEG bytes, .png name: fine
    (tmp_path / "notes.txt").write_text("not a photo", "utf-8")
    items = list(import_watchlist(tmp_path, backend))
    assert sorted(e.notice_id for e in items if isinstance(e, WatchlistEntry)) == [
        "A-12", "A-12", "B-7"]
    assert [p.position for p in items if isinstance(p, Problem)] == ["notes.txt"]


@pytest.mark.parametrize(("filename", "notice"), [("A-12.jpg", "A-12"), ("A-12_3.png", "A-12"),
                                                   ("2024_0001.jpg", "2024"), ("x_y.jpg", "x_y")])
def test_notice_id_from_filename(filename, notice):
    assert notice_id_from_filename(filename) == notice


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(b"x")
    inside = tmp_path / "case"
    inside.mkdir()
    (inside / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    with pytest.raises(UnsafePathError):
        safe_child(inside, "link.jpg")
    assert safe_child(inside, "sub/ok.jpg") == (inside / "sub" / "ok.jpg").resolve()
