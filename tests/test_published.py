"""Publication-date inference: bylines, datelines, content bounds and terms of office.

The articles are written for these tests.
"""

from __future__ import annotations

import datetime as dt

from annexwatch.documents.published import OfficeTerm, infer_published
from annexwatch.models import DateInterval

TODAY = dt.date(2026, 1, 15)

BIBILOV = OfficeTerm(
    person="Anatoly Bibilov",
    aliases=["Anatoly Bibilov", "Bibilov"],
    titles=["South Ossetian President", "President", "leader"],
    start=dt.date(2017, 4, 21),
    end=dt.date(2022, 5, 24),
)
GUNBA = OfficeTerm(
    person="Badra Gunba",
    aliases=["Badra Gunba", "Gunba"],
    titles=["Vice President", "President"],
    start=dt.date(2025, 3, 6),
    end=None,
)


def test_metadata_wins_as_is() -> None:
    given = DateInterval.day(2022, 5, 13)
    result = infer_published("Tbilisi, 1 March 2001. Nothing else matters.", given, today=TODAY)
    assert result.interval == given
    assert result.cues == ["metadata"]


def test_byline_line() -> None:
    text = (
        "Breakaway region adopts new budget\nBy Staff Reporter\nApr 15, 2022\n\nThe assembly voted on Friday."
    )
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.day(2022, 4, 15)
    assert result.cues == ["byline 'Apr 15, 2022'"]


def test_published_label_byline() -> None:
    text = "Published: 3 February 2021 | Updated: 4 February 2021\n\nThe vote was held in 2020."
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.day(2021, 2, 3)


def test_dateline_with_city_and_agency() -> None:
    text = "STEPANAKERT, 9 June 2021 (Example Agency). The assembly debated a new law on local elections."
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.day(2021, 6, 9)
    assert result.cues == ["dateline '9 June 2021'"]


def test_dateline_city_only() -> None:
    text = "Tiraspol, 2 September 2020. Veterans marched through the centre to mark the anniversary."
    assert infer_published(text, today=TODAY).interval == DateInterval.day(2020, 9, 2)


def test_date_in_prose_is_not_a_byline() -> None:
    text = "Region in focus\n\nOn March 9th, 2019 the embassy criticised the new customs rules.\n"
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2019, 3, 9), TODAY)
    assert result.cues == ["lower: latest date mentioned 'March 9th, 2019'", "upper: today"]


def test_yearless_byline_year_from_the_weekday() -> None:
    text = (
        "Regional news\n\nBy A. Writer\nMonday, October 14\n"
        "The accord, signed in the capital on April 3, 2018, was approved by the assembly on October 10."
    )
    result = infer_published(text, today=TODAY)
    # Monday, October 14 falls in 2019 and 2024 between 2018 and today: the earliest is taken
    assert result.interval == DateInterval.day(2019, 10, 14)
    assert "2019" in result.cues[0] and "2024" in result.cues[0]
    assert result.cues[0].startswith("weekday 'Monday, October 14' -> 2019")


def test_yearless_byline_after_a_later_mention() -> None:
    text = "Regional news\nMonday, October 14\nThe customs deal of June 2020 has been extended."
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.day(2024, 10, 14)  # 2019 is before the June 2020 mention


def test_undated_article_is_bounded_below_by_its_latest_date() -> None:
    text = (
        "The small republic opened a consulate in the region on 4 March 2010. A neighbour had closed its "
        "own mission on 21 November 2012, and the two envoys met in the capital this week."
    )
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2012, 11, 21), TODAY)
    assert result.cues == ["lower: latest date mentioned '21 November 2012'", "upper: today"]


def test_deadlines_and_plans_are_not_lower_bounds() -> None:
    text = (
        "The republic was founded in 1991. Its government announced in 2019 that all institutions will be "
        "dissolved by 1 January 2030, and elections are planned for 2028."
    )
    result = infer_published(text, today=TODAY)
    assert result.interval is not None
    assert result.interval.start == dt.date(2019, 1, 1)
    assert result.cues[0] == "lower: latest date mentioned '2019'"


def test_budget_year_is_not_a_past_mention() -> None:
    text = "In 2018 the assembly met only twice. On Friday it adopted the 2021 budget, mostly paid by Moscow."
    result = infer_published(text, today=TODAY)
    assert result.interval is not None and result.interval.start == dt.date(2018, 1, 1)


def test_titled_office_holder_narrows_the_range() -> None:
    text = "The region's parliament met in 2018. President Anatoly Bibilov told reporters he backed the plan."
    result = infer_published(text, terms=[BIBILOV, GUNBA], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2018, 1, 1), dt.date(2022, 5, 24))
    assert "upper: term of 'President Anatoly Bibilov' ends 2022-05-24" in result.cues


def test_term_gives_a_lower_bound_when_nothing_else_does() -> None:
    text = "South Ossetian President Anatoly Bibilov signed the decree on Thursday."
    result = infer_published(text, terms=[BIBILOV], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2017, 4, 21), dt.date(2022, 5, 24))


