"""Commands over the knowledge layer: merged timeline and events, contested figures,
the scorecard, rebuilding, the dossier. Registered on the main app by cli.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from annexwatch.cli import WIDE_TABLE, DbOpt, _open_store, _parse_date, app, console, err_console, show_app


def _as_of(value: str | None) -> dt.date | None:
    """--as-of 2010 means the end of 2010: everything known by then."""
    if value is None:
        return None
    from annexwatch.models import DateInterval

    try:
        return DateInterval.parse(value).end
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint="--as-of"
        ) from exc


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Argument(help="Actor code, e.g. XSO, RUS (default: all).")] = None,
    actor_opt: Annotated[str | None, typer.Option("--actor", help="Same as the argument.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Only these event types.")] = None,
    undated: Annotated[bool, typer.Option("--undated", help="Also list events no source dates.")] = False,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="One row per document's report, not merged across documents.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Events in date order, merged across documents: date, type, actors, sources, a sentence."""
    from annexwatch.knowledge.events import merged_timeline

    code = (actor or actor_opt or "").upper() or None
    start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
    with _open_store(db) as store:
        if mentions:
            rows = store.timeline(
                actor=code, date_from=start, date_to=end, types=event_type or None, include_undated=undated
            )
            _print_mentions(rows, code)
            return
        merged = merged_timeline(
            store, actor=code, date_from=start, date_to=end, types=event_type or None, include_undated=undated
        )
    if not merged:
        console.print("No events match.")
        return
    title = f"Timeline{' of ' + code if code else ''}: {len(merged)} events"
    if console.width < WIDE_TABLE:
        console.print(f"[bold]{escape(title)}[/bold]\n")
        for ev in merged:
            sources = f"{ev.document_count} source{'s' if ev.document_count != 1 else ''}"
            console.print(
                f"[bold]{ev.date or 'undated'}[/bold]  {ev.type}  [cyan]{escape(ev.actors)}[/cyan]  "
                f"[dim]#{ev.id} {sources}[/dim]"
            )
            if ev.conflict:
                console.print(f"    [yellow]date conflict:[/yellow] {escape(ev.conflict_text or '')}")
            console.print(Padding(Text(" ".join(ev.sentence.split()) + f" ({ev.document})"), (0, 0, 1, 4)))
        return
    table = Table(title=title, show_lines=True, expand=True)
    for name, kw in (
        ("id", {"justify": "right", "no_wrap": True}),
        ("date", {"no_wrap": True}),
        ("event", {"no_wrap": True}),
        ("actors", {"no_wrap": True}),
        ("sources", {"justify": "right", "no_wrap": True}),
        ("sentence (best-dated source)", {"ratio": 3}),
    ):
        table.add_column(name, **kw)  # type: ignore[arg-type]
    for ev in merged:
        date = str(ev.date) if ev.date else "undated"
        if ev.conflict:
            date += "\n[yellow]conflict[/yellow]"
        sentence = escape(" ".join(ev.sentence.split())) + f" [dim]({escape(ev.document)})[/dim]"
        if ev.conflict:
            sentence += f"\n[yellow]dates: {escape(ev.conflict_text or '')}[/yellow]"
        table.add_row(str(ev.id), date, ev.type, escape(ev.actors), str(ev.document_count), sentence)
    console.print(table)


def _print_mentions(rows: list, code: str | None) -> None:  # type: ignore[type-arg]
    if not rows:
        console.print("No events match.")
        return
    console.print(f"[bold]Reports{' of ' + code if code else ''}: {len(rows)} events in documents[/bold]\n")
    for row in rows:
        actors = " + ".join(row.parties) if row.parties else f"{row.source or '?'} -> {row.target or '-'}"
        console.print(
            f"[bold]{row.date or 'undated'}[/bold]  {row.type}  [cyan]{escape(actors)}[/cyan]  "
            f"[dim]mention #{row.event_id} {escape(row.document)}[/dim]"
        )
        console.print(Padding(Text(" ".join(row.sentence.split())), (0, 0, 1, 4)))


