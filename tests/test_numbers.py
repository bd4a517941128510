"""Numbers as articles write them: digits, words, scales, ranges, shares, money, areas."""

from __future__ import annotations

import pytest

from annexwatch.nlp.numbers import Quantity, find_quantities, parse_number, parse_number_words


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,500", 3500),
        ("30 000", 30000),
        ("7.58", 7.58),
        ("6.22 billion", 6.22e9),
        ("1.5bn", 1.5e9),
        ("20m", 20e6),
        ("five", 5),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("two thousand", 2000),
        ("one and a half million", 1.5e6),
        ("three hundred and forty", 340),
    ],
)
def test_parse_number_reads_digits_words_and_scales(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_words_rejects_other_words() -> None:
    assert parse_number_words("several") is None
    assert parse_number("many") is None


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("some 2,000 soldiers", "number", 2000),
        ("about 90 per cent of them", "percent", 0.9),
        ("64 percent of total income", "percent", 0.64),
        ("97.1% voted", "percent", 0.971),
        ("nine in ten residents", "fraction", 0.9),
        ("two-thirds of the budget", "fraction", 2 / 3),
        ("a 3,900 km2 region", "area", 3900),
        ("1,500 sq mi of hills", "area", 1500 * 2.589988),
        ("186 hectares of land", "area", 1.86),
        ("3,900 square kilometres", "area", 3900),
        ("roughly half a million residents", "number", 500_000),
        ("a quarter of a million people", "number", 250_000),
        ("half a billion roubles", "money", 500_000_000),
    ],
)
def test_find_quantities_kinds_and_values(text: str, kind: str, value: float) -> None:
    q = only(text)
    assert q.kind == kind
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "currency", "value", "span"),
    [
        ("The Kremlin gave RUB 3.4 billion to them", "RUB", 3.4e9, "RUB 3.4 billion"),
        ("it invested 12 billion rubles there", "RUB", 12e9, "12 billion rubles"),
        ("a loan of $1.5bn was agreed", "USD", 1.5e9, "$1.5bn"),
        ("worth €20m in all", "EUR", 20e6, "€20m"),
        ("a protocol of 16 bn TL was signed", "TRY", 16e9, "16 bn TL"),
        ("5 million Turkish lira for roads", "TRY", 5e6, "5 million Turkish lira"),
        ("AMD 70 billion in loans", "AMD", 70e9, "AMD 70 billion"),
        ("MDL 300 million for gas", "MDL", 300e6, "MDL 300 million"),
        ("GEL 12 million was spent", "GEL", 12e6, "GEL 12 million"),
        ("400 million hryvnias were lost", "UAH", 400e6, "400 million hryvnias"),
        ("5 bln roubles next year", "RUB", 5e9, "5 bln roubles"),
        ("100 Transnistrian roubles each", "PRB", 100, "100 Transnistrian roubles"),
    ],
)
def test_find_quantities_money(text: str, currency: str, value: float, span: str) -> None:
    q = only(text)
    assert (q.kind, q.currency, q.text) == ("money", currency, span)
    assert q.value == pytest.approx(value)
    assert text[q.start:q.end] == span


def test_money_with_its_conversion_in_parentheses_gives_two_quantities() -> None:
    rub, usd = find_quantities("RUB 2.35 billion (USD 31.8 million) is set aside")
    assert (rub.currency, rub.value) == ("RUB", pytest.approx(2.35e9))
    assert (usd.currency, usd.value) == ("USD", pytest.approx(31.8e6))


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("30–40,000 inhabitants", 30000, 40000, "number"),  # the scale is shared
        ("20-25 per cent of voters", 0.20, 0.25, "percent"),
        ("between 20,000 and 30,000 people", 20000, 30000, "number"),
        ("1-2 million people", 1e6, 2e6, "number"),
        ("$1-2bn of aid", 1e9, 2e9, "money"),
        ("from 5 to 7 million roubles", 5e6, 7e6, "money"),
    ],
)
def test_find_quantities_ranges(text: str, low: float, high: float, kind: str) -> None:
    q = only(text)
    assert q.is_range and q.value is None
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert q.kind == kind


def test_year_spans_and_ordinals_are_not_ranges_or_counts() -> None:
    years = find_quantities("the war of 1992-1993")
    assert [q.text for q in years] == ["1992", "1993"]
    assert all(q.year_like for q in years)
    assert find_quantities("on the 26th") == []


def test_phone_number_groups_are_not_thousands() -> None:
    values = [q.value for q in find_quantities("call +7 (0)9 555 0199")]
    assert 9432 not in values


def test_lowercase_words_that_look_like_codes_are_not_money() -> None:
    assert [q.kind for q in find_quantities("they try 5 times")] == ["number"]
    assert [q.kind for q in find_quantities("5 tl")] == ["number"]


def test_half_inside_a_number_in_words_is_not_a_share() -> None:
    assert [q.kind for q in find_quantities("one and a half million people")] == ["number"]


def test_a_spaced_m_is_not_a_scale_without_money() -> None:
    q = find_quantities("a wall 20 m high")[0]
    assert (q.value, q.scaled) == (20, False)


def test_a_share_before_another_number_stays_a_share() -> None:
    kinds = [(q.kind, q.value) for q in find_quantities("half of them, a million people")]
    assert kinds == [("fraction", 0.5), ("number", 1_000_000)]
