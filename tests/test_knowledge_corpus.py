"""Knowledge across articles, end to end on the bundled corpus (which overlaps on purpose:
see examples/README.md): merged timeline, date conflicts, contested figures, the scorecard
over time, and an incremental ingest that equals a full rebuild."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from annexwatch.cli import app
from annexwatch.ingest import ingest_paths
from annexwatch.knowledge import rebuild
from annexwatch.knowledge.events import merged_event, merged_timeline
from annexwatch.knowledge.figures import figure_sets
from annexwatch.knowledge.scorecard import level_history, scorecard, scorecard_all
from annexwatch.store import Store

pytestmark = pytest.mark.model
runner = CliRunner()
TODAY = dt.date(2026, 11, 22)  # fixed, so inferred publication intervals do not drift


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("knowledge") / "corpus.db"
    with Store(db) as store:
        report = ingest_paths([corpus_dir], store, today=TODAY)
    assert report.ok and report.knowledge is not None
    return db


def test_the_south_ossetia_timeline_has_no_duplicates(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        events = merged_timeline(store, actor="XSO")
        reports = store.timeline(actor="XSO")
    assert len(events) < len(reports)  # several articles report the same events
    # no two merged events of the same kind between the same actors have overlapping dates
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            same = (a.type, a.source, a.target, a.parties) == (b.type, b.source, b.target, b.parties)
            assert not (same and a.date and b.date and a.date.overlaps(b.date)), (a, b)
    recognitions = [e for e in events if e.type == "recognize" and e.source == "RUS"]
    assert len(recognitions) == 1
    assert recognitions[0].document_count >= 5
    # the 2015 treaty, reported as "on 18 March 2015" and "in 2015", is one event dated to the day
    treaty = [e for e in events if e.type == "sign_agreement" and e.date and e.date.start.year == 2015]
    assert len(treaty) == 1
    assert str(treaty[0].date) == "2015-03-18" and treaty[0].document_count >= 2


def test_the_recognition_date_conflict_is_named_with_each_source(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        recognition = next(
            e for e in merged_timeline(store, actor="XSO") if e.type == "recognize" and e.source == "RUS"
        )
        detail = merged_event(store, recognition.id)
    assert detail is not None and detail.conflict
    assert str(detail.date) == "2008-08-26"
    assert detail.conflict_text and "2008-08-27 (so-2018-syria-recognition.txt)" in detail.conflict_text
    dissent = [m for m in detail.mentions if not m.date_agrees]
    assert [m.source.document for m in dissent] == ["so-2018-syria-recognition.txt"]
    assert all(m.reason for m in detail.mentions)
    result = runner.invoke(app, ["show", "event", str(recognition.id), "--db", str(corpus_store)])
    assert result.exit_code == 0
    assert "conflict" in result.output and "so-2018-syria-recognition.txt" in result.output
    assert "(disagrees)" in result.output


def test_south_ossetia_population_is_contested(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        population = figure_sets(store, "XSO", "population")
        contested = figure_sets(store, "XSO", contested_only=True)
    assert len(population) == 1
    figures = population[0]
    assert figures.contested
    low, high = figures.range
    assert low <= 40_000 and high >= 50_000
    assert len({f.source.document for f in figures.figures}) >= 3
    assert any(fs.attribute == "population" for fs in contested)
    result = runner.invoke(
        app, ["claims", "XSO", "--attribute", "population", "--contested", "--db", str(corpus_store)]
    )
    assert result.exit_code == 0 and "CONTESTED" in result.output


def test_the_scorecard_rises_between_2010_and_today(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        (early,) = scorecard(store, "XSO", dt.date(2010, 1, 1))
        (now,) = scorecard(store, "XSO", TODAY)
        history = level_history(store, "XSO", "RUS", "citizenship")
        side_by_side = scorecard_all(store, TODAY)
    assert early.patron == now.patron == "RUS"
    assert early.cell("recognition").level == "complete"  # since August 2008
    assert str(early.cell("recognition").since) == "2008-08-26"
    before = {c.dimension: c.level for c in early.cells}
    after = {c.dimension: c.level for c in now.cells}
    assert before != after and now.score > early.score
    risen = [d for d in after if after[d] != before[d]]
    assert "accession_intent" in risen
    # every level above none names the evidence that set it, with its sentence and source
    for cell in now.cells:
        if cell.level != "none":
            assert cell.set_by and cell.set_by.sentence and cell.set_by.source.document
    assert [step.level for step in history] == sorted(
        (step.level for step in history), key=["none", "partial", "extensive", "complete"].index
    )
    assert {card.territory for card in side_by_side} >= {"XSO", "XAB", "XTR", "XNC"}
    result = runner.invoke(app, ["scorecard", "XSO", "--as-of", "2010-01-01", "--db", str(corpus_store)])
    assert result.exit_code == 0 and "2010-01-01" in result.output


def test_export_merged_lists_mentions_by_document_and_event(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.jsonl"
    result = runner.invoke(
        app, ["export", "--format", "jsonl", "--merged", "--output", str(out), "--db", str(corpus_store)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    merged = [r for r in records if r["kind"] == "merged_event"]
    events = [r for r in records if r["kind"] == "event"]
    assert merged and sum(len(m["mentions"]) for m in merged) == len(events)
    recognition = next(
        m for m in merged if m["type"] == "recognize" and m["source"] == "RUS" and m["target"] == "XSO"
    )
    assert recognition["date"]["start"] == "2008-08-26" and recognition["date_conflict"]
    assert {"document", "event_id", "date", "reason"} <= set(recognition["mentions"][0])


def _snapshot(db: Path) -> dict[str, Any]:
    """The knowledge layer's content, independent of row ids."""
    with Store(db) as store:
        conn = store.connection
        anchors = {
            r["id"]: (r["name"], r["start"])
            for r in conn.execute(
                "SELECT e.id, d.name, min(ev.start) AS start FROM events e "
                "JOIN documents d ON d.id = e.document_id "
                "JOIN evidence ev ON ev.record_kind = 'event' AND ev.record_id = e.id GROUP BY e.id"
            )
        }
        merged = set()
        for m in conn.execute("SELECT * FROM merged_events"):
            mentions = frozenset(
                (anchors[r["event_id"]], r["reason"], r["date_agrees"])
                for r in conn.execute("SELECT * FROM merged_event_mentions WHERE merged_id = ?", (m["id"],))
            )
            conflict = json.loads(m["date_conflict"]) if m["date_conflict"] else None
            conflict_dates = sorted(
                (c["document"], json.dumps(c["date"]), c["agrees"]) for c in conflict or []
            )
            merged.add(
                (
                    m["merge_key"],
                    m["date_start"],
                    m["date_end"],
                    m["date_precision"],
                    m["agreement"],
                    tuple(conflict_dates),
                    m["mention_count"],
                    m["document_count"],
                    m["stale"],
                    mentions,
                )
            )
        indicators = sorted(
            (r["name"], r["dimension"], r["level"], r["effective"], r["dated_by"].split(" ")[0])
            for r in conn.execute(
                "SELECT d.name, i.dimension, i.level, x.effective, x.dated_by FROM indicators i "
                "JOIN indicator_dates x ON x.indicator_id = i.id JOIN documents d ON d.id = i.document_id"
            )
        )
        unmerged = conn.execute("SELECT count(*) FROM events WHERE merge_key IS NULL").fetchone()[0]
    return {"merged": merged, "indicators": indicators, "unmerged": unmerged}


