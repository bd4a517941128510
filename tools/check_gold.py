"""Check hand-written gold files against the spec's gold format, before anyone trains on them.

    python tools/check_gold.py DIR [--vocabulary PATH]

DIR holds `docs/` and `gold/` (one gold YAML per document, named after it). Every problem is
printed as `FILE: problem`, then a count of records per kind; the exit code is 1 when any
problem was found. The checker is deliberately standalone (PyYAML only, nothing of
annexwatch's extractor) so that writers of blind corpora can run it without seeing the code
whose output their gold will judge.

What it checks: the YAML parses; `document` names a file in docs/; every event type, claim
attribute, qualifier, indicator dimension and level is in the vocabulary; actor codes are the
vocabulary's or ISO-shaped (three capitals); symmetric types have `parties`, directed ones
`source`; dates are `null`, YYYY, YYYY-MM, YYYY-MM-DD or A/B with A <= B; `modality` is one of
the spec's four; every `text` occurs verbatim in the document (after the scorer's own
typography and whitespace normalisation); synthetic documents say so at their head.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VOCABULARY = ROOT / "src" / "annexwatch" / "pack" / "vocabulary.yaml"
MODALITIES = {"asserted", "negated", "hypothetical", "future"}
ISO_SHAPED = re.compile(r"^[A-Z]{3}$")
DATE_PART = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SYNTHETIC_MARK = re.compile(r"synthetic", re.IGNORECASE)
HEAD_CHARS = 600  # the synthetic notice must sit in the first lines of a document

_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "‹": "'",
        "›": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "―": "-",
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The scorer's comparison form: typography unified, whitespace collapsed, case kept."""
    return _WHITESPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def _date_part_ok(part: str) -> dt.date | None:
    if not DATE_PART.match(part):
        return None
    pieces = [int(p) for p in part.split("-")]
    try:
        return dt.date(pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1)
    except ValueError:
        return None


def date_problem(value: Any) -> str | None:
    """None when `value` is a date the spec allows, else what is wrong with it."""
    if value is None or isinstance(value, dt.date):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return None if 1000 <= value <= 2100 else f"year out of range: {value}"
    if not isinstance(value, str):
        return f"not a date: {value!r}"
    parts = value.split("/")
    if len(parts) > 2:
        return f"not a date: {value!r}"
    parsed = [_date_part_ok(p.strip()) for p in parts]
    if any(p is None for p in parsed):
        return f"not a date (YYYY, YYYY-MM, YYYY-MM-DD or A/B): {value!r}"
    if len(parsed) == 2 and parsed[0] > parsed[1]:  # type: ignore[operator]
        return f"interval runs backwards: {value!r}"
    return None


