"""The coverage table of a gold corpus, as Markdown (for corpus/README.md).

    python tools/corpus_stats.py corpus/train [--briefs corpus/briefs.yaml]

Counts documents by territory, genre and format (genre from the briefs, by id), records by
kind, events by type and modality, and event dates by the form the gold gives them (day,
month, year, interval, null). Standalone: PyYAML only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

BRIEF_ID = re.compile(r"^(b\d+-\d+|f\d+-\d+)")


def date_form(value: Any) -> str:
    if value is None:
        return "null (undated or standing state)"
    text = str(value)
    if "/" in text:
        return "interval A/B (bounded by other acts or publication)"
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return "month"
    return "day"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--briefs", type=Path, default=Path("corpus/briefs.yaml"))
    args = parser.parse_args(argv)
    briefs = (
        {b["id"]: b for b in yaml.safe_load(args.briefs.read_text(encoding="utf-8"))}
        if args.briefs.is_file()
        else {}
    )
    territories: Counter[str] = Counter()
    genres: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    types: dict[str, Counter[str]] = {}
    dates: Counter[str] = Counter()
    published: Counter[str] = Counter()
    documents = 0
    for gold_path in sorted(args.corpus.rglob("gold/*.yaml")):
        data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        documents += 1
        name = str(data["document"])
        formats[Path(name).suffix] += 1
        match = BRIEF_ID.match(name)
        brief = briefs.get(match.group(1)) if match else None
        if brief:
            territories[brief["territory"]] += 1
            genres[brief["genre"]] += 1
        published[
            "interval (inferred from the text)" if "/" in str(data.get("published")) else "one day"
        ] += 1
        for ev in data.get("events") or []:
            modality = ev.get("modality") or "asserted"
            types.setdefault(ev["type"], Counter())[modality] += 1
            kinds[f"events ({modality})"] += 1
            if modality == "asserted" and not ev.get("optional"):
                kinds["events (asserted, required)"] += 1
                dates[date_form(ev.get("date"))] += 1
        for kind in ("claims", "quotes", "indicators"):
            kinds[kind] += len(data.get(kind) or [])
    out = [f"**{documents} articles.**", "", "| records | count |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(kinds.items())]
    out += ["", "| territory | articles |", "|---|---|"] + [
        f"| {k} | {v} |" for k, v in sorted(territories.items())
    ]
    out += ["", "| genre | articles |", "|---|---|"] + [f"| {k} | {v} |" for k, v in sorted(genres.items())]
    out += ["", "| format | articles |", "|---|---|"] + [f"| {k} | {v} |" for k, v in sorted(formats.items())]
    out += ["", "| publication date in the gold | articles |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(published.items())]
    out += [
        "",
        "| event type | asserted | negated | hypothetical | future | all |",
        "|---|---|---|---|---|---|",
    ]
    for name, counts in sorted(types.items()):
        row = [counts.get(m, 0) for m in ("asserted", "negated", "hypothetical", "future")]
        out.append(f"| {name} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    out += ["", "| date of a required asserted event | events |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(dates.items())]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
