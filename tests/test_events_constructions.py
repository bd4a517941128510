"""Events told by constructions news articles use often: groups of signers, plural
anaphors ("both regions", "the two leaders"), naming verbs, date ranges, participles and
pronouns. Every sentence here is written for these tests."""

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
    return [e for e in events if e.type == type_ and all(getattr(e, k) == v for k, v in fields.items())]


def asserted(events: list[Event], type_: str) -> list[Event]:
    return find(events, type_, modality="asserted")


# --- several signers --------------------------------------------------------------------
def test_patron_and_two_territory_leaders_sign_one_treaty_each() -> None:
    text = (
        "On 26 August 2008 Moscow recognised Abkhazia and South Ossetia. On 17 September Dmitry Medvedev "
        "and the two separatist leaders, Sergei Bagapsh and Eduard Kokoity, signed treaties of friendship "
        "in the Kremlin."
    )
    signed = asserted(events_of(text, "2008-09-20"), "sign_agreement")
    assert sorted(tuple(e.parties or []) for e in signed) == [("RUS", "XAB"), ("RUS", "XSO")]
    assert all(e.date == DateInterval.day(2008, 9, 17) for e in signed)


def test_the_two_leaders_refers_back_to_the_leaders_named_together() -> None:
    text = (
        "In May Dmitry Medvedev met Sergei Bagapsh and Eduard Kokoity in Sochi. "
        "On 3 June, in a hall of the Kremlin, Medvedev and the two leaders signed treaties on "
        "military cooperation."
    )
    signed = asserted(events_of(text, "2009-06-05"), "sign_agreement")
    assert sorted(tuple(e.parties or []) for e in signed) == [("RUS", "XAB"), ("RUS", "XSO")]
    assert all(e.date == DateInterval.day(2009, 6, 3) for e in signed)


def test_passive_signing_by_three_people_named_with_their_offices() -> None:
    text = (
        "The joint statement, signed late on Friday by Russian President Dmitry Medvedev, Georgian "
        "President Mikheil Saakashvili and Turkish Prime Minister Recep Tayyip Erdogan, took effect at noon."
    )
    [ev] = asserted(events_of(text, "2008-08-18"), "sign_agreement")
    assert ev.parties == ["GEO", "RUS", "TUR"]
    assert ev.date == DateInterval.day(2008, 8, 15)


def test_second_mention_of_a_protocol_as_the_document_is_the_same_signing() -> None:
    text = (
        "Russia and Abkhazia signed their annual investment protocol on Tuesday. "
        "The document was signed by the Russian deputy prime minister and the Abkhaz prime minister."
    )
    signed = asserted(events_of(text, "2019-05-30"), "sign_agreement")
    assert len(signed) == 1 and signed[0].parties == ["RUS", "XAB"]
    assert len(signed[0].evidence) == 2


def test_treaties_ratified_on_two_days_target_each_signatory() -> None:
    text = (
        "Dmitry Medvedev and the two separatist leaders, Sergei Bagapsh and Eduard Kokoity, signed "
        "treaties on alliance on 9 May. The treaties were ratified by both chambers of the Russian "
        "parliament on 12 and 13 May."
    )
    ratified = asserted(events_of(text, "2009-06-01"), "ratify_agreement")
    assert sorted((e.source, e.target) for e in ratified) == [("RUS", "XAB"), ("RUS", "XSO")]
    assert all(e.date == DateInterval.parse("2009-05-12/2009-05-13") for e in ratified)


# --- plural referents -------------------------------------------------------------------
def test_sanction_as_a_ban_on_trade_in_both_regions() -> None:
    text = (
        "Moscow recognised Abkhazia and South Ossetia on 26 August 2008. The same day Washington "
        "banned American trade and investment in both regions."
    )
    sanctions = asserted(events_of(text, "2008-09-01"), "impose_sanctions")
    assert sorted((e.source, e.target) for e in sanctions) == [("USA", "XAB"), ("USA", "XSO")]


def test_duties_imposed_by_the_parent_state_hit_its_breakaway_region_in_view() -> None:
    text = "Transnistria's leaders condemned the customs duties recently imposed by Moldova."
    [duties] = asserted(events_of(text, "2025-02-01"), "impose_sanctions")
    assert (duties.source, duties.target) == ("MDA", "XTR")
    assert duties.evidence[0].text == "the customs duties recently imposed by Moldova"  # the whole phrase
    # sanctions over Crimea with no one named: on its patron, not on the territory
    text = "Washington and Brussels have imposed sanctions, the Crimean authorities said."
    assert {e.target for e in asserted(events_of(text, "2025-02-01"), "impose_sanctions")} == {"RUS"}


def test_banning_a_person_is_no_sanction() -> None:
    text = "Abkhazia banned the opposition leader from the election."
    assert not asserted(events_of(text, "2019-05-30"), "impose_sanctions")


def test_plural_referendums_are_held_in_each_territory_over_a_range_of_days() -> None:
    text = (
        "Abkhazia and South Ossetia want to leave Georgia. "
        "The so-called plebiscites on joining Russia took place from 3 to 6 May."
    )
    votes = asserted(events_of(text, "2030-05-10"), "hold_referendum")
    assert sorted((e.source, e.target) for e in votes) == [("XAB", "RUS"), ("XSO", "RUS")]
    assert all(e.date == DateInterval.parse("2030-05-03/2030-05-06") for e in votes)


