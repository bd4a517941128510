"""The SQLite store: real database files in tmp_path, records built by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from annexwatch.errors import StoreError
from annexwatch.models import (
    ActorMention,
    Claim,
    DateInterval,
    Document,
    Event,
    Evidence,
    Extraction,
    Indicator,
    Quote,
    Sentence,
)
from annexwatch.store import LATEST_VERSION, InvalidRecordError, Store, default_db_path
from annexwatch.store.db import Store as DbStore
from annexwatch.store.migrations import (
    APPLICATION_ID,
    MIGRATIONS,
    Migration,
    current_version,
    migrate,
    split_statements,
)

VERSION = "test-1"

TEXT_A = (
    "Russia recognised Abkhazia on 26 August 2008. "
    "Georgia condemned the recognition. "
    "Russia and Abkhazia signed a treaty in November 2014. "
    "About 240,000 people live in Abkhazia, said Sergei Shamba."
)
TEXT_B = (
    "South Ossetia held an election in April 2017. "
    "Russia deployed troops to South Ossetia in 2008. "
    "Annexation would aggravate relations with Tskhínvali."
)


def span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def sentences_of(text: str) -> list[Sentence]:
    """Sentences split at '. ' -- enough for hand-written test text."""
    out, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append(Sentence(start, end, text[start:end]))
        start = end + 1
    return out


def event(text: str, phrase: str, type_: str, **fields: object) -> Event:
    base: dict[str, object] = dict(
        type=type_,
        source=None,
        target=None,
        parties=None,
        date=None,
        modality="asserted",
        plover=None,
        cameo=None,
        evidence=[span(text, phrase)],
    )
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def doc_a(path: str = "/corpus/001_a.txt", content_hash: str = "hash-a", text: str = TEXT_A) -> Document:
    return Document(
        path=path,
        name=Path(path).name,
        format="txt",
        text=text,
        content_hash=content_hash,
        title="Russia and Abkhazia",
        url="https://example.org/a",
        source="Example News",
        language="en",
        published=DateInterval.day(2014, 11, 25),
        published_cues=["byline"],
        metadata={"published": dt.date(2014, 11, 25), "tags": ["x"]},
    )


def extraction_a(text: str = TEXT_A) -> Extraction:
    return Extraction(
        sentences=sentences_of(text),
        mentions=[
            ActorMention(0, 6, "Russia", "RUS", kind="name"),
            ActorMention(text.index("Georgia"), text.index("Georgia") + 7, "Georgia", "GEO"),
        ],
        events=[
            event(
                text,
                "Russia recognised Abkhazia on 26 August 2008",
                "recognize",
                source="RUS",
                target="XAB",
                date=DateInterval.day(2008, 8, 26),
                plover="SUPPORT",
                cameo="054",
                date_text="26 August 2008",
                rule="recognize.v1",
            ),
            event(
                text,
                "Georgia condemned the recognition",
                "condemn",
                source="GEO",
                target="RUS",
                date=DateInterval.between(dt.date(2008, 8, 26), dt.date(2014, 11, 25)),
            ),
            event(
                text,
                "Russia and Abkhazia signed a treaty in November 2014",
                "sign_agreement",
                parties=["XAB", "RUS"],
                date=DateInterval.month(2014, 11),
                persons=["Vladimir Putin"],
                agreement="Treaty on Alliance",
            ),
        ],
        claims=[
            Claim(
                "XAB",
                "population",
                240000.0,
                None,
                None,
                "people",
                None,
                "approximate",
                [span(text, "About 240,000 people")],
                as_of=DateInterval.year(2014),
                rule="pop",
            ),
        ],
        quotes=[
            Quote(
                "Sergei Shamba",
                "XAB",
                "About 240,000 people live in Abkhazia",
                False,
                [span(text, "About 240,000 people live in Abkhazia, said Sergei Shamba")],
            ),
        ],
        indicators=[
            Indicator("XAB", "RUS", "military", "extensive", [span(text, "signed a treaty")]),
        ],
    )


def doc_b(content_hash: str = "hash-b") -> Document:
    return Document(
        path="/corpus/002_b.txt",
        name="002_b.txt",
        format="txt",
        text=TEXT_B,
        content_hash=content_hash,
        title="South Ossetia",
    )


def extraction_b() -> Extraction:
    return Extraction(
        sentences=sentences_of(TEXT_B),
        events=[
            event(
                TEXT_B,
                "South Ossetia held an election in April 2017",
                "election",
                source="XSO",
                date=DateInterval.month(2017, 4),
            ),
            event(
                TEXT_B,
                "Russia deployed troops to South Ossetia",
                "deploy_forces",
                source="RUS",
                target="XSO",
                date=DateInterval.year(2008),
            ),
            event(
                TEXT_B,
                "Annexation would aggravate relations",
                "annex",
                source="RUS",
                target="XSO",
                modality="hypothetical",
            ),
        ],
    )


TABLES = (
    "documents",
    "sentences",
    "mentions",
    "events",
    "event_actors",
    "claims",
    "quotes",
    "indicators",
    "evidence",
)


def counts(store: Store) -> dict[str, int]:
    return {t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def dump(store: Store) -> list[str]:
    """The whole database as SQL, FTS shadow tables included: equal dumps, equal databases."""
    return list(store.connection.iterdump())


def rows_of(store: Store, document_id: int) -> dict[str, list[tuple]]:
    conn = store.connection
    out = {
        t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} WHERE document_id = ?", (document_id,))]
        for t in ("sentences", "mentions", "events", "claims", "quotes", "indicators", "evidence")
    }
    out["documents"] = [
        tuple(r) for r in conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,))
    ]
    return out


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    assert store.save_document(doc_a(), extraction_a(), VERSION) == "new"
    assert store.save_document(doc_b(), extraction_b(), VERSION) == "new"
    return store


# --- saving --------------------------------------------------------------------------------
def test_store_save_new_then_unchanged(store: Store) -> None:
    assert store.save_document(doc_a(), extraction_a(), VERSION) == "new"
    before = counts(store)
    assert before["documents"] == 1
    assert before["sentences"] == 4
    assert before["events"] == 3
    assert before["event_actors"] == 6  # RUS+XAB, GEO+RUS, XAB+RUS
    assert before["evidence"] == 6
    snapshot = dump(store)
    assert store.save_document(doc_a(), extraction_a(), VERSION) == "unchanged"
    assert counts(store) == before
    assert dump(store) == snapshot  # not even ingested_at was touched
    assert store.document_count() == 1


def test_store_is_unchanged(store: Store) -> None:
    assert not store.is_unchanged("/corpus/001_a.txt", "hash-a", VERSION)
    store.save_document(doc_a(), extraction_a(), VERSION)
    assert store.is_unchanged("/corpus/001_a.txt", "hash-a", VERSION)
    assert not store.is_unchanged("/corpus/001_a.txt", "hash-x", VERSION)
    assert not store.is_unchanged("/corpus/001_a.txt", "hash-a", "test-2")


def test_store_replaced_leaves_other_document_alone(filled: Store) -> None:
    store = filled
    id_a, id_b = (
        store.connection.execute("SELECT id FROM documents WHERE name = ?", (n,)).fetchone()[0]
        for n in ("001_a.txt", "002_b.txt")
    )
    b_before = rows_of(store, id_b)
    new_text = "Russia recognised Abkhazia on 26 August 2008. Nauru followed in 2009."
    extraction = Extraction(
        sentences=sentences_of(new_text),
        events=[
            event(
                new_text,
                "Nauru followed in 2009",
                "recognize",
                source="NRU",
                target="XAB",
                date=DateInterval.year(2009),
            )
        ],
    )
    status = store.save_document(doc_a(content_hash="hash-a2", text=new_text), extraction, VERSION)
    assert status == "replaced"
    assert rows_of(store, id_b) == b_before
    assert store.connection.execute("SELECT id FROM documents WHERE name = '001_a.txt'").fetchone()[0] == id_a
    c = counts(store)
    assert c["documents"] == 2
    assert c["events"] == 1 + 3
    assert c["claims"] == c["quotes"] == c["indicators"] == 0
    # the FTS index followed: the old sentence text is gone, the new one is found
    assert store.search("condemned") == []
    assert [h.document for h in store.search("Nauru")] == ["001_a.txt"]
    assert store.connection.execute("SELECT count(*) FROM sentences_fts").fetchone()[0] == c["sentences"]


def test_store_new_extractor_version_replaces(filled: Store) -> None:
    assert filled.save_document(doc_a(), extraction_a(), "test-2") == "replaced"
    assert filled.is_unchanged("/corpus/001_a.txt", "hash-a", "test-2")


def _raise(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom after the first inserts")


@pytest.mark.parametrize("replacing", [False, True])
@pytest.mark.parametrize("failure", ["bad_span", "non_int_span", "no_evidence", "exception"])
def test_store_failed_save_leaves_db_as_before(
    filled: Store, monkeypatch: pytest.MonkeyPatch, failure: str, replacing: bool
) -> None:
    store = filled
    snapshot = dump(store)
    extraction = extraction_a()
    claim = extraction.claims[0]
    if failure == "bad_span":
        claim.evidence = [Evidence(5, 2, "x")]  # ends before it starts
    elif failure == "non_int_span":
        claim.evidence = [Evidence("5", 9, "x")]  # type: ignore[arg-type]
    elif failure == "no_evidence":
        claim.evidence = []
    else:
        monkeypatch.setattr(DbStore, "_insert_claims", _raise)
    doc = doc_a(content_hash="hash-a2") if replacing else doc_a(path="/corpus/003_c.txt")
    # a refused record is an InvalidRecordError: a StoreError, and a ValueError for batch loops
    expected = RuntimeError if failure == "exception" else InvalidRecordError
    with pytest.raises(expected):
        store.save_document(doc, extraction, VERSION)
    assert not store.connection.in_transaction
    assert dump(store) == snapshot
    # and the store is still usable afterwards
    monkeypatch.undo()
    assert store.save_document(doc_a(path="/corpus/004_d.txt"), extraction_a(), VERSION) == "new"


def test_store_sqlite_error_is_rolled_back_and_wrapped(filled: Store) -> None:
    snapshot = dump(filled)
    extraction = extraction_b()
    extraction.events[0].type = None  # type: ignore[assignment]  # NOT NULL violation in SQL
    with pytest.raises(StoreError, match="rolled back"):
        filled.save_document(doc_b(content_hash="hash-b2"), extraction, VERSION)
    assert dump(filled) == snapshot


def test_store_links_spans_to_sentences(store: Store) -> None:
    extraction = extraction_a()
    gap = TEXT_A.index(" Georgia")  # the space between sentence 1 and 2
    extraction.indicators[0].evidence = [Evidence.of(TEXT_A, gap, gap + 8)]
    store.save_document(doc_a(), extraction, VERSION)
    conn = store.connection
    rows = conn.execute(
        'SELECT e.start, s.start, s."end" FROM evidence e JOIN sentences s ON s.id = e.sentence_id'
    ).fetchall()
    assert len(rows) == 6  # every span found its sentence
    for ev_start, s_start, s_end in rows:
        assert s_start <= ev_start < s_end or ev_start == gap
    linked = conn.execute(
        "SELECT s.text FROM evidence e JOIN sentences s ON s.id = e.sentence_id WHERE e.start = ?", (gap,)
    ).fetchone()[0]
    assert linked.startswith("Georgia")
    mention_sentences = conn.execute("SELECT sentence_id FROM mentions ORDER BY start").fetchall()
    sentence_ids = [r[0] for r in conn.execute("SELECT id FROM sentences ORDER BY idx")]
    assert [r[0] for r in mention_sentences] == [sentence_ids[0], sentence_ids[1]]


def test_store_keeps_fields(filled: Store) -> None:
    conn = filled.connection
    doc = conn.execute("SELECT * FROM documents WHERE name = '001_a.txt'").fetchone()
    assert (doc["published_start"], doc["published_end"], doc["published_precision"]) == (
        "2014-11-25",
        "2014-11-25",
        "day",
    )
    assert doc["metadata"] == '{"published": "2014-11-25", "tags": ["x"]}'
    assert doc["text"] == TEXT_A
    quote = conn.execute("SELECT direct FROM quotes").fetchone()
    assert quote["direct"] == 0


def test_store_deleting_a_document_cascades_everywhere(filled: Store) -> None:
    conn = filled.connection
    conn.execute("DELETE FROM documents WHERE name = '001_a.txt'")
    c = counts(filled)
    assert c["documents"] == 1
    assert c["claims"] == c["quotes"] == c["indicators"] == c["mentions"] == 0
    assert c["events"] == 3
    assert conn.execute("SELECT count(*) FROM evidence WHERE record_kind != 'event'").fetchone()[0] == 0
    assert filled.search("Abkhazia") == []


def test_store_deleting_a_record_removes_its_evidence(filled: Store) -> None:
    conn = filled.connection
    conn.execute("DELETE FROM claims")
    assert conn.execute("SELECT count(*) FROM evidence WHERE record_kind = 'claim'").fetchone()[0] == 0


def test_store_connection_settings(store: Store) -> None:
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_store_fts_table_is_datasette_detectable(store: Store) -> None:
    sql = store.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'").fetchone()[0]
    assert 'content="sentences"' in sql
    assert "remove_diacritics 2" in sql


# --- reading -------------------------------------------------------------------------------
def test_store_timeline_orders_dated_asserted_events(filled: Store) -> None:
    rows = filled.timeline()
    assert [(r.type, str(r.date)) for r in rows] == [
        ("deploy_forces", "2008"),  # by start: 2008-01-01 comes first
        ("recognize", "2008-08-26"),
        ("condemn", "2008-08-26/2014-11-25"),
        ("sign_agreement", "2014-11"),
        ("election", "2017-04"),
    ]
    first = rows[1]
    assert first.sentence == "Russia recognised Abkhazia on 26 August 2008."
    assert first.evidence == [span(TEXT_A, "Russia recognised Abkhazia on 26 August 2008")]
    assert (first.document, first.title, first.plover, first.cameo) == (
        "001_a.txt",
        "Russia and Abkhazia",
        "SUPPORT",
        "054",
    )
    assert first.date == DateInterval.day(2008, 8, 26)
    sign = rows[3]
    assert sign.parties == ["XAB", "RUS"]
    assert (sign.source, sign.target) == (None, None)
    assert sign.persons == ["Vladimir Putin"]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("XAB", ["recognize", "sign_agreement"]),  # as target, and as a party
        ("GEO", ["condemn"]),  # as source
        ("RUS", ["deploy_forces", "recognize", "condemn", "sign_agreement"]),
        ("xso", ["deploy_forces", "election"]),  # codes match case-insensitively
        ("NRU", []),
    ],
)
def test_store_timeline_by_actor(filled: Store, actor: str, expected: list[str]) -> None:
    assert [r.type for r in filled.timeline(actor=actor)] == expected


def test_store_timeline_actor_lookup_uses_index(filled: Store) -> None:
    plan = filled.connection.execute(
        "EXPLAIN QUERY PLAN SELECT event_id FROM event_actors WHERE actor = ?", ("XSO",)
    ).fetchall()
    [detail] = [row[-1] for row in plan]
    assert detail.startswith("SEARCH event_actors USING") and "(actor=?)" in detail  # not SCAN


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (dt.date(2008, 8, 1), dt.date(2008, 8, 31), ["deploy_forces", "recognize", "condemn"]),
        (dt.date(2014, 11, 20), None, ["condemn", "sign_agreement", "election"]),
        (None, dt.date(2008, 1, 1), ["deploy_forces"]),  # a year overlaps its first day
        (dt.date(2015, 1, 1), dt.date(2016, 12, 31), []),
    ],
)
def test_store_timeline_by_date_overlap(
    filled: Store, date_from: dt.date | None, date_to: dt.date | None, expected: list[str]
) -> None:
    assert [r.type for r in filled.timeline(date_from=date_from, date_to=date_to)] == expected


def test_store_timeline_types_modality_undated(filled: Store) -> None:
    assert [r.type for r in filled.timeline(types=["election", "recognize"])] == ["recognize", "election"]
    assert "annex" not in [r.type for r in filled.timeline(modality="asserted")]
    assert [r.type for r in filled.timeline(modality="hypothetical")] == []  # undated, so not shown
    rows = filled.timeline(modality=None, include_undated=True)
    assert rows[-1].type == "annex"
    assert rows[-1].date is None
    assert rows[-1].modality == "hypothetical"
    assert len(rows) == 6
    assert [r.type for r in filled.timeline(modality="hypothetical", include_undated=True)] == ["annex"]


def test_store_search_finds_and_marks(filled: Store) -> None:
    hits = filled.search("condemned")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.snippet == "Georgia \x02condemned\x03 the recognition."
    assert (hit.document, hit.title, hit.published) == (
        "001_a.txt",
        "Russia and Abkhazia",
        DateInterval.day(2014, 11, 25),
    )
    assert TEXT_A[hit.start : hit.end] == "Georgia condemned the recognition."
    assert isinstance(hit.rank, float)
    assert {h.document for h in filled.search("Russia")} == {"001_a.txt", "002_b.txt"}
    assert len(filled.search("Russia", limit=1)) == 1


def test_store_search_ignores_diacritics(filled: Store) -> None:
    assert [h.snippet for h in filled.search("tskhinvali")] == [
        "Annexation would aggravate relations with \x02Tskhínvali\x03."
    ]


@pytest.mark.parametrize("query", ['"Abkhazia', "Abkhazia AND", "(treaty", "NEAR(", "bogus:col", "*", ""])
def test_store_search_malformed_query_does_not_crash(filled: Store, query: str) -> None:
    hits = filled.search(query)
    assert isinstance(hits, list)


def test_store_search_malformed_query_retried_as_phrase(filled: Store) -> None:
    assert [h.snippet for h in filled.search('"signed a treaty')] == [
        "Russia and Abkhazia \x02signed a treaty\x03 in November 2014."
    ]


def test_store_event_detail(filled: Store) -> None:
    event_id = filled.timeline(types=["sign_agreement"])[0].event_id
    detail = filled.event_detail(event_id)
    assert detail is not None
    assert (detail.type, detail.parties, detail.date, detail.agreement) == (
        "sign_agreement",
        ["XAB", "RUS"],
        DateInterval.month(2014, 11),
        "Treaty on Alliance",
    )
    assert detail.persons == ["Vladimir Putin"]
    [ev] = detail.evidence
    assert ev.text == "Russia and Abkhazia signed a treaty in November 2014"
    assert ev.sentence == "Russia and Abkhazia signed a treaty in November 2014."
    assert TEXT_A[ev.start : ev.end] == ev.text
    assert ev.evidence == Evidence(ev.start, ev.end, ev.text)
    assert (detail.document.name, detail.document.url, detail.document.published) == (
        "001_a.txt",
        "https://example.org/a",
        DateInterval.day(2014, 11, 25),
    )
    assert filled.event_detail(999_999) is None


def test_store_event_detail_as_lines(filled: Store) -> None:
    event_id = filled.timeline(types=["condemn"])[0].event_id
    detail = filled.event_detail(event_id)
    assert detail is not None
    lines = dict(detail.as_lines())
    assert lines["actors"] == "GEO -> RUS"
    assert lines["date"] == "2008-08-26/2014-11-25"
    assert lines["document"] == "001_a.txt"
    assert lines["evidence 1"].endswith("Georgia condemned the recognition")
    assert lines["sentence 1"] == "Georgia condemned the recognition."
    assert all(len(label) <= 12 for label, _ in detail.as_lines())


def test_store_timeline_sentence_falls_back_to_evidence(store: Store) -> None:
    extraction = extraction_a()
    extraction.sentences = []  # no sentences: spans cannot be linked
    store.save_document(doc_a(), extraction, VERSION)
    row = store.timeline(types=["recognize"])[0]
    assert row.sentence == "Russia recognised Abkhazia on 26 August 2008"


def test_store_stats(filled: Store) -> None:
    stats = filled.stats()
    assert stats["documents"] == 2
    assert stats["sentences"] == 7
    assert stats["mentions"] == 2
    assert stats["events"] == 6
    assert stats["events_by_type"]["recognize"] == 1
    assert stats["events_by_modality"] == {"asserted": 5, "hypothetical": 1}
    assert (stats["claims"], stats["quotes"], stats["indicators"]) == (1, 1, 1)
    assert stats["event_dates"] == {"start": "2008-01-01", "end": "2017-04-30"}
    assert stats["schema_version"] == LATEST_VERSION
    assert stats["db_bytes"] > 0


def test_store_stats_empty(store: Store) -> None:
    stats = store.stats()
    assert stats["documents"] == 0
    assert stats["event_dates"] is None


def test_store_documents_and_text(filled: Store) -> None:
    docs = list(filled.iter_documents())
    assert [d.name for d in docs] == ["001_a.txt", "002_b.txt"]
    assert docs[0].published == DateInterval.day(2014, 11, 25)
    assert docs[0].published_cues == ["byline"]
    assert docs[1].published is None
    assert filled.document_text("001_a.txt") == TEXT_A
    assert filled.document_text(docs[1].id) == TEXT_B
    assert filled.document_text(str(docs[1].id)) == TEXT_B
    assert filled.document_text("/corpus/002_b.txt") == TEXT_B
    with pytest.raises(StoreError, match="no document"):
        filled.document_text("missing.txt")


def test_store_document_text_ambiguous_name(filled: Store) -> None:
    filled.save_document(doc_a(path="/other/001_a.txt"), extraction_a(), VERSION)
    with pytest.raises(StoreError, match="give the path"):
        filled.document_text("001_a.txt")
    assert filled.document_text("/other/001_a.txt") == TEXT_A


def test_store_reopen_keeps_data(db_path: Path) -> None:
    with Store(db_path) as s:
        s.save_document(doc_a(), extraction_a(), VERSION)
    with Store(db_path) as s:
        assert s.document_count() == 1
        assert s.is_unchanged("/corpus/001_a.txt", "hash-a", VERSION)


# --- opening and migrations ----------------------------------------------------------------
def _migrations(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute("SELECT version, name, applied_at FROM schema_migrations")]


def test_migrations_fresh_db_reaches_latest(db_path: Path) -> None:
    with Store(db_path) as s:
        conn = s.connection
        assert current_version(conn) == LATEST_VERSION == MIGRATIONS[-1].version
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert [r[0] for r in _migrations(conn)] == [m.version for m in MIGRATIONS]


def test_migrations_reopen_is_a_noop(db_path: Path) -> None:
    with Store(db_path) as s:
        before = _migrations(s.connection)
    with Store(db_path) as s:
        assert _migrations(s.connection) == before
        assert migrate(s.connection) == LATEST_VERSION
        assert _migrations(s.connection) == before


def test_migrations_future_version_raises(db_path: Path) -> None:
    with Store(db_path) as s:
        s.connection.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x')")
    with pytest.raises(StoreError, match="newer than this annexwatch knows"):
        Store(db_path)


def test_migrations_upgrade_older_db(db_path: Path) -> None:
    Store(db_path).close()
    NEXT = LATEST_VERSION + 1
    v_next = Migration(NEXT, "add notes", lambda c: c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(conn, [*MIGRATIONS, v_next]) == NEXT
        assert conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    finally:
        conn.close()
    # the code (which knows only up to LATEST_VERSION) now refuses the newer file
    with pytest.raises(StoreError, match=f"schema version {NEXT}"):
        Store(db_path)


def test_a_version_1_database_upgrades_to_the_knowledge_layer_keeping_its_data(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(conn, MIGRATIONS[:1]) == 1
        conn.execute(
            "INSERT INTO documents (path, name, format, content_hash, text, extractor_version, ingested_at) "
            "VALUES ('/x/a.txt', 'a.txt', 'txt', 'h', 'Some text.', 'v', '2026-01-01')"
        )
    finally:
        conn.close()
    with Store(db_path) as store:
        assert store.document_count() == 1
        assert current_version(store.connection) == LATEST_VERSION >= 2
        columns = {r[1] for r in store.connection.execute("PRAGMA table_info(events)")}
        assert "merge_key" in columns
        assert store.connection.execute("SELECT count(*) FROM merged_events").fetchone()[0] == 0


def test_migrations_failed_migration_rolls_back(db_path: Path) -> None:
    Store(db_path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (id INTEGER)")
        conn.execute("THIS IS NOT SQL")

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(StoreError, match=f"migration {LATEST_VERSION + 1}"):
            migrate(conn, [*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", broken)])
        assert current_version(conn) == LATEST_VERSION
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    finally:
        conn.close()


def test_open_other_sqlite_database_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not an annexwatch database"):
        Store(db_path)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["people"]
    finally:
        conn.close()


def test_open_garbage_file_raises(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database at all, just text " * 100)
    with pytest.raises(StoreError, match="not an annexwatch database"):
        Store(db_path)


def test_open_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path)


def test_open_creates_parent_directory(tmp_path: Path) -> None:
    with Store(tmp_path / "new" / "dir" / "kb.db") as s:
        assert s.document_count() == 0


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (a TEXT DEFAULT 'x;y');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        INSERT INTO t VALUES ('1');
        DELETE FROM t WHERE a = ';';
    END;
    -- trailing comment
    """
    statements = list(split_statements(script))
    assert len(statements) == 2
    assert statements[1].rstrip().endswith("END;")


def test_split_statements_rejects_unfinished_statement() -> None:
    with pytest.raises(StoreError, match="incomplete"):
        list(split_statements("CREATE TABLE t (a TEXT); CREATE TABLE u (b"))


# --- where the database lives --------------------------------------------------------------
def test_default_db_path_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNEXWATCH_DB", raising=False)
    assert default_db_path(None) == Path("annexwatch.db")
    monkeypatch.setenv("ANNEXWATCH_DB", "/data/env.db")
    assert default_db_path(None) == Path("/data/env.db")
    assert default_db_path("cli.db") == Path("cli.db")
    monkeypatch.setenv("ANNEXWATCH_DB", "")
    assert default_db_path(None) == Path("annexwatch.db")
    assert default_db_path("") == Path("annexwatch.db")
