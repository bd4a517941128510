"""Events on sentences written for these tests: the four first types, their actors,
dates, modality, coordination, and one event per document."""

from __future__ import annotations

import pytest

from annexwatch.extract import build_context
from annexwatch.models import DateInterval, Event
from annexwatch.nlp.events import extract_events

pytestmark = pytest.mark.model


def events_of(text: str, published: str | None = None) -> list[Event]:
    dct = DateInterval.parse(published) if published else None
    return extract_events(build_context(text, dct))


def find(events: list[Event], type_: str, **fields: object) -> list[Event]:
    out = []
    for ev in events:
        if ev.type != type_:
            continue
        if all(getattr(ev, k) == v for k, v in fields.items()):
            out.append(ev)
    return out


def test_events_sign_agreement_active_with_date() -> None:
    events = events_of(
        "Russia and Abkhazia signed a treaty on alliance and strategic partnership on 24 November 2014."
    )
    [ev] = find(events, "sign_agreement")
    assert ev.parties == ["RUS", "XAB"]
    assert ev.source is None and ev.target is None
    assert ev.date == DateInterval.day(2014, 11, 24)
    assert ev.plover == "SUPPORT" and ev.cameo == "057"
    assert "signed a treaty" in ev.evidence[0].text


def test_events_sign_agreement_person_acts_for_office() -> None:
    text = "Vladimir Putin signed an agreement with Leonid Tibilov in Moscow on 18 March 2015."
    [ev] = find(events_of(text), "sign_agreement")
    assert ev.parties == ["RUS", "XSO"]  # "in Moscow" is the place, not a party
    assert set(ev.persons) == {"Vladimir Putin", "Leonid Tibilov"}


def test_events_sign_needs_an_agreement_not_a_decree() -> None:
    assert not find(
        events_of("The president of Abkhazia signed a decree on pensions in May 2019."), "sign_agreement"
    )


def test_events_passive_relative_clause_takes_parties_from_the_agreement() -> None:
    text = (
        "The protocol between Turkey and Northern Cyprus, which was signed in Ankara on 5 June 2024, "
        "funds roads and hospitals."
    )
    [ev] = find(events_of(text), "sign_agreement")
    assert ev.parties == ["TUR", "XNC"]
    assert ev.date == DateInterval.day(2024, 6, 5)
    assert "signed in Ankara on 5 June 2024" in ev.evidence[0].text


def test_events_ratify_by_agent_targets_the_other_party() -> None:
    text = (
        "The Kremlin sent a treaty between Russia and Abkhazia to the deputies. "
        "The treaty was ratified by the Federation Council on 28 January 2015."
    )
    [ev] = find(events_of(text), "ratify_agreement")
    assert (ev.source, ev.target) == ("RUS", "XAB")
    assert ev.parties is None
    assert ev.date == DateInterval.day(2015, 1, 28)


def test_events_recognize_coordination_gives_every_pair() -> None:
    events = events_of("Nicaragua and Venezuela recognised Abkhazia and South Ossetia in 2008.")
    pairs = {(e.source, e.target) for e in find(events, "recognize")}
    assert pairs == {("NIC", "XAB"), ("NIC", "XSO"), ("VEN", "XAB"), ("VEN", "XSO")}


def test_events_recognize_nominal_with_possessor() -> None:
    events = events_of("Russia's recognition of Abkhazia in August 2008 angered Tbilisi.")
    [ev] = find(events, "recognize")
    assert (ev.source, ev.target) == ("RUS", "XAB")
    assert ev.date == DateInterval.month(2008, 8)


def test_events_recognize_not_until_is_asserted_on_that_date() -> None:
    [ev] = find(
        events_of("Russia did not recognise South Ossetia as a state until 26 August 2008."), "recognize"
    )
    assert ev.modality == "asserted"
    assert ev.date == DateInterval.day(2008, 8, 26)


def test_events_recognize_territorial_integrity_is_not_recognition() -> None:
    assert not find(events_of("Tuvalu recognises Georgia's territorial integrity."), "recognize")


def test_events_followed_ellipsis_lists_each_state_with_its_date() -> None:
    text = (
        "Russia recognised both republics, Abkhazia and South Ossetia, in August 2008; "
        "Syria followed in May 2018, Nauru in December 2009."
    )
    events = find(events_of(text), "recognize")
    dates = {(e.source, e.target): e.date for e in events}
    assert dates[("SYR", "XSO")] == DateInterval.month(2018, 5)
    assert dates[("NRU", "XAB")] == DateInterval.month(2009, 12)
    assert dates[("RUS", "XAB")] == DateInterval.month(2008, 8)


