"""Merging event mentions across documents: the pure clustering rules."""

from __future__ import annotations

import datetime as dt

from annexwatch.knowledge.merge import (
    Mention,
    agreement_signature,
    cluster_mentions,
    conflict_summary,
    conflict_text,
    load_merge_rules,
    merge_key,
)
from annexwatch.models import DateInterval

_ids = iter(range(1, 10_000))


def mention(
    document: str,
    date: str | None,
    type_: str = "sign_agreement",
    parties: tuple[str, ...] | None = ("RUS", "XAB"),
    source: str | None = None,
    target: str | None = None,
    agreement: str | None = None,
    published: str | None = None,
) -> Mention:
    return Mention(
        event_id=next(_ids),
        document=document,
        type=type_,
        source=source,
        target=target,
        parties=parties,
        modality="asserted",
        date=DateInterval.parse(date) if date else None,
        agreement=agreement,
        published_end=DateInterval.parse(published).end if published else None,
    )


def recognition(document: str, date: str | None, by: str = "RUS", published: str | None = None) -> Mention:
    return mention(document, date, "recognize", None, by, "XAB", published=published)


def test_party_order_does_not_change_the_key() -> None:
    assert merge_key("ceasefire", None, None, ["XTR", "MDA"], "asserted") == merge_key(
        "ceasefire", None, None, ["MDA", "XTR"], "asserted"
    )
    assert merge_key("recognize", "RUS", "XAB", None, "asserted") != merge_key(
        "recognize", "RUS", "XAB", None, "future"
    )


def test_a_year_a_month_and_a_day_of_the_same_treaty_are_one_event_dated_to_the_day() -> None:
    clusters = cluster_mentions(
        [mention("a.md", "2014"), mention("b.md", "2014-11"), mention("c.md", "2014-11-24")]
    )
    assert len(clusters) == 1
    assert clusters[0].date == DateInterval.day(2014, 11, 24)
    assert not clusters[0].has_conflict
    reasons = [j.reason for j in clusters[0].members]
    assert reasons == [
        "first mention",
        "its date 2014-11 contains 2014-11-24; same type and actors",
        "its date 2014 contains 2014-11-24; same type and actors",
    ]


def test_treaties_years_apart_stay_two_events() -> None:
    clusters = cluster_mentions([mention("a.md", "2008-09-17"), mention("b.md", "2014-11-24")])
    assert sorted(str(c.date) for c in clusters) == ["2008-09-17", "2014-11-24"]


def test_differently_named_agreements_of_the_same_year_stay_apart() -> None:
    clusters = cluster_mentions(
        [
            mention("a.md", "2010-02", agreement="agreement on a joint military base"),
            mention("b.md", "2010", agreement="Agreement on Visa-Free Travel"),
        ]
    )
    assert len(clusters) == 2


def test_one_recognition_reported_with_two_dates_is_one_event_with_a_conflict() -> None:
    clusters = cluster_mentions(
        [
            recognition("a.md", "2008-08-26"),
            recognition("b.md", "2008-08-26"),
            recognition("c.txt", "2008-08-27"),
        ]
    )
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.has_conflict
    # the date most documents give wins; the dissenting source is kept and flagged
    assert cluster.date == DateInterval.day(2008, 8, 26)
    conflict = conflict_summary(cluster)
    assert conflict is not None
    assert {c["document"]: c["agrees"] for c in conflict} == {"a.md": True, "b.md": True, "c.txt": False}
    assert conflict_text(conflict) == "2008-08-26 (2 documents) vs 2008-08-27 (c.txt)"
    dissent = next(j for j in cluster.members if j.mention.document == "c.txt")
    assert "disagrees" in dissent.reason and "once" in dissent.reason


def test_a_recognition_given_again_years_later_is_a_second_event() -> None:
    # beyond the pack's conflict window, a second recognition is a new act, not a misdating
    clusters = cluster_mentions([recognition("a.md", "2011-05"), recognition("b.md", "2018-06-01")])
    assert len(clusters) == 2 and not any(c.has_conflict for c in clusters)


def test_the_same_named_ceasefire_dated_1992_and_1993_is_one_event_with_a_conflict() -> None:
    ceasefire = dict(type_="ceasefire", parties=("GEO", "XSO"), agreement="the Sochi agreement")
    clusters = cluster_mentions(
        [
            mention("a.md", "1992-06-24", **ceasefire),  # type: ignore[arg-type]
            mention("b.md", "1993", **ceasefire),  # type: ignore[arg-type]
        ]
    )
    assert len(clusters) == 1 and clusters[0].has_conflict
    assert "same named agreement" in clusters[0].members[1].reason


def test_unnamed_ceasefires_a_year_apart_are_not_merged() -> None:
    # ceasefires recur (Donbas had several within a year): without a shared name, two dates
    # that disagree are two ceasefires
    clusters = cluster_mentions(
        [
            mention("a.md", "2014-09-05", "ceasefire", ("UKR", "XDN")),
            mention("b.md", "2015-02-12", "ceasefire", ("UKR", "XDN")),
        ]
    )
    assert len(clusters) == 2


def test_an_undated_recognition_joins_the_only_dated_one() -> None:
    clusters = cluster_mentions([recognition("a.md", "2009-12-15", "NRU"), recognition("b.md", None, "NRU")])
    assert len(clusters) == 1
    assert "the only recognize" in clusters[0].members[1].reason


def test_an_undated_ceasefire_is_not_guessed_into_a_dated_one() -> None:
    clusters = cluster_mentions(
        [
            mention("a.md", "2008-08-12", "ceasefire", ("GEO", "XSO")),
            mention("b.md", None, "ceasefire", ("GEO", "XSO")),
            mention("c.md", None, "ceasefire", ("GEO", "XSO")),
        ]
    )
    assert len(clusters) == 2
    undated = next(c for c in clusters if c.date is None)
    assert len(undated.members) == 2


def test_an_undated_report_cannot_be_of_an_event_after_its_publication() -> None:
    clusters = cluster_mentions(
        [recognition("late.md", "2018-05-29", "SYR"), recognition("early.md", None, "SYR", published="2012")]
    )
    assert len(clusters) == 2


def test_agreement_names_compare_on_content_words() -> None:
    rules = load_merge_rules()
    assert agreement_signature("the Treaty on Alliance and Integration", rules) == agreement_signature(
        "Treaty Alliance Integration", rules
    )
    assert agreement_signature("the 2015 treaties", rules) == agreement_signature("treaty", rules)
    assert agreement_signature(None, rules) is None


def test_merging_is_independent_of_input_order() -> None:
    ms = [recognition("a.md", "2008-08-26"), recognition("b.md", "2008-08"), recognition("c.md", None)]
    forward = cluster_mentions(ms)
    backward = cluster_mentions(list(reversed(ms)))
    assert [(c.date, sorted(m.event_id for m in c.mentions)) for c in forward] == [
        (c.date, sorted(m.event_id for m in c.mentions)) for c in backward
    ]
    assert forward[0].date == DateInterval(dt.date(2008, 8, 26), dt.date(2008, 8, 26), "day")


def test_a_coarser_later_report_says_its_date_contains_the_day() -> None:
    clusters = cluster_mentions([mention("a.md", "2015-03-18"), mention("b.md", "2015")])
    (cluster,) = clusters
    assert cluster.date == DateInterval.day(2015, 3, 18)
    assert cluster.members[1].reason == "its date 2015 contains 2015-03-18; same type and actors"
