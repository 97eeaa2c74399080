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
def analyze(ctx: typer.Context) -> None:
    """Extract selectors, assess risk, link networks; store the results."""
    from threadline.pipeline import analyze as run

    store = _store(ctx)
    with _progress() as progress:
        summary = run(store, _Bars(progress))
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
        render.table(data, Console(file=output.open("w", encoding="utf-8")) if output else out)
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
    variant: Annotated[str, typer.Option(help="train | heldout")] = "train",
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

    with console.status("Generating demo corpus"):
        info = generate(corpus, size=size)
    console.print(f"Demo corpus: {info.documents} documents in {corpus}")
    ctx.invoke(ingest, ctx=ctx, paths=info.paths, map_=[])
    ctx.invoke(analyze, ctx=ctx)
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


if __name__ == "__main__":  # pragma: no cover
    app()
