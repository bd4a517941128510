"""The scorer, on a small article and gold of our own (no test reads ../shared)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from annexwatch.evaluate import (
    EvalReport,
    GoldDocument,
    GoldError,
    format_report,
    load_gold,
    normalise,
    quote_overlap,
    score,
)
from annexwatch.models import DateInterval

DOC = "abkhazia-treaty.md"
TEXT = (
    "On 24 November 2014 Russia and Abkhazia signed a treaty on alliance in Sochi.\n"
    "Georgia condemned the “so-called treaty” the next day. "
    "The Abkhaz leader said the treaty “will protect our people from any threat – now and in future”. "
    "Roughly 240,000 people live in Abkhazia, and 30–40,000 of them hold Russian passports. "
    "Russia keeps 3,500 soldiers at its base in Gudauta. "
    "Moscow has not recognised the vote. "
    "The Russian rouble is the only currency in use.\n"
)

SUMMARY_RE = re.compile(
    r"^events P=\d\.\d\d R=\d\.\d\d F1=\d\.\d\d strict_F1=\d\.\d\d \| claims F1=\d\.\d\d \| "
    r"quotes F1=\d\.\d\d \| indicators F1=\d\.\d\d \| published \d+/\d+$"
)

# Written as an annotator writes it: unquoted dates, straight quotes, a hyphen for the en dash.
GOLD_YAML = """\
document: abkhazia-treaty.md
published: 2014-11-26
events:
  - type: sign_agreement
    parties: [XAB, RUS]
    date: 2014-11-24
    text: "Russia and Abkhazia signed a treaty"
  - type: condemn
    source: GEO
    target: RUS
    date: 2014-11-25
    text: ["Georgia denounced", 'Georgia condemned the "so-called treaty"']
  - type: deploy_forces
    source: RUS
    target: XAB
    date: null
    text: "Russia keeps 3,500 soldiers"
    optional: true
claims:
  - subject: XAB
    attribute: population
    value: 240000
    qualifier: approximate
    text: "Roughly 240,000 people live in Abkhazia"
  - subject: XAB
    attribute: patron_citizens
    value: [30000, 40000]
    qualifier: estimate
    text: "30-40,000 of them hold Russian passports"
  - subject: XAB
    attribute: patron_troops
    value: 3500
    qualifier: approximate
    text: "3,500 soldiers"
    optional: true
quotes:
  - speaker: Raul Khajimba
    actor: XAB
    text: "will protect our people from any threat - now and in future"
indicators:
  - territory: XAB
    patron: RUS
    dimension: currency
    text: "The Russian rouble is the only currency in use"
  - territory: XAB
    patron: RUS
    dimension: treaty
    text: "signed a treaty on alliance"
