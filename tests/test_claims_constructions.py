"""Claims: constructions news articles use to state election results, populations and
dated figures. Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from annexwatch.models import Claim, DateInterval

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def claims_of():
    from annexwatch.extract import build_context
    from annexwatch.nlp.claims import extract_claims

    cache: dict[str, list[Claim]] = {}

    def run(text: str) -> list[Claim]:
        if text not in cache:
            cache[text] = extract_claims(build_context(text, DateInterval.parse("2021-03-01")))
        return cache[text]

    return run


def find(claims: list[Claim], attribute: str, value: float) -> Claim:
    hits = [c for c in claims if c.attribute == attribute and c.value is not None
            and abs(c.value - value) < 1e-9]
    assert len(hits) == 1, [(c.attribute, c.value, c.evidence[0].text) for c in claims]
    return hits[0]


# --- election results -------------------------------------------------------------------


def test_winner_and_verb_are_cited_with_the_share(claims_of):
    text = ("Aslan Kvarchia took 61.2 per cent of the vote in Sunday's run-off in Abkhazia, "
            "the election commission said, against nearly 35 per cent for his rival Daur Lakoba.")
    claims = claims_of(text)
    winner = find(claims, "vote_share", 0.612)
    assert winner.subject == "XAB"
    assert winner.evidence[0].text.startswith("Aslan Kvarchia took 61.2 per cent")
    rival = find(claims, "vote_share", 0.35)
    assert rival.qualifier == "approximate"
    assert rival.evidence[0].text == "nearly 35 per cent for his rival Daur Lakoba"
    assert rival.about == "his rival Daur Lakoba"


def test_share_for_a_candidate_needs_an_election_in_the_sentence(claims_of):
    text = "In Abkhazia, 35 per cent of the money went to the new hospital, the ministry said."
    assert [c for c in claims_of(text) if c.attribute == "vote_share"] == []


def test_turnout_phrase_keeps_its_preposition(claims_of):
    text = "In Transnistria, 88.1% of voters backed independence, on a turnout of 71.4%."
    turnout = find(claims_of(text), "turnout", 0.714)
    assert turnout.evidence[0].text == "on a turnout of 71.4%"


def test_voters_taking_part_is_turnout(claims_of):
    text = "The vote in South Ossetia was declared valid, with some 68% of voters taking part."
    turnout = find(claims_of(text), "turnout", 0.68)
    assert turnout.qualifier == "approximate"
    assert turnout.evidence[0].text == "some 68% of voters taking part"


def test_share_that_rejected_an_option_is_a_vote_share(claims_of):
    text = ("In the referendum in Abkhazia, 96.3 per cent of those who took part backed independence, "
            "while 91.8 per cent rejected the idea of a return to Georgia.")
    claims = claims_of(text)
    rejected = find(claims, "vote_share", 0.918)
    assert rejected.evidence[0].text == "91.8 per cent rejected the idea of a return to Georgia"
    assert find(claims, "vote_share", 0.963).subject == "XAB"


def test_the_figure_there_refers_back_to_the_first_figure_of_its_kind(claims_of):
    text = ("Officials said 95.1% of voters in South Ossetia had backed union with Russia, on a turnout "
            "of 81%; in Abkhazia the corresponding figure was 91.3%, with about 77% of voters taking part.")
    claims = claims_of(text)
    second = find(claims, "vote_share", 0.913)
    assert second.subject == "XAB"
    assert second.evidence[0].text == "in Abkhazia the corresponding figure was 91.3%"
    # what the figure means is cited too
    assert any("had backed union with Russia" in e.text for e in second.evidence[1:])
    assert find(claims, "turnout", 0.77).subject == "XAB"
    assert find(claims, "turnout", 0.81).subject == "XSO"


# --- populations ----------------------------------------------------------------------------


def test_territory_of_n_people_is_its_population(claims_of):
    text = ("Moscow cut its aid to Transnistria in May, leaving schools without heating, "
            "before restoring gas supplies to the region of some 350,000 people.")
    population = find(claims_of(text), "population", 350000)
    assert population.subject == "XTR"
    assert population.evidence[0].text == "the region of some 350,000 people"


def test_appositive_with_a_figure_does_not_cut_a_count_off_its_verb(claims_of):
    text = ("Some 20,000 people, nearly a third of Abkhazia's population of about 60,000, "
            "fled to Georgia during the war.")
    claims = claims_of(text)
    displaced = find(claims, "displaced_persons", 20000)
    assert displaced.subject == "XAB"
    assert displaced.evidence[0].text.startswith("Some 20,000 people")
    population = find(claims, "population", 60000)
    assert population.evidence[0].text == "population of about 60,000"


def test_whole_of_a_partitive_without_a_noun_is_still_no_claim(claims_of):
    text = "In Abkhazia, 12,000 of 30,000 had fled by the end of the year."
    assert [c for c in claims_of(text) if c.value == 30000] == []


# --- the date a figure is for -------------------------------------------------------------


def test_year_after_a_share_is_cited_with_it(claims_of):
    text = ("According to the finance ministry of Abkhazia, Russian transfers made up 64% of the "
            "budget in 2018.")
    share = find(claims_of(text), "patron_budget_share", 0.64)
    assert share.evidence[0].text == "Russian transfers made up 64% of the budget in 2018"
    assert share.as_of == DateInterval.parse("2018")


def test_census_year_after_a_count_is_cited_with_it(claims_of):
    text = ("Fewer than half of the 41,000 residents counted in the 2011 census of Abkhazia hold "
            "Russian passports.")
    population = find(claims_of(text), "population", 41000)
    assert population.evidence[0].text.endswith("residents counted in the 2011 census")


# --- one claim per figure -------------------------------------------------------------------


def test_a_restated_figure_is_one_claim_with_two_citations(claims_of):
    text = ("Moscow pledges 9 billion roubles to Abkhazia\n\n"
            "Russia and Abkhazia signed an investment programme on Tuesday, committing Moscow to "
            "9 billion roubles in grants for the territory this year.")
    funding = [c for c in claims_of(text) if c.attribute == "patron_funding"]
    assert len(funding) == 1
    assert len(funding[0].evidence) == 2


def test_same_amount_for_two_years_stays_two_claims(claims_of):
    text = ("Russia gave Abkhazia 2 billion roubles in 2016. "
            "Moscow allocated Abkhazia 2 billion roubles again in 2019.")
    funding = [c for c in claims_of(text) if c.attribute == "patron_funding"]
    assert len(funding) == 2


def test_a_place_saying_where_most_live_does_not_take_the_figure(claims_of):
    text = ("Transnistria is small: about 470,000 people live in the region, most of them "
            "in or around Tiraspol.")
    claim = find(claims_of(text), "population", 470000)
    assert claim.subject == "XTR"
    assert claim.evidence[0].text == "about 470,000 people live in the region"


def test_the_capital_s_own_figure_is_still_not_the_territory_s(claims_of):
    text = "Only 30,432 people live in Tskhinvali, the capital of South Ossetia."
    assert [c for c in claims_of(text) if c.attribute == "population"] == []


def test_residents_after_a_quantifier_are_the_population_not_the_passport_holders(claims_of):
    claims = claims_of(
        "Abkhazia depends on Moscow. Most of the republic's roughly 240,000 residents hold Russian passports."
    )
    population = find(claims, "population", 240_000)
    assert (population.subject, population.qualifier) == ("XAB", "approximate")
    assert not [c for c in claims if c.attribute == "patron_citizens"]
    # a count with no quantifier before it is what it says
    claims = claims_of("In Abkhazia roughly 240,000 residents hold Russian passports.")
    assert find(claims, "patron_citizens", 240_000).subject == "XAB"