def test_territories_admitted_by_a_treaty_are_annexed_on_its_signing_day() -> None:
    text = (
        "Abkhazia and South Ossetia held votes in May. On 9 June Russia and the two republics signed "
        "treaties under which the republics were admitted to the Russian Federation."
    )
    annexed = asserted(events_of(text, "2030-06-20"), "annex")
    assert sorted((e.source, e.target) for e in annexed) == [("RUS", "XAB"), ("RUS", "XSO")]
    assert all(e.date == DateInterval.day(2030, 6, 9) for e in annexed)


def test_a_treaty_that_makes_a_territory_part_of_the_patron_annexes_it_when_signed() -> None:
    # the signing is dated in another sentence: the act of the treaty takes that date
    text = (
        "Armenian leaders and the enclave's president have signed a treaty that makes Nagorno-Karabakh "
        "part of Armenia. The signing took place in Yerevan on 3 April 2031."
    )
    [annexed] = asserted(events_of(text, "2031-04-05"), "annex")
    assert (annexed.source, annexed.target) == ("ARM", "XNK")
    assert annexed.date == DateInterval.day(2031, 4, 3)
    assert "makes Nagorno-Karabakh part of Armenia" in annexed.evidence[0].text


def test_declared_or_became_part_of_the_patron_is_an_annexation() -> None:
    text = "Transnistria was declared part of Russia on 2 March 2032."
    declared = asserted(events_of(text, "2032-03-05"), "annex")
    assert [(e.source, e.target, e.date) for e in declared] == [("RUS", "XTR", DateInterval.day(2032, 3, 2))]
    became = asserted(events_of("South Ossetia became part of Russia in 2033.", "2034-01-01"), "annex")
    assert [(e.source, e.target) for e in became] == [("RUS", "XSO")]


def test_part_of_something_else_is_no_annexation() -> None:
    text = (
        "Most of Abkhazia's budget is part of a Russian aid programme, and Sukhum took part in the talks "
        "that made the ceasefire part of the settlement."
    )
    assert not asserted(events_of(text, "2019-05-30"), "annex")


def test_an_annexation_told_as_a_process_is_no_act() -> None:
    text = (
        "Georgia has long warned of Russia's creeping annexation of South Ossetia. Unlike the swift "
        "annexation of Crimea, the annexation of Abkhazia has proceeded slowly and informally."
    )
    annexed = asserted(events_of(text, "2024-01-01"), "annex")
    assert [e.target for e in annexed] == ["XCR"]


def test_admitted_needs_to_or_into() -> None:
    text = "Abkhazia admitted that its budget depends on Moscow."
    assert not asserted(events_of(text, "2019-05-30"), "annex")


# --- condemnation and naming --------------------------------------------------------------
def test_calling_the_votes_a_sham_condemns_the_vote_and_calls_no_referendum() -> None:
    text = (
        "Abkhazia held a referendum on independence on 3 May. "
        'President Mikheil Saakashvili called the vote a "farce" and said Georgia would not talk.'
    )
    events = events_of(text, "2030-05-10")
    assert not find(events, "announce_accession")
    [ev] = asserted(events, "condemn")
    assert (ev.source, ev.target) == ("GEO", "XAB")
    assert ev.evidence[0].text.endswith('a "farce"')  # the closing quote stays in the citation


def test_dismissing_the_vote_as_illegitimate_condemns_it() -> None:
    text = (
        "South Ossetia held a referendum on joining Russia on 10 April. "
        "Georgia's government dismissed the vote as illegitimate."
    )
    [ev] = asserted(events_of(text, "2030-04-15"), "condemn")
    assert (ev.source, ev.target) == ("GEO", "XSO")
    assert ev.date is not None and ev.date.start == DateInterval.day(2030, 4, 10).start


def test_they_in_a_reported_clause_is_the_reporting_subject() -> None:
    text = (
        "Russia annexed Abkhazia on 1 March. NATO foreign ministers said in a joint communique "
        "that they firmly reject and condemn the unlawful annexation."
    )
    [ev] = asserted(events_of(text, "2030-03-05"), "condemn")
    assert (ev.source, ev.target) == ("NATO", "RUS")


# --- elections --------------------------------------------------------------------------
def test_election_commission_is_no_election() -> None:
    text = "The result was confirmed by Abkhazia's central election commission on Monday."
    assert not find(events_of(text, "2019-09-10"), "election")


def test_elections_due_or_upcoming_are_future() -> None:
    text = "Elections in Transnistria are due in December 2026. The upcoming vote worries Chisinau."
    elections = find(events_of(text, "2026-01-10"), "election")
    assert elections and all(e.modality == "future" for e in elections)


def test_a_run_off_is_an_election() -> None:
    text = "Alan Gagloyev beat Anatoly Bibilov in South Ossetia's presidential run-off on 8 May 2022."
    [ev] = asserted(events_of(text, "2022-05-10"), "election")
    assert ev.source == "XSO"
    assert ev.date == DateInterval.day(2022, 5, 8)


