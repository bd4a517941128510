"""The pipeline's own sentence marks: line breaks and datelines. Sentences written for these tests."""

from __future__ import annotations

import pytest

from annexwatch.nlp.pipeline import get_nlp

pytestmark = pytest.mark.model


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents]


def test_a_dateline_before_a_dash_is_a_sentence_of_its_own() -> None:
    text = "SUKHUM — Abkhazia's parliament ratified the agreement on Tuesday, officials said."
    first, second = sentences(text)[:2]
    assert first == "SUKHUM —"
    assert second.startswith("Abkhazia's parliament ratified")
    text = "TIRASPOL, Moldova – The region's leader said it would never join Moldova."
    assert sentences(text)[1].startswith("The region's leader said")


def test_a_dash_in_the_middle_of_a_sentence_is_no_dateline() -> None:
    text = "The treaty — signed in Moscow on Tuesday — was ratified within a week."
    assert sentences(text) == [text]


def test_a_headline_line_is_a_sentence_of_its_own() -> None:
    text = "Abkhazia votes\nVoters in Abkhazia went to the polls on Sunday."
    assert sentences(text) == ["Abkhazia votes", "Voters in Abkhazia went to the polls on Sunday."]