def test_events_condemn_target_is_the_possessor_of_the_act() -> None:
    text = (
        "On 4 March 2021 the European Union condemned Turkey's plan "
        "to reopen the fenced-off town in Northern Cyprus."
    )
    [ev] = find(events_of(text), "condemn")
    assert (ev.source, ev.target) == ("EU", "TUR")
    assert ev.date == DateInterval.day(2021, 3, 4)
    assert ev.plover == "ACCUSE" and ev.cameo == "111"


def test_events_condemn_target_from_the_event_condemned() -> None:
    text = (
        "The State Duma ratified the treaty with Abkhazia in January 2015. "
        "Georgia's Foreign Ministry condemned the ratification."
    )
    [ev] = find(events_of(text), "condemn")
    assert (ev.source, ev.target) == ("GEO", "RUS")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Georgia has not condemned the treaty with Russia.", "negated"),
        ("Russia will recognise Transnistria next year.", "future"),
        ("Belarus would recognise Abkhazia only under pressure.", "hypothetical"),
        ("Georgia calls on Nicaragua to withdraw its recognition of Abkhazia.", "hypothetical"),
    ],
)
def test_events_modality(text: str, modality: str) -> None:
    events = events_of(text, "2019-05-01")
    assert events, text
    assert {e.modality for e in events} == {modality}


def test_events_one_event_per_document_takes_the_most_precise_date() -> None:
    text = (
        "Turkey has just signed a new economic protocol with Northern Cyprus. "
        "Erdogan signed the protocol with Northern Cyprus on 5 June 2024 in Ankara."
    )
    [ev] = find(events_of(text, "2024-06-07"), "sign_agreement")
    assert ev.date == DateInterval.day(2024, 6, 5)
    assert len(ev.evidence) == 2


def test_events_different_agreements_stay_apart() -> None:
    text = (
        "Russia signed a military agreement with Abkhazia in November 2014. "
        "A friendship treaty with Abkhazia had been signed by Russia in 2008."
    )
    events = find(events_of(text), "sign_agreement", parties=["RUS", "XAB"])
    assert {str(e.date) for e in events} == {"2014-11", "2008"}


def test_events_explicit_date_beats_relative_cue_and_conflict_is_recorded() -> None:
    text = (
        "The treaty between Russia and Abkhazia was ratified by the Federation Council "
        "two days ago - on 21 October."
    )
    [ev] = find(events_of(text, "2016-10-26"), "ratify_agreement")
    assert ev.date == DateInterval.day(2016, 10, 21)
    assert ev.date_conflict and "21 October" in ev.date_conflict


def test_events_evidence_offsets_point_into_the_text() -> None:
    text = "Syria recognised Abkhazia and South Ossetia on 29 May 2018."
    for ev in events_of(text):
        for span in ev.evidence:
            assert text[span.start : span.end] == span.text


def test_events_plural_treaties_with_several_partners_are_bilateral() -> None:
    text = (
        "Dmitry Medvedev signed treaties of friendship with the South Ossetian leader, Eduard Kokoity, "
        "and the Abkhaz leader, Sergei Bagapsh, on 17 September 2008."
    )
    events = find(events_of(text), "sign_agreement")
    assert sorted(tuple(e.parties or ()) for e in events) == [("RUS", "XAB"), ("RUS", "XSO")]
    assert all(e.date == DateInterval.day(2008, 9, 17) for e in events)


def test_events_headline_and_dateline_are_their_own_sentences() -> None:
    text = "Syria recognises two regions\n\nWednesday, May 30\n\nSyria recognised Abkhazia on 29 May 2018."
    [ev] = find(events_of(text), "recognize")
    assert ev.date == DateInterval.day(2018, 5, 29)


