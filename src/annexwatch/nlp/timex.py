"""Find time expressions in text and normalise them to `DateInterval`s (and TIMEX3 values).

Rules-based and spaCy-free, so it is fast and testable on plain strings. The design
follows the lessons in the project's temporal notes:

* every expression becomes a closed interval of days with a precision, never a made-up
  day: "2014" is the whole year, "early April" its first ten days;
* the anchor is chosen per expression: deictic words ("three days ago", "on Tuesday",
  "last year") resolve against the document creation time (DCT); anaphoric ones ("the
  next day", "that year", "two days later", a year-less date inside a backstory) resolve
  against the last date mentioned before them;
* an uncertain DCT (an interval) gives intervals spanning every possible resolution, and
  a missing DCT gives `None` rather than a guessed year;
* redundant cues ("Last Friday, June 12"; "two days ago - on October 9") are
  cross-checked, and disagreement is reported in `conflict`, the explicit date winning.

Each expression also carries a TIMEX3 `value`/`mod`, so the module can be scored with
the TempEval-3 scorer (see benchmarks/tempeval3.py).

Flow: each rule's regex is tried (anchored) at the word starts that can open it, when a
word it needs (a month, a unit, a number ...) follows closely; a per-rule check rejects
false positives ("may", "Article 1992", "2,000 troops"); the longest candidates win; then
the survivors are resolved left to right, so anaphoric expressions can see earlier dates.
About 4 ms for a 1,000-word news article.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from annexwatch.models import DateInterval

# ======================================================================================
# Data: words and the calendar facts they stand for
# ======================================================================================
# fmt: off

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Month names that are also words or first names ("May", "June Smith"): as a bare month
# they must not run into a capitalised word. Every bare month needs a cue word before it
# ("in May", "early March", "since June"); lower-case forms are never months.
MONTHS_ALSO_NAMES = frozenset({"march", "april", "may", "june", "july", "august"})

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
    "sun": 6,
}
# Weekday names inside proper names: "Bloody Sunday", "the Sunday Times".
WEEKDAY_NAME_BEFORE = frozenset(
    {"good", "black", "bloody", "holy", "easter", "palm", "ash", "super", "cyber"}
)
WEEKDAY_NAME_AFTER = frozenset(
    {
        "times", "telegraph", "express", "mirror", "post", "herald", "star", "independent", "mail",
        "people", "tribune", "observer", "sport", "school",
    }
)

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2,
    "couple of": 2, "a couple": 2, "a half": 0.5, "half a": 0.5, "one and a half": 1.5,
}
# Vague quantities: (TIMEX3 'X', the plausible least and most, for bounded intervals).
VAGUE_NUMBERS: dict[str, tuple[int, int]] = {
    "a few": (2, 5), "few": (2, 5), "several": (3, 9), "some": (2, 9), "many": (5, 30),
    "a number of": (2, 9), "dozens of": (24, 99), "hundreds of": (200, 999), "the past few": (2, 5),
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}
# TIMEX3 duration unit letters; 'T' marks units below a day.
UNIT_CODES: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "weekend": "WE", "season": "S",
}
# How many of the base unit one unit makes, where TIMEX3 writes it that way (P10Y for a decade).
UNIT_MULTIPLIER: dict[str, tuple[str, int]] = {
    "fortnight": ("W", 2), "decade": ("Y", 10), "century": ("Y", 100),
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
# early/mid/late and their phrase forms -> TIMEX3 mod.
MOD_WORDS: dict[str, str] = {
    "early": "START", "beginning": "START", "start": "START", "dawn": "START", "mid": "MID",
    "middle": "MID", "late": "END", "end": "END", "close": "END",
}
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "orthodox christmas": (1, 7), "new year's day": (1, 1), "new year's eve": (12, 31),
    "victory day": (5, 9),
}
# Vague reference words -> TIMEX3 value; 'recently' also gets a bounded interval.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "for now": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "recent": "PAST_REF",
    "current": "PRESENT_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "soon": "FUTURE_REF",
}
RECENTLY_DAYS = 60  # "recently" in news: within about two months of the DCT
# A year-less date follows the preceding date of its paragraph (not the DCT) only when that
# date lies this far before the DCT: "on 12 May 1994 ...; the talks resumed on 3 June".
# Closer than that the news prior (closest occurrence to the DCT) is right more often.
BACKSTORY_GAP = dt.timedelta(days=548)
BACKSTORY_REACH = 200  # characters: the same or the next sentence
STORY_DAYS = 62  # a year-less day this soon after an explicit one continues its story

# Signal words before a date: a start bound, an end bound.
# words that open a range whose both ends the expression itself gives ("from 3 to 6 May")
CLOSED_RANGE_OPENERS = frozenset({"from", "between"})
SINCE_SIGNALS = frozenset({"since", "from", "after", "starting", "beginning", "between", "as from"})
UNTIL_SIGNALS = frozenset(
    {
        "until", "till", "til", "through", "by", "before", "up to", "prior to", "no later than",
        "not later than", "ending",
    }
)

# A 4-digit number is not a year after these words ("Article 1992", "RUB 2019 million") ...
NOT_YEAR_BEFORE = frozenset(
    {
        "article",
        "articles",
        "resolution",
        "resolutions",
        "no",
        "no.",
        "nr",
        "nr.",
        "number",
        "paragraph",
        "section",
        "chapter",
        "clause",
        "item",
        "law",
        "decree",
        "order",
        "flight",
        "route",
        "room",
        "page",
        "pages",
        "p.",
        "pp.",
        "code",
        "tel",
        "tel.",
        "phone",
        "fax",
        "box",
        "bus",
        "model",
        "version",
        "iso",
        "rub",
        "usd",
        "eur",
        "gel",
        "amd",
        "azn",
        "mdl",
        "uah",
        "try",
        "gbp",
        "chf",
        "us$",
        "$",
        "€",
        "£",
        "¥",
        "#",
        "hill",
        "height",
        "km",
        "kilometre",
        "kilometer",
        "unit",
        "bill",
        "rule",
        "directive",
        "platform",
    }
)
# ... or before these count nouns and units ("2000 troops", "1500 metres"); a year that
# premodifies an event noun ("the 2008 war") stays a year.
NOT_YEAR_AFTER = frozenset(
    {
        "people", "persons", "troops", "soldiers", "servicemen", "men", "women", "children",
        "residents", "inhabitants", "citizens", "refugees", "idps", "families", "households", "votes",
        "voters", "km", "kilometres", "kilometers", "miles", "metres", "meters", "m", "feet", "ft",
        "tons", "tonnes", "hectares", "ha", "dollars", "euros", "roubles", "rubles", "lari", "manat",
        "dram", "units", "pieces", "cases", "deaths", "casualties", "members", "pages", "words",
        "times", "hours", "hrs", "percent", "per", "%", "million", "billion", "thousand", "mln", "bn",
        "trillion", "rounds", "shells", "vehicles", "tanks", "calories", "mw", "kw", "gw", "sq",
        "square", "more", "others", "other", "gmt", "utc", "jobs", "workers", "employees", "students",
        "pupils", "police", "officers", "fighters", "rebels", "seats", "signatures", "delegates",
        "deputies", "homes", "houses", "buildings", "flats", "apartments", "passports", "copies",
        "barrels", "cars", "aircraft",
    }
)
# Year-like number followed by one of these is a budget/plan year, not the writing time;
# the timex is still a date (published.py treats it as forward-looking).
MIN_PLAIN_YEAR = 1900  # 1000-1899 only after a date preposition ("in 1783")
YEAR_PREPOSITIONS = frozenset(
    {
        "in", "since", "until", "till", "from", "by", "of", "before", "after", "between", "during",
        "year", "circa", "c.", "around", "and", "to", "or", "early", "late", "mid", "the", "about",
    }
)

# Words that make the nearest clause future or past (a cheap stand-in for verb tense).
FUTURE_CUES = frozenset(
    {
        "will", "shall", "'ll", "’ll", "won't", "won’t", "scheduled", "upcoming", "forthcoming",
        "intends",
    }
)
# Two-word future cues, read left to right ("is to", "as soon as Tuesday").
FUTURE_BIGRAMS = frozenset(
    {
        ("is", "to"), ("are", "to"), ("going", "to"), ("set", "to"), ("plans", "to"), ("plan", "to"),
        ("soon", "as"), ("early", "as"), ("due", "to"),
    }
)
# Before an '-ed' form these make it a passive or perfect participle, not a past tense.
AUXILIARIES = frozenset(
    {
        "be", "been", "being", "is", "are", "was", "were", "to", "will", "would", "must", "can",
        "could", "should", "may", "might", "get", "got", "has", "have", "had", "'s", "not",
    }
)
PAST_CUES = frozenset(
    {
        "was", "were", "had", "did", "ago", "last", "previous", "earlier", "already", "wasn't",
        "weren't", "hadn't", "didn't", "said", "told", "took", "came", "went", "met", "held", "began",
        "saw", "made", "gave", "won", "lost", "left", "fell", "rose", "became", "found", "sent",
    }
)
PRESENT_CUES = frozenset({"is", "are", "has", "have", "does", "do", "says", "say"})
# Regular '-ed' verbs count as past, unless they are common adjectives/passives after 'be'.
NOT_PAST_ED = frozenset(
    {
        "united", "red", "need", "proposed", "planned", "scheduled", "expected", "based", "called",
        "so-called", "armed", "related", "limited", "advanced", "detailed", "interested", "concerned",
        "required", "used", "supposed", "alleged", "self-proclaimed", "recognised", "recognized",
        "occupied", "dedicated", "speed", "seed", "feed", "breed", "hundred", "indeed", "bed", "shed",
        "led", "med",
    }
)

# fmt: on

# ======================================================================================
# The public record
# ======================================================================================


@dataclass
class Timex:
    """One time expression: its span, the interval it denotes, and how that was decided."""

    start: int
    end: int
    text: str
    interval: DateInterval | None
    kind: str  # date | since | until | duration | set | ref
    anchor: str  # explicit | dct | narrative | none
    value: str | None = None  # TIMEX3 value
    mod: str | None = None  # TIMEX3 mod
    timex_type: str = "DATE"  # DATE | TIME | DURATION | SET
    conflict: str | None = None  # disagreeing redundant cues, in words
    signal: str | None = None  # the word before it that made it a bound ("since", "by"), if any


# ======================================================================================
# Regular-expression building blocks
# ======================================================================================


def _alternation(words: list[str] | set[str] | frozenset[str] | dict[str, object]) -> str:
    """Longest first, so 'Sept' is tried before 'Sep' and 'a few' before 'a'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cased(words: list[str] | dict[str, object]) -> str:
    """Capitalised and upper-case forms only: lower-case 'may'/'march' are not months."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return _alternation(forms)


_M_FULL = rf"(?:{_cased(MONTHS)})(?![a-zA-Z])"
_M_ABBR = rf"(?:{_cased(MONTH_ABBREVIATIONS)})(?:\.|(?![a-zA-Z]))"
_MONTH = rf"(?:{_M_FULL}|{_M_ABBR})"
_WD_FULL = rf"(?:{_cased(WEEKDAYS)})(?![a-zA-Z])"
_WD_ABBR = rf"(?:{_cased(WEEKDAY_ABBREVIATIONS)})(?:\.|(?![a-zA-Z]))"
_WEEKDAY = rf"(?:{_WD_FULL}|{_WD_ABBR})"
_DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
_YEAR = r"(?<![\d.,/$€£])(?:1\d\d\d|20\d\d)(?![\d]|,\d|\.\d|/\d)"
_MOD = (
    r"(?i:early|mid|middle|late|the\s+(?:beginning|start|middle|end|close|dawn|turn)\s+of"
    r"|(?:the\s+)?(?:early|late)\s+part\s+of)"
)
_NUM_WORD = _alternation({k for k in NUMBER_WORDS if k not in ("a", "an")} | set(VAGUE_NUMBERS))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_NUM = rf"(?:\d+(?:\.\d+)?|(?i:(?:{_TENS})[-\s](?:{_UNITS})|{_NUM_WORD})|(?i:an?)(?![a-z]))"
_UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|weekends?)"
)
_PREP_BEFORE_MONTH = (
    r"(?i:in|on|since|until|till|by|from|to|through|during|of|before|after|between|and|or|"
    r"last|this|next|early|late|mid|around|throughout|each|every|that|since|until|about|"
    r"beginning|end|middle|start|coming|past)"
)


# ======================================================================================
# Calendar helpers
# ======================================================================================

GRANULARITY_RANK: dict[str, int] = {
    "time": 0,
    "day": 1,
    "week": 2,
    "weekend": 2,
    "month": 3,
    "season": 4,
    "quarter": 4,
    "half": 5,
    "year": 6,
    "decade": 7,
    "century": 8,
    "range": 9,
}


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _last_day(year, month + 1)))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Unit:
    """One calendar unit: the interval, its TIMEX3 value and its granularity."""

    interval: DateInterval
    value: str
    gran: str


def _day_unit(day: dt.date) -> _Unit:
    return _Unit(DateInterval(day, day, "day"), day.isoformat(), "day")


def _week_unit(day: dt.date) -> _Unit:
    monday = day - dt.timedelta(days=day.weekday())
    iso = monday.isocalendar()
    return _Unit(
        DateInterval(monday, monday + dt.timedelta(days=6), "week"), f"{iso[0]}-W{iso[1]:02d}", "week"
    )


def _weekend_unit(day: dt.date) -> _Unit:
    """The weekend of the ISO week containing `day` (Saturday and Sunday)."""
    week = _week_unit(day)
    saturday = week.interval.start + dt.timedelta(days=5)
    return _Unit(DateInterval.between(saturday, saturday + dt.timedelta(days=1)), f"{week.value}-WE", "week")


def _month_unit(year: int, month: int) -> _Unit:
    return _Unit(DateInterval.month(year, month), f"{year:04d}-{month:02d}", "month")


def _season_unit(year: int, code: str) -> _Unit:
    """Meteorological seasons; winter Y is December Y-1 to February Y (it is mostly in Y)."""
    if code == "WI":
        start = dt.date(year - 1, 12, 1)
        end = dt.date(year, 2, _last_day(year, 2))
    else:
        first = {"SP": 3, "SU": 6, "FA": 9}[code]
        start = dt.date(year, first, 1)
        end = dt.date(year, first + 2, _last_day(year, first + 2))
    return _Unit(DateInterval(start, end, "season"), f"{year:04d}-{code}", "season")


def _season_of(day: dt.date) -> tuple[int, str]:
    if day.month == 12:
        return day.year + 1, "WI"
    return day.year, ["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"][day.month - 1]


def _quarter_unit(year: int, quarter: int) -> _Unit:
    first = 3 * (quarter - 1) + 1
    iv = DateInterval.between(dt.date(year, first, 1), dt.date(year, first + 2, _last_day(year, first + 2)))
    return _Unit(iv, f"{year:04d}-Q{quarter}", "quarter")


def _half_unit(year: int, half: int) -> _Unit:
    first = 1 if half == 1 else 7
    iv = DateInterval.between(dt.date(year, first, 1), dt.date(year, first + 5, _last_day(year, first + 5)))
    return _Unit(iv, f"{year:04d}-H{half}", "half")


def _year_unit(year: int) -> _Unit:
    return _Unit(DateInterval.year(year), f"{year:04d}", "year")


def _decade_unit(first_year: int) -> _Unit:
    return _Unit(DateInterval.decade(first_year), f"{first_year // 10:03d}", "decade")


def _century_unit(number: int) -> _Unit:
    """The 20th century = 1900-1999 here (TIMEX3 value '19'), as news uses it."""
    first = (number - 1) * 100
    iv = DateInterval.between(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31))
    return _Unit(iv, f"{number - 1:02d}", "century")


def _shift(ref: dt.date, unit: str, n: int) -> _Unit:
    """The calendar `unit` that is `n` units from the one containing `ref`."""
    if unit == "day":
        return _day_unit(ref + dt.timedelta(days=n))
    if unit == "week":
        return _week_unit(ref + dt.timedelta(weeks=n))
    if unit == "weekend":
        return _weekend_unit(ref + dt.timedelta(weeks=n))
    if unit == "month":
        shifted = _add_months(ref.replace(day=1), n)
        return _month_unit(shifted.year, shifted.month)
    if unit == "quarter":
        index = ref.year * 4 + (ref.month - 1) // 3 + n
        return _quarter_unit(index // 4, index % 4 + 1)
    if unit == "season":
        year, code = _season_of(ref)
        order = ["WI", "SP", "SU", "FA"]
        index = year * 4 + order.index(code) + n
        return _season_unit(index // 4, order[index % 4])
    if unit == "decade":
        return _decade_unit((ref.year // 10 + n) * 10)
    if unit == "century":
        return _century_unit(ref.year // 100 + 1 + n)
    return _year_unit(ref.year + n)


def _apply_mod(unit: _Unit, mod: str | None) -> DateInterval:
    """early/mid/late: the first, middle or last part of a unit (thirds; a month's tens of days)."""
    iv = unit.interval
    if not mod or unit.gran in ("day", "week", "time"):
        return iv
    if unit.gran == "month":
        bounds = {"START": (1, 10), "MID": (11, 20), "END": (21, _last_day(iv.start.year, iv.start.month))}
        first, last = bounds[mod]
        return DateInterval.between(iv.start.replace(day=first), iv.start.replace(day=last))
    if unit.gran == "year":
        months = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
        year = iv.start.year
        return DateInterval.between(
            dt.date(year, months[0], 1), dt.date(year, months[1], _last_day(year, months[1]))
        )
    if unit.gran == "decade":
        offsets = {"START": (0, 3), "MID": (3, 6), "END": (7, 9)}[mod]
        year = iv.start.year
        return DateInterval.between(dt.date(year + offsets[0], 1, 1), dt.date(year + offsets[1], 12, 31))
    width = iv.width_days
    third = width // 3
    if mod == "START":
        return DateInterval.between(iv.start, iv.start + dt.timedelta(days=third))
    if mod == "MID":
        return DateInterval.between(iv.start + dt.timedelta(days=third), iv.end - dt.timedelta(days=third))
    return DateInterval.between(iv.end - dt.timedelta(days=third), iv.end)


def _mod_of(phrase: str | None) -> str | None:
    if not phrase:
        return None
    for word in re.findall(r"[a-z]+", phrase.lower()):
        if word in MOD_WORDS:
            return MOD_WORDS[word]
    return None


def _mask_value(a: str, b: str) -> str:
    """One TIMEX3 value for two resolutions: the parts they share, 'X' from the first difference."""
    if a == b:
        return a
    left, right = a.split("-"), b.split("-")
    out: list[str] = []
    differ = False
    for i, part in enumerate(left):
        differ = differ or i >= len(right) or right[i] != part
        out.append(re.sub(r"\d", "X", part) if differ else part)
    return "-".join(out)


def _number(word: str) -> float | None:
    word = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    parts = re.split(r"[-\s]", word)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def _unit_name(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


def _duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT2H, P10Y for a decade, PXM for 'several months'."""
    base, factor = UNIT_MULTIPLIER.get(unit, (UNIT_CODES.get(unit, "D"), 1))
    if amount is None:
        code = UNIT_CODES.get(unit, "D")
        return f"PTX{code[1:]}" if code.startswith("T") else f"PX{code}"
    total = amount * factor
    shown = str(int(total)) if float(total).is_integer() else f"{total:g}"
    if base.startswith("T"):
        return f"PT{shown}{base[1:]}"
    return f"P{shown}{base}"


# ======================================================================================
# Resolution context: the DCT, the dates already seen, tense cues
# ======================================================================================


@dataclass
class _Anchor:
    pos: int  # end offset of the timex that gave it
    unit: _Unit
    paragraph: int
    explicit: bool = False  # a full date with its year, not itself resolved


@dataclass
class _Res:
    """What a rule resolves a match to (before it becomes a `Timex`)."""

    interval: DateInterval | None
    value: str | None
    anchor: str = "none"
    kind: str = "date"
    mod: str | None = None
    timex_type: str = "DATE"
    conflict: str | None = None
    unit: _Unit | None = None  # the calendar unit, if it can anchor later expressions


@dataclass
class _Ctx:
    text: str
    dct: DateInterval | None
    anchors: list[_Anchor] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos)

    def last_anchor(self, pos: int, finest: str = "range", same_paragraph: bool = False) -> _Anchor | None:
        """The last date mentioned before `pos` at least as fine as `finest`."""
        limit = GRANULARITY_RANK[finest]
        para = self.paragraph(pos)
        for anchor in reversed(self.anchors):
            if anchor.pos > pos:
                continue
            if same_paragraph and anchor.paragraph != para:
                return None
            if GRANULARITY_RANK[anchor.unit.gran] <= limit:
                return anchor
        return None

    def last_anchor_within(self, pos: int, bounds: DateInterval) -> _Anchor | None:
        """The last explicit date of month precision or finer before `pos` inside `bounds`."""
        limit = GRANULARITY_RANK["month"]
        for anchor in reversed(self.anchors):
            if anchor.pos > pos or not anchor.explicit or GRANULARITY_RANK[anchor.unit.gran] > limit:
                continue
            if bounds.contains(anchor.unit.interval):
                return anchor
        return None

    def backstory_anchor(self, pos: int, coarsest: str = "month") -> _Anchor | None:
        """An explicit date just before `pos`, well before the DCT: a year-less date after it
        continues that story ("on 12 May 1994 ...; the talks resumed on 3 June").
        A bare year anchors only bare months ("In 2008 ... In August"): on news gold a year
        is too weak a cue for days and quarters."""
        anchor = self.last_anchor(pos, coarsest, same_paragraph=True)
        if anchor is None or not anchor.explicit or pos - anchor.pos > BACKSTORY_REACH:
            return None
        if self.dct is not None and anchor.unit.interval.end >= self.dct.start - BACKSTORY_GAP:
            return None
        return anchor

    def tense(self, start: int, end: int) -> str | None:
        return _clause_tense(self.text, start, end)


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])|\n")
_WORD = re.compile(r"[A-Za-z'’]+")


def _clause_tense(text: str, start: int, end: int) -> str | None:
    """'past' | 'future' | 'present' | None from the nearest tense cue in the sentence.

    A stand-in for HeidelTime's nearest-verb tense: auxiliaries and '-ed' verbs before the
    expression count first (nearest first), then those after it.
    """
    left = text[max(0, start - 160) : start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    left = left[cut[-1] :] if cut else left
    right = text[end : end + 120]
    stop = _SENTENCE_END.search(right)
    right = right[: stop.start()] if stop else right
    before = [w.lower() for w in _WORD.findall(left)]
    after = [w.lower() for w in _WORD.findall(right)]
    for i in range(len(before) - 1, max(-1, len(before) - 13), -1):  # nearest first
        tense = _word_tense(before, i)
        if tense:
            return tense
    for i in range(min(len(after), 12)):
        tense = _word_tense(after, i)
        if tense:
            return tense
    return None


def _word_tense(words: list[str], i: int) -> str | None:
    """The tense word `i` of a left-to-right word list signals, if any."""
    word = words[i]
    previous = words[i - 1] if i > 0 else ""
    following = words[i + 1] if i + 1 < len(words) else ""
    if word in FUTURE_CUES or (word, following) in FUTURE_BIGRAMS or (previous, word) in FUTURE_BIGRAMS:
        return "future"
    if word in PAST_CUES:
        return "past"
    if word in PRESENT_CUES:
        return "present"
    if word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED and previous not in AUXILIARIES:
        return "past"
    return None


# ======================================================================================
# Resolving partial and relative expressions
# ======================================================================================


def _over_dct(ctx: _Ctx, resolve: Callable[[dt.date], _Unit | None], mod: str | None = None) -> _Res:
    """Resolve a deictic expression at each end of the DCT; a wide DCT gives a range."""
    if ctx.dct is None:
        return _Res(None, None, "none", mod=mod)
    first = resolve(ctx.dct.start)
    last = resolve(ctx.dct.end) if ctx.dct.end != ctx.dct.start else first
    if first is None or last is None:
        return _Res(None, None, "none", mod=mod)
    if first == last:
        return _Res(_apply_mod(first, mod), first.value, "dct", mod=mod, unit=first)
    a, b = _apply_mod(first, mod), _apply_mod(last, mod)
    interval = DateInterval(min(a.start, b.start), max(a.end, b.end), "range")
    return _Res(interval, _mask_value(first.value, last.value), "dct", mod=mod)


def _occurrences(make: Callable[[int], _Unit | None], ref: dt.date) -> list[_Unit]:
    return [u for y in (ref.year - 1, ref.year, ref.year + 1) if (u := make(y)) is not None]


def _distance(unit: _Unit, ref: dt.date) -> int:
    iv = unit.interval
    if iv.contains_day(ref):
        return 0
    return (iv.start - ref).days if iv.start > ref else (ref - iv.end).days


def _closest(make: Callable[[int], _Unit | None], ref: dt.date, tense: str | None) -> _Unit | None:
    """The occurrence nearest `ref` (ties to the past), nudged by the clause's tense."""
    options = _occurrences(make, ref)
    if not options:
        return None
    best = min(options, key=lambda u: (_distance(u, ref), u.interval.start > ref))
    if (best.interval.start.year, best.interval.start.month) == (ref.year, ref.month):
        return best  # as in HeidelTime, tense only moves a date in another month than the DCT's
    if tense == "past" and best.interval.start > ref:
        earlier = [u for u in options if u.interval.end < ref]
        if earlier:
            best = earlier[-1]
    elif tense == "future" and best.interval.end < ref:
        later = [u for u in options if u.interval.start > ref]
        if later:
            best = later[0]
    return best


def _resolve_partial(
    ctx: _Ctx,
    make: Callable[[int], _Unit | None],
    start: int,
    end: int,
    mod: str | None = None,
    weekday: int | None = None,
    unresolved: str = "XXXX",
    deictic: bool = False,
) -> _Res:
    """A date missing its year ("March 18", "in August", "Tuesday, January 30").

    Inside a backstory (a date of the same paragraph well before the DCT) the year comes
    from that date; otherwise from the DCT by the closest-occurrence rule (88% right on news
    gold), nudged by tense; a weekday, when given, is checked against the chosen date.
    """
    tense = ctx.tense(start, end)
    probe = make(2001)  # a sample occurrence, to learn the granularity
    coarsest = "year" if probe is not None and probe.gran == "month" else "month"
    # "Last Wednesday, March 18" points from the DCT, never into a backstory
    backstory = ctx.backstory_anchor(start, coarsest) if tense in (None, "past") and not deictic else None
    if backstory is not None:
        ref_unit = backstory.unit
        if ref_unit.gran == "year":
            unit = make(ref_unit.interval.start.year)
        else:
            unit = _closest(make, ref_unit.interval.start, None)
        if unit is not None:
            res = _Res(_apply_mod(unit, mod), unit.value, "narrative", mod=mod, unit=unit)
            res.conflict = _weekday_conflict(unit, weekday)
            return res
    # "On 19 September 2023 ... ; on 28 September": a story told just before, within weeks of
    # the year-less date, goes on in its own year even when it is not far before the DCT
    story = _continued_story(ctx, make, start) if tense in (None, "past") and not deictic else None
    if story is not None:
        res = _Res(_apply_mod(story, mod), story.value, "narrative", mod=mod, unit=story)
        res.conflict = _weekday_conflict(story, weekday)
        return res
    # An uncertain DCT spanning years (an undated article bounded only loosely) says little
    # about a year-less date; the article's last explicit date before it, if that date
    # itself lies within the DCT, is a better reference.
    if ctx.dct is not None and ctx.dct.width_days > 366:
        anchor = ctx.last_anchor_within(start, ctx.dct)
        if anchor is not None:
            unit = _closest(make, anchor.unit.interval.start, tense)
            if unit is not None:
                res = _Res(_apply_mod(unit, mod), unit.value, "narrative", mod=mod, unit=unit)
                res.conflict = _weekday_conflict(unit, weekday)
                return res
    if ctx.dct is None:
        return _Res(None, unresolved, "none", mod=mod)
    candidates: list[_Unit] = []
    for ref in sorted({ctx.dct.start, ctx.dct.end}):
        unit = _closest(make, ref, tense)
        if unit is not None:
            candidates.append(unit)
    # a DCT spanning years: every occurrence in between is possible too
    for year in range(ctx.dct.start.year + 1, ctx.dct.end.year):
        unit = make(year)
        if unit is not None:
            candidates.append(unit)
    if not candidates:
        return _Res(None, unresolved, "none", mod=mod)
    # With a DCT known only to a range, an occurrence inside that range beats the tense
    # nudge applied at its ends ("18 March" in an article of late February..April 2014)
    if ctx.dct.start != ctx.dct.end:
        inside = [u for u in candidates if ctx.dct.contains(u.interval)]
        if inside:
            candidates = inside
    conflict = None
    if weekday is not None:
        agreeing = [u for u in candidates if u.interval.start.weekday() == weekday]
        if agreeing:
            candidates = agreeing
        else:
            conflict = _weekday_conflict(candidates[0], weekday)
    candidates = sorted(set(candidates), key=lambda u: u.interval.start)
    first, last = candidates[0], candidates[-1]
    if first == last:
        return _Res(_apply_mod(first, mod), first.value, "dct", mod=mod, conflict=conflict, unit=first)
    a, b = _apply_mod(first, mod), _apply_mod(last, mod)
    interval = DateInterval(a.start, b.end, "range")
    return _Res(interval, _mask_value(first.value, last.value), "dct", mod=mod, conflict=conflict)


def _continued_story(ctx: _Ctx, make: Callable[[int], _Unit | None], start: int) -> _Unit | None:
    """The occurrence just after an explicit day of the same paragraph, close before it."""
    anchor = ctx.last_anchor(start, "day", same_paragraph=True)
    if anchor is None or not anchor.explicit or start - anchor.pos > BACKSTORY_REACH:
        return None
    ref = anchor.unit.interval.start
    unit = make(ref.year)
    if unit is None or not 0 <= (unit.interval.start - ref).days <= STORY_DAYS:
        return None
    return unit


def _weekday_conflict(unit: _Unit, weekday: int | None) -> str | None:
    if weekday is None or unit.gran != "day":
        return None
    actual = unit.interval.start.weekday()
    if actual == weekday:
        return None
    names = list(WEEKDAYS)
    return (
        f"weekday {names[weekday].capitalize()} disagrees with the date {unit.value}, "
        f"which is a {names[actual].capitalize()}; the date is kept"
    )


def _weekday_before(ref: dt.date, weekday: int, strictly: bool) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _weekday_after(ref: dt.date, weekday: int, strictly: bool) -> dt.date:
    ahead = (weekday - ref.weekday()) % 7
    if strictly and ahead == 0:
        ahead = 7
    return ref + dt.timedelta(days=ahead)


def _month_number(word: str) -> int:
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _weekday_number(word: str) -> int:
    key = word.lower().rstrip(".")
    return WEEKDAYS.get(key, WEEKDAY_ABBREVIATIONS.get(key, 0))


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]


def _explicit(unit: _Unit, mod: str | None = None, timex_type: str = "DATE") -> _Res:
    return _Res(_apply_mod(unit, mod), unit.value, "explicit", mod=mod, timex_type=timex_type, unit=unit)


def _day_maker(month: int, day: int) -> Callable[[int], _Unit | None]:
    def make(year: int) -> _Unit | None:
        date = _safe_date(year, month, day)
        return _day_unit(date) if date else None

    return make


def _range_maker(month: int, day: int, day2: int) -> Callable[[int], _Unit | None]:
    """'16-18 March': one interval of days; the value is the first day's month."""

    def make(year: int) -> _Unit | None:
        a, b = _safe_date(year, month, day), _safe_date(year, month, day2)
        if not a or not b or b < a:
            return None
        return _Unit(DateInterval.between(a, b), f"{year:04d}-{month:02d}", "range")

    return make


# ======================================================================================
# Rules: a pattern, an optional check against false positives, a resolver
# ======================================================================================

Check = Callable[[re.Match[str], str], bool]
Resolve = Callable[[re.Match[str], "_Ctx", int, int], "_Res | None"]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolve
    check: Check | None = None


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\s]+)\s*$", text[max(0, pos - 40) : pos])
    return m.group(1).lower().strip("(\"'“‘,") if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[\s\-]*([^\s]+)", text[pos : pos + 40])
    return m.group(1).lower().strip(").,;:\"'”’") if m else ""


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The timex extent: group 't' where the pattern has one (signals stay outside)."""
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.start("t"), m.end("t")
    return m.start(), m.end()


# --- explicit dates -------------------------------------------------------------------


def _year_of(m: re.Match[str]) -> int:
    return int(m.group("y"))


def _full_date(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    year, month, day = _year_of(m), _month_number(m.group("mon")), _day_number(m.group("d"))
    if m.group("d2"):
        unit = _range_maker(month, day, _day_number(m.group("d2")))(year)
    else:
        date = _safe_date(year, month, day)
        unit = _day_unit(date) if date else None
    if unit is None:
        return None
    res = _explicit(unit)
    if m.group("wd"):
        res.conflict = _weekday_conflict(unit, _weekday_number(m.group("wd")))
    return res


def _iso_date(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    date = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if date is None:
        return None
    res = _explicit(_day_unit(date))
    if m.group("hh"):
        res.value = f"{date.isoformat()}T{m.group('hh')}:{m.group('mm')}"
        res.timex_type = "TIME"
    return res


def _numeric_date(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """12/03/2015 or 12.03.2015: day first unless that is impossible (European sources)."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = (a, b) if a > 12 or b <= 12 else (b, a)
    date = _safe_date(year, month, day)
    return _explicit(_day_unit(date)) if date else None


