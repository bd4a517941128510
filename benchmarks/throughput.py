"""Throughput: words per second of a full ingest against bare `nlp.pipe`, same texts, same run.

    .venv/bin/python benchmarks/throughput.py [--copies N] [--corpus DIR]

A full ingest reads, cleans, dates, parses, extracts and stores each document (one
transaction each). The baseline parses the same cleaned texts with the same spaCy model
through `nlp.pipe`. Their ratio says what annexwatch costs on top of the parse.
The corpus (default examples/corpus) is copied N times into a temporary folder so the
run is long enough to measure; every copy is a distinct file, so nothing is skipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]


def copy_corpus(corpus: Path, copies: int, dest: Path) -> None:
    for i in range(copies):
        target = dest / f"copy{i:03d}"
        shutil.copytree(corpus, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=5, help="how many copies of the corpus to ingest")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--events", default=None, help="event extractor for the ingest: learned or rules")
    args = parser.parse_args(argv)

    from annexwatch.documents import iter_document_paths, load_document
    from annexwatch.extract import active_event_extractor, use_event_extractor
    from annexwatch.ingest import ingest_paths
    from annexwatch.nlp.pipeline import get_nlp
    from annexwatch.store import Store

    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping")
        return 0
    nlp = get_nlp()  # loaded once, outside both timings
    with tempfile.TemporaryDirectory(prefix="annexwatch-bench-") as tmp:
        tmpdir = Path(tmp)
        copy_corpus(args.corpus, args.copies, tmpdir / "docs")
        texts = []
        for path in iter_document_paths([tmpdir / "docs"]):
            try:
                texts.append(load_document(path).text)
            except Exception:
                continue
        words = sum(len(t.split()) for t in texts)

        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        pipe_s = time.perf_counter() - t0

        rss_after_pipe = peak_rss_mb()
        t0 = time.perf_counter()
        chosen = args.events or active_event_extractor()
        with use_event_extractor(chosen), Store(tmpdir / "bench.db") as store:
            report = ingest_paths([tmpdir / "docs"], store)
            extractor = active_event_extractor()
        ingest_s = time.perf_counter() - t0
        rss_after_ingest = peak_rss_mb()

    ingest_wps = report.words / ingest_s if ingest_s else 0.0
    pipe_wps = words / pipe_s if pipe_s else 0.0
    table = Table(
        title=f"Throughput on {len(texts)} documents, {words:,} words ({args.copies} copies of the corpus)"
    )
    for col in ("run", "seconds", "words/s"):
        table.add_column(col, justify="right" if col != "run" else "left")
    table.add_row("nlp.pipe (en_core_web_sm, parse only)", f"{pipe_s:.2f}", f"{pipe_wps:,.0f}")
    table.add_row(
        "annexwatch ingest (read+clean+date+parse+extract+store)", f"{ingest_s:.2f}", f"{ingest_wps:,.0f}"
    )
    Console().print(table)
    ratio = ingest_wps / pipe_wps if pipe_wps else 0.0
    print(f"ingest_wps={ingest_wps:.0f} pipe_wps={pipe_wps:.0f} ratio={ratio:.2f}")
    print(
        f"peak_rss_mb after nlp.pipe={rss_after_pipe:.0f} after ingest={rss_after_ingest:.0f}"
        f" (event extractor: {extractor}; models {models_size_mb():.1f} MB on disk)"
    )
    return 0


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def models_size_mb() -> float:
    from annexwatch.learned.events import MODELS_DIR

    return sum(p.stat().st_size for p in MODELS_DIR.glob("*.npz")) / 1e6 if MODELS_DIR.is_dir() else 0.0


if __name__ == "__main__":
    sys.exit(main())
