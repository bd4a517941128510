"""Day ranges inside one month: 'from 3 to 6 May', 'between 8 and 9 June', '12 and 13 May'.
A range whose both ends the expression gives is the date itself, not a 'since' bound."""

from __future__ import annotations

from annexwatch.models import DateInterval
from annexwatch.nlp.timex import find_timexes

DCT = DateInterval.day(2019, 7, 1)


def test_from_day_to_day_of_a_month_is_one_date_range() -> None:
    [timex] = find_timexes("The polls were open from 3 to 6 May.", DCT)
    assert timex.kind == "date"
    assert timex.interval == DateInterval.parse("2019-05-03/2019-05-06")


def test_between_day_and_day_of_a_month_is_one_date_range() -> None:
    [timex] = find_timexes("Voting took place between 8 and 9 June.", DCT)
    assert timex.kind == "date"
    assert timex.interval == DateInterval.parse("2019-06-08/2019-06-09")


def test_month_first_day_range_with_to() -> None:
    [timex] = find_timexes("Talks ran May 14 to 16 in Geneva.", DCT)
    assert timex.interval == DateInterval.parse("2019-05-14/2019-05-16")


def test_from_a_single_day_is_still_a_since_bound() -> None:
    [timex] = find_timexes("Flights are suspended from 3 May.", DCT)
    assert timex.kind == "since"


def test_a_year_less_day_just_after_an_explicit_one_continues_its_year() -> None:
    text = "The offensive began on 19 September 2023. The leaders signed the decree on 28 September."
    found = find_timexes(text, DateInterval.day(2025, 2, 1))
    assert [str(t.interval) for t in found] == ["2023-09-19", "2023-09-28"]