@show_app.command("event")
def show_event(
    merged_id: Annotated[int, typer.Argument(help="The event id from `timeline`.")], db: DbOpt = None
) -> None:
    """One event: its merged date, any date conflict, and every document's report of it with
    its date and why it joined."""
    from annexwatch.knowledge.events import merged_event

    with _open_store(db) as store:
        event = merged_event(store, merged_id)
    if event is None:
        err_console.print(f"No event {merged_id}.")
        raise typer.Exit(1)
    lines = [
        ("id", str(event.id)),
        ("type", event.type),
        ("actors", event.actors),
        ("date", str(event.date) if event.date else "undated"),
        ("modality", event.modality),
        ("plover", event.plover or "-"),
        ("cameo", event.cameo or "-"),
        ("agreement", event.agreement or "-"),
        ("persons", ", ".join(event.persons) or "-"),
        ("sources", f"{event.mention_count} mentions in {event.document_count} documents"),
    ]
    if event.conflict:
        lines.append(("conflict", event.conflict_text or ""))
    for key, value in lines:
        console.print(f"[bold]{key:>12}[/bold]  {escape(value)}")
    for n, m in enumerate(event.mentions, 1):
        flag = "" if m.date_agrees else "  [yellow](disagrees)[/yellow]"
        console.print(
            f"\n[bold]mention {n}[/bold]  #{m.event_id}  {escape(m.source.document)}  "
            f"published {m.source.published or 'unknown'}  date {m.date or 'undated'}"
            f"{' (' + escape(m.date_text) + ')' if m.date_text else ''}{flag}"
        )
        console.print(f"{'':>12}  [dim]why:[/dim] {escape(m.reason)}")
        console.print(Padding(Text(" ".join(m.sentence.split())), (0, 0, 0, 14)))


@show_app.command("mention")
def show_mention(
    event_id: Annotated[int, typer.Argument(help="An extracted event's id (a mention, from `show event`).")],
    db: DbOpt = None,
) -> None:
    """One document's extracted event: actors, date and where it came from, modality, codes, evidence."""
    from annexwatch.knowledge.events import merged_id_of

    with _open_store(db) as store:
        detail = store.event_detail(event_id)
        merged = merged_id_of(store, event_id)
    if detail is None:
        err_console.print(f"No extracted event {event_id}.")
        raise typer.Exit(1)
    lines = detail.as_lines()
    if merged is not None:
        lines.insert(1, ("merged into", f"event {merged} (annexwatch show event {merged})"))
    for key, value in lines:
        console.print(f"[bold]{key:>12}[/bold]  {escape(' '.join(str(value).split()))}")


