"""Turning a report dict into what the analyst reads or sends, written so that
an interrupted write never leaves half a report behind."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rich.console import Console

from threadline.report.html import render_html
from threadline.report.table import render_table


def json_text(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n"


def html(report: dict) -> str:
    return render_html(report)


def table(report: dict, console: Console) -> None:
    render_table(report, console)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
