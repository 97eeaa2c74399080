"""Threadline's command line: parses arguments, calls the stages, shows progress.

Every command works on a project folder (``--data``, ``THREADLINE_DATA``,
default ``./threadline-data``) holding an SQLite database and the evidence
store; ``--db`` / ``THREADLINE_DATABASE_URL`` points at PostgreSQL instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn
from rich.table import Table

from threadline.settings import current_user

app = typer.Typer(
    help="Threadline: from collected ads, posts and job offers to explainable leads on trafficking networks.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()

DataOpt = Annotated[
    Path | None, typer.Option("--data", help="Project folder (default ./threadline-data or $THREADLINE_DATA).")
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL, e.g. postgresql+psycopg://host/db ($THREADLINE_DATABASE_URL)."),
]


@app.callback()
def main(ctx: typer.Context, data: DataOpt = None, db: DbOpt = None) -> None:
    ctx.obj = {"data": data, "db": db}


def _store(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from threadline.store.db import open_store

    return open_store(ctx.obj["data"], ctx.obj["db"])


class _Bars:
    """Adapts Rich progress bars to the pipeline's ``Steps`` protocol."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def __call__(self, description: str, total: int | None) -> Callable[[int], None]:
        task = self.progress.add_task(description, total=total)

        def advance(n: int) -> None:
            self.progress.advance(task, n)
            if total is None:
                self.progress.update(task, total=1, completed=1)

        return advance


def _progress() -> Progress:
    return Progress(SpinnerColumn(), "[progress.description]{task.description}", BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=False)


def _parse_map(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        for pair in item.split(","):
            if "=" not in pair:
                raise typer.BadParameter(f"--map wants FIELD=COLUMN pairs, got {pair!r}")
            ours, theirs = pair.split("=", 1)
            mapping[ours.strip()] = theirs.strip()
    return mapping


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="WARC(.gz) files, Telegram exports, JSONL/CSV, HTML folders.")],
    map_: Annotated[
        list[str], typer.Option("--map", help="Rename columns of JSONL/CSV: text=body,url=link")
    ] = [],  # noqa: B006 — Typer needs a literal default
) -> None:
    """Read collected data into the project (idempotent: re-ingesting adds nothing)."""
    from threadline.ingest import read_paths
    from threadline.model import Document, Problem
    from threadline.store.batches import ingest_items

    store = _store(ctx)
    mapping = _parse_map(map_)
    with _progress() as progress:
        task = progress.add_task("Ingesting", total=None)

        def tick(item: object) -> None:
            if isinstance(item, Document):
                progress.advance(task)
            elif isinstance(item, Problem):
                progress.console.print(f"[yellow]skipped[/] {item.source} [{item.position}]: {item.reason}")

        summary = ingest_items(store, read_paths(paths, mapping), [str(p) for p in paths],
                               current_user(), on_item=tick)
        progress.update(task, total=summary.documents_added + summary.duplicates,
                        completed=summary.documents_added + summary.duplicates)
    t = Table(title=f"Ingest batch {summary.batch_id}", show_header=False)
    t.add_row("documents added", str(summary.documents_added))
    t.add_row("duplicates (already known)", str(summary.duplicates))
    t.add_row("images captured", str(summary.images))
    t.add_row("image references matched to captures", str(summary.images_resolved))
    t.add_row("new evidence blobs", str(summary.blobs_added))
    for reason, n in sorted(summary.skipped.items()):
        t.add_row(f"skipped: {reason}", str(n))
    t.add_row("problems (reported above)", str(len(summary.problems)))
    console.print(t)


@app.command()
def analyze(
    ctx: typer.Context,
    faces: Annotated[bool, typer.Option("--faces/--no-faces", help="Run the face step.")] = True,
) -> None:
    """Extract selectors, assess risk, link networks, find faces; store the results."""
    from threadline.pipeline import analyze as run

    store = _store(ctx)
    with _progress() as progress:
        summary = run(store, _Bars(progress), faces=faces)
    console.print(
        f"Analysed {summary['documents']} documents: {summary['networks']} networks "
        f"({summary['suspicious_networks']} suspicious), {summary['persons']} persons, "
        f"{summary['actors']} actors, {summary['hubs']} hub selectors ignored."
    )


