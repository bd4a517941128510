"""A floor under extraction quality on the bundled held-out fixture (tests/fixtures/heldout).

The floors sit below today's scores (events F1 0.88, strict 0.72, claims, quotes and
indicators 1.00, published 6/6 at extractor 0.2.0) with room for honest trade-offs, so a
change that breaks a whole construction fails here and a one-sentence regression does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annexwatch.evaluate import load_gold, score
from annexwatch.ingest import ingest_paths
from annexwatch.store import Store

pytestmark = pytest.mark.model

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("heldout") / "eval.db"
    with Store(db) as store:
        report = ingest_paths([HELDOUT / "docs"], store)
        assert not report.failed
        records = list(store.export_records())
        texts = {name: store.document_text(name) for name in {r["document"] for r in records}}
    return score(load_gold(HELDOUT / "gold"), records, texts)


def test_events_are_found_and_dated(result) -> None:
    assert result.events.f1 >= 0.80, result.summary_line()
    assert result.events.precision >= 0.85, result.summary_line()
    assert result.events_strict.f1 >= 0.60, result.summary_line()


def test_figures_quotes_and_indicators(result) -> None:
    for kind in ("claim", "quote", "indicator"):
        assert result.kinds[kind].f1 >= 0.85, (kind, result.summary_line())


def test_every_publication_date_is_right(result) -> None:
    assert result.published_right == len(result.published) == 6, result.summary_line()
