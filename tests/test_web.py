"""The dashboard's JSON API and pages, against a real database built from examples/corpus.

Every page is checked against its JSON twin: what the page lists is exactly what the API
returns for the same parameters.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import sqlite3
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that httpx is deprecated for its TestClient
    from fastapi.testclient import TestClient
from typer.testing import CliRunner

from annexwatch.cli import app as cli_app
from annexwatch.ingest import ingest_paths
from annexwatch.store import Store
from annexwatch.web import create_app
from annexwatch.web.app import SECURITY_HEADERS, loopback_hosts
from annexwatch.web.queries import MAX_LIMIT, MAX_QUERY, ReadOnlyStore, highlight
from annexwatch.web.routes import _cell

pytestmark = pytest.mark.model
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("web") / "corpus.db"
    with Store(db) as store:
        report = ingest_paths([corpus_dir], store)
    assert report.ok, report.failed
    return db


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(corpus_db))


# --- a tiny HTML reader: elements with their attributes, and the text inside some ---------------
class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.marks: list[str] = []
        self._mark_depth = 0
        self._mark_text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "mark":
            self._mark_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark_depth:
            self._mark_depth -= 1
            if not self._mark_depth:
                self.marks.append("".join(self._mark_text))
                self._mark_text = []

    def handle_data(self, data: str) -> None:
        if self._mark_depth:
            self._mark_text.append(data)

    def having(self, attribute: str, tag: str | None = None, **where: str) -> list[dict[str, str]]:
        return [
            attrs
            for t, attrs in self.elements
            if attribute in attrs
            and (tag is None or t == tag)
            and all(attrs.get(k) == v for k, v in where.items())
        ]

    def values(self, attribute: str, tag: str | None = None) -> list[str]:
        return [attrs[attribute] for attrs in self.having(attribute, tag)]


def get_page(client: TestClient, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def get_json(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    return response.json()


# --- every page has a JSON twin that returns what the page shows ------------------------------------
PAGES = [
    ("/", "/api/territories"),
    ("/territories/XSO", "/api/territories/XSO"),
    ("/territories/XAB?type=recognize&from=2008", "/api/territories/XAB?type=recognize&from=2008"),
    ("/events?actor=RUS&limit=10", "/api/events?actor=RUS&limit=10"),
    ("/events/1", "/api/events/1"),
    ("/documents", "/api/documents"),
    ("/documents/1", "/api/documents/1"),
    ("/search?q=passports", "/api/search?q=passports"),
    ("/docs", "/openapi.json"),
]


@pytest.mark.parametrize(("page", "twin"), PAGES)
def test_every_page_names_its_json_twin(client: TestClient, page: str, twin: str) -> None:
    document = get_page(client, page)
    alternate = document.having("href", "link", rel="alternate")
    assert [a["href"] for a in alternate] == [twin]
    assert twin in document.values("href", "a")  # and the footer links to it
    get_json(client, twin)


def test_territory_page_shows_exactly_its_json(client: TestClient) -> None:
    data = get_json(client, "/api/territories/XSO")
    page = get_page(client, "/territories/XSO")
    timeline = data["timeline"]
    assert timeline["total"] > 10
    rows = page.having("data-id", "li", **{})
    event_rows = [r for r in rows if "event" in r.get("class", "").split()]
    assert [r["data-id"] for r in event_rows] == [str(e["id"]) for e in timeline["items"]]
    for row, event in zip(event_rows, timeline["items"], strict=True):
        assert row["data-type"] == event["type"]
        assert row["data-label"] == event["date_label"]
    # every event links to its event page and to its source document
    links = page.values("href", "a")
    for event in timeline["items"]:
        assert event["url"] in links and event["document_url"] in links
    # the scorecard: each cell's level, and the document of the evidence that set it
    cells = {r["data-dimension"]: r["data-level"] for r in page.having("data-dimension", "tr")}
    (card,) = data["scorecard"]
    assert cells == {c["dimension"]: c["level"] for c in card["cells"]}
    for cell in card["cells"]:
        if cell["set_by"]:
            assert cell["set_by"]["document_url"] in links
    # figures, recognitions, quotes: each one on the page, each with its source
    claims = [f["claim_id"] for s in data["figures"] for f in s["figures"]]
    assert page.values("data-claim", "tr") == [str(c) for c in claims]
    assert all(f["document_url"] in links for s in data["figures"] for f in s["figures"])
    recognitions = [r for r in page.having("data-id", "li") if "event" not in r.get("class", "")]
    assert [r["data-id"] for r in recognitions] == [str(e["id"]) for e in data["recognitions"]]
    assert {e["source"] for e in data["recognitions"]} >= {"RUS", "NIC"}
    assert page.values("data-quote", "figure") == [str(q["id"]) for q in data["quotes"]]
    assert all(q["document_url"] in links for q in data["quotes"])


def test_overview_heat_map_is_the_scorecard_of_every_territory(client: TestClient) -> None:
    data = get_json(client, "/api/territories")
    page = get_page(client, "/")
    shown = {
        (c["data-territory"], c["data-dimension"]): c["data-level"] for c in page.having("data-level", "td")
    }
    expected = {
        (t["code"], d["name"]): (t["cells"][d["name"]]["level"] if t["cells"] else "")
        for t in data["territories"]
        for d in data["dimensions"]
    }
    assert shown == expected
    codes = [t["code"] for t in data["territories"]]
    assert codes[:2] == ["XSO", "XAB"] and "XLU" in codes  # every territory of the pack, with evidence or not
    xso = next(t for t in data["territories"] if t["code"] == "XSO")
    assert xso["cells"]["recognition"]["level"] == "complete"
    assert xso["cells"]["recognition"]["set_by"]["document_url"].startswith("/documents/")


def test_event_page_highlights_each_mentions_evidence_in_context(client: TestClient) -> None:
    with ReadOnlyStore(client.app.state.db_path) as store:  # type: ignore[attr-defined]
        (event_id,) = store.connection.execute(
            "SELECT id FROM merged_events WHERE type = 'recognize' AND source = 'RUS' AND target = 'XSO'"
        ).fetchone()
    data = get_json(client, f"/api/events/{event_id}")
    page = get_page(client, f"/events/{event_id}")
    assert data["event"]["date"]["start"] == "2008-08-26"
    assert len(data["mentions"]) == data["event"]["mention_count"] >= 2
    marked = " ".join(page.marks)
    for mention in data["mentions"]:
        for span in mention["evidence"]:
            assert " ".join(span["text"].split()) in " ".join(marked.split())
        context = mention["context"]
        assert context["start"] <= mention["evidence"][0]["start"] < context["end"]
    assert page.values("data-mention", "article") == [str(m["event_id"]) for m in data["mentions"]]
    # the date conflict: one source says 27 August
    assert data["conflict"], "the sample corpus has a source dating the recognition 2008-08-27"
    assert any(not c["agrees"] and c["date"]["start"] == "2008-08-27" for c in data["conflict"])
    assert "Date conflict" in client.get(f"/events/{event_id}").text


def test_document_page_marks_every_extraction_without_changing_the_text(client: TestClient) -> None:
    data = get_json(client, "/api/documents/so-2008-recognition.html")
    response = client.get(f"/documents/{data['document']['id']}")
    page = Page(response.text)
    ids = set(page.values("id"))
    assert data["extractions"] and set(data["counts"]) == {"event", "claim", "quote", "indicator"}
    for x in data["extractions"]:
        assert x["anchor"] in ids and f"x-{x['anchor']}" in ids
    body = re.search(r'<div class="doc-text" id="doc-text">(.*?)</div>', response.text, re.S)
    assert body is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", body.group(1))) == data["text"]
    classes = {c for attrs in page.having("class", "mark") for c in attrs["class"].split()}
    assert {"k-event", "k-quote", "k-indicator"} <= classes


def test_highlight_handles_overlapping_spans_and_escapes() -> None:
    text = "a <b> & c"
    marks = [
        {"start": 0, "end": 5, "classes": ["k-event"], "ids": ["event-1"]},
        {"start": 2, "end": 9, "classes": ["k-claim"], "ids": ["claim-2"]},
    ]
    out = str(highlight(text, 0, marks))
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert out.count('id="event-1"') == 1 and out.count('id="claim-2"') == 1
    assert 'class="k-claim k-event"' in out  # the overlap carries both
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_search_page_lists_its_json_hits_with_matches_marked(client: TestClient) -> None:
    data = get_json(client, "/api/search?q=passports")
    page = get_page(client, "/search?q=passports")
    assert data["total"] >= 3
    assert page.values("data-sentence", "li") == [str(h["sentence_id"]) for h in data["items"]]
    assert page.marks and all(m.lower().startswith("passport") for m in page.marks)
    for hit in data["items"]:
        assert [hit["sentence"][s:e].lower() for s, e in hit["matches"]] == ["passports"] * len(
            hit["matches"]
        )
        assert hit["document_url"].startswith(
            f"/documents/{hit['document_id']}?sentence={hit['sentence_id']}"
        )


def test_search_filters_by_actor_type_and_date(client: TestClient) -> None:
    everything = get_json(client, "/api/search?q=recognised")
    by_syria = get_json(client, "/api/search?q=recognised&actor=SYR")
    assert 0 < by_syria["total"] < everything["total"]
    assert all("Syria" in h["sentence"] or "Damascus" in h["sentence"] for h in by_syria["items"])
    russia = get_json(client, "/api/search?q=Russia")
    typed = get_json(client, "/api/search?q=Russia&type=recognize")
    assert 0 < typed["total"] < russia["total"]
    dated = get_json(client, "/api/search?q=recognised&from=2018&to=2018")
    assert dated["total"] > 0
    assert all(
        h["published"]["start"] <= "2018-12-31" and h["published"]["end"] >= "2018-01-01"
        for h in dated["items"]
    )
    no_query = get_json(client, "/api/search?actor=NRU")
    assert no_query["total"] > 0  # filters alone list the sentences they select
    assert (
        get_json(client, '/api/search?q="unbalanced')["total"] == 0
    )  # FTS syntax error: searched as a phrase


def test_timeline_filters_and_pagination(client: TestClient) -> None:
    full = get_json(client, "/api/territories/XSO/timeline?limit=200")
    recognitions = get_json(client, "/api/territories/XSO/timeline?type=recognize")
    assert {e["type"] for e in recognitions["items"]} == {"recognize"}
    assert recognitions["types_available"] == full["types_available"]  # the checkboxes stay
    window = get_json(client, "/api/territories/XSO/timeline?from=2008-08&to=2008-09")
    assert window["items"] and all(
        e["date"] and e["date"]["end"] >= "2008-08-01" and e["date"]["start"] <= "2008-09-30"
        for e in window["items"]
    )
    first = get_json(client, "/api/territories/XSO/timeline?limit=5")
    second = get_json(client, "/api/territories/XSO/timeline?limit=5&offset=5")
    assert first["next_offset"] == 5 and first["total"] == full["total"]
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in full["items"][:10]]
    page = get_page(client, "/territories/XSO?limit=5&offset=5")
    assert "/territories/XSO?limit=5&offset=10" in page.values("href", "a")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/territories/XSO?limit={MAX_LIMIT + 1}", 422),
        ("/api/territories/XSO?limit=0", 422),
        ("/api/events?offset=-1", 422),
        (f"/api/search?q={'a' * (MAX_QUERY + 1)}", 422),
        ("/api/territories/XSO?type=invade_mars", 422),
        ("/api/territories/XSO?from=2015-13", 422),
        ("/api/territories/XSO?from=yesterday", 422),
        ("/api/events?actor=X1'--", 422),
        ("/api/territories/XXX", 404),
        ("/api/events/999999", 404),
        ("/api/documents/no-such-file.txt", 404),
        ("/api/territories/XSO/nonsense", 422),
        ("/territories/XSO?limit=1000", 422),
        ("/search?q=" + "a" * (MAX_QUERY + 1), 422),
        ("/api/search?q=" + "a" * 100 + "&x=" + "b" * 2100, 414),
    ],
)
def test_limits_and_bad_input_are_refused(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    if url.startswith("/api"):
        assert response.headers["content-type"].startswith("application/json")
    else:
        assert response.headers["content-type"].startswith("text/html")  # an error page, not JSON


def test_empty_form_fields_count_as_not_given(client: TestClient) -> None:
    full = get_json(client, "/api/territories/XSO/timeline")
    assert get_json(client, "/api/territories/XSO/timeline?from=&to=")["total"] == full["total"]
    assert client.get("/territories/XSO?from=&to=&as_of=").status_code == 200
    assert client.get("/search?q=&actor=&type=&from=&to=").status_code == 200


def test_search_limit_is_capped_at_the_page_size(client: TestClient) -> None:
    assert get_json(client, f"/api/search?q=Russia&limit={MAX_LIMIT}")["limit"] == MAX_LIMIT


@pytest.mark.parametrize(
    "url",
    [
        "/api/territories/XSO/timeline",
        "/api/territories/XSO/figures",
        "/api/territories/XSO/scorecard",
        "/api/territories/XSO/recognitions",
        "/api/territories/XSO/quotes",
        "/api/search?q=treaty",
        "/api/events?actor=XAB",
        "/api/documents",
    ],
)
def test_downloads_hold_the_rows_the_page_shows(client: TestClient, url: str) -> None:
    path, _, query = url.partition("?")
    suffix = f"?{query}" if query else ""
    rows_json = get_json(client, f"{path}.json{suffix}")
    assert rows_json, url
    as_csv = client.get(f"{path}.csv{suffix}")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(table) == len(rows_json)
    as_jsonl = client.get(f"{path}.jsonl{suffix}")
    lines = [json.loads(line) for line in as_jsonl.text.splitlines()]
    assert lines == rows_json
    if path.endswith("timeline"):
        assert [int(r["id"]) for r in table] == [e["id"] for e in get_json(client, url)["items"]]
        assert {"date.start", "date.end", "sentence", "document"} <= set(table[0])


def test_event_and_document_downloads(client: TestClient) -> None:
    mentions = list(csv.DictReader(io.StringIO(client.get("/api/events/1/mentions.csv").text)))
    assert mentions and all(m["document"] and m["sentence"] for m in mentions)
    extractions = client.get("/api/documents/1/extractions.jsonl").text.splitlines()
    assert len(extractions) == len(get_json(client, "/api/documents/1")["extractions"])


def test_csv_cells_cannot_become_formulas() -> None:
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("Russia") == "Russia" and _cell(-3) == -3


# --- safe by default ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["/", "/territories/XSO", "/api/territories", "/static/app.css", "/api/events/999999", "/nowhere"]
)
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    response = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script(client: TestClient) -> None:
    for page_url, _ in PAGES:
        text = client.get(page_url).text
        page = Page(text)
        resources = page.values("src") + [a["href"] for a in page.having("href", "link")]
        assert resources and all(r.startswith("/") and not r.startswith("//") for r in resources), page_url
        for tag, attrs in page.elements:
            assert not (tag == "script" and "src" not in attrs), f"inline script on {page_url}"
            assert "style" not in attrs and not any(k.startswith("on") for k in attrs), (page_url, tag, attrs)
        assert "<style" not in text


def test_static_files_are_served_and_vendored(client: TestClient) -> None:
    for name in ("app.css", "timeline.js", "document.js", "favicon.svg"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        text = response.text.replace("http://www.w3.org/2000/svg", "")  # a namespace name, not a request
        assert "http://" not in text and "https://" not in text


def test_read_only_by_default(client: TestClient, corpus_db: Path) -> None:
    before = corpus_db.read_bytes()
    assert client.post("/api/documents", files={"files": ("a.txt", b"text")}).status_code == 405
    assert client.post("/upload").status_code in {404, 405}
    for url, _ in PAGES:
        client.get(url)
    with ReadOnlyStore(corpus_db) as store, pytest.raises(sqlite3.OperationalError):
        store.connection.execute("DELETE FROM documents")
    assert corpus_db.read_bytes() == before
    schema = get_json(client, "/openapi.json")
    assert not [path for path, ops in schema["paths"].items() if set(ops) - {"get"}]  # no write endpoint


def test_unknown_host_header_is_refused(corpus_db: Path) -> None:
    guarded = TestClient(create_app(corpus_db, allowed_hosts=loopback_hosts("127.0.0.1")))
    assert guarded.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert guarded.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert guarded.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_app_refuses_bad_settings(tmp_path: Path, corpus_db: Path) -> None:
    from annexwatch.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")
    with pytest.raises(ValueError):
        create_app(corpus_db, allow_ingest=True, token="short")
    with pytest.raises(ValueError):
        create_app(corpus_db, allow_ingest=True)


def test_ingest_mode_needs_the_token(tmp_path: Path, corpus_db: Path) -> None:
    db = tmp_path / "writable.db"
    shutil.copy(corpus_db, db)
    writer = TestClient(create_app(db, allow_ingest=True, token=TOKEN, uploads_dir=tmp_path / "uploads"))
    article = (
        b"---\ntitle: Vanuatu and Abkhazia\npublished: 2011-06-01\n---\n"
        b"Vanuatu recognised Abkhazia on 23 May 2011. Georgia condemned the decision.\n"
    )
    files = {"files": ("vu-2011-recognition.md", article, "text/markdown")}
    assert writer.post("/api/documents", files=files).status_code == 401
    wrong = writer.post("/api/documents", files=files, headers={"Authorization": "Bearer wrong-token-000000"})
    assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"] == "Bearer"
    bad_name = writer.post(
        "/api/documents",
        files={"files": ("../../etc/evil.sh", b"x")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert bad_name.status_code == 422
    done = writer.post("/api/documents", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 201, done.text
    report = done.json()
    assert len(report["new"]) == 1 and not report["failed"]
    (document,) = report["documents"]
    assert (tmp_path / "uploads" / "vu-2011-recognition.md").exists()
    page = writer.get(document["url"])
    assert page.status_code == 200 and "Vanuatu recognised Abkhazia" in page.text
    events = get_json(writer, "/api/events?actor=VUT")
    assert any(e["type"] == "recognize" and e["target"] == "XAB" for e in events["items"])
    # the page's form: token in a field, not a header
    assert 'action="/upload"' in writer.get("/").text
    refused = writer.post("/upload", data={"token": "nope"}, files=files)
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("text/html")
    again = writer.post("/upload", data={"token": TOKEN}, files=files)
    assert again.status_code == 200 and "1 unchanged" in again.text


def test_openapi_documents_the_api_and_the_docs_page_shows_it(client: TestClient) -> None:
    schema = get_json(client, "/openapi.json")
    paths = schema["paths"]
    for path in ("/api/territories", "/api/territories/{code}", "/api/events/{event_id}", "/api/search"):
        assert path in paths and paths[path]["get"]["summary"]
    assert not [p for p in paths if not p.startswith("/api")]  # pages stay out of the API schema
    limit = next(p for p in paths["/api/search"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_LIMIT
    docs = client.get("/docs").text
    assert all(path in html.unescape(docs) for path in paths)
    assert client.get("/redoc").status_code == 404  # FastAPI's CDN-loading doc pages are off


def test_serve_command_is_registered(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-ingest", "--token"):
        assert option in result.output
    missing = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