"""


# --- helpers ------------------------------------------------------------------------------


def span(phrase: str, text: str = TEXT) -> dict[str, Any]:
    """The evidence span of `phrase` in the text, as the export writes it."""
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def day(value: str) -> dict[str, str]:
    return DateInterval.parse(value).to_dict()


def event(type_: str, *, parties=None, source=None, target=None, date=None, evidence=(), **extra):
    record = {
        "kind": "event",
        "document": DOC,
        "type": type_,
        "source": source,
        "target": target,
        "parties": sorted(parties) if parties else None,
        "date": day(date) if isinstance(date, str) else date,
        "modality": "asserted",
        "plover": None,
        "cameo": None,
        "evidence": [span(p) for p in evidence],
    }
    record.update(extra)
    return record


def claim(subject: str, attribute: str, evidence: str, *, value=None, low=None, high=None, **extra):
    record = {
        "kind": "claim",
        "document": DOC,
        "subject": subject,
        "attribute": attribute,
        "value": value,
        "low": low,
        "high": high,
        "unit": "person",
        "currency": None,
        "qualifier": "approximate",
        "evidence": [span(evidence)],
    }
    record.update(extra)
    return record


def quote(actor: str, text: str, *, speaker: str | None = None) -> dict[str, Any]:
    return {
        "kind": "quote",
        "document": DOC,
        "speaker": speaker,
        "actor": actor,
        "text": text,
        "evidence": [],
    }


def indicator(dimension: str, evidence: str, territory: str = "XAB", patron: str = "RUS") -> dict[str, Any]:
    return {
        "kind": "indicator",
        "document": DOC,
        "territory": territory,
        "patron": patron,
        "dimension": dimension,
        "level": "complete",
        "evidence": [span(evidence)],
    }


def document(published: str | None = "2014-11-26") -> dict[str, Any]:
    return {
        "kind": "document",
        "document": DOC,
        "title": "Treaty",
        "published": day(published) if published else None,
    }


def perfect_records() -> list[dict[str, Any]]:
    return [
        document(),
        event(
            "sign_agreement",
            parties=["RUS", "XAB"],
            date="2014-11-24",
            evidence=["On 24 November 2014 Russia and Abkhazia signed a treaty on alliance in Sochi."],
        ),
        event(
            "condemn",
            source="GEO",
            target="RUS",
            date="2014-11-25",
            evidence=["Georgia condemned the “so-called treaty” the next day."],
        ),
        claim("XAB", "population", "Roughly 240,000 people live in Abkhazia", value=240000),
        claim(
            "XAB",
            "patron_citizens",
            "30–40,000 of them hold Russian passports",
            low=30000,
            high=40000,
            qualifier="estimate",
        ),
        quote("XAB", "will protect our people from any threat – now and in future", speaker="Raul Khajimba"),
        indicator("currency", "The Russian rouble is the only currency in use."),
        indicator("treaty", "Russia and Abkhazia signed a treaty on alliance"),
    ]


def write_gold(directory: Path, content: str | dict[str, Any], name: str = "abkhazia-treaty.yaml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> dict[str, GoldDocument]:
    write_gold(tmp_path / "gold", GOLD_YAML)
    return load_gold(tmp_path / "gold")


def gold_of(tmp_path: Path, **sections: Any) -> dict[str, GoldDocument]:
    """A one-document gold with just the given sections."""
    write_gold(tmp_path / "g", {"document": DOC, **sections})
    return load_gold(tmp_path / "g")


def run(gold: dict[str, GoldDocument], records: list[dict[str, Any]]) -> EvalReport:
    return score(gold, records, {DOC: TEXT})


# --- the whole picture ------------------------------------------------------------------


def test_perfect_output_scores_one_everywhere(gold: dict[str, GoldDocument]) -> None:
    report = run(gold, perfect_records())
    for counts in [*report.kinds.values(), report.events_strict]:
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert report.dates_right == 2
    assert report.misses == [] and report.false_positives == [] and report.date_mismatches == []
    assert report.published_right == 1
    assert format_report(report).splitlines()[-1] == (
        "events P=1.00 R=1.00 F1=1.00 strict_F1=1.00 | claims F1=1.00 | quotes F1=1.00 | "
        "indicators F1=1.00 | published 1/1"
    )


def test_missing_event_lowers_recall_and_is_listed_with_its_sentence(gold: dict[str, GoldDocument]) -> None:
    records = [r for r in perfect_records() if r.get("type") != "condemn"]
    report = run(gold, records)
    assert report.events.precision == 1.0
    assert report.events.recall == 0.5
    [miss] = report.misses
    assert (miss.kind, miss.document, miss.record["type"]) == ("event", DOC, "condemn")
    assert miss.sentence == "Georgia condemned the “so-called treaty” the next day."


def test_extra_event_lowers_precision_and_is_listed(gold: dict[str, GoldDocument]) -> None:
    extra = event(
        "recognize",
        source="RUS",
        target="XAB",
        date="2014-11-24",
        evidence=["Russia and Abkhazia signed a treaty"],
    )
    report = run(gold, [*perfect_records(), extra])
    assert report.events.recall == 1.0
    assert report.events.precision == pytest.approx(2 / 3)
    [fp] = report.false_positives
    assert fp.record is extra
    assert fp.sentence == "On 24 November 2014 Russia and Abkhazia signed a treaty on alliance in Sochi."


def test_event_matching_an_optional_gold_is_not_a_false_positive(gold: dict[str, GoldDocument]) -> None:
    troops = event(
        "deploy_forces", source="RUS", target="XAB", date="2014", evidence=["Russia keeps 3,500 soldiers"]
    )
    report = run(gold, [*perfect_records(), troops])
    assert report.events.false_positives == 0
    assert report.events.absorbed == 1
    assert (report.events.precision, report.events.recall) == (1.0, 1.0)
    # its date is wrong, but an optional record's date is not scored either
    assert report.events_strict.precision == 1.0
    # and an optional gold left unfound is no miss
    assert run(gold, perfect_records()).misses == []


def test_second_system_event_for_an_optional_gold_is_a_duplicate(gold: dict[str, GoldDocument]) -> None:
    troops = event("deploy_forces", source="RUS", target="XAB", evidence=["Russia keeps 3,500 soldiers"])
    report = run(gold, [*perfect_records(), troops, dict(troops)])
    assert report.events.absorbed == 1
    assert report.events.false_positives == 1


def test_non_asserted_events_are_ignored(gold: dict[str, GoldDocument]) -> None:
    negated = event(
        "recognize",
        source="RUS",
        target="XAB",
        modality="negated",
        evidence=["Moscow has not recognised the vote."],
    )
    future = dict(negated, modality="future")
    report = run(gold, [*perfect_records(), negated, future])
    assert report.events.found == 2
    assert report.events.precision == 1.0
    assert report.ignored_events == 2
    # a negated record cannot stand in for an asserted gold event either
    sign = next(r for r in perfect_records() if r.get("type") == "sign_agreement")
    assert run(gold, [dict(sign, modality="hypothetical")]).events.matched == 0


# --- one-to-one matching ------------------------------------------------------------------

TWO_CONDEMNATIONS = [
    {"type": "condemn", "source": "GEO", "target": "RUS", "date": "2014-11-25", "text": "Georgia condemned"},
    {"type": "condemn", "source": "GEO", "target": "RUS", "date": "2014-11-25", "text": "so-called treaty"},
]
CONDEMN_SENTENCE = "Georgia condemned the “so-called treaty” the next day."


def test_gold_events_marked_non_asserted_are_kept_for_training_but_not_scored(tmp_path: Path) -> None:
    negated_gold = {
        "type": "recognize", "source": "RUS", "target": "XAB", "modality": "negated", "date": None,
        "text": "so-called treaty",  # a key the system's evidence below contains
    }
    gold = gold_of(tmp_path, events=[TWO_CONDEMNATIONS[0], negated_gold])
    assert [e.type for e in gold[DOC].events] == ["condemn"]
    assert [e.type for e in gold[DOC].non_asserted] == ["recognize"]
    found = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    report = run(gold, [found])
    assert (report.events.matched, report.events.recall) == (1, 1.0)  # the negated gold is no miss
    # and reporting the negated act as asserted is a false positive, not a match
    asserted = event("recognize", source="RUS", target="XAB", evidence=[CONDEMN_SENTENCE])
    assert run(gold, [found, asserted]).events.false_positives == 1


def test_one_system_event_cannot_match_two_gold_events(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, events=TWO_CONDEMNATIONS)
    one = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    report = run(gold, [one])
    assert (report.events.matched, report.events.recall, report.events.precision) == (1, 0.5, 1.0)
    assert len(report.misses) == 1


def test_one_gold_event_cannot_match_two_system_events(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, events=TWO_CONDEMNATIONS[:1])
    one = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    report = run(gold, [one, dict(one)])
    assert (report.events.matched, report.events.false_positives) == (1, 1)
    assert report.events.precision == 0.5


def test_matching_is_maximum_not_greedy(tmp_path: Path) -> None:
    # the first system event fits both gold events, the second only the first gold event:
    # a greedy pass would pair gold 1 with system 1 and leave gold 2 unmatched
    gold = gold_of(tmp_path, events=TWO_CONDEMNATIONS)
    both = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    first_only = event(
        "condemn", source="GEO", target="RUS", date="2014-11-25", evidence=["Georgia condemned"]
    )
    assert run(gold, [both, first_only]).events.matched == 2


def test_required_gold_takes_priority_and_optional_gold_absorbs_the_rest(tmp_path: Path) -> None:
    required, optional = TWO_CONDEMNATIONS[0], {**TWO_CONDEMNATIONS[1], "optional": True}
    gold = gold_of(tmp_path, events=[optional, required])
    fits_both = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    fits_required = event(
        "condemn", source="GEO", target="RUS", date="2014-11-25", evidence=["Georgia condemned"]
    )
    report = run(gold, [fits_both, fits_required])
    assert (report.events.matched, report.events.absorbed, report.events.false_positives) == (1, 1, 0)


# --- actors -------------------------------------------------------------------------------


def test_symmetric_parties_are_a_set(gold: dict[str, GoldDocument]) -> None:
    evidence = ["Russia and Abkhazia signed a treaty"]
    for parties in (["RUS", "XAB"], ["XAB", "RUS"]):
        record = event("sign_agreement", parties=None, date="2014-11-24", evidence=evidence)
        record["parties"] = parties  # as given, unsorted too
        assert run(gold, [record]).events.matched == 1
    wrong = event("sign_agreement", parties=["RUS", "XAB", "GEO"], date="2014-11-24", evidence=evidence)
    assert run(gold, [wrong]).events.matched == 0


def test_directed_gold_without_target_accepts_any_target(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        events=[
            {
                "type": "impose_sanctions",
                "source": "RUS",
                "target": None,
                "date": None,
                "text": "Russia keeps",
            },
            {"type": "election", "source": "XAB", "date": None, "text": "Moscow has not"},  # no target key
        ],
    )
    records = [
        event("impose_sanctions", source="RUS", target="GEO", evidence=["Russia keeps 3,500 soldiers"]),
        event("election", source="XAB", target="RUS", evidence=["Moscow has not recognised the vote."]),
    ]
    assert run(gold, records).events.matched == 2
    wrong_source = event("impose_sanctions", source="GEO", target="GEO", evidence=["Russia keeps"])
    assert run(gold, [wrong_source]).events.matched == 0


def test_directed_gold_with_target_needs_that_target(gold: dict[str, GoldDocument]) -> None:
    wrong = event("condemn", source="GEO", target="XAB", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    swapped = event("condemn", source="RUS", target="GEO", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    assert run(gold, [wrong, swapped]).events.matched == 0


def test_event_needs_type_and_evidence_containing_gold_text(gold: dict[str, GoldDocument]) -> None:
    other_type = event("endorse", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    elsewhere = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=["the next day"])
    assert run(gold, [other_type, elsewhere]).events.matched == 0


# --- dates --------------------------------------------------------------------------------


def test_wrong_date_keeps_the_lenient_match_but_fails_strict(gold: dict[str, GoldDocument]) -> None:
    records = perfect_records()
    records[2]["date"] = day("2014-11-26")  # the condemnation, a day late
    report = run(gold, records)
    assert report.events.f1 == 1.0
    assert report.events_strict.matched == 1
    assert report.events_strict.recall == 0.5
    assert report.dates_right == 1
    [mismatch] = report.date_mismatches
    assert (str(mismatch.system_date), str(mismatch.gold_date)) == ("2014-11-26", "2014-11-25")
    assert "system date 2014-11-26 vs gold date 2014-11-25" in format_report(report)


def test_strict_runs_its_own_matching(tmp_path: Path) -> None:
    # leniently, gold A pairs with system 1 (wrong date) and gold B with system 2 (wrong
    # date); a filter of that matching would give 0, the best strict assignment gives 1
    gold = gold_of(
        tmp_path,
        events=[
            {
                "type": "condemn",
                "source": "GEO",
                "target": "RUS",
                "date": "2014-11-25",
                "text": "Georgia condemned",
            },
            {"type": "condemn", "source": "GEO", "target": "RUS", "date": "2014-11-26", "text": "so-called"},
        ],
    )
    system_1 = event("condemn", source="GEO", target="RUS", date="2014-11-26", evidence=["Georgia condemned"])
    system_2 = event("condemn", source="GEO", target="RUS", date="2014-11-25", evidence=[CONDEMN_SENTENCE])
    report = run(gold, [system_1, system_2])
    assert report.events.matched == 2 and report.dates_right == 0
    assert report.events_strict.matched == 1


@pytest.mark.parametrize(
    ("gold_date", "system_date", "right"),
    [
        ("2014-11-24", "2014-11-24", True),
        ("2014-11-24", "2014-11", False),  # one-day gold: only that day
        ("2014-11-24", "2014-11-23/2014-11-24", False),
        ("2014-11", "2014-11-24", True),  # interval gold: anything inside
        ("2014-11", "2014-11", True),
        ("2014-11", "2014-11-20/2014-12-02", False),  # overlapping is not inside
        ("2014/2014-11-24", "2014-06", True),
        ("2014", "2014-11-24", True),
        (None, None, True),  # gold null accepts only null
        (None, "2014-11-24", False),
        ("2014-11-24", None, False),
    ],
)
def test_date_right(tmp_path: Path, gold_date: str | None, system_date: str | None, right: bool) -> None:
    gold = gold_of(
        tmp_path,
        events=[
            {
                "type": "sign_agreement",
                "parties": ["RUS", "XAB"],
                "date": gold_date,
                "text": "signed a treaty",
            }
        ],
    )
    record = event("sign_agreement", parties=["RUS", "XAB"], date=system_date, evidence=["signed a treaty"])
    report = run(gold, [record])
    assert report.events.matched == 1
    assert report.events_strict.matched == int(right)


# --- text normalisation -------------------------------------------------------------------


def test_normalise_quotes_dashes_and_whitespace() -> None:
    assert (
        normalise("  “so‑called”\n\t‘treaty’ 30–40 — « x » ′ ″ ")
        == '"so-called" \'treaty\' 30-40 - " x " \' "'
    )


def test_text_matching_normalises_quotes_dashes_and_whitespace(tmp_path: Path) -> None:
    text = "Georgia  condemned\nthe ‘so‑called’ treaty — a “sham”."
    gold = gold_of(
        tmp_path,
        events=[
            {
                "type": "condemn",
                "source": "GEO",
                "target": "RUS",
                "date": None,
                "text": "Georgia condemned the 'so-called' treaty - a \"sham\"",
            }
        ],
    )
    record = event("condemn", source="GEO", target="RUS", evidence=[])
    record["evidence"] = [span("Georgia  condemned\nthe ‘so‑called’ treaty — a “sham”.", text)]
    assert score(gold, [record], {DOC: text}).events.matched == 1


def test_text_matching_is_case_sensitive(gold: dict[str, GoldDocument]) -> None:
    record = event("sign_agreement", parties=["RUS", "XAB"], date="2014-11-24", evidence=[])
    record["evidence"] = [{"start": 0, "end": 10, "text": "RUSSIA AND ABKHAZIA SIGNED A TREATY"}]
    assert run(gold, [record]).events.matched == 0


def test_evidence_without_text_is_read_from_the_document(gold: dict[str, GoldDocument]) -> None:
    record = event(
        "sign_agreement",
        parties=["RUS", "XAB"],
        date="2014-11-24",
        evidence=["Russia and Abkhazia signed a treaty"],
    )
    del record["evidence"][0]["text"]
    assert run(gold, [record]).events.matched == 1


# --- claims -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbers", "matches"),
    [
        ({"value": 240000}, True),
        ({"value": 244800}, True),  # +2.0%
        ({"value": 235200}, True),  # -2.0%
        ({"value": 244801}, False),
        ({"value": 235199}, False),
        ({"low": 240000, "high": 240000}, False),  # a range does not stand for a single value
    ],
)
def test_claim_value_within_two_percent(gold: dict[str, GoldDocument], numbers: dict, matches: bool) -> None:
    record = claim("XAB", "population", "Roughly 240,000 people live in Abkhazia", **numbers)
    assert run(gold, [record]).kinds["claim"].matched == int(matches)


@pytest.mark.parametrize(
    ("numbers", "matches"),
    [
        ({"low": 30000, "high": 40000}, True),
        ({"low": 30500, "high": 39300}, True),
        ({"low": 30000, "high": 41000}, False),  # high end 2.5% off
        ({"low": 40000, "high": 30000}, False),  # endpoint by endpoint
        ({"value": 35000}, False),
    ],
)
def test_claim_range_endpoint_by_endpoint(
    gold: dict[str, GoldDocument], numbers: dict, matches: bool
) -> None:
    record = claim("XAB", "patron_citizens", "30–40,000 of them hold Russian passports", **numbers)
    assert run(gold, [record]).kinds["claim"].matched == int(matches)


def test_claim_needs_subject_attribute_and_text(gold: dict[str, GoldDocument]) -> None:
    phrase = "Roughly 240,000 people live in Abkhazia"
    records = [
        claim("XSO", "population", phrase, value=240000),
        claim("XAB", "patron_citizens", phrase, value=240000),
        claim("XAB", "population", "240,000 people", value=240000),
    ]
    assert run(gold, records).kinds["claim"].matched == 0


def test_claim_qualifier_is_reported_not_required(gold: dict[str, GoldDocument]) -> None:
    record = claim(
        "XAB",
        "population",
        "Roughly 240,000 people live in Abkhazia",
        value=240000.0,
        qualifier="exact",
        currency="RUB",
    )
    report = run(gold, [record])
    assert report.kinds["claim"].matched == 1
    assert (report.qualifiers_agree, report.qualifiers_compared) == (0, 1)
    assert "claim qualifiers agree: 0/1" in format_report(report)


def test_claim_single_bound_stands_for_a_value(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        claims=[
            {
                "subject": "XAB",
                "attribute": "patron_troops",
                "value": 3500,
                "qualifier": "lower_bound",
                "text": "3,500 soldiers",
            }
        ],
    )
    record = claim("XAB", "patron_troops", "Russia keeps 3,500 soldiers", low=3500, qualifier="lower_bound")
    assert run(gold, [record]).kinds["claim"].matched == 1


# --- quotes -------------------------------------------------------------------------------

QUOTE_100 = (
    "the new border posts will make the whole coast safer for everyone who lives there, said the minister"
)


def test_quote_fixture_is_one_hundred_characters() -> None:
    assert len(normalise(QUOTE_100)) == 100


@pytest.mark.parametrize(("shared", "matches"), [(79, False), (80, True), (81, True), (100, True)])
def test_quote_overlap_boundary(tmp_path: Path, shared: int, matches: bool) -> None:
    gold = gold_of(tmp_path, quotes=[{"speaker": "Pavel Dronov", "actor": "RUS", "text": QUOTE_100}])
    system_text = "He said: " + QUOTE_100[:shared] + " ###"
    assert quote_overlap(QUOTE_100, system_text) == pytest.approx(shared / 100)
    assert run(gold, [quote("RUS", system_text)]).kinds["quote"].matched == int(matches)


def test_quote_needs_the_same_actor_not_the_same_speaker(gold: dict[str, GoldDocument]) -> None:
    text = "will protect our people from any threat — now and in future"
    assert run(gold, [quote("XAB", text, speaker="someone else")]).kinds["quote"].matched == 1
    assert run(gold, [quote("RUS", text, speaker="Raul Khajimba")]).kinds["quote"].matched == 0


# --- indicators ---------------------------------------------------------------------------


def test_indicator_needs_territory_patron_dimension_and_text(gold: dict[str, GoldDocument]) -> None:
    phrase = "The Russian rouble is the only currency in use."
    assert run(gold, [indicator("currency", phrase)]).kinds["indicator"].matched == 1
    misses = [
        indicator("budget", phrase),
        indicator("currency", phrase, territory="XSO"),
        indicator("currency", phrase, patron="TUR"),
        indicator("currency", "The Russian rouble"),
    ]
    report = run(gold, misses)
    assert report.kinds["indicator"].matched == 0
    assert report.kinds["indicator"].false_positives == 4


# --- publication date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_published", "inferred", "right", "width"),
    [
        ("2014-11-26", "2014-11-26", True, 1),
        ("2014-11-26", "2014-11-24/2014-11-30", True, 7),  # contains the gold day
        ("2014-11-26", "2014-11", True, 30),
        ("2014-11-26", "2014-11-27/2014-12-31", False, 35),
        ("2014-11-20/2014-11-26", "2014-11-25/2014-12-05", True, 11),  # overlaps the gold interval
        ("2014-11-20/2014-11-26", "2014-11-27/2014-12-05", False, 9),
        ("2014-11-26", None, False, None),
    ],
)
def test_published(tmp_path: Path, gold_published: str, inferred: str | None, right: bool, width: int | None):
    gold = gold_of(tmp_path, published=gold_published)
    report = run(gold, [document(inferred)])
    [result] = report.published
    assert (result.right, result.width_days) == (right, width)
    assert report.summary_line().endswith(f"published {int(right)}/1")


def test_published_without_document_record_is_wrong(gold: dict[str, GoldDocument]) -> None:
    report = run(gold, [r for r in perfect_records() if r["kind"] != "document"])
    assert report.summary_line().endswith("published 0/1")
    assert "NO" in format_report(report)


def test_gold_without_published_is_not_counted(tmp_path: Path) -> None:
    report = run(gold_of(tmp_path), [document()])
    assert report.published == []
    assert report.summary_line().endswith("published 0/0")


# --- scope --------------------------------------------------------------------------------


def test_only_documents_with_gold_are_scored(gold: dict[str, GoldDocument]) -> None:
    stray = dict(perfect_records()[1], document="other.md")
    report = run(gold, [*perfect_records(), stray])
    assert report.events.f1 == 1.0
    assert report.unscored_documents == ["other.md"]


def test_gold_document_without_records_is_all_misses(gold: dict[str, GoldDocument]) -> None:
    report = run(gold, [])
    assert report.events.recall == 0.0
    assert report.events.f1 == 0.0  # undefined precision counts as 0
    assert len(report.misses) == 2 + 2 + 1 + 2
    assert report.documents[DOC].kinds["claim"].gold == 2


# --- the report ---------------------------------------------------------------------------


def test_format_report_ends_with_the_spec_line(gold: dict[str, GoldDocument]) -> None:
    records = perfect_records()[:4]
    records.append(
        event("recognize", source="RUS", target="XAB", evidence=["Moscow has not recognised the vote."])
    )
    report = run(gold, records)
    for verbose in (True, False):
        text = format_report(report, verbose=verbose)
        last = text.splitlines()[-1]
        assert SUMMARY_RE.match(last), last
        assert text.endswith(last)
    verbose_text = format_report(report)
    assert "MISSES" in verbose_text and "FALSE POSITIVES" in verbose_text
    assert "sentence: Moscow has not recognised the vote." in verbose_text
    assert "sentence: The Russian rouble is the only currency in use." in verbose_text  # a missed indicator
    assert "MISSES" not in format_report(report, verbose=False)
    for heading in (
        "events (lenient)",
        "events (strict)",
        "claims",
        "quotes",
        "indicators",
        "Publication date",
    ):
        assert heading in verbose_text


def test_summary_line_uses_lenient_events_and_strict_f1(gold: dict[str, GoldDocument]) -> None:
    records = perfect_records()
    records[1]["date"] = day("2014-11")  # lenient match, strict miss
    line = run(gold, records).summary_line()
    assert line.startswith("events P=1.00 R=1.00 F1=1.00 strict_F1=0.50 |")


# --- loading gold -------------------------------------------------------------------------


def test_load_gold_reads_every_field_form(gold: dict[str, GoldDocument]) -> None:
    doc = gold[DOC]
    assert doc.published == DateInterval.day(2014, 11, 26)  # YAML read it as a date
    sign, condemn, troops = doc.events
    assert sign.symmetric and sign.parties == {"RUS", "XAB"}
    assert (condemn.source, condemn.target, condemn.symmetric) == ("GEO", "RUS", False)
    assert condemn.texts == ("Georgia denounced", 'Georgia condemned the "so-called treaty"')
    assert troops.optional and troops.date is None
    assert doc.claims[1].values == (30000.0, 40000.0)
    assert doc.quotes[0].speaker == "Raul Khajimba"


def test_load_gold_date_forms(tmp_path: Path) -> None:
    write_gold(
        tmp_path,
        f"document: {DOC}\npublished: 2014/2014-11-24\nevents:\n"
        "  - {type: annex, source: RUS, target: XCR, date: 1992, text: x}\n"
        "  - {type: annex, source: RUS, target: XCR, date: 2015-03, text: x}\n"
        "claims:\nquotes: []\n",
    )
    doc = load_gold(tmp_path)[DOC]
    assert str(doc.published) == "2014-01-01/2014-11-24"
    assert [str(e.date) for e in doc.events] == ["1992", "2015-03"]
    assert doc.claims == [] and doc.indicators == []


def test_load_gold_names_the_file_of_invalid_yaml(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD_YAML, "good.yaml")
    write_gold(tmp_path, "document: x.md\nevents: [unclosed\n", "broken.yaml")
    with pytest.raises(GoldError, match=r"broken\.yaml"):
        load_gold(tmp_path)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("- just a list\n", "mapping"),
        ("events: []\n", "document"),
        (f"document: {DOC}\nevents:\n  - {{source: RUS, text: x}}\n", r"events\[0\].*type"),
        (f"document: {DOC}\nevents:\n  - {{type: recognize, source: RUS, target: XAB}}\n", "text"),
        (f"document: {DOC}\nevents:\n  - {{type: meet, source: RUS, text: x}}\n", "parties"),
        (f"document: {DOC}\nevents:\n  - {{type: annex, source: RUS, date: 2014-13, text: x}}\n", "date"),
        (f"document: {DOC}\nclaims:\n  - {{subject: XAB, attribute: area, value: big, text: x}}\n", "value"),
        (
            f"document: {DOC}\nclaims:\n  - {{subject: XAB, attribute: area, value: [1, 2, 3], text: x}}\n",
            "range",
        ),
        (f"document: {DOC}\nquotes:\n  - {{speaker: A, text: x}}\n", "actor"),
        (f"document: {DOC}\nindicators: {{territory: XAB}}\n", "list"),
    ],
)
def test_load_gold_names_the_file_and_entry_of_malformed_gold(tmp_path: Path, content: str, complaint: str):
    path = write_gold(tmp_path, content, "bad.yaml")
    with pytest.raises(GoldError, match=complaint) as info:
        load_gold(tmp_path)
    assert str(path) in str(info.value)


def test_load_gold_refuses_two_files_for_one_document(tmp_path: Path) -> None:
    write_gold(tmp_path, GOLD_YAML, "a.yaml")
    write_gold(tmp_path, GOLD_YAML, "b.yaml")
    with pytest.raises(GoldError, match=r"b\.yaml.*a\.yaml"):
        load_gold(tmp_path)


def test_load_gold_of_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not a directory"):
        load_gold(tmp_path / "nowhere")


def test_unknown_vocabulary_names_are_warnings_not_errors(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path, events=[{"type": "secede", "parties": ["XAB", "GEO"], "date": None, "text": "vote"}]
    )
    [warning] = gold[DOC].warnings
    assert "secede" in warning
    record = event("secede", parties=["GEO", "XAB"], evidence=["Moscow has not recognised the vote."])
    report = run(gold, [record])
    assert report.events.matched == 1
    assert "secede" in format_report(report)
