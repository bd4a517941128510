"""Indicators: one per (territory, patron, dimension), citing every passage that supports it.

The sentences are written for these tests. Tests marked `model` parse with the spaCy
model and resolve actors and dates with the real resolver and time engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annexwatch.errors import PackError
from annexwatch.models import DateInterval, Indicator
from annexwatch.nlp.indicators import extract_indicators, load_indicator_pack
from annexwatch.pack import PACK_DIR, load_vocabulary


@pytest.fixture(scope="session")
def indicators_of():
    """Indicators of a text (the model and the resolver are loaded once a session)."""
    from annexwatch.extract import build_context
    from annexwatch.nlp.claims import extract_claims

    cache: dict[str, list[Indicator]] = {}

    def run(text: str) -> list[Indicator]:
        if text not in cache:
            ctx = build_context(text, DateInterval.parse("2020-06-01"))
            cache[text] = extract_indicators(ctx, extract_claims(ctx))
        return cache[text]

    return run


def index(indicators: list[Indicator]) -> dict[tuple[str, str], Indicator]:
    out = {}
    for i in indicators:
        key = (i.territory, i.dimension)
        assert key not in out, f"two indicators for {key}"
        out[key] = i
    return out


# --- the pack, without the model -------------------------------------------------------------


def test_pack_covers_every_dimension_of_the_vocabulary() -> None:
    pack = load_indicator_pack()
    vocabulary = load_vocabulary()
    assert {c.dimension for c in pack.cues} == set(vocabulary.indicator_dimensions)
    assert pack.level_order == ["none", "partial", "extensive", "complete"]
    assert {spec.dimension for spec in pack.from_claims.values()} <= set(vocabulary.indicator_dimensions)


def test_an_unknown_dimension_names_the_file(tmp_path: Path) -> None:
    shutil.copy(PACK_DIR / "vocabulary.yaml", tmp_path / "vocabulary.yaml")
    text = (PACK_DIR / "indicators.yaml").read_text(encoding="utf-8")
    broken = text.replace("  education:\n", "  schooling:\n")
    (tmp_path / "indicators.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(PackError, match="schooling"):
        load_indicator_pack(tmp_path)


# --- cues in sentences ------------------------------------------------------------------------


@pytest.mark.model
def test_one_indicator_per_dimension_with_all_its_evidence(indicators_of) -> None:
    found = index(indicators_of(
        "Abkhazia is drifting towards Russia. Most residents have obtained Russian passports. "
        "The mass passportisation began in 2002."))
    citizenship = found[("XAB", "citizenship")]
    assert citizenship.patron == "RUS"
    assert len(citizenship.evidence) == 2
    assert "obtained Russian passports" in citizenship.evidence[0].text
    assert "passportisation" in citizenship.evidence[1].text
    assert citizenship.level == "extensive"  # the strongest evidence wins: "most residents"


@pytest.mark.model
def test_shares_from_claims_set_the_level(indicators_of) -> None:
    found = index(indicators_of(
        "About 95 per cent of Abkhazia's residents hold Russian passports. Moscow covers roughly 40 per "
        "cent of the republic's budget."))
    assert found[("XAB", "citizenship")].level == "extensive"
    assert found[("XAB", "budget")].level == "partial"
    assert "95 per cent" in found[("XAB", "citizenship")].evidence[0].text


@pytest.mark.model
def test_negated_recognition_does_not_count_but_not_until_does(indicators_of) -> None:
    found = index(indicators_of(
        "Russia has not recognised Transnistria, but Russian troops are stationed there."))
    assert ("XTR", "recognition") not in found
    assert ("XTR", "military") in found
    found = index(indicators_of("Russia did not formally recognise Abkhazia until August 2008."))
    assert found[("XAB", "recognition")].level == "complete"


@pytest.mark.model
def test_only_the_patron_recognising_counts(indicators_of) -> None:
    found = index(indicators_of("Nauru recognised Abkhazia in 2009, and Vanuatu recognised it in 2011."))
    assert ("XAB", "recognition") not in found


@pytest.mark.model
def test_hypotheticals_and_questions_assert_nothing(indicators_of) -> None:
    text = ("If Russia recognised Transnistria, Moldova would protest. Is Transnistria effectively part of "
            "Russia?")
    assert indicators_of(text) == []


@pytest.mark.model
def test_a_promise_counts_as_partial(indicators_of) -> None:
    found = index(indicators_of("Russia will open a military base in Abkhazia next year."))
    assert found[("XAB", "military")].level == "partial"
    assert "will open a military base" in found[("XAB", "military")].evidence[0].text


@pytest.mark.model
def test_the_two_regions_refers_to_both_territories(indicators_of) -> None:
    found = index(indicators_of(
        "Abkhazia and South Ossetia slipped out of Tbilisi's control three decades ago. Moscow's "
        "recognition of the two regions followed in 2008."))
    assert found[("XAB", "recognition")].patron == "RUS"
    assert found[("XSO", "recognition")].level == "complete"


@pytest.mark.model
def test_a_named_treaty_belongs_to_its_territory(indicators_of) -> None:
    found = index(indicators_of(
        "The press in South Ossetia said little as deputies in Sukhumi debated how to apply the Alliance "
        "and Strategic Partnership treaty."))
    assert ("XAB", "treaty") in found
    assert ("XSO", "treaty") not in found


@pytest.mark.model
def test_currency_in_use_is_complete(indicators_of) -> None:
    found = index(indicators_of("The currency in use across Northern Cyprus has long been the Turkish lira."))
    assert found[("XNC", "currency")].level == "complete"


@pytest.mark.model
def test_another_states_troops_are_no_integration_with_the_patron(indicators_of) -> None:
    # Nagorno-Karabakh's patron is Armenia: Russian peacekeepers there are not its forces
    assert indicators_of("Russian peacekeepers were deployed in Nagorno-Karabakh in 2020.") == []


@pytest.mark.model
def test_stated_aim_of_joining_but_not_a_past_union(indicators_of) -> None:
    found = index(indicators_of(
        "The leadership of South Ossetia restated its goal of joining Russia. Crimea reunited with Russia "
        "in 2014."))
    assert found[("XSO", "accession_intent")].level == "partial"
    assert ("XCR", "accession_intent") not in found


@pytest.mark.model
def test_border_guarded_by_the_patron_and_border_with_it_abolished(indicators_of) -> None:
    found = index(indicators_of(
        "Russian border guards patrol the boundary between South Ossetia and Georgia. Customs checks "
        "between Russia and South Ossetia have been abolished."))
    assert found[("XSO", "border_with_parent")].level == "extensive"
    assert ("XSO", "border_with_patron") in found


@pytest.mark.model
def test_patron_forces_at_war_elsewhere_are_not_based_in_the_territory(indicators_of) -> None:
    assert indicators_of("Transnistria fears being drawn into the war, as Russian troops advance on "
                         "Ukraine's Odesa region.") == []
    found = index(indicators_of("Russia's Black Sea Fleet is based in Sevastopol, Crimea."))
    assert found[("XCR", "military")].level == "extensive"