def test_incremental_ingest_equals_a_full_rebuild(tmp_path: Path, corpus_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    held_back = tmp_path / "later"
    held_back.mkdir()
    # the article that dates the recognition differently arrives last
    shutil.move(corpus / "so-2018-syria-recognition.txt", held_back / "so-2018-syria-recognition.txt")
    db = tmp_path / "incremental.db"
    with Store(db) as store:
        ingest_paths([corpus], store, today=TODAY)
        before = _snapshot(db)
        report = ingest_paths([held_back], store, today=TODAY)
    assert report.knowledge is not None and report.knowledge.groups > 0
    # a changed article replaces its old reports in the merged events
    changed = corpus / "so-2015-alliance-treaty.md"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nRussia recognised South Ossetia on 26 August 2008.\n",
        encoding="utf-8",
    )
    with Store(db) as store:
        ingest_paths([corpus], store, today=TODAY)
    incremental = _snapshot(db)
    assert incremental != before
    with Store(db) as store:
        rebuild(store)
    assert _snapshot(db) == incremental
    assert incremental["unmerged"] == 0

    # and a database built in one go holds the same merged events
    all_at_once = tmp_path / "all"
    shutil.copytree(corpus, all_at_once)
    shutil.copy(held_back / "so-2018-syria-recognition.txt", all_at_once)
    db2 = tmp_path / "once.db"
    with Store(db2) as store:
        ingest_paths([all_at_once], store, today=TODAY)
    assert _snapshot(db2) == incremental


def test_rebuild_command_reports_what_it_recomputed(corpus_store: Path) -> None:
    result = runner.invoke(app, ["rebuild", "--db", str(corpus_store)])
    assert result.exit_code == 0
    assert "merged events" in result.output and "indicators dated" in result.output