def _month_year(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    return _explicit(_month_unit(_year_of(m), _month_number(m.group("mon"))), _mod_of(m.group("mod")))


def _year_ok(m: re.Match[str], text: str) -> bool:
    """Reject numbers that are not years: 'Article 1992', 'RUB 2019 million', '2000 troops'."""
    start, end = m.start("y"), m.end("y")
    year = int(m.group("y"))
    before = _prev_word(text, m.start())
    after = _next_word(text, end)
    if before in NOT_YEAR_BEFORE or after in NOT_YEAR_AFTER:
        return False
    if re.search(r"\d[\s.\-)]{1,2}$", text[max(0, start - 3) : start]) and not re.search(
        r"(?:1\d|20)\d\d\s*[-–]\s*$", text[max(0, start - 8) : start]
    ):
        return False  # a digit group, as in phone numbers "+995 32 2000 ..."
    if re.match(r"\s*[-–]\s*\d{1,3}(?!\d)", text[end : end + 6]) and not re.match(
        r"[-–]\d\d(?!\d)", text[end : end + 4]
    ):
        return False  # "2014-1" code-like, but "1957-58" is a year range
    if re.match(r"\s*(?:[-–]|to)\s*\d+\s*(?:people|troops|%)", text[end : end + 20]):
        return False
    if text[end : end + 1] in ("'", "’") and text[end + 1 : end + 3].lower() == "s ":
        return True  # "2008's war"
    if year < MIN_PLAIN_YEAR and before not in YEAR_PREPOSITIONS and not m.group("mod"):
        return False
    return not (after in ("m", "km") or re.match(r"\s*(?:m|km|mm|cm|kg|ft)\b", text[end : end + 4]))


def _year(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    return _explicit(_year_unit(_year_of(m)), _mod_of(m.group("mod")))


def _year_tail(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """The '58' of '1957-58'."""
    first = int(m.group("first"))
    year = first // 100 * 100 + int(m.group("t"))
    if year <= first:
        year += 100
    return _explicit(_year_unit(year))


def _decade(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    mod = _mod_of(m.group("mod"))
    if m.group("dec"):
        first = int(m.group("dec"))
    else:
        tens = int(m.group("dd")) if m.group("dd") else DECADE_WORDS[m.group("dw").lower()]
        first = (1900 if tens >= 20 else 2000) + tens
    return _explicit(_decade_unit(first), mod)


def _century(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    word = m.group("c").lower()
    number = ORDINALS.get(word) or int(re.match(r"\d+", word).group())  # type: ignore[union-attr]
    return _explicit(_century_unit(number), _mod_of(m.group("mod")))


def _season(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    code = SEASONS[m.group("s").lower()]
    mod = _mod_of(m.group("mod"))
    if m.group("y"):
        return _explicit(_season_unit(_year_of(m), code), mod)
    rel = (m.group("rel") or "").lower()
    if rel in ("that", "the same"):
        return _from_anchor(ctx, start, "season", lambda iv: _season_unit(iv.start.year, code), mod)

    def make(year: int) -> _Unit:
        return _season_unit(year, code)

    if rel in ("last", "past", "previous"):
        return _over_dct(ctx, lambda ref: _latest_before(make, ref, strictly=True), mod)
    if rel in ("next", "coming"):
        return _over_dct(ctx, lambda ref: _earliest_after(make, ref), mod)
    if rel == "this":
        return _over_dct(ctx, lambda ref: _closest(make, ref, None), mod)
    return _resolve_partial(ctx, make, start, end, mod, unresolved=f"XXXX-{code}")


def _latest_before(make: Callable[[int], _Unit | None], ref: dt.date, strictly: bool) -> _Unit | None:
    """The latest occurrence that ended before `ref` ('last July', 'last summer')."""
    for year in (ref.year, ref.year - 1, ref.year - 2):
        unit = make(year)
        if unit and (unit.interval.end < ref or (not strictly and unit.interval.start <= ref)):
            return unit
    return None


def _earliest_after(make: Callable[[int], _Unit | None], ref: dt.date) -> _Unit | None:
    for year in (ref.year, ref.year + 1, ref.year + 2):
        unit = make(year)
        if unit and unit.interval.start > ref:
            return unit
    return None


def _quarter(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'the third quarter (of 2015)', 'Q3 2015', 'the first half of 2015'."""
    unit_word = (m.group("u") or "quarter").lower()
    ord_word = (m.group("ord") or "").lower()
    code = m.groupdict().get("q")
    if code:
        number = int(code[1])
        unit_word = "half" if code[0] in "Hh" else "quarter"
    elif ord_word in ("last", "final"):
        number = 4 if unit_word == "quarter" else 2
    else:
        number = ORDINALS.get(ord_word, 1)
    limit = 4 if unit_word == "quarter" else 2
    if not 1 <= number <= limit:
        return None

    def make(year: int) -> _Unit:
        return _quarter_unit(year, number) if unit_word == "quarter" else _half_unit(year, number)

    year_word = m.group("y") or m.group("ry")
    if year_word:
        return _explicit(make(int(year_word)))
    rely = (m.group("rely") or "").lower().split()
    if rely:
        offset = {"this": 0, "last": -1, "next": 1}[rely[0]]
        return _over_dct(ctx, lambda ref: make(ref.year + offset))
    anchor = ctx.backstory_anchor(start)
    if anchor is not None:
        unit = make(anchor.unit.interval.start.year)
        return _Res(unit.interval, unit.value, "narrative", unit=unit)
    # news reports quarters mostly of the DCT's year; a future quarter with past tense is last year's
    tense = ctx.tense(start, end)

    def pick(ref: dt.date) -> _Unit:
        unit = make(ref.year)
        if tense == "past" and unit.interval.start > ref:
            return make(ref.year - 1)
        return unit

    res = _over_dct(ctx, pick)
    if ctx.dct is None:
        res.value = f"XXXX-{'Q' if unit_word == 'quarter' else 'H'}{number}"
    return res


# --- partial dates: no year -------------------------------------------------------------


def _month_day(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    month, day = _month_number(m.group("mon")), _day_number(m.group("d"))
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    weekday = _weekday_number(m.group("wd")) if m.group("wd") else None
    d2 = m.groupdict().get("d2")
    make = _range_maker(month, day, _day_number(d2)) if d2 else _day_maker(month, day)
    rel = (m.groupdict().get("rel") or "").lower()
    res = _resolve_partial(
        ctx, make, start, end, weekday=weekday, unresolved=f"XXXX-{month:02d}-{day:02d}", deictic=bool(rel)
    )
    if rel and res.interval is not None and ctx.dct is not None and res.conflict is None:
        # "Last Wednesday, March 18": 'last' says the date is before the DCT
        if rel.startswith(("last", "this past", "the past")) and res.interval.start >= ctx.dct.end:
            res.conflict = f"'{rel}' points before the document date, but the date is {res.value}"
        if rel.startswith(("next", "coming", "this coming")) and res.interval.end <= ctx.dct.start:
            res.conflict = f"'{rel}' points after the document date, but the date is {res.value}"
    return res


def _bare_month_ok(m: re.Match[str], text: str) -> bool:
    """A month name alone is a date only with a cue before it; never when it starts a name."""
    if m.group("mod") or m.group("rel") or m.group("ry"):
        return True
    before = _prev_word(text, m.start())
    if not re.fullmatch(_PREP_BEFORE_MONTH, before):
        return False
    # "in May Day" / "April Fools" / "June Smith": a capitalised word after -> a name
    if m.group("mon").lower() not in MONTHS_ALSO_NAMES:
        return True
    return not re.match(r"\s+[A-Z][a-z]", text[m.end() : m.end() + 3])


def _bare_month(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    month = _month_number(m.group("mon"))
    mod = _mod_of(m.group("mod"))
    rel = (m.group("rel") or "").lower()

    def make(year: int) -> _Unit:
        return _month_unit(year, month)

    year_word = re.sub(r"\s+", " ", (m.group("ry") or "").lower())
    if year_word in ("this", "last", "next"):
        # "in January this year", "July last year"
        offset = {"this": 0, "last": -1, "next": 1}[year_word]
        return _over_dct(ctx, lambda ref: make(ref.year + offset), mod)
    if year_word:
        step = {"the following": 1, "the previous": -1}.get(year_word, 0)
        return _from_anchor(ctx, start, "year", lambda iv: make(iv.start.year + step), mod)

    if rel in ("last", "past", "previous"):
        # the latest such month that ended before the DCT's month
        return _over_dct(ctx, lambda ref: _latest_before(make, ref.replace(day=1), strictly=True), mod)
    if rel in ("next", "coming"):
        return _over_dct(
            ctx, lambda ref: _earliest_after(make, ref.replace(day=_last_day(ref.year, ref.month))), mod
        )
    if rel == "this":
        return _over_dct(ctx, lambda ref: make(ref.year), mod)
    return _resolve_partial(ctx, make, start, end, mod, unresolved=f"XXXX-{month:02d}")


def _holiday(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    name = re.sub(r"\s+", " ", m.group("h").lower()).replace("’", "'")
    month, day = HOLIDAYS[name]
    if m.group("y"):
        return _explicit(_day_unit(dt.date(int(m.group("y")), month, day)))
    return _resolve_partial(ctx, _day_maker(month, day), start, end, unresolved=f"XXXX-{month:02d}-{day:02d}")


# --- relative to the DCT ------------------------------------------------------------------


def _today_like(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    offsets = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "overnight": 0,
    }
    if word.startswith("this "):
        offset, pod = 0, PARTS_OF_DAY[word.split()[1]]
    else:
        offset = offsets[word]
        pod = "NI" if word in ("tonight", "last night", "overnight") else None
    if m.group("pod"):
        pod = PARTS_OF_DAY[m.group("pod").lower()]
    res = _over_dct(ctx, lambda ref: _day_unit(ref + dt.timedelta(days=offset)))
    if pod:
        res.timex_type = "TIME"
        res.value = f"{res.value or 'XXXX-XX-XX'}T{pod}"
    elif res.value is None:
        res.value = "XXXX-XX-XX"
    return res


def _today_ok(m: re.Match[str], text: str) -> bool:
    """'Russia Today', 'USA Today': a capitalised name right before a capitalised 'Today'."""
    word = m.group("w")
    return not (
        word[0].isupper() and re.search(r"[A-Z][A-Za-z]*[ \t]+$", text[max(0, m.start() - 20) : m.start()])
    )


def _weekday(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    weekday = _weekday_number(m.group("wd"))
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    tense = ctx.tense(start, end)
    if rel in ("last", "this past", "past"):
        pick = lambda ref: _day_unit(_weekday_before(ref, weekday, strictly=True))  # noqa: E731
    elif rel in ("next", "coming", "this coming"):
        pick = lambda ref: _day_unit(_weekday_after(ref, weekday, strictly=True))  # noqa: E731
    elif rel == "this":
        pick = lambda ref: _day_unit(_week_unit(ref).interval.start + dt.timedelta(days=weekday))  # noqa: E731
    elif tense == "future":
        pick = lambda ref: _day_unit(_weekday_after(ref, weekday, strictly=True))  # noqa: E731
    else:
        # a bare weekday in news: the most recent such day on or before the DCT (89% on gold)
        pick = lambda ref: _day_unit(_weekday_before(ref, weekday, strictly=False))  # noqa: E731
    res = _over_dct(ctx, pick)
    if res.value is None:
        res.value = f"XXXX-WXX-{weekday + 1}"
    if m.group("pod"):
        res.timex_type = "TIME"
        res.value = f"{res.value}T{PARTS_OF_DAY[m.group('pod').lower()]}"
    return res


def _weekday_ok(m: re.Match[str], text: str) -> bool:
    if _prev_word(text, m.start("wd")) in WEEKDAY_NAME_BEFORE:
        return False
    return _next_word(text, m.end("wd")) not in WEEKDAY_NAME_AFTER or bool(m.group("pod"))


_REL_OFFSETS = {
    "the": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
}


def _relative_unit(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'last week', 'this year', 'next month', 'earlier this month', 'the end of last year'."""
    rel = m.group("rel").lower()
    unit = _unit_name(m.group("u"))
    mod = _mod_of(m.group("mod"))
    lead = (m.group("lead") or "").lower()
    if lead.startswith("earlier"):
        mod = "START"
    elif lead.startswith("later"):
        mod = "END"
    if rel in ("following", "same", "that", "previous", "preceding") and (
        rel != "previous" or ctx.last_anchor(start, unit) is not None
    ):
        step = {"following": 1, "same": 0, "that": 0, "previous": -1, "preceding": -1}[rel]
        return _from_anchor(ctx, start, unit, lambda iv: _shift(iv.start, unit, step), mod)
    if (
        rel in ("past", "last", "next", "coming", "following")
        and m.group(0).lower().startswith("the")
        and (unit in ("decade", "century"))
    ):
        # "the past decade", "over the next decade": a span of time from now, not the 1990s
        return _Res(None, _duration_value(1, unit), "none", kind="duration", timex_type="DURATION")
    offset = _REL_OFFSETS.get(rel, 0)
    if unit == "weekend" and rel == "the":
        # "over the weekend": the latest weekend begun by the DCT, or the next one in a future clause
        future = ctx.tense(start, end) == "future"
        res = _over_dct(ctx, lambda ref: _shift(ref, "weekend", 0 if future or ref.weekday() >= 5 else -1))
        res.value = res.value or _unknown_value(unit)
        return res
    res = _over_dct(ctx, lambda ref: _shift(ref, unit, offset), mod)
    if lead and res.interval is not None and ctx.dct is not None:
        # "earlier this month" ends at the DCT; "later this year" starts there
        if lead.startswith("earlier") and offset == 0:
            res.interval = DateInterval.between(res.interval.start, min(ctx.dct.end, res.interval.end))
        elif lead.startswith("later") and offset == 0:
            res.interval = DateInterval.between(max(ctx.dct.start, res.interval.start), res.interval.end)
    if res.value is None:
        res.value = _unknown_value(unit)
    return res


def _unknown_value(unit: str) -> str:
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "decade": "XXX",
        "century": "XX",
    }.get(unit, "XXXX")


def _from_anchor(
    ctx: _Ctx, start: int, unit: str, shift: Callable[[DateInterval], _Unit], mod: str | None = None
) -> _Res:
    """Anaphoric: relative to the last date mentioned at least as fine as `unit`; else the DCT."""
    finest = unit if unit in GRANULARITY_RANK else "day"
    anchor = ctx.last_anchor(start, finest)
    if anchor is not None:
        target = shift(anchor.unit.interval)
        return _Res(_apply_mod(target, mod), target.value, "narrative", mod=mod, unit=target)
    res = _over_dct(ctx, lambda ref: shift(DateInterval(ref, ref)), mod)
    if res.value is None:
        res.value = _unknown_value(unit)
    return res


def _ago(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'three days ago' (DCT), 'two days later' / 'a year earlier' (the last date, else the DCT)."""
    unit = _unit_name(m.group("u"))
    if unit in ("second", "minute", "hour"):
        unit, amount_scale = "day", 0
    else:
        amount_scale = 1
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    number_word = (m.group("n") or "").lower().strip()
    number_word = re.sub(r"\s+", " ", number_word)
    vague = VAGUE_NUMBERS.get(number_word) if number_word else (2, 9)
    amount = _number(number_word) if number_word and not vague else None
    approx = _approx_mod(ctx.text, m.start())
    step_unit, factor = {"fortnight": ("week", 2), "decade": ("year", 10), "century": ("year", 100)}.get(
        unit, (unit, 1)
    )
    if amount is not None and not float(amount).is_integer():
        amount = None
        vague = (1, 2)
    anaphoric = direction in ("later", "earlier", "after", "before", "prior")
    if amount is None:
        low, high = vague or (2, 9)
        return _vague_ago(ctx, start, step_unit, factor, sign, low, high, anaphoric, approx)
    n = int(amount) * factor * amount_scale * sign
    value_unit = unit if unit in ("decade", "century") else step_unit

    def shift(ref: dt.date) -> _Unit:
        base = _shift(ref, step_unit, n)
        if value_unit in ("decade", "century"):
            return _shift(base.interval.start, value_unit, 0)
        return base

    quarter = ctx.last_anchor(start, "quarter", same_paragraph=True) if step_unit == "year" else None
    if quarter is not None and quarter.unit.gran == "quarter" and n == -1:
        # "profit rose from $5 million a year ago": the same quarter a year before
        target = _shift(quarter.unit.interval.start, "quarter", -4)
        return _Res(target.interval, target.value, "narrative", unit=target, mod=approx)
    if anaphoric:
        res = _from_anchor(ctx, start, step_unit, lambda iv: shift(iv.start))
    else:
        res = _over_dct(ctx, shift)
        if res.value is None:
            res.value = _unknown_value(value_unit)
    res.mod = approx
    return res


def _vague_ago(
    ctx: _Ctx,
    start: int,
    unit: str,
    factor: int,
    sign: int,
    low: int,
    high: int,
    anaphoric: bool,
    approx: str | None,
) -> _Res:
    """'several days ago' -> PAST_REF with the bounded interval [DCT-9d, DCT-2d] (notes §7)."""
    value = "PAST_REF" if sign < 0 else "FUTURE_REF"
    anchor_day: dt.date | None = None
    anchor_kind = "dct"
    if anaphoric:
        anchor = ctx.last_anchor(start, "year")
        if anchor is not None:
            anchor_day, anchor_kind = anchor.unit.interval.start, "narrative"
    refs = [anchor_day] if anchor_day else ([ctx.dct.start, ctx.dct.end] if ctx.dct else [])
    if not refs:
        return _Res(None, value, "none", kind="ref", mod=approx)
    near = [_shift(r, unit, sign * low * factor).interval for r in refs]
    far = [_shift(r, unit, sign * high * factor).interval for r in refs]
    everything = near + far
    interval = DateInterval(min(i.start for i in everything), max(i.end for i in everything), "range")
    return _Res(interval, value, anchor_kind, kind="ref", mod=approx)


def _approx_mod(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 16) : pos].lower()
    if re.search(r"\b(?:about|around|some|roughly|approximately|nearly|almost|circa)\s+$", before):
        return "APPROX"
    if re.search(r"\b(?:more\s+than|over)\s+$", before):
        return "MORE_THAN"
    if re.search(r"\b(?:less\s+than|under|fewer\s+than)\s+$", before):
        return "LESS_THAN"
    return None


def _anaphoric(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'the next day', 'the following month', 'that year', 'the same day', 'the day before'."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    word = m.group("u").lower()
    pod = PARTS_OF_DAY.get(word)
    unit = "day" if pod else _unit_name(word)
    step = 1 if rel in ("the next", "the following", "the day after") else 0
    if rel in ("the previous", "the preceding", "the day before"):
        step = -1
    res = _from_anchor(ctx, start, unit, lambda iv: _shift(iv.start, unit, step))
    if pod:
        res.timex_type = "TIME"
        res.value = f"{res.value}T{pod}"
    return res


def _reference(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    word = re.sub(r"\s+", " ", m.group("t").lower())
    value = REFERENCE_WORDS[word]
    interval = None
    anchor = "none"
    if ctx.dct is not None and value == "PRESENT_REF":
        interval, anchor = ctx.dct, "dct"
    elif ctx.dct is not None and word in ("recently", "lately", "recent"):
        interval = DateInterval.between(ctx.dct.start - dt.timedelta(days=RECENTLY_DAYS), ctx.dct.end)
        anchor = "dct"
    return _Res(interval, value, anchor, kind="ref")


def _reference_ok(m: re.Match[str], text: str) -> bool:
    word = m.group("t").lower()
    after = _next_word(text, m.end("t"))
    if word == "now" and after == "defunct":
        return False
    if word == "the past" and re.match(r"\s+(?:of|is|was|has)\b", text[m.end("t") : m.end("t") + 6]):
        return False
    return not (word == "soon" and after in ("after", "as", "afterwards", "thereafter"))


def _duration(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    unit = _unit_name(m.group("u"))
    word = re.sub(r"\s+", " ", (m.group("n") or "").lower())
    if word in VAGUE_NUMBERS or not word:
        amount = None
    else:
        amount = _number(word)
        if amount is None:
            return None
    if word in ("a", "an") and re.search(
        r"(?:\d|million|billion|percent|%|cents?|dollars?|euros?|roubles?|rubles?|times|once|twice)\S*\s+$",
        ctx.text[max(0, start - 25) : start],
    ):
        # "$2 million a year", "four flights a week": a rate, i.e. a set of times
        return _Res(None, _duration_value(1, unit), "none", kind="set", timex_type="SET")
    return _Res(
        None,
        _duration_value(amount, unit),
        "none",
        kind="duration",
        timex_type="DURATION",
        mod=_approx_mod(ctx.text, start),
    )


def _duration_ok(m: re.Match[str], text: str) -> bool:
    """Not an age ('a 12-year-old'), a fraction ('three-quarters of'), an ordinal ('a second')."""
    tail = text[m.end() : m.end() + 8].lower()
    if re.match(r"[\s-]+old\b", tail):
        return False
    unit = m.group("u").lower()
    number_word = (m.group("n") or "").lower()
    if unit.startswith("quarter") and re.match(r"\s+of\b", tail):
        return False
    if unit == "second" and number_word in ("a", "an"):
        return False
    if unit[0] != m.group("u")[0]:
        return False  # "60 Minutes": a title
    if number_word in ("a", "an") and _prev_word(text, m.start()) in ("once", "twice", "times", "per"):
        return False
    return not (
        m.group("n")
        and re.fullmatch(r"\d+(?:\.\d+)?", m.group("n"))
        and re.search(r"[\d,.]$", text[max(0, m.start() - 1) : m.start()])
    )


def _bare_duration(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'for years', 'recent weeks', 'in the coming months': a duration of unknown length."""
    return _Res(
        None, _duration_value(None, _unit_name(m.group("u"))), "none", kind="duration", timex_type="DURATION"
    )


def _set(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    word = re.sub(r"\s+", " ", m.group("t").lower())
    fixed = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "nightly": "P1D",
        "quarterly": "P1Q",
    }
    if word in fixed:
        value = fixed[word]
    else:
        tail = word.split()[-1]
        if tail in WEEKDAYS:
            value = f"XXXX-WXX-{WEEKDAYS[tail] + 1}"
        elif tail in MONTHS:
            value = f"XXXX-{MONTHS[tail]:02d}"
        elif tail in SEASONS:
            value = f"XXXX-{SEASONS[tail]}"
        elif tail in PARTS_OF_DAY:
            value = f"XXXX-XX-XXT{PARTS_OF_DAY[tail]}"
        else:
            unit = _unit_name(tail)
            every_other = " other " in f" {word} "
            value = _duration_value(2 if every_other else 1, unit)
    return _Res(None, value, "none", kind="set", timex_type="SET")


def _clock(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'8 p.m.', '15:00 GMT Saturday': a time of day on the DCT's day (or the named day)."""
    hour = int(m.group("h"))
    minute = m.group("mi")
    ampm = (m.group("ap") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24:
        return None
    clock = f"T{hour:02d}:{minute}" if minute else f"T{hour:02d}"
    if m.group("wd"):
        weekday = _weekday_number(m.group("wd"))
        res = _over_dct(ctx, lambda ref: _day_unit(_closest_weekday(ref, weekday)))
    else:
        res = _over_dct(ctx, _day_unit)
    day_value = res.value or "XXXX-XX-XX"
    res.value = f"{day_value}{clock}"
    res.timex_type = "TIME"
    return res


def _named_hour(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """'noon Thursday', 'midnight Friday', 'at midday': a named hour on a day (TIMEX3 T12:00, T24)."""
    word = m.group("w").lower()
    clock = "T24" if word == "midnight" else "T12:00"
    if m.group("wd"):
        weekday = _weekday_number(m.group("wd"))
        future = ctx.tense(start, end) == "future"
        res = _over_dct(
            ctx,
            lambda ref: _day_unit(
                _weekday_after(ref, weekday, strictly=True)
                if future
                else _weekday_before(ref, weekday, False)
            ),
        )
    else:
        res = _over_dct(ctx, _day_unit)
    res.value = f"{res.value or 'XXXX-XX-XX'}{clock}"
    res.timex_type = "TIME"
    return res


def _named_hour_ok(m: re.Match[str], text: str) -> bool:
    """With a weekday, or after a preposition ('at midnight'); not 'high noon', 'Midnight Express'."""
    return bool(m.group("wd")) or _prev_word(text, m.start()) in (
        "at",
        "by",
        "until",
        "till",
        "before",
        "after",
    )


def _closest_weekday(ref: dt.date, weekday: int) -> dt.date:
    back = _weekday_before(ref, weekday, strictly=False)
    ahead = _weekday_after(ref, weekday, strictly=False)
    return back if (ref - back) <= (ahead - ref) else ahead


def _report_quarter(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    """Earnings-report quarters: 'the quarter', 'the latest quarter' (the quarter being
    reported: the last one mentioned, else the last one completed by the DCT), and
    'the year-earlier quarter' (that quarter a year before)."""
    phrase = m.group("t").lower()
    back = -4 if "year-" in phrase else 0
    anchor = ctx.last_anchor(start, "quarter")
    if anchor is not None and anchor.unit.gran == "quarter":
        target = _shift(anchor.unit.interval.start, "quarter", back)
        return _Res(target.interval, target.value, "narrative", unit=target)
    if back and anchor is not None and anchor.unit.gran == "year":
        target = _shift(anchor.unit.interval.start, "year", -1)
        return _Res(target.interval, target.value, "narrative", unit=target)
    res = _over_dct(ctx, lambda ref: _shift(ref, "quarter", back - 1))
    res.value = res.value or "XXXX-QX"
    return res


def _quarter_code(m: re.Match[str], ctx: _Ctx, start: int, end: int) -> _Res | None:
    code = m.group("q") or m.group("q2")
    year = int(m.group("y") or m.group("ry"))
    number = int(code[1])
    if code[0] == "H":
        return _explicit(_half_unit(year, number)) if number <= 2 else None
    return _explicit(_quarter_unit(year, number))


def _season_ok(m: re.Match[str], text: str) -> bool:
    """'spring' and 'fall' are also ordinary words: need a year, a modifier or 'in the'."""
    if m.group("y") or m.group("rel") or m.group("mod"):
        return not (
            m.group("s").lower() == "fall"
            and not m.group("y")
            and m.group("rel") is None
            and not m.group("mod")
        )
    word = m.group("s")
    if word[0].isupper() and re.search(r"[A-Z][a-z]+\s+$", text[max(0, m.start() - 15) : m.start()]):
        return False  # "Arab Spring", "Prague Spring"
    if word.lower() == "fall":
        return False
    if re.match(r"\s+(?:of|offensive|campaign|session|Olympics|Games)\b", text[m.end() : m.end() + 12]):
        return False
    return bool(
        re.search(
            r"(?i)\b(?:in|during|through|this|last|next|over|by|until|since)\s+(?:the\s+)?$",
            text[max(0, m.start() - 16) : m.start()],
        )
    )


def _quarter_ok(m: re.Match[str], text: str) -> bool:
    """'the first half of 2015', 'the third quarter', not 'the first half of the match'."""
    if m.group("y") or m.group("ry") or m.group("rely"):
        return True
    if m.group("ord").lower() == "last":
        return False  # "last quarter" is the previous quarter (relative_unit)
    return not re.match(r"\s+of\b", text[m.end() : m.end() + 4])


def _relative_unit_ok(m: re.Match[str], text: str) -> bool:
    rel = m.group("rel").lower()
    if rel == "the" and not m.group("mod") and m.group("u").lower() != "weekend":
        return False  # "the end of the year" yes, "the year" no
    # "that year's" is fine; "that week-long" / "the same year-on-year" are not
    if rel == "current" and m.group("u").lower() not in ("year", "month", "week", "quarter"):
        return False
    return not re.match(r"[\-]", text[m.end() : m.end() + 1])


def _ago_ok(m: re.Match[str], text: str) -> bool:
    direction = m.group("dir").lower()
    if re.match(r"\s+than\b", text[m.end() : m.end() + 6]):
        return False  # "a month earlier than usual": a duration compared, not a date
    if direction in ("before", "after") and not re.match(
        r"\s*(?:that|this|[,.;])", text[m.end() : m.end() + 6]
    ):
        return False  # "two years after the war" is relative to an event, not a date
    return bool(m.group("n")) or m.group("u").lower().endswith("s")


def _anaphoric_ok(m: re.Match[str], text: str) -> bool:
    rel = m.group("rel").lower()
    if rel == "that" and re.match(r"\s*(?:['’]s|of)\b", text[m.end() : m.end() + 4]) is None:
        return not re.search(r"(?i)\b(?:so|such|all)\s+$", text[max(0, m.start() - 8) : m.start()])
    return True


def _set_ok(m: re.Match[str], text: str) -> bool:
    word = m.group("t")
    return not (word[0].isupper() and word.lower() in ("daily", "weekly", "monthly"))


# --- the rule table ---------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
_REL_WORDS = r"(?i:last|next|this|coming|past|previous)"

RULES: list[_Rule] = [
    _Rule(
        "iso",
        _rx(r"""(?<![\d/.\-])(?P<y>(?:1\d|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])
        (?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d])"""),
        _iso_date,
    ),
    _Rule(
        "numeric",
        _rx(r"""(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)
        (?P<y>(?:1\d|20)\d\d)(?![\d/.]\d)"""),
        _numeric_date,
    ),
    _Rule(
        "mdy",
        _rx(rf"""{_WD_PREFIX}(?P<mon>{_MONTH})\s+(?P<d>{_DAY})
        (?:\s*(?:-|–|to)\s*(?P<d2>{_DAY}))?(?:,\s*|\s+|,)(?P<y>{_YEAR})"""),
        _full_date,
    ),
    _Rule(
        "dmy",
        _rx(rf"""{_WD_PREFIX}(?:(?i:the)\s+)?(?P<d>{_DAY})
        (?:\s*(?:-|–|and|to)\s*(?P<d2>{_DAY}))?\s+(?:(?i:of)\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})"""),
        _full_date,
    ),
    _Rule(
        "md",
        _rx(rf"""(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming))\s+)?{_WD_PREFIX}
        (?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:\s*(?:-|–|to)\s*(?P<d2>{_DAY}))?
        (?!\s*(?:%|percent|per\s+cent|[-–]?\s*(?:year|day|month|week|member|point|seat|strong)))"""),
        _month_day,
    ),
    _Rule(
        "dm",
        _rx(rf"""(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming))\s+)?{_WD_PREFIX}
        (?:(?i:the)\s+)?(?P<d>{_DAY})(?:\s*(?:-|–|and|to)\s*(?P<d2>{_DAY}))?\s+(?:(?i:of)\s+)?(?P<mon>{_MONTH})"""),
        _month_day,
    ),
    _Rule(
        "month_year",
        _rx(rf"""(?:(?P<mod>{_MOD})[\s\-]+)?(?P<mon>{_MONTH}),?\s+(?:(?i:of)\s+)?(?P<y>{_YEAR})"""),
        _month_year,
    ),
    _Rule(
        "month",
        _rx(rf"""(?:(?P<mod>{_MOD})[\s\-]+)?(?:(?P<rel>{_REL_WORDS})\s+)?(?P<mon>{_M_FULL})
        (?:,?\s+(?:(?i:of)\s+)?(?P<ry>(?i:this|last|next|the\s+same|that|the\s+following|the\s+previous))\s+(?i:year))?
        (?![\-'’]\w)"""),
        _bare_month,
        _bare_month_ok,
    ),
    _Rule(
        "year",
        _rx(rf"""(?:(?P<mod>{_MOD})[\s\-]+)?(?:(?i:fiscal(?:\s+year)?)\s+|FY\s?)?(?P<y>{_YEAR})
        (?!\s*(?:%|percent|per\s+cent))"""),
        _year,
        _year_ok,
    ),
    _Rule(
        "year_tail",
        _rx(r"""(?<![\d])(?P<first>(?:1\d|20)\d\d)[-–/](?P<t>\d\d)(?![\d]|-\d)"""),
        _year_tail,
        lambda m, t: 0 < int(m.group("t")) - int(m.group("first")) % 100 <= 10,
    ),
    _Rule(
        "decade",
        _rx(rf"""(?:(?i:the)\s+)?(?:(?P<mod>{_MOD})[\s\-]+)?
        (?:(?P<dec>1\d\d0|20\d0)['’]?s|['’](?P<dd>\d0)s|(?P<dw>(?i:{_alternation(DECADE_WORDS)})))(?![a-zA-Z])"""),
        _decade,
        lambda m, t: not m.group("dw") or m.group(0).lower().startswith("the"),
    ),
    _Rule(
        "century",
        _rx(rf"""(?:(?i:the)\s+)?(?:(?P<mod>{_MOD})[\s\-]+)?
        (?P<c>\d{{1,2}}(?:st|nd|rd|th)|(?i:{_alternation({k for k in ORDINALS if not k[0].isdigit()})}))
        [\s\-]+(?i:century)"""),
        _century,
    ),
    _Rule(
        "season",
        _rx(rf"""(?:(?P<mod>{_MOD})[\s\-]+)?(?:(?P<rel>{_REL_WORDS}|(?i:that|the\s+same))\s+)?
        (?:(?i:the)\s+)?(?P<s>(?i:spring|summer|autumn|fall|winter))(?![a-zA-Z])
        (?:\s+(?:(?i:of)\s+)?(?P<y>{_YEAR}))?"""),
        _season,
        _season_ok,
    ),
    _Rule(
        "quarter",
        _rx(rf"""(?:(?i:the)\s+)?(?:(?i:fiscal|calendar)\s+)?
        (?:(?P<ry>{_YEAR})['’]s\s+|(?P<rely>(?i:this|last|next)\s+year['’]s)\s+)?
        (?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[\s\-](?P<u>(?i:quarter|half))
        (?:\s+(?:(?i:of)\s+)?(?:(?i:the\s+)?(?i:fiscal\s+|calendar\s+)?(?i:year\s+)?)?(?P<y>{_YEAR}))?"""),
        _quarter,
        _quarter_ok,
    ),
    _Rule(
        "quarter_code",
        _rx(rf"""(?<![A-Za-z\d])(?:(?P<q>[QH][1-4])\s*(?P<y>{_YEAR})|(?P<ry>{_YEAR})\s*(?P<q2>[QH][1-4]))
        (?![A-Za-z\d])"""),
        _quarter_code,
    ),
    _Rule(
        "report_quarter",
        _rx(r"""(?P<t>(?i:the\s+(?:(?:latest|current|most\s+recent|recent|fiscal|same)\s+)?quarter
        |(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?))(?![a-zA-Z\-])"""),
        _report_quarter,
        lambda m, t: not re.match(r"\s+of\b", t[m.end() : m.end() + 4]),
    ),
    _Rule(
        "holiday",
        _rx(rf"""(?P<h>(?i:orthodox\s+)?Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Victory\s+Day)
        (?:,?\s+(?P<y>{_YEAR}))?"""),
        _holiday,
    ),
    _Rule(
        "today",
        _rx(r"""(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|
        tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))(?![a-zA-Z])
        (?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?"""),
        _today_like,
        _today_ok,
    ),
    _Rule(
        "weekday",
        _rx(rf"""(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+)?
        (?P<wd>{_WD_FULL})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?"""),
        _weekday,
        _weekday_ok,
    ),
    _Rule(
        "relative_unit",
        _rx(rf"""(?:(?P<lead>(?i:earlier|later)(?:\s+(?i:in|on))?)\s+)?
        (?:(?P<mod>{_MOD})[\s\-]+)?(?:(?i:the)\s+)?
        (?P<rel>(?i:last|this|next|coming|past|previous|preceding|current|following|same|that|the))\s+
        (?P<u>(?i:week|weekend|month|quarter|year|decade|century))(?![a-zA-Z])"""),
        _relative_unit,
        _relative_unit_ok,
    ),
    _Rule(
        "ago",
        _rx(rf"""(?:(?P<n>{_NUM})[\s\-]+)?(?:(?i:more|full)\s+)?(?P<u>{_UNIT})[\s,]+
        (?P<dir>(?i:ago|earlier|later|from\s+now|hence|before|after|prior)(?![a-zA-Z]))"""),
        _ago,
        _ago_ok,
    ),
    _Rule(
        "anaphoric",
        _rx(r"""(?P<rel>(?i:the\s+next|the\s+following|the\s+previous|the\s+preceding|
        the\s+(?:very\s+)?same|that))\s+
        (?P<u>(?i:day|morning|afternoon|evening|night|week|weekend|month|year))(?![a-zA-Z])"""),
        _anaphoric,
        _anaphoric_ok,
    ),
    _Rule(
        "reference",
        _rx(rf"""(?<![A-Za-z])(?P<t>(?i:{_alternation(REFERENCE_WORDS)}))(?![a-zA-Z])"""),
        _reference,
        _reference_ok,
    ),
    _Rule(
        "duration",
        _rx(rf"""(?<![\w\-])(?:(?P<pre>(?i:(?:the\s+)?(?:past|last|next|first|coming|previous|
        following|final|initial|latest)|another))\s+)?
        (?P<n>{_NUM})[\s\-]+(?:(?i:more|full|straight|consecutive)\s+)?(?P<u>{_UNIT})(?:-long)?(?![a-zA-Z])"""),
        _duration,
        _duration_ok,
    ),
    _Rule(
        "bare_duration",
        _rx(r"""(?:(?P<lead>(?i:for|over|within|in))\s+)?
        (?P<t>(?:(?P<pre>(?i:recent|the\s+(?:past|last|next|coming)))\s+)?
        (?P<u>(?i:days|weeks|months|years|decades|centuries|hours)))(?![a-zA-Z])"""),
        _bare_duration,
        lambda m, t: bool(m.group("pre") or (m.group("lead") and m.group("lead").lower() != "in")),
    ),
    _Rule(
        "set",
        _rx(rf"""(?P<t>(?i:(?:every|each|per)\s+(?:other\s+)?
        (?:day|week|month|year|quarter|morning|evening|night|spring|summer|autumn|winter|
        {_alternation(WEEKDAYS)}|{_alternation(MONTHS)})|(?:once|twice|three\s+times)\s+(?:a|per)\s+
        (?:day|week|month|year)|daily|weekly|monthly|annually|yearly|hourly|nightly))(?![a-zA-Z])"""),
        _set,
        _set_ok,
    ),
    _Rule(
        "clock",
        _rx(rf"""(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*
        (?:(?P<ap>(?i:a\.m\.|p\.m\.|am|pm)(?![a-zA-Z]))(?:\s*(?:GMT|UTC|EST|EDT|CET|MSK|\((?:local|Moscow)\s+time\)))?
        |(?P<tz>GMT|UTC|EST|EDT|CET|MSK|(?i:local\s+time|Moscow\s+time)))
        (?:,?\s+(?:(?i:on)\s+)?(?P<wd>{_WD_FULL}))?"""),
        _clock,
        lambda m, t: bool(m.group("mi") or m.group("ap")),
    ),
    _Rule(
        "named_hour",
        _rx(rf"""(?P<w>(?i:noon|midnight|midday))(?![a-zA-Z])(?:,?\s+(?:(?i:on)\s+)?(?P<wd>{_WD_FULL}))?"""),
        _named_hour,
        _named_hour_ok,
    ),
]


# The words a match of each rule can begin with ('#' = a number, "'" = "'90s"): the index
# that decides which rules are tried where. A rule whose pattern gains a new opening word
# must list it here.
_MONTH_WORDS = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS) | frozenset(WEEKDAY_ABBREVIATIONS)
_MOD_FIRST = frozenset({"early", "mid", "middle", "late", "the"})
_REL_FIRST = frozenset({"last", "next", "this", "coming", "past", "previous"})
_NUMBER_FIRST = frozenset(w.split()[0] for w in list(NUMBER_WORDS) + list(VAGUE_NUMBERS)) | frozenset(
    {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)
_UNIT_WORDS = frozenset(
    {
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "night",
        "nights",
        "week",
        "weeks",
        "fortnight",
        "fortnights",
        "month",
        "months",
        "quarter",
        "quarters",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "weekend",
        "weekends",
    }
)
_ORDINAL_FIRST = frozenset(w.split("-")[0] for w in ORDINALS if not w[0].isdigit())
_DIGIT = frozenset({"#"})
RULE_FIRST_WORDS: dict[str, frozenset[str]] = {
    "iso": _DIGIT,
    "numeric": _DIGIT,
    "mdy": _MONTH_WORDS | _WEEKDAY_WORDS,
    "dmy": _DIGIT | _WEEKDAY_WORDS | {"the"},
    "md": _MONTH_WORDS | _WEEKDAY_WORDS | {"last", "next", "this", "coming"},
    "dm": _DIGIT | _WEEKDAY_WORDS | {"the", "last", "next", "this", "coming"},
    "month_year": _MONTH_WORDS | _MOD_FIRST,
    "month": frozenset(MONTHS) | _MOD_FIRST | _REL_FIRST,
    "year": _DIGIT | _MOD_FIRST | {"fiscal", "fy"},
    "year_tail": _DIGIT,
    "decade": _DIGIT | _MOD_FIRST | frozenset(DECADE_WORDS) | {"'"},
    "century": _DIGIT | _MOD_FIRST | _ORDINAL_FIRST,
    "season": frozenset(SEASONS) | _MOD_FIRST | _REL_FIRST | {"that"},
    "quarter": _DIGIT | _ORDINAL_FIRST | {"the", "fiscal", "calendar", "this", "last", "next", "final"},
    "quarter_code": _DIGIT | {"q", "h"},
    "report_quarter": frozenset({"the", "year"}),
    "holiday": frozenset({"christmas", "new", "victory", "orthodox"}),
    "today": frozenset({"the", "yesterday", "today", "tomorrow", "tonight", "last", "this"}),
    "weekday": frozenset(WEEKDAYS) | _REL_FIRST,
    "relative_unit": _MOD_FIRST
    | _REL_FIRST
    | {"earlier", "later", "current", "following", "same", "that", "preceding"},
    "ago": _DIGIT | _NUMBER_FIRST | _UNIT_WORDS,
    "anaphoric": frozenset({"the", "that"}),
    "reference": frozenset(w.split()[0] for w in REFERENCE_WORDS),
    "duration": _DIGIT
    | _NUMBER_FIRST
    | {
        "the",
        "past",
        "last",
        "next",
        "first",
        "coming",
        "previous",
        "following",
        "final",
        "initial",
        "latest",
        "another",
        "over",
    },
    "bare_duration": _UNIT_WORDS | {"for", "over", "within", "in", "recent", "the"},
    "set": frozenset(
        {
            "every",
            "each",
            "per",
            "once",
            "twice",
            "three",
            "daily",
            "weekly",
            "monthly",
            "annually",
            "yearly",
            "hourly",
            "nightly",
        }
    ),
    "clock": _DIGIT,
    "named_hour": frozenset({"noon", "midnight", "midday"}),
}

# The word every match of a rule must contain (its core), by category: a rule is tried at a
# position only when such a word follows within MAX_MATCH_CHARS.
MAX_MATCH_CHARS = 64
CORE_WORDS: dict[str, frozenset[str]] = {
    "number": _DIGIT,
    "month": _MONTH_WORDS,
    "weekday": _WEEKDAY_WORDS,
    "unit": _UNIT_WORDS,
    "season": frozenset(SEASONS),
    "decade": frozenset(DECADE_WORDS) | {"'"},
    "century": frozenset({"century"}),
    "quarter": frozenset({"quarter", "half", "quarters", "q", "h", "year", "period"}),
    "holiday": frozenset({"christmas", "year", "day"}),
    "deictic": frozenset(
        {"yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening"}
    ),
    "direction": frozenset({"ago", "earlier", "later", "from", "hence", "before", "after", "prior"}),
    "reference": frozenset(w.split()[-1] for w in REFERENCE_WORDS),
    "set": frozenset(RULE_FIRST_WORDS["set"]),
    "clock": frozenset(
        {"am", "pm", "a", "p", "gmt", "utc", "est", "edt", "cet", "msk", "time", "noon", "midnight", "midday"}
    ),
}
RULE_CORES: dict[str, tuple[str, ...]] = {
    "iso": ("number",),
    "numeric": ("number",),
    "mdy": ("month",),
    "dmy": ("month",),
    "md": ("month",),
    "dm": ("month",),
    "month_year": ("month",),
    "month": ("month",),
    "year": ("number",),
    "year_tail": ("number",),
    "decade": ("number", "decade"),
    "century": ("century",),
    "season": ("season",),
    "quarter": ("quarter",),
    "quarter_code": ("quarter",),
    "report_quarter": ("quarter",),
    "holiday": ("holiday",),
    "today": ("deictic",),
    "weekday": ("weekday",),
    "relative_unit": ("unit",),
    "ago": ("direction",),
    "anaphoric": ("unit", "deictic"),
    "reference": ("reference",),
    "duration": ("unit",),
    "bare_duration": ("unit",),
    "set": ("set",),
    "clock": ("clock",),
    "named_hour": ("clock",),
}


# ======================================================================================
# Finding and resolving
# ======================================================================================

_PARAGRAPH = re.compile(r"\n\s*\n")
_SIGNAL = re.compile(
    r"(?i)\b(since|from|after|starting(?:\s+(?:in|on|from))?|beginning(?:\s+(?:in|on))?|as\s+from|between|"
    r"until|till|til|through|by|before|up\s+to|prior\s+to|no\s+later\s+than|not\s+later\s+than|ending|to|and)"
    r"\s+(?:(?:in|on|the|early|mid|late)\s+)?$"
)
_NOT_UNTIL = re.compile(r"(?i)\b(?:not|n't|n’t|never)\b[^.;!?]*\b(?:until|till|til)\s+(?:\w+\s+)?$")
_REDUNDANT_GAP = re.compile(r"^\s*(?:[,:(\-–—]\s*)+(?:(?:i\.e\.|that\s+is|namely|on|in)\s*)?$")
REDUNDANT_MAX_DAYS = 31  # restatements are of a day, week or month ("two days ago - on October 9")
_CALENDAR_WORDS = re.compile(rf"{_MONTH}|\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}")


def _candidates(text: str) -> list[tuple[int, int, int, _Rule, re.Match[str]]]:
    """Every rule's matches, tried only at word starts whose word can begin that rule.

    Anchored `match` at a few hundred positions is an order of magnitude faster than
    `finditer` over the whole text for patterns that open with optional groups, and it
    finds a longer match even where a shorter one of the same rule starts earlier.
    """
    tokens = []
    cores: dict[str, list[int]] = {}
    for token in _TOKEN.finditer(text):
        word = token.group()
        key = "#" if word[0].isdigit() else ("'" if word in ("'", "’") else word.lower())
        tokens.append((token.start(), key))
        for category in _CORE_CATEGORY.get(key, ()):
            cores.setdefault(category, []).append(token.start())
    found = []
    for pos, key in tokens:
        near: dict[tuple[str, ...], bool] = {}  # rules share core categories: look each up once
        for priority in _RULES_BY_FIRST_WORD.get(key, ()):
            rule = RULES[priority]
            categories = RULE_CORES[rule.name]
            if categories not in near:
                near[categories] = _core_near(cores, categories, pos)
            if not near[categories]:
                continue
            m = rule.pattern.match(text, pos)
            if m is None or m.end() == m.start() or (rule.check and not rule.check(m, text)):
                continue
            start, end = _span(m)
            found.append((start, end, priority, rule, m))
    return found


def _core_near(cores: dict[str, list[int]], categories: tuple[str, ...], pos: int) -> bool:
    """Is a word of one of `categories` within the longest match length after `pos`?"""
    for category in categories:
        positions = cores.get(category)
        if positions:
            i = bisect.bisect_left(positions, pos)
            if i < len(positions) and positions[i] <= pos + MAX_MATCH_CHARS:
                return True
    return False


def _index_cores() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for category, words in CORE_WORDS.items():
        for word in words:
            index.setdefault(word, []).append(category)
    return {word: tuple(categories) for word, categories in index.items()}


def _index_rules() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for priority, rule in enumerate(RULES):
        for word in RULE_FIRST_WORDS[rule.name]:
            index.setdefault(word, []).append(priority)
    return {word: tuple(priorities) for word, priorities in index.items()}


_TOKEN = re.compile(r"[A-Za-z]+|\d+|['’](?=\d)")
_RULES_BY_FIRST_WORD = _index_rules()
_CORE_CATEGORY = _index_cores()


def _select(
    found: list[tuple[int, int, int, _Rule, re.Match[str]]],
) -> list[tuple[int, int, _Rule, re.Match[str]]]:
    """Longest first (ties: the earlier rule); keep those that overlap nothing kept."""
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    starts: list[int] = []  # kept spans, sorted by start; they never overlap
    ends: list[int] = []
    chosen = []
    for start, end, _priority, rule, m in found:
        i = bisect.bisect_left(starts, start)
        if (i < len(starts) and starts[i] < end) or (i > 0 and ends[i - 1] > start):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """No leading/trailing whitespace or possessive in the extent."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _signal(text: str, start: int, previous: Timex | None) -> tuple[str | None, str | None]:
    """The bound word before a date: ('since', 'since') / ('until', 'by') / (None, None)."""
    m = _SIGNAL.search(text[max(0, start - 30) : start])
    if not m:
        return None, None
    word = re.sub(r"\s+", " ", m.group(1).lower())
    head = word.split()[0]
    if word in ("to", "and"):
        # "from 1992 to 2008", "between 2008 and 2012": an end bound only after a start bound
        if previous is not None and previous.kind == "since" and start - previous.end <= 12:
            return "until", word
        return None, None
    if head in SINCE_SIGNALS or word in SINCE_SIGNALS:
        return "since", word
    if head in UNTIL_SIGNALS or word in UNTIL_SIGNALS:
        if word in ("until", "till", "til") and _NOT_UNTIL.search(text[max(0, start - 90) : start]):
            return None, word  # "did not recognise it until 26 August 2008": it happened then
        return "until", word
    return None, None


def find_timexes(text: str, dct: DateInterval | None = None) -> list[Timex]:
    """All time expressions in `text`, sorted and non-overlapping, resolved against `dct`."""
    ctx = _Ctx(text, dct, paragraph_starts=[m.end() for m in _PARAGRAPH.finditer(text)])
    out: list[Timex] = []
    for start, end, rule, m in _select(_candidates(text)):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        res = rule.resolve(m, ctx, start, end)
        if res is None:
            continue
        timex = Timex(
            start,
            end,
            text[start:end],
            res.interval,
            res.kind,
            res.anchor,
            res.value,
            res.mod,
            res.timex_type,
            res.conflict,
        )
        if timex.kind == "date":
            kind, word = _signal(text, start, out[-1] if out else None)
            timex.signal = word
            if kind and not (word in CLOSED_RANGE_OPENERS and m.groupdict().get("d2")):
                timex.kind = kind
            # else "from 3 to 6 May", "between 3 and 6 May": the whole span is the date
        out.append(timex)
        if res.unit is not None and res.interval is not None and timex.kind in ("date", "since", "until"):
            explicit = res.anchor == "explicit" and timex.kind == "date"
            ctx.anchors.append(_Anchor(end, res.unit, ctx.paragraph(start), explicit))
    _mark_redundant_conflicts(text, out)
    return out


def _is_calendar(timex: Timex) -> bool:
    """Names calendar fields (a month or a year), rather than counting from a reference."""
    return bool(_CALENDAR_WORDS.search(timex.text))


def cue_conflict(a: Timex, b: Timex) -> str | None:
    """Why two timexes that should name the same time do not, or None when they agree."""
    if a.interval is None or b.interval is None or a.interval.overlaps(b.interval):
        return None
    first, second = sorted((a.interval, b.interval), key=lambda iv: iv.start)
    gap = (second.start - first.end).days
    relative, explicit = (a, b) if _is_calendar(b) and not _is_calendar(a) else (b, a)
    return (
        f"'{relative.text}' gives {relative.interval} but '{explicit.text}' gives {explicit.interval} "
        f"({gap} day{'s' if gap != 1 else ''} apart); the explicit date is kept"
    )


def _mark_redundant_conflicts(text: str, timexes: list[Timex]) -> None:
    """'approved two days ago - on October 9': adjacent restatements are cross-checked."""
    for left, right in itertools.pairwise(timexes):
        gap = text[left.end : right.start]
        if len(gap) > 8 or not _REDUNDANT_GAP.match(gap):
            continue
        if left.kind in ("duration", "set") or right.kind in ("duration", "set"):
            continue
        if _is_calendar(left) == _is_calendar(right):
            continue
        if any(t.interval is None or t.interval.width_days > REDUNDANT_MAX_DAYS for t in (left, right)):
            continue
        reason = cue_conflict(left, right)
        if reason:
            relative = right if _is_calendar(left) else left
            relative.conflict = reason


def resolve_expression(expr: str, dct: DateInterval | None = None) -> DateInterval | None:
    """The interval of the (first, longest) time expression in `expr`, or None."""
    timexes = [t for t in find_timexes(expr, dct) if t.interval is not None]
    if not timexes:
        return None
    return max(timexes, key=lambda t: t.end - t.start).interval


__all__ = ["Timex", "cue_conflict", "find_timexes", "resolve_expression"]