# --- aid ----------------------------------------------------------------------------------
def test_suspending_part_of_the_aid_cuts_aid_and_it_is_the_previous_subject() -> None:
    text = (
        "Moscow was unhappy with the vote. In the following weeks it suspended part of the subsidies "
        "on which Transnistria's budget depends."
    )
    [ev] = asserted(events_of(text, "2030-05-10"), "cut_aid")
    assert (ev.source, ev.target) == ("RUS", "XTR")


def test_money_that_came_from_the_patron_is_aid_of_its_budget_year() -> None:
    text = (
        "Abkhazia's parliament passed the 2027 budget of 11 billion roubles, of which 4 billion came from "
        "Moscow as subsidies."
    )
    [ev] = asserted(events_of(text, "2027-12-20"), "provide_aid")
    assert (ev.source, ev.target) == ("RUS", "XAB")
    assert ev.date == DateInterval.year(2027)
    assert "4 billion came from Moscow" in ev.evidence[0].text


def test_money_that_is_to_come_is_planned_and_money_of_companies_is_no_aid() -> None:
    text = "Next year 2 billion roubles is to come from Russia for the budget of Transnistria."
    [ev] = find(events_of(text, "2027-12-20"), "provide_aid")
    assert ev.modality == "future"
    text = "Most of the money for the new port in Sukhum came from Russian companies."
    assert not find(events_of(text, "2027-12-20"), "provide_aid")


def test_agreeing_to_send_electricity_provides_aid_cited_with_the_agreeing() -> None:
    text = (
        "Moscow stopped part of its loans to South Ossetia, before agreeing in late March to send "
        "electricity to the region."
    )
    [ev] = asserted(events_of(text, "2030-05-10"), "provide_aid")
    assert (ev.source, ev.target) == ("RUS", "XSO")
    assert ev.date == DateInterval.parse("2030-03-21/2030-03-31")
    assert "agreeing in late March to send electricity" in ev.evidence[0].text


# --- war, arms, forces ----------------------------------------------------------------------
def test_war_broke_out_when_a_state_launched_an_offensive() -> None:
    text = (
        "The war broke out on 7 August, when Georgia launched an offensive against the ethnic Ossetian "
        "militias that have held Tskhinvali since 1992."
    )
    [ev] = asserted(events_of(text, "2008-08-20"), "armed_conflict")
    assert ev.parties == ["GEO", "XSO"]
    assert ev.date == DateInterval.day(2008, 8, 7)


def test_a_war_an_act_came_after_was_fought_by_the_actor_of_that_act() -> None:
    text = "Moscow recognised Abkhazia on 26 August 2008, days after a war with Georgia."
    [war] = asserted(events_of(text, "2008-09-01"), "armed_conflict")
    assert war.parties == ["GEO", "RUS"]


def test_an_ethnicity_is_not_the_state() -> None:
    text = "Azerbaijan launched an offensive against ethnic Armenian forces in Nagorno-Karabakh in 2016."
    [ev] = asserted(events_of(text, "2016-04-05"), "armed_conflict")
    assert ev.parties == ["AZE", "XNK"]


def test_a_war_placed_after_another_act_does_not_take_its_date() -> None:
    text = "Russia recognised Abkhazia on 26 August 2008, after a five-day war with Georgia."
    wars = asserted(events_of(text, "2008-09-01"), "armed_conflict")
    # not 26 August: the war is dated by its own name, the five days of August 2008
    assert wars and all(e.date == DateInterval.parse("2008-08-07/2008-08-12") for e in wars)


def test_the_day_a_war_ends_is_not_its_date() -> None:
    text = "Abkhazia fought Georgia in 1993. The war in Abkhazia ended on 30 September 1993."
    wars = asserted(events_of(text, "2000-01-01"), "armed_conflict")
    assert all(e.date is None or e.date.width_days >= 365 for e in wars)


def test_a_bare_mention_of_the_conflict_is_no_war() -> None:
    text = "Diplomats in Transnistria discussed a peaceful resolution of the conflict."
    assert not asserted(events_of(text, "2019-05-30"), "armed_conflict")


def test_arms_supplied_by_a_state_go_to_whoever_relies_on_them() -> None:
    text = "Georgia relied heavily on rifles supplied by the United States."
    [ev] = asserted(events_of(text, "2008-09-01"), "military_aid")
    assert (ev.source, ev.target) == ("USA", "GEO")
    assert "rifles supplied by the United States" in ev.evidence[0].text


def test_peacekeepers_arriving_is_a_deployment_dated_by_its_day() -> None:
    text = "Russian peacekeepers began arriving in Transnistria on Tuesday under the July agreement."
    [ev] = asserted(events_of(text, "1992-08-01"), "deploy_forces")
    assert (ev.source, ev.target) == ("RUS", "XTR")
    assert ev.date == DateInterval.day(1992, 7, 28)


def test_a_truce_signed_by_two_presidents_is_theirs() -> None:
    text = (
        "Abkhazia has been outside Tbilisi's control since a brief war in 1993, which ended with a truce "
        "signed that September by the presidents of Russia and Georgia."
    )
    events = events_of(text, "2008-10-05")
    [truce] = asserted(events, "ceasefire")
    assert truce.parties == ["GEO", "RUS"]
    [war] = asserted(events, "armed_conflict")
    assert war.parties == ["GEO", "XAB"] and war.date == DateInterval.year(1993)


