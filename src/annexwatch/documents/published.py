"""Infer when a document was published, as an interval, and say which cue set each bound.

Cues, strongest first:

1. metadata (front matter, sidecar): taken as is;
2. a byline or dateline near the top: "Apr 15, 2022", "STEPANAKERT, 9 June 2021 (Agency).",
   "Tiraspol, 2 September 2020."; a byline without a year ("Monday, October 14") gets
   the year its weekday allows among the years the content allows; then a day in the
   article's address (".../2014/03/18/...", ".../crimea-20140318.html");
3. otherwise a range: from the latest date the article mentions as past (deadlines and
   plans such as "by 30 June 2026" or "the 2020 budget" do not count) up to `today`;
4. the terms of office of people named with their titles ("President Anatoly Bibilov")
   narrow the range; "former President X" does not;
5. a year or month in the article's address (".../sitemap/2002/7/...") narrows it;
6. finally, weekday-dated references ("Last Friday, June 12") and year-less past
   dates ("On 9 November the council passed ...") narrow it further, and so does a
   headline in the present tense ("Leaders Sign Treaty") whose news the article dates to a
   day ("the accord was signed ... on 15 December"): a headline tells the news of the day, so the
   article appeared that day or the next.

Nothing here invents a day: without a byline the answer is a range, and without any lower
cue at all it is None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from annexwatch.models import DateInterval
from annexwatch.nlp.timex import WEEKDAYS, Timex, find_timexes

# ======================================================================================
# Data
# ======================================================================================

HEAD_LINES = 15  # a byline or dateline sits within the first lines ...
HEAD_CHARS = 600  # ... and characters of the text
BYLINE_MAX_OTHER_CHARS = 45
BYLINE_MAX_LINE_CHARS = 120  # a byline line holds little besides its date ("By X | Apr 15, 2022")
# Words that introduce a byline date.
BYLINE_WORDS = re.compile(
    r"(?i)\b(?:published|posted|updated|last\s+updated|date|dated|first\s+published|released|issued)\b"
)
# "STEPANAKERT, 9 June 2021 (Agency)." / "Tiraspol, 2 September 2020." / "SUKHUMI, Abkhazia, May 3 -"
DATELINE = re.compile(r"^\s*[A-Z][A-Za-z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,30})?,\s*$")
# A mention after these (same clause) is a plan or deadline, not the past of the writer.
FORWARD_BEFORE = re.compile(
    r"(?i)\b(?:will|shall|'ll|’ll|would|is\s+to|are\s+to|to\s+be|is\s+due|are\s+due|due\s+to|planned|plans?|"
    r"planning|scheduled|expected|intends?|next|upcoming|deadline|valid|expires?|"
    r"come\s+into\s+force|take\s+effect|takes\s+effect|projected|forecasts?|targets?|aims?\s+to|"
    r"should|must|could|might)\b[^;!?]*$"
)
# A plain future before a date: what the writer still has ahead ("elections are due in June
# 2024", "will sign the treaty on 3 May 2021"); no past or conditional word may come between.
# The date must be the future word's own: no clause may open between them ("will sign it,
# after talks that began in 2020").
AHEAD_BEFORE = re.compile(
    r"(?i)\b(?:will|shall|is\s+due|are\s+due|is\s+scheduled|are\s+scheduled|is\s+expected|are\s+expected|"
    r"is\s+set\s+to|are\s+set\s+to|is\s+planned|are\s+planned|upcoming|forthcoming)\b"
    r"(?![^,;:!?]*\b(?:that|which|who|whom|whose|after|before|since|when|while|because|although|and|but|or|"
    r"was|were|had|would|did|ago|last)\b)[^,;:!?]*$"
)
AHEAD_REACH = 60  # characters between the future word and its date
# A year right before these nouns names a plan period ("the 2020 budget"), not a past event.
FORWARD_AFTER = re.compile(
    r"^\W{0,3}(?:state\s+|federal\s+|draft\s+|fiscal\s+|investment\s+)?"
    r"(?i:budget|target|plan|programme|program|forecast|deadline|strategy)\b"
)
PAST_TENSE_CLUE = re.compile(
    r"(?i)\b(?:was|were|had|did|has|have|ago|last|earlier|already)\b|\b[a-z]{3,}ed\b"
)
FORMER_BEFORE_TITLE = re.compile(r"(?i)\b(?:former|ex|then|late|erstwhile|one-time|onetime)[\s\-–]*$")
TODAY_CUE = "upper: today"
YEARLESS_REACH = dt.timedelta(days=365)  # a date given without its year lies within a year before writing
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“‘(])|\n")
# Dates in an article's address, as news sites write them: /2014/03/18/, /2014-03-18-,
# -20140318., /2002/7/ (a month archive), /2014/ (a year folder).
URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([/_-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)")
URL_COMPACT_DAY = re.compile(r"(?<=[/_-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?=/|$)")
URL_YEAR = re.compile(r"/((?:19|20)\d\d)(?=/)")
# A headline tells the news of the day: the article appeared the day it dates or the next.
HEADLINE_NEWS_DAYS = 1
# Past forms that "-ed" misses, for telling a past clause ("Lavrov told ...", "the vote held on").
IRREGULAR_PAST = frozenset(
    {
        "said", "told", "met", "held", "took", "gave", "made", "began", "won", "went", "came", "became",
        "left", "led", "sent", "spoke", "wrote", "broke", "chose", "fought", "fell", "rose", "drew",
        "withdrew", "undertook", "overtook", "sought", "brought", "bought", "thought", "found", "lost",
        "paid", "struck", "stood", "kept", "saw", "knew", "grew", "threw", "flew", "ran", "sat",
    }
)
# Irregular forms of the trigger verbs a headline may use, for finding its news in the text.
IRREGULAR_FORMS = {
    "withdraw": ("withdrew", "withdrawn"),
    "break": ("broke", "broken"),
    "meet": ("met",),
    "send": ("sent",),
    "give": ("gave", "given"),
    "lend": ("lent",),
    "fight": ("fought",),
    "begin": ("began", "begun"),
    "hold": ("held",),
    "set": ("set",),
    "cut": ("cut",),
    "strike": ("struck",),
}


# ======================================================================================
# Records
# ======================================================================================


@dataclass
class OfficeTerm:
    """A person holding an office over a term; the actor pack builds these from its YAML."""

    person: str  # canonical name, e.g. "Anatoly Bibilov"
    aliases: list[str]  # surface names, e.g. ["Bibilov", "Anatoly Bibilov"]
    titles: list[str]  # title words that may precede the name, e.g. ["President", "leader"]
    start: dt.date
    end: dt.date | None  # None = still in office


@dataclass
class PublishedInference:
    interval: DateInterval | None
    cues: list[str] = field(default_factory=list)  # which cue set each bound, and any conflict


# ======================================================================================
# Inference
# ======================================================================================


def infer_published(
    text: str,
    metadata_published: DateInterval | None = None,
    *,
    terms: Sequence[OfficeTerm] = (),
    today: dt.date | None = None,
    entities: Sequence[tuple[str, dt.date]] = (),
    title: str | None = None,
    url: str | None = None,
    news_verbs: Collection[str] = (),
) -> PublishedInference:
    """The publication date of `text` as an interval, with the cues that bound it.

    `entities` are (name as written, date it came into being) of organisations the text
    names whose very names are new ("the EU" 1993): the weakest lower bound, used only
    when the text gives no past date at all. `news_verbs` are the lemmas of verbs that
    report an event ("sign", "recognise"): a headline in the present tense with one of them
    tells the article's news.
    """
    if metadata_published is not None:
        return PublishedInference(metadata_published, ["metadata"])
    today = today or dt.date.today()
    timexes = find_timexes(text)
    past = _past_mentions(text, timexes, today)
    latest = max(past, key=lambda t: t.interval.start) if past else None  # type: ignore[union-attr]
    address = _url_date(url, today)

    byline = _byline(text, timexes, latest, today)
    if byline is None and address is not None and address[0].precision == "day":
        byline = PublishedInference(address[0], [f"address date {address[1]!r} in the URL"])
    if byline is not None:
        byline.cues.extend(_byline_conflicts(byline.interval, latest))
        byline.cues.extend(_term_conflicts(text, terms, byline.interval, today))
        return byline

    cues: list[str] = []
    low: dt.date | None = None
    low_strength = 0  # 2 = explicit dates, 1 = weaker (forward-looking years, terms)
    if latest is not None:
        low, low_strength = latest.interval.start, 2  # type: ignore[union-attr]
        cues.append(f"lower: latest date mentioned {latest.text!r}")
    else:
        forward = _forward_floor(text, timexes, today)
        if forward is not None:
            low, low_strength = forward[0], 1
            cues.append(forward[1])
    if low is None and entities:
        name, founded = max(entities, key=lambda e: e[1])
        low, low_strength = founded, 1
        cues.append(f"lower: names {name!r}, which exists since {founded.isoformat()}")
    high = today
    cues.append(TODAY_CUE)
    ahead = _earliest_ahead(text, timexes, today)
    if ahead is not None and (low is None or ahead.interval.end >= low):  # type: ignore[union-attr]
        high = ahead.interval.end  # type: ignore[union-attr]
        cues.append(f"upper: {ahead.text!r} is still ahead")

    low, high = _apply_terms(text, terms, low, high, low_strength, today, cues)
    if address is not None:
        low, high = _apply_address(address, low, high, cues)
    if low is None:
        cues.append("no lower bound: no past date, byline or titled office-holder")
        return PublishedInference(None, cues)
    low, high = _apply_relative_cues(text, timexes, low, high, cues)
    if title:
        low, high = _apply_headline(title, text, timexes, low, high, news_verbs, cues)
    return PublishedInference(DateInterval.between(low, high), cues)


# --- the article's address ---------------------------------------------------------------


def _url_date(url: str | None, today: dt.date) -> tuple[DateInterval, str] | None:
    """The date a news site wrote into the article's address: a day, a month archive or a year folder."""
    if not url:
        return None
    path = urlsplit(url).path
    found: tuple[DateInterval, str] | None = None
    for pattern in (URL_DAY, URL_COMPACT_DAY):
        m = pattern.search(path)
        if m:
            year, month, day = int(m.group(1)), int(m.groups()[-2]), int(m.groups()[-1])
            try:
                found = DateInterval.day(year, month, day), m.group(0)
            except ValueError:
                continue
            break
    if found is None and (m := URL_MONTH.search(path)):
        found = DateInterval.month(int(m.group(1)), int(m.group(2))), m.group(0)
    if found is None and (m := URL_YEAR.search(path)):
        found = DateInterval.year(int(m.group(1))), m.group(0)
    if found is None or found[0].start > today:
        return None
    return found


