"""Routes: each page and its JSON twin call the same builder in queries.py.

Page `/x` renders what `/api/x` returns (same parameters, same data); lists also download
as `/api/x.csv` and `/api/x.jsonl`. Page routes are left out of the OpenAPI schema, which
documents the API.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import threading
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse

from annexwatch.store import Store
from annexwatch.web import queries
from annexwatch.web.app import token_matches

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".meta.yaml")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,150}$")
_INGEST_LOCK = threading.Lock()  # one writer at a time, whatever the thread pool does


# --- dependencies and parameters ------------------------------------------------------------
def get_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a connection is cheap; sharing one across threads is not)."""
    store = queries.ReadOnlyStore(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[
    int, Query(ge=1, le=queries.MAX_LIMIT, description=f"Rows a page, at most {queries.MAX_LIMIT}.")
]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: not given (a form sends it so)
DateFrom = Annotated[
    str | None,
    Query(alias="from", max_length=10, pattern=DATE_PATTERN, description="From this date: YYYY[-MM[-DD]]."),
]
DateTo = Annotated[
    str | None, Query(alias="to", max_length=10, pattern=DATE_PATTERN, description="Up to this date.")
]
AsOf = Annotated[
    str | None,
    Query(
        max_length=10, pattern=DATE_PATTERN, description="Scorecard levels as of this date (default today)."
    ),
]
Types = Annotated[
    list[str] | None, Query(alias="type", max_length=40, description="Only these event types (repeatable).")
]
Actor = Annotated[
    str | None, Query(max_length=6, pattern=r"^[A-Za-z]{2,6}$", description="Actor code, e.g. XSO, RUS.")
]
SearchText = Annotated[
    str,
    Query(
        max_length=queries.MAX_QUERY,
        description=f"FTS5 query (phrases in quotes, OR, NEAR), at most {queries.MAX_QUERY} characters.",
    ),
]

EventType = Annotated[
    str | None, Query(alias="type", max_length=40, description="Sentences stating an event of this type.")
]
ActorFilter = Annotated[
    str | None,
    Query(max_length=6, pattern=r"^([A-Za-z]{2,6})?$", description="Sentences naming this actor."),
]
PublishedFrom = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=10,
        pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
        description="Published from.",
    ),
]
PublishedTo = Annotated[
    str | None,
    Query(alias="to", max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="Published up to."),
]


class Fmt(StrEnum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


class Section(StrEnum):
    timeline = "timeline"
    scorecard = "scorecard"
    figures = "figures"
    recognitions = "recognitions"
    quotes = "quotes"


def _day(value: str | None, *, end: bool, name: str) -> dt.date | None:
    try:
        return queries.parse_day(value, end=end)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from exc


def _types(types: list[str] | None) -> list[str]:
    known = set(queries.event_types())
    unknown = [t for t in types or [] if t not in known]
    if unknown:
        raise HTTPException(
            422, f"type: unknown event type {', '.join(unknown)}; one of {', '.join(sorted(known))}"
        )
    return list(dict.fromkeys(types or []))


# --- responses --------------------------------------------------------------------------------
def render(request: Request, template: str, data: dict[str, Any], **extra: Any) -> HTMLResponse:
    query = request.url.query
    twin = extra.pop("twin", "/api" + request.url.path) + (f"?{query}" if query else "")
    context = {"data": data, "twin": twin, "params": _params(request), "path": request.url.path, **extra}
    return request.app.state.templates.TemplateResponse(request, template, context)


def _params(request: Request) -> dict[str, Any]:
    """The request's query parameters, repeated ones as lists: for links that keep the filters."""
    found: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():
        if key in found:
            found[key] = [*found[key], value] if isinstance(found[key], list) else [found[key], value]
        else:
            found[key] = [value] if key == "type" else value
    return found


def tabular(rows: list[dict[str, Any]], fmt: Fmt, filename: str) -> Response:
    """Rows as a JSON list, a CSV file or JSON Lines (one object a line)."""
    if fmt is Fmt.json:
        return JSONResponse(rows)
    headers = {"Content-Disposition": f'attachment; filename="{filename}.{fmt.value}"'}
    if fmt is Fmt.jsonl:
        body = "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
        return Response(body, media_type="application/x-ndjson; charset=utf-8", headers=headers)
    flat = [_flatten(row) for row in rows]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in flat)
    return StreamingResponse(iter([buffer.getvalue()]), media_type="text/csv; charset=utf-8", headers=headers)


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and all(not isinstance(v, dict | list) for v in value.values()):
            out.update(_flatten(value, name + "."))
        elif isinstance(value, dict | list):
            out[name] = json.dumps(value, ensure_ascii=False, default=str) if value else ""
        else:
            out[name] = value
    return out