# --- independence and recognition of a territory named by a description ---------------------
def test_proclaimed_republic_recognised_by_one_state() -> None:
    text = (
        "Transnistria lies on the Dniester. The self-proclaimed republic, proclaimed on 2 September "
        "1990 and recognised only by Russia, relies on Moscow."
    )
    events = events_of(text, "2020-01-01")
    [declared] = asserted(events, "declare_independence")
    assert (declared.source, declared.target) == ("XTR", "MDA")
    assert declared.date == DateInterval.day(1990, 9, 2)
    [recognised] = asserted(events, "recognize")
    assert (recognised.source, recognised.target) == ("RUS", "XTR")
    assert recognised.date is None  # the proclamation's date is not the recognition's


def test_broke_away_with_a_pronoun_subject_is_the_territory_in_focus() -> None:
    text = "Smirnov has led Transnistria since it broke away from Moldova in 1990."
    [ev] = asserted(events_of(text, "2006-09-20"), "declare_independence")
    assert (ev.source, ev.target) == ("XTR", "MDA")
    assert ev.date == DateInterval.year(1990)


def test_referendum_on_free_association_targets_the_state() -> None:
    text = (
        "In Sunday's referendum in Abkhazia, 90 per cent backed independence followed by free "
        "association with the Russian Federation."
    )
    [ev] = asserted(events_of(text, "2030-05-06"), "hold_referendum")
    assert (ev.source, ev.target) == ("XAB", "RUS")


# --- reactions to an agreement, rounds of a ballot, protests --------------------------------
def test_welcoming_and_condemning_the_agreement_react_to_its_signing() -> None:
    text = (
        "Russia and Abkhazia signed an investment protocol on Tuesday. The document was signed by two "
        "deputy prime ministers. Abkhaz leader Aslan Bzhania welcomed the agreement. Tbilisi condemned "
        "the protocol as a step towards annexation."
    )
    events = events_of(text, "2024-10-31")
    [welcome] = asserted(events, "endorse")
    assert (welcome.source, welcome.target) == ("XAB", "RUS")
    [condemn] = asserted(events, "condemn")
    assert (condemn.source, condemn.target) == ("GEO", "RUS")
    signed_on = DateInterval.day(2024, 10, 29)
    for ev in (welcome, condemn):  # after the signing, by publication
        assert ev.date is not None and ev.date.start == signed_on.start


def test_the_two_sides_are_the_territory_and_its_patron() -> None:
    text = (
        "Turkey has backed Northern Cyprus since 1974. In July 2016 the two sides signed an agreement "
        "on water supply."
    )
    [ev] = asserted(events_of(text, "2017-01-01"), "sign_agreement")
    assert ev.parties == ["TUR", "XNC"]
    assert ev.date == DateInterval.month(2016, 7)


def test_rounds_of_a_ballot_are_elections_even_under_a_negated_clause() -> None:
    text = (
        "Vadim Krasnoselsky won Transnistria's presidential election in the second round on 25 December. "
        "No candidate won outright in the first round on 11 December. A second round of talks failed."
    )
    elections = asserted(events_of(text, "2016-12-30"), "election")
    assert sorted(str(e.date) for e in elections) == ["2016-12-11", "2016-12-25"]


def test_crowds_storming_a_building_protest_and_troops_storming_a_town_fight() -> None:
    text = (
        "Protesters stormed the parliament in Sukhumi on 15 November. "
        "Georgian troops stormed Tskhinvali on 8 August 2008."
    )
    events = events_of(text, "2024-11-20")
    [protest] = asserted(events, "protest")
    assert protest.source == "XAB" and protest.date == DateInterval.day(2024, 11, 15)
    [war] = asserted(events, "armed_conflict")
    assert war.parties == ["GEO", "XSO"]


def test_money_poured_into_a_territory_is_aid() -> None:
    text = "Moscow poured 4 billion roubles into Abkhazia in 2010."
    [ev] = asserted(events_of(text, "2011-01-01"), "provide_aid")
    assert (ev.source, ev.target) == ("RUS", "XAB")
    assert ev.date == DateInterval.year(2010)


def test_a_date_setting_the_scene_ends_with_its_paragraph() -> None:
    text = (
        "The capture of the town on 8 May proved decisive.\n\n"
        "Later, protesters rallied in Sukhumi against the deal."
    )
    [ev] = asserted(events_of(text, "2024-06-01"), "protest")
    assert ev.date is None


def test_a_referendum_named_by_a_preposition_is_cited_with_it() -> None:
    text = (
        "In Sunday's referendum in Transnistria, most voters backed independence followed by free "
        "association with Russia."
    )
    [ev] = asserted(events_of(text, "2006-09-20"), "hold_referendum")
    assert ev.evidence[0].text.startswith("In Sunday's referendum")


def test_companies_investing_is_no_state_aid() -> None:
    text = "The deal let Turkish companies investing in Northern Cyprus receive land."
    assert not asserted(events_of(text, "2024-01-01"), "provide_aid")


def test_a_later_conjunct_with_its_own_subject_keeps_its_date() -> None:
    text = "Moldova condemned the vote in Transnistria, and on 3 May Chisinau recalled its envoy."
    [ev] = asserted(events_of(text, "2024-06-01"), "condemn")
    assert ev.date != DateInterval.day(2024, 5, 3)


