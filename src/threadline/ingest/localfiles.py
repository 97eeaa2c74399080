"""Loading files that an export *refers to* (photos, saved images) safely.

Exports are hostile input: a message or row can name ``../../etc/passwd``, an
absolute path, or a symlink pointing out of the folder. Everything referenced
must resolve inside the export's own folder and be a regular file of bounded
size; otherwise an :class:`~threadline.errors.UnsafePathError` or
:class:`~threadline.errors.LimitExceeded` is raised for the caller to turn
into a Problem naming the record.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from threadline.errors import IngestError, LimitExceeded, UnsafePathError
from threadline.ingest.evidence import make_blob
from threadline.ingest.images import check_image
from threadline.model import Blob, Problem
from threadline.settings import Limits


def resolve_inside(root: Path, reference: str, source: str, position: str) -> Path:
    """The real path of ``reference`` under ``root``, or UnsafePathError.

    Absolute references are refused outright (even when they happen to point
    inside), since an export has no business naming them; ``..`` and symlinks
    are allowed only if the final, fully resolved path is still inside.
    """
    if not reference or "\x00" in reference:
        raise UnsafePathError(source, position, f"invalid file reference {reference!r}")
    if (
        PurePosixPath(reference).is_absolute()
        or PureWindowsPath(reference).is_absolute()
        or PureWindowsPath(reference).drive
    ):
        raise UnsafePathError(source, position, f"absolute path refused: {reference}")
    real_root = root.resolve()
    candidate = (real_root / reference).resolve()
    if not candidate.is_relative_to(real_root):
        raise UnsafePathError(
            source, position, f"path leaves the export folder, refused: {reference}"
        )
    return candidate


def read_inside(root: Path, reference: str, source: str, position: str, max_bytes: int) -> bytes:
    """Bytes of a referenced file that is inside ``root``, regular and small enough."""
    path = resolve_inside(root, reference, source, position)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(source, position, f"referenced file missing: {reference}") from None
    except OSError as exc:
        raise IngestError(source, position, f"cannot read {reference}: {exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(source, position, f"not a regular file: {reference}")
    if info.st_size > max_bytes:
        raise LimitExceeded(
            source, position, f"{reference} is {info.st_size} bytes, over the {max_bytes} limit"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(source, position, f"cannot read {reference}: {exc}") from None
    if len(data) > max_bytes:
        raise LimitExceeded(source, position, f"{reference} is over the {max_bytes} byte limit")
    return data


def load_local_image(
    root: Path, reference: str, source: str, position: str, limits: Limits
) -> Blob | Problem:
    """An image file an export refers to, as evidence — or the reason it was
    refused (outside the folder, missing, not an image, a bomb), naming it."""
    try:
        data = read_inside(root, reference, source, position, limits.max_image_bytes)
        media_type = check_image(data, source, position, limits)
    except IngestError as exc:
        reason = exc.reason if reference in exc.reason else f"{reference}: {exc.reason}"
        return Problem(source, position, reason)
    return make_blob(data, media_type, source, f"{position} image {reference}")
