"""Moments of history named instead of dated: "as the Soviet Union collapsed" is 1990-1991.

The pack's periods.yaml lists them. They are time expressions of the event layer only:
TIMEX3 does not annotate them, so the time engine (and its TempEval benchmark) never
sees them; `build_context` adds them beside the engine's timexes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from annexwatch.models import DateInterval
from annexwatch.nlp.timex import Timex
from annexwatch.pack import PACK_DIR, load_yaml

# The word before a period that places an event in it, and what kind of date that makes.
PLACING_WORDS = {
    "as": "date",
    "when": "date",
    "during": "date",
    "amid": "date",
    "amidst": "date",
    "in": "date",
    "throughout": "date",
    "after": "since",
    "since": "since",
    "following": "since",
    "before": "until",
    "until": "until",
}
_PLACING = re.compile(r"(?i)\b(" + "|".join(PLACING_WORDS) + r")\s+$")


@dataclass(frozen=True)
class Period:
    name: str
    interval: DateInterval
    pattern: re.Pattern[str]


@lru_cache(maxsize=2)
def load_periods(pack_dir: Path = PACK_DIR) -> tuple[Period, ...]:
    raw = load_yaml("periods.yaml", pack_dir)
    return tuple(
        Period(
            name=entry["name"],
            interval=DateInterval.parse(str(entry["date"])),
            pattern=re.compile(r"(?i)(?<![\w-])(?:" + "|".join(entry["phrases"]) + r")(?![\w-])"),
        )
        for entry in raw["periods"]
    )


def find_period_anchors(text: str, taken: Sequence[Timex] = ()) -> list[Timex]:
    """Named periods as timexes with anchor 'history': a date (or a bound) when a word before
    places an event in them, else of kind 'name', which dates only the event the name is
    of; none overlaps a timex of `taken` (the engine's own, which wins)."""
    out: list[Timex] = []
    for period in load_periods():
        for m in period.pattern.finditer(text):
            placing = _PLACING.search(text[max(0, m.start() - 12) : m.start()])
            # a date of the engine's wins; a length inside the name ("the 44-day war") does not
            dates = [t for t in taken if t.kind != "duration"]
            if any(t.start < m.end() and m.start() < t.end for t in [*dates, *out]):
                continue
            word = placing.group(1).lower() if placing else None
            # unplaced ("the end of its five-day war"), the period dates only what it names
            kind = PLACING_WORDS[word] if word else "name"
            out.append(Timex(m.start(), m.end(), m.group(0), period.interval, kind, "history", signal=word))
    return sorted(out, key=lambda t: t.start)


__all__ = ["Period", "find_period_anchors", "load_periods"]