def test_condemning_an_annexation_targets_the_annexer_and_keeps_the_dates_apart() -> None:
    text = (
        "Russia annexed Crimea on 18 March 2014. The UN General Assembly adopted a resolution "
        "condemning the annexation of Crimea on 27 March 2014."
    )
    events = events_of(text, "2014-04-01")
    [condemn] = asserted(events, "condemn")
    assert (condemn.source, condemn.target) == ("UN", "RUS")
    assert condemn.date == DateInterval.day(2014, 3, 27)
    [annex] = asserted(events, "annex")
    assert annex.date == DateInterval.day(2014, 3, 18)


def test_followed_suit_repeats_the_last_recognition() -> None:
    text = "Russia recognised Abkhazia in August 2008. Nicaragua followed suit in September."
    pairs = {(e.source, e.target) for e in asserted(events_of(text, "2009-01-01"), "recognize")}
    assert pairs == {("RUS", "XAB"), ("NIC", "XAB")}


def test_a_military_operation_is_a_war_a_customs_operation_is_not() -> None:
    text = (
        "Azerbaijan launched a military operation in Nagorno-Karabakh on 19 September 2023. "
        "Customs officers ran a joint operation in Transnistria."
    )
    [ev] = asserted(events_of(text, "2024-01-01"), "armed_conflict")
    assert ev.parties == ["AZE", "XNK"]
    assert ev.date == DateInterval.day(2023, 9, 19)


def test_aid_approved_for_a_country_named_inside_the_object() -> None:
    text = "The EU approved 60 million euros in aid for Moldova. The Duma approved the budget for 2015."
    [ev] = asserted(events_of(text, "2025-02-01"), "provide_aid")
    assert (ev.source, ev.target) == ("EU", "MDA")


def test_an_agreement_keeps_its_title_as_written_without_the_place_of_signing() -> None:
    text = ("Abkhazia and Russia signed the Treaty on Alliance and Strategic Partnership "
            "in Sochi on 24 November 2014.")
    (signed,) = asserted(events_of(text), "sign_agreement")
    assert signed.agreement == "Treaty on Alliance and Strategic Partnership"


def test_a_kind_of_agreement_is_its_name_when_it_has_no_title() -> None:
    text = "Moldova and Transnistria signed a customs agreement in Tiraspol in March 2006."
    (signed,) = asserted(events_of(text), "sign_agreement")
    assert signed.agreement == "customs agreement"


def test_an_event_in_an_after_clause_does_not_take_the_main_clause_date() -> None:
    text = ("President Dmitry Medvedev on Tuesday signed decrees recognising Abkhazia as an "
            "independent state, two weeks after Russian forces routed the Georgian army in a "
            "five-day war.")
    events = events_of(text, "2008-08-26")
    (recognised,) = asserted(events, "recognize")
    assert recognised.date == DateInterval.day(2008, 8, 26)
    wars = asserted(events, "armed_conflict")
    # not the Tuesday of the decrees: the war is dated by its own name
    assert wars and all(w.date == DateInterval.parse("2008-08-07/2008-08-12") for w in wars)


def test_a_date_inside_the_after_clause_still_dates_its_event() -> None:
    text = ("The ceasefire held for a year after Armenia and Azerbaijan fought a war in "
            "Nagorno-Karabakh in 2020.")
    wars = asserted(events_of(text, "2021-11-01"), "armed_conflict")
    assert wars and all(w.date == DateInterval.year(2020) for w in wars)


def test_a_judgement_a_pronoun_goes_on_saying_is_dated_by_the_speech_day() -> None:
    text = (
        "Speaking to reporters in Sukhum after talks on 4 June, Sergei Lavrov told them that Russia "
        "would always stand by Abkhazia. He said the elections held in Abkhazia in March were fair "
        "and democratic."
    )
    [ev] = asserted(events_of(text, "2030-06-10"), "endorse")
    assert (ev.source, ev.target) == ("RUS", "XAB")
    assert ev.date == DateInterval.day(2030, 6, 4)


def test_a_date_inside_what_was_said_is_not_the_speech_day() -> None:
    text = (
        "Sergei Lavrov told reporters that Abkhazia had voted on 4 June. He said the elections held in "
        "Abkhazia were fair and democratic."
    )
    [ev] = asserted(events_of(text, "2030-06-10"), "endorse")
    assert ev.date != DateInterval.day(2030, 6, 4)


def test_a_new_paragraph_is_a_new_speech() -> None:
    text = (
        "Speaking to reporters in Sukhum after talks on 4 June, Sergei Lavrov told them that Russia "
        "would always stand by Abkhazia.\n\nHe said the elections held in Abkhazia in March were fair "
        "and democratic."
    )
    [ev] = asserted(events_of(text, "2030-06-10"), "endorse")
    assert ev.date != DateInterval.day(2030, 6, 4)


# --- more verbs of the vocabulary -------------------------------------------------------------
def test_a_name_the_parser_takes_for_an_adverb_is_still_the_subject() -> None:
    text = "Nauru and Abkhazia have signed a protocol establishing diplomatic relations."
    events = events_of(text, "2009-12-20")
    assert [e.parties for e in asserted(events, "sign_agreement")] == [["NRU", "XAB"]]
    assert [e.parties for e in asserted(events, "establish_relations")] == [["NRU", "XAB"]]