def test_former_office_holder_does_not_bound() -> None:
    text = "The region's parliament met in 2018. Former President Anatoly Bibilov criticised the plan."
    result = infer_published(text, terms=[BIBILOV], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2018, 1, 1), TODAY)
    assert not any("Bibilov" in cue for cue in result.cues)


def test_name_without_title_does_not_bound() -> None:
    text = "The region's parliament met in 2018. Bibilov was not present."
    result = infer_published(text, terms=[BIBILOV], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2018, 1, 1), TODAY)


def test_term_contradicting_the_dates_is_reported_and_dates_win() -> None:
    text = (
        "Voters went to the polls in March 2024. President Anatoly Bibilov had called the vote unnecessary."
    )
    result = infer_published(text, terms=[BIBILOV], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2024, 3, 1), TODAY)
    assert any(cue.startswith("conflict: term of 'President Anatoly Bibilov'") for cue in result.cues)


def test_weekday_dated_reference_narrows_to_a_week() -> None:
    text = (
        "A comment on the alliance treaty.\n\n"
        "The agreement with the breakaway region was signed in January 2015. "
        "Last Wednesday, March 18, the two presidents met again in the capital."
    )
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2015, 3, 19), dt.date(2015, 3, 25))
    assert any(cue.startswith("weekday 'Last Wednesday, March 18'") for cue in result.cues)


def test_no_cue_at_all_gives_none() -> None:
    result = infer_published("The congress met on Wednesday and adopted a declaration.", today=TODAY)
    assert result.interval is None
    assert result.cues[-1].startswith("no lower bound")


def test_never_a_made_up_single_day() -> None:
    text = "The enclave was founded in 1990 and has held elections since then."
    result = infer_published(text, today=TODAY)
    assert result.interval is not None and result.interval.width_days > 1


def test_byline_outside_a_term_is_kept_and_reported() -> None:
    text = "Region votes\nMarch 3, 2016\n\nPresident Anatoly Bibilov thanked the voters."
    result = infer_published(text, terms=[BIBILOV], today=TODAY)
    assert result.interval == DateInterval.day(2016, 3, 3)
    assert result.cues[0] == "byline 'March 3, 2016'"
    assert result.cues[1].startswith("conflict: the byline date lies outside the term")


def test_date_mentioned_as_published_in_prose_is_not_a_byline() -> None:
    text = (
        "Decree in force\n\nThe decree was published in the official gazette on 3 March 2015 and took effect."
    )
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2015, 3, 3), TODAY)


def test_published_title_in_apposition_and_any_case_bounds_the_term() -> None:
    terms = [
        OfficeTerm("Aleksei Chaly", ["Aleksei Chaly"], ["mayor"], dt.date(2014, 2, 23), dt.date(2014, 4, 30)),
        OfficeTerm(
            "Jane Roe",
            ["Jane Roe"],
            ["State Department spokesperson"],
            dt.date(2017, 4, 1),
            dt.date(2019, 3, 1),
        ),
    ]
    text = "The decree was endorsed by the self-declared mayor, Aleksei Chaly, in his office."
    inference = infer_published(text, terms=terms, today=dt.date(2026, 11, 22))
    assert inference.interval == DateInterval.between(dt.date(2014, 2, 23), dt.date(2014, 4, 30))
    text = "On 26 January 2018 State Department Spokesperson Jane Roe said the treaty was void."
    inference = infer_published(text, terms=terms, today=dt.date(2026, 11, 22))
    assert inference.interval is not None and inference.interval.end == dt.date(2019, 3, 1)


# --- the article's address ------------------------------------------------------------------


def test_day_in_the_address_dates_an_article_without_byline() -> None:
    text = "Sukhum votes for a new parliament\n\nVoters went to the polls on Sunday in 2019."
    for url in (
        "https://news.example.org/caucasus/2019/03/10/sukhum-votes",
        "https://news.example.org/caucasus/sukhum-votes-20190310.html",
    ):
        result = infer_published(text, url=url, today=TODAY)
        assert result.interval == DateInterval.day(2019, 3, 10), url
        assert result.cues[0].startswith("address date")


def test_month_archive_in_the_address_narrows_the_range() -> None:
    text = "The enclave adopted its first budget in 2015. Its assembly met again this week."
    url = "http://archive.example.com/sitemap/2016/3/article/budget/1234.html"
    result = infer_published(text, url=url, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2016, 3, 1), dt.date(2016, 3, 31))
    assert "upper: address date '/2016/3' in the URL" in result.cues


def test_address_date_against_a_later_mention_gives_way_and_says_so() -> None:
    text = "The treaty was ratified in May 2017, a year after the talks began."
    result = infer_published(text, url="https://example.org/2016/01/treaty-talks", today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2017, 5, 1), TODAY)
    assert any(cue.startswith("conflict: the address date") for cue in result.cues)


def test_numbers_in_the_address_that_are_no_date_do_not_bound() -> None:
    text = "The enclave adopted its first budget in 2015."
    result = infer_published(text, url="https://example.org/news/20875-27597", today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2015, 1, 1), TODAY)


