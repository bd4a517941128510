"""TempEval-3 Task A (timex extraction + normalisation) for annexwatch.nlp.timex.

Runs `find_timexes` on the TempEval-3 Platinum test set (or TBAQ-cleaned, the training
set, with `--corpus tbaq`; use it for development so Platinum stays a test) and scores it
the way the official Task A does (UzZaman et al. 2013, §4.1):

* strict match: identical extent; relaxed match: overlapping extents;
* P/R/F1 micro-averaged over all documents, the DCT excluded;
* value accuracy over relaxed matches (exact TIMEX3 value string equality);
* value F1 = value accuracy x relaxed F1 (the Task A ranking metric).

The data is not shipped: the script looks for ../shared/peer/temporal/ beside the repo
and skips cleanly (exit 0) when it is absent.

    python benchmarks/tempeval3.py [--corpus platinum|tbaq|both] [--verbose]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from annexwatch.models import DateInterval
from annexwatch.nlp.timex import Timex, find_timexes

DATA_ROOT = Path(__file__).resolve().parents[1].parent / "shared/peer/temporal"
CORPORA = {
    "platinum": [DATA_ROOT / "te3-platinum"],
    "tbaq": [DATA_ROOT / "tbaq-cleaned/TimeBank", DATA_ROOT / "tbaq-cleaned/AQUAINT"],
}
# Published Task A figures on Platinum (TE3 paper, Table 3): relaxed F1, strict F1, value F1.
ANCHORS = {"HeidelTime-t": (90.30, 81.34, 77.61), "SUTime": (90.32, 79.57, 67.38)}

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: list[GoldTimex]


def parse_tml(path: Path) -> Doc:
    """The <TEXT> with its tags stripped, and the gold TIMEX3 spans as offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if not dct_match:
        raise ValueError(f"{path}: no DCT")
    dct_value = dict(_ATTR.findall(dct_match.group(1)))["value"]
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not body:
        raise ValueError(f"{path}: no TEXT")
    out: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    source = body.group(1)
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(source[pos:]))
    text = "".join(out)
    for g in gold:
        g.text = text[g.start : g.end]
    return Doc(path.stem, dt.date.fromisoformat(dct_value[:10]), text, gold)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0  # gold timexes overlapped by some system timex
    relaxed_system: int = 0  # system timexes overlapping some gold timex
    value_correct: int = 0
    type_correct: int = 0
    pairs: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_doc(doc: Doc, system: list[Timex], errors: list[str] | None) -> Counts:
    counts = Counts(gold=len(doc.gold), system=len(system))
    spans = {(t.start, t.end) for t in system}
    counts.strict = sum((g.start, g.end) in spans for g in doc.gold)
    used: set[int] = set()
    for g in doc.gold:
        match = next(
            (i for i, t in enumerate(system) if i not in used and t.start < g.end and g.start < t.end), None
        )
        if match is None:
            if errors is not None:
                errors.append(
                    f"  MISS  {g.text!r:34} gold={g.value} ({g.type})  …{_context(doc, g.start, g.end)}…"
                )
            continue
        used.add(match)
        sys_timex = system[match]
        counts.pairs += 1
        counts.value_correct += sys_timex.value == g.value
        counts.type_correct += sys_timex.timex_type == g.type
        if errors is not None and sys_timex.value != g.value:
            errors.append(
                f"  VALUE {sys_timex.text!r:34} sys={sys_timex.value} gold={g.value} "
                f"(gold text {g.text!r})  …{_context(doc, g.start, g.end)}…"
            )
    counts.relaxed_gold = sum(any(t.start < g.end and g.start < t.end for t in system) for g in doc.gold)
    counts.relaxed_system = sum(any(t.start < g.end and g.start < t.end for g in doc.gold) for t in system)
    if errors is not None:
        for t in system:
            if not any(t.start < g.end and g.start < t.end for g in doc.gold):
                errors.append(f"  FP    {t.text!r:34} sys={t.value}  …{_context(doc, t.start, t.end)}…")
    return counts