def test_accusing_condemns_and_congratulating_endorses() -> None:
    text = (
        "Armenia's foreign ministry accused Baku of ethnic cleansing on 28 September. "
        "Tiraspol congratulated the people of Abkhazia on the vote."
    )
    events = events_of(text, "2023-10-02")
    assert [(e.source, e.target) for e in asserted(events, "condemn")] == [("ARM", "AZE")]
    assert [(e.source, e.target) for e in asserted(events, "endorse")] == [("XTR", "XAB")]


def test_travel_bans_are_sanctions() -> None:
    # (the small model parses "imposed asset freezes and travel bans" with "freezes" as a verb)
    text = "The European Union imposed travel bans on Russian officials on Monday."
    [ev] = asserted(events_of(text, "2014-03-19"), "impose_sanctions")
    assert (ev.source, ev.target, ev.date) == ("EU", "RUS", DateInterval.day(2014, 3, 17))


def test_arriving_in_or_touring_a_territory_is_a_visit_but_troops_arriving_are_not() -> None:
    text = "Turkey's president arrived in Northern Cyprus on Tuesday and toured the port."
    [ev] = asserted(events_of(text, "2021-07-21"), "visit")
    assert (ev.source, ev.target, ev.date) == ("TUR", "XNC", DateInterval.day(2021, 7, 20))
    text = "Russian troops arrived in South Ossetia on 8 August."
    assert not asserted(events_of(text, "2008-08-20"), "visit")


def test_winning_the_leadership_is_an_election_winning_praise_is_not() -> None:
    text = "Ersin Tatar won the leadership of Northern Cyprus in October 2020."
    [ev] = asserted(events_of(text, "2021-07-21"), "election")
    assert (ev.source, ev.date) == ("XNC", DateInterval.month(2020, 10))
    assert not asserted(events_of("Tatar won praise in Ankara for the plan.", "2021-07-21"), "election")


def test_an_aim_to_join_told_by_asking_or_announcing_is_an_accession_announcement() -> None:
    text = (
        "The speaker of Abkhazia's parliament has asked Moscow to change its law so that the republic "
        "can join the Russian Federation. Aslan Bzhania is Abkhazia's president. He announced in early "
        "May that the republic would take steps to become part of Russia."
    )
    found = asserted(events_of(text, "2031-05-20"), "announce_accession")
    assert [(e.source, e.target) for e in found] == [("XAB", "RUS")]
    assert found[0].date == DateInterval.parse("2031-05-01/2031-05-10")  # the dated mention wins
    assert len(found[0].evidence) == 2


def test_a_state_announcing_a_territory_will_join_announces_no_accession() -> None:
    text = "Russia's foreign minister announced that Transnistria would one day join Russia."
    assert not asserted(events_of(text, "2031-05-20"), "announce_accession")


def test_recognitions_that_followed_one_in_the_passive_each_keep_their_date() -> None:
    text = (
        "Moscow's recognition of South Ossetia on 26 August 2008 was followed by Nicaragua in early "
        "September and by Nauru in December 2009."
    )
    found = asserted(events_of(text, "2010-01-10"), "recognize")
    assert sorted((e.source, e.target, e.date) for e in found) == [
        ("NIC", "XSO", DateInterval.parse("2008-09-01/2008-09-10")),
        ("NRU", "XSO", DateInterval.month(2009, 12)),
        ("RUS", "XSO", DateInterval.day(2008, 8, 26)),
    ]
    by_source = {e.source: e for e in found}
    assert by_source["NIC"].evidence[0].text == "followed by Nicaragua in early September"
    assert by_source["NRU"].evidence[0].text == "by Nauru in December 2009"


def test_the_nth_state_to_recognise_the_region_recognises_the_territory_in_view() -> None:
    text = (
        "South Ossetia's leaders were pleased. Tuvalu became the fifth state to recognise the region "
        "in 2011."
    )
    [ev] = asserted(events_of(text, "2012-01-10"), "recognize")
    assert (ev.source, ev.target, ev.date) == ("TUV", "XSO", DateInterval.year(2011))


# --- possessives, mediators, the territory in view, acts before a territory existed ----------
def test_its_war_is_the_war_of_the_subject_of_its_clause() -> None:
    text = "Russia's recognition of South Ossetia, days after its five-day war with Georgia, angered Tbilisi."
    [war] = asserted(events_of(text, "2008-09-01"), "armed_conflict")
    assert war.parties == ["GEO", "RUS"]
    assert war.date == DateInterval.parse("2008-08-07/2008-08-12")


def test_a_ceasefire_brokered_by_a_third_state_is_not_its_ceasefire() -> None:
    text = (
        "Nagorno-Karabakh was cut off. The enclave's leaders accepted a ceasefire brokered by the Russian "
        "command on 20 September 2023."
    )
    [truce] = asserted(events_of(text, "2023-10-01"), "ceasefire")
    assert truce.parties == ["AZE", "XNK"]


def test_representatives_of_the_enclave_are_the_territory_in_view() -> None:
    text = (
        "Nagorno-Karabakh was cut off. Representatives of the enclave met Azerbaijani officials in Yevlakh "
        "on 21 September 2023."
    )
    [meeting] = asserted(events_of(text, "2023-10-01"), "meet")
    assert meeting.parties == ["AZE", "XNK"]


