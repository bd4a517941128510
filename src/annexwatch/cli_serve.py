"""`annexwatch serve`: the web dashboard and its JSON API over one database file.
Registered on the main app by cli.py."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from annexwatch.cli import DbOpt, app, console, err_console
from annexwatch.errors import StoreError


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept article uploads (page and API); needs --token.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="ANNEXWATCH_TOKEN",
            help="Secret uploads must present (Authorization: Bearer TOKEN); or $ANNEXWATCH_TOKEN.",
        ),
    ] = None,
) -> None:
    """Serve the dashboard: territories, timelines, scorecards, events, documents, search, each page
    with a JSON twin under /api. Read-only unless --allow-ingest."""
    import uvicorn

    from annexwatch.store import default_db_path
    from annexwatch.web import create_app
    from annexwatch.web.app import MIN_TOKEN, is_loopback, loopback_hosts

    path = default_db_path(db)
    if not allow_ingest and not path.exists():
        err_console.print(
            f"[red]No database at {path}[/red]: run `annexwatch ingest PATH --db {path}` first."
        )
        raise typer.Exit(2)
    if allow_ingest and (not token or len(token) < MIN_TOKEN):
        raise typer.BadParameter(
            f"--allow-ingest needs a --token of at least {MIN_TOKEN} characters", param_hint="--token"
        )
    if token and not allow_ingest:
        err_console.print("[yellow]--token is ignored without --allow-ingest[/yellow]")
    loopback = is_loopback(host)
    if not loopback:
        err_console.print(
            f"[yellow]Listening on {escape(host)}: anyone who can reach this address "
            "can read the database.[/yellow]"
        )
    try:
        web_app = create_app(
            path,
            allow_ingest=allow_ingest,
            token=token if allow_ingest else None,
            allowed_hosts=loopback_hosts(host) if loopback else None,
        )
    except (StoreError, ValueError) as exc:
        err_console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    mode = "uploads enabled (token required)" if allow_ingest else "read-only"
    shown = f"[{host}]" if ":" in host else host
    console.print(f"annexwatch dashboard on http://{shown}:{port}/ over {escape(str(path))}, {mode}")
    uvicorn.run(web_app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)