def _apply_address(
    address: tuple[DateInterval, str], low: dt.date | None, high: dt.date, cues: list[str]
) -> tuple[dt.date | None, dt.date]:
    """A month or year in the address narrows the range; against the article's own dates it
    gives way (a section archive may be dated otherwise), and says so."""
    interval, written = address
    if (low is not None and interval.end < low) or interval.start > high:
        cues.append(f"conflict: the address date {written!r} lies outside the range; the dates are kept")
        return low, high
    if low is None or interval.start > low:
        low = interval.start
        cues.append(f"lower: address date {written!r} in the URL")
    if interval.end < high:
        high = interval.end
        cues.append(f"upper: address date {written!r} in the URL")
    return low, high


# --- the headline ------------------------------------------------------------------------


def _apply_headline(
    title: str,
    text: str,
    timexes: list[Timex],
    low: dt.date,
    high: dt.date,
    news_verbs: Collection[str],
    cues: list[str],
) -> tuple[dt.date, dt.date]:
    """'Nauru and Abkhazia Sign Visa Accord' over '... the accord was signed in Sukhum by the
    foreign minister of Nauru on 15 December': the headline's news is dated 15 December, so
    the article appeared on 15 or 16 December.

    The news must be found in the text: a sentence with a form of the headline's verb, a
    name of the headline, and one day it can be; every such sentence must agree on the day.
    """
    headline_words = re.findall(r"[A-Za-z][A-Za-z\-]*", title)
    verbs = [lemma for lemma in news_verbs if any(_present_form(w.lower(), lemma) for w in headline_words)]
    if not verbs:
        return low, high
    names = {w.lower() for w in headline_words if w[:1].isupper() and w.lower() not in CALENDAR_WORDS}
    forms = re.compile(
        r"(?i)\b(?:" + "|".join(re.escape(f) for v in verbs for f in _verb_forms(v)) + r")\b"
    )
    body_start = len(title) if text.startswith(title) else 0
    days: dict[dt.date, str] = {}
    for start, end in _sentences(text, body_start):
        sentence = text[start:end]
        if not forms.search(sentence) or not _shares_a_name(sentence, names):
            continue
        here = set()
        earliest = low - dt.timedelta(days=HEADLINE_NEWS_DAYS)
        for timex in timexes:
            if start <= timex.start and timex.end <= end and not _forward_looking(text, timex):
                here |= {(d, timex.text) for d in _possible_days(timex, earliest, high)}
        if len({d for d, _ in here}) == 1:
            day, written = here.pop()
            days[day] = written
    if len(days) != 1:
        return low, high
    (day, written), = days.items()
    new_low, new_high = max(low, day), min(high, day + dt.timedelta(days=HEADLINE_NEWS_DAYS))
    if new_low > new_high:
        return low, high
    cues.append(
        f"headline {title!r} reports news dated {written!r} ({day}): published that day or the next"
    )
    return new_low, new_high