def test_troops_deployed_at_a_date_are_a_deployment_and_troops_stationed_a_state() -> None:
    text = "Some 2,000 Russian peacekeepers deployed in Karabakh in November 2020 are still there."
    [ev] = asserted(events_of(text, "2023-10-01"), "deploy_forces")
    assert (ev.source, ev.target, ev.date) == ("RUS", "XNK", DateInterval.month(2020, 11))
    text = "Some 2,000 Russian peacekeepers stationed in Karabakh watched the offensive."
    assert not asserted(events_of(text, "2023-10-01"), "deploy_forces")


def test_a_treaty_signed_to_absorb_a_territory_is_signed_with_it() -> None:
    text = (
        "Transnistria's leaders asked for the same, hours after Putin signed a treaty in the Kremlin on "
        "Tuesday to absorb Crimea."
    )
    [signed] = asserted(events_of(text, "2014-03-19"), "sign_agreement")
    assert signed.parties == ["RUS", "XCR"]
    assert signed.date == DateInterval.day(2014, 3, 18)


def test_topping_up_pensions_is_aid() -> None:
    text = "Moscow tops up the pensions of Abkhazia's retirees."
    [ev] = asserted(events_of(text, "2014-03-19"), "provide_aid")
    assert (ev.source, ev.target) == ("RUS", "XAB")


def test_an_act_on_the_land_before_the_territory_existed_was_on_its_parent() -> None:
    text = "Northern Cyprus is recognised only by Turkey. Turkish troops landed on the island in July 1974."
    [ev] = asserted(events_of(text, "2021-07-21"), "deploy_forces")
    assert (ev.source, ev.target, ev.date) == ("TUR", "CYP", DateInterval.month(1974, 7))


def test_the_recognition_a_state_withdraws_is_not_a_recognition_then() -> None:
    text = "Vanuatu, which had recognised it in 2011, withdrew its recognition of Abkhazia in 2013."
    events = events_of(text, "2014-01-01")
    assert [(e.source, e.date) for e in asserted(events, "withdraw_recognition")] == [
        ("VUT", DateInterval.year(2013))
    ]
    assert all(e.date != DateInterval.year(2013) for e in asserted(events, "recognize"))


def test_announcing_a_part_of_a_town_opens_is_no_aim_to_join() -> None:
    text = "Tatar, Northern Cyprus's leader, announced that a further part of the resort of Varosha opens."
    assert not asserted(events_of(text, "2021-07-21"), "announce_accession")


def test_a_proclaimed_territory_declared_its_independence_then() -> None:
    text = "Transnistria was proclaimed on 2 September 1990, and Moldova never accepted it."
    [ev] = asserted(events_of(text, "2020-01-01"), "declare_independence")
    assert (ev.source, ev.target, ev.date) == ("XTR", "MDA", DateInterval.day(1990, 9, 2))
    text = (
        "Northern Cyprus is isolated. The breakaway state, proclaimed on 15 November 1983, has few "
        "friends."
    )
    [ev] = asserted(events_of(text, "2020-01-01"), "declare_independence")
    assert (ev.source, ev.target, ev.date) == ("XNC", "CYP", DateInterval.day(1983, 11, 15))
    mourning = events_of("Turkey proclaimed a day of mourning.", "2020-01-01")
    assert not asserted(mourning, "declare_independence")


def test_condemning_an_appeal_condemns_its_maker_rejecting_calls_condemns_nobody() -> None:
    text = (
        "Abkhazia's parliament asked Moscow to let the republic join the Russian Federation. "
        "Georgia's government condemned the appeal."
    )
    [ev] = asserted(events_of(text, "2031-05-20"), "condemn")
    assert (ev.source, ev.target) == ("GEO", "XAB")
    text = "Georgia's government rejected calls to recognise Abkhazia."
    assert not asserted(events_of(text, "2031-05-20"), "condemn")


def test_a_recognition_withdrawn_with_no_name_is_of_the_territory_in_view() -> None:
    text = (
        "South Ossetia has few friends. Tuvalu, which had recognised it in 2011, withdrew its "
        "recognition in 2014."
    )
    events = events_of(text, "2020-01-01")
    assert [(e.source, e.target, e.date) for e in asserted(events, "withdraw_recognition")] == [
        ("TUV", "XSO", DateInterval.year(2014))
    ]
    assert [(e.source, e.target, e.date) for e in asserted(events, "recognize")] == [
        ("TUV", "XSO", DateInterval.year(2011))
    ]


def test_an_aim_and_a_purpose_are_cited_with_the_act() -> None:
    text = "Bzhania is Abkhazia's leader. He announced in May that the republic would become part of Russia."
    [aim] = asserted(events_of(text, "2031-06-01"), "announce_accession")
    assert "the republic would become part of Russia" in aim.evidence[0].text
    text = "Hours earlier Putin signed a treaty in the Kremlin on Tuesday to absorb Crimea."
    [signed] = asserted(events_of(text, "2014-03-19"), "sign_agreement")
    assert "signed a treaty in the Kremlin on Tuesday to absorb Crimea" in signed.evidence[0].text


