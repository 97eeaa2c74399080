"""Import a watchlist of notices (missing persons, wanted) with one face each.

Two inputs are accepted:

* a folder of images named ``<notice id>.jpg`` or ``<notice id>_<n>.jpg|png``
  (several photos of one notice are fine), with no other fields;
* a CSV with ``notice_id,notice_type,name,country,image`` (+ optional
  ``restrictions``), images given relative to the CSV and loaded only from
  inside its folder.

Every row ends up either as a :class:`WatchlistEntry` or as a
:class:`~threadline.model.Problem` with a reason the analyst can act on: a
gallery photo that silently failed would mean a person never matched.
A gallery photo must show exactly one matchable face, otherwise we cannot know
whose face the notice refers to.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from threadline.errors import IngestError
from threadline.faces.backend import Face, FaceBackend
from threadline.faces.detect import analyse_image
from threadline.model import Problem
from threadline.settings import LIMITS, Limits

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png"})
REQUIRED_COLUMNS = ("notice_id", "notice_type", "name", "country", "image")
_NUMBERED = re.compile(r"^(?P<id>.+?)_(?P<n>\d+)$")


@dataclass(slots=True)
class WatchlistEntry:
    """One accepted gallery photo of one notice."""

    notice_id: str
    image: str  # path relative to the import folder, for the chain of custody
    sha256: str
    data: bytes = field(repr=False)
    face: Face
    notice_type: str = ""
    name: str = ""
    country: str = ""
    restrictions: str = ""
    source: str = ""
    position: str = ""


def notice_id_from_filename(filename: str) -> str:
    """``A-123_2.jpg`` → ``A-123``; ``A-123.jpg`` → ``A-123``."""
    stem = Path(filename).stem
    m = _NUMBERED.match(stem)
    return m.group("id") if m else stem


def safe_child(folder: Path, relative: str) -> Path:
    """``folder/relative`` if it stays inside ``folder`` (after symlinks), else UnsafePathError.

    Refuses absolute paths and ``..`` outright, so a hostile CSV can't read
    ``/etc/passwd`` or another case's evidence."""
    from threadline.errors import UnsafePathError

    rel = relative.strip().replace("\\", "/")
    if not rel or rel.startswith("/") or re.match(r"^[A-Za-z]:", rel) or ".." in rel.split("/"):
        raise UnsafePathError(str(folder), relative, "image path must be relative, without '..'")
    root = folder.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(root):
        raise UnsafePathError(str(folder), relative, "image path leaves the import folder")
    return target


def import_watchlist(
    path: str | os.PathLike[str], backend: FaceBackend, limits: Limits = LIMITS
) -> Iterator[WatchlistEntry | Problem]:
    """Entries and problems from a watchlist folder or CSV, in input order."""
    p = Path(path)
    if p.is_dir():
        yield from _from_folder(p, backend, limits)
    else:
        yield from _from_csv(p, backend, limits)


def _from_folder(folder: Path, backend: FaceBackend, limits: Limits
                 ) -> Iterator[WatchlistEntry | Problem]:
    for file in sorted(folder.iterdir()):
        if file.is_dir() or file.name.startswith("."):
            continue
        if file.suffix.lower() not in IMAGE_SUFFIXES:
            yield Problem(str(folder), file.name, "not a .jpg/.jpeg/.png image; skipped")
            continue
        row = {"notice_id": notice_id_from_filename(file.name), "image": file.name}
        yield _entry(folder, row, str(folder), file.name, backend, limits)


def _from_csv(csv_path: Path, backend: FaceBackend, limits: Limits
              ) -> Iterator[WatchlistEntry | Problem]:
    source = str(csv_path)
    try:
        if csv_path.stat().st_size > limits.max_file_bytes:
            yield Problem(source, "file", f"CSV larger than max_file_bytes {limits.max_file_bytes}")
            return
        text = csv_path.read_text("utf-8-sig")
    except OSError as exc:
        yield Problem(source, "file", f"cannot read watchlist CSV: {exc}")
        return
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        yield Problem(source, "header", f"missing columns: {', '.join(missing)}")
        return
    seen: dict[str, tuple[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        position = f"line {line}"
        row = {k: (v or "").strip() for k, v in row.items() if k}
        notice = row["notice_id"]
        if not notice:
            yield Problem(source, position, "empty notice_id")
            continue
        identity = (row["name"], row["notice_type"])
        if notice in seen and seen[notice] != identity:
            yield Problem(
                source, position,
                f"notice {notice} already imported as {seen[notice][0]!r} ({seen[notice][1]}); "
                f"this row says {identity[0]!r} ({identity[1]})",
            )
            continue
        result = _entry(csv_path.parent, row, source, position, backend, limits)
        if isinstance(result, WatchlistEntry):
            seen.setdefault(notice, identity)
        yield result


def _entry(folder: Path, row: dict[str, str], source: str, position: str,
           backend: FaceBackend, limits: Limits) -> WatchlistEntry | Problem:
    image = row.get("image", "")
    try:
        file = safe_child(folder, image)
        if not file.is_file():
            return Problem(source, position, f"image file not found: {image}")
        if file.stat().st_size > limits.max_image_bytes:
            return Problem(source, position, f"image larger than max_image_bytes: {image}")
        data = file.read_bytes()
        faces = analyse_image(data, backend, limits, source=f"{source}:{image}")
    except IngestError as exc:  # UnsafePathError, LimitExceeded, unreadable image
        return Problem(source, position, f"{image}: {exc.reason}")
    except OSError as exc:
        return Problem(source, position, f"{image}: cannot read: {exc}")
    if not faces:
        return Problem(source, position, f"no face found in {image}")
    if len(faces) > 1:
        return Problem(source, position, f"{len(faces)} faces in {image}; a notice photo needs one")
    if faces[0].embedding is None:
        return Problem(source, position, f"face in {image} is too small to match")
    return WatchlistEntry(
        notice_id=row["notice_id"], image=image, sha256=hashlib.sha256(data).hexdigest(),
        data=data, face=faces[0], notice_type=row.get("notice_type", ""),
        name=row.get("name", ""), country=row.get("country", ""),
        restrictions=row.get("restrictions", ""), source=source, position=position,
    )
