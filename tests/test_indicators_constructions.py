"""Indicators: constructions articles use for a patron's currency, budget support,
recognition, troops, customs and energy, and for "both republics". Every sentence here
is written for these tests.
"""

from __future__ import annotations

import pytest

from annexwatch.models import DateInterval, Indicator

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def indicators_of():
    from annexwatch.extract import build_context
    from annexwatch.nlp.claims import extract_claims
    from annexwatch.nlp.indicators import extract_indicators

    cache: dict[str, list[Indicator]] = {}

    def run(text: str) -> list[Indicator]:
        if text not in cache:
            ctx = build_context(text, DateInterval.parse("2021-03-01"))
            cache[text] = extract_indicators(ctx, extract_claims(ctx))
        return cache[text]

    return run


def keys(indicators: list[Indicator]) -> set[tuple[str, str, str]]:
    return {(i.territory, i.patron, i.dimension) for i in indicators}


def get(indicators: list[Indicator], territory: str, dimension: str) -> Indicator:
    (found,) = [i for i in indicators if i.territory == territory and i.dimension == dimension]
    return found


# --- currency --------------------------------------------------------------------------------


def test_patrons_currency_by_its_own_name(indicators_of):
    text = ("Most residents of South Ossetia hold Russian passports and the rouble is the only "
            "currency in use.")
    found = indicators_of(text)
    assert get(found, "XSO", "currency").level == "complete"


def test_anothers_currency_is_no_evidence(indicators_of):
    text = "In Northern Cyprus the rouble is the main currency of the Russian tourists who visit."
    assert ("XNC", "TUR", "currency") not in keys(indicators_of(text))


def test_their_after_both_republics_means_both(indicators_of):
    text = ("Russia recognised Abkhazia and South Ossetia in 2008.\n\n"
            "Sanctions followed. Talks stalled. Trade fell. Flights stopped. Prices rose.\n\n"
            "Moscow has handed out Russian passports in both republics since 2009, and the rouble "
            "has long been their main currency.")
    found = keys(indicators_of(text))
    assert {("XAB", "RUS", "citizenship"), ("XSO", "RUS", "citizenship")} <= found
    assert {("XAB", "RUS", "currency"), ("XSO", "RUS", "currency")} <= found


# --- budget --------------------------------------------------------------------------------------


def test_aid_the_budget_depends_on(indicators_of):
    text = "Last year it cut part of the financial aid on which Abkhazia's budget relies."
    assert get(indicators_of(text), "XAB", "budget").evidence


def test_budget_depends_on_money_from_a_named_patron(indicators_of):
    text = "The grants are paid in Turkish lira, and most of Northern Cyprus's budget depends on them."
    assert ("XNC", "TUR", "budget") in keys(indicators_of(text))


def test_patron_underwrites_the_budget(indicators_of):
    text = "Armenia, which has never formally recognised Karabakh, nonetheless underwrites its budget."
    assert ("XNK", "ARM", "budget") in keys(indicators_of(text))


def test_mutual_assistance_treaty_is_not_budget_support(indicators_of):
    text = "Russia and Abkhazia signed a treaty of friendship, cooperation and mutual assistance."
    assert ("XAB", "RUS", "budget") not in keys(indicators_of(text))


# --- recognition, military, officials -------------------------------------------------------------


def test_patron_among_the_few_that_recognise(indicators_of):
    text = "Russia is one of only five countries that recognise South Ossetia."
    assert get(indicators_of(text), "XSO", "recognition").level == "complete"


def test_patron_kept_troops_in_the_territory(indicators_of):
    text = "Moscow recognised Abkhazia in 2008 and has kept troops in the territory ever since."
    assert get(indicators_of(text), "XAB", "military").level == "extensive"


def test_a_parents_view_of_occupation_is_not_deployment(indicators_of):
    text = "Moldova, which regards Transnistria as occupied by Russia, has protested again."
    assert ("XTR", "RUS", "military") not in keys(indicators_of(text))


def test_occupation_stated_is_still_evidence(indicators_of):
    text = "Since 2008 Abkhazia has been occupied by Russia."
    assert ("XAB", "RUS", "military") in keys(indicators_of(text))


def test_installed_officials_as_speakers_are_an_epithet(indicators_of):
    text = "Officials installed by Moscow said 97% of voters in Abkhazia had backed the plan."
    assert ("XAB", "RUS", "officials") not in keys(indicators_of(text))


def test_officials_installed_by_the_patron_run_the_territory(indicators_of):
    text = "Abkhazia is run by officials installed by Moscow."
    assert ("XAB", "RUS", "officials") in keys(indicators_of(text))


# --- customs and economy --------------------------------------------------------------------------


def test_merged_customs(indicators_of):
    text = "In 2015 Abkhazia signed a treaty that merged customs services with the patron's."
    assert get(indicators_of(text), "XAB", "border_with_patron").level == "extensive"


def test_patron_supplies_energy(indicators_of):
    text = ("Many residents of Transnistria hold Russian passports, and Moscow supplies its "
            "electricity cheaply.")
    assert ("XTR", "RUS", "economy") in keys(indicators_of(text))


# --- votes to join ---------------------------------------------------------------------------------


def test_vote_share_for_accession_referred_back_supports_both_territories(indicators_of):
    text = ("Officials installed by Moscow said 96% of voters in South Ossetia had backed accession; "
            "in Abkhazia the reported figure was 93%.")
    found = indicators_of(text)
    assert get(found, "XSO", "accession_intent").level == "extensive"
    abkhazia = get(found, "XAB", "accession_intent")
    assert any("had backed accession" in e.text for e in abkhazia.evidence)


def test_most_residents_holding_patron_passports_is_extensive(indicators_of):
    text = "In Transnistria the majority of residents now hold Russian passports."
    assert get(indicators_of(text), "XTR", "citizenship").level == "extensive"
    some = "In Transnistria some residents have applied for Russian passports."
    assert get(indicators_of(some), "XTR", "citizenship").level == "partial"


def test_patron_covering_the_budget_closing_its_gaps_and_paying_for_investment(indicators_of):
    found = indicators_of("For years Transnistria lived on cheap gas, and Russia covered much of its budget.")
    assert ("XTR", "RUS", "budget") in keys(found)
    found = indicators_of(
        "South Ossetia uses the rouble, and the agreements signed with Moscow pay for much of its public "
        "investment and help close its budget deficits."
    )
    assert {("XSO", "RUS", "budget"), ("XSO", "RUS", "economy")} <= keys(found)


def test_patron_currency_replacing_another_paying_a_budget_share_and_conscripts(indicators_of):
    found = indicators_of("Luhansk depends on Moscow: the rouble replaced the hryvnia there in 2015.")
    assert get(found, "XLU", "currency").level == "extensive"
    found = indicators_of(
        "For decades Yerevan has paid much of the enclave's budget in Nagorno-Karabakh, and Armenian "
        "conscripts have served on its front line."
    )
    assert {("XNK", "ARM", "budget"), ("XNK", "ARM", "military")} <= keys(found)