@app.command()
def report(
    ctx: typer.Context,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | json | html")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """The operation report: summary, networks, actors, persons, documents."""
    from threadline.report import render
    from threadline.report.build import NotAnalyzed, build_report

    if format_ not in ("table", "json", "html"):
        raise typer.BadParameter("--format must be table, json or html")
    try:
        data = build_report(_store(ctx))
    except NotAnalyzed as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc
    if format_ == "table":
        if output is None:
            render.table(data, out)
        else:
            with output.open("w", encoding="utf-8") as fh:
                render.table(data, Console(file=fh, width=120))
        return
    text = render.json_text(data) if format_ == "json" else render.html(data)
    if output:
        render.write_atomic(output, text)
        console.print(f"Report written to {output}")
    else:
        sys.stdout.write(text)


@app.command()
def network(ctx: typer.Context, network_id: str) -> None:
    """Show one network: what holds it together, its timeline, persons and actors."""
    from threadline.report.build import build_report
    from threadline.report.table import network_panel

    data = build_report(_store(ctx))
    for n in data["networks"]:
        if n["id"] == network_id:
            out.print(network_panel(n))
            return
    console.print(f"[red]no network {network_id!r}[/]")
    raise typer.Exit(1)


@app.command("generate-demo")
def generate_demo(
    directory: Path,
    size: Annotated[int, typer.Option(help="Approximate number of documents.")] = 300,
    seed: Annotated[int, typer.Option()] = 7,
    variant: Annotated[str, typer.Option(help="train | dev | dev2 | heldout | heldout2")] = "train",
) -> None:
    """Write a fictional, labelled multilingual corpus (WARC, Telegram, JSONL)."""
    from threadline.demo import generate

    with console.status("Generating demo corpus"):
        info = generate(directory, size=size, seed=seed, variant=variant)
    console.print(f"Wrote {info.documents} documents to {directory} (labels: {info.labels_path})")


@app.command()
def demo(
    ctx: typer.Context,
    size: Annotated[int, typer.Option(help="Approximate number of documents.")] = 300,
    corpus: Annotated[Path, typer.Option(help="Where to write the corpus.")] = Path("demo-corpus"),
) -> None:
    """Generate a demo corpus and run ingest → analyze → report on it."""
    from threadline.demo import generate
    from threadline.demo.faces import write_face_demo

    with console.status("Generating demo corpus"):
        info = generate(corpus, size=size)
        faces = write_face_demo(corpus)
    console.print(f"Demo corpus: {info.documents} documents in {corpus}")
    ctx.invoke(watchlist_add, ctx=ctx, path=faces.watchlist, purpose="demo")
    ctx.invoke(ingest, ctx=ctx, paths=[*info.paths, faces.posts], map_=[])
    ctx.invoke(analyze, ctx=ctx, faces=True)
    ctx.invoke(report, ctx=ctx, format_="table", output=None)


@app.command()
def verify(ctx: typer.Context) -> None:
    """Check that every evidence file still matches its SHA-256."""
    store = _store(ctx)
    bad = list(store.evidence.verify())
    for sha, problem in bad:
        console.print(f"[red]{sha}[/]: {problem}")
    console.print(f"{len(bad)} corrupted evidence files")
    if bad:
        raise typer.Exit(1)



@app.command()
def export(
    ctx: typer.Context,
    format_: Annotated[str, typer.Option("--format", "-f", help="graphml | gexf | csv")] = "graphml",
    output: Annotated[Path, typer.Option("--output", "-o", help="File (graphml, gexf) or folder (csv).")] = Path(
        "threadline-graph.graphml"
    ),
) -> None:
    """Write the link graph for Gephi / i2-style tools."""
    from threadline.report.export import FORMATS, export_graph

    if format_ not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    path = export_graph(_store(ctx), format_, output)
    console.print(f"Link graph written to {path}")


watchlist_app = typer.Typer(help="Notices (persons sought) to compare ad photos with.", no_args_is_help=True)
faces_app = typer.Typer(help="Ad-hoc face search against the watchlist.", no_args_is_help=True)
review_app = typer.Typer(help="Confirm or reject watchlist match candidates.", invoke_without_command=True)
app.add_typer(watchlist_app, name="watchlist")
app.add_typer(faces_app, name="faces")
app.add_typer(review_app, name="review")

PurposeOpt = Annotated[
    str | None,
    typer.Option("--purpose", envvar="THREADLINE_PURPOSE",
                 help="Case number or purpose, written to the audit log (required)."),
]


def _purpose(value: str | None) -> str:
    if not value or not value.strip():
        console.print("[red]State the case or purpose with --purpose (or THREADLINE_PURPOSE): "
                      "face searches and review decisions are audit-logged.[/]")
        raise typer.Exit(2)
    return value.strip()


@watchlist_app.command("add")
def watchlist_add(ctx: typer.Context, path: Path, purpose: PurposeOpt = None) -> None:
    """Import notices: a folder of <notice id>[_n].jpg|png or a CSV with
    notice_id,notice_type,name,country,image columns."""
    from threadline.review import add_watchlist

    why = _purpose(purpose)
    with console.status("Importing watchlist photos"):
        result = add_watchlist(_store(ctx),
                               path, current_user(), why)
    console.print(f"Added {len(result.notices_added)} notices, {result.photos_added} photos "
                  f"({result.photos_known} already known).")
    for p in result.refused:
        console.print(f"[yellow]refused[/] {p.source} [{p.position}]: {p.reason}")


@faces_app.command("search")
def faces_search(
    ctx: typer.Context,
    photo: Path,
    top: Annotated[int, typer.Option("--top", help="Candidates to return.")] = 5,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    purpose: PurposeOpt = None,
) -> None:
    """Compare the faces in PHOTO with the watchlist (logged)."""
    import json

    from threadline.errors import IngestError
    from threadline.review import search_photo

    why = _purpose(purpose)
    try:
        found = search_photo(_store(ctx), photo, current_user(), why, top)
    except (IngestError, OSError) as exc:
        console.print(f"[red]cannot search with {photo}: {exc}[/]")
        raise typer.Exit(1) from exc
    if format_ == "json":
        sys.stdout.write(json.dumps(found, indent=2) + "\n")
        return
    t = Table("notice", "type", "distance", "similarity", "verdict", "face box",
              title=f"Watchlist candidates for {photo.name} (leads, not identifications)")
    for c in found:
        t.add_row(str(c["notice_id"]), str(c["notice_type"]), f"{c['distance']:.3f}",
                  f"{c['similarity']:.3f}", str(c["verdict"]), str(c["face_box"]))
    out.print(t)


@review_app.callback()
def review(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="pending | confirmed | rejected")] = "pending",
) -> None:
    """List match candidates (default: pending ones)."""
    if ctx.invoked_subcommand:
        return
    from threadline.review import list_candidates

    rows = list_candidates(_store(ctx), status)
    t = Table("id", "notice", "type", "distance", "status", "document", "image",
              title=f"Watchlist match candidates ({status or 'all'}) — leads for a human to confirm")
    for c in rows:
        t.add_row(str(c["id"]), str(c["notice_id"]), str(c["notice_type"]), f"{c['distance']:.3f}",
                  str(c["status"]), str(c["document"] or ""), str(c["image"])[:16])
    out.print(t)


def _decide(ctx: typer.Context, candidate: int, status: str, note: str, purpose: str | None) -> None:
    from threadline.review import ReviewError, decide

    why = _purpose(purpose)
    try:
        decide(_store(ctx), candidate, status, current_user(), why, note)
    except ReviewError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc
    console.print(f"Candidate {candidate} {status}.")


NoteOpt = Annotated[str, typer.Option("--note", help="Why: what the reviewer compared and saw.")]


@review_app.command("confirm")
def review_confirm(ctx: typer.Context, candidate: int, note: NoteOpt, purpose: PurposeOpt = None) -> None:
    """Confirm a candidate after comparing both images."""
    _decide(ctx, candidate, "confirmed", note, purpose)


@review_app.command("reject")
def review_reject(ctx: typer.Context, candidate: int, note: NoteOpt, purpose: PurposeOpt = None) -> None:
    """Reject a candidate."""
    _decide(ctx, candidate, "rejected", note, purpose)


if __name__ == "__main__":  # pragma: no cover
    app()
