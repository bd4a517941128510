"""The knowledge layer's cost: a full rebuild, and the incremental refresh after one new article.

    .venv/bin/python benchmarks/knowledge.py [--copies N] [--corpus DIR]

The corpus (default examples/corpus) is copied N times, each copy a distinct set of
files, and ingested once (not timed). Then it times, each the median of 3 runs:
  * `rebuild`: throw away merged events and indicator dates, recompute everything;
  * the refresh after ingesting one more article (the ingest's parse and extraction
    excluded: only `refresh` is timed, on a copy of the database each run).
Copies make every event group N times larger, which is the worst case for merging
(every copy reports every event): a real firehose spreads over many more groups.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=5, help="how many copies of the corpus to ingest")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping")
        return 0

    from annexwatch.documents import load_document
    from annexwatch.extract import EXTRACTOR_VERSION, extract_document
    from annexwatch.ingest import date_document, ingest_paths
    from annexwatch.knowledge import rebuild, refresh
    from annexwatch.store import Store

    with tempfile.TemporaryDirectory(prefix="annexwatch-bench-") as tmp:
        tmpdir = Path(tmp)
        docs = tmpdir / "docs"
        for i in range(args.copies):
            shutil.copytree(args.corpus, docs / f"copy{i:03d}")
        extra = tmpdir / "extra"
        shutil.copytree(args.corpus, extra)
        one = sorted(p for p in extra.iterdir() if p.suffix == ".txt")[0]
        db = tmpdir / "bench.db"
        with Store(db) as store:
            ingest_paths([docs], store)
            counts = store.connection.execute(
                "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events), "
                "(SELECT count(*) FROM indicators)"
            ).fetchone()
            rebuild_times = []
            for _ in range(3):
                start = time.perf_counter()
                rebuild(store)
                rebuild_times.append(time.perf_counter() - start)

        refresh_times = []
        for run in range(3):
            copy = tmpdir / f"run{run}.db"
            shutil.copy(db, copy)
            with Store(copy) as store:
                # store the article without the refresh ingest would run, then time the refresh
                doc = date_document(load_document(one))
                store.save_document(doc, extract_document(doc), EXTRACTOR_VERSION)
                start = time.perf_counter()
                report = refresh(store)
                refresh_times.append(time.perf_counter() - start)

    table = Table(title=f"Knowledge layer on {args.copies} copies of the corpus")
    table.add_column("run")
    table.add_column("ms (median of 3)", justify="right")
    table.add_column("work", justify="right")
    table.add_row(
        "rebuild",
        f"{statistics.median(rebuild_times) * 1000:,.0f}",
        f"{counts[0]:,} events, {counts[2]:,} indicators",
    )
    table.add_row(
        f"refresh after one article ({one.name})",
        f"{statistics.median(refresh_times) * 1000:,.0f}",
        f"{report.groups} groups, {report.indicators_dated} indicators",
    )
    Console().print(table)
    print(
        f"rebuild_ms={statistics.median(rebuild_times) * 1000:.0f} "
        f"refresh_ms={statistics.median(refresh_times) * 1000:.0f} events={counts[0]} merged={counts[1]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
