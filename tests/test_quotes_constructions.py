"""Quotes: speakers named only by their body or role, names that are not words said, and
proclamations that are acts. Every sentence here is written for these tests; they run
with the real actor resolver.
"""

from __future__ import annotations

import pytest

from annexwatch.models import DateInterval, Quote

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def quotes_of():
    from annexwatch.extract import build_context
    from annexwatch.nlp.quotes import extract_quotes

    cache: dict[str, list[Quote]] = {}

    def run(text: str) -> list[Quote]:
        if text not in cache:
            cache[text] = extract_quotes(build_context(text, DateInterval.parse("2021-03-01")))
        return cache[text]

    return run


def brief(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.actor, q.text) for q in quotes]


def test_unnamed_spokesman_speaks_for_the_government_named_just_before(quotes_of):
    text = ("Turkey and Northern Cyprus signed a new cooperation protocol on Friday. "
            "The government of the Republic of Cyprus responded sharply. A government spokesman said "
            "Nicosia rejected the deal as a further step towards annexation, and that the money was "
            "being used to tie the north ever closer to Ankara.")
    assert brief(quotes_of(text)) == [
        ("CYP", "Nicosia rejected the deal as a further step towards annexation"),
        ("CYP", "the money was being used to tie the north ever closer to Ankara"),
    ]


def test_the_ministry_is_the_ministry_named_before(quotes_of):
    text = ("Georgia's Foreign Ministry summoned the Russian envoy on Monday. "
            "The ministry said the new checkpoints violated the ceasefire agreement.")
    assert brief(quotes_of(text)) == [("GEO", "the new checkpoints violated the ceasefire agreement")]


def test_member_of_a_parliament_speaks_for_its_state(quotes_of):
    text = ("A senior member of Armenia's National Assembly said the rights of the enclave's people "
            "deserved protection.")
    (q,) = quotes_of(text)
    assert q.actor == "ARM"
    assert q.text.startswith("the rights of the enclave's people deserved protection")


def test_officials_installed_by_a_state_do_not_speak_for_it(quotes_of):
    text = "Officials installed by Moscow in Sukhumi said 98% of voters had backed the move."
    assert [q for q in quotes_of(text) if q.actor == "RUS"] == []


def test_a_statement_issued_by_a_ministry_is_the_ministry_speaking(quotes_of):
    text = "A statement issued by the Russian Foreign Ministry said the vote in Abkhazia was legitimate."
    assert brief(quotes_of(text)) == [("RUS", "the vote in Abkhazia was legitimate")]


def test_a_name_a_state_uses_is_not_a_quote(quotes_of):
    text = "Moldova, which calls the region the Transnistrian region, has condemned the vote."
    assert quotes_of(text) == []


def test_calling_something_by_a_judgement_is_still_a_quote(quotes_of):
    text = "Sergei Lavrov called the vote a Western provocation."
    assert brief(quotes_of(text)) == [("RUS", "a Western provocation")]


def test_proclaiming_ones_own_act_is_an_act_not_a_quote(quotes_of):
    text = "On Tuesday Vladimir Putin announced that Russia recognised the independence of Abkhazia."
    assert quotes_of(text) == []


def test_announcing_an_intention_or_anothers_act_is_a_quote(quotes_of):
    text = ("Vladimir Putin announced that Russia would open an embassy in Sukhumi. "
            "Sergei Lavrov announced that Georgia had violated the ceasefire.")
    assert brief(quotes_of(text)) == [
        ("RUS", "Russia would open an embassy in Sukhumi"),
        ("RUS", "Georgia had violated the ceasefire"),
    ]


def test_a_statement_after_a_dateline_keeps_its_speaker(quotes_of):
    text = (
        "SUKHUM — Abkhazia's president, Aslan Bzhania, on Friday postponed the vote, saying the law could "
        "not be changed without consulting Moscow."
    )
    [quote] = quotes_of(text)
    assert (quote.actor, quote.text) == ("XAB", "the law could not be changed without consulting Moscow")


def test_an_as_clause_inside_what_was_said_stays_in_it(quotes_of):
    [quote] = quotes_of("Erdogan said that Turkey would defend the north as it had promised.")
    assert (quote.actor, quote.text) == ("TUR", "Turkey would defend the north as it had promised")


def test_it_speaking_after_a_thing_is_the_body_named_before(quotes_of):
    text = (
        "Moldova's foreign ministry condemned the vote. The result “has no legal force whatsoever,” it "
        "said in a statement."
    )
    [quote] = quotes_of(text)
    assert quote.actor == "MDA"
    assert "has no legal force whatsoever" in quote.text


def test_words_a_speaker_points_to_are_a_quote_a_map_is_not(quotes_of):
    [quote] = quotes_of('Aslan Bzhania pointed to "the danger of hasty decisions" on the investment deal.')
    assert (quote.actor, quote.text) == ("XAB", "the danger of hasty decisions")
    assert quotes_of("Lavrov pointed to the map of Abkhazia and said nothing.") == []
