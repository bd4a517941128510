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
        "The agreement between Russia and South Ossetia, which was signed in Moscow on 31 March 2017, "
        "covers military service."
    )
    [ev] = find(events_of(text), "sign_agreement")
    assert ev.parties == ["RUS", "XSO"]
    assert ev.date == DateInterval.day(2017, 3, 31)
    assert "signed in Moscow on 31 March 2017" in ev.evidence[0].text


def test_events_ratify_by_agent_targets_the_other_party() -> None:
    text = (
        "Moscow submitted an agreement between Russia and South Ossetia to parliament. "
        "The agreement was ratified by the State Duma on 24 January 2018."
    )
    [ev] = find(events_of(text), "ratify_agreement")
    assert (ev.source, ev.target) == ("RUS", "XSO")
    assert ev.parties is None
    assert ev.date == DateInterval.day(2018, 1, 24)


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
        "Russia recognised the two regions of Abkhazia and South Ossetia on 26 August 2008; "
        "Nicaragua followed on 5 September 2008, Venezuela on 10 September 2009."
    )
    events = find(events_of(text), "recognize")
    dates = {(e.source, e.target): e.date for e in events}
    assert dates[("NIC", "XSO")] == DateInterval.day(2008, 9, 5)
    assert dates[("VEN", "XAB")] == DateInterval.day(2009, 9, 10)
    assert dates[("RUS", "XAB")] == DateInterval.day(2008, 8, 26)


def test_events_condemn_target_is_the_possessor_of_the_act() -> None:
    text = (
        "On 26 January 2018 the United States condemned Russia's decision "
        "to form a joint force with South Ossetia."
    )
    [ev] = find(events_of(text), "condemn")
    assert (ev.source, ev.target) == ("USA", "RUS")
    assert ev.date == DateInterval.day(2018, 1, 26)
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
        ("The United States urges Russia to withdraw its recognition of Abkhazia.", "hypothetical"),
    ],
)
def test_events_modality(text: str, modality: str) -> None:
    events = events_of(text, "2019-05-01")
    assert events, text
    assert {e.modality for e in events} == {modality}


def test_events_one_event_per_document_takes_the_most_precise_date() -> None:
    text = (
        "Russia has just signed an integration treaty with South Ossetia. "
        "Putin signed the treaty with South Ossetia on 18 March 2015 in the Kremlin."
    )
    [ev] = find(events_of(text, "2015-03-20"), "sign_agreement")
    assert ev.date == DateInterval.day(2015, 3, 18)
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
        "The agreement between Russia and South Ossetia was ratified by the State Duma "
        "three days ago - on January 25."
    )
    [ev] = find(events_of(text, "2018-01-30"), "ratify_agreement")
    assert ev.date == DateInterval.day(2018, 1, 25)
    assert ev.date_conflict and "January 25" in ev.date_conflict


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
        ("Russia invested 43 billion rubles in South Ossetia.", "provide_aid", ("RUS", "XSO"), None),
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
    text = "The president set 17 July as the date of a referendum on South Ossetia's entry into Russia."
    [ev] = find(events_of(text, "2022-05-13"), "announce_accession")
    assert (ev.source, ev.target) == ("XSO", "RUS")


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
        events_of("Tuvalu has withdrawn its recognition of Abkhazia.", "2014-04-02"), "withdraw_recognition"
    )
    assert ev.date == DateInterval.day(2014, 4, 2)
    assert ev.date_text and "present perfect" in ev.date_text
    # with no publication date there is nothing to anchor it: no made-up date
    [undated] = find(events_of("Tuvalu has withdrawn its recognition of Abkhazia."), "withdraw_recognition")
    assert undated.date is None


def test_events_a_scheduled_date_is_not_the_date_of_the_announcement() -> None:
    text = "The president of South Ossetia has set 17 July as the date of a referendum on joining Russia."
    [ev] = find(events_of(text, "2022-05-13"), "announce_accession")
    assert ev.date == DateInterval.day(2022, 5, 13)  # announced by publication, not on 17 July


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
        events_of("Some 3,500 Russian soldiers are permanently stationed in South Ossetia."), "deploy_forces"
    )


def test_events_a_conjoined_act_cites_its_shared_subject() -> None:
    text = (
        "The United States and the European Union rejected the vote and imposed sanctions on 17 March 2014."
    )
    events = find(events_of(text), "impose_sanctions")
    assert {e.source for e in events} == {"USA", "EU"}
    assert all(e.evidence[0].text.startswith("The United States") for e in events)


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
        'The treaty ("Alliance and Strategic Partnership") has been signed with Abkhazia as well. '
        "Moscow also began concluding a military agreement with Abkhazia (signed in November 2014)."
    )
    events = find(events_of(text, "2018-01-30"), "sign_agreement")
    dates = sorted(str(e.date) for e in events)
    assert dates == ["2014-11", "None"]  # two agreements; the passive perfect sets no date


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
        "Putin said the referendum held on 16 March was democratic. "
        "Ukraine's government said the vote was illegal."
    )
    events = events_of(text, "2014-03-18")
    [endorse] = find(events, "endorse")
    assert (endorse.source, endorse.target) == ("RUS", "XCR")
    assert "was democratic" in endorse.evidence[0].text
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