def _context(doc: Doc, start: int, end: int) -> str:
    left = doc.text[max(0, start - 40) : start].replace("\n", " ")
    right = doc.text[end : end + 30].replace("\n", " ")
    return f"{left}[{doc.text[start:end]}]{right}"


@dataclass
class Scores:
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_accuracy: float
    value_f1: float
    type_f1: float
    docs: int
    gold: int
    seconds: float


def evaluate(dirs: list[Path], verbose: bool) -> Scores:
    total = Counts()
    docs = 0
    elapsed = 0.0
    for directory in dirs:
        for path in sorted(directory.glob("*.tml")):
            doc = parse_tml(path)
            clock = time.perf_counter()
            system = find_timexes(doc.text, DateInterval(doc.dct, doc.dct, "day"))
            elapsed += time.perf_counter() - clock
            errors: list[str] | None = [] if verbose else None
            total.add(score_doc(doc, system, errors))
            docs += 1
            if errors:
                print(f"{doc.name} (DCT {doc.dct})")
                print("\n".join(errors))
    strict_p = total.strict / total.system if total.system else 0.0
    strict_r = total.strict / total.gold if total.gold else 0.0
    p = total.relaxed_system / total.system if total.system else 0.0
    r = total.relaxed_gold / total.gold if total.gold else 0.0
    relaxed_f1 = _f1(p, r)
    accuracy = total.value_correct / total.pairs if total.pairs else 0.0
    type_accuracy = total.type_correct / total.pairs if total.pairs else 0.0
    return Scores(
        _f1(strict_p, strict_r),
        p,
        r,
        relaxed_f1,
        accuracy,
        accuracy * relaxed_f1,
        type_accuracy * relaxed_f1,
        docs,
        total.gold,
        elapsed,
    )


def print_table(name: str, scores: Scores) -> None:
    print(
        f"\nTempEval-3 Task A on {name}: {scores.docs} docs, {scores.gold} gold timexes, "
        f"{1000 * scores.seconds / max(scores.docs, 1):.2f} ms/doc"
    )
    print(
        f"{'system':<16}{'relaxed F1':>12}{'P':>8}{'R':>8}{'strict F1':>11}{'value acc':>11}{'value F1':>10}"
    )
    print(
        f"{'annexwatch':<16}{100 * scores.relaxed_f1:>12.2f}{100 * scores.relaxed_p:>8.2f}"
        f"{100 * scores.relaxed_r:>8.2f}{100 * scores.strict_f1:>11.2f}{100 * scores.value_accuracy:>11.2f}"
        f"{100 * scores.value_f1:>10.2f}"
    )
    if name == "platinum":
        for system, (relaxed, strict, value) in ANCHORS.items():
            print(
                f"{system:<16}{relaxed:>12.2f}{'':>8}{'':>8}{strict:>11.2f}{value / relaxed * 100:>11.2f}"
                f"{value:>10.2f}   (published)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["platinum", "tbaq", "both"], default="platinum")
    parser.add_argument(
        "--verbose", action="store_true", help="print every miss, wrong value and false positive"
    )
    args = parser.parse_args(argv)
    names = ["tbaq", "platinum"] if args.corpus == "both" else [args.corpus]
    last: Scores | None = None
    for name in names:
        dirs = [d for d in CORPORA[name] if d.is_dir()]
        if not dirs:
            print(
                f"TempEval-3 {'Platinum' if name == 'platinum' else 'TBAQ-cleaned'} not found at "
                f"{CORPORA[name][0]}; skipping"
            )
            continue
        last = evaluate(dirs, args.verbose)
        print_table(name, last)
    if last is None:
        return 0
    print(f"strict_F1={last.strict_f1:.4f} relaxed_F1={last.relaxed_f1:.4f} value_F1={last.value_f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
