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
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

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
    if not report.ok:
        raise typer.Exit(1)


def _actors_of(row) -> str:  # type: ignore[no-untyped-def]
    if row.parties:
        return " + ".join(row.parties)
    return f"{row.source or '?'} -> {row.target or '-'}"


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code, e.g. XSO, RUS.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Only these event types.")] = None,
    undated: Annotated[
        bool, typer.Option("--undated", help="Also list events the text gives no date for.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Dated events in order: date, type, actors, the sentence, the document."""
    start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
    with _open_store(db) as store:
        rows = store.timeline(
            actor=actor.upper() if actor else None,
            date_from=start,
            date_to=end,
            types=event_type or None,
            include_undated=undated,
        )
    if not rows:
        console.print("No events match.")
        return
    title = f"Timeline{' of ' + actor.upper() if actor else ''}: {len(rows)} events"
    if console.width < WIDE_TABLE:
        _print_timeline_blocks(title, rows)
    else:
        _print_timeline_table(title, rows)


# Below this width a six-column table leaves the sentence a sliver: print blocks instead.
WIDE_TABLE = 120


def _print_timeline_table(title: str, rows: list) -> None:  # type: ignore[type-arg]
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("actors", no_wrap=True)
    table.add_column("sentence", ratio=3)
    table.add_column("document", ratio=1)
    for row in rows:
        table.add_row(
            str(row.event_id),
            str(row.date) if row.date else "undated",
            row.type,
            _actors_of(row),
            escape(" ".join(row.sentence.split())),
            escape(row.document),
        )
    console.print(table)


def _print_timeline_blocks(title: str, rows: list) -> None:  # type: ignore[type-arg]
    """One block an event: date, type, actors, source on a line; the sentence indented below."""
    console.print(f"[bold]{escape(title)}[/bold]\n")
    for row in rows:
        date = str(row.date) if row.date else "undated"
        console.print(
            f"[bold]{date}[/bold]  {row.type}  [cyan]{escape(_actors_of(row))}[/cyan]  "
            f"[dim]#{row.event_id} {escape(row.document)}[/dim]"
        )
        console.print(Padding(Text(" ".join(row.sentence.split())), (0, 0, 1, 4)))


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


@show_app.command("event")
def show_event(
    event_id: Annotated[int, typer.Argument(help="The event id (from timeline or export).")], db: DbOpt = None
) -> None:
    """Everything about one event: type, actors, date and where it came from, modality, codes, evidence."""
    with _open_store(db) as store:
        detail = store.event_detail(event_id)
    if detail is None:
        err_console.print(f"No event {event_id}.")
        raise typer.Exit(1)
    for key, value in detail.as_lines():
        console.print(f"[bold]{key:>12}[/bold]  {escape(' '.join(str(value).split()))}")


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
    db: DbOpt = None,
) -> None:
    """Every record in the spec's export format."""
    from annexwatch.export import write_csv, write_jsonl

    if fmt not in {"jsonl", "csv"}:
        raise typer.BadParameter("choose jsonl or csv", param_hint="--format")
    writer = write_jsonl if fmt == "jsonl" else write_csv
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
    with tempfile.TemporaryDirectory(prefix="annexwatch-eval-") as tmp, Store(Path(tmp) / "eval.db") as store:
        report = ingest_paths([docs], store)
        for err in report.failed:
            err_console.print(f"[red]error[/red] {escape(str(err))}")
        records = list(store.export_records())
        texts = {name: store.document_text(name) for name in {r["document"] for r in records}}
    result = score(gold_docs, records, texts)
    print(format_report(result, verbose=not quiet))


if __name__ == "__main__":  # pragma: no cover
    app()
