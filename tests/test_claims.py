"""Claims: figures stated about a de facto territory, each citing the phrase that states it.

The sentences are written for these tests. Tests marked `model` parse with the spaCy
model and resolve actors and dates with the real resolver and time engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annexwatch.errors import PackError
from annexwatch.models import Claim, DateInterval
from annexwatch.nlp.claims import (
    PATRON_MARK,
    compile_pattern,
    extract_claims,
    load_claim_pack,
)
from annexwatch.pack import PACK_DIR


@pytest.fixture(scope="session")
def claims_of():
    """Claims of a text (the model and the resolver are loaded once a session)."""
    from annexwatch.extract import build_context

    cache: dict[tuple[str, str], list[Claim]] = {}

    def run(text: str, published: str = "2020-06-01") -> list[Claim]:
        key = (text, published)
        if key not in cache:
            cache[key] = extract_claims(build_context(text, DateInterval.parse(published)))
        return cache[key]

    return run


def by_attribute(claims: list[Claim], attribute: str) -> list[Claim]:
    return [c for c in claims if c.attribute == attribute]


def one(claims: list[Claim], attribute: str) -> Claim:
    found = by_attribute(claims, attribute)
    assert len(found) == 1, [(c.attribute, c.evidence[0].text) for c in claims]
    return found[0]


# --- the pack, without the model ---------------------------------------------------------


def test_pack_rules_name_vocabulary_attributes_and_units() -> None:
    pack = load_claim_pack()
    assert pack.units["patron_funding"] == "money"
    assert pack.units["patron_citizen_share"] == "fraction"
    assert {r.attribute for r in pack.rules} <= set(pack.units)


def test_pattern_placeholders_and_spaces() -> None:
    pattern = compile_pattern("came from (?:the )?{P}")
    assert pattern is not None
    masked = "came  from the " + PATRON_MARK * 6
    assert pattern.search(masked)
    assert not pattern.search("came from the Russians")


def test_pattern_words_step_over_masked_names() -> None:
    pattern = compile_pattern(r"currency (?:\w+ ){0,4}is the {P} rouble")
    assert pattern is not None
    assert pattern.search("currency in use in \ue001\ue001\ue001 is the " + PATRON_MARK * 7 + " rouble")


def test_a_broken_rule_names_the_file(tmp_path: Path) -> None:
    shutil.copy(PACK_DIR / "vocabulary.yaml", tmp_path / "vocabulary.yaml")
    text = (PACK_DIR / "claims.yaml").read_text(encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(text.replace("attribute: budget_total", "attribute: budget_sum"),
                                          encoding="utf-8")
    with pytest.raises(PackError, match="budget_sum"):
        load_claim_pack(tmp_path)


# --- figures in sentences ------------------------------------------------------------------


@pytest.mark.model
def test_share_of_residents_with_passports_and_the_population_it_is_a_share_of(claims_of) -> None:
    claims = claims_of("An estimated 85 per cent of Abkhazia's 240,000 residents are Russian citizens.")
    share = one(claims, "patron_citizen_share")
    assert (share.subject, share.value, share.unit, share.qualifier) == ("XAB", 0.85, "fraction", "estimate")
    assert share.evidence[0].text.startswith("An estimated 85 per cent of Abkhazia's")
    population = one(claims, "population")
    assert (population.subject, population.value) == ("XAB", 240000)
    assert population.evidence[0].text == "240,000 residents"


@pytest.mark.model
def test_troops_and_border_guards_of_the_patron(claims_of) -> None:
    claims = claims_of("Moscow keeps some 4,000 Russian soldiers in Abkhazia, and a 900 strong Russian "
                       "FSB coast guard patrols its shore.")
    troops = one(claims, "patron_troops")
    assert (troops.subject, troops.value, troops.qualifier) == ("XAB", 4000, "approximate")
    assert troops.evidence[0].text == "some 4,000 Russian soldiers in Abkhazia"
    guards = one(claims, "patron_border_guards")
    assert guards.value == 900
    assert "900 strong Russian FSB coast guard" in guards.evidence[0].text


@pytest.mark.model
def test_other_states_troops_are_not_the_patrons(claims_of) -> None:
    claims = claims_of("Abkhazia's army is small. Georgian troops numbered 37,000 in 2008, and some 2,000 "
                       "Turkish soldiers took part in an exercise.")
    assert by_attribute(claims, "patron_troops") == []


@pytest.mark.model
def test_budget_total_its_conversion_and_the_patrons_part(claims_of) -> None:
    claims = claims_of("South Ossetia adopted its budget. For 2021 the budget amounts to RUB 9.1 billion "
                       "(USD 124 million), of which RUB 7.9 billion came from Moscow.")
    totals = by_attribute(claims, "budget_total")
    rub = next(c for c in totals if c.currency == "RUB")
    assert (rub.value, rub.unit, rub.qualifier) == (9.1e9, "money", "exact")
    assert "the budget amounts to RUB 9.1 billion" in rub.evidence[0].text
    usd = next(c for c in totals if c.currency == "USD")
    assert (usd.value, usd.qualifier) == (124e6, "approximate")  # a conversion
    funding = one(claims, "patron_funding")
    assert (funding.subject, funding.value, funding.currency) == ("XSO", 7.9e9, "RUB")
    assert "RUB 7.9 billion" in funding.evidence[0].text


@pytest.mark.model
def test_share_of_the_budget_paid_by_the_patron(claims_of) -> None:
    claims = claims_of("Abkhazia is poor. Moscow covers roughly 80 per cent of the republic's budget.")
    share = one(claims, "patron_budget_share")
    assert (share.subject, share.value, share.qualifier) == ("XAB", 0.8, "approximate")
    assert "80 per cent of the republic's budget" in share.evidence[0].text


@pytest.mark.model
def test_money_from_someone_else_or_the_territorys_own_is_no_patron_funding(claims_of) -> None:
    claims = claims_of("The European Union gave €20 million to Abkhazia. The republic's own income is "
                       "forecast at RUB 1.2 billion.")
    assert by_attribute(claims, "patron_funding") == []
    assert by_attribute(claims, "budget_total") == []


@pytest.mark.model
def test_people_who_fled_and_the_population_they_left(claims_of) -> None:
    claims = claims_of("Nagorno-Karabakh emptied within days. About 30,000 of the region's 100,000 "
                       "inhabitants had crossed into Armenia by Tuesday.")
    displaced = one(claims, "displaced_persons")
    assert (displaced.subject, displaced.value) == ("XNK", 30000)
    assert displaced.evidence[0].text.startswith(
        "About 30,000 of the region's 100,000 inhabitants had crossed")
    assert one(claims, "population").value == 100000


@pytest.mark.model
def test_vote_share_about_what_and_turnout(claims_of) -> None:
    claims = claims_of("Transnistria held a referendum in 2006. Officials said 97.2 per cent of voters "
                       "backed independence and union with Russia, on a turnout of 78.6 per cent.")
    vote = one(claims, "vote_share")
    assert (vote.subject, vote.value) == ("XTR", 0.972)
    assert vote.about == "independence and union with Russia"
    assert one(claims, "turnout").value == 0.786


@pytest.mark.model
def test_counted_citizens_lower_bound_and_date(claims_of) -> None:
    claims = claims_of("More than 200,000 Russian citizens live in Transnistria. By 1 March 2006 an "
                       "estimated 30,000 residents of South Ossetia held Russian passports.")
    citizens = by_attribute(claims, "patron_citizens")
    assert [(c.subject, c.value, c.qualifier) for c in citizens] == [
        ("XTR", 200000, "lower_bound"), ("XSO", 30000, "estimate")]
    assert citizens[0].evidence[0].text == "More than 200,000 Russian citizens"
    assert citizens[1].as_of == DateInterval.day(2006, 3, 1)


@pytest.mark.model
def test_an_area_given_in_two_units_is_one_claim(claims_of) -> None:
    claims = claims_of("Abkhazia covers an area of 3,300 square miles (8,600 km2).")
    area = one(claims, "area")
    assert area.unit == "km2"
    assert area.value == pytest.approx(3300 * 2.589988)
    assert area.evidence[0].text == "an area of 3,300 square miles (8,600 km2)"


@pytest.mark.model
def test_a_population_range_with_a_shared_scale(claims_of) -> None:
    claims = claims_of("Transnistria has perhaps 450–500,000 inhabitants.")
    population = one(claims, "population")
    assert (population.low, population.high, population.value) == (450000, 500000, None)
    assert population.qualifier == "approximate"


@pytest.mark.model
def test_numbers_that_are_no_figures(claims_of) -> None:
    text = ("Transnistria signed the protocol on 6 May 2021. It stays in force for 15 years, and Article 9 "
            "covers gas. Russia has 146 million people. Under the protocol, Moscow also promised passports "
            "to the remaining villagers (about 3 per cent) of Transnistria. Call +7 495 123 4567.")
    assert claims_of(text) == []


@pytest.mark.model
def test_a_figure_continuing_another_takes_its_attribute(claims_of) -> None:
    claims = claims_of("The population of Transnistria has fallen from 700,000 in 1990 to about 350,000 "
                       "today.")
    assert [(c.value, c.qualifier) for c in by_attribute(claims, "population")] == [
        (700000, "exact"), (350000, "approximate")]
    assert claims[0].as_of == DateInterval.year(1990)


@pytest.mark.model
def test_a_conversion_is_dated_and_cited_with_what_it_converts(claims_of) -> None:
    claims = claims_of("Transnistria is poor. Moscow said on Monday that it would send 3 billion roubles "
                       "(roughly USD 40 million) to the region in 2017.")
    rub, usd = by_attribute(claims, "patron_funding")
    assert rub.as_of == usd.as_of == DateInterval.year(2017)
    assert usd.evidence[0].text.endswith("(roughly USD 40 million)")
    assert usd.qualifier == "approximate"


@pytest.mark.model
def test_troops_massed_on_a_border_are_not_stationed_in_the_territory(claims_of) -> None:
    claims = claims_of("Crimea was tense. Russia has massed 40,000 troops on Ukraine's border, while "
                       "about 25,000 Russian servicemen are stationed in Crimea.")
    assert [(c.subject, c.value) for c in by_attribute(claims, "patron_troops")] == [("XCR", 25000)]


@pytest.mark.model
def test_a_demonym_can_be_the_counted_noun_and_a_capital_is_not_the_territory(claims_of) -> None:
    claims = claims_of("More than 100,000 ethnic Armenians fled Nagorno-Karabakh. A census counted 53,000 "
                       "people in South Ossetia, of whom 30,000 live in Tskhinvali.")
    assert one(claims, "displaced_persons").value == 100000
    assert [(c.subject, c.value) for c in by_attribute(claims, "population")] == [("XSO", 53000)]


@pytest.mark.model
def test_claims_an_introductory_figure_belongs_to_the_state_after_it(claims_of) -> None:
    text = (
        "Nauru recognised Abkhazia in 2009. With a population of around 10,000, "
        "Nauru is one of the smallest members of the United Nations."
    )
    assert not [c for c in claims_of(text) if c.attribute == "population"]


@pytest.mark.model
def test_claims_held_out_style_pitfalls(claims_of) -> None:
    # a fleet is not a flight; "the two" counts nobody; a share of those who took part is a vote share
    text = (
        "Crimea, with about 2.3 million inhabitants, has hosted the Black Sea Fleet for decades. "
        "The two have been bound by a treaty since 2015, and most residents hold Russian passports. "
        "In the referendum, 96 per cent of those who took part voted for union with Russia."
    )
    claims = claims_of(text)
    kinds = {(c.attribute, c.value) for c in claims}
    assert ("displaced_persons", 2300000.0) not in kinds
    assert ("population", 2300000.0) in kinds
    assert not [c for c in claims if c.value == 2.0]
    assert ("vote_share", 0.96) in kinds and ("turnout", 0.96) not in kinds
