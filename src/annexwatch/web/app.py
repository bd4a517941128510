"""The app factory: settings, security headers, limits, error pages, templates and static files."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from annexwatch import __version__
from annexwatch.errors import StoreError
from annexwatch.web import queries

HERE = Path(__file__).parent
MAX_QUERY_STRING = 2048  # bytes of a URL's query string: more is refused (414)
MIN_TOKEN = 12  # characters an ingest token must have at least

# No inline script or style anywhere: everything the pages run or wear comes from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

# Event types grouped for colour: what the chart and the lists colour by (the type is
# always written out too, so colour is never the only cue).
TYPE_GROUPS = {
    "recognize": "ally",
    "establish_relations": "ally",
    "endorse": "ally",
    "withdraw_recognition": "break",
    "sever_relations": "break",
    "condemn": "break",
    "impose_sanctions": "break",
    "cut_aid": "break",
    "sign_agreement": "treaty",
    "ratify_agreement": "treaty",
    "armed_conflict": "force",
    "deploy_forces": "force",
    "military_aid": "force",
    "annex": "force",
    "legal_action": "force",
    "hold_referendum": "vote",
    "election": "vote",
    "declare_independence": "vote",
    "announce_accession": "vote",
    "provide_aid": "money",
    "protest": "protest",
    "ceasefire": "talk",
    "meet": "talk",
    "visit": "talk",
}

API_DESCRIPTION = """\
Cited facts about de facto states and their patrons. Every page of the dashboard has a
JSON twin under `/api` (`/territories/XSO` and `/api/territories/XSO`), lists are paged
(`limit` at most 200, `offset`) and filterable, and each list a page shows downloads as
CSV or JSON Lines (`.csv`, `.jsonl`). Every fact carries the document and sentence that
state it. Read-only unless the server runs with `--allow-ingest --token T`.
"""


def create_app(
    db_path: str | Path,
    allow_ingest: bool = False,
    token: str | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
    uploads_dir: str | Path | None = None,
) -> FastAPI:
    """The dashboard over the database at `db_path`.

    Read-only unless `allow_ingest`, which needs a `token` that uploads must present
    (`Authorization: Bearer TOKEN`, or the form's token field). `allowed_hosts` limits
    the Host header the app answers (a defence against DNS rebinding; the CLI sets it
    when bound to a loopback address). Uploaded files are kept in `uploads_dir` (default
    `<db name>-uploads/` beside the database): a document's identity is its path, so a
    file uploaded again under the same name replaces the one stored before.
    """
    db_path = Path(db_path)
    if allow_ingest:
        if not token or len(token) < MIN_TOKEN:
            raise ValueError(f"--allow-ingest needs a --token of at least {MIN_TOKEN} characters")
        from annexwatch.store import Store

        Store(db_path).close()  # create or migrate the database now, not on the first upload
    else:
        queries.ReadOnlyStore(db_path).close()  # fail at start, not on the first request

    app = FastAPI(
        title="annexwatch",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: /docs is our own page
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.uploads_dir = Path(uploads_dir) if uploads_dir else db_path.with_name(db_path.stem + "-uploads")

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        {
            "version": __version__,
            "type_group": lambda t: TYPE_GROUPS.get(t, "other"),
            "actor_name": queries.actor_name,
            "mark_spans": queries.mark_spans,
            "allow_ingest": allow_ingest,
            "max_limit": queries.MAX_LIMIT,
            "max_query": queries.MAX_QUERY,
        }
    )
    templates.env.filters["actor_name"] = queries.actor_name
    templates.env.filters["qs"] = _query_string
    templates.env.filters["plural"] = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")
    templates.env.filters["pick"] = lambda params, keys: {k: v for k, v in params.items() if k in keys}
    app.state.templates = templates

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_middleware(app, allowed_hosts)
    _install_error_handlers(app)

    from annexwatch.web import routes

    routes.register(app)
    return app


def _query_string(params: dict[str, Any], **changes: Any) -> str:
    """'?a=1&type=x&type=y' from a dict whose values may be lists; None and '' dropped."""
    merged = {**params, **changes}
    pairs: list[tuple[str, Any]] = []
    for key, value in merged.items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, v) for v in values if v is not None and v != "")
    return "?" + urlencode(pairs) if pairs else ""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts(host: str) -> list[str]:
    """Host names a loopback-bound server answers to (Starlette ignores the port)."""
    return sorted({"127.0.0.1", "localhost", "[::1]", host})


def _install_middleware(app: FastAPI, allowed_hosts: Sequence[str] | None) -> None:
    @app.middleware("http")
    async def security(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if len(request.scope.get("query_string", b"")) > MAX_QUERY_STRING:
            response: Response = JSONResponse({"detail": "query string too long"}, status_code=414)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts), www_redirect=False)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _install_error_handlers(app: FastAPI) -> None:
    def page(request: Request, status: int, title: str, detail: Any) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status)
        messages = detail if isinstance(detail, list) else [detail]
        text = [
            f"{'.'.join(str(p) for p in m.get('loc', [])[1:])}: {m.get('msg')}"
            if isinstance(m, dict)
            else str(m)
            for m in messages
        ]
        context = {
            "status": status,
            "title": title,
            "messages": text,
            "path": request.url.path,
            "twin": "/api" + request.url.path,
            "params": {},
        }
        return app.state.templates.TemplateResponse(request, "error.html", context, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        titles = {
            404: "Not found",
            401: "Not authorised",
            403: "Forbidden",
            413: "Too large",
            422: "Bad request",
        }
        response = page(request, exc.status_code, titles.get(exc.status_code, "Error"), exc.detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in {"loc", "msg", "type"}} for e in exc.errors()]
        return page(request, 422, "Bad request", errors)

    @app.exception_handler(queries.NotFound)
    async def not_found(request: Request, exc: queries.NotFound) -> Response:
        return page(request, 404, "Not found", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return page(request, 503, "Database unavailable", str(exc))


def token_matches(app: FastAPI, presented: str | None) -> bool:
    expected = app.state.token
    if not app.state.allow_ingest or not expected or not presented:
        return False
    return secrets.compare_digest(presented.encode(), expected.encode())
