"""The annexwatch command line: thin wrappers over plain functions (parse, call, print)."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from annexwatch import __version__
from annexwatch.errors import AnnexwatchError, StoreError

app = typer.Typer(
    help="annexwatch: cited facts about de facto states and their patrons, from articles.",
    no_args_is_help=True,
    add_completion=False,
)
show_app = typer.Typer(help="Show one record in full.", no_args_is_help=True)
app.add_typer(show_app, name="show")

MATCH_START, MATCH_END = "\x02", "\x03"
console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file (default: $ANNEXWATCH_DB, else ./annexwatch.db)."),
]


def _parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    from annexwatch.models import DateInterval

    try:
        interval = DateInterval.parse(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name
        ) from exc
    return interval.start if name == "--from" else interval.end


def _open_store(db: str | None, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from annexwatch.store import Store, default_db_path

    path = default_db_path(db)
    if must_exist and not path.exists():
        err_console.print(
            f"[red]No database at {path}[/red]: run `annexwatch ingest PATH --db {path}` first."
        )
        raise typer.Exit(2)
    try:
        return Store(path)
    except StoreError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _version_callback(value: bool) -> None:
    if value:
        console.print(f"annexwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """annexwatch reads articles and stores events, figures, quotes and indicators with their evidence."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (recursive): .txt .md .html .htm .pdf")
    ],
    db: DbOpt = None,
) -> None:
    """Read documents, extract cited facts and store them (one transaction a document)."""
    from annexwatch.ingest import ingest_paths

    store = _open_store(db, must_exist=False)
    show_bar = sys.stderr.isatty()
    with (
        store,
        Progress(
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=err_console,
            disable=not show_bar,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("", total=None)

        def started(total: int) -> None:
            progress.update(task, total=total)

        def advanced(path: Path, status: str) -> None:
            progress.update(task, advance=1, description=escape(path.name))

        try:
            report = ingest_paths(paths, store, on_start=started, on_progress=advanced)
        except AnnexwatchError as exc:
            err_console.print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(2) from exc
    for err in report.failed:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
    console.print(
        f"{len(report.new)} new, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed"
    )
    if report.knowledge_error:
        err_console.print(f"[red]knowledge layer not updated[/red]: {escape(report.knowledge_error)}")
    elif report.knowledge and report.knowledge.groups:
        console.print(
            f"knowledge: {report.knowledge.groups} event groups recomputed, "
            f"{report.knowledge.indicators_dated} indicators dated"
        )
    if not report.ok:
        raise typer.Exit(1)


# Below this width a six-column table leaves the sentence a sliver: print blocks instead.
WIDE_TABLE = 120


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help="Words to find (SQLite FTS5 syntax: phrases in quotes, OR, NEAR).")
    ],
    limit: Annotated[int, typer.Option("--limit", help="At most this many sentences.")] = 20,
    db: DbOpt = None,
) -> None:
    """Full-text search over every stored sentence, the match highlighted."""
    with _open_store(db) as store:
        hits = store.search(text, limit=limit)
    if not hits:
        console.print("No sentence matches.")
        return
    for hit in hits:
        # the store marks matches with STX/ETX control characters, which no article text contains
        snippet = (
            escape(hit.snippet).replace(MATCH_START, "[bold yellow]").replace(MATCH_END, "[/bold yellow]")
        )
        console.print(f"[dim]{escape(hit.document)}[/dim]  {snippet}")


@show_app.command("document")
def show_document(
    name: Annotated[str, typer.Argument(help="The document's file name (or its path, or its id).")],
    db: DbOpt = None,
) -> None:
    """One document: metadata, the publication date and the cues that bound it, what was extracted."""
    with _open_store(db) as store:
        info = next((d for d in store.iter_documents() if name in {d.name, d.path, str(d.id)}), None)
        if info is None:
            err_console.print(f"No document {name!r}.")
            raise typer.Exit(1)
        counts = {
            kind: store.connection.execute(
                f"SELECT COUNT(*) FROM {kind}s WHERE document_id = ?", (info.id,)
            ).fetchone()[0]
            for kind in ("event", "claim", "quote", "indicator")
        }
    lines = [
        ("name", info.name),
        ("path", info.path),
        ("title", info.title or "-"),
        ("url", info.url or "-"),
        ("source", info.source or "-"),
        ("published", str(info.published) if info.published else "unknown"),
    ]
    lines += [("date cue", cue) for cue in info.published_cues]
    lines += [("extracted", ", ".join(f"{n} {kind}s" for kind, n in counts.items()))]
    for key, value in lines:
        console.print(f"[bold]{key:>12}[/bold]  {escape(' '.join(str(value).split()))}")


@app.command()
def stats(db: DbOpt = None) -> None:
    """What the store holds."""
    with _open_store(db) as store:
        figures = store.stats()
    table = Table(title="annexwatch store", show_header=False)
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        table.add_row(key, escape(str(value)))
    console.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", help="File to write (default: stdout).")] = None,
    merged: Annotated[
        bool, typer.Option("--merged", help="Also records of kind merged_event (jsonl only).")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Every record in the spec's export format."""
    from functools import partial

    from annexwatch.export import write_csv, write_jsonl

    if fmt not in {"jsonl", "csv"}:
        raise typer.BadParameter("choose jsonl or csv", param_hint="--format")
    if merged and fmt != "jsonl":
        raise typer.BadParameter(
            "merged events nest their mentions: use --format jsonl", param_hint="--merged"
        )
    writer = partial(write_jsonl, merged=merged) if fmt == "jsonl" else write_csv
    with _open_store(db) as store:
        if output is None:
            writer(store, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                writer(store, fh)


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold YAML files.")],
    docs: Annotated[Path, typer.Option("--docs", help="Folder of the documents they annotate.")],
    quiet: Annotated[bool, typer.Option("--quiet", help="Tables only, without the lists of misses.")] = False,
    events: Annotated[
        str | None, typer.Option("--events", help="Event extractor: learned or rules (default: the pack's).")
    ] = None,
) -> None:
    """Ingest DOCS into a fresh store, score against GOLD, print tables, misses and the one-line summary."""
    from annexwatch.evaluate import format_report, load_gold, score
    from annexwatch.ingest import ingest_paths
    from annexwatch.store import Store

    for folder, name in ((gold, "--gold"), (docs, "--docs")):
        if not folder.is_dir():
            err_console.print(f"[red]{name} {folder}: no such folder[/red]")
            raise typer.Exit(2)
    try:
        gold_docs = load_gold(gold)
    except (AnnexwatchError, ValueError, OSError) as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    from annexwatch.extract import active_event_extractor, choose_event_extractor, use_event_extractor

    try:
        extractor = choose_event_extractor({"events": events or active_event_extractor()}, "--events")
    except AnnexwatchError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    with (
        use_event_extractor(extractor),
        tempfile.TemporaryDirectory(prefix="annexwatch-eval-") as tmp,
        Store(Path(tmp) / "eval.db") as store,
    ):
        report = ingest_paths([docs], store)
        for err in report.failed:
            err_console.print(f"[red]error[/red] {escape(str(err))}")
        records = list(store.export_records())
        texts = {name: store.document_text(name) for name in {r["document"] for r in records}}
    result = score(gold_docs, records, texts)
    print(format_report(result, verbose=not quiet))


# The knowledge-layer commands (timeline, show event, claims, scorecard, rebuild, report)
# and the dashboard's `serve` live in their own modules and register themselves on `app`
# when imported. Run as `annexwatch` or `python -m annexwatch` (see __main__.py).
from annexwatch import cli_knowledge, cli_serve  # noqa: E402, F401
