"""Content-addressed evidence store: raw bytes on disk under their SHA-256.

Files are written to a temporary name and renamed into place, so a crash never
leaves a partial file under a valid hash. A blob written by a batch whose
database transaction then failed is an unreferenced orphan, harmless because
its name is its content; ``verify`` finds corrupted files.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class EvidenceStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._folders: set[Path] = set()  # fan-out folders known to exist

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store bytes; returns their SHA-256. Idempotent."""
        digest = hashlib.sha256(data).hexdigest()
        if sha256 is not None and sha256 != digest:
            raise ValueError(f"content does not match its declared SHA-256 {sha256}")
        target = self.path(digest)
        if target.exists():
            return digest
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def verify(self) -> Iterator[tuple[str, str]]:
        """Yield (sha256, problem) for every stored file whose content no longer
        matches its name — what an investigator checks before disclosure."""
        if not self.root.exists():
            return
        for path in sorted(self.root.glob("*/*/*")):
            if path.name.startswith(".tmp-"):
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != path.name:
                yield path.name, f"content hashes to {digest}"
