"""The export format (spec: "The export format"): JSON Lines and the flat CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from annexwatch.export import CSV_COLUMNS, flatten, write_csv, write_jsonl
from annexwatch.models import (
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
from annexwatch.store import Store

TEXT = (
    "Russia and South Ossetia signed a treaty on 18 March 2015. "
    "Georgia condemned Russia. "
    "Some 30–40,000 people live there. "
    "Eduard Kokoity said South Ossetia would join Russia."
)
OTHER = "Transnistria voted in 2006. 97.1 per cent backed independence."

# The spec's required fields, plus the ones annexwatch adds ("further fields may be added freely").
FIELDS = {
    "document": {
        "kind",
        "document",
        "published",
        "title",
        "url",
        "source",
        "language",
        "published_cues",
        "content_hash",
        "path",
    },
    "event": {
        "kind",
        "document",
        "id",
        "type",
        "source",
        "target",
        "parties",
        "date",
        "modality",
        "plover",
        "cameo",
        "evidence",
        "persons",
        "agreement",
        "date_text",
        "date_conflict",
        "rule",
    },
    "claim": {
        "kind",
        "document",
        "subject",
        "attribute",
        "value",
        "low",
        "high",
        "unit",
        "currency",
        "qualifier",
        "evidence",
        "as_of",
        "about",
        "rule",
    },
    "quote": {"kind", "document", "speaker", "actor", "text", "direct", "evidence", "rule"},
    "indicator": {"kind", "document", "territory", "patron", "dimension", "level", "evidence", "rule"},
}


def ev(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append(Sentence(start, end, text[start:end]))
        start = end + 1
    return out


def make_event(phrase: str, type_: str, **fields: Any) -> Event:
    base: dict[str, Any] = dict(
        type=type_,
        source=None,
        target=None,
        parties=None,
        date=None,
        modality="asserted",
        plover=None,
        cameo=None,
        evidence=[ev(TEXT, phrase)],
    )
    base.update(fields)
    return Event(**base)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "kb.db") as s:
        doc = Document(
            path="/c/003_x.txt",
            name="003_x.txt",
            format="txt",
            text=TEXT,
            content_hash="h1",
            title="The treaty",
            url="https://example.org/x",
            source="Example",
            language="en",
            published=DateInterval.day(2015, 3, 19),
            published_cues=["front matter"],
        )
        extraction = Extraction(
            sentences=sentences(TEXT),
            events=[
                # parties given unsorted: the export must sort them
                make_event(
                    "signed a treaty on 18 March 2015",
                    "sign_agreement",
                    parties=["XSO", "RUS"],
                    date=DateInterval.day(2015, 3, 18),
                    plover="SUPPORT",
                    cameo="057",
                    date_text="18 March 2015",
                    agreement="Treaty on Alliance and Integration",
                ),
                make_event(
                    "Georgia condemned Russia",
                    "condemn",
                    source="GEO",
                    target="RUS",
                    plover="DISAPPROVE",
                    cameo="111",
                ),
            ],
            claims=[
                Claim(
                    "XSO",
                    "population",
                    None,
                    30000.0,
                    40000.0,
                    "people",
                    None,
                    "estimate",
                    [ev(TEXT, "30–40,000 people")],
                    as_of=DateInterval.year(2015),
                )
            ],
            quotes=[
                Quote(
                    "Eduard Kokoity",
                    "XSO",
                    "South Ossetia would join Russia",
                    False,
                    [ev(TEXT, "Eduard Kokoity said South Ossetia would join Russia")],
                    rule="said",
                )
            ],
            indicators=[
                Indicator(
                    "XSO",
                    "RUS",
                    "security",
                    "extensive",
                    [ev(TEXT, "signed a treaty"), ev(TEXT, "would join Russia")],
                )
            ],
        )
        s.save_document(doc, extraction, "v1")
        # an undated document with one claim, filed under a name that sorts first
        other = Document(path="/c/001_y.txt", name="001_y.txt", format="txt", text=OTHER, content_hash="h2")
        s.save_document(
            other,
            Extraction(
                sentences=sentences(OTHER),
                claims=[
                    Claim(
                        "XTR",
                        "vote_share",
                        0.971,
                        None,
                        None,
                        "share",
                        None,
                        "exact",
                        [Evidence.of(OTHER, OTHER.index("97.1"), OTHER.index("97.1") + 13)],
                        about="independence",
                    )
                ],
            ),
            "v1",
        )
        yield s


def read_jsonl(store: Store) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    count = write_jsonl(store, buffer)
    lines = buffer.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


def test_export_jsonl_order(store: Store) -> None:
    records = read_jsonl(store)
    assert [(r["kind"], r["document"]) for r in records] == [
        ("document", "001_y.txt"),
        ("claim", "001_y.txt"),
        ("document", "003_x.txt"),
        ("event", "003_x.txt"),
        ("event", "003_x.txt"),
        ("claim", "003_x.txt"),
        ("quote", "003_x.txt"),
        ("indicator", "003_x.txt"),
    ]


def test_export_jsonl_fields_per_kind(store: Store) -> None:
    for record in read_jsonl(store):
        assert set(record) == FIELDS[record["kind"]], record["kind"]


def _check_date(value: Any) -> None:
    if value is None:
        return
    assert set(value) == {"start", "end", "precision"}
    dt.date.fromisoformat(value["start"])
    dt.date.fromisoformat(value["end"])
    assert len(value["start"]) == len(value["end"]) == 10


def test_export_jsonl_date_and_evidence_shapes(store: Store) -> None:
    records = read_jsonl(store)
    texts = {"001_y.txt": OTHER, "003_x.txt": TEXT}
    for record in records:
        for key in ("published", "date", "as_of"):
            if key in record:
                _check_date(record[key])
        if record["kind"] == "document":
            continue
        assert record["evidence"], "every record cites evidence"
        for span in record["evidence"]:
            assert set(span) == {"start", "end", "text"}
            assert isinstance(span["start"], int) and isinstance(span["end"], int)
            assert texts[record["document"]][span["start"] : span["end"]] == span["text"]
    docs = {r["document"]: r for r in records if r["kind"] == "document"}
    assert docs["003_x.txt"]["published"] == {"start": "2015-03-19", "end": "2015-03-19", "precision": "day"}
    assert docs["001_y.txt"]["published"] is None
    assert docs["003_x.txt"]["published_cues"] == ["front matter"]
    indicator = next(r for r in records if r["kind"] == "indicator")
    assert [s["text"] for s in indicator["evidence"]] == ["signed a treaty", "would join Russia"]


def test_export_jsonl_symmetric_and_directed_parties(store: Store) -> None:
    sign, condemn = (r for r in read_jsonl(store) if r["kind"] == "event")
    assert (sign["type"], sign["parties"], sign["source"], sign["target"]) == (
        "sign_agreement",
        ["RUS", "XSO"],
        None,
        None,
    )
    assert sign["date"] == {"start": "2015-03-18", "end": "2015-03-18", "precision": "day"}
    assert sign["agreement"] == "Treaty on Alliance and Integration"
    assert (condemn["source"], condemn["target"], condemn["parties"], condemn["date"]) == (
        "GEO",
        "RUS",
        None,
        None,
    )


def test_export_jsonl_claim_quote_values(store: Store) -> None:
    records = read_jsonl(store)
    share, population = (r for r in records if r["kind"] == "claim")
    assert (share["value"], share["low"], share["high"]) == (0.971, None, None)
    assert (population["value"], population["low"], population["high"]) == (None, 30000, 40000)
    assert population["as_of"] == {"start": "2015-01-01", "end": "2015-12-31", "precision": "year"}
    quote = next(r for r in records if r["kind"] == "quote")
    assert (quote["speaker"], quote["actor"], quote["direct"]) == ("Eduard Kokoity", "XSO", False)


def test_export_jsonl_to_path_keeps_unicode(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert write_jsonl(store, out) == 8
    raw = out.read_text(encoding="utf-8")
    assert "30–40,000" in raw  # written as UTF-8, not \u escapes


def test_export_records_streams(store: Store) -> None:
    records = store.export_records()
    assert next(records)["kind"] == "document"  # a generator: nothing materialised up front


def test_export_csv_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert write_csv(store, out) == 8
    with open(out, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = list(reader)
    records = read_jsonl(store)
    assert [r["kind"] for r in rows] == [r["kind"] for r in records]
    for row, record in zip(rows, records, strict=True):
        assert row["document"] == record["document"]
        if "evidence" in record:
            assert json.loads(row["evidence_json"]) == record["evidence"]
            first = record["evidence"][0]
            assert (int(row["evidence_start"]), int(row["evidence_end"]), row["evidence_text"]) == (
                first["start"],
                first["end"],
                first["text"],
            )
    sign = rows[3]
    assert (sign["type"], sign["parties"], sign["source"], sign["target"]) == (
        "sign_agreement",
        "RUS;XSO",
        "",
        "",
    )
    assert (sign["date_start"], sign["date_end"], sign["date_precision"]) == (
        "2015-03-18",
        "2015-03-18",
        "day",
    )
    population = rows[5]
    assert (population["low"], population["high"], population["value"]) == ("30000.0", "40000.0", "")
    assert (population["as_of_start"], population["as_of_end"]) == ("2015-01-01", "2015-12-31")
    assert rows[6]["direct"] == "false"
    assert rows[2]["published_start"] == "2015-03-19"
    assert rows[0]["published_start"] == ""


def test_export_csv_to_stream(store: Store) -> None:
    buffer = io.StringIO(newline="")
    assert write_csv(store, buffer) == 8
    assert buffer.getvalue().splitlines()[0].startswith("kind,document,")


def test_export_flatten_covers_every_field(store: Store) -> None:
    # every key a record can have lands in a CSV column (DictWriter would raise otherwise)
    for record in store.export_records():
        assert set(flatten(record)) <= set(CSV_COLUMNS)