CALENDAR_WORDS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september"),
        *("october", "november", "december", "monday", "tuesday", "wednesday", "thursday"),
        *("friday", "saturday", "sunday"),
    }
)


def _present_form(word: str, lemma: str) -> bool:
    """'sign', 'signs', 'recognises', 'withdraws': a headline's present tense of the lemma."""
    return word in {lemma, lemma + "s", lemma + "es"} or (lemma.endswith("y") and word == lemma[:-1] + "ies")


def _verb_forms(lemma: str) -> set[str]:
    """Every written form of a verb, regular morphology plus the irregular table."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", *IRREGULAR_FORMS.get(lemma, ())}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):  # "ban" -> "banned"
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _shares_a_name(sentence: str, names: set[str]) -> bool:
    """A capitalised word of the sentence (a name, not its first word) that the headline has too."""
    words = re.findall(r"[A-Za-z][A-Za-z\-]*", sentence)
    return any(w[:1].isupper() and w.lower() in names for w in words[1:])


def _sentences(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The sentences of text[start:], cut where `_sentence_bounds` cuts them (SENTENCE_END)."""
    for m in [*SENTENCE_END.finditer(text, start), None]:
        end = m.start() + 1 if m is not None else len(text)
        if text[start:end].strip():
            yield start, end
        if m is not None:
            start = m.end()