@pytest.mark.parametrize(
    ("text", "type_", "actors", "date"),
    [
        (
            "Azerbaijan launched an attack on Nagorno-Karabakh on 19 September 2023.",
            "armed_conflict",
            ("AZE", "XNK"),
            "2023-09-19",
        ),
        ("The 2008 Russia-Georgia war lasted five days.", "armed_conflict", ("GEO", "RUS"), "2008"),
        (
            "Russia deployed troops to South Ossetia in August 2008.",
            "deploy_forces",
            ("RUS", "XSO"),
            "2008-08",
        ),
        (
            "The United States delivered anti-tank missiles to Georgia on 23 January 2018.",
            "military_aid",
            ("USA", "GEO"),
            "2018-01-23",
        ),
        ("Turkey invested 2 billion lira in Northern Cyprus.", "provide_aid", ("TUR", "XNC"), None),
        ("The EU imposed sanctions on Russia in March 2014.", "impose_sanctions", ("EU", "RUS"), "2014-03"),
        (
            "Georgia severed diplomatic relations with Russia on 29 August 2008.",
            "sever_relations",
            ("GEO", "RUS"),
            "2008-08-29",
        ),
        ("Transnistria broke away from Moldova in 1990.", "declare_independence", ("XTR", "MDA"), "1990"),
        (
            "Crimea held a referendum on joining Russia on 16 March 2014.",
            "hold_referendum",
            ("XCR", "RUS"),
            "2014-03-16",
        ),
        ("Russia annexed Crimea in March 2014.", "annex", ("RUS", "XCR"), "2014-03"),
        ("Lavrov visited Sukhumi in 2019.", "visit", ("RUS", "XAB"), "2019"),
        ("Putin met Aslan Bzhania in Sochi on 12 August 2021.", "meet", ("RUS", "XAB"), "2021-08-12"),
        ("South Ossetia held a presidential election in April 2017.", "election", ("XSO", None), "2017-04"),
        ("Anatoly Bibilov welcomed Syria's decision.", "endorse", ("XSO", "SYR"), None),
    ],
)
def test_events_more_types(text: str, type_: str, actors: tuple[str, str | None], date: str | None) -> None:
    found = find(events_of(text), type_)
    assert found, f"no {type_} in {text!r}"
    ev = found[0]
    got = tuple(ev.parties) if ev.parties else (ev.source, ev.target)
    assert got == actors
    assert ev.date == (DateInterval.parse(date) if date else None)


def test_events_announced_referendum_is_accession_intent() -> None:
    text = (
        "The Transnistrian leader fixed 1 October as the day for a referendum "
        "on Transnistria's entry into Russia."
    )
    [ev] = find(events_of(text, "2019-06-03"), "announce_accession")
    assert (ev.source, ev.target) == ("XTR", "RUS")


def test_events_ceasefire_after_surrender_next_day() -> None:
    text = (
        "Azerbaijan attacked Nagorno-Karabakh on 19 September 2023, "
        "and the authorities surrendered the next day."
    )
    [ev] = find(events_of(text), "ceasefire")
    assert ev.parties == ["AZE", "XNK"]
    assert ev.date == DateInterval.day(2023, 9, 20)


def test_events_scene_date_of_the_paragraph_dates_the_next_act() -> None:
    text = (
        "Wednesday, 18 March 2015 was a busy day for the Kremlin. "
        "In the morning, Putin signed a treaty with Leonid Tibilov."
    )
    [ev] = find(events_of(text, "2015-03-20"), "sign_agreement")
    assert ev.date == DateInterval.day(2015, 3, 18)


def test_events_reaction_is_dated_between_the_act_and_publication() -> None:
    text = (
        "The State Duma ratified the agreement with South Ossetia on 25 January 2018. "
        "Georgia's Foreign Ministry condemned the ratification."
    )
    [ev] = find(events_of(text, "2018-01-30"), "condemn")
    assert ev.date == DateInterval.parse("2018-01-25/2018-01-30")


def test_events_present_perfect_is_recent_when_publication_is_known() -> None:
    [ev] = find(
        events_of("Vanuatu has withdrawn its recognition of Abkhazia.", "2014-04-02"), "withdraw_recognition"
    )
    assert ev.date == DateInterval.day(2014, 4, 2)
    assert ev.date_text and "present perfect" in ev.date_text
    # with no publication date there is nothing to anchor it: no made-up date
    [undated] = find(events_of("Vanuatu has withdrawn its recognition of Abkhazia."), "withdraw_recognition")
    assert undated.date is None


def test_events_a_scheduled_date_is_not_the_date_of_the_announcement() -> None:
    text = "The leader of Transnistria has fixed 1 October as the day for a referendum on joining Russia."
    [ev] = find(events_of(text, "2019-06-03"), "announce_accession")
    assert ev.date == DateInterval.day(2019, 6, 3)  # announced by publication, not on 1 October


def test_events_a_trigger_word_that_states_no_event_does_not_steal_the_date() -> None:
    text = (
        "The State Duma ratified the agreement with South Ossetia on the incorporation of "
        "separate units of South Ossetia's armed forces into the Russian army on 24 January 2018."
    )
    events = events_of(text, "2018-02-02")
    assert not find(events, "annex")  # army units are not the territory
    [ev] = find(events, "ratify_agreement")
    assert ev.date == DateInterval.day(2018, 1, 24)


def test_events_no_date_has_been_set_is_negated() -> None:
    events = events_of(
        "No date has been set for a referendum on joining Russia in South Ossetia.", "2018-02-02"
    )
    assert all(e.modality != "asserted" for e in events if e.type == "announce_accession")


