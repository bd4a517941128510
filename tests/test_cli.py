"""The command line end to end, on the bundled sample corpus and on broken inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annexwatch.cli import app
from annexwatch.knowledge.events import merged_timeline
from annexwatch.store import Store

pytestmark = pytest.mark.model
runner = CliRunner()

GOOD_ARTICLE = """---
title: Syria recognises the two regions
published: 2018-05-30
---
Syria recognised Abkhazia and South Ossetia on 29 May 2018. Georgia's Foreign Ministry condemned the decision.
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    result = run("ingest", str(corpus_dir), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_cli_ingest_corpus_stores_every_article(corpus_db: Path, corpus_dir: Path) -> None:
    articles = [p for p in corpus_dir.iterdir() if not p.name.endswith(".meta.yaml")]
    with Store(corpus_db) as store:
        assert store.document_count() == len(articles)


def test_cli_second_ingest_stores_nothing_new(corpus_db: Path, corpus_dir: Path) -> None:
    with Store(corpus_db) as store:
        before = store.stats()
    result = run("ingest", str(corpus_dir), "--db", str(corpus_db))
    assert result.exit_code == 0
    assert "0 new, 0 replaced" in result.output
    with Store(corpus_db) as store:
        after = store.stats()
    assert {k: v for k, v in after.items() if k != "db_bytes"} == {
        k: v for k, v in before.items() if k != "db_bytes"
    }


def test_cli_timeline_south_ossetia_is_dated_and_cited(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        rows = store.timeline(actor="XSO")
    assert len(rows) >= 5
    assert all(r.date is not None for r in rows)
    assert [r.date.start for r in rows] == sorted(r.date.start for r in rows)  # type: ignore[union-attr]
    types = {r.type for r in rows}
    assert {"recognize", "sign_agreement"} <= types
    for row in rows:
        assert row.sentence and row.evidence[0].text in row.sentence
    result = run("timeline", "--actor", "XSO", "--db", str(corpus_db))
    assert result.exit_code == 0
    assert "recognize" in result.output and "2008-08-26" in result.output
    # on a narrow terminal each event is a block with its whole sentence
    flat = " ".join(result.output.split())
    assert " ".join(rows[0].sentence.split()) in flat


def test_cli_timeline_date_filter(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        rows = merged_timeline(store, actor="XSO")
    later = [r for r in rows if r.date and r.date.end >= __import__("datetime").date(2015, 1, 1)]
    result = run("timeline", "--actor", "XSO", "--from", "2015", "--db", str(corpus_db))
    assert result.exit_code == 0
    assert f"{len(later)} events" in result.output
    mentions = run("timeline", "XSO", "--mentions", "--from", "2015", "--db", str(corpus_db))
    assert mentions.exit_code == 0 and "events in documents" in mentions.output


def test_cli_search_highlights_the_match(corpus_db: Path) -> None:
    result = run("search", "passports", "--db", str(corpus_db))
    assert result.exit_code == 0
    assert "passports" in result.output.lower()
    assert "\x02" not in result.output


def test_cli_show_event_and_stats(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        event = merged_timeline(store, actor="XSO")[0]
        mention_id = store.timeline(actor="XSO")[0].event_id
    result = run("show", "event", str(event.id), "--db", str(corpus_db))
    assert result.exit_code == 0
    assert "mention 1" in result.output and "why:" in result.output
    mention = run("show", "mention", str(mention_id), "--db", str(corpus_db))
    assert mention.exit_code == 0
    assert "evidence" in mention.output.lower() and "merged into" in mention.output
    assert run("show", "event", "999999", "--db", str(corpus_db)).exit_code == 1
    assert run("show", "mention", "999999", "--db", str(corpus_db)).exit_code == 1
    stats = run("stats", "--db", str(corpus_db))
    assert stats.exit_code == 0 and "events" in stats.output


def test_cli_export_jsonl_follows_the_spec(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    assert run("export", "--format", "jsonl", "--output", str(out), "--db", str(corpus_db)).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = {r["kind"] for r in records}
    assert {"document", "event"} <= kinds
    for r in records:
        if r["kind"] == "event":
            assert set(r) >= {
                "type",
                "source",
                "target",
                "parties",
                "date",
                "modality",
                "plover",
                "cameo",
                "evidence",
            }
            assert r["evidence"] and {"start", "end", "text"} <= set(r["evidence"][0])
    csv_out = run("export", "--format", "csv", "--db", str(corpus_db))
    assert csv_out.exit_code == 0 and csv_out.output.startswith("kind,")


def test_cli_bad_files_are_named_and_the_rest_is_stored(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (docs / "latin1.txt").write_bytes(
        "Tiraspol’s café: Transnistria held a referendum in 2006.".encode("cp1252")
    )
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    with (docs / "huge.txt").open("wb") as fh:  # 50 MB, sparse: refused by size before reading
        fh.truncate(50 * 1024 * 1024)
    db = tmp_path / "t.db"
    result = run("ingest", str(docs), "--db", str(db))
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "broken.pdf", "huge.txt"):
        assert name in result.output, result.output
    assert "2 new" in result.output
    with Store(db) as store:
        names = {d.name for d in store.iter_documents()}
        assert names == {"good.md", "latin1.txt"}
        assert "café" in store.document_text("latin1.txt")
        assert any(r.type == "recognize" for r in store.timeline(actor="SYR"))


def test_cli_changed_file_replaces_only_its_records(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (docs / "b.txt").write_text("Nauru recognised Abkhazia on 15 December 2009.", encoding="utf-8")
    db = tmp_path / "t.db"
    assert run("ingest", str(docs), "--db", str(db)).exit_code == 0
    (docs / "b.txt").write_text("Vanuatu recognised Abkhazia on 23 May 2011.", encoding="utf-8")
    result = run("ingest", str(docs), "--db", str(db))
    assert "0 new, 1 replaced, 1 unchanged" in result.output
    with Store(db) as store:
        sources = {r.source for r in store.timeline(types=["recognize"])}
    assert sources == {"SYR", "VUT"}


def test_cli_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = run("timeline", "--db", str(tmp_path / "nothing.db"))
    assert result.exit_code == 2
    assert "No database" in result.output


def test_cli_eval_scores_and_ends_with_the_summary_line(tmp_path: Path) -> None:
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "a.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (gold / "a.yaml").write_text(
        "document: a.md\npublished: 2018-05-30\nevents:\n"
        "  - type: recognize\n    source: SYR\n    target: XAB\n    date: 2018-05-29\n"
        "    text: Syria recognised Abkhazia\n"
        "  - type: recognize\n    source: SYR\n    target: XSO\n    date: 2018-05-29\n"
        "    text: Syria recognised Abkhazia and South Ossetia\n"
        "  - type: condemn\n    source: GEO\n    target: SYR\n    date: 2018-05-29/2018-05-30\n"
        "    text: condemned the decision\n",
        encoding="utf-8",
    )
    result = run("eval", "--gold", str(gold), "--docs", str(docs))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("events P=") and "strict_F1=1.00" in last and "published 1/1" in last
    if shutil.which("true"):  # a missing folder is a clear error, exit 2
        assert run("eval", "--gold", str(tmp_path / "nope"), "--docs", str(docs)).exit_code == 2


def test_cli_show_document_lists_the_date_cues(corpus_db: Path) -> None:
    result = run("show", "document", "so-integration-checklist.txt", "--db", str(corpus_db))
    assert result.exit_code == 0
    assert "date cue" in result.output and "Bibilov" in result.output
    assert run("show", "document", "nope.txt", "--db", str(corpus_db)).exit_code == 1
