"""When two reported figures disagree: qualifiers, stated ranges and the attribute's
tolerance (knowledge.yaml), without the model or a database."""

from __future__ import annotations

import pytest

from annexwatch.knowledge.events import Source
from annexwatch.knowledge.figures import Figure, _disagree, load_figure_rules


def figure(value=None, *, low=None, high=None, qualifier="exact", attribute="population") -> Figure:
    return Figure(
        claim_id=1, subject="XSO", attribute=attribute, value=value, low=low, high=high,
        unit="persons", currency=None, qualifier=qualifier, as_of=None, about=None,
        source=Source("a.txt", None, None, None), sentence="", evidence="",
    )


@pytest.fixture(scope="module")
def rules():
    return load_figure_rules()


def test_a_range_and_a_rounded_figure_well_above_it_disagree(rules):
    # "an estimated 30-40,000" against "about 50,000": 40,000 vs at least 45,000
    assert _disagree(figure(low=30_000, high=40_000, qualifier="estimate"),
                     figure(50_000, qualifier="approximate"), rules)


def test_rounding_within_the_qualifier_is_no_disagreement(rules):
    assert not _disagree(figure(48_300), figure(50_000, qualifier="approximate"), rules)


def test_a_small_gap_within_tolerance_is_no_disagreement(rules):
    # 40,000 and 43,000 exact: 7.5 per cent apart, inside population's 10 per cent
    assert not _disagree(figure(40_000), figure(43_000), rules)
    assert _disagree(figure(40_000), figure(46_000), rules)


def test_open_bounds_only_disagree_on_their_closed_side(rules):
    more_than = figure(200_000, qualifier="lower_bound")
    assert not _disagree(more_than, figure(350_000), rules)
    assert _disagree(more_than, figure(120_000), rules)