# --- the headline ----------------------------------------------------------------------------

SIGN_VERBS = ["sign", "recognise", "withdraw"]


def test_present_tense_headline_dated_by_its_news_gives_that_day_or_the_next() -> None:
    title = "Nauru and Abkhazia Sign Visa Accord"
    text = (
        "Nauru and Abkhazia have agreed to drop visas for each other's citizens. The accord was signed "
        "in Sukhum by the foreign minister of Nauru on 15 December 2009, a year after recognition."
    )
    result = infer_published(text, title=title, news_verbs=SIGN_VERBS, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2009, 12, 15), dt.date(2009, 12, 16))
    assert result.cues[-1].startswith(f"headline {title!r} reports news dated '15 December 2009'")


def test_headline_news_needs_a_named_actor_and_resolves_a_yearless_day_in_the_range() -> None:
    chaly = OfficeTerm(
        "Aleksei Chaly", ["Aleksei Chaly"], ["mayor"], dt.date(2014, 2, 23), dt.date(2014, 4, 30)
    )
    title = "Sevastopol Mayor Signs Decree on Russian Passports"
    text = (
        "The self-declared mayor, Aleksei Chaly, has signed a decree on passports. "
        "He signed it there on 21 March, before a crowd of supporters."
    )
    result = infer_published(text, terms=[chaly], title=title, news_verbs=SIGN_VERBS, today=TODAY)
    # no shared name in the dated sentence ("He signed ...") -> the headline cannot be placed
    assert result.interval == DateInterval.between(dt.date(2014, 2, 23), dt.date(2014, 4, 30))
    text = text.replace("He signed it there", "Chaly signed it in Sevastopol")
    result = infer_published(text, terms=[chaly], title=title, news_verbs=SIGN_VERBS, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2014, 3, 21), dt.date(2014, 3, 22))


def test_headline_news_must_be_the_headline_actors_own() -> None:
    title = "Tonga withdraws recognition of the breakaway regions"
    text = (
        "Tonga has withdrawn its recognition of the two regions, its envoy said. "
        "Palau withdrew its recognition on 3 May 2016."
    )
    result = infer_published(text, title=title, news_verbs=SIGN_VERBS, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2016, 5, 3), TODAY)
    assert not any(cue.startswith("headline") for cue in result.cues)


def test_headline_news_planned_for_a_day_does_not_date_the_article() -> None:
    title = "Moldova and Ukraine Sign Transit Deal"
    text = (
        "Moldova and Ukraine agreed a transit deal in 2020. Ministers from Moldova will sign the final "
        "text in Odesa on 3 June 2021."
    )
    result = infer_published(text, title=title, news_verbs=SIGN_VERBS, today=TODAY)
    assert not any(cue.startswith("headline") for cue in result.cues)


def test_headline_in_the_past_tense_is_no_news_of_the_day() -> None:
    title = "How Nauru and Abkhazia signed a visa accord"
    text = "The accord was signed in Sukhum by the foreign minister of Nauru on 15 December 2009."
    result = infer_published(text, title=title, news_verbs=SIGN_VERBS, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2009, 12, 15), TODAY)


# --- dates still ahead ---------------------------------------------------------------------


def test_a_date_still_ahead_bounds_the_article_from_above() -> None:
    text = "The republic last voted in 2019. Parliamentary elections are due in June 2024."
    result = infer_published(text, today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2019, 1, 1), dt.date(2024, 6, 30))
    assert "upper: 'June 2024' is still ahead" in result.cues


def test_a_future_told_in_the_past_or_another_clause_does_not_bound() -> None:
    for text in (
        "In 2019 officials said elections would be held in June 2020.",
        "Ministers will sign the text soon, after talks that began in March 2020.",
    ):
        result = infer_published(text, today=TODAY)
        assert result.interval is not None and result.interval.end == TODAY, text


def test_a_plural_title_before_a_list_of_names_bounds_each_term() -> None:
    start, end = dt.date(2012, 10, 25), dt.date(2014, 11, 5)
    minister = OfficeTerm("Jane Roe", ["Jane Roe"], ["foreign minister"], start, end)
    text = (
        "The protocol was first drafted in May 2013. The two foreign ministers, John Doe of Vanuatu "
        "and Jane Roe of Georgia, put their names to it."
    )
    result = infer_published(text, terms=[minister], today=TODAY)
    assert result.interval == DateInterval.between(dt.date(2013, 5, 1), dt.date(2014, 11, 5))


def test_a_weekday_dated_day_before_other_days_told_as_past_is_no_day_of_the_last_week() -> None:
    text = (
        "Passports were handed out from 2019. The stand-off ended on Monday, 21 February, earlier this "
        "year, when Moscow recognised both regions. On 30 September Moscow signed treaties with them."
    )
    result = infer_published(text, today=dt.date(2026, 1, 15))
    assert result.interval is not None
    assert result.interval.start == dt.date(2022, 2, 21) and result.interval.end > dt.date(2022, 2, 28)
    assert any("later days are told as past" in cue for cue in result.cues)
