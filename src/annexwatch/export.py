"""Write the knowledge base out in the spec's export format (JSON Lines) or as one flat CSV.

Both writers stream `Store.export_records()`: one document's records are in memory at a
time, however large the store. `out` is a path or an open text stream.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from annexwatch.store import Store

# The CSV header: the union of every kind's flat columns, fixed up front because a
# streaming writer cannot look at all records before writing the first row. Where two
# kinds share a field name (a document's `source` is the outlet, an event's the actor),
# they share the column and `kind` tells them apart.
CSV_COLUMNS: tuple[str, ...] = (
    "kind",
    "document",
    "id",
    "type",
    "source",
    "target",
    "parties",
    "date_start",
    "date_end",
    "date_precision",
    "modality",
    "plover",
    "cameo",
    "persons",
    "agreement",
    "date_text",
    "date_conflict",
    "subject",
    "attribute",
    "value",
    "low",
    "high",
    "unit",
    "currency",
    "qualifier",
    "as_of_start",
    "as_of_end",
    "as_of_precision",
    "about",
    "speaker",
    "actor",
    "text",
    "direct",
    "territory",
    "patron",
    "dimension",
    "level",
    "rule",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "evidence_json",
    "title",
    "url",
    "language",
    "published_start",
    "published_end",
    "published_precision",
    "published_cues",
    "content_hash",
    "path",
)

_DATE_FIELDS = ("date", "as_of", "published")  # {start,end,precision} -> three columns
_LIST_FIELDS = ("parties", "persons", "published_cues")  # lists of codes/names -> ';'-joined
LIST_SEPARATOR = ";"


@contextmanager
def _text_out(out: str | Path | TextIO, newline: str | None = None) -> Iterator[TextIO]:
    """A text stream for `out`: a path is opened (and closed) here, a stream is used as is."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
    else:
        yield out


def write_jsonl(store: Store, out: str | Path | TextIO, merged: bool = False) -> int:
    """One JSON object a line, in the spec's export format; returns how many were written.

    With `merged`, records of kind `merged_event` follow: type, actors, date, conflict and
    the list of its mentions by document and event id.
    """
    count = 0
    with _text_out(out) as stream:
        for record in store.export_records():
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        if merged:
            for record in merged_records(store):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def merged_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every merged event (of every modality, dated or not) as an export record."""
    from annexwatch.knowledge.events import merged_timeline

    events = merged_timeline(store, include_undated=True, modality=None, with_mentions=True)
    for event in events:
        record = event.to_dict()
        record["date_conflict_text"] = event.conflict_text
        yield record


def write_csv(store: Store, out: str | Path | TextIO) -> int:
    """One CSV of every record with a `kind` column; returns how many rows were written."""
    count = 0
    # newline="": the csv module writes its own \r\n line ends
    with _text_out(out, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, restval="", extrasaction="raise")
        writer.writeheader()
        for record in store.export_records():
            writer.writerow(flatten(record))
            count += 1
    return count


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One export record as flat CSV cells (see CSV_COLUMNS)."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in _DATE_FIELDS:
            row.update(_flat_date(key, value))
        elif key in _LIST_FIELDS:
            row[key] = "" if value is None else LIST_SEPARATOR.join(value)
        elif key == "evidence":
            row.update(_flat_evidence(value))
        else:
            row[key] = _cell(value)
    return row


def _flat_date(key: str, value: dict[str, str] | None) -> dict[str, str]:
    value = value or {}
    return {f"{key}_{part}": value.get(part, "") for part in ("start", "end", "precision")}


def _flat_evidence(spans: list[dict[str, Any]]) -> dict[str, Any]:
    # The first span in plain columns for spreadsheet use; all of them as JSON so nothing is lost.
    first = spans[0] if spans else {}
    return {
        "evidence_start": first.get("start", ""),
        "evidence_end": first.get("end", ""),
        "evidence_text": first.get("text", ""),
        "evidence_json": json.dumps(spans, ensure_ascii=False),
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as in the JSON export, not Python's True/False
    return value


__all__ = ["CSV_COLUMNS", "flatten", "write_csv", "write_jsonl"]
