"""Inter-annotator agreement: the scorer's F1 of one blind annotation against another.

    .venv/bin/python tools/agreement.py --first corpus/train --second corpus/reannotation

`--second` holds gold files made blind by a second annotator for a sample of the documents of
`--first` (found by document name anywhere under it). The second annotation is turned into the
records a system would export, each citing the sentence around its text key (the spec's system
evidence is the sentence that states the record), and scored against the first by
annexwatch's own scorer, per record kind. Both directions are printed: F1 is symmetric only
when neither side marks records optional.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from annexwatch.evaluate import GoldDocument, load_gold_file, normalise_with_map, score, sentence_around
from annexwatch.learned.corpus import gold_pairs


def _evidence(text: str, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    norm, offsets = normalise_with_map(text)
    out = []
    for key in keys:
        at = norm.find(key)
        if at >= 0:
            start, end = offsets[at], offsets[at + len(key) - 1] + 1
            out.append({"start": start, "end": end, "text": sentence_around(text, start, end)})
    return out


def as_records(gold: GoldDocument, text: str) -> list[dict[str, Any]]:
    """A gold annotation as the export records a perfect system would write for it."""
    name = gold.document
    published = gold.published.to_dict() if gold.published else None
    out: list[dict[str, Any]] = [{"kind": "document", "document": name, "published": published}]
    for ev in gold.events:
        out.append(
            {
                "kind": "event",
                "document": name,
                "type": ev.type,
                "source": ev.source,
                "target": ev.target,
                "parties": sorted(ev.parties) or None,
                "date": ev.date.to_dict() if ev.date else None,
                "modality": ev.raw.get("modality") or "asserted",
                "evidence": _evidence(text, ev.texts),
            }
        )
    for c in gold.claims:
        numbers = list(c.values)
        value = numbers[0] if len(numbers) == 1 else None
        low, high = (numbers[0], numbers[1]) if len(numbers) == 2 else (None, None)
        out.append(
            {
                "kind": "claim",
                "document": name,
                "subject": c.subject,
                "attribute": c.attribute,
                "value": value,
                "low": low,
                "high": high,
                "qualifier": c.qualifier,
                "evidence": _evidence(text, c.texts),
            }
        )
    for q in gold.quotes:
        out.append(
            {
                "kind": "quote",
                "document": name,
                "speaker": q.speaker,
                "actor": q.actor,
                "text": q.texts[0],
                "evidence": _evidence(text, q.texts),
            }
        )
    for ind in gold.indicators:
        out.append(
            {
                "kind": "indicator",
                "document": name,
                "territory": ind.territory,
                "patron": ind.patron,
                "dimension": ind.dimension,
                "level": ind.raw.get("level"),
                "evidence": _evidence(text, ind.texts),
            }
        )
    return out


def agreement(
    reference: dict[str, GoldDocument], other: dict[str, GoldDocument], texts: dict[str, str]
) -> str:
    """`other` scored as a system against `reference`, on the documents both annotated."""
    names = sorted(set(reference) & set(other))
    records = [r for name in names for r in as_records(other[name], texts[name])]
    return score({n: reference[n] for n in names}, records, texts).summary_line()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--first", type=Path, required=True, help="the corpus holding the first annotation (docs + gold)"
    )
    parser.add_argument(
        "--second", type=Path, required=True, help="a folder of gold files by a second annotator"
    )
    args = parser.parse_args(argv)
    from annexwatch.documents import load_document

    first: dict[str, GoldDocument] = {}
    texts: dict[str, str] = {}
    docs: dict[str, Path] = {}
    for doc_path, gold_path in gold_pairs(args.first):
        docs[doc_path.name] = doc_path
        first[doc_path.name] = load_gold_file(gold_path)
    second: dict[str, GoldDocument] = {}
    for gold_path in sorted(args.second.rglob("*.yaml")):
        gold = load_gold_file(gold_path)
        if gold.document not in first:
            print(f"{gold_path}: {gold.document} is not in {args.first}; skipped", file=sys.stderr)
            continue
        second[gold.document] = gold
        texts[gold.document] = load_document(docs[gold.document]).text
    if not second:
        print("no re-annotated documents found")
        return 0
    print(f"{len(second)} documents annotated twice")
    print(f"second scored against first: {agreement(first, second, texts)}")
    print(f"first scored against second: {agreement(second, first, texts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