def _possible_days(timex: Timex, low: dt.date, high: dt.date) -> list[dt.date]:
    """The days between low and high that a day-precision expression can be."""
    if timex.kind != "date":
        return []
    if timex.interval is not None:
        if timex.interval.precision != "day" or not low <= timex.interval.start <= high:
            return []
        return [timex.interval.start]
    yearless = _yearless_day(timex)
    return _occurrences(*yearless, low, high) if yearless else []


def _yearless_day(timex: Timex) -> tuple[int, int] | None:
    """(month, day) of a day the text gives without its year ("18 March"), else None."""
    if timex.interval is not None or not re.match(r"XXXX-\d\d-\d\d$", timex.value or ""):
        return None
    month, day = (int(x) for x in (timex.value or "").split("-")[1:3])
    return month, day


# --- step 3: what the article mentions as past -------------------------------------------


def _past_mentions(text: str, timexes: list[Timex], today: dt.date) -> list[Timex]:
    """Explicit dates (with their year) the writer refers to as past or present."""
    out = []
    for timex in timexes:
        if timex.interval is None or timex.anchor != "explicit" or timex.kind not in ("date", "since"):
            continue
        if timex.interval.start > today or _forward_looking(text, timex):
            continue
        out.append(timex)
    return out


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): '.' ends one only before a space and a capital."""
    left = text[max(0, start - 300) : start]
    cuts = [m.end() for m in SENTENCE_END.finditer(left)]
    sentence_start = max(0, start - 300) + (cuts[-1] if cuts else 0)
    right = SENTENCE_END.search(text, end, min(len(text), end + 300))
    return sentence_start, right.start() + 1 if right else min(len(text), end + 300)


def _forward_looking(text: str, timex: Timex) -> bool:
    """A deadline, plan or budget year: "by 1 January 2024", "will ... in 2025", "the 2020 budget"."""
    if timex.kind == "until":
        return not _past_deadline(text, timex)
    sentence_start, _ = _sentence_bounds(text, timex.start, timex.end)
    before = text[max(sentence_start, timex.start - 120) : timex.start]
    return bool(FORWARD_BEFORE.search(before) or FORWARD_AFTER.match(text[timex.end : timex.end + 40]))


def _earliest_ahead(text: str, timexes: list[Timex], today: dt.date) -> Timex | None:
    """'Parliamentary elections are due in June 2024': a date the writer has still ahead
    bounds the writing from above. Only a plain future ("will", "are due", "is scheduled")
    counts: "said elections would be held in 2020" may be a future long past."""
    ahead = []
    for timex in timexes:
        if timex.interval is None or timex.anchor != "explicit" or timex.kind != "date":
            continue
        sentence_start, _ = _sentence_bounds(text, timex.start, timex.end)
        before = text[max(sentence_start, timex.start - AHEAD_REACH) : timex.start]
        if AHEAD_BEFORE.search(before) and timex.interval.end <= today:
            ahead.append(timex)
    return min(ahead, key=lambda t: t.interval.end) if ahead else None  # type: ignore[union-attr]


def _past_deadline(text: str, timex: Timex) -> bool:
    """ "By 25 June 150,000 people had received passports": a deadline already passed."""
    sentence_start, sentence_end = _sentence_bounds(text, timex.start, timex.end)
    return timex.signal == "by" and bool(re.search(r"(?i)\bhad\b", text[sentence_start:sentence_end]))


def _forward_floor(text: str, timexes: list[Timex], today: dt.date) -> tuple[dt.date, str] | None:
    """With no past date at all, a plan year still bounds: "the 2020 budget" is written by 2019."""
    years = [
        t
        for t in timexes
        if t.interval is not None
        and t.anchor == "explicit"
        and t.interval.precision in ("year", "month", "day")
        and t.interval.start.year <= today.year + 1
    ]
    if not years:
        return None
    earliest = min(years, key=lambda t: t.interval.start)  # type: ignore[union-attr]
    floor = dt.date(earliest.interval.start.year - 1, 1, 1)  # type: ignore[union-attr]
    return floor, f"lower: forward-looking mention {earliest.text!r}, less a year"


# --- step 2: bylines and datelines ----------------------------------------------------------


def _head_end(text: str) -> int:
    """End of the head: the first HEAD_LINES lines, and no further than HEAD_CHARS."""
    end = 0
    for _ in range(HEAD_LINES):
        newline = text.find("\n", end)
        if newline == -1:
            end = len(text)
            break
        end = newline + 1
    return min(end, HEAD_CHARS)


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def _is_byline(text: str, timex: Timex) -> str | None:
    """Why this date is the article's own ('byline', 'dateline'), or None for a date in prose."""
    if timex.kind != "date" or (
        timex.interval is None and not re.match(r"XXXX-\d\d-\d\d$", timex.value or "")
    ):
        return None
    if timex.interval is not None and timex.interval.width_days > 1:
        return None
    line_start, line_end = _line_of(text, timex.start)
    before = text[line_start : timex.start]
    after = text[timex.end : line_end]
    if DATELINE.match(before) and re.match(r"\s*(?:\([^)]{1,40}\))?\s*(?:[.:\-–—]|$)", after):
        return "dateline"
    if BYLINE_WORDS.search(before[-30:]) and line_end - line_start <= BYLINE_MAX_LINE_CHARS:
        return "byline"  # "Published: 3 February 2021 | Updated: ..." (not "the decree was published on")
    other = re.sub(r"\s+", " ", (before + " " + after)).strip(" |,·•-–—:()")
    if (
        len(other) <= BYLINE_MAX_OTHER_CHARS
        and not re.search(r"[.!?]\s+[A-Z]", other)
        and not re.search(r"(?i)\b(?:was|were|is|are|has|have|had|said|signed|on|in)\b", other)
    ):
        return "byline"
    return None