def test_events_a_standing_presence_is_no_deployment() -> None:
    assert not find(
        events_of("About 1,500 Russian soldiers are permanently stationed in Transnistria."), "deploy_forces"
    )


def test_events_a_conjoined_act_cites_its_shared_subject() -> None:
    text = "Washington and the European Union denounced the decree and imposed sanctions on 21 February 2022."
    events = find(events_of(text), "impose_sanctions")
    assert {e.source for e in events} == {"USA", "EU"}
    assert all(e.evidence[0].text.startswith("Washington") for e in events)


def test_events_that_as_relative_pronoun() -> None:
    text = (
        "The war ended with a ceasefire agreement that Boris Yeltsin and the Moldovan president "
        "signed in Moscow on 21 July 1992."
    )
    [ev] = find(events_of(text), "sign_agreement")
    assert ev.parties == ["MDA", "RUS"]
    assert ev.date == DateInterval.day(1992, 7, 21)


def test_events_an_unknown_target_joins_the_known_one() -> None:
    text = (
        "Crimea held a referendum on 16 March 2014. "
        "The referendum on joining Russia was held under occupation."
    )
    events = find(events_of(text), "hold_referendum")
    assert [(e.source, e.target) for e in events] == [("XCR", "RUS")]


def test_events_an_unnamed_signing_joins_the_agreement_just_discussed() -> None:
    text = (
        'The pact ("Customs Union Protocol") has been signed with Transnistria as well. '
        "Moscow also began concluding a gas agreement with Transnistria (signed in March 2019)."
    )
    events = find(events_of(text, "2018-01-30"), "sign_agreement")
    dates = sorted(str(e.date) for e in events)
    assert dates == ["2019-03", "None"]  # two agreements; the passive perfect sets no date


def test_events_a_statement_dated_in_the_next_sentence_dates_the_condemnation() -> None:
    text = (
        "The United States condemned Russia's ratification of the treaty with Abkhazia. "
        "The statement published on its website on 26 January reads as follows."
    )
    [ev] = find(events_of(text, "2018-01-30"), "condemn")
    assert ev.date == DateInterval.day(2018, 1, 26)


def test_events_saying_an_act_was_democratic_or_illegal() -> None:
    text = (
        "Crimea held a referendum on joining Russia on 16 March 2014. "
        "Putin said the vote that took place on 16 March had been fair. "
        "Ukraine's government said the vote was illegal."
    )
    events = events_of(text, "2014-03-18")
    [endorse] = find(events, "endorse")
    assert (endorse.source, endorse.target) == ("RUS", "XCR")
    assert "had been fair" in endorse.evidence[0].text
    assert endorse.date != DateInterval.day(2014, 3, 16)  # the referendum's date is not the saying's
    [condemn] = find(events, "condemn")
    assert (condemn.source, condemn.target) == ("UKR", "XCR")


def test_events_a_scene_date_must_be_the_main_clause_date() -> None:
    text = "Crimea held a referendum on 16 March 2014. Ukraine said the vote was illegal."
    [ev] = find(events_of(text, "2014-03-20"), "condemn")
    assert ev.date == DateInterval.parse("2014-03-16/2014-03-20")  # after the vote, by publication


def test_events_a_scheduled_referendum_is_planned_and_for_date_is_not_the_act_date() -> None:
    text = "The president of South Ossetia has scheduled a referendum on joining Russia for 17 July."
    events = events_of(text, "2022-05-13")
    [held] = find(events, "hold_referendum")
    assert held.modality == "future"
    [announced] = find(events, "announce_accession")
    assert announced.date == DateInterval.day(2022, 5, 13)


def test_events_of_two_equally_precise_dates_the_nearest_dates_the_event() -> None:
    text = (
        "On 30 March 2022, weeks after Russia's invasion of Ukraine began on 24 February 2022, talks stalled."
    )
    [ev] = find(events_of(text), "armed_conflict")
    assert ev.date == DateInterval.day(2022, 2, 24)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Moscow's demand that Minsk recognise South Ossetia went unanswered.", "hypothetical"),
        ("Lukashenko refused to recognise Abkhazia.", "negated"),
    ],
)
def test_events_demanded_or_refused_acts_are_not_asserted(text: str, modality: str) -> None:
    [ev] = find(events_of(text), "recognize")
    assert ev.modality == modality


def test_events_rebuffing_a_call_is_no_condemnation() -> None:
    assert not find(events_of("Belarus has rejected calls to recognise Abkhazia."), "condemn")
