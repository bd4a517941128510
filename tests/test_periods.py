"""Named moments of history as dates: "as the Soviet Union collapsed" is 1990-1991.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from annexwatch.extract import build_context
from annexwatch.models import DateInterval
from annexwatch.nlp.events import extract_events
from annexwatch.nlp.periods import find_period_anchors
from annexwatch.nlp.timex import find_timexes


def test_period_placed_by_as_is_a_date() -> None:
    text = "Abkhazia drifted away from Tbilisi as the USSR fell apart."
    [anchor] = find_period_anchors(text)
    assert anchor.text == "the USSR fell apart"
    assert anchor.interval == DateInterval.parse("1990/1991")
    assert (anchor.kind, anchor.anchor, anchor.signal) == ("date", "history", "as")


def test_after_and_before_make_bounds() -> None:
    after = find_period_anchors("Georgia cut the rail link after the five-day war.")
    before = find_period_anchors("The villages were Georgian before the Georgian-Abkhaz war.")
    assert [(t.kind, t.interval) for t in after] == [("since", DateInterval.parse("2008-08-07/2008-08-12"))]
    assert [(t.kind, t.interval) for t in before] == [("until", DateInterval.parse("1992-08-14/1993-09-30"))]


def test_period_named_without_a_placing_word_dates_only_what_it_names() -> None:
    for text in (
        "The collapse of the Soviet Union was a shock to the region.",
        "Historians still argue over the Rose Revolution.",
    ):
        [anchor] = find_period_anchors(text)
        assert (anchor.kind, anchor.signal) == ("name", None)  # no date of other events


def test_the_time_engine_keeps_what_it_dates_itself() -> None:
    text = "Azerbaijan retook the districts in the 44-day war of 2020."
    engine = find_timexes(text)
    anchors = find_period_anchors(text, engine)
    assert [a.text for a in anchors] == ["the 44-day war"]
    text = "Russia recognised both regions after the 2008 Russia-Georgia war."
    assert find_period_anchors(text, find_timexes(text)) == []  # no phrase without the year


@pytest.mark.model
def test_a_breakaway_told_by_the_soviet_collapse_is_dated_by_it() -> None:
    text = (
        "Nagorno-Karabakh, an Armenian-populated enclave, broke away from Azerbaijan when the Soviet "
        "Union collapsed."
    )
    [event] = [e for e in extract_events(build_context(text, None)) if e.type == "declare_independence"]
    assert (event.source, event.target) == ("XNK", "AZE")
    assert event.date == DateInterval.parse("1990/1991")
    assert event.date_text == "the Soviet Union collapsed"


@pytest.mark.model
def test_a_war_named_by_its_period_is_dated_by_it() -> None:
    text = "Georgia and Russia fought in the five-day war, which left Tskhinvali in ruins."
    wars = [e for e in extract_events(build_context(text, None)) if e.type == "armed_conflict"]
    assert wars and all(e.date == DateInterval.parse("2008-08-07/2008-08-12") for e in wars)


@pytest.mark.model
def test_a_war_placed_before_another_act_is_still_dated_by_its_period() -> None:
    text = "Russia opened a base in Gudauta after a five-day war with Georgia."
    events = extract_events(build_context(text, None))
    wars = [e for e in events if e.type == "armed_conflict"]
    assert wars and all(e.date == DateInterval.parse("2008-08-07/2008-08-12") for e in wars)