def _byline(
    text: str, timexes: list[Timex], latest: Timex | None, today: dt.date
) -> PublishedInference | None:
    head_end = _head_end(text)
    for timex in timexes:
        if timex.start >= head_end:
            break
        kind = _is_byline(text, timex)
        if kind is None:
            continue
        if timex.interval is not None:
            if timex.interval.start > today:
                continue
            return PublishedInference(timex.interval, [f"{kind} {timex.text!r}"])
        resolved = _yearless_byline(timex, latest, today, kind)
        if resolved is not None:
            return resolved
    return None


def _yearless_byline(
    timex: Timex, latest: Timex | None, today: dt.date, kind: str
) -> PublishedInference | None:
    """'Tuesday, January 30': the years the weekday allows between the latest date the
    article mentions and today; several left -> the earliest (closest above that date)."""
    month, day = (int(x) for x in (timex.value or "").split("-")[1:3])
    weekday = _weekday_named(timex.text)
    floor = latest.interval.start if latest is not None and latest.interval is not None else None
    first_year = floor.year if floor else today.year - 30
    candidates = []
    for year in range(first_year, today.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if (floor and date < floor) or date > today:
            continue
        if weekday is not None and date.weekday() != weekday:
            continue
        candidates.append(date)
    if not candidates:
        return None
    if floor is None and weekday is None:
        return None  # any of thirty years: no basis to choose
    chosen = candidates[0]
    allowed = f"years allowed {first_year}..{today.year}"
    what = "weekday" if weekday is not None else kind
    cue = f"{what} {timex.text!r} -> {chosen.year} ({allowed})"
    if len(candidates) > 1:
        others = ", ".join(str(c.year) for c in candidates[1:])
        cue += f"; also possible: {others}; took the earliest after the latest date mentioned"
    return PublishedInference(DateInterval(chosen, chosen, "day"), [cue])


def _weekday_named(text: str) -> int | None:
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in WEEKDAYS:
            return WEEKDAYS[word.lower()]
    return None


def _byline_conflicts(interval: DateInterval | None, latest: Timex | None) -> list[str]:
    if interval is None or latest is None or latest.interval is None:
        return []
    if latest.interval.start > interval.end:
        return [f"conflict: the article mentions {latest.text!r} as past, after the byline date; byline kept"]
    return []


# --- step 4: terms of office ----------------------------------------------------------------


def _term_conflicts(
    text: str, terms: Sequence[OfficeTerm], interval: DateInterval | None, today: dt.date
) -> list[str]:
    """A byline outside the term of someone named with their title: reported, byline kept."""
    if interval is None:
        return []
    by_person: dict[str, list[tuple[OfficeTerm, str]]] = {}
    for term, mention in _titled_terms(text, terms):
        by_person.setdefault(term.person, []).append((term, mention))
    out = []
    for person_terms in by_person.values():
        if not any(t.start <= interval.end and interval.start <= (t.end or today) for t, _ in person_terms):
            mention = person_terms[0][1]
            out.append(f"conflict: the byline date lies outside the term of {mention!r}; byline kept")
    return out


def _titled_terms(text: str, terms: Sequence[OfficeTerm]) -> list[tuple[OfficeTerm, str]]:
    """Terms whose holder is named with one of the term's titles, and not as 'former'."""
    found = []
    for term in terms:
        mention = _titled_mention(text, term)
        if mention:
            found.append((term, mention))
    return found


def _titled_mention(text: str, term: OfficeTerm) -> str | None:
    names = "|".join(re.escape(a) for a in sorted(term.aliases, key=len, reverse=True))
    titles = "|".join(re.escape(t) for t in sorted(term.titles, key=len, reverse=True))
    if not names or not titles:
        return None
    # "President Anatoly Bibilov", "the self-declared mayor, Aleksei Chaly", "Anatoly Bibilov, the
    # President"; titles in any case ("State Department Spokesperson"), names as written
    # ... and "the two foreign ministers, John Doe of Vanuatu and Jane Roe of Georgia": a
    # plural title before a list of names
    pattern = re.compile(
        rf"(?<![\w-])(?P<title>(?i:{titles})),?\s+(?P<name>{names})(?![\w])"
        rf"|(?<![\w-])(?P<name2>{names}),\s+(?:the\s+)?(?P<title2>(?i:{titles}))(?![\w])"
        rf"|(?<![\w-])(?P<title3>(?i:{titles}))s,\s+[^.;:!?]{{0,80}}?(?<![\w-])(?P<name3>{names})(?![\w])"
    )
    for m in pattern.finditer(text):
        title_start = next(m.start(g) for g in ("title", "title2", "title3") if m.group(g))
        if FORMER_BEFORE_TITLE.search(text[max(0, title_start - 12) : title_start]):
            continue
        return m.group(0)
    return None


def _apply_terms(
    text: str,
    terms: Sequence[OfficeTerm],
    low: dt.date | None,
    high: dt.date,
    low_strength: int,
    today: dt.date,
    cues: list[str],
) -> tuple[dt.date | None, dt.date]:
    """Intersect with every titled office-holder's term(s); on contradiction the dates win."""
    by_person: dict[str, list[tuple[OfficeTerm, str]]] = {}
    for term, mention in _titled_terms(text, terms):
        by_person.setdefault(term.person, []).append((term, mention))
    for person_terms in by_person.values():
        # one person may have held the office in several terms: the union of them
        spans = [(t.start, t.end or today, t, m) for t, m in person_terms]
        fitting = [s for s in spans if (low is None or s[1] >= low) and s[0] <= high]
        if not fitting:
            mention = spans[0][3]
            cues.append(
                f"conflict: term of {mention!r} ({spans[0][0]}..{spans[0][2].end or 'now'}) "
                f"lies outside the range; the dates are kept"
            )
            continue
        term_low = min(s[0] for s in fitting)
        term_high = max(s[1] for s in fitting)
        mention = fitting[0][3]
        if low is None or term_low > low:
            if low is not None and low_strength >= 2 and term_low > high:
                continue
            low = term_low
            cues.append(f"lower: term of {mention!r} starts {term_low}")
        if term_high < high:
            high = term_high
            cues.append(f"upper: term of {mention!r} ends {term_high}")
    return low, high


# --- step 5: weekday-dated and year-less references -----------------------------------------


def _apply_relative_cues(
    text: str, timexes: list[Timex], low: dt.date, high: dt.date, cues: list[str]
) -> tuple[dt.date, dt.date]:
    # year-less days told as past: a weekday-dated day with one of them after it in its year
    # is no day of the last week ("on Monday, 21 February ... On 30 September Putin signed")
    past_days = [md for t in timexes if (md := _yearless_day(t)) and _past_clause(text, t)]
    for timex in timexes:
        yearless = _yearless_day(timex)
        if yearless is None:
            continue
        month, day = yearless
        weekday = _weekday_named(timex.text)
        if weekday is not None:
            # "Last Wednesday, March 18": written within the week after such a day
            dates = [
                d
                for d in _occurrences(month, day, low - dt.timedelta(days=7), high)
                if d.weekday() == weekday
            ]
            if not dates:
                continue
            date = dates[0]
            strictly = bool(re.match(r"(?i)(?:last|this\s+past)\b", timex.text))
            new_low = max(low, date + dt.timedelta(days=1 if strictly else 0))
            later = [md for md in past_days if md > (month, day)]
            new_high = high if later else min(high, date + dt.timedelta(days=7))
            if new_low <= new_high:
                alternatives = ", ".join(str(d.year) for d in dates[1:])
                cue = f"weekday {timex.text!r} -> within a week of {date}"
                if later:
                    cue = f"weekday {timex.text!r} -> {date} or after (later days are told as past)"
                if alternatives:
                    cue += f" (also possible: {alternatives}; took the earliest)"
                cues.append(cue)
                low, high = new_low, new_high
            continue
        if _past_clause(text, timex):
            # a year-less past date names a day of the year before publication, so the
            # writer is on or after its earliest occurrence from a year before `low`
            dates = _occurrences(month, day, low - YEARLESS_REACH, high)
            if dates and dates[0] > low:
                low = dates[0]
                cues.append(f"lower: year-less past date {timex.text!r} -> {dates[0]}")
    return low, high


def _occurrences(month: int, day: int, low: dt.date, high: dt.date) -> list[dt.date]:
    out = []
    for year in range(low.year, high.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if low <= date <= high:
            out.append(date)
    return out


def _past_clause(text: str, timex: Timex) -> bool:
    """Is this year-less date in a clause about the past ("On 4 December ... adopted")?"""
    if timex.kind == "until":
        return _past_deadline(text, timex)
    sentence_start, sentence_end = _sentence_bounds(text, timex.start, timex.end)
    if FORWARD_BEFORE.search(text[sentence_start : timex.start]):
        return False
    sentence = text[sentence_start:sentence_end]
    return bool(PAST_TENSE_CLUE.search(sentence)) or any(
        w.lower() in IRREGULAR_PAST for w in re.findall(r"[A-Za-z]+", sentence)
    )


__all__ = ["OfficeTerm", "PublishedInference", "infer_published"]