def _cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --- registration -----------------------------------------------------------------------------
def register(app: FastAPI) -> None:
    api = APIRouter(prefix="/api", tags=["api"])
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    _territory_routes(api, pages)
    _event_routes(api, pages)
    _document_routes(api, pages)
    _search_routes(api, pages)

    @api.get("/stats", summary="What the store holds")
    def stats(store: StoreDep) -> dict[str, Any]:
        return store.stats()

    @pages.get("/docs")
    def docs(request: Request) -> HTMLResponse:
        schema = request.app.openapi()
        return render(request, "docs.html", {"openapi": schema}, twin="/openapi.json")

    @pages.get("/favicon.ico")
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    if app.state.allow_ingest:
        _ingest_routes(api, pages)
    app.include_router(api)
    app.include_router(pages)


# --- territories ------------------------------------------------------------------------------
def _territory_routes(api: APIRouter, pages: APIRouter) -> None:
    @api.get("/territories", summary="Every territory: the scorecard heat map and counts")
    def api_overview(store: StoreDep, as_of: AsOf = None) -> dict[str, Any]:
        return queries.overview(store, _day(as_of, end=True, name="as_of"))

    @api.get("/territories.{fmt}", summary="The heat map as rows: territory, dimension, level, evidence")
    def api_overview_rows(fmt: Fmt, store: StoreDep, as_of: AsOf = None) -> Response:
        data = queries.overview(store, _day(as_of, end=True, name="as_of"))
        rows = [
            {
                "territory": t["code"],
                "patron": t["patron"],
                "dimension": d["name"],
                "level": (t["cells"].get(d["name"]) or {}).get("level"),
                "since": (t["cells"].get(d["name"]) or {}).get("since"),
                "sentence": ((t["cells"].get(d["name"]) or {}).get("set_by") or {}).get("sentence"),
                "document": ((t["cells"].get(d["name"]) or {}).get("set_by") or {}).get("document"),
            }
            for t in data["territories"]
            for d in data["dimensions"]
        ]
        return tabular(rows, fmt, "territories")

    @pages.get("/")
    @pages.get("/territories")
    def overview_page(request: Request, store: StoreDep, as_of: AsOf = None) -> HTMLResponse:
        data = queries.overview(store, _day(as_of, end=True, name="as_of"))
        return render(request, "overview.html", data, twin="/api/territories")

    def territory_data(
        store: Store,
        code: str,
        types: list[str] | None,
        date_from: str | None,
        date_to: str | None,
        limit: int,
        offset: int,
        as_of: str | None,
    ) -> dict[str, Any]:
        return queries.territory_page(
            store,
            code,
            types=_types(types),
            date_from=_day(date_from, end=False, name="from"),
            date_to=_day(date_to, end=True, name="to"),
            limit=limit,
            offset=offset,
            as_of=_day(as_of, end=True, name="as_of"),
        )

    @api.get(
        "/territories/{code}",
        summary="A territory: timeline, scorecard with evidence, figures, recognitions, quotes",
    )
    def api_territory(
        code: str,
        store: StoreDep,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
        as_of: AsOf = None,
    ) -> dict[str, Any]:
        return territory_data(store, code, types, date_from, date_to, limit, offset, as_of)

    @pages.get("/territories/{code}")
    def territory_page(
        request: Request,
        code: str,
        store: StoreDep,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
        as_of: AsOf = None,
    ) -> HTMLResponse:
        data = territory_data(store, code, types, date_from, date_to, limit, offset, as_of)
        return render(request, "territory.html", data)

    def section_rows(
        store: Store,
        code: str,
        section: Section,
        types: list[str] | None,
        date_from: str | None,
        date_to: str | None,
        limit: int,
        offset: int,
        as_of: str | None,
    ) -> tuple[Any, list[dict[str, Any]]]:
        """A section's data as the API returns it, and as rows for a download."""
        code = queries.territory_info(code)["code"]
        if section is Section.timeline:
            data = queries.timeline(
                store,
                code,
                _types(types),
                _day(date_from, end=False, name="from"),
                _day(date_to, end=True, name="to"),
                limit,
                offset,
            )
            return data, data["items"]
        if section is Section.scorecard:
            cards = queries.territory_scorecard(store, code, _day(as_of, end=True, name="as_of"))
            return cards, queries.scorecard_rows(cards)
        if section is Section.figures:
            sets = queries.territory_figures(store, code)
            return sets, queries.figure_rows(sets)
        if section is Section.recognitions:
            items = queries.recognitions(store, code)
            return items, items
        items = queries.territory_quotes(store, code)
        return items, items

    # before the plain section route: its {section} would otherwise swallow "timeline.csv"
    @api.get(
        "/territories/{code}/{section}.{fmt}",
        summary="Download one section of a territory's page (csv, jsonl, or json rows)",
    )
    def api_section_download(
        code: str,
        section: Section,
        fmt: Fmt,
        store: StoreDep,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
        as_of: AsOf = None,
    ) -> Response:
        rows = section_rows(store, code, section, types, date_from, date_to, limit, offset, as_of)[1]
        return tabular(rows, fmt, f"{code.upper()}-{section.value}")

    @api.get("/territories/{code}/{section}", summary="One section of a territory's page")
    def api_section(
        code: str,
        section: Section,
        store: StoreDep,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
        as_of: AsOf = None,
    ) -> Any:
        return section_rows(store, code, section, types, date_from, date_to, limit, offset, as_of)[0]