def test_the_two_countries_are_the_last_two_states_named() -> None:
    text = (
        "Vanuatu no longer recognises Abkhazia. Envoys of the island nation, visiting Georgia on Monday, "
        "signed a memorandum that established diplomatic relations between the two countries."
    )
    events = events_of(text, "2013-07-15")
    assert [e.parties for e in asserted(events, "sign_agreement")] == [["GEO", "VUT"]]
    assert [e.parties for e in asserted(events, "establish_relations")] == [["GEO", "VUT"]]
    # "no longer recognises": it did once, and does no more
    assert [e.modality for e in find(events, "recognize")] == ["negated"]


def test_a_reaction_on_the_day_of_the_act_takes_its_day() -> None:
    text = (
        "Azerbaijan launched an offensive against Nagorno-Karabakh on 19 September. "
        "The European Union condemned the offensive on the day it began."
    )
    [ev] = asserted(events_of(text, "2023-10-05"), "condemn")
    assert (ev.source, ev.target, ev.date) == ("EU", "AZE", DateInterval.day(2023, 9, 19))
    text = text.replace("on the day it began", "a week later")
    [ev] = asserted(events_of(text, "2023-10-05"), "condemn")
    assert ev.date != DateInterval.day(2023, 9, 19)


def test_officers_detaining_and_demonstrators_breaking_into_parliament() -> None:
    text = (
        "Transnistria is tense. Security officers detained five opposition activists on 11 May. Four days "
        "later demonstrators broke into the parliament in Tiraspol."
    )
    events = events_of(text, "2031-05-20")
    detained = [(e.source, e.date) for e in asserted(events, "legal_action")]
    assert detained == [("XTR", DateInterval.day(2031, 5, 11))]
    protests = [(e.source, e.date) for e in asserted(events, "protest")]
    assert protests == [("XTR", DateInterval.day(2031, 5, 15))]


def test_sanctions_announced_or_adopted_as_a_package() -> None:
    text = "Washington announced new sanctions on Russia on Friday, and the EU adopted a sanctions package."
    found = {(e.source, e.target) for e in asserted(events_of(text, "2022-10-03"), "impose_sanctions")}
    assert found == {("USA", "RUS"), ("EU", None)}


def test_asking_to_be_admitted_is_an_aim_to_join() -> None:
    text = "Crimea's parliament asked on 17 March to be admitted to the Russian Federation."
    [ev] = asserted(events_of(text, "2014-03-20"), "announce_accession")
    assert (ev.source, ev.target, ev.date) == ("XCR", "RUS", DateInterval.day(2014, 3, 17))


def test_a_war_in_a_state_is_fought_in_it_and_a_breakaway_region_of_a_parent_is_the_territory() -> None:
    text = "Moscow wants more, two years into its war in Ukraine."
    [war] = asserted(events_of(text, "2024-03-01"), "armed_conflict")
    assert war.parties == ["RUS", "UKR"]
    text = (
        "South Ossetia voted on Sunday. Anatoly Bibilov has won the presidency of the breakaway "
        "Georgian region."
    )
    [ev] = asserted(events_of(text, "2017-04-11"), "election")
    assert ev.source == "XSO"


def test_not_even_a_state_recognising_it_is_no_recognition() -> None:
    text = "Nagorno-Karabakh is alone: not even Armenia has formally recognised it."
    assert [e.modality for e in find(events_of(text, "2020-11-12"), "recognize")] == ["negated"]


def test_brushing_an_appeal_aside_as_propaganda_condemns_it() -> None:
    text = (
        "Transnistria's congress appealed to Moscow. Moldova brushed the appeal aside as a propaganda "
        "exercise."
    )
    [ev] = asserted(events_of(text, "2024-03-01"), "condemn")
    assert ev.source == "MDA"


def test_an_object_pronoun_is_not_its_clause_subject_and_dismissing_as_illegitimate_condemns() -> None:
    text = (
        "Abkhazia voted on Sunday. Badra Gunba won the run-off. Vladimir Putin congratulated him on "
        "Monday. Tbilisi dismissed the election as illegitimate."
    )
    events = events_of(text, "2025-03-06")
    assert [(e.source, e.target) for e in asserted(events, "endorse")] == [("RUS", "XAB")]
    assert [(e.source, e.target) for e in asserted(events, "condemn")] == [("GEO", "XAB")]


def test_a_time_the_parser_took_for_a_subject_leaves_the_first_conjuncts_subject() -> None:
    text = (
        "For years Donetsk and Luhansk lived in limbo. Vladimir Putin recognised both republics on "
        "21 February and, that same evening, signed friendship treaties with their leaders, Denis "
        "Pushilin and Leonid Pasechnik."
    )
    signed = asserted(events_of(text, "2022-10-14"), "sign_agreement")
    assert sorted(tuple(e.parties or []) for e in signed) == [("RUS", "XDN"), ("RUS", "XLU")]
    assert all(e.date == DateInterval.day(2022, 2, 21) for e in signed)


def test_sanctions_over_a_territory_with_no_one_named_hit_its_patron() -> None:
    text = "Russia annexed Donetsk on 30 September. Washington announced new sanctions within hours."
    [ev] = asserted(events_of(text, "2022-10-14"), "impose_sanctions")
    assert (ev.source, ev.target) == ("USA", "RUS")
