"""Threadline's exceptions.

::

    ThreadlineError
    ├── IngestError        a file or record that can't be read (file, position, reason)
    ├── UnsafePathError    a path that would leave its allowed folder (../, absolute, symlink)
    ├── LimitExceeded      a file, record or image over a configured limit (bombs, huge inputs)
    └── StoreError         database or evidence-store problem

Errors carry their context so that the ingest summary can name the file and
record, and so the rest of a batch can go on.
"""

from __future__ import annotations


class ThreadlineError(Exception):
    """Base class for everything Threadline raises on purpose."""


class IngestError(ThreadlineError):
    def __init__(self, source: str, position: str | int, reason: str) -> None:
        self.source = str(source)
        self.position = str(position)
        self.reason = reason
        super().__init__(f"{self.source} [{self.position}]: {reason}")


class UnsafePathError(IngestError):
    """A referenced file lies outside the folder it must come from."""


class LimitExceeded(IngestError):
    """Input larger than a named limit in :mod:`threadline.settings`."""


class StoreError(ThreadlineError):
    pass