class Checker:
    def __init__(self, vocabulary: dict[str, Any]) -> None:
        self.event_types: dict[str, Any] = vocabulary["event_types"]
        self.attributes = set(vocabulary["claim_attributes"])
        self.qualifiers = set(vocabulary["claim_qualifiers"])
        self.dimensions = set(vocabulary["indicator_dimensions"])
        self.levels = set(vocabulary["indicator_levels"])
        self.actors = set(vocabulary["actors"])
        self.problems: list[str] = []
        self.counts: Counter[str] = Counter()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def actor_ok(self, code: Any) -> bool:
        return isinstance(code, str) and (code in self.actors or bool(ISO_SHAPED.match(code)))

    def texts(self, entry: dict[str, Any], where: str, document: str) -> None:
        value = entry.get("text")
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.problem(where, "'text' must be a string or a non-empty list of strings")
            return
        for item in items:
            if not isinstance(item, str) or not normalise(item):
                self.problem(where, f"empty or non-string text {item!r}")
            elif normalise(item) not in document:
                self.problem(where, f"text not found verbatim in the document: {item!r}")

    def event(self, entry: dict[str, Any], where: str, document: str) -> None:
        kind = entry.get("type")
        spec = self.event_types.get(kind)
        if spec is None:
            self.problem(where, f"unknown event type {kind!r}")
            return
        modality = entry.get("modality", "asserted")
        if modality not in MODALITIES:
            self.problem(where, f"modality must be one of {sorted(MODALITIES)}, got {modality!r}")
        if spec["form"] == "symmetric":
            parties = entry.get("parties")
            if (
                not isinstance(parties, list)
                or len(parties) < 1
                or not all(self.actor_ok(p) for p in parties)
            ):
                self.problem(
                    where, f"symmetric {kind} needs 'parties', a list of actor codes, got {parties!r}"
                )
        else:
            if not self.actor_ok(entry.get("source")):
                self.problem(
                    where, f"directed {kind} needs 'source', an actor code, got {entry.get('source')!r}"
                )
            target = entry.get("target")
            if target is not None and not self.actor_ok(target):
                self.problem(where, f"'target' must be an actor code or null, got {target!r}")
        if "date" not in entry:
            self.problem(where, "'date' is missing (write null when the text gives no date)")
        elif (problem := date_problem(entry.get("date"))) is not None:
            self.problem(where, problem)
        self.texts(entry, where, document)
        self.counts["events" if modality == "asserted" else f"events ({modality})"] += 1
        self.counts[f"type:{kind}"] += 1

    def claim(self, entry: dict[str, Any], where: str, document: str) -> None:
        if not self.actor_ok(entry.get("subject")):
            self.problem(where, f"'subject' must be an actor code, got {entry.get('subject')!r}")
        if entry.get("attribute") not in self.attributes:
            self.problem(where, f"unknown claim attribute {entry.get('attribute')!r}")
        value = entry.get("value")
        numbers = value if isinstance(value, list) else [value]
        if not (1 <= len(numbers) <= 2) or not all(
            isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
        ):
            self.problem(where, f"'value' must be a number or [low, high], got {value!r}")
        qualifier = entry.get("qualifier")
        if qualifier is not None and qualifier not in self.qualifiers:
            self.problem(where, f"unknown qualifier {qualifier!r}")
        self.texts(entry, where, document)
        self.counts["claims"] += 1

    def quote(self, entry: dict[str, Any], where: str, document: str) -> None:
        if not self.actor_ok(entry.get("actor")):
            self.problem(where, f"'actor' must be an actor code, got {entry.get('actor')!r}")
        self.texts(entry, where, document)
        self.counts["quotes"] += 1

    def indicator(self, entry: dict[str, Any], where: str, document: str) -> None:
        for key in ("territory", "patron"):
            if not self.actor_ok(entry.get(key)):
                self.problem(where, f"'{key}' must be an actor code, got {entry.get(key)!r}")
        if entry.get("dimension") not in self.dimensions:
            self.problem(where, f"unknown indicator dimension {entry.get('dimension')!r}")
        level = entry.get("level")
        if level is not None and level not in self.levels:
            self.problem(where, f"unknown level {level!r}")
        self.texts(entry, where, document)
        self.counts["indicators"] += 1

    def gold_file(self, path: Path, docs: Path, require_synthetic: bool) -> None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            self.problem(str(path), f"not valid YAML: {exc}")
            return
        if not isinstance(data, dict):
            self.problem(str(path), "not a mapping")
            return
        name = data.get("document")
        doc_path = docs / str(name)
        if not name or not doc_path.is_file():
            self.problem(str(path), f"'document' {name!r} is not a file in {docs}")
            return
        if path.stem != Path(str(name)).stem and path.stem != str(name):
            self.problem(str(path), f"gold file should be named after its document {name!r}")
        raw = doc_path.read_text(encoding="utf-8")
        if require_synthetic and not SYNTHETIC_MARK.search(raw[:HEAD_CHARS]):
            self.problem(str(doc_path), "the head does not say the article is synthetic")
        document = normalise(raw)
        if "published" not in data:
            self.problem(str(path), "'published' is missing")
        elif (problem := date_problem(data.get("published"))) is not None or data.get("published") is None:
            self.problem(str(path), f"published: {problem or 'must not be null'}")
        self.counts["documents"] += 1
        for key, check in (
            ("events", self.event),
            ("claims", self.claim),
            ("quotes", self.quote),
            ("indicators", self.indicator),
        ):
            entries = data.get(key) or []
            if not isinstance(entries, list):
                self.problem(str(path), f"'{key}' must be a list")
                continue
            for index, entry in enumerate(entries):
                where = f"{path.name} {key}[{index}]"
                if not isinstance(entry, dict):
                    self.problem(where, "not a mapping")
                    continue
                check(entry, where, document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with docs/ and gold/")
    parser.add_argument("--vocabulary", type=Path, default=DEFAULT_VOCABULARY)
    parser.add_argument(
        "--no-synthetic-check", action="store_true", help="do not require the synthetic notice"
    )
    args = parser.parse_args(argv)
    vocabulary = yaml.safe_load(args.vocabulary.read_text(encoding="utf-8"))
    checker = Checker(vocabulary)
    docs, gold = args.folder / "docs", args.folder / "gold"
    if not docs.is_dir() or not gold.is_dir():
        print(f"{args.folder}: needs docs/ and gold/ folders", file=sys.stderr)
        return 2
    for path in sorted(gold.glob("*.yaml")):
        checker.gold_file(path, docs, require_synthetic=not args.no_synthetic_check)
    gold_names = {p.stem for p in gold.glob("*.yaml")}
    for doc in sorted(docs.iterdir()):
        if doc.is_file() and doc.stem not in gold_names and doc.name not in gold_names:
            checker.problem(str(doc), "no gold file")
    for line in checker.problems:
        print(line)
    summary = ", ".join(f"{k}={v}" for k, v in sorted(checker.counts.items()) if not k.startswith("type:"))
    types = ", ".join(f"{k[5:]}={v}" for k, v in sorted(checker.counts.items()) if k.startswith("type:"))
    print(f"{len(checker.problems)} problems | {summary}")
    print(f"event types: {types}")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