@app.command()
def claims(
    subject: Annotated[
        str | None, typer.Argument(help="Territory or actor code, e.g. XSO (default: all).")
    ] = None,
    attribute: Annotated[
        str | None, typer.Option("--attribute", help="Only this attribute, e.g. population.")
    ] = None,
    contested: Annotated[
        bool, typer.Option("--contested", help="Only figures the sources disagree on.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Every figure for a subject's attributes with its source, as-of date and qualifier;
    disagreements flagged with the range."""
    from annexwatch.knowledge.figures import figure_sets

    with _open_store(db) as store:
        sets = figure_sets(store, subject, attribute, contested_only=contested)
    if not sets:
        console.print("No figures match.")
        return
    for fs in sets:
        about = f" ({fs.about})" if fs.about else ""
        flag = f"  [bold yellow]CONTESTED: {escape(fs.range_text)}[/bold yellow]" if fs.contested else ""
        console.print(f"[bold]{fs.subject} {fs.attribute}{escape(about)}[/bold]{flag}")
        for f in fs.figures:
            as_of = f" as of {f.as_of}" if f.as_of else ""
            console.print(
                f"  {escape(f.shown):<22} {f.qualifier:<12}{as_of:<18} [dim]{escape(f.source.document)} "
                f"({f.source.published or 'undated'})[/dim]"
            )
            console.print(Padding(Text(" ".join(f.sentence.split())), (0, 0, 0, 6)), style="dim")
        for d in fs.disagreements:
            console.print(f"  [yellow]disagree:[/yellow] {escape(str(d))}")
        console.print()


@app.command()
def scorecard(
    territory: Annotated[str | None, typer.Argument(help="Territory code, e.g. XSO.")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Levels as of this date (default: today).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every territory side by side.")] = False,
    history: Annotated[
        str | None, typer.Option("--history", help="The level history of one dimension, e.g. citizenship.")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Integration with the patron along each dimension, as of a date, with the evidence that set it."""
    from annexwatch.knowledge import scorecard as sc

    day = _as_of(as_of)
    if not all_ and not territory:
        raise typer.BadParameter("name a territory (e.g. XSO) or give --all")
    with _open_store(db) as store:
        if all_:
            cards = sc.scorecard_all(store, day)
            _print_side_by_side(cards)
            return
        cards = sc.scorecard(store, territory or "", day)
        if not cards:
            err_console.print(f"No integration evidence for {territory}.")
            raise typer.Exit(1)
        if history:
            if history not in sc.DIMENSIONS:
                raise typer.BadParameter(f"one of: {', '.join(sc.DIMENSIONS)}", param_hint="--history")
            for card in cards:
                steps = sc.level_history(store, card.territory, card.patron, history)
                console.print(f"[bold]{card.territory} <- {card.patron}: {history}[/bold]")
                if not steps:
                    console.print("  no evidence")
                for step in steps:
                    e = step.evidence
                    where = f"{escape(e.source.document)}, {e.dated_by}"
                    console.print(f"  {step.date}  [bold]{step.level}[/bold]  [dim]{where}[/dim]")
                    console.print(Padding(Text(" ".join(e.sentence.split())), (0, 0, 0, 14)))
            return
    for card in cards:
        table = Table(
            title=f"{card.territory} <- {card.patron}, as of {card.as_of} (score {card.score:.2f})",
            show_lines=False,
            expand=console.width >= WIDE_TABLE,
        )
        table.add_column("dimension", no_wrap=True)
        table.add_column("level", no_wrap=True)
        table.add_column("since", no_wrap=True)
        table.add_column("set by", ratio=3)
        for cell in card.cells:
            evidence = cell.set_by
            why = (
                f"{escape(' '.join(evidence.sentence.split()))} [dim]({escape(evidence.source.document)}; "
                f"{escape(evidence.dated_by)}; {len(cell.evidence)} sources)[/dim]"
                if evidence
                else "[dim]no evidence[/dim]"
            )
            table.add_row(cell.dimension, _level(cell.level), str(cell.since or "-"), why)
        console.print(table)


LEVEL_STYLE = {"none": "dim", "partial": "yellow", "extensive": "bold yellow", "complete": "bold red"}


def _level(level: str) -> str:
    return f"[{LEVEL_STYLE[level]}]{level}[/{LEVEL_STYLE[level]}]"


def _print_side_by_side(cards: list) -> None:  # type: ignore[type-arg]
    from annexwatch.knowledge.scorecard import DIMENSIONS

    if not cards:
        console.print("No integration evidence stored.")
        return
    table = Table(title=f"Integration as of {cards[0].as_of}")
    table.add_column("dimension", no_wrap=True)
    for card in cards:
        table.add_column(f"{card.territory}<-{card.patron}", no_wrap=True)
    for dimension in DIMENSIONS:
        table.add_row(dimension, *(_level(card.cell(dimension).level) for card in cards))
    table.add_row("[bold]score[/bold]", *(f"{card.score:.2f}" for card in cards))
    console.print(table)


@app.command()
def rebuild(db: DbOpt = None) -> None:
    """Recompute the knowledge layer (merged events, indicator dates) from the stored extractions."""
    from annexwatch.knowledge import rebuild as rebuild_knowledge

    with _open_store(db) as store:
        report = rebuild_knowledge(store)
    console.print(
        f"rebuilt: {report.merged_events} merged events from {report.groups} groups, "
        f"{report.indicators_dated} indicators dated"
    )


@app.command()
def report(
    territory: Annotated[str, typer.Argument(help="Territory code, e.g. XSO.")],
    fmt: Annotated[str, typer.Option("--format", help="md, html or pdf.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", help="File to write (default: TERRITORY.FORMAT).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The scorecard's date (default: today).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """A dossier on a territory: summary, merged timeline, scorecard and its chart, contested
    figures, recognitions, key quotes, every statement footnoted to its sources."""
    from annexwatch.report import build_dossier, render

    if fmt not in {"md", "html", "pdf"}:
        raise typer.BadParameter("choose md, html or pdf", param_hint="--format")
    target = output or Path(f"{territory.upper()}.{fmt}")
    with _open_store(db) as store:
        dossier = build_dossier(store, territory.upper(), _as_of(as_of))
    if dossier is None:
        err_console.print(f"Nothing stored about {territory}.")
        raise typer.Exit(1)
    render(dossier, fmt, target)
    console.print(f"wrote {target}")