# --- events -----------------------------------------------------------------------------------
def _event_routes(api: APIRouter, pages: APIRouter) -> None:
    def events_data(
        store: Store,
        actor: str | None,
        types: list[str] | None,
        date_from: str | None,
        date_to: str | None,
        limit: int,
        offset: int,
    ) -> dict[str, Any]:
        return queries.timeline(
            store,
            actor.upper() if actor else None,
            _types(types),
            _day(date_from, end=False, name="from"),
            _day(date_to, end=True, name="to"),
            limit,
            offset,
        )

    @api.get("/events", summary="Merged events in date order, filtered by actor, type and date")
    def api_events(
        store: StoreDep,
        actor: Actor = None,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return events_data(store, actor, types, date_from, date_to, limit, offset)

    @api.get("/events.{fmt}", summary="Download the events list (csv, jsonl, or json rows)")
    def api_events_download(
        fmt: Fmt,
        store: StoreDep,
        actor: Actor = None,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response:
        data = events_data(store, actor, types, date_from, date_to, limit, offset)
        return tabular(data["items"], fmt, f"events{'-' + actor.upper() if actor else ''}")

    @pages.get("/events")
    def events_page(
        request: Request,
        store: StoreDep,
        actor: Actor = None,
        types: Types = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> HTMLResponse:
        data = events_data(store, actor, types, date_from, date_to, limit, offset)
        return render(request, "events.html", data, actors=queries.known_actors())

    @api.get(
        "/events/{event_id}", summary="A merged event: each mention's sentence in context, the date conflict"
    )
    def api_event(event_id: int, store: StoreDep) -> dict[str, Any]:
        return queries.event_page(store, event_id)

    @api.get("/events/{event_id}/mentions.{fmt}", summary="Download an event's mentions")
    def api_event_mentions(event_id: int, fmt: Fmt, store: StoreDep) -> Response:
        data = queries.event_page(store, event_id)
        rows = [{k: v for k, v in m.items() if k != "context"} for m in data["mentions"]]
        return tabular(rows, fmt, f"event-{event_id}-mentions")

    @pages.get("/events/{event_id}")
    def event_page(request: Request, event_id: int, store: StoreDep) -> HTMLResponse:
        data = queries.event_page(store, event_id)
        contexts = [queries.context_html(m["context"], m["evidence"]) for m in data["mentions"]]
        return render(request, "event.html", data, contexts=contexts)


# --- documents --------------------------------------------------------------------------------
def _document_routes(api: APIRouter, pages: APIRouter) -> None:
    @api.get("/documents", summary="Stored documents with counts of what was extracted")
    def api_documents(
        store: StoreDep, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0
    ) -> dict[str, Any]:
        return queries.documents(store, limit, offset)

    @api.get("/documents.{fmt}", summary="Download the documents list")
    def api_documents_download(
        fmt: Fmt, store: StoreDep, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0
    ) -> Response:
        return tabular(queries.documents(store, limit, offset)["items"], fmt, "documents")

    @pages.get("/documents")
    def documents_page(
        request: Request, store: StoreDep, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0
    ) -> HTMLResponse:
        return render(request, "documents.html", queries.documents(store, limit, offset))

    @api.get(
        "/documents/{ref}", summary="A document: metadata, cleaned text, every extraction with its spans"
    )
    def api_document(
        ref: Annotated[str, PathParam(max_length=200)],
        store: StoreDep,
        sentence: Annotated[int | None, Query(ge=1, description="A sentence to outline on the page.")] = None,
    ) -> dict[str, Any]:
        return queries.document_page(store, ref[:200])

    @api.get("/documents/{ref}/extractions.{fmt}", summary="Download a document's extractions")
    def api_document_extractions(ref: str, fmt: Fmt, store: StoreDep) -> Response:
        data = queries.document_page(store, ref[:200])
        rows = [{"document": data["document"]["name"], **x} for x in data["extractions"]]
        return tabular(rows, fmt, f"{Path(data['document']['name']).stem}-extractions")

    @pages.get("/documents/{ref}")
    def document_page(
        request: Request,
        ref: str,
        store: StoreDep,
        sentence: Annotated[int | None, Query(ge=1)] = None,
    ) -> HTMLResponse:
        data = queries.document_page(store, ref[:200])
        return render(request, "document.html", data, text_html=queries.document_html(data, sentence))


# --- search -----------------------------------------------------------------------------------
def _search_routes(api: APIRouter, pages: APIRouter) -> None:
    def search_data(
        store: Store,
        q: str,
        actor: str | None,
        event_type: str | None,
        date_from: str | None,
        date_to: str | None,
        limit: int,
        offset: int,
    ) -> dict[str, Any]:
        if event_type:
            _types([event_type])
        return queries.search(
            store,
            q,
            actor=actor,
            event_type=event_type or None,
            date_from=_day(date_from, end=False, name="from"),
            date_to=_day(date_to, end=True, name="to"),
            limit=limit,
            offset=offset,
        )

    @api.get("/search", summary="Full-text search over sentences, with filters by actor, event type and date")
    def api_search(
        store: StoreDep,
        q: SearchText = "",
        actor: ActorFilter = None,
        event_type: EventType = None,
        date_from: PublishedFrom = None,
        date_to: PublishedTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return search_data(store, q, actor, event_type, date_from, date_to, limit, offset)

    @api.get("/search.{fmt}", summary="Download search results")
    def api_search_download(
        fmt: Fmt,
        store: StoreDep,
        q: SearchText = "",
        actor: ActorFilter = None,
        event_type: EventType = None,
        date_from: PublishedFrom = None,
        date_to: PublishedTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response:
        data = search_data(store, q, actor, event_type, date_from, date_to, limit, offset)
        return tabular(data["items"], fmt, "search")

    @pages.get("/search")
    def search_page(
        request: Request,
        store: StoreDep,
        q: SearchText = "",
        actor: ActorFilter = None,
        event_type: EventType = None,
        date_from: PublishedFrom = None,
        date_to: PublishedTo = None,
        limit: Limit = queries.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> HTMLResponse:
        data = search_data(store, q, actor, event_type, date_from, date_to, limit, offset)
        snippets = [queries.search_html(item) for item in data["items"]]
        return render(
            request,
            "search.html",
            data,
            snippets=snippets,
            actors=queries.known_actors(),
            types=queries.event_types(),
        )


# --- ingest (only with --allow-ingest) -----------------------------------------------------------
def _ingest_routes(api: APIRouter, pages: APIRouter) -> None:
    body_cap = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024

    @api.post(
        "/documents",
        summary="Upload articles to ingest (needs --allow-ingest; Authorization: Bearer TOKEN)",
        status_code=201,
        max_body_size=body_cap,
    )
    def api_upload(
        request: Request,
        files: Annotated[
            list[UploadFile], File(description="Articles: .txt .md .html .htm .pdf (.meta.yaml)")
        ],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        presented = (
            authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None
        )
        if not token_matches(request.app, presented):
            raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})
        return _ingest(request, files)

    @pages.post("/upload", max_body_size=body_cap)
    def upload_page(
        request: Request,
        token: Annotated[str, Form(max_length=500)],
        files: Annotated[list[UploadFile], File()],
    ) -> HTMLResponse:
        if not token_matches(request.app, token):
            raise HTTPException(401, "a valid token is required")
        report = _ingest(request, files)
        return render(request, "ingested.html", report, twin="/api/documents")


def _ingest(request: Request, files: list[UploadFile]) -> dict[str, Any]:
    """Save the uploads beside the database and ingest them through one writable Store."""
    from annexwatch.ingest import ingest_paths

    if len(files) > MAX_FILES:
        raise HTTPException(413, f"at most {MAX_FILES} files an upload")
    folder: Path = request.app.state.uploads_dir
    saved: list[Path] = []
    contents: list[tuple[str, bytes]] = []
    for upload in files:
        name = Path(upload.filename or "").name
        if not SAFE_NAME.match(name) or not name.lower().endswith(UPLOAD_SUFFIXES):
            raise HTTPException(
                422, f"{name!r}: not an accepted file name (use {', '.join(UPLOAD_SUFFIXES)})"
            )
        data = upload.file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise HTTPException(413, f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        contents.append((name, data))
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in contents:
        path = folder / name
        path.write_bytes(data)
        if not name.lower().endswith(".meta.yaml"):
            saved.append(path)
    with _INGEST_LOCK, Store(request.app.state.db_path) as store:
        report = ingest_paths(saved, store)
        resolved = [str(p.resolve()) for p in saved]
        marks = ", ".join("?" * len(resolved))
        rows = (
            store.connection.execute(
                f"SELECT id, name FROM documents WHERE path IN ({marks}) ORDER BY name", resolved
            ).fetchall()
            if resolved
            else []
        )
    return {
        "new": report.new,
        "replaced": report.replaced,
        "unchanged": report.unchanged,
        "failed": [str(err) for err in report.failed],
        "knowledge_error": report.knowledge_error,
        "documents": [{"id": r["id"], "name": r["name"], "url": f"/documents/{r['id']}"} for r in rows],
    }
