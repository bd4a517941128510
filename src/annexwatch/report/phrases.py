"""Words for codes and dates: actor names, event descriptions, dimension and attribute labels.

The report writes prose from templates, never from a language model; these are the
templates' vocabulary. Names come from the pack (vocabulary.yaml), so a new territory
needs no change here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from annexwatch.models import DateInterval
from annexwatch.pack import load_vocabulary

# One past-tense phrase per event type; {source}/{target} are names of directed events'
# actors, {parties} joins the parties of symmetric ones. `_to` is appended when a target
# is known for types whose target is optional.
EVENT_PHRASES: dict[str, str] = {
    "sign_agreement": "{parties} signed an agreement",
    "ratify_agreement": "{source} ratified an agreement with {target}",
    "recognize": "{source} recognised {target}",
    "withdraw_recognition": "{source} withdrew its recognition of {target}",
    "condemn": "{source} condemned an act of {target}",
    "endorse": "{source} endorsed {target} or its act",
    "announce_accession": "{source} announced the aim of joining {target}",
    "hold_referendum": "Referendum in {source}",
    "annex": "{source} annexed {target}",
    "armed_conflict": "Fighting between {parties}",
    "ceasefire": "Ceasefire between {parties}",
    "deploy_forces": "{source} sent or stationed forces in {target}",
    "military_aid": "{source} gave military aid to {target}",
    "visit": "An official of {source} visited {target}",
    "meet": "Talks between {parties}",
    "sever_relations": "{source} broke off relations with {target}",
    "election": "Election in {source}",
    "legal_action": "{source} took legal action against {target}",
    "declare_independence": "{source} declared independence from {target}",
    "establish_relations": "{parties} established diplomatic relations",
    "provide_aid": "{source} gave money or aid to {target}",
    "cut_aid": "{source} cut its aid to {target}",
    "impose_sanctions": "{source} imposed sanctions on {target}",
    "protest": "Protest in {source}",
}
TARGET_SUFFIX: dict[str, str] = {
    "hold_referendum": " on joining {target}",
    "protest": " against {target}",
}

DIMENSION_LABELS: dict[str, str] = {
    "citizenship": "Citizenship",
    "budget": "Budget",
    "currency": "Currency",
    "military": "Military",
    "border_with_parent": "Border with parent state",
    "border_with_patron": "Border with patron",
    "officials": "Officials",
    "social": "Pensions and salaries",
    "education": "Education",
    "recognition": "Recognition",
    "accession_intent": "Accession intent",
    "treaty": "Treaty",
    "economy": "Economy",
}

ATTRIBUTE_LABELS: dict[str, str] = {
    "population": "population",
    "area": "area",
    "patron_citizen_share": "share of residents holding citizenship of {patron}",
    "patron_budget_share": "share of the budget {patron} pays",
    "patron_troops": "troops of {patron} stationed there",
    "patron_border_guards": "border guards of {patron}",
    "patron_funding": "money from {patron}",
    "patron_citizens": "residents holding passports of {patron}",
    "budget_total": "total budget",
    "vote_share": "vote share",
    "turnout": "turnout",
    "displaced_persons": "displaced persons",
}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return dict(load_vocabulary().actors)


def name(code: str | None) -> str:
    """An actor's name from its code ('RUS' -> 'Russia'); the code itself when unknown."""
    if not code:
        return "?"
    return _names().get(code.upper(), code)


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe_event(type_: str, source: str | None, target: str | None, parties: list[str] | None) -> str:
    """The event in words, from its type and actors: 'Russia recognised South Ossetia'."""
    template = EVENT_PHRASES.get(type_, type_.replace("_", " ").capitalize() + ": {parties}")
    if target and type_ in TARGET_SUFFIX:
        template += TARGET_SUFFIX[type_]
    party_names = [name(p) for p in parties] if parties else [name(c) for c in (source, target) if c]
    return template.format(source=name(source), target=name(target), parties=join_names(party_names))


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension.replace("_", " ").capitalize())


def attribute_label(attribute: str, patron_name: str | None) -> str:
    """'troops of Russia stationed there' ('the patron' when the pack names none)."""
    template = ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " "))
    return template.format(patron=patron_name or "the patron")


def long_date(day: dt.date) -> str:
    """'26 August 2008'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_words(interval: DateInterval) -> str:
    """A date in words at the precision the sources gave: '26 August 2008', 'September
    2008', '2015', '1-10 September 2008' (with an en dash)."""
    start, end = interval.start, interval.end
    if interval.precision == "day" and start == end:
        return long_date(start)
    if interval.precision == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if interval.precision == "year":
        return str(start.year)
    if interval.precision == "decade":
        return f"the {start.year}s"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    return f"{long_date(start)} – {long_date(end)}"


def when(interval: DateInterval) -> str:
    """A date with its preposition: 'on 26 August 2008', 'in September 2008', 'in 2015',
    'between 1 and 10 September 2008'."""
    start, end = interval.start, interval.end
    if interval.precision == "day" and start == end:
        return f"on {long_date(start)}"
    if interval.precision in ("month", "year", "decade"):
        return f"in {date_words(interval)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"between {start.day} and {end.day} {MONTHS[start.month - 1]} {start.year}"
    return f"between {long_date(start)} and {long_date(end)}"


NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def count_words(n: int) -> str:
    """'four' up to ten, digits above, as a style guide would have it."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def short_date(interval: DateInterval | None) -> str:
    """The table form: ISO at the precision given (2008-08-26, 2008-09, 2015), a range as
    'start – end' so that it can wrap in a narrow column."""
    if interval is None:
        return "undated"
    text = str(interval)
    return text.replace("/", " – ")
