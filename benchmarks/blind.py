"""Blind figures: the first run of the current build on a fixture nobody here has read.

    .venv/bin/python benchmarks/blind.py corpus/blind/NAME            # score, print the table
    .venv/bin/python benchmarks/blind.py corpus/blind/NAME --record   # first run: into the ledger

A fixture is a folder with docs/ and gold/, written blind (its writer saw only the spec, the
vocabulary and a brief). `--record` appends the score line to benchmarks/blind-ledger.md with
the date, the commit and the models' version, and refuses a fixture the ledger already holds:
the figure that counts is the first run, never a re-run. Record before reading any miss.
Without `--record` the run is a dev figure and prints as one.

It scores exactly what a user gets: the documents are ingested into a fresh store with the
shipped pipeline, and the export records are scored by annexwatch's scorer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "benchmarks" / "blind-ledger.md"
LEDGER_HEAD = """# Blind ledger

Each row is the **first run** of the build named by its commit on a fixture written blind
after that build (its writer saw only the spec, the vocabulary and a brief), recorded by
`benchmarks/blind.py FIXTURE --record` before anyone read its misses. A re-run is never
recorded here: after reading a fixture's misses, its figures are dev figures.

| date | fixture | documents | commit | models | first-run score line |
|---|---|---|---|---|---|
"""


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def recorded_fixtures(ledger: Path = LEDGER) -> set[str]:
    if not ledger.is_file():
        return set()
    names = set()
    for line in ledger.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[1] not in {"fixture", "---"}:
            names.add(cells[1].strip("`"))
    return names


def run(fixture: Path) -> tuple[str, int, str]:
    """Ingest the fixture's documents into a fresh store and score them: (report, documents, line)."""
    from annexwatch.evaluate import format_report, load_gold, score
    from annexwatch.ingest import ingest_paths
    from annexwatch.store import Store

    gold = load_gold(fixture / "gold")
    with (
        tempfile.TemporaryDirectory(prefix="annexwatch-blind-") as tmp,
        Store(Path(tmp) / "blind.db") as store,
    ):
        report = ingest_paths([fixture / "docs"], store)
        for err in report.failed:
            print(f"error {err}", file=sys.stderr)
        records = list(store.export_records())
        texts = {name: store.document_text(name) for name in {r["document"] for r in records}}
    result = score(gold, records, texts)
    return format_report(result, verbose=False), len(gold), result.summary_line()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("fixture", type=Path, help="a folder with docs/ and gold/")
    parser.add_argument("--record", action="store_true", help="append this first run to the ledger")
    parser.add_argument("--ledger", type=Path, default=LEDGER)
    args = parser.parse_args(argv)
    fixture = args.fixture.resolve()
    if not (fixture / "docs").is_dir() or not (fixture / "gold").is_dir():
        print(f"{args.fixture}: needs docs/ and gold/; skipping")
        return 0
    name = fixture.name
    if args.record and name in recorded_fixtures(args.ledger):
        print(
            f"{name}: the ledger already holds its first run; a re-run is a dev figure and is not recorded",
            file=sys.stderr,
        )
        return 2
    from annexwatch.extract import extractor_version

    tables, documents, line = run(fixture)
    print(tables)
    if args.record:
        if not args.ledger.is_file():
            args.ledger.write_text(LEDGER_HEAD, encoding="utf-8")
        today = dt.date.today().isoformat()
        cell = line.replace("|", "\\|")  # the score line's own bars must not split the table
        row = f"| {today} | `{name}` | {documents} | {_commit()} | `{extractor_version()}` | {cell} |\n"
        with args.ledger.open("a", encoding="utf-8") as fh:
            fh.write(row)
        print(
            f"first run recorded in {args.ledger}"
        )
    else:
        print("(not recorded: a dev figure unless this is the fixture's first run and you pass --record)")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
